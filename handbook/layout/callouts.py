"""Margin callouts: the note box flowable, measured line by line so placement can plan its splits."""
from __future__ import annotations

import re
from functools import lru_cache

from reportlab.platypus import Flowable

from ..language.catalogue import Words
from ..style.theme import KindStyle
from .flowables import Paragraph
from .markup import escape

_NUMBER_SPACE = re.compile(r" (?=\d|\([^\s()]{1,4}\))")
_SAMPLE_PAGE = "999"  # a three-digit page number sizes the continuation lines before their page is known


class Callout(Flowable):
    """A note drawn as a framed box; splits across pages between its lines, never inside a word.

    `rows()` describes it line by line (height, and whether it may break after the line), so the
    placement can plan where to split it without making the pieces; `split_at()` makes them.
    """

    def __init__(self, key: str, number: int, kind: KindStyle, label: Paragraph, content: list, padding: float,
                 rule_colour, attach_label: str, first: bool = True, cont_style=None, dest: str = "",
                 splittable: bool = True):
        super().__init__()
        self.key = key  # "n12" (note 12) or "q3" (a link's QR code): its anchor carries the same key
        self.dest = dest or f"callout-{key}"  # where the text's marker links to
        self.number = number
        self.kind = kind
        self.label = label
        self.content = content
        self.padding = padding
        self.rule_colour = rule_colour
        self.attach_label = attach_label
        self.first = first
        self.cont_style = cont_style
        self.splittable = splittable  # a QR code stays with its URL: such a callout moves whole
        self.continuation = ""  # set by the placer, printed at the top: "from ¶ 24, p. 5"
        self.continued_on = ""  # set by the placer, printed at the foot of a split head: "continued on p. "
        self.continued_form = ""  # ... followed by this form: the page number, defined once the rest prints
        self.resolves = ""  # the form naming the page this piece prints on (set on the rest of a split)
        self.tight = 0.0  # share by which a crowded page closes up this box's padding and line spacing
        self._paras: dict = {}

    @property
    def mark(self) -> str:
        return f"{self.kind.symbol} {self.number}".strip()

    # geometry -------------------------------------------------------------------------
    def _inset(self) -> tuple[float, float]:
        left = self.padding + (2.5 if self.kind.frame == "rule" else 0)
        return left, self.padding

    def inner_width(self, width: float) -> float:
        left, right = self._inset()
        return width - left - right

    def _line(self, text: str) -> Paragraph:
        """An italic continuation line (made once per text)."""
        if text not in self._paras:
            self._paras[text] = Paragraph(f"<i>{keep_numbers(escape(text))}</i>", self.cont_style)
        return self._paras[text]

    def _fixed(self) -> list:
        items = [self.label] if self.first else []
        return items + ([self._line(self.continuation)] if self.continuation else [])

    def _items(self) -> list:
        tail = [self._line(self.continued_on)] if self.continued_on else []
        return self._fixed() + self.content + tail

    def line_height(self, width: float, text: str) -> float:
        para = self._line(text)
        return para.wrap(self.inner_width(width), 10 ** 6)[1] + para.getSpaceAfter()

    def baseline_drop(self, tight: float | None = None) -> float:
        """From the top of the box to the first baseline (ReportLab sets it one font size below a paragraph's top)."""
        first = self._fixed()[0] if self._fixed() else self.content[0]
        share = self.tight if tight is None else tight
        return self.padding * (1 - share) + getattr(getattr(first, "style", None), "fontSize", 0)

    def _height(self, item, inner: float, share: float) -> float:
        """An item's height and space after; a paragraph's line spacing closes up by `share`."""
        _, height = item.wrap(inner, 10 ** 6)
        scale = 1 - share if isinstance(item, Paragraph) else 1
        return (height + item.getSpaceAfter()) * scale

    def wrap(self, avail_width, avail_height):
        # placement asks for a callout's height many times per page; it only changes with width and marks
        key = (avail_width, self.continuation, self.continued_on, self.tight)
        if getattr(self, "_measured", None) != key:
            inner = self.inner_width(avail_width)
            height = 2 * self.padding * (1 - self.tight)
            for item in self._items():
                height += self._height(item, inner, self.tight)
            self._measured, self._box_height = key, height
        self.width, self.height = avail_width, self._box_height
        return self.width, self.height

    def rows(self, width: float, tight: float = 0.0) -> tuple[float, list]:
        """(height of the box without content, content rows (height, extra height of a cut after it or None))."""
        # kept per closing-up share for the last width and continuation: placement tries each page with
        # its callouts as they are and closed up, in turn (every row is wrapped at the same inner width)
        key = (width, self.continuation)
        cached = self.__dict__.get("_rows")
        if cached and cached[0] == key:
            found = cached[1].get(tight)
            if found is not None:
                return found
        else:
            cached = self._rows = (key, {})
        inner = self.inner_width(width)
        fixed = 2 * self.padding * (1 - tight)
        for item in self._fixed():
            fixed += self._height(item, inner, tight)
        rows = []
        for item in self.content:
            rows.extend(_item_rows(item, inner, self.splittable, 1 - tight))
        if not self.splittable:
            rows = [(h, None) for h, _ in rows]
        cached[1][tight] = (fixed, rows)
        return fixed, rows

    def split_at(self, width: float, count: int) -> tuple["Callout", "Callout"]:
        """The box cut after its first `count` content rows: the head, and the rest to continue elsewhere."""
        inner = self.inner_width(width)
        head, rest = [], list(self.content)
        while rest and count > 0:
            item = rest.pop(0)
            lines = len(_item_rows(item, inner, True))  # line counts do not change when a box closes up
            if lines <= count:
                head.append(item)
                count -= lines
                continue
            leading = item.style.leading
            parts = item.split(inner, count * leading + 0.01)  # exactly `count` lines stay here
            if len(parts) < 2:
                raise RuntimeError(f"callout {self.key} cannot be split after {count} lines")
            head.append(parts[0])
            rest = parts[1:] + rest
            count = 0
        first = self._copy(head, self.first)
        first.continuation, first.tight = self.continuation, self.tight
        return first, self._copy(rest, first=False)

    def _copy(self, content: list, first: bool) -> "Callout":
        piece = Callout(self.key, self.number, self.kind, self.label, content, self.padding, self.rule_colour,
                        self.attach_label, first, self.cont_style, self.dest, self.splittable)
        piece.words = self.words
        return piece

    words = None  # the edition language's labels (language.catalogue.Words), set by whoever builds the callout

    def _label(self, key: str, **fields) -> str:
        """A label from the edition language's catalogue (English's, for a callout built without one)."""
        return (self.words or _english())(key, **fields)

    def resumed_text(self, page: int) -> str:
        return self._label("resumed", mark=self.mark, place=self.attach_label, page=page)

    def moved_text(self, page: int) -> str:
        return self._label("moved", place=self.attach_label, page=page)

    def continued_text(self, page) -> str:
        return self._label("continued_on", page=page)

    def _draw_page_form(self, canv, item, left: float, top: float) -> None:
        """The page number after "continued on p. ": a form, since the rest may print further on."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        style = self.cont_style
        canv.saveState()
        canv.translate(left + stringWidth(self.continued_on, style.fontName, style.fontSize), top - style.fontSize)
        canv.doForm(self.continued_form)
        canv.restoreState()

    def sample_heights(self, width: float) -> tuple[float, float]:
        """Heights of the "continued on" line and of a resumed part's first line, page numbers unknown."""
        key = ("sample", width)
        if key not in self._paras:
            self._paras[key] = (self.line_height(width, self.continued_text(_SAMPLE_PAGE)),
                                self.line_height(width, self.resumed_text(_SAMPLE_PAGE)))
        return self._paras[key]

    # drawing --------------------------------------------------------------------------
    def draw(self):
        canv = self.canv
        left, right = self._inset()
        w, h = self.width, self.height
        canv.saveState()
        colour = self.kind.colour
        canv.setStrokeColor(colour)
        if self.kind.frame == "rule":
            canv.setLineWidth(2.2)
            canv.line(1.1, 0, 1.1, h)
            canv.setStrokeColor(self.rule_colour)
            canv.setLineWidth(0.4)
            canv.line(0, 0, w, 0)
        elif self.kind.frame == "dashed":
            canv.setLineWidth(0.8)
            canv.setDash(3, 2)
            canv.rect(0, 0, w, h, stroke=1, fill=0)
        elif self.kind.frame == "double":
            canv.setLineWidth(0.8)
            canv.line(0, h, w, h)
            canv.line(0, h - 2.2, w, h - 2.2)
            canv.setLineWidth(0.4)
            canv.line(0, 0, w, 0)
        else:
            canv.setLineWidth(0.6)
            canv.rect(0, 0, w, h, stroke=1, fill=0)
        canv.restoreState()
        if self.first:
            canv.bookmarkHorizontal(self.dest, 0, h)
        y = h - self.padding * (1 - self.tight)
        inner = w - left - right
        for item in self._items():
            _, ih = item.wrap(inner, 10 ** 6)
            after = item.getSpaceAfter()
            if self.tight and isinstance(item, Paragraph):
                ih, after = ih * (1 - self.tight), after * (1 - self.tight)
            y -= ih
            _draw_closer(item, canv, left, y, ih, self.tight)
            if self.continued_form and item is self._items()[-1]:
                self._draw_page_form(canv, item, left, y + ih)
            if item is self.label:
                # the label links back to the anchor in the text
                canv.linkRect("", f"anchor-{self.key}", (left, y, left + inner, y + ih), relative=1)
            y -= after


