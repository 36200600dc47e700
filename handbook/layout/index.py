"""The back-of-book index (placeholder until the navigation work lands)."""
from __future__ import annotations

from reportlab.platypus import Paragraph


def index_story(edition, theme, styles, state_source) -> list:
    from .story import OutlinedParagraph
    return [OutlinedParagraph('<a name="index"/>Index', styles.part_title, ("Index", "index", 0), 0),
            Paragraph("(index)", styles.plain)]
