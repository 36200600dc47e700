"""Render model inline nodes as ReportLab paragraph markup, escaping all source text."""
from __future__ import annotations

import html
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, toColor

from ..model import Emphasis, FootnoteRef, IndexMark, Link, RichText, Strong, Text

# Named canvas callbacks used through <onDraw/>; pages.py registers them.
CB_ANCHOR = "hb_anchor"
CB_FOOTNOTE = "hb_fnref"
CB_INDEX = "hb_index"
SUPER = '<super rise="30%" size="66%">'  # markers stay small so they never reach into the line above
CB_NUMBER = "hb_number"  # highlights a paragraph number or item label that anchors notes


def escape(text: str) -> str:
    """Source text made safe inside paragraph markup (&, < and >), narrow no-break spaces kept unbreakable."""
    # not xml.sax.saxutils: importing it pulls in urllib.request, http.client and ssl (40 ms a build)
    text = html.escape(text, quote=False)
    return text.replace(NARROW_NBSP, _NARROW) if NARROW_NBSP in text else text


# ReportLab breaks lines at U+202F (its only unbreakable space is U+00A0), so the narrow no-break space
# of French typography ("« mot »", "pourquoi ?") prints as a no-break space in a smaller size:
# a font's design, not the page's, sets the proportion (a narrow space is about half a word space).
NARROW_NBSP = "\u202f"
_NARROW = '<font size="-3">\u00a0</font>'


def quoteattr(text: str) -> str:
    """A markup attribute value, quoted and escaped."""
    return '"' + html.escape(text, quote=True) + '"'


def hexcolour(colour: Color) -> str:
    """`colour` as a markup attribute value ("#1b4f8a")."""
    text = "#%02x%02x%02x" % tuple(round(c * 255) for c in (colour.red, colour.green, colour.blue))
    # ReportLab reads "#rrggbb" in markup only after trying every other colour syntax (20 µs, a
    # thousand times a build); a string in its extra-names table is one dictionary lookup, same colour
    toColor.extraColorsNS.setdefault(text, HexColor(text))
    return text


@dataclass
class Marker:
    """A note's anchor inside a text: a highlighted range [start, end) of the plain text."""

    start: int
    end: int
    markup: str  # the marker printed after the range (e.g. superscript symbol and number)
    key: str  # the callout it anchors: "n12" for note 12, "q3" for the third link's QR code
    highlight: bool = True
    order: int = 0  # among markers at one offset


def anchor_underline(theme) -> tuple | None:
    """The underline anchor phrases get in a style whose marks.anchor is `underline`, else None."""
    return (theme.colour("text"), theme.marks["underline"]) if theme.marks["anchor"] == "underline" else None


def on_draw(name: str, label: str) -> str:
    return f"<onDraw name={quoteattr(name)} label={quoteattr(label)}/>"


class MarkupRenderer:
    """One method per inline node type; subclass to change how a node prints."""

    def __init__(self, link_colour: Color, highlight: Color, catalogue=None, underline: tuple | None = None):
        self.link_colour = hexcolour(link_colour)
        self.highlight = hexcolour(highlight)
        # (colour, width in pt): anchor phrases are underlined instead of highlighted (marks.anchor)
        self.underline = f'<u color="{hexcolour(underline[0])}" width="{underline[1]:g}">' if underline else ""
        self.catalogue = catalogue  # IndexCatalogue: explicit index marks are recorded as they are drawn
        self.prefix = ""  # destination prefix of the document being set ("d1-" in a packet of several)
        self.internal_links = True  # False where the document's own places are not in the PDF (a lone cheat sheet)

    def render(self, rich: RichText | list, markers: list[Marker] = ()) -> str:
        """Markup for `rich`; `markers` highlight note anchors and anchor callouts."""
        nodes = rich.nodes if isinstance(rich, RichText) else rich
        events = []  # (offset, order, kind, marker): closing before opening at one offset
        for m in markers:
            events.append((m.start, 2, "open", m))
            events.append((m.end, 0, "close", m))
        events.sort(key=lambda e: (e[0], e[1], e[3].order))
        self._events = events
        self._open: list[Marker] = []
        self._pos = 0
        self._marked_at = -1  # where the last note marker printed: a footnote number there needs a gap
        out = self._nodes(nodes)
        out += self._fire(10 ** 9)
        return out

    def _fire(self, upto: int, closing_only: bool = False) -> str:
        out = []
        while self._events and self._events[0][0] <= upto and not (closing_only and self._events[0][1] >= 1):
            offset, _, kind, marker = self._events.pop(0)
            if kind == "open":
                out.append(on_draw(CB_ANCHOR, marker.key))
                if marker.highlight:
                    self._open.append(marker)
            else:
                if marker in self._open:
                    self._open.remove(marker)
                out.append(marker.markup)
                self._marked_at = offset if marker.markup else -1
        return "".join(out)

    def _nodes(self, nodes: list) -> str:
        return "".join(getattr(self, "node_" + type(n).__name__.lower())(n) for n in nodes)

    def node_text(self, node: Text) -> str:
        out = []
        text = node.text
        start = self._pos
        i = 0
        while i < len(text):
            out.append(self._fire(start + i))
            # next boundary
            nxt = len(text)
            if self._events:
                nxt = min(nxt, max(self._events[0][0] - start, i + 1))
            chunk = escape(text[i:nxt])
            if self._open and self.underline:
                chunk = f"{self.underline}{chunk}</u>"
            elif self._open:
                chunk = f'<span backColor="{self.highlight}">{chunk}</span>'
            out.append(chunk)
            i = nxt
        self._pos = start + len(text)
        # what ends exactly where this text ends closes inside it, so tags nest properly
        out.append(self._fire(self._pos, closing_only=True))
        return "".join(out)

    def node_strong(self, node: Strong) -> str:
        return f"<b>{self._nodes(node.children)}</b>"

    def node_emphasis(self, node: Emphasis) -> str:
        return f"<i>{self._nodes(node.children)}</i>"

    def node_link(self, node: Link) -> str:
        if node.url.startswith("#") and not self.internal_links:
            return self._nodes(node.children)
        url = "#" + self.prefix + node.url[1:] if node.url.startswith("#") else node.url
        return f'<a href={quoteattr(url)} color="{self.link_colour}">{self._nodes(node.children)}</a>'

    def node_indexmark(self, node: IndexMark) -> str:
        if self.catalogue is None:
            return self._nodes(node.children)
        return on_draw(CB_INDEX, self.catalogue.mark_key(node.term)) + self._nodes(node.children)

    def node_footnoteref(self, node: FootnoteRef) -> str:
        n = node.number
        # a note marker just before it: "●1" and "1" would run together and read as "●11"; a small
        # no-break space keeps them two marks, to the eye and in the text a search or a screen reader gets
        gap = f"{SUPER}\u00a0</super>" if self._marked_at == self._pos else ""
        return (gap + on_draw(CB_FOOTNOTE, f"{self.prefix}{n}") +
                f'<a href="#{self.prefix}fn-{n}" color="{self.link_colour}">{SUPER}{n}</super></a>')
