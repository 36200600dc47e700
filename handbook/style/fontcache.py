"""TrueType fonts loaded quickly: the metrics ReportLab parses from each font file are kept in the disk cache."""
from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version, rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from ..diskcache import cached, file_stamp

# What a parsed face holds that marshal cannot: the file's bytes (read again, 1 ms), and a scaling function.
_NOT_KEPT = ("_ttf_data", "_pdfScale")


class Font(TTFont):
    """A TrueType font whose text, once its characters have codes in the PDF, is encoded in C."""

    def splitString(self, text, doc, encoding="utf-8"):
        # ReportLab walks every character in Python (21 ms a build); when each character already
        # has a code below 256 the answer is one run in subset 0, which bytes() builds at once
        state = self.state.get(doc)
        if state is not None and text and isinstance(text, str):
            try:
                return [(0, bytes(map(state.assignments.__getitem__, map(ord, text.replace("\xa0", " ")))))]
            except (KeyError, ValueError):  # a character new to the document, or one past code 255
                pass
        return super().splitString(text, doc, encoding)


def load_font(name: str, path: Path) -> TTFont:
    """`TTFont(name, path)`, parsed from the file once and then read back from the cache.

    ReportLab walks the cmap, hmtx and loca tables in pure Python: about 9 ms a face, eight faces
    a build. The parsed tables are plain dictionaries and lists, which load in a millisecond.
    """
    parsed: list[TTFontFace] = []

    def parse() -> dict:
        face = TTFontFace(str(path))
        parsed.append(face)
        return _face_state(face)

    state = cached("font", f"{file_stamp(path)}|reportlab {Version}", parse,
                   lambda v: isinstance(v, dict) and "charWidths" in v and "unitsPerEm" in v,
                   slot=str(path.resolve()))
    face = parsed[0] if parsed else _face_from_state(state, path)
    font = Font.__new__(Font)  # what TTFont.__init__ does, around a face that is already parsed
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def _face_state(face: TTFontFace) -> dict:
    state = {}
    for key, value in vars(face).items():
        if key in _NOT_KEPT:
            continue
        if isinstance(value, TTFNameBytes):  # bytes that also carry their text
            value = ("TTFNameBytes", bytes(value), value.ustr)
        state[key] = value
    return state


def _face_from_state(state: dict, path: Path) -> TTFontFace:
    face = TTFontFace.__new__(TTFontFace)
    for key, value in state.items():
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "TTFNameBytes":
            value = TTFNameBytes(value[1])
            value.ustr = state[key][2]
        setattr(face, key, value)
    face._ttf_data = path.read_bytes()
    per_em = face.unitsPerEm  # as TTFontFile.extractInfo scales: to 1000 units an em
    factor = 1000 / per_em
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * factor)
    return face
