"""Turn a Document and its notes into flowables: header block, title, sections, paragraphs, callouts."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from ..model import (
    Document, Heading, ItemList, Note, Paragraph as SourceParagraph, Prose, Text, nth_find, plain_text,
)
from ..style.theme import Theme
from .callouts import Callout, keep_numbers
from .flowables import IndexedParagraph, Paragraph
from .markup import CB_NUMBER, Marker, MarkupRenderer, SUPER, escape, hexcolour, on_draw
from .qrcodes import link_markers
from .styles import Styles


@dataclass
class StoryContext:
    theme: Theme
    styles: Styles
    renderer: MarkupRenderer
    single_document: bool = True
    prefix: str = ""  # destination prefix of the current document ("" alone, "d1-" in a packet)
    qr_count: int = 0
    qr_urls: dict = field(default_factory=dict)  # QR callout key -> the URL it encodes
    callouts: dict = field(default_factory=dict)  # note number -> Callout (numbers unique per edition)
    footnotes: dict = field(default_factory=dict)  # footnote number -> Paragraph


class Marked(Flowable):
    """A zero-size flowable that hands new running-header fields (a document's symbol) to the pages."""

    def __init__(self, header_fields: dict):
        super().__init__()
        self.header_fields = header_fields
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class OutlinedParagraph(Paragraph):
    """A heading paragraph that adds itself to the PDF outline and the contents.

    `keep_lines`: the page planner never ends a page after it (a heading stays with what follows).
    """

    keep_lines = 0

    def __init__(self, text, style, outline=None, keep: bool = False, **kwargs):
        super().__init__(text, style, **kwargs)  # ReportLab's split passes bulletText= and frags=
        self.outline = outline
        self.keep_lines = 2 if keep else 0

    def split(self, aw, ah):
        parts = super().split(aw, ah)
        for part in parts[1:]:
            part.outline = None
        if parts:
            parts[0].outline = self.outline
        return parts


class DrainCallouts(Flowable):
    """Ends a document part only when every callout has been placed (adds pages while some wait)."""

    ends_part = True  # the page planner's story ends here

    def __init__(self, doc_source):
        super().__init__()
        self.doc_source = doc_source  # callable returning the document template

    def _waiting(self) -> bool:
        doc = self.doc_source()
        return doc.margin_overflows() or bool(doc.body_frame.carried)  # callouts or footnotes still to print

    def wrap(self, aw, ah):
        if self._waiting():
            return aw, ah + 1  # cannot fit: the frame asks us to split, and we break the page
        return 0, 0

    def split(self, aw, ah):
        if self._waiting():
            # the empty spacer makes the page one with content for ReportLab, which otherwise stops a
            # layout after ten pages without any (two hundred notes on one paragraph fill more)
            return [PageBreak(), Spacer(0, 0), DrainCallouts(self.doc_source)]
        return []

    def draw(self):
        pass


def note_marker(note: Note, ctx: StoryContext, base: float | None = None) -> str:
    """A note's marker (symbol and number, raised) after its anchor, in text of `base` pt (default: body).

    Two thirds of the text's size, but never below marks.marker_size: smaller ones vanish on a photocopy.
    """
    theme = ctx.theme
    kind = theme.kind(note.kind.id)
    font = theme.fonts["callouts"].bold
    base = base or theme.sizes["body"]
    size = max(base * 0.66, theme.marks["marker_size"])
    return (f'<a href="#note-{note.number}" color="{hexcolour(kind.colour)}"><super rise="30%" size="{size:.2f}">'
            f'<font face="{font}">{escape(kind.symbol)}{note.number}</font></super></a>')


def build_callout(note: Note, ctx: StoryContext) -> Callout:
    theme, styles = ctx.theme, ctx.styles
    kind = theme.kind(note.kind.id)
    muted = hexcolour(theme.colour("muted"))
    label = (f'<font color="{hexcolour(kind.colour)}">{escape(kind.symbol)}&nbsp;{note.number}</font>&nbsp;&nbsp;'
             f'{escape(theme.words.kind(note.kind.id, note.kind.label))} <font color="{muted}" '
             f'face="{theme.fonts["callouts"].regular}">{keep_numbers(escape(theme.words.attachment(note.attach)))}'
             f'</font>')
    if note.tag:
        label += f' <font color="{hexcolour(theme.colour("accent"))}">· {escape(note.tag.upper())}</font>'
    content = []
    for block in note.body:
        if isinstance(block, Prose):
            content.append(IndexedParagraph(ctx.renderer.render(block.text), styles.callout_body))
        elif isinstance(block, ItemList):
            for i, item in enumerate(block.items, 1):
                bullet = f"{i}." if block.ordered else "•"
                content.append(IndexedParagraph(f"<bullet>{bullet}</bullet>{ctx.renderer.render(item)}",
                                         styles.callout_item))
    callout = Callout(f"n{note.number}", note.number, kind, Paragraph(label, styles.callout_label), content,
                      theme.spacing["callout_padding"], theme.colour("rule"), theme.words.attachment(note.attach),
                      cont_style=styles.callout_cont, dest=f"note-{note.number}")
    callout.words = theme.words
    return callout


def _notes_by_place(document: Document) -> dict:
    places: dict = {}
    for note in document.notes:
        a = note.attach
        key = {"document": ("title",), "section": ("section", a.section),
               "paragraph": ("paragraph", a.paragraph), "item": ("item", a.paragraph, a.item)}[a.target]
        places.setdefault(key, []).append(note)
    return places


def _markers(notes: list[Note], plain: str, ctx: StoryContext, at_start_only=False,
             passed: dict | None = None) -> tuple[list, list]:
    """Markers for notes whose phrase is in `plain`, and the notes left to mark at the start.

    `passed` counts, per note, the occurrences of its phrase in the earlier blocks of its paragraph,
    so that `occurrence: N` marks the N-th of the whole paragraph."""
    markers, rest = [], []
    passed = {} if passed is None else passed
    for note in notes:
        start = -1
        if note.phrase and not at_start_only:
            start = nth_find(plain, note.phrase, note.occurrence - 1 - passed.get(id(note), 0))
            if start < 0:
                passed[id(note)] = passed.get(id(note), 0) + plain.count(note.phrase)
        if start >= 0:
            markers.append(Marker(start, start + len(note.phrase), note_marker(note, ctx), f"n{note.number}",
                                  order=note.number))
        else:
            rest.append(note)
    return markers, rest


def _start_markers(notes: list[Note], ctx: StoryContext) -> list:
    # markers of notes on a whole paragraph: a space between every fourth and the next lets a long run of
    # them break over lines (two hundred notes made one word that ran off the page)
    return [Marker(0, 0, note_marker(note, ctx) + ("&nbsp;" if i == len(notes) - 1 else " " if i % 4 == 3 else ""),
                   f"n{note.number}", highlight=False, order=note.number) for i, note in enumerate(notes)]


def _in_one_piece(table: Table, cells, theme: Theme) -> list:
    """The table, if it fits half a page; else its cells one below the other, free to run over pages
    (a table row cannot break, and two hundred organs or sessions made one taller than the page)."""
    _, height = table.wrap(theme.text_width, 10 ** 6)
    if height <= (theme.page_size[1] - theme.margins["top"] - theme.margins["bottom"]) / 2:
        return [table]
    return list(cells())


def header_block(document: Document, ctx: StoryContext) -> list:
    theme, styles = ctx.theme, ctx.styles
    h = document.header
    width = theme.text_width
    head_font = theme.fonts["headings"]
    organs = "<br/>".join(escape(o) for o in h.organs)
    organ_size = theme.sizes["heading"]
    left = Paragraph(f'<para leading="{organ_size * 1.2}"><font face="{head_font.bold}" size="{organ_size}">'
                     f'{organs}</font></para>', styles.header_small)
    symbol_size = theme.sizes["heading"] * 1.05
    symbol = Paragraph(f'<para alignment="right" leading="{symbol_size * 1.2}"><font face="{head_font.bold}" '
                       f'size="{symbol_size}">{escape(document.symbol)}</font></para>', styles.header_small)
    words = theme.words
    details = [escape(words("distribution", value=h.distribution)) if h.distribution else "", escape(h.date),
               escape(words("original", value=h.original)) if h.original else ""]
    detail = Paragraph("<br/>".join(d for d in details if d), styles.header_small)
    sessions = [Paragraph("<br/>".join([f"<b>{escape(s.organ)}</b>"] + [escape(x) for x in s.lines]),
                          styles.header_small) for s in h.sessions]
    rows = [[left, symbol], ["", detail]]
    table = Table(rows, colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.fonts["body"].regular),  # not ReportLab's Helvetica default
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.6, theme.colour("text")),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5), ("TOPPADDING", (0, 1), (-1, 1), 5),
    ]))
    def stacked():  # the same cells as paragraphs whose style carries their size, so they split cleanly
        big = ParagraphStyle("organs", parent=styles.header_small, fontName=head_font.bold, fontSize=organ_size,
                             leading=organ_size * 1.2)
        return [Paragraph(organs, big), Paragraph(escape(document.symbol), big), detail]
    out: list = [*_in_one_piece(table, stacked, theme), Spacer(1, 4 * mm)]
    if sessions:
        sess = Table([sessions], colWidths=[width / len(sessions)] * len(sessions))
        sess.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), theme.fonts["body"].regular)]))
        out += [*_in_one_piece(sess, lambda: sessions, theme), Spacer(1, 4 * mm)]
    for line in h.agenda:
        out.append(Paragraph(escape(line), styles.agenda))
    return out


