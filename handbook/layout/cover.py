"""The cover page: conference, committee, title, symbol, logo and the organizer's contact block."""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

from ..style.logo import cover_logo_height
from ..model import Edition
from ..style.theme import Theme
from .furniture import draw_watermark
from .images import draw_image
from .markup import escape


class Cover(Flowable):
    """Draws a whole cover page into the full-page cover frame."""

    def __init__(self, edition: Edition, theme: Theme, symbol: str, logo: ImageReader | None):
        super().__init__()
        self.edition = edition
        self.theme = theme
        self.symbol = symbol
        self.logo = logo
        self.scale = 1.0  # type sizes shrink below 1 only when the texts would not fit the cover otherwise

    def wrap(self, aw, ah):
        self.width, self.height = aw, ah - 1
        return self.width, self.height

    def _style(self, name, size, font, colour, align, leading=1.2, space=0):
        size *= self.scale
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * leading, textColor=colour,
                              alignment=align, spaceAfter=space)

    def _fit(self, band_h: float) -> None:
        """The largest scale (at most 1) at which the titles clear the contact block and the conference the band."""
        theme = self.theme
        width, height = theme.page_size
        inner_w = width - theme.margins["inner"] - theme.margins["outer"]
        for step in range(20, 4, -1):  # 1 down to a quarter, in twentieths
            self.scale = step / 20
            conf = self._conference(TA_LEFT, None).wrap(inner_w, height)[1]
            titles = sum(h + fsize * after for h, fsize, after in self._title_heights(inner_w, TA_LEFT))
            contact = self._contact_block(TA_LEFT).wrap(inner_w, height)[1] + theme.sizes["body"]
            room = height - band_h - theme.sizes["title"] * 2.4 - theme.margins["bottom"] - contact
            if conf <= band_h * 0.86 - self._logo_room() and titles <= room:
                return

    def draw(self):
        canv, theme = self.canv, self.theme
        width, height = theme.page_size
        canv.translate(0, self.height - height)  # the frame sets this flowable 1 pt up: draw in page coordinates
        align = TA_CENTER if theme.cover.get("layout", "centered") == "centered" else TA_LEFT
        band_h = height * theme.proportions["cover_band"]
        y = height - band_h
        self._fit(band_h)
        on_band = self._draw_band(y, band_h)
        draw_watermark(canv, theme, (0, 0, width, y))  # below the band, under the text
        self._draw_masthead(y, band_h, on_band, align)
        self._draw_titles(y - theme.sizes["title"] * 2.4, align)
        self._draw_contact(align)

    def _draw_band(self, y: float, band_h: float):
        """The band at the top (or a rule, in styles without one); returns the colour for text on it.

        The band touches the trim edge on three sides, so it reaches `theme.bleed` beyond them: a
        print shop's trim never leaves a white sliver. In grayscale it is a light tint with a rule
        beneath, so a gray edition does not spend a third of a page of toner on its cover.
        """
        canv, theme = self.canv, self.theme
        width = theme.page_size[0]
        left, inner_w = theme.margins["inner"], width - theme.margins["inner"] - theme.margins["outer"]
        primary = theme.colour("primary")
        if theme.cover.get("band", True):
            fill, bleed = theme.cover_band_fill(), theme.bleed
            canv.saveState()
            canv.setFillColor(fill)
            canv.rect(-bleed, y, width + 2 * bleed, band_h + bleed, stroke=0, fill=1)
            if theme.grayscale:
                canv.setStrokeColor(primary)
                canv.setLineWidth(1.2)
                canv.line(-bleed, y, width + bleed, y)
            canv.restoreState()
            return _on(fill) if not theme.grayscale else primary
        canv.saveState()
        canv.setStrokeColor(primary)
        canv.setLineWidth(1.2)
        canv.line(left, y, left + inner_w, y)
        canv.restoreState()
        return primary

    def _draw_masthead(self, y: float, band_h: float, on_band, align) -> None:
        """Logo and conference name, on the band."""
        canv, theme, edition = self.canv, self.theme, self.edition
        width, height = theme.page_size
        centered = align == TA_CENTER
        left, inner_w = theme.margins["inner"], width - theme.margins["inner"] - theme.margins["outer"]
        head = theme.fonts["headings"]
        size = theme.sizes["title"]
        # logo and conference name on the band
        logo_h = cover_logo_height(theme)
        top = height - band_h * 0.14
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            lw = min(logo_h * iw / ih, inner_w)  # a wide logo is scaled to the page's width
            logo_h = lw * ih / iw
            lx = (width - lw) / 2 if centered else left
            draw_image(canv, self.logo, lx, top - logo_h, lw, logo_h)
            top -= logo_h + size * 0.6
        conf = self._conference(align, on_band)
        _, h = conf.wrap(inner_w, band_h)
        conf.drawOn(canv, left, max(top - h, y + size * 0.6))

    def _conference(self, align, colour) -> Paragraph:
        head, size = self.theme.fonts["headings"], self.theme.sizes["title"]
        return Paragraph(escape(self.edition.conference), self._style("c", size * 1.9, head.bold, colour, align, 1.1))

    def _logo_room(self) -> float:
        if self.logo is None:
            return 0.0
        iw, ih = self.logo.getSize()
        inner_w = self.theme.page_size[0] - self.theme.margins["inner"] - self.theme.margins["outer"]
        logo_h = cover_logo_height(self.theme)
        return min(logo_h * iw / ih, inner_w) * ih / iw + self.theme.sizes["title"] * 0.6

    def _title_heights(self, inner_w: float, align) -> list:
        return [(para.wrap(inner_w, self.theme.page_size[1])[1], fsize, after)
                for para, fsize, after in self._title_blocks(align)]

    def _title_blocks(self, align) -> list:
        theme, edition = self.theme, self.edition
        head, size = theme.fonts["headings"], theme.sizes["title"]
        primary, text, muted = theme.colour("primary"), theme.colour("text"), theme.colour("muted")
        blocks = [
            (edition.title.upper(), size * 1.25, head.bold, muted, 1.4),
            (edition.committee, size * 1.6, head.bold, primary, 1.6),
        ]
        documents = edition.documents
        if documents:
            blocks.append((documents[0].title, size * 1.05, theme.fonts["body"].bold, text, 0.8))
            if theme.cover.get("show_symbol", True) and self.symbol:
                blocks.append((self.symbol, size * 0.8, head.regular, muted, 0.6))
        if edition.date:  # written in the edition's language ("1 mars 2025", "1 de marzo de 2025")
            blocks.append((theme.words.date(edition.date), size * 0.8, head.regular, muted, 0.6))
        return [(Paragraph(escape(value), self._style("b", fsize, font, colour, align, 1.2)), fsize * self.scale, after)
                for value, fsize, font, colour, after in blocks]

    def _draw_titles(self, cursor: float, align) -> None:
        """Title, committee, document title and symbol, below the band."""
        theme = self.theme
        width, height = theme.page_size
        left, inner_w = theme.margins["inner"], width - theme.margins["inner"] - theme.margins["outer"]
        for para, fsize, after in self._title_blocks(align):
            _, h = para.wrap(inner_w, height)
            para.drawOn(self.canv, left, cursor - h)
            cursor -= h + fsize * after

    def _contact_block(self, align) -> Paragraph:
        theme, org = self.theme, self.edition.organizer
        lines = [f"<b>{escape(org.name)}</b>"] + [escape(a) for a in org.address]
        contact = []
        if org.email:
            contact.append(f'{escape(theme.words("email"))} <a href="mailto:{escape(org.email)}">{escape(org.email)}</a>')
        if org.phone:
            contact.append(f"{escape(theme.words('phone'))} {escape(org.phone)}")
        for s in org.social:
            handle = escape(s.handle)
            contact.append(f"{escape(s.network)}: " + (f'<a href="{escape(s.url)}">{handle}</a>' if s.url else handle))
        small = theme.sizes["body"] * 0.95
        style = self._style("o", small, theme.fonts["body"].regular, theme.colour("text"), align, 1.35)
        return Paragraph("<br/>".join(lines + [""] + contact), style)

    def _draw_contact(self, align) -> None:
        """The organizer's contact block at the foot of the cover."""
        canv, theme = self.canv, self.theme
        width, height = theme.page_size
        m = theme.margins
        left, inner_w = m["inner"], width - m["inner"] - m["outer"]
        small = theme.sizes["body"] * 0.95 * self.scale
        block = self._contact_block(align)
        _, h = block.wrap(inner_w, height)
        base = m["bottom"]
        canv.saveState()
        canv.setStrokeColor(theme.colour("rule"))
        canv.setLineWidth(0.5)
        canv.line(left, base + h + small, left + inner_w, base + h + small)
        canv.restoreState()
        block.drawOn(canv, left, base)


def _on(colour):
    """Text colour that reads on a fill of `colour`."""
    level = 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue
    from reportlab.lib import colors
    return colors.white if level < 0.55 else colors.black
