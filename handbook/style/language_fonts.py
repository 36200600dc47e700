"""The bundled font family a language's script needs (Chinese), put in place of a style's fonts that lack it."""
from __future__ import annotations

from ..errors import Report
from ..language.catalogue import catalogue
from .families import FONT_DIR, register_family
from .theme import Theme


def use_language_fonts(theme: Theme, code: str, report: Report) -> None:
    """Give every font role the language's bundled family, if it names one (the styles' fonts lack its script).

    The style keeps its sizes, colours and geometry; only the faces change, so a Chinese edition builds
    in every style.
    """
    family = catalogue(code).fonts
    if family:
        theme.fonts = {role: register_family(role, {"family": family}, FONT_DIR / family, report)
                       for role in theme.fonts}