def document_story(document: Document, ctx: StoryContext, doc_source) -> list:
    """Flowables for one document part, registering its callouts and footnotes in `ctx`."""
    styles, renderer = ctx.styles, ctx.renderer
    places = _notes_by_place(document)
    for note in document.notes:
        ctx.callouts[f"n{note.number}"] = build_callout(note, ctx)
    for footnote in document.footnotes:
        qr = link_markers(footnote.text.nodes, ctx.theme.words("attach_footnote", number=footnote.number), ctx)
        text = f'<a name="{ctx.prefix}fn-{footnote.number}"/>{renderer.render(footnote.text, qr)}'
        ctx.footnotes[f"{ctx.prefix}{footnote.number}"] = IndexedParagraph(
            f"<bullet><super>{footnote.number}</super></bullet>{text}", styles.footnote)

    base_level = 0 if ctx.single_document else 1
    story: list = header_block(document, ctx)
    # the title carries the notes on the document as a whole
    title_notes = places.get(("title",), [])
    title = document.title_text.nodes if document.title_text else [Text(document.title)]
    end = len(plain_text(title))  # the notes' marks after the last word, a footnote number counting no letters
    title_markers = [Marker(end, end, note_marker(n, ctx, styles.title.fontSize), f"n{n.number}",
                            highlight=False, order=n.number) for n in title_notes]
    title_markup = renderer.render(title, title_markers)
    story.append(Spacer(1, 3 * mm))
    outline = None if ctx.single_document else (document.title, f"{ctx.prefix}doc", 0)
    story.append(OutlinedParagraph(title_markup, styles.title, outline))
    if document.subtitle:
        story.append(Paragraph(escape(document.subtitle), styles.subtitle))

    for section in document.sections:
        key = f"{ctx.prefix}sec-{section.number}"
        notes = places.get(("section", section.number), [])
        # the notes' marks go after the last word (a footnote number in the title counts no letters)
        heading_text = f"{section.number}.\u2002{section.title_text.plain if section.title_text else section.title}"
        markers = [Marker(len(heading_text), len(heading_text), note_marker(n, ctx, styles.section.fontSize),
                          f"n{n.number}",
                          highlight=False, order=n.number) for n in notes]
        title = [Text(heading_text)] if section.title_text is None else [Text(f"{section.number}.\u2002"),
                                                                          *section.title_text.nodes]
        markup = f'<a name="{key}"/>' + renderer.render(title, markers)
        story.append(OutlinedParagraph(markup, styles.section, (f"{section.number}. {section.title}", key, base_level),
                                       keep=True))
        sub = 0
        for block in section.body:
            if isinstance(block, Heading):
                sub += 1
                key = f"{ctx.prefix}sec-{section.number}-{sub}"
                title = renderer.render(block.title_text.nodes, []) if block.title_text else escape(block.title)
                story.append(OutlinedParagraph(f'<a name="{key}"/>{title}', styles.subheading,
                                               (block.title, key, base_level + 1), keep=True))
            else:
                story.extend(paragraph_flowables(block, places, ctx))
    story.append(DrainCallouts(doc_source))
    return story


