"""The one-page cheat sheet: a pillars diagram and a grid of boxes, shrunk to fit one page or refused."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..errors import BuildFailed, Position
from ..model import CheatBlock, CheatItem, CheatSheet, Edition
from ..style.theme import Theme
from .flowables import Paragraph
from .markup import MarkupRenderer, escape, hexcolour
from .typesetting import for_theme

STEP = 0.25  # pt: how finely the font size is searched when shrinking to fit
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def sheet_size(theme: Theme) -> tuple[float, float]:
    orient = theme.cheatsheet.get("orientation") or "portrait"
    return landscape(theme.page_size) if orient == "landscape" else portrait(theme.page_size)


@dataclass
class _Box:
    block: CheatBlock
    paragraphs: list  # flowables inside the box, in order
    height: float = 0.0


class CheatSheetPage(Flowable):
    """Draws the whole cheat sheet into a full-page frame at the largest size that fits."""

    def __init__(self, edition: Edition, sheet: CheatSheet, theme: Theme, renderer: MarkupRenderer,
                 link_refs: bool, page_size: tuple[float, float]):
        super().__init__()
        self.edition, self.sheet, self.theme = edition, sheet, theme
        self.link_refs = link_refs
        self.page_size = page_size
        self.size = None
        self.fitting = None  # a Background computing fit_size() on the other core, when started
        # ¶ references point into the edition's first document (prefixed in a packet of several)
        self.ref_prefix = "" if len(edition.documents) <= 1 else "d1-"
        self.renderer = copy.copy(renderer)  # in-document links in items point there too, or nowhere alone
        self.renderer.prefix, self.renderer.internal_links = self.ref_prefix, link_refs
        self.outline = (sheet.title, "cheatsheet", 0)

    # ---- geometry -----------------------------------------------------------------------
    @property
    def margin(self) -> float:
        return min(self.theme.margins["outer"], self.theme.margins["inner"], 36)

    def wrap(self, aw, ah):
        self.width, self.height = aw, ah - 1
        if self.size is None:
            self.size = self.fitting.result() if self.fitting else fit_size(self)
            if fitted_sizes is not None:
                fitted_sizes.put(self, self.size)
        return self.width, self.height

    def columns(self) -> int:
        wanted = self.theme.cheatsheet.get("columns") or 2
        return max(1, min(3, int(wanted)))

    # ---- content --------------------------------------------------------------------------
    def styles(self, size: float) -> dict:
        theme = self.theme
        body = theme.fonts["callouts"]
        head = theme.fonts["headings"]
        text = theme.colour("text")
        styles = {
            "item": ParagraphStyle("cs-item", fontName=body.regular, fontSize=size, leading=size * 1.2,
                                   textColor=text, leftIndent=size * 1.6, bulletIndent=0, spaceAfter=size * 0.3,
                                   bulletFontName=body.regular, bulletFontSize=size),
            "sub": ParagraphStyle("cs-sub", fontName=body.regular, fontSize=size, leading=size * 1.18,
                                  textColor=text, leftIndent=size * 2.6, bulletIndent=size * 1.6,
                                  bulletFontName=body.regular, bulletFontSize=size),
            "title": ParagraphStyle("cs-title", fontName=head.bold, fontSize=size * 1.15, leading=size * 1.4,
                                    textColor=theme.colour("primary"), spaceAfter=size * 0.35),
            "pillar": ParagraphStyle("cs-pillar", fontName=body.regular, fontSize=size, leading=size * 1.2,
                                     textColor=text, alignment=TA_CENTER),
        }
        settings = for_theme(theme, self.edition.hyphenation)  # the edition's exceptions too (layout/typesetting.py)
        for style in styles.values():
            style.typesetting = settings
        return styles

    def refs(self, refs: list[int], size: float) -> str:
        if not refs:
            return ""
        muted = hexcolour(self.theme.colour("muted"))
        parts = []
        for n in refs:
            label = str(n)
            parts.append(f'<a href="#{self.ref_prefix}para-{n}" color="{muted}">{label}</a>' if self.link_refs else label)
        return f' <font size="{self.small(size)}" color="{muted}">¶&nbsp;{", ".join(parts)}</font>'

    def item_markup(self, item: CheatItem, block: CheatBlock, size: float) -> str:
        title = f"<b>{escape(item.title)}</b>" if item.title else ""
        text = self.renderer.render(item.text)
        sep = ": " if block.kind not in ("timeline",) else " "
        if block.kind in ("timeline", "lettered"):
            return text + self.refs(item.refs, size)
        return (title + sep if title else "") + text + self.refs(item.refs, size)

    def box(self, block: CheatBlock, size: float, width: float) -> _Box:
        st = self.styles(size)
        flow = [Paragraph(escape(block.title) + (f' <font size="{self.small(size, 0.8)}" color="{hexcolour(self.theme.colour("muted"))}">'
                                                 f'{escape(block.source)}</font>' if block.source else ""), st["title"])]
        if block.kind == "pillars":
            flow.append(PillarsDiagram(block, self.theme, size, width - 2 * self.pad(size), self, st["pillar"]))
        else:
            for index, item in enumerate(block.items):
                bullet = item_bullet(block.kind, index, item)
                style = st["item"]
                if block.kind == "timeline":
                    style = ParagraphStyle("cs-tl", parent=style, leftIndent=size * 3.1)
                flow.append(Paragraph(f"<bullet>{bullet}</bullet>" + self.item_markup(item, block, size), style))
                for sub in item.items:
                    flow.append(Paragraph("<bullet>–</bullet>" + self.renderer.render(sub.text) +
                                          self.refs(sub.refs, size), st["sub"]))
        inner = width - 2 * self.pad(size)
        height = 2 * self.pad(size)
        for f in flow:
            height += f.wrap(inner, 10 ** 6)[1] + f.getSpaceAfter()
        return _Box(block, flow, height)

    def small(self, size: float, factor: float = 0.85) -> float:
        """A secondary text size, never below the style's minimum."""
        return max(size * factor, float(self.theme.cheatsheet.get("min_font_size") or 7))

    def pad(self, size: float) -> float:
        return size * 0.7

    def header_height(self, size: float) -> float:
        return size * 5.2

    def arrange(self, size: float):
        """Place boxes at `size`: pillars across the top, the rest in columns. Returns (placements, overflow)."""
        cache = self.__dict__.setdefault("_arranged", {})  # fitting tries sizes; drawing reuses the winner
        if size not in cache:
            cache[size] = self._arrange(size)
        return cache[size]

    def _arrange(self, size: float):
        width, height = self.page_size
        m = self.margin
        gap = size * 1.1
        top = height - m - self.header_height(size)
        bottom = m + size * 1.6  # room for the foot line
        full = width - 2 * m
        placements = []
        blocks = list(self.sheet.blocks)
        wide = [b for b in blocks if b.kind == "pillars"]
        y = top
        for block in wide:
            box = self.box(block, size, full)
            placements.append((box, m, y, full))
            y -= box.height + gap
        cols = self.columns()
        col_w = (full - gap * (cols - 1)) / cols
        rest = [self.box(b, size, col_w) for b in blocks if b.kind != "pillars"]
        # split the boxes, in order, into columns so that the tallest column is as short as possible
        groups = best_columns([b.height + gap for b in rest], cols)
        overflow = float("-inf")  # signed: below zero, the room left in the fullest column
        index = 0
        for col, count in enumerate(groups):
            cursor = y
            for box in rest[index:index + count]:
                placements.append((box, m + col * (col_w + gap), cursor, col_w))
                cursor -= box.height + gap
            index += count
            overflow = max(overflow, bottom - (cursor + gap))
        return placements, overflow

    # ---- drawing --------------------------------------------------------------------------
    def draw(self):
        canv, theme = self.canv, self.theme
        size = self.size
        width, height = self.page_size
        m = self.margin
        canv.bookmarkHorizontal("cheatsheet", 0, self.height)
        head = theme.fonts["headings"]
        primary = theme.colour("primary")
        # header: conference and committee, title, subtitle
        canv.saveState()
        canv.setFillColor(theme.colour("muted"))
        canv.setFont(head.regular, self.small(size, 0.95))
        canv.drawString(m, height - m - size, f"{self.edition.conference} · {self.edition.committee}")
        canv.drawRightString(width - m, height - m - size, theme.words("cheatsheet"))
        canv.setFillColor(primary)
        canv.setFont(head.bold, size * 1.9)
        canv.drawString(m, height - m - size * 3.2, self.sheet.title)
        canv.setFillColor(theme.colour("text"))
        canv.setFont(head.regular, size)
        if self.sheet.subtitle:
            canv.drawString(m, height - m - size * 4.5, self.sheet.subtitle)
        canv.setStrokeColor(primary)
        canv.setLineWidth(1.2)
        canv.line(m, height - m - size * 5.0, width - m, height - m - size * 5.0)
        canv.restoreState()
        placements, _ = self.arrange(size)
        for box, x, top, w in placements:
            self.draw_box(box, x, top, w, size)
        canv.saveState()
        canv.setFont(head.regular, self.small(size, 0.8))
        canv.setFillColor(theme.colour("muted"))
        foot = theme.words("cheatsheet_refs") + (" " + theme.words("click_to_jump") if self.link_refs else "")
        canv.drawString(m, m, foot)
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
        inner = width - 2 * pad
        for f in box.paragraphs:
            _, h = f.wrap(inner, 10 ** 6)
            y -= h
            f.drawOn(canv, x + pad, y)
            y -= f.getSpaceAfter()


