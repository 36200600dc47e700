"""Running header and footer, filled from the style's templates ({conference}, {committee}, {symbol}, {page}),
the small logo in the header, and the style's watermark."""
from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..style.logo import header_baseline, header_logo_height
from ..style.theme import Theme
from .images import draw_image
from ..style.values import fill_template


def fill(template: str, fields: dict) -> str:
    text = fill_template(template, fields)
    # drop separators left dangling by empty fields ("A ·  · B" -> "A · B")
    parts = [p.strip() for p in text.split("·")]
    return " · ".join(p for p in parts if p)


def draw_header_footer(canv, theme: Theme, page: int, fields: dict, right_hand: bool) -> None:
    """The header stands at the page's outer edge, after the logo; the page number at the foot."""
    width, height = theme.page_size
    m = theme.margins
    left = m["inner"] if right_hand else m["outer"]
    right = width - (m["outer"] if right_hand else m["inner"])
    values = dict(fields, page=page)
    font = theme.fonts["headings"]
    size = theme.sizes["header"]
    canv.saveState()
    header = fill(theme.header, values)
    logo = getattr(theme.logos, "header", None) if theme.logos is not None else None
    y = height - m["top"] + header_baseline(theme)
    if logo is not None:
        logo_h = header_logo_height(theme)
        iw, ih = logo.getSize()
        logo_w = min(logo_h * iw / ih, (right - left) * 0.3)
        logo_h = logo_w * ih / iw
        gap = size * 0.8
        x = right - logo_w if right_hand else left
        draw_image(canv, logo, x, y - size * 0.1, logo_w, logo_h)
        if right_hand:
            right -= logo_w + gap
        else:
            left += logo_w + gap
    if header:
        canv.setFont(font.regular, size)
        canv.setFillColor(theme.colour("muted"))
        header = _fit(header, font.regular, size, right - left)
        if right_hand:
            canv.drawRightString(right, y, header)
        else:
            canv.drawString(left, y, header)
    if header or logo is not None:
        rule_left = m["inner"] if right_hand else m["outer"]
        rule_right = width - (m["outer"] if right_hand else m["inner"])
        canv.setStrokeColor(theme.colour("rule"))
        canv.setLineWidth(0.4)
        canv.line(rule_left, y - size * 0.6, rule_right, y - size * 0.6)
    footer = fill(theme.footer, values)
    if footer:
        canv.setFont(font.bold, size + 1)
        canv.setFillColor(theme.colour("text"))
        y = m["bottom"] - (size + 1) * 2.6
        if right_hand:
            canv.drawRightString(width - m["outer"], y, footer)
        else:
            canv.drawString(m["outer"], y, footer)
    canv.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a running header that would run into the logo or off the page, with an ellipsis."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ·") + "…"


def watermark_colour(theme: Theme) -> colors.Color:
    """A pale tint of the accent colour (gray in a grayscale style), light enough to read text over."""
    accent = theme.colour("accent")
    tint = 0.13
    return colors.Color(*(1 - tint * (1 - c) for c in (accent.red, accent.green, accent.blue)))


def draw_watermark(canv, theme: Theme, box: tuple | None = None) -> None:
    """The style's watermark (e.g. DRAFT), large and diagonal across `box` (default: the page), drawn
    before the page's content so the text prints over it."""
    text = (theme.watermark or "").strip()
    if not text:
        return
    x0, y0, w, h = box or (0, 0, *canv._pagesize)
    font = theme.fonts["headings"].bold
    angle = math.degrees(math.atan2(h, w))
    diagonal = math.hypot(w, h)
    size = 0.6 * diagonal / (stringWidth(text, font, 1) or 1)
    size = min(size, 0.5 * min(w, h))  # a short word must not outgrow the box
    canv.saveState()
    canv.setFillColor(watermark_colour(theme))
    canv.setFont(font, size)
    canv.translate(x0 + w / 2, y0 + h / 2)
    canv.rotate(angle)
    canv.drawCentredString(0, -size * 0.35, text)
    canv.restoreState()


def watermark_page(canv, doc) -> None:
    """onPage hook for page templates that draw their own furniture (the cheat sheet)."""
    draw_watermark(canv, doc.theme)
