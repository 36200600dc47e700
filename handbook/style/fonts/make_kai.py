"""Make HandbookKai, the bundled Chinese font: LXGW WenKai (OFL 1.1) cut to the characters Chinese text needs.

    apt-get install fonts-lxgw-wenkai && pip install fonttools && python handbook/style/fonts/make_kai.py

Keeps the 3,755 characters of GB 2312 level 1 (the common ones: they cover nearly all modern
text), Latin, Greek, Cyrillic, CJK and full-width punctuation and the symbols the layout prints,
which makes about 2 MB a face instead of 15. A cut font is a Modified Version under the OFL, so it
must not carry the Reserved Font Names "LXGW" and "霞鹜": it is renamed HandbookKai.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/lxgw-wenkai")
HERE = Path(__file__).resolve().parent
RANGES = [(0x20, 0x7F), (0xA0, 0x250), (0x370, 0x460), (0x2000, 0x2070), (0x20A0, 0x20C0), (0x2100, 0x2150), (0x2190, 0x2200),
          (0x2460, 0x2500), (0x25A0, 0x2600), (0x3000, 0x3040), (0xFF00, 0xFFF0)]


def characters() -> str:
    level_1 = [bytes([high, low]).decode("gb2312") for high in range(0xB0, 0xD8) for low in range(0xA1, 0xFF)
               if not (high == 0xD7 and low > 0xF9)]  # the level's last row ends at F9
    return "".join(level_1) + "".join(chr(c) for start, end in RANGES for c in range(start, end))


def cut(face: str) -> Path:
    font = TTFont(SOURCE / f"LXGWWenKai-{face}.ttf")
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    for record in font["name"].names:  # the OFL's Reserved Font Names go: a cut font is a Modified Version
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            text = record.toUnicode().replace("LXGW WenKai", "HandbookKai").replace("LXGWWenKai", "HandbookKai")
            text = text.replace("霞鹜文楷", "HandbookKai").replace("LXGW", "Handbook").replace("霞鹜", "Handbook")
            record.string = text
    out = HERE / f"HandbookKai-{face}.ttf"
    font.save(out)
    return out


if __name__ == "__main__":
    for face in ("Regular", "Bold"):
        path = cut(face)
        print(f"{path.name}: {path.stat().st_size // 1024} KB", file=sys.stderr)
