"""Layout: turn an Edition and a Theme into a laid-out PDF, and report where every note landed."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.utils import ImageReader

from ..indexing.subject import IndexCatalogue
from ..language.catalogue import Words
from ..model import Edition
from ..style.theme import Theme
from .contents import contents_story
from .cover import Cover
from .index import index_story
from .markup import MarkupRenderer, anchor_underline
from .pages import BODY, COVER, INDEX, PLAIN, SHEET, HandbookDoc, PartBreak
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
    callout_boxes: list = field(default_factory=list)  # notes: (page, number, x, top, width, height)
    qr_boxes: list = field(default_factory=list)  # links' QR codes: (page, key, x, top, width, height)
    qr_codes: dict = field(default_factory=dict)  # QR key -> URL it encodes
    cheatsheet_size: float | None = None  # the font size the cheat sheet was set in (pt), if it has one
    cheatsheet_pages: int = 0  # 1, or 2 for a two-sided card
    splits: list = field(default_factory=list)  # (callout key, page of the head, page of the rest)
    figures: dict = field(default_factory=dict)  # targets.placement_figures
    holes: dict = field(default_factory=dict)  # body page -> empty body lines at its foot (not a part's end)


def _placement_warnings(edition: Edition, log: dict) -> list:
    """A warning for every note that could not start beside its anchor or on the next page."""
    from ..errors import Diagnostic
    out = []
    for annotated in [*edition.documents, *edition.prose_pages]:
        for note in annotated.notes:
            anchor, page = log.get(note.number, (None, None))
            if page is None:
                out.append(Diagnostic("warning", note.position, f"note {note.number} was not placed"))
            elif page - anchor > 1:
                out.append(Diagnostic("warning", note.position,
                                      f"note {note.number} starts on p. {page}, {page - anchor} pages after its "
                                      f"anchor on p. {anchor}", "the margin there is full; shorten nearby notes"))
    return out


def _placement_report(edition: Edition, theme: Theme, doc, ctx) -> tuple:
    """Where every note landed, the placement figures, and the warnings (late notes, missed targets)."""
    from .targets import missed_targets, placement_figures
    # the report speaks of notes; QR-code callouts ("q…") are placed the same way but are not notes
    log = {int(key[1:]): (anchor, page) for key, page, anchor in doc.margin.figures.placed if key.startswith("n")}
    notes_total = sum(1 for k in ctx.callouts if k.startswith("n"))
    figures = placement_figures(log, notes_total, doc.state.holes, doc.margin.figures.splits)
    warnings = list(doc.state.warnings) + _placement_warnings(edition, log)
    warnings += missed_targets(figures, theme.placement, theme.path)
    return log, notes_total, figures, warnings


def document_prefix(edition: Edition, document) -> str:
    """Destinations of one document are prefixed in a packet of several, so "para-3" stays unique."""
    documents = edition.documents
    return "" if len(documents) == 1 else f"d{documents.index(document) + 1}-"


def contents_entries(edition: Edition, words) -> list[tuple[int, str, str]]:
    """(level, title, key) of every contents line, in print order; keys match the story's destinations."""
    from ..model import Heading, ProseHeading
    single = len(edition.documents) == 1
    base = 0 if single else 1
    rows = []
    for part in edition.parts:
        if part.kind == "document":
            document = part.document
            prefix = document_prefix(edition, document)
            if not single:
                rows.append((0, document.title, f"{prefix}doc"))
            for section in document.sections:
                rows.append((base, f"{section.number}. {section.title}", f"{prefix}sec-{section.number}"))
                sub = 0
                for block in section.body:
                    if isinstance(block, Heading):
                        sub += 1
                        rows.append((base + 1, block.title, f"{prefix}sec-{section.number}-{sub}"))
        elif part.kind == "prose":
            from .prose import prose_key
            key = prose_key(part.prose)
            rows.append((0, part.prose.title, key))
            headings = [b for b in part.prose.blocks if isinstance(b, ProseHeading)]
            rows += [(1, h.plain, f"{key}-{i}") for i, h in enumerate(headings, 1)]
        elif part.kind == "cheatsheet":
            rows.append((0, part.cheatsheet.title, "cheatsheet"))
        elif part.kind == "index":
            rows.append((0, words("index"), "index"))
            rows.append((0, words("countries"), "countries"))
    return rows


