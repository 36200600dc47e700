"""The one-page cheat sheet (placeholder until its own layout lands)."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph


def cheatsheet_story(edition, sheet, theme, styles, renderer) -> list:
    from .story import OutlinedParagraph
    out = [OutlinedParagraph(f'<a name="cheatsheet"/>{escape(sheet.title)}', styles.part_title,
                             (sheet.title, "cheatsheet", 0), 0)]
    for block in sheet.blocks:
        out.append(Paragraph(escape(block.title), styles.subheading))
        for item in block.items:
            out.append(Paragraph(renderer.render(item.text), styles.plain))
    return out
