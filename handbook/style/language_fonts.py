"""The bundled font family a language's script needs (Chinese), put in place of a style's fonts that lack it."""
from __future__ import annotations

from ..errors import Report
from ..language.catalogue import catalogue
from .families import FONT_DIR, missing_glyphs, register_family
from .theme import Theme


def use_language_fonts(theme: Theme, code: str, report: Report) -> None:
    """Give each font role that cannot print the language's script the language's bundled family (if it names one).

    A role whose font has every character of the language's labels keeps it (a style may name a fuller
    CJK font); the style keeps its sizes, colours and geometry, so a Chinese edition builds in every style.
    """
    language = catalogue(code)
    if not language.fonts:
        return
    script = "".join(ch for ch in "".join(language.labels.values()) if ord(ch) > 0x2FFF)
    theme.fonts = {role: register_family(role, {"family": language.fonts}, FONT_DIR / language.fonts, report)
                   if missing_glyphs(faces.regular, script) else faces for role, faces in theme.fonts.items()}
