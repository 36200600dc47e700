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
    if cached is None and hasattr(flowable, "callbacks"):  # our paragraphs list theirs (and a split's part)
        found = flowable.callbacks()
        cached = flowable.__dict__["_hb_scan"] = ([label for _, name, label in found if name == CB_FOOTNOTE],
                                                  [label for _, name, label in found if name == CB_ANCHOR])
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

    A footnote too long for the room left below its reference prints what fits and continues at the
    foot of the next page (and the next), before that page's own footnotes.

    It also asks `margin_guard(note numbers, y)` before drawing a flowable that anchors notes low on
    a page: when their callouts could not fit beside it, the flowable (or the part of it holding the
    anchors) moves to the next page, so notes stay beside their text rather than trailing a page behind.
    """

    def __init__(self, *args, footnotes: dict | None = None, printed: set | None = None, margin_guard=None,
                 separator: float = 9.0, guard_zone: float = 0.38, **kwargs):
        self.foot: list[tuple[str, object]] = []  # (footnote label, what of it prints on this page)
        self.carried: list[tuple[str, object]] = []  # the rest of footnotes that continue overleaf
        super().__init__(*args, **kwargs)
        self.separator = separator  # pt above the first footnote: a short rule and its gap
        self.guard_zone = guard_zone  # only this lowest share of the column may be left blank by the guard
        self.footnotes = footnotes or {}  # number -> Paragraph
        self.printed = printed if printed is not None else set()
        self.margin_guard = margin_guard

    @property
    def page_notes(self) -> list[str]:
        return [label for label, _ in self.foot]

    def __deepcopy__(self, memo):
        # KeepTogether measures on a deep copy of the frame; share the document-wide links, copy the state
        clone = copy.copy(self)
        clone.foot, clone.carried = list(self.foot), list(self.carried)
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
        self.foot, waiting, self.carried = [], self.carried, []
        if waiting:  # continued footnotes come first, in the lower half of the page: the text runs on above
            room = (self._height - self._bottomPadding - self._topPadding) / 2
            self.foot, self.carried = self._fit(waiting, room)
            self._y1p += self.reserved_height(self.foot)

    def _line(self) -> float:
        para = next(iter(self.footnotes.values()), None)
        return getattr(getattr(para, "style", None), "leading", 12) * 1.25

    def reserved_height(self, foot: list) -> float:
        if not foot:
            return 0.0
        width = self._getAvailableWidth()
        return self.separator + sum(self._piece_height(piece, width) + 2 for _, piece in foot)

    def _piece_height(self, piece, width: float) -> float:
        cache = self.__dict__.setdefault("_heights", {})
        key = (id(piece), width)
        if key not in cache:
            cache[key] = (piece, piece.wrap(width, 10 ** 6)[1])  # the piece is kept alive with its height
        return cache[key][1]

    def _fit(self, pieces: list, room: float) -> tuple[list, list]:
        """The footnote pieces that fit in `room` (the last one split if need be), and the rest."""
        width = self._getAvailableWidth()
        placed, room = [], room - self.separator
        for index, (label, piece) in enumerate(pieces):
            height = self._piece_height(piece, width) + 2
            if height <= room:
                placed.append((label, piece))
                room -= height
                continue
            parts = piece.split(width, room - 2) if room > 2 else []
            if len(parts) == 2:
                placed.append((label, parts[0]))
                return placed, [(label, parts[1])] + pieces[index + 1:]
            return placed, pieces[index:]
        return placed, []

    def _plan(self, flowable, canv) -> tuple[float, list, list] | None:
        """Room to reserve for the footnotes `flowable` refers to, what of them prints here and what waits."""
        new = self._new_notes(flowable)
        if not new:
            return None
        pieces = [(n, self.footnotes[n]) for n in new]
        before = self.reserved_height(self.foot)
        full = self.reserved_height(self.foot + pieces) - before
        if self.carried:  # a footnote continues overleaf: new ones follow it there, in order
            return 0.0, [], pieces
        room = self._y - self._y1p - self._line()  # the line with the reference stays on this page
        if full <= room:
            return full, pieces, []
        if self._longer_than_a_page(full):  # what fits below the text starts here, the rest continues overleaf
            room = self._y - self._y1p - flowable.wrapOn(canv, self._getAvailableWidth(), self._y - self._y1p)[1]
        placed, rest = self._fit(pieces, room + (self.separator if self.foot else 0))
        return self.reserved_height(self.foot + placed) - before, placed, rest

    def _longer_than_a_page(self, height: float) -> bool:
        return height > self._height - self._topPadding - self._bottomPadding - 3 * self._line()

    def _new_notes(self, flowable) -> list[str]:
        new = []
        for n in footnote_numbers(flowable):
            if n in self.footnotes and n not in self.printed and n not in self.page_notes and n not in new:
                new.append(n)
        return new

    def _commit(self, plan) -> None:
        _, placed, rest = plan
        self.foot.extend(placed)
        self.carried.extend(rest)
        self.printed.update(label for label, _ in placed + rest)

    def add(self, flowable, canv, trySplit=0):
        if self._margin_refuses(flowable):
            return 0
        plan = self._plan(flowable, canv)
        if plan is None:
            return Frame._add(self, flowable, canv, trySplit)
        self._y1p += plan[0]
        done = Frame._add(self, flowable, canv, trySplit)
        if done:
            self._commit(plan)
        else:
            self._y1p -= plan[0]
        return done

    def split(self, flowable, canv):
        plan = self._plan(flowable, canv)
        if plan is not None and plan[2] and self._longer_than_a_page(self.reserved_height(plan[2])):
            # a footnote longer than a page: the text takes the page but for the start of the footnote
            return self._split_keeping(flowable, canv, (0 if self.foot else self.separator) + 3 * self._line())
        return self._split_keeping(flowable, canv, plan[0] if plan else 0.0)

    def _split_keeping(self, flowable, canv, extra: float) -> list:
        """Frame.split with `extra` kept free at the foot, and the margin guard's say."""
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
        if not self.foot:
            return
        width = self._getAvailableWidth()
        x = self._x1 + self._leftPadding
        bottom = self._y1 + self._bottomPadding
        top = bottom + self.reserved_height(self.foot)
        canv.saveState()
        canv.setStrokeColor(rule_colour)
        canv.setLineWidth(0.5)
        canv.line(x, top - 3, x + min(width * 0.3, 120), top - 3)
        canv.restoreState()
        y = top - self.separator
        for _, piece in self.foot:
            _, h = piece.wrap(width, 10 ** 6)
            y -= h
            piece.drawOn(canv, x, y)
            y -= 2