def paragraph_flowables(paragraph: SourceParagraph, places: dict, ctx: StoryContext) -> list:
    styles, renderer = ctx.styles, ctx.renderer
    notes = places.get(("paragraph", paragraph.number), [])
    out = []
    leftover, passed = list(notes), {}
    for index, block in enumerate(paragraph.blocks):
        markers, leftover = _markers(leftover, block.plain, ctx, passed=passed)
        markers += link_markers(block.nodes, ctx.theme.words("attach_paragraph", paragraph=paragraph.number), ctx)
        if index == 0:
            start_notes = [n for n in leftover if not n.phrase or n.phrase not in paragraph.plain]
            leftover = [n for n in leftover if n not in start_notes]
            markers += _start_markers(start_notes, ctx)
            number = f"{paragraph.number}."
            # a number that anchors notes is drawn, highlighted, by the CB_NUMBER callback instead
            bullet = on_draw(CB_NUMBER, number) if start_notes else f"<bullet>{number}</bullet>"
            text = f'{bullet}<a name="{ctx.prefix}para-{paragraph.number}"/>' + renderer.render(block, markers)
            out.append(IndexedParagraph(text, styles.body))
        else:
            out.append(IndexedParagraph(renderer.render(block, markers), styles.continuation))
    for item in paragraph.items:
        item_notes = places.get(("item", paragraph.number, item.label), [])
        markers, rest = _markers(item_notes, item.text.plain, ctx)
        markers += _start_markers(rest, ctx)
        markers += link_markers(item.text.nodes, ctx.theme.words("attach_item", paragraph=paragraph.number,
                                                                    item=item.label), ctx)
        label = f"({item.label})"
        bullet = on_draw(CB_NUMBER, label) if rest else f"<bullet>{label}</bullet>"
        out.append(IndexedParagraph(bullet + renderer.render(item.text, markers), styles.item))
    return out
