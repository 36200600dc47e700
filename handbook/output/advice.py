"""What a build tells the user about printing what it made: how to print a booklet, and what it shrank."""
from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic, Position, relative
from ..style.theme import Theme
from .booklet import WARN_BELOW, Imposition, full_size_sheet, paper_name


def booklet_advice(imposition: Imposition, theme: Theme, cheatsheet_size: float | None,
                   target: Path) -> tuple[str, Diagnostic | None]:
    """The line saying how to print the booklet, and a warning if its pages shrink below WARN_BELOW."""
    sheet = paper_name(imposition.sheet)
    advice = (f"booklet: {imposition.sides // 2} {sheet} sheets; print double-sided, flip on the SHORT edge, "
              "then fold the stack in half and staple on the fold")
    scale = imposition.scale
    if scale >= WARN_BELOW:
        return advice, None
    sizes = [f"body {theme.sizes['body'] * scale:.1f} pt", f"callouts {theme.sizes['callout'] * scale:.1f} pt"]
    if cheatsheet_size:
        sizes.append(f"cheat sheet {cheatsheet_size * scale:.1f} pt")
    full = full_size_sheet(theme.page_size)
    if full is not None:
        hint = f"print it on {full} sheets to keep 100 %: --booklet-sheet {full}"
    else:
        hint = "no standard sheet takes these pages two-up at full size; a smaller paper (an A5 style) does"
    message = (f"booklet pages print at {100 * scale:.1f} % of their size on {sheet} sheets: "
               + ", ".join(sizes))
    return advice, Diagnostic("warning", Position(relative(target)), message, hint)
