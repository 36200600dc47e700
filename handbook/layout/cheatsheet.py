"""The cheat sheet: a pillars diagram and a grid of boxes on one page (or a two-sided card), shrunk to fit."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from ..model import CheatBlock, CheatItem, CheatSheet, Edition
from ..style.theme import Theme
from .flowables import Paragraph
from .furniture import _fit, fill
from .markup import MarkupRenderer, escape, hexcolour
from .pillars import PillarsDiagram
from .sheetfit import STEP, balance, best_columns, fit_sheet, fit_size  # noqa: F401  (STEP, fit_size: API)
from .typesetting import for_theme

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def sheet_size(theme: Theme) -> tuple[float, float]:
    orient = theme.cheatsheet.get("orientation") or "portrait"
    return landscape(theme.page_size) if orient == "landscape" else portrait(theme.page_size)


@dataclass
class _Box:
    block: CheatBlock
    paragraphs: list  # flowables inside the box, in order
    height: float = 0.0
    extra_gap: float = 0.0  # more room below this box, when its column is balanced against a longer one
    stretch: float = 0.0  # of its height, what balancing added: spread between its items


class CheatSheetPage(Flowable):
    """Draws one page of the cheat sheet into a full-page frame, at the largest size that fits.

    The first page, when the sheet needs two (a two-sided card), splits into itself and its back.
    In the handbook (`in_book`) the sheet keeps the binding margin on the inner side and has a folio.
    """

    def __init__(self, edition: Edition, sheet: CheatSheet, theme: Theme, renderer: MarkupRenderer,
                 link_refs: bool, page_size: tuple[float, float], in_book: bool = False):
        super().__init__()
        self.edition, self.sheet, self.theme = edition, sheet, theme
        self.link_refs, self.in_book = link_refs, in_book
        self.page_size = page_size
        self.size = None
        self.pages = 1  # how many pages the whole sheet takes at `size`
        self.part = 0  # which of them this flowable draws
        self.fitting = None  # a Background computing fit_sheet() on the other core, when started
        # ¶ references point into the edition's first document (prefixed in a packet of several)
        self.ref_prefix = "" if len(edition.documents) <= 1 else "d1-"
        self.renderer = copy.copy(renderer)  # in-document links in items point there too, or nowhere alone
        self.renderer.prefix, self.renderer.internal_links = self.ref_prefix, link_refs
        self.outline = (sheet.title, "cheatsheet", 0)

    # ---- geometry -----------------------------------------------------------------------
    @property
    def margin(self) -> float:
        return min(self.theme.margins["outer"], self.theme.margins["inner"], 36)

    def sides(self, right_hand: bool = True) -> tuple[float, float]:
        """(left, right) margins: in the book the inner (binding) margin is on the spine's side."""
        if not self.in_book:
            return self.margin, self.margin
        m = self.theme.margins
        return (m["inner"], m["outer"]) if right_hand else (m["outer"], m["inner"])

    def foot_y(self) -> float:
        """The baseline of the foot line (and, in the book, of the folio, where the other pages have theirs)."""
        if not self.in_book:
            return self.margin
        return self.theme.margins["bottom"] - (self.theme.sizes["header"] + 1) * 2.6

    def wrap(self, aw, ah):
        self.width, self.height = aw, ah - 1
        if self.size is None:
            self.size, self.pages = self.fitting.result() if self.fitting else fit_sheet(self)
            if fitted_sizes is not None:
                fitted_sizes.put(self, (self.size, self.pages))
        if self.pages > 1 and self.part == 0 and not getattr(self, "_split", False):
            return aw, ah + 1  # too tall on purpose: the frame asks us to split into front and back
        return self.width, self.height

    def split(self, aw, ah):
        if self.pages < 2 or self.part != 0:
            return []
        back = CheatSheetPage(self.edition, self.sheet, self.theme, self.renderer, self.link_refs,
                              self.page_size, self.in_book)
        back.size, back.pages, back.part, back.outline = self.size, self.pages, 1, None
        back.__dict__["_arranged"] = self.__dict__.get("_arranged", {})
        self._split = True
        return [self, PageBreak(), back]

    def columns(self) -> int:
        wanted = self.theme.cheatsheet.get("columns") or 2
        return max(1, min(3, int(wanted)))

    def ratio(self, key: str) -> float:
        return float(self.theme.cheatsheet[key])

    # ---- content --------------------------------------------------------------------------
    def styles(self, size: float) -> dict:
        theme = self.theme
        body, head = theme.fonts["callouts"], theme.fonts["headings"]
        text = theme.colour("text")
        lead = self.ratio("leading")
        styles = {
            "item": ParagraphStyle("cs-item", fontName=body.regular, fontSize=size, leading=size * lead,
                                   textColor=text, leftIndent=size * 1.6, bulletIndent=0, spaceAfter=size * 0.3,
                                   bulletFontName=body.regular, bulletFontSize=size),
            "sub": ParagraphStyle("cs-sub", fontName=body.regular, fontSize=size, leading=size * lead * 0.98,
                                  textColor=text, leftIndent=size * 2.6, bulletIndent=size * 1.6,
                                  bulletFontName=body.regular, bulletFontSize=size),
            "title": ParagraphStyle("cs-title", fontName=head.bold, fontSize=size * self.ratio("title_size"),
                                    leading=size * self.ratio("title_size") * 1.22,
                                    textColor=theme.colour("primary"), spaceAfter=size * 0.35),
            "pillar": ParagraphStyle("cs-pillar", fontName=body.regular, fontSize=size, leading=size * lead,
                                     textColor=text, alignment=1),
        }
        settings = for_theme(theme, self.edition.hyphenation)  # the edition's exceptions too (layout/typesetting.py)
        for style in styles.values():
            style.typesetting = settings
        return styles

    def refs(self, refs: list[int], size: float) -> str:
        if not refs:
            return ""
        muted = hexcolour(self.theme.colour("muted"))
        parts = [f'<a href="#{self.ref_prefix}para-{n}" color="{muted}">{n}</a>' if self.link_refs else str(n)
                 for n in refs]
        return f' <font size="{self.small(size)}" color="{muted}">¶&nbsp;{", ".join(parts)}</font>'

    def item_markup(self, item: CheatItem, block: CheatBlock, size: float) -> str:
        title = f"<b>{escape(item.title)}</b>" if item.title else ""
        text = self.renderer.render(item.text)
        if block.kind in ("timeline", "lettered"):
            return text + self.refs(item.refs, size)
        return (title + ": " if title else "") + text + self.refs(item.refs, size)

    def box(self, block: CheatBlock, size: float, width: float) -> _Box:
        st = self.styles(size)
        source = (f' <font size="{self.small(size, 0.8)}" color="{hexcolour(self.theme.colour("muted"))}">'
                  f'{escape(block.source)}</font>' if block.source else "")
        flow = [Paragraph(escape(block.title) + source, st["title"])]
        if block.kind == "pillars":
            flow.append(PillarsDiagram(block, self.theme, size, width - 2 * self.pad(size), self, st["pillar"]))
        else:
            for index, item in enumerate(block.items):
                style = st["item"]
                if block.kind == "timeline":
                    style = ParagraphStyle("cs-tl", parent=style, leftIndent=size * 3.1)
                bullet = item_bullet(block.kind, index, item)
                flow.append(Paragraph(f"<bullet>{bullet}</bullet>" + self.item_markup(item, block, size), style))
                for sub in item.items:
                    flow.append(Paragraph("<bullet>–</bullet>" + self.renderer.render(sub.text) +
                                          self.refs(sub.refs, size), st["sub"]))
        inner = width - 2 * self.pad(size)
        height = 2 * self.pad(size) + sum(f.wrap(inner, 10 ** 6)[1] + f.getSpaceAfter() for f in flow)
        return _Box(block, flow, height)

    def small(self, size: float, factor: float = 0.85) -> float:
        """A secondary text size, never below the style's minimum."""
        return max(size * factor, float(self.theme.cheatsheet.get("min_font_size") or 7))

    def pad(self, size: float) -> float:
        return size * self.ratio("padding")

    def header_height(self, size: float) -> float:
        return size * (self.ratio("heading_size") + 3.3)

    def arrange(self, size: float, pages: int = 1):
        """Place boxes at `size` on `pages` pages: pillars across the top of the first, the rest in columns.

        Returns (placements, overflow): placements are (box, x from the left margin, top, width, page);
        overflow is signed: below zero, the room left in the fullest column.
        """
        cache = self.__dict__.setdefault("_arranged", {})  # fitting tries sizes; drawing reuses the winner
        if (size, pages) not in cache:
            cache[size, pages] = self._arrange(size, pages)
        return cache[size, pages]

    def _arrange(self, size: float, pages: int):
        width, height = self.page_size
        gap = size * self.ratio("gap")
        top = height - self.margin - self.header_height(size)
        bottom = self.foot_y() + size * 1.6  # room for the foot line
        full = width - sum(self.sides())
        placements, y = [], top
        for block in (b for b in self.sheet.blocks if b.kind == "pillars"):
            box = self.box(block, size, full)
            placements.append((box, 0.0, y, full, 0))
            y -= box.height + gap
        cols = self.columns()
        col_w = (full - gap * (cols - 1)) / cols
        rest = [self.box(b, size, col_w) for b in self.sheet.blocks if b.kind != "pillars"]
        starts = [y if page == 0 else top for page in range(pages) for _ in range(cols)]
        groups = best_columns([b.height + gap for b in rest], [start - bottom + gap for start in starts])
        columns, index = [], 0
        for count in groups:
            columns.append(rest[index:index + count])
            index += count
        overflow = max((sum(b.height + gap for b in col) - gap) - (start - bottom)
                       for col, start in zip(columns, starts))
        for page in range(pages):
            # a sheet shrunk to fit runs on to the foot (keeping an em of air); one at its largest size need not
            shrunk = size < float(self.theme.cheatsheet.get("max_font_size") or 10)
            room = starts[page * cols] - bottom - size if shrunk else 0.0
            balance(columns[page * cols:(page + 1) * cols], gap, room, size * self.ratio("leading"))
        for number, (col, start) in enumerate(zip(columns, starts)):
            cursor = start
            for box in col:
                placements.append((box, (number % cols) * (col_w + gap), cursor, col_w, number // cols))
                cursor -= box.height + gap + box.extra_gap
        return placements, overflow

    # ---- drawing --------------------------------------------------------------------------
    def draw(self):
        canv, size = self.canv, self.size
        right_hand = canv.getPageNumber() % 2 == 1
        left, right = self.sides(right_hand)
        if self.part == 0:
            canv.bookmarkHorizontal("cheatsheet", 0, self.height)
            if self.pages == 2 and not self.in_book:  # a card alone: its back turns over the long edge
                canv.setViewerPreference("Duplex", "DuplexFlipLongEdge")
        self.draw_header(left, right)
        placements, _ = self.arrange(size, self.pages)
        for box, x, top, w, page in placements:
            if page == self.part:
                self.draw_box(box, left + x, top, w, size)
        self.draw_foot(left, right, right_hand)

    def draw_header(self, left: float, right: float) -> None:
        canv, theme, size = self.canv, self.theme, self.size
        width, height = self.page_size
        m, head, primary = self.margin, theme.fonts["headings"], theme.colour("primary")
        canv.saveState()
        canv.setFillColor(theme.colour("muted"))
        small = self.small(size, 0.95)
        canv.setFont(head.regular, small)
        tag = theme.words("cheatsheet")
        room = width - left - right - stringWidth(tag + "  ", head.regular, small)
        canv.drawString(left, height - m - size, _fit(f"{self.edition.conference} · {self.edition.committee}",
                                                      head.regular, small, room))
        canv.drawRightString(width - right, height - m - size, tag)
        canv.setFillColor(primary)
        heading = self.ratio("heading_size")
        canv.setFont(head.bold, size * heading)
        title = self.sheet.title + (f" {theme.words('continued')}" if self.part else "")
        canv.drawString(left, height - m - size * (heading + 1.3), title)
        canv.setFillColor(theme.colour("text"))
        canv.setFont(head.regular, size)
        if self.sheet.subtitle:
            canv.drawString(left, height - m - size * (heading + 2.6), self.sheet.subtitle)
        canv.setStrokeColor(primary)
        canv.setLineWidth(1.2)
        rule = height - m - size * (heading + 3.1)
        canv.line(left, rule, width - right, rule)
        canv.restoreState()

    def draw_foot(self, left: float, right: float, right_hand: bool) -> None:
        """The note on ¶ numbers on the inner side; in the book, the folio on the outer side."""
        canv, theme = self.canv, self.theme
        width = self.page_size[0]
        head, y = theme.fonts["headings"], self.foot_y()
        clickable = self.link_refs and theme.cheatsheet.get("click_hint", True)
        foot = theme.words("cheatsheet_refs") + (f" {theme.words('click_to_jump')}" if clickable else "")
        canv.saveState()
        canv.setFont(head.regular, self.small(self.size, 0.8))
        canv.setFillColor(theme.colour("muted"))
        (canv.drawString(left, y, foot) if right_hand or not self.in_book else canv.drawRightString(width - right, y, foot))
        folio = fill(theme.footer, {"page": canv.getPageNumber()}) if self.in_book else ""
        if folio:
            canv.setFont(head.bold, theme.sizes["header"] + 1)
            canv.setFillColor(theme.colour("text"))
            (canv.drawRightString(width - right, y, folio) if right_hand else canv.drawString(left, y, folio))
        canv.restoreState()

    def draw_box(self, box: _Box, x: float, top: float, width: float, size: float):
        canv, theme = self.canv, self.theme
        pad = self.pad(size)
        canv.saveState()
        canv.setStrokeColor(theme.colour("primary"))
        canv.setLineWidth(0.9 if not theme.grayscale else 0.6)
        canv.roundRect(x, top - box.height, width, box.height, size * 0.5, stroke=1, fill=0)
        canv.restoreState()
        y = top - pad
        # a balanced box spreads its extra height between its items, at most a line's worth each
        spread = min(box.stretch / max(1, len(box.paragraphs) - 1), size * self.ratio("leading"))
        for f in box.paragraphs:
            _, h = f.wrap(width - 2 * pad, 10 ** 6)
            y -= h
            f.drawOn(canv, x + pad, y)
            y -= f.getSpaceAfter() + spread


def item_bullet(kind: str, index: int, item: CheatItem) -> str:
    if kind == "numbered":
        return f"{index + 1}."
    if kind == "lettered":
        return f"({escape(item.title) or LETTERS[index % 26]})"
    if kind == "timeline":
        return f"<b>{escape(item.title)}</b>"
    return "•"


# A warm process (handbook/watch.py) keeps fitted sizes between rebuilds:
# get(page) -> (size, pages) or None, put(page, (size, pages))
fitted_sizes = None


def cheatsheet_story(edition, sheet, theme, styles, renderer) -> list:
    """The cheat sheet as a part of the handbook: paragraph references are links, the page has a folio.

    Finding the size that fits sets the sheet several times over; a forked child does that while the
    body is laid out, and the sheet is set once more, at the size found, when its turn comes.
    """
    from .background import Background
    page = CheatSheetPage(edition, sheet, theme, renderer, True, sheet_size(theme), in_book=True)
    cached = fitted_sizes.get(page) if fitted_sizes is not None else None
    if cached is not None:
        page.size, page.pages = cached
    else:
        page.fitting = Background(lambda: fit_sheet(page))
    return [page]


def write_cheatsheet(edition: Edition, sheet: CheatSheet, theme: Theme, target) -> tuple[float, int]:
    """Write the cheat sheet alone as a PDF; returns the font size it was set in and its pages (1 or 2)."""
    renderer = MarkupRenderer(theme.colour("primary"), theme.colour("highlight"))
    page_size = sheet_size(theme)
    page = CheatSheetPage(edition, sheet, theme, renderer, False, page_size)
    page.outline = None
    # every metadata field filled (ReportLab's defaults, "(unspecified)", are English) and the edition's language
    doc = BaseDocTemplate(target, pagesize=page_size, invariant=1, title=f"{edition.conference} · {sheet.title}",
                          author=edition.organizer.name, subject=sheet.subtitle or sheet.title, creator="handbook",
                          producer="handbook (ReportLab)", lang=edition.language,
                          initialFontName=theme.fonts["body"].regular)
    frame = Frame(0, 0, *page_size, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("sheet", [frame], pagesize=page_size)])
    doc.build([page])
    return page.size, page.pages
