"""What `check` learns from the layout without writing a PDF: the cheat sheet fits, and (strict) no layout warning."""
from __future__ import annotations

import io

from ..errors import Diagnostic, parse_diagnostic
from ..model import Edition


def fits_cheatsheet(edition: Edition, theme) -> None:
    """Raise what a build would raise if the cheat sheet cannot fit its page in this style."""
    sheet = edition.cheatsheet
    if sheet is None:
        return
    from .cheatsheet import CheatSheetPage, fit_sheet, sheet_size
    from .markup import MarkupRenderer
    renderer = MarkupRenderer(theme.colour("primary"), theme.colour("highlight"))
    # as the handbook sets it: the binding margin and folio, one page or (where the style allows) a card
    fit_sheet(CheatSheetPage(edition, sheet, theme, renderer, True, sheet_size(theme), in_book=True))


def layout_warnings(edition: Edition, theme) -> list[Diagnostic]:
    """The warnings laying out the whole handbook gives (notes far from their anchors…), in memory."""
    from . import render
    result = render(edition, theme, io.BytesIO(), logo=theme.logos.cover if theme.logos else None,
                    doc_kwargs={"invariant": 1, "initialFontName": theme.fonts["body"].regular})
    return [w if isinstance(w, Diagnostic) else parse_diagnostic(str(w)) for w in result.warnings]
