"""The cheat sheet's pillars diagram: a roof naming an idea, 2-5 pillars holding it up, the base they stand on."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from ..model import CheatBlock, CheatItem
from ..style.theme import Theme
from .markup import escape


class PillarsDiagram(Flowable):
    """Drawn as a temple: every text comes from the block (roof, pillar titles, base, item texts) and wraps."""

    def __init__(self, block: CheatBlock, theme: Theme, size: float, width: float, page, style):
        super().__init__()
        self.block, self.theme, self.size, self.page = block, theme, size, page
        self.width = width
        self.items = block.items
        on_fill = colors.white if self.solid else theme.colour("text")
        head = theme.fonts["headings"]
        s = size
        self.texts = [Paragraph(page.item_markup(CheatItem(i.text, "", i.refs), block, size), style) for i in self.items]
        title = ParagraphStyle("cs-pillar-title", fontName=head.bold, fontSize=s * 1.1, leading=s * 1.3,
                               textColor=on_fill, alignment=TA_CENTER)
        self.title_texts = [item.title or theme.words("pillar", number=index + 1) for index, item in enumerate(self.items)]
        self.titles = [Paragraph(escape(text), title) for text in self.title_texts]
        self.roof = Paragraph(escape(block.roof), ParagraphStyle("cs-roof", parent=title, fontSize=s * 1.05,
                                                                  leading=s * 1.25))
        self.base = Paragraph(escape(block.base), ParagraphStyle("cs-base", parent=title, fontName=head.regular,
                                                                  fontSize=page.small(s), leading=page.small(s) * 1.2))

    @property
    def longest_word(self) -> float:
        style = self.titles[0].style if self.titles else None
        words = [w for text in self.title_texts for w in text.split()]
        return max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0.0)

    @property
    def solid(self) -> bool:
        return not self.theme.grayscale  # gray editions draw the temple in outline: no toner-heavy fills

    def geometry(self) -> dict:
        s, width = self.size, self.width
        n = max(1, len(self.items))
        col_w = width / n
        # a pillar widens for its title's longest word, so no word breaks inside it
        shaft_w = min(col_w - s * 0.4, max(col_w * self.theme.cheatsheet["pillar_width"], self.longest_word + s * 0.6))
        titles_h = max(t.wrap(shaft_w - s * 0.4, 10 ** 6)[1] for t in self.titles) if self.titles else 0
        # the roof's lines sit low in the triangle; it grows until the widest line fits between its slopes
        roof_lines_h = self.roof.wrap(width * 0.6, 10 ** 6)[1] if self.block.roof else 0
        widest = max(_line_widths(self.roof), default=0.0) if self.block.roof else 0.0
        roof_text_top = s * 0.45 + roof_lines_h
        roof_h = max(s * 2.6, roof_text_top / max(0.1, 1 - widest / width))
        base_text_h = self.base.wrap(width - s, 10 ** 6)[1] if self.block.base else 0
        text_h = max(t.wrap(col_w - s, 10 ** 6)[1] for t in self.texts) if self.texts else 0
        return dict(col_w=col_w, shaft_w=shaft_w, roof_h=roof_h, shaft_h=max(s * 3.0, titles_h + s * 1.2),
                    base_h=max(s * 1.2, base_text_h + s * 0.5), text_h=text_h, titles_h=titles_h)

    def wrap(self, aw, ah):
        g = self.geometry()
        self.height = g["roof_h"] + g["shaft_h"] + g["base_h"] + self.size * 0.6 + g["text_h"]
        return self.width, self.height

    def draw(self):
        canv, theme, s = self.canv, self.theme, self.size
        g = self.geometry()
        primary = theme.colour("primary")
        fill = 1 if self.solid else 0
        top = self.height
        canv.saveState()
        canv.setStrokeColor(primary)
        canv.setFillColor(primary)
        canv.setLineWidth(0.8)
        path = canv.beginPath()  # the roof
        path.moveTo(0, top - g["roof_h"])
        path.lineTo(self.width / 2, top)
        path.lineTo(self.width, top - g["roof_h"])
        path.close()
        canv.drawPath(path, stroke=1, fill=fill)
        y_base = top - g["roof_h"] - g["shaft_h"]
        for i in range(len(self.items)):
            cx = g["col_w"] * (i + 0.5)
            canv.rect(cx - g["shaft_w"] / 2, y_base, g["shaft_w"], g["shaft_h"], stroke=1, fill=fill)
        canv.rect(0, y_base - g["base_h"], self.width, g["base_h"], stroke=1, fill=fill)
        canv.restoreState()
        if self.block.roof:
            _, h = self.roof.wrap(self.width * 0.6, 10 ** 6)
            self.roof.drawOn(canv, self.width * 0.2, top - g["roof_h"] + s * 0.45)
        for i, title in enumerate(self.titles):  # each title centred in its pillar
            _, h = title.wrap(g["shaft_w"] - s * 0.4, 10 ** 6)
            cx = g["col_w"] * (i + 0.5)
            title.drawOn(canv, cx - g["shaft_w"] / 2 + s * 0.2, y_base + (g["shaft_h"] - h) / 2)
        if self.block.base:
            _, h = self.base.wrap(self.width - s, 10 ** 6)
            self.base.drawOn(canv, s / 2, y_base - g["base_h"] + (g["base_h"] - h) / 2)
        for i, text in enumerate(self.texts):
            _, h = text.wrap(g["col_w"] - s, 10 ** 6)
            text.drawOn(canv, g["col_w"] * i + s / 2, y_base - g["base_h"] - s * 0.6 - h)


def _line_widths(paragraph: Paragraph) -> list[float]:
    """The printed width of each line of a wrapped paragraph (its width less each line's spare room)."""
    spare = [line[0] if isinstance(line, tuple) else line.extraSpace for line in paragraph.blPara.lines]
    return [paragraph.width - room for room in spare]
