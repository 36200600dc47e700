"""Links on paper: each external link in the text gets a QR code and a short form of its URL in the margin."""
from __future__ import annotations

from urllib.parse import urlsplit

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ..diskcache import cached
from ..model import Link, Text
from ..style.theme import KindStyle
from .callouts import Callout, keep_numbers
from .flowables import Paragraph
from .markup import Marker, escape, quoteattr

SHORT = 34


def short_url(url: str) -> str:
    """A URL as a reader can type it: no scheme or "www.", long paths shortened in the middle."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    host = parts.netloc.removeprefix("www.")
    if len(host) > SHORT:  # a host name no one would type: its start shows which site it is
        host = host[:SHORT - 1] + "…"
    path = parts.path.rstrip("/")
    text = host + path + (f"?{parts.query}" if parts.query else "")
    if len(text) <= SHORT:
        return text
    last = path.rsplit("/", 1)[-1]
    tail = last if len(last) <= 16 else last[:15] + "…"
    return f"{host}/…/{tail}" if tail else host + "/…"


QUIET = 4  # modules of white around the code: the QR standard's quiet zone, which scanners need


class QRCode(Flowable):
    """A QR code drawn straight onto the canvas as runs of dark modules (no graphics state, no fonts).

    The code is `size` wide; its box adds the quiet zone of four modules on every side, so no frame,
    text or other callout comes nearer to it.
    """

    def __init__(self, url: str, size: float):
        super().__init__()
        self.modules = qr_modules(url)
        self.cell = size / len(self.modules)
        self.url = url
        self.width = self.height = size + 2 * QUIET * self.cell

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        count = len(self.modules)
        cell = self.cell
        canv.saveState()
        canv.setFillColor(colors.black)
        canv.translate(QUIET * cell, 0)
        for row, modules in enumerate(self.modules):
            y = self.height - (row + 1 + QUIET) * cell
            col = 0
            while col < count:
                if not modules[col]:
                    col += 1
                    continue
                start = col
                while col < count and modules[col]:
                    col += 1
                canv.rect(start * cell, y, (col - start) * cell, cell, stroke=0, fill=1)
        canv.restoreState()


def qr_modules(url: str) -> list[list[bool]]:
    """The QR code's module matrix (error correction level M), dark modules True.

    Encoding tries eight masks in pure Python (40 ms a code), so the matrix is kept in the disk cache.
    """
    from reportlab import Version

    def encode():
        from reportlab.graphics.barcode.qr import QrCodeWidget  # 12 ms of imports, only on a cache miss
        widget = QrCodeWidget(url, barLevel="M", barBorder=0)
        widget.qr.make()  # the matrix only: the widget's own draw() also builds 300 shapes we never use
        return [[bool(v) for v in row] for row in widget.qr.modules]

    def valid(value) -> bool:  # square, of booleans, with the dark top-left finder pattern every code has
        return (isinstance(value, list) and len(value) >= 21
                and all(isinstance(row, list) and len(row) == len(value) for row in value)
                and all(type(v) is bool for row in value for v in row)
                and all(value[0][:7]) and all(value[6][:7]) and all(row[0] and row[6] for row in value[:7]))
    return cached("qr", f"{url}|M|reportlab {Version}", encode, valid)


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def link_markers(nodes: list, attach_label: str, ctx) -> list[Marker]:
    """A QR callout for every external link in `nodes`, anchored where the link's words begin."""
    markers = []
    offset = 0

    def walk(items):
        nonlocal offset
        for node in items:
            if isinstance(node, Link) and is_external(node.url):
                ctx.qr_count += 1
                key = f"q{ctx.qr_count}"
                ctx.callouts[key] = qr_callout(node.url, key, ctx.qr_count, attach_label, ctx)
                ctx.qr_urls[key] = node.url
                markers.append(Marker(offset, offset, "", key, highlight=False, order=10_000 + ctx.qr_count))
            if isinstance(node, Text):
                offset += len(node.text)
            elif getattr(node, "children", None):
                walk(node.children)
    walk(nodes)
    return markers


def qr_callout(url: str, key: str, number: int, attach_label: str, ctx) -> Callout:
    theme, styles = ctx.theme, ctx.styles
    kind = KindStyle(symbol="", frame="box", colour=theme.colour("rule"))
    label = Paragraph(f"{escape(theme.words('link'))} · <font face=\"{theme.fonts['callouts'].regular}\">{keep_numbers(escape(attach_label))}</font>",
                      styles.callout_label)
    text = Paragraph(f'<a href={quoteattr(url)}>{escape(short_url(url))}</a>', styles.callout_body)
    # never wider than the callout's inside, whatever the style asks
    size = min(theme.links["qr_size"], theme.callout_width - 2 * theme.spacing["callout_padding"])
    callout = Callout(key, number, kind, label, [QRCode(url, size), text], theme.spacing["callout_padding"],
                      theme.colour("rule"), attach_label, cont_style=styles.callout_cont)
    callout.words = theme.words
    return callout
