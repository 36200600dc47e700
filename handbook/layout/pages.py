"""Page templates and the document template: mirrored columns, header, footer, callouts and footnotes per page."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from ..style.theme import Theme
from .margin import MarginPlacer
from .flowables import IndexedParagraph, laid_lines, laid_points
from .footnotes import BodyFrame
from .markup import CB_ANCHOR, CB_FOOTNOTE, CB_INDEX, CB_NUMBER
from .furniture import watermark_page

COVER, PLAIN, BODY, SHEET, INDEX, BLANK = "cover", "plain", "body", "sheet", "index", "blank"


@dataclass
class LayoutState:
    """What the layout learns while it draws; reset at the start of every pass."""

    anchors: list = field(default_factory=list)  # (note number, y top) on the current page
    index_hits: dict = field(default_factory=dict)  # term -> set of pages
    printed_footnotes: set = field(default_factory=set)
    footnote_pages: dict = field(default_factory=dict)  # number -> page where its text is printed
    footnote_refs: dict = field(default_factory=dict)  # number -> pages where its marker is printed
    callout_boxes: list = field(default_factory=list)  # (page, number, x, top, width, height)
    warnings: list = field(default_factory=list)
    header_fields: dict = field(default_factory=dict)
    key_pages: dict = field(default_factory=dict)  # outline key -> page it starts on (fills the contents)
    holes: dict = field(default_factory=dict)  # body page -> empty body lines at the foot of its text


def is_right_hand(page: int) -> bool:
    return page % 2 == 1


class PartBreak(Flowable):
    """Ends a part: the next starts on a new page in `template`; for duplex, on a right-hand page.

    In duplex printing a part that would begin on a left-hand (even) page is preceded by a blank page.
    """

    ends_part = True  # the page planner's story ends here

    def __init__(self, template: str, duplex: bool, doc_source):
        super().__init__()
        self.template, self.duplex, self.doc_source = template, duplex, doc_source

    def wrap(self, aw, ah):
        return aw, ah + 1  # never fits: the frame asks us to split into the page breaks

    def split(self, aw, ah):
        if self.duplex and is_right_hand(self.doc_source().page):  # the next page would be a left-hand one
            return [NextPageTemplate(BLANK), PageBreak(), NextPageTemplate(self.template), PageBreak()]
        return [NextPageTemplate(self.template), PageBreak()]

    def draw(self):
        pass


class HandbookDoc(BaseDocTemplate):
    """Lays out the story; at each page end places that page's callouts and footnotes."""

    def __init__(self, target, theme: Theme, callouts: dict, footnotes: dict, header_fields: dict,
                 contents: list | None = None, catalogue=None, **kwargs):
        self.catalogue = catalogue  # finds index terms in the text as it is drawn
        self.contents = contents or []  # (level, title, key) rows whose page numbers are filled in at the end
        self.theme = theme
        self.callouts = callouts  # note number -> Callout
        self.footnote_paras = footnotes
        self.state = LayoutState()
        self.base_fields = header_fields
        width, height = theme.page_size
        m = theme.margins
        super().__init__(target, pagesize=theme.page_size, leftMargin=m["inner"], rightMargin=m["outer"],
                         topMargin=m["top"], bottomMargin=m["bottom"], **kwargs)
        body_height = height - m["top"] - m["bottom"]
        pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # a footnote splits off its reference's page only to spare a hole of more than max_hole whole lines
        hole = (theme.placement["max_hole"] + 1) * theme.sizes["leading"] - 0.01
        rules = dict(separator=theme.spacing["footnote_separator"], max_hole=hole)
        self.body_frame = BodyFrame(0, m["bottom"], theme.text_width, body_height, id="text",
                                    footnotes=footnotes, printed=self.state.printed_footnotes,
                                    on_page_start=self._plan_page, **rules, **pad)
        frame = self.body_frame
        self.margin = MarginPlacer(theme, callouts, (frame.new_reserve, frame.start_reserve, frame.spill,
                                                     frame.overleaf))
        self.plain_frame = BodyFrame(0, m["bottom"], width - m["inner"] - m["outer"], body_height, id="plain",
                                     footnotes=footnotes, printed=self.state.printed_footnotes, **rules, **pad)
        self.cover_frame = Frame(0, 0, width, height, id="cover", **pad)
        full = width - m["inner"] - m["outer"]
        self.column_gap = theme.gutter
        # one full-width frame: the index sets its own balanced columns in it (layout/index.py)
        self.index_frames = [Frame(0, m["bottom"], full, body_height, id="index1", **pad)]
        from .cheatsheet import sheet_size
        sheet = sheet_size(theme)
        self.sheet_frame = Frame(0, 0, sheet[0], sheet[1], id="sheet", **pad)
        self.addPageTemplates([
            PageTemplate(COVER, [self.cover_frame], onPage=self._decorate, pagesize=theme.page_size),
            PageTemplate(PLAIN, [self.plain_frame], onPage=self._decorate, pagesize=theme.page_size),
            PageTemplate(BODY, [self.body_frame], onPage=self._decorate, pagesize=theme.page_size),
            PageTemplate(SHEET, [self.sheet_frame], pagesize=sheet, onPage=watermark_page),
            PageTemplate(INDEX, self.index_frames, onPage=self._decorate, pagesize=theme.page_size),
            PageTemplate(BLANK, [Frame(0, 0, width, height, id="blank", **pad)], pagesize=theme.page_size),
        ])

    def _endBuild(self):
        # define the contents' page-number forms once every page is known, then save: one pass only
        self._doSave = 0
        super()._endBuild()
        from .contents import define_page_forms
        define_page_forms(self.canv, self.theme, self.contents, self.state.key_pages)
        if self.callouts:
            self.margin.define_forms(self.canv, next(iter(self.callouts.values())).cont_style)
        self.canv.save()

    # geometry ---------------------------------------------------------------------------
    def text_x(self, page: int, full_width: bool = False) -> float:
        m = self.theme.margins
        if full_width:
            return m["inner"] if is_right_hand(page) else m["outer"]
        if is_right_hand(page):
            return m["inner"]
        return m["outer"] + self.theme.callout_width + self.theme.gutter

    def callout_x(self, page: int) -> float:
        m = self.theme.margins
        if is_right_hand(page):
            return m["inner"] + self.theme.text_width + self.theme.gutter
        return m["outer"]

    # passes -----------------------------------------------------------------------------
    def beforeDocument(self):
        printed = self.state.printed_footnotes
        printed.clear()
        self.state = LayoutState(printed_footnotes=printed, header_fields=dict(self.base_fields))
        self.margin.reset()
        self.canv.showOutline()  # open the bookmarks panel; top-level entries start collapsed
        if self.theme.duplex:
            self.canv.setViewerPreference("Duplex", "DuplexFlipLongEdge")
        self.canv.setNamedCB(CB_ANCHOR, self._on_anchor)
        self.canv.setNamedCB(CB_INDEX, self._on_index)
        self.canv.setNamedCB(CB_FOOTNOTE, self._on_footnote_ref)
        self.canv.setNamedCB(CB_NUMBER, self._on_number)

    def _on_anchor(self, canv, kind, key):
        """Note where a callout's anchor was drawn: its callout is placed beside it at the page's end."""
        info = canv._curr_tx_info
        _, y = canv.absolutePosition(info["cur_x"], info["cur_y"])
        style = info["xs"].style
        canv.bookmarkHorizontal(f"anchor-{key}", info["cur_x"], info["cur_y"] + style.fontSize)
        self.state.anchors.append((key, y))  # the line's baseline: the callout's first baseline goes there

    def _on_number(self, canv, kind, label):
        """Draw a paragraph number (or item label) that anchors notes, on a highlight."""
        info = canv._curr_tx_info
        style = info["xs"].style
        x = info["cur_x"] - style.leftIndent - style.firstLineIndent + style.bulletIndent
        y = info["cur_y"]
        size = style.bulletFontSize
        width = stringWidth(label, style.bulletFontName, size)
        canv.saveState()
        if self.theme.marks["anchor"] == "underline":  # marked as the style marks anchor phrases
            canv.setStrokeColor(self.theme.colour("text"))
            canv.setLineWidth(self.theme.marks["underline"])
            canv.line(x, y - size * 0.15, x + width, y - size * 0.15)
        else:
            canv.setFillColor(self.theme.colour("highlight"))
            canv.rect(x - 1.5, y - size * 0.25, width + 3, size * 1.15, stroke=0, fill=1)
        canv.setFillColor(self.theme.colour("text"))
        canv.setFont(style.bulletFontName, size)
        canv.drawString(x, y, label)
        canv.restoreState()

    def _on_footnote_ref(self, canv, kind, label):
        self.state.footnote_refs.setdefault(label, []).append(canv.getPageNumber())

    def _on_index(self, canv, kind, label):
        self.state.index_hits.setdefault(label, set()).add(canv.getPageNumber())

    # pages ------------------------------------------------------------------------------
    def _decorate(self, canv, doc):
        """Position the page's frame on the side its parity asks for, then draw header and footer."""
        page = self.page
        template = self.pageTemplate.id
        canv.bookmarkPage(f"page-{page}")  # index entries link here
        if template == BODY:
            self.body_frame._x1 = self.text_x(page)
        elif template == PLAIN:
            self.plain_frame._x1 = self.text_x(page, full_width=True)
        elif template == INDEX:
            left = self.text_x(page, full_width=True)
            for i, frame in enumerate(self.index_frames):
                frame._x1 = left + i * (frame._width + self.column_gap)
                frame._geom()
        if template != COVER:  # (the cover draws its own watermark, clear of its band)
            from .furniture import draw_header_footer, draw_watermark
            draw_watermark(canv, self.theme)
            draw_header_footer(canv, self.theme, page, self.state.header_fields, is_right_hand(page))

    def afterPage(self):
        canv = self.canv
        page = self.page
        template = self.pageTemplate.id
        if template in (BODY, PLAIN):
            frame = self.body_frame if template == BODY else self.plain_frame
            frame.draw_footnotes(canv, self.theme.colour("rule"))
            for n, piece in frame.foot:
                self.state.footnote_pages.setdefault(n, page)  # where it starts, if it continues overleaf
                self._index(piece, page)
        if template == BODY:
            self._place_callouts(canv, page)
            if frame.stop is not None:  # the part's text goes on: an empty foot here is a hole
                self.state.holes[page] = int((frame._y - frame._y1p) / self.theme.sizes["leading"] + 1e-6)
        elif self.state.anchors:
            self.margin.carry(self.state.anchors, page)
        self.state.anchors = []

    def handle_flowable(self, flowables):
        self._remaining = flowables  # the story still to come: the page planner reads ahead in it
        super().handle_flowable(flowables)

    def _plan_page(self, flowable):
        """At a body page's first flowable: where the page-window planner says this page's text ends."""
        frame = self.body_frame
        return self.margin.plan_text([flowable] + self._remaining, self.page, frame._y, frame._y1p)

    def margin_overflows(self) -> bool:
        """Whether callouts wait that this page's margin cannot take (so the part needs another page)."""
        if not (self.margin.pending or self.state.anchors):
            return False
        if self.pageTemplate.id != BODY:
            return True
        return self.margin.overflows(self.state.anchors, self.page)

    def _place_callouts(self, canv, page: int):
        theme = self.theme
        x = self.callout_x(page)

        def draw(callout, top):
            _, height = callout.wrap(theme.callout_width, 10 ** 6)
            callout.drawOn(canv, x, top - height)
            for item in callout.content:
                self._index(item, page)
            self.state.callout_boxes.append((page, callout.key, x, top, theme.callout_width, height))
        self.margin.place(self.state.anchors, page, draw, last=self.body_frame.stop is None)

    def _index(self, flowable, page: int) -> None:
        """Record the index terms a drawn paragraph (or group of them) holds, at `page`."""
        if isinstance(flowable, IndexedParagraph):
            if self.catalogue is not None:
                hits = self.state.index_hits
                for _, _, key in laid_points(flowable, self.catalogue.points):
                    hits.setdefault(key, set()).add(page)
                before = flowable.before
                if before is not None and before.indexed_page is not None:  # a term across the page break
                    tail, head = (laid_lines(before) or [""])[-1], (laid_lines(flowable) or [""])[0]
                    for key in self.catalogue.crossing(tail, head):
                        hits.setdefault(key, set()).add(before.indexed_page)  # indexed where it starts
                flowable.indexed_page = page
        else:
            for child in getattr(flowable, "_content", ()) or ():
                self._index(child, page)

    def afterFlowable(self, flowable):
        self._index(flowable, self.page)
        outline = getattr(flowable, "outline", None)
        if outline:
            title, key, level = outline
            self.state.key_pages.setdefault(key, self.page)
            self.canv.addOutlineEntry(title, key, level=level, closed=level == 0)
        fields = getattr(flowable, "header_fields", None)
        if fields:
            self.state.header_fields.update(fields)
