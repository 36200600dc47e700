"""The body text frame: reserves room at the bottom for the footnotes its page refers to."""
from __future__ import annotations

import copy

from reportlab.platypus import Frame, Paragraph

from .markup import CB_ANCHOR, CB_FOOTNOTE



def footnote_numbers(flowable) -> list[str]:
    """Labels of the footnotes referenced inside a flowable (paragraphs, also when split or grouped)."""
    return _scanned(flowable)[0]


def anchor_keys(flowable) -> list[str]:
    """Keys of the callouts anchored inside a flowable."""
    return _scanned(flowable)[1]


def _scanned(flowable) -> tuple[list, list]:
    # a flowable's text never changes once made (a split makes new ones): scan each just once
    cached = flowable.__dict__.get("_hb_scan")
    text = flowable.__dict__.get("text")
    if cached is None and isinstance(text, str) and "onDraw" not in text:
        cached = flowable.__dict__["_hb_scan"] = ([], [])  # its markup holds no callbacks at all
    if cached is None:
        footnotes: list = []
        anchors: list = []
        _scan(flowable, footnotes, 0, CB_FOOTNOTE)
        _scan(flowable, anchors, 0, CB_ANCHOR)
        cached = flowable.__dict__["_hb_scan"] = (footnotes, anchors)
    return cached


def _scan(obj, found: list, depth: int, name: str) -> None:
    if depth > 6:
        return
    cb = getattr(obj, "cbDefn", None)
    if cb is not None:
        if getattr(cb, "name", "") == name:
            found.append(cb.label)
        return
    if isinstance(obj, Paragraph):
        _scan(obj.frags, found, depth + 1, name)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _scan(item, found, depth + 1, name)
    elif hasattr(obj, "_content"):
        _scan(obj._content, found, depth + 1, name)


class BodyFrame(Frame):
    """A Frame whose bottom rises as footnote references land on its page.

    It also asks `margin_guard(note numbers, y)` before drawing a flowable that anchors notes low on
    a page: when their callouts could not fit beside it, the flowable (or the part of it holding the
    anchors) moves to the next page, so notes stay beside their text rather than trailing a page behind.
    """

    def __init__(self, *args, footnotes: dict | None = None, printed: set | None = None, margin_guard=None,
                 separator: float = 9.0, guard_zone: float = 0.38, **kwargs):
        super().__init__(*args, **kwargs)
        self.separator = separator  # pt above the first footnote: a short rule and its gap
        self.guard_zone = guard_zone  # only this lowest share of the column may be left blank by the guard
        self.footnotes = footnotes or {}  # number -> Paragraph
        self.printed = printed if printed is not None else set()
        self.margin_guard = margin_guard
        self.page_notes: list[int] = []

    def __deepcopy__(self, memo):
        # KeepTogether measures on a deep copy of the frame; share the document-wide links, copy the state
        clone = copy.copy(self)
        clone.page_notes = list(self.page_notes)
        return clone

    def _margin_refuses(self, flowable) -> bool:
        if self.margin_guard is None or self._atTop:
            return False
        if self._y - self._y1p > self.guard_zone * self._height:
            return False
        notes = anchor_keys(flowable)
        return bool(notes) and not self.margin_guard(notes, self._y)

    def _reset(self):
        super()._reset()
        self._geom()
        self.page_notes = []

    def reserved_height(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        width = self._getAvailableWidth()
        return self.separator + sum(self._footnote_height(n, width) + 2 for n in numbers)

    def _footnote_height(self, number: int, width: float) -> float:
        cache = self.__dict__.setdefault("_heights", {})
        if (number, width) not in cache:
            cache[(number, width)] = self.footnotes[number].wrap(width, 10 ** 6)[1]
        return cache[(number, width)]

    def _new_notes(self, flowable) -> list[int]:
        new = []
        for n in footnote_numbers(flowable):
            if n in self.footnotes and n not in self.printed and n not in self.page_notes and n not in new:
                new.append(n)
        return new

    def add(self, flowable, canv, trySplit=0):
        if self._margin_refuses(flowable):
            return 0
        new = self._new_notes(flowable)
        if not new:
            return Frame._add(self, flowable, canv, trySplit)
        extra = self.reserved_height(self.page_notes + new) - self.reserved_height(self.page_notes)
        self._y1p += extra
        done = Frame._add(self, flowable, canv, trySplit)
        if done:
            self.page_notes.extend(new)
            self.printed.update(new)
        else:
            self._y1p -= extra
        return done

    def split(self, flowable, canv):
        new = self._new_notes(flowable)
        extra = self.reserved_height(self.page_notes + new) - self.reserved_height(self.page_notes)
        step = getattr(getattr(flowable, "style", None), "leading", 12)
        saved = self._y1p
        try:
            self._y1p += extra
            if getattr(flowable, "_content", None) and self._margin_refuses(flowable):
                return []  # a heading kept with its paragraph goes over with it, not left behind alone
            parts = Frame.split(self, flowable, canv)
            # keep anchors whose callouts cannot fit here out of this page's part: shrink it line by line
            if len(parts) == 1 and self._margin_refuses(parts[0]):
                return []  # it would fit whole, but not its notes: it goes to the next page
            while len(parts) >= 2 and self._margin_refuses(parts[0]):
                self._y1p += step
                if self._y1p >= self._y:
                    return []
                parts = Frame.split(self, flowable, canv)
            return parts
        finally:
            self._y1p = saved

    def draw_footnotes(self, canv, rule_colour) -> None:
        """Draw this page's footnotes in the space reserved at the bottom of the frame."""
        if not self.page_notes:
            return
        width = self._getAvailableWidth()
        x = self._x1 + self._leftPadding
        bottom = self._y1 + self._bottomPadding
        top = bottom + self.reserved_height(self.page_notes)
        canv.saveState()
        canv.setStrokeColor(rule_colour)
        canv.setLineWidth(0.5)
        canv.line(x, top - 3, x + min(width * 0.3, 120), top - 3)
        canv.restoreState()
        y = top - self.separator
        for n in self.page_notes:
            para = self.footnotes[n]
            _, h = para.wrap(width, 10 ** 6)
            y -= h
            para.drawOn(canv, x, y)
            y -= 2
