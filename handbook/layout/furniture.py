"""Running header and footer, filled from the style's templates ({conference}, {committee}, {symbol}, {page})."""
from __future__ import annotations

import string

from ..theme import Theme


class _Fields(dict):
    def __missing__(self, key):  # an unknown field prints empty rather than failing a build mid-way
        return ""


def fill(template: str, fields: dict) -> str:
    text = string.Formatter().vformat(template, (), _Fields(fields))
    # drop separators left dangling by empty fields ("A ·  · B" -> "A · B")
    parts = [p.strip() for p in text.split("·")]
    return " · ".join(p for p in parts if p)


def draw_header_footer(canv, theme: Theme, page: int, fields: dict, right_hand: bool) -> None:
    width, height = theme.page_size
    m = theme.margins
    left = m["inner"] if right_hand else m["outer"]
    right = width - (m["outer"] if right_hand else m["inner"])
    values = dict(fields, page=page)
    font = theme.fonts["headings"]
    size = theme.sizes["header"]
    canv.saveState()
    header = fill(theme.header, values)
    if header:
        y = height - m["top"] + size * 1.9
        canv.setFont(font.regular, size)
        canv.setFillColor(theme.colour("muted"))
        if right_hand:
            canv.drawRightString(right, y, header)
        else:
            canv.drawString(left, y, header)
        canv.setStrokeColor(theme.colour("rule"))
        canv.setLineWidth(0.4)
        canv.line(left, y - size * 0.6, right, y - size * 0.6)
    footer = fill(theme.footer, values)
    if footer:
        canv.setFont(font.bold, size + 1)
        canv.setFillColor(theme.colour("text"))
        y = m["bottom"] - (size + 1) * 2.6
        if right_hand:
            canv.drawRightString(right, y, footer)
        else:
            canv.drawString(left, y, footer)
    canv.restoreState()