class PillarsDiagram(Flowable):
    """The three pillars drawn as a temple: a roof naming the norm, three columns, their texts beneath."""

    def __init__(self, block: CheatBlock, theme: Theme, size: float, width: float, page: CheatSheetPage, style):
        super().__init__()
        self.block, self.theme, self.size, self.page, self.style = block, theme, size, page, style
        self.width = width
        self.items = block.items[:3]
        self.texts = [Paragraph(page.item_markup(CheatItem(i.text, "", i.refs), block, size), style) for i in self.items]

    def geometry(self):
        s = self.size
        n = max(1, len(self.items))
        col_w = self.width / n
        roof_h, shaft_h, base_h = s * 2.6, s * 3.0, s * 1.2
        text_h = max(t.wrap(col_w - s, 10 ** 6)[1] for t in self.texts) if self.texts else 0
        return col_w, roof_h, shaft_h, base_h, text_h

    def wrap(self, aw, ah):
        col_w, roof_h, shaft_h, base_h, text_h = self.geometry()
        self.height = roof_h + shaft_h + base_h + self.size * 0.6 + text_h
        return self.width, self.height

    def draw(self):
        canv, theme, s = self.canv, self.theme, self.size
        col_w, roof_h, shaft_h, base_h, text_h = self.geometry()
        primary = theme.colour("primary")
        solid = not theme.grayscale
        on_fill = colors.white if solid else theme.colour("text")
        top = self.height
        head = theme.fonts["headings"]
        canv.saveState()
        canv.setStrokeColor(primary)
        canv.setFillColor(primary)
        canv.setLineWidth(0.8)
        # roof
        path = canv.beginPath()
        path.moveTo(0, top - roof_h)
        path.lineTo(self.width / 2, top)
        path.lineTo(self.width, top - roof_h)
        path.close()
        canv.drawPath(path, stroke=1, fill=1 if solid else 0)
        canv.setFillColor(on_fill)
        canv.setFont(head.bold, s * 1.05)
        canv.drawCentredString(self.width / 2, top - roof_h + s * 0.5, self.theme.words("pillars_roof"))
        # shafts with their numerals
        y_base = top - roof_h - shaft_h
        for i, item in enumerate(self.items):
            cx = col_w * (i + 0.5)
            w = col_w * 0.42
            canv.setFillColor(primary)
            canv.rect(cx - w / 2, y_base, w, shaft_h, stroke=1, fill=1 if solid else 0)
            canv.setFillColor(on_fill)
            canv.setFont(head.bold, s * 1.1)
            canv.drawCentredString(cx, y_base + shaft_h / 2 - s * 0.35, item.title or self.theme.words("pillar", number=i + 1))
        # base
        canv.setFillColor(primary)
        canv.rect(0, y_base - base_h, self.width, base_h, stroke=1, fill=1 if solid else 0)
        canv.setFillColor(on_fill)
        canv.setFont(head.regular, self.page.small(s))
        canv.drawCentredString(self.width / 2, y_base - base_h + s * 0.35, self.theme.words("pillars_base"))
        canv.restoreState()
        for i, text in enumerate(self.texts):
            _, h = text.wrap(col_w - s, 10 ** 6)
            text.drawOn(canv, col_w * i + s / 2, y_base - base_h - s * 0.6 - h)