def _draw_closer(item, canv, x: float, y: float, height: float, share: float) -> None:
    """Draw `item` at (x, y); a paragraph of a tightened box with its line spacing closed up by `share`."""
    if not share or not isinstance(item, Paragraph):
        item.drawOn(canv, x, y)
        return
    style, saved = item.style, (item.style.leading, item.height)
    style.leading, item.height = saved[0] * (1 - share), height  # styles are shared: restored at once
    try:
        item.drawOn(canv, x, y)
    finally:
        style.leading, item.height = saved


def _item_rows(item, inner: float, splittable: bool, scale: float = 1.0) -> list:
    """(height, extra) of each line of a content item: `extra` is what a head cut after the line gains
    (None: no cut there: a paragraph keeps two lines, and a break never falls inside a word)."""
    _, height = item.wrap(inner, 10 ** 6)
    after = item.getSpaceAfter()
    para = item.__dict__.get("blPara")
    if not isinstance(item, Paragraph):
        scale = 1.0
    if para is None or not splittable:
        return [((height + after) * scale, 0.0)]
    lines = para.lines
    leading = item.style.leading * scale
    after *= scale
    count = len(lines)
    rows = []
    for i, line in enumerate(lines):
        last = i == count - 1
        # a head keeps at least two lines of a paragraph (no orphan), and never ends on a hyphen
        # a head cut inside the paragraph keeps its space after: that is the extra height of a cut here
        if last:
            rows.append((leading + after, 0.0))
        else:
            rows.append((leading, after if i >= 1 and not _ends_inside_word(line) else None))
    return rows


def _ends_inside_word(line) -> bool:
    """Whether a laid-out line may end inside a word: on a hyphen (a word broken there, or a compound such
    as "sea-|level"), or in a web or mail address, which breaks after "/" or "." with no hyphen to show it
    (a cut there would leave "https://www.un.org/en/" on one page and the rest of the address on another)."""
    words = line.words if hasattr(line, "words") else line[1]
    text = "".join(getattr(word, "text", word) for word in words if isinstance(getattr(word, "text", word), str))
    last = text.rstrip().rsplit(None, 1)[-1] if text.strip() else ""
    return last.endswith(("-", "\u00ad", "\u2010")) or "/" in last or "www." in last or "@" in last


@lru_cache(maxsize=1)
def _english() -> Words:
    return Words()


def keep_numbers(text: str) -> str:
    """`text` with the space before a number or an item label made unbreakable: "¶ 12", "p. 29", "● 3", "24 (b)"."""
    return _NUMBER_SPACE.sub("\u00a0", text)
