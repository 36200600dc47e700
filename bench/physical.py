"""The benchmark's physical limit: every text run of a built PDF drawn again with drawString, fonts subset, saved.

    python bench/physical.py extract built.pdf runs.json   # once, not timed: the runs, fonts and pages
    python bench/physical.py draw runs.json out.pdf         # timed: what no layout engine can beat

No layout at all: the positions come from the built PDF. What is left is what any ReportLab build
must do: start Python, import ReportLab, load the fonts, encode and subset the text, write the file.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "handbook" / "style" / "fonts"


def extract(pdf: str, runs_file: str) -> None:
    from pypdf import PdfReader
    pages = []
    for page in PdfReader(pdf).pages:
        runs = []

        def visit(text, cm, tm, font, size):
            if not text.strip() or font is None:
                return
            name = str(font.get("/BaseFont", "")).split("+")[-1].removeprefix("hb-")
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5 * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 or 1
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append([name, round(size * scale, 2), round(x, 2), round(y, 2), text.replace("\n", "")])
        page.extract_text(visitor_text=visit)
        box = page.mediabox
        pages.append({"size": [float(box.width), float(box.height)], "runs": runs})
    Path(runs_file).write_text(json.dumps(pages), encoding="utf-8")


def draw(runs_file: str, pdf: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    pages = json.loads(Path(runs_file).read_text(encoding="utf-8"))
    known = {p.stem for p in FONTS.glob("*.ttf")}
    canvas = Canvas(pdf, invariant=1)
    registered = set()
    for page in pages:
        canvas.setPageSize(page["size"])
        for name, size, x, y, text in page["runs"]:
            name = name if name in known else "LiberationSerif-Regular"
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
                registered.add(name)
            canvas.setFont(name, size or 1)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    {"extract": extract, "draw": draw}[sys.argv[1]](*sys.argv[2:4])