def item_bullet(kind: str, index: int, item: CheatItem) -> str:
    if kind == "numbered":
        return f"{index + 1}."
    if kind == "lettered":
        return f"({escape(item.title) or LETTERS[index % 26]})"
    if kind == "timeline":
        return f"<b>{escape(item.title)}</b>"
    return "•"


def best_columns(heights: list[float], cols: int) -> list[int]:
    """How many consecutive boxes go in each column, minimising the tallest column (few boxes: try all)."""
    from itertools import combinations
    n = len(heights)
    best, best_split = None, None
    for cuts in combinations(range(n + 1), cols - 1):
        if list(cuts) != sorted(cuts):
            continue
        bounds = [0, *cuts, n]
        tallest = max(sum(heights[a:b]) for a, b in zip(bounds, bounds[1:]))
        if best is None or tallest < best - 1e-6:
            best, best_split = tallest, [b - a for a, b in zip(bounds, bounds[1:])]
    return best_split or [n]


def fit_size(page: CheatSheetPage) -> float:
    """The largest font size (from the style's maximum down to its minimum) at which everything fits."""
    theme = page.theme
    high = float(theme.cheatsheet.get("max_font_size") or 10)
    low = float(theme.cheatsheet.get("min_font_size") or 7)
    steps = int(round((high - low) / STEP))
    over: dict[int, float] = {}  # size step -> how far the fullest column runs past the page (pt)

    def fits_at(i: int) -> bool:
        if i not in over:
            over[i] = page.arrange(low + i * STEP)[1]
        return over[i] <= 0
    if fits_at(steps):
        return high
    if fits_at(0):
        # search the STEP grid between a size that fits (lo) and one that does not (hi); taller
        # content at larger sizes makes "fits" monotonic. The overflow grows about in proportion
        # to the size, so the first probe aims where it crosses zero, and its neighbour usually
        # settles it: four arrangements where halving took five or six (eight at worst, when the
        # overflow is far from proportional).
        lo, hi = 0, steps
        a, b = over[lo], over[hi]
        guess = min(max(lo + int((hi - lo) * -a / (b - a)), lo + 1), hi - 1) if hi - lo > 1 else lo
        if hi - lo > 1:
            if fits_at(guess):
                lo = guess
                if guess + 1 < hi:
                    lo, hi = (guess + 1, hi) if fits_at(guess + 1) else (lo, guess + 1)
            else:
                hi = guess
                if guess - 1 > lo:
                    lo, hi = (guess - 1, hi) if fits_at(guess - 1) else (lo, guess - 1)
        while hi - lo > 1:  # the guess was off: halve what is left
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if fits_at(mid) else (lo, mid)
        return low + lo * STEP
    _, overflow = page.arrange(low)
    at = page.sheet.position if page.sheet.position.path != "<generated>" else Position("cheatsheet")
    total = page.page_size[1] - 2 * page.margin
    raise BuildFailed(f"{at}: error: the cheat sheet does not fit on one page even at {low:g} pt: it needs "
                        f"{overflow:.0f} pt more ({100 * overflow / total:.0f}% of the page); shorten its items "
                        f"or lower cheatsheet.min_font_size in the style")