def _annotated_story(edition: Edition, part, ctx: StoryContext, doc_source) -> list:
    """The story of a document part or a prose part; their destinations carry a prefix of their own."""
    renderer = ctx.renderer
    if part.kind == "document":
        ctx.prefix = renderer.prefix = document_prefix(edition, part.document)
        story = document_story(part.document, ctx, doc_source)
        renderer.prefix = ""
        return story
    from .prose import prose_key, prose_story
    ctx.prefix = renderer.prefix = prose_key(part.prose) + "-"
    story = prose_story(part.prose, ctx, doc_source)
    ctx.prefix = renderer.prefix = ""
    return story


def render(edition: Edition, theme: Theme, target, logo: ImageReader | None = None,
           doc_kwargs: dict | None = None) -> LayoutResult:
    """Lay out `edition` with `theme` into `target` (a path or a binary file object)."""
    theme.words = theme.words or Words(edition.language, edition.labels)  # a theme not prepared by build()
    theme.hyphenation_exceptions = tuple(edition.hyphenation)  # with the style's (layout/typesetting.py)
    styles = make_styles(theme)
    catalogue = IndexCatalogue(edition)
    renderer = MarkupRenderer(theme.colour("primary"), theme.colour("highlight"), catalogue, anchor_underline(theme))
    documents = edition.documents
    ctx = StoryContext(theme, styles, renderer, single_document=len(documents) == 1)
    first_symbol = documents[0].symbol if documents else ""
    fields = {"conference": edition.conference, "committee": edition.committee, "title": edition.title,
              "symbol": first_symbol}
    doc_holder: list = []
    state_source = lambda: doc_holder[0].state  # noqa: E731  (the doc exists before any pass runs)

    story: list = []
    sheets: list = []  # the cheat sheet's page, kept: doc.build() consumes the story
    for index, part in enumerate(edition.parts):
        template = {"cover": COVER, "document": BODY, "prose": BODY, "cheatsheet": SHEET,
                    "index": INDEX}.get(part.kind, PLAIN)
        if index == 0:
            first_template = template
        else:
            if part.kind in ("document", "prose"):
                story.append(Marked(header_fields={"symbol": part.document.symbol if part.document else ""}))
            story.append(PartBreak(template, theme.duplex, lambda: doc_holder[0]))
        if part.kind == "cover":
            story.append(Cover(edition, theme, first_symbol, logo))
        elif part.kind == "contents":
            story.extend(contents_story(theme, styles, contents_entries(edition, theme.words)))
        elif part.kind in ("document", "prose"):
            story.extend(_annotated_story(edition, part, ctx, lambda: doc_holder[0]))
        elif part.kind == "cheatsheet":
            from .cheatsheet import cheatsheet_story
            story.extend(sheets := cheatsheet_story(edition, part.cheatsheet, theme, styles, renderer))
        elif part.kind == "index":
            story.extend(index_story(catalogue, theme, styles, state_source))

    doc = HandbookDoc(target, theme, ctx.callouts, ctx.footnotes, fields, contents=contents_entries(edition, theme.words),
                      catalogue=catalogue,
                      **(doc_kwargs or {}))
    doc_holder.append(doc)
    doc._firstPageTemplateIndex = [t.id for t in doc.pageTemplates].index(first_template)
    try:
        doc.build(story)  # a single pass: contents and index numbers are known by the time they are set
    finally:
        for flowable in story:  # a child still working for a build that failed is stopped
            if getattr(flowable, "fitting", None) is not None:
                flowable.fitting.close()
    state = doc.state
    log, notes_total, figures, warnings = _placement_report(edition, theme, doc, ctx)
    return LayoutResult(
        pages=doc.page, note_pages=log, notes_total=notes_total, warnings=warnings, figures=figures,
        index_hits=state.index_hits, footnote_pages=state.footnote_pages, footnote_refs=state.footnote_refs,
        callout_boxes=[(page, int(key[1:]), *rest) for page, key, *rest in state.callout_boxes if key[0] == "n"],
        qr_boxes=[(page, key, *rest) for page, key, *rest in state.callout_boxes if key[0] == "q"],
        qr_codes=dict(ctx.qr_urls), splits=list(doc.margin.figures.splits), holes=dict(state.holes),
        cheatsheet_size=sheets[0].size if sheets else None, cheatsheet_pages=sheets[0].pages if sheets else 0)
