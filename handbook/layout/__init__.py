"""Layout: turn an Edition and a Theme into a laid-out PDF, and report where every note landed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import NextPageTemplate, PageBreak

from ..indexing import IndexCatalogue
from ..model import Edition
from ..theme import Theme
from .contents import contents_story
from .cover import Cover
from .index import index_story
from .markup import MarkupRenderer
from .pages import BODY, COVER, PLAIN, SHEET, HandbookDoc
from .story import Marked, StoryContext, document_story
from .styles import make_styles


@dataclass
class LayoutResult:
    pages: int
    note_pages: dict  # note number -> (anchor page, first callout page)
    notes_total: int
    warnings: list = field(default_factory=list)
    index_hits: dict = field(default_factory=dict)
    footnote_pages: dict = field(default_factory=dict)  # footnote number -> page its text prints on
    footnote_refs: dict = field(default_factory=dict)  # footnote number -> pages of its markers
    callout_boxes: list = field(default_factory=list)
    passes: int = 1


def render(edition: Edition, theme: Theme, target, logo: ImageReader | None = None,
           doc_kwargs: dict | None = None) -> LayoutResult:
    """Lay out `edition` with `theme` into `target` (a path or a binary file object)."""
    styles = make_styles(theme)
    catalogue = IndexCatalogue(edition)
    renderer = MarkupRenderer(theme.colour("primary"), theme.colour("highlight"), catalogue)
    documents = edition.documents
    ctx = StoryContext(theme, styles, renderer, single_document=len(documents) == 1)
    first_symbol = documents[0].symbol if documents else ""
    fields = {"conference": edition.conference, "committee": edition.committee, "title": edition.title,
              "symbol": first_symbol}
    doc_holder: list = []
    state_source = lambda: doc_holder[0].state  # noqa: E731  (the doc exists before any pass runs)

    story: list = []
    current = None
    for index, part in enumerate(edition.parts):
        template = {"cover": COVER, "document": BODY, "cheatsheet": SHEET}.get(part.kind, PLAIN)
        if index == 0:
            first_template = template
        else:
            if part.kind == "document":
                story.append(Marked(header_fields={"symbol": part.document.symbol}))
            if template != current:
                story.append(NextPageTemplate(template))
            story.append(PageBreak())
        current = template
        if part.kind == "cover":
            story.append(Cover(edition, theme, first_symbol, logo))
        elif part.kind == "contents":
            story.extend(contents_story(theme, styles))
        elif part.kind == "document":
            story.extend(document_story(part.document, ctx, state_source))
        elif part.kind == "cheatsheet":
            from .cheatsheet import cheatsheet_story
            story.extend(cheatsheet_story(edition, part.cheatsheet, theme, styles, renderer))
        elif part.kind == "index":
            story.extend(index_story(catalogue, theme, styles, state_source))

    doc = HandbookDoc(target, theme, ctx.callouts, ctx.footnotes, fields, **(doc_kwargs or {}))
    doc_holder.append(doc)
    doc._firstPageTemplateIndex = [t.id for t in doc.pageTemplates].index(first_template)
    passes = doc.multiBuild(story)
    state = doc.state
    log = {number: (anchor, page) for number, page, anchor in doc.margin.placed_log}
    return LayoutResult(
        pages=doc.page, note_pages=log, notes_total=len(ctx.callouts), warnings=list(state.warnings),
        index_hits=state.index_hits, footnote_pages=state.footnote_pages, footnote_refs=state.footnote_refs,
        callout_boxes=state.callout_boxes,
        passes=passes)
