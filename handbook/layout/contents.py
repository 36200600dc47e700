"""The contents page: section titles with dot leaders and page numbers, each a link."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from ..theme import Theme
from .styles import Styles


def contents_story(theme: Theme, styles: Styles, outline_key: str = "contents") -> list:
    toc = TableOfContents(dotsMinLevel=0)
    head = theme.fonts["headings"]
    size = theme.sizes["body"]
    toc.levelStyles = [
        ParagraphStyle("toc0", fontName=head.bold, fontSize=size, leading=size * 1.6, leftIndent=16,
                       firstLineIndent=-16, textColor=theme.colour("text")),
        ParagraphStyle("toc1", fontName=theme.fonts["body"].regular, fontSize=size * 0.95, leading=size * 1.35,
                       leftIndent=34, firstLineIndent=-16, textColor=theme.colour("text")),
        ParagraphStyle("toc2", fontName=theme.fonts["body"].italic, fontSize=size * 0.9, leading=size * 1.3,
                       leftIndent=52, firstLineIndent=-16, textColor=theme.colour("text")),
    ]
    from .story import OutlinedParagraph
    title = OutlinedParagraph(f'<a name="{outline_key}"/>Contents', styles.part_title, ("Contents", outline_key, 0),
                              None)
    return [title, toc]