# A warm process (handbook/watch.py) keeps fitted sizes between rebuilds: get(page) -> size or None, put(page, size)
fitted_sizes = None


def cheatsheet_story(edition, sheet, theme, styles, renderer) -> list:
    """The cheat sheet as a part of the handbook: one page, paragraph references are links.

    Finding the size that fits sets the sheet five or six times over; a forked child does that
    while the body is laid out, and the sheet is set once more, at the size found, when its turn comes.
    """
    from .background import Background
    page = CheatSheetPage(edition, sheet, theme, renderer, True, sheet_size(theme))
    page.size = fitted_sizes.get(page) if fitted_sizes is not None else None
    if page.size is None:
        page.fitting = Background(lambda: fit_size(page))
    return [page]


def write_cheatsheet(edition: Edition, sheet: CheatSheet, theme: Theme, target) -> float:
    """Write the cheat sheet alone as a one-page PDF; returns the font size it was set in."""
    renderer = MarkupRenderer(theme.colour("primary"), theme.colour("highlight"))
    page_size = sheet_size(theme)
    page = CheatSheetPage(edition, sheet, theme, renderer, False, page_size)
    page.outline = None
    doc = BaseDocTemplate(target, pagesize=page_size, invariant=1, title=f"{edition.conference} · {sheet.title}",
                          author=edition.organizer.name, creator="handbook",
                          initialFontName=theme.fonts["body"].regular)
    frame = Frame(0, 0, *page_size, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("sheet", [frame], pagesize=page_size)])
    doc.build([page])
    return page.size
