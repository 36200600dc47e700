"""Font families: the built-in faces, registering a style's fonts, and checking their glyph coverage."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from ..errors import Position, Report
from .fontcache import load_font

FONT_DIR = Path(__file__).parent / "fonts"
BUILTIN_FONTS = {
    "serif": {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
              "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"},
    "sans": {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf",
             "italic": "LiberationSans-Italic.ttf", "bold_italic": "LiberationSans-BoldItalic.ttf"},
    # Chinese (cut from LXGW WenKai by fonts/make_kai.py); Chinese has no italics, so those are upright
    "kai": {"regular": "HandbookKai-Regular.ttf", "bold": "HandbookKai-Bold.ttf",
            "italic": "HandbookKai-Regular.ttf", "bold_italic": "HandbookKai-Bold.ttf"},
}


@dataclass
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str


def font_problem(path: Path) -> tuple[str, str] | None:
    """Why a font file cannot be embedded (ReportLab embeds TrueType outlines only), or None."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        return f"cannot be read: {exc.strerror}", ""
    if magic in (b"\x00\x01\x00\x00", b"true", b"ttcf"):
        try:  # a damaged or truncated file fails here, at the style key, not mid-build
            from reportlab.pdfbase.ttfonts import TTFontFile
            TTFontFile(str(path), validate=0)
        except Exception as exc:  # noqa: BLE001 - ReportLab raises struct.error, KeyError, TTFError ...
            return (f"cannot be read as a font ({str(exc).replace(str(path), path.name)})",
                    "the file may be damaged; copy it again")
        return None
    if magic == b"OTTO":
        return ("is an OpenType font with PostScript (CFF) outlines, which cannot be embedded",
                "use the TrueType-flavoured .ttf or .otf of the same family")
    if magic in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF)", "use the .ttf or .otf file of the same family"
    return "is not a TrueType or OpenType font file", "fonts must be .ttf or .otf files"


# Characters that French, Spanish and Russian text needs, plus the typography the layout prints.
COVERAGE = {
    "French": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»",
    "Spanish": "áéíóúñüÁÉÍÓÚÑÜ¿¡",
    "Russian": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№",
    "punctuation": "–—‘’“”…•·§¶€",
}


def missing_glyphs(font_name: str, text: str) -> str:
    """The characters of `text` that the registered TrueType font `font_name` has no glyph for."""
    face = pdfmetrics.getFont(font_name).face
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None:  # a standard Type 1 font: Latin-1 only
        return "".join(ch for ch in dict.fromkeys(text) if ord(ch) > 255)
    return "".join(ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in cmap)


def register_family(role: str, spec: dict, style_path: Path, report: Report) -> FontFamily:
    family = spec.get("family", "serif")
    base = BUILTIN_FONTS.get(family)
    names, paths = {}, {}
    for face in ("regular", "bold", "italic", "bold_italic"):
        path = paths[face] = spec.get(face) or (FONT_DIR / base[face] if base else None)
        if path is None:
            report.error(Position(str(style_path)), f"fonts.{role}: family {family!r} is not built in",
                         "built-in families: serif, sans; or give regular/bold/italic/bold_italic files")
            return FontFamily(*["Helvetica"] * 4)
        font_name = f"hb-{Path(path).stem}"
        if Path(path).parent.resolve() != FONT_DIR.resolve():  # two styles' "Regular.ttf" must not collide
            font_name += "-" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:6]
        if font_name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(load_font(font_name, Path(path)))
            except (TTFError, OSError, ValueError) as exc:
                report.error(Position(str(path)), f"fonts.{role}.{face}: cannot read font: {exc}")
                return FontFamily(*["Helvetica"] * 4)
        names[face] = font_name
    addMapping(names["regular"], 0, 0, names["regular"])
    addMapping(names["regular"], 1, 0, names["bold"])
    addMapping(names["regular"], 0, 1, names["italic"])
    addMapping(names["regular"], 1, 1, names["bold_italic"])
    for face, font_name in names.items():
        gaps = {lang: missing_glyphs(font_name, chars) for lang, chars in COVERAGE.items()}
        gaps = {lang: chars for lang, chars in gaps.items() if chars}
        if gaps:
            report.warning(Position(str(style_path)), f"fonts.{role}.{face}: {Path(paths[face]).name} "
                           "has no glyphs for " + "; ".join(f"{lang} {chars}" for lang, chars in gaps.items()),
                           "such characters would print as empty boxes")
    return FontFamily(names["regular"], names["bold"], names["italic"], names["bold_italic"])
