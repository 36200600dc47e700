"""The body text frame: reserves room at the bottom for the footnotes its page refers to."""
from __future__ import annotations

import copy

from reportlab.platypus import Frame, Paragraph

from .footpieces import fit_pieces, foot_line, longer_than_a_page, piece_height
from .markup import CB_ANCHOR, CB_FOOTNOTE
from .splitting import foot_lines



def footnote_numbers(flowable) -> list[str]:
    """Labels of the footnotes referenced inside a flowable (paragraphs, also when split or grouped)."""
    return _scanned(flowable)[0]


def footnote_lines(flowable) -> list[tuple[int, str]]:
    """(line, label) of each footnote reference in a measured paragraph."""
    found = []
    for index, line in enumerate(flowable.blPara.lines):
        for frag in line.words:
            cb = getattr(frag, "cbDefn", None)
            if cb is not None and getattr(cb, "name", "") == CB_FOOTNOTE:
                found.append((index, cb.label))
    return found


def anchor_keys(flowable) -> list[str]:
    """Keys of the callouts anchored inside a flowable."""
    return _scanned(flowable)[1]


# a watch.Kept while a warm rebuild runs (watch.py): scans by fragment list, which the paragraphs the
# break cache gives back share from one rebuild to the next; the list is kept with its scan, so its id
# is not reused while the entry lives
kept_scans = None


def _scanned(flowable) -> tuple[list, list]:
    # a flowable's text never changes once made (a split makes new ones): scan each just once
    cached = flowable.__dict__.get("_hb_scan")
    text = flowable.__dict__.get("text")
    if cached is None and isinstance(text, str) and "onDraw" not in text:
        cached = flowable.__dict__["_hb_scan"] = ([], [])  # its markup holds no callbacks at all
    if cached is None:
        frags = flowable.__dict__.get("frags") if isinstance(flowable, Paragraph) else None
        kept = kept_scans
        if kept is not None and frags is not None:  # a warm rebuild: a cached paragraph's fragments were scanned
            cached = kept.made(id(frags), lambda _: (frags, _scan_both(flowable)))
            cached = cached[1] if cached[0] is frags else _scan_both(flowable)
        else:
            cached = _scan_both(flowable)
        flowable.__dict__["_hb_scan"] = cached
    return cached


def _scan_both(flowable) -> tuple[list, list]:
    footnotes: list = []
    anchors: list = []
    # a paragraph's own fragments (one level down), or a group's content, which holds paragraphs
    target, depth = (flowable.frags, 1) if isinstance(flowable, Paragraph) else (flowable, 0)
    _scan(target, footnotes, depth, CB_FOOTNOTE)
    _scan(target, anchors, depth, CB_ANCHOR)
    return footnotes, anchors


def _scan(obj, found: list, depth: int, name: str) -> None:
    if depth > 6:
        return
    cb = getattr(obj, "cbDefn", None)
    if cb is not None:
        if getattr(cb, "name", "") == name:
            found.append(cb.label)
        return
    if isinstance(obj, Paragraph):
        if depth <= 4:  # its callbacks lie two levels down, within the depth limit: its own (kept) scan holds them
            found.extend(_scanned(obj)[0 if name == CB_FOOTNOTE else 1])
        else:
            _scan(obj.frags, found, depth + 1, name)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _scan(item, found, depth + 1, name)
    elif hasattr(obj, "_content"):
        _scan(obj._content, found, depth + 1, name)


_REST = object()  # a stop target: everything but the piece just cut waits for the next page


class BodyFrame(Frame):
    """A Frame whose bottom rises as footnote references land on its page, and that ends its page where told.

    At its first flowable on a page it asks `on_page_start(flowable)` where the page must end (the
    page-window planner's answer): `stop` is (flowable, lines): that flowable keeps only `lines` lines
    here (0: it goes to the next page whole), and nothing after it comes onto this page.

    A footnote longer than a page prints what fits below its reference and continues at the foot of
    the next page (and the next), before that page's own footnotes; so does one shorter than a page
    that cannot come whole with its reference line, when keeping it whole (the line moved on with it)
    would leave more than `max_hole` pt empty at the page's foot.
    """

    def __init__(self, *args, footnotes: dict | None = None, printed: set | None = None, on_page_start=None,
                 separator: float = 9.0, max_hole: float = float("inf"), **kwargs):
        self.foot: list[tuple[str, object]] = []  # (footnote label, what of it prints on this page)
        self.carried: list[tuple[str, object]] = []  # the rest of footnotes that continue overleaf
        super().__init__(*args, **kwargs)
        self.separator = separator  # pt above the first footnote: a short rule and its gap
        self.max_hole = max_hole  # pt a page may end short rather than split a footnote off its reference
        self._split_part = None  # the first part of a paragraph cut so that its footnote splits below it
        self.footnotes = footnotes or {}  # number -> Paragraph
        self.printed = printed if printed is not None else set()
        self.on_page_start = on_page_start
        self.stop = None
        self.feather = 0.0  # extra space after each flowable on a page the planner ends short
        self._started = False

    @property
    def page_notes(self) -> list[str]:
        return [label for label, _ in self.foot]

    def __deepcopy__(self, memo):
        # KeepTogether measures on a deep copy of the frame; share the document-wide links, copy the state
        clone = copy.copy(self)
        clone.foot, clone.carried = list(self.foot), list(self.carried)
        return clone

    def _reset(self):
        super()._reset()
        self._geom()
        self.foot, waiting, self.carried = [], self.carried, []
        if waiting:  # continued footnotes come first, in the lower half of the page: the text runs on above
            self.foot, self.carried = fit_pieces(self, waiting, (self._height - self._bottomPadding - self._topPadding) / 2)
            self._y1p += self.foot_height(self.foot)
        self.stop = None
        self.feather = 0.0
        self._started = False
        self._split_part = None

    def _stop_lines(self, flowable) -> int | None:
        """Lines `flowable` may keep on this page if the page must end in it, else None."""
        if self.on_page_start is not None and not self._started:
            self._started = True
            self.stop, self.feather = self.on_page_start(flowable)
        if self.stop is None:
            return None
        target, lines = self.stop
        if target is _REST:  # the page's last piece is cut: only that piece may still come
            return None if flowable is lines else 0
        if flowable is target or target in (getattr(flowable, "_content", None) or ()):
            return lines if flowable is target else 0
        return None

    def foot_height(self, foot: list) -> float:
        """Height of a page foot holding these (label, piece) footnotes, rule included."""
        if not foot:
            return 0.0
        width = self._getAvailableWidth()
        return self.separator + sum(piece_height(self, piece, width) + 2 for _, piece in foot)

    def _foot_with(self, labels: list) -> float:
        """Height of this page's foot with the new footnotes `labels` added, as add() will place them."""
        new = [n for n in dict.fromkeys(labels) if n in self.footnotes and n not in self.page_notes]
        if not new or self.carried:  # none, or they follow a footnote continued overleaf
            return self.foot_height(self.foot)
        pieces = list(self.foot)
        for label in new:  # in order: those before stay whole, as add() keeps them
            grown = pieces + [(label, self.footnotes[label])]
            if longer_than_a_page(self, self.foot_height(grown)):
                # footnotes longer than a page together: this one starts with a few lines below its reference
                return (self.foot_height(pieces) or self.separator) + self._start_room() + 2
            pieces = grown
        return self.foot_height(pieces)

    def _extra(self, labels: list) -> float:
        """Room the new footnotes `labels` would add to this page's foot."""
        return self._foot_with(labels) - self.foot_height(self.foot)

    def new_reserve(self, numbers: list) -> float:
        """Room the footnotes `numbers` would take at this page's foot (those already printed take none)."""
        return self._extra([n for n in numbers if n not in self.printed or n in self.page_notes])

    def _start_room(self) -> float:
        """What a footnote longer than a page starts with below its reference: three lines."""
        return 3 * foot_line(self)

    def _new_notes(self, flowable) -> list[str]:
        new = []
        for n in footnote_numbers(flowable):
            if n in self.footnotes and n not in self.printed and n not in self.page_notes and n not in new:
                new.append(n)
        return new

    def _plan(self, flowable, canv) -> tuple[float, list, list]:
        """Room to reserve for the footnotes `flowable` refers to, what of them prints here and what waits.

        Footnotes that cannot come whole onto the page with their reference start below it and
        continue overleaf when they are longer than a page, or when keeping them whole would end
        the page more than `max_hole` short (the reference line, or its paragraph's last lines, pushed
        on with them); they start only if three of their lines fit below the text.
        """
        new = self._new_notes(flowable)
        pieces = [(n, self.footnotes[n]) for n in new]
        if not new or self.carried:  # a footnote continues overleaf: new ones follow it there, in order
            return 0.0, [], pieces
        before, full = self.foot_height(self.foot), self.foot_height(self.foot + pieces)
        width = self._getAvailableWidth()
        room = self._y - self._y1p - self._space_before(flowable) - flowable.wrapOn(canv, width, self._y - self._y1p)[1]
        if not longer_than_a_page(self, full):
            if room >= full - before or not (self._split_part is flowable or self._may_split(flowable)):
                return full - before, pieces, []
            if room < self._start_with(new) - before:
                return full - before, pieces, []  # not even a start fits: split() keeps fewer lines here
        elif room < self._foot_with(new) - before and not self._atTop:
            return self._foot_with(new) - before, [], pieces  # no room for their start: split() keeps fewer lines
        # what fits below the text starts here, the rest continues overleaf
        placed, rest = fit_pieces(self, pieces, room - 0.01 + (self.separator if self.foot else 0))
        return self.foot_height(self.foot + placed) - before, placed, rest

    def _may_split(self, flowable) -> bool:
        """Whether keeping `flowable`'s new footnotes whole (moving lines on with them) leaves a hole over max_hole."""
        kept, _ = self._lines_here(flowable, None, split=False)
        if not kept:
            return self._y - self._y1p > self.max_hole
        leading = flowable.style.leading
        new = [n for line, n in footnote_lines(flowable) if line < kept and n in self._new_notes(flowable)]
        return self._y - self._y1p - self._space_before(flowable) - kept * leading - self._extra(new) > self.max_hole

    def _start_with(self, labels: list) -> float:
        """Height of this page's foot with the new footnotes `labels` started below their reference (three lines)."""
        if not labels or self.carried:
            return self.foot_height(self.foot)
        return (self.foot_height(self.foot) or self.separator) + self._start_room() + 2

    def start_reserve(self, kept: list, starting: list) -> float:
        """Room at this page's foot for the footnotes `kept` whole and `starting` here to continue overleaf."""
        kept = [n for n in dict.fromkeys(kept) if n in self.footnotes and n not in self.printed
                and n not in self.page_notes]
        starting = [n for n in starting if n in self.footnotes and n not in self.printed
                    and n not in self.page_notes and n not in kept]
        if not starting or self.carried:
            return self._extra(kept)
        with_kept = self.foot_height(self.foot + [(n, self.footnotes[n]) for n in kept])
        return (with_kept or self.separator) + self._start_room() + 2 - self.foot_height(self.foot)

    def add(self, flowable, canv, trySplit=0):
        if self._stop_lines(flowable) is not None:
            return 0  # the page ends in or before it: split() keeps what the plan allows here
        extra, placed, rest = self._plan(flowable, canv)
        self._y1p += extra
        done = Frame._add(self, flowable, canv, trySplit)
        if done:
            self.foot.extend(placed)
            self.carried.extend(rest)
            self.printed.update(label for label, _ in placed + rest)
            self._y -= self.feather
        else:
            self._y1p -= extra
        return done

    def split(self, flowable, canv):
        lines = self._stop_lines(flowable)
        if lines == 0:
            return []
        saved = self._y1p
        try:
            keep, splits = self._lines_here(flowable, lines)
            if keep == 0:
                return []
            if keep is not None:  # exactly these lines stay, with room for the footnotes they refer to
                self._y1p = self._y - self._space_before(flowable) - keep * flowable.style.leading - 0.001
            else:
                self._y1p += self._extra(self._new_notes(flowable))
            parts = Frame.split(self, flowable, canv)
            if splits and parts:  # its footnote starts below these lines and continues overleaf
                self._split_part = parts[0]
            if lines is not None:
                self.stop = (_REST, parts[0]) if parts else (flowable, 0)
            return parts
        finally:
            self._y1p = saved

    def _space_before(self, flowable) -> float:
        """The space ReportLab leaves above `flowable` here (collapsed with the space after the one before)."""
        if self._atTop:
            return 0.0
        before = flowable.getSpaceBefore()
        return max(before - self._prevASpace, 0) if self._oASpace else before

    def _lines_here(self, flowable, limit: int | None, split: bool = True) -> tuple[int | None, bool]:
        """How many lines of a paragraph fit here with the footnotes those lines refer to (None: not a
        paragraph), and whether those footnotes then start below them and continue overleaf (only when
        keeping them whole would leave more than max_hole empty)."""
        if not isinstance(flowable, Paragraph):
            return None, False
        flowable.wrap(self._getAvailableWidth(), self._aH)  # measured already: the paragraph keeps its lines
        para = flowable.__dict__.get("blPara")
        if para is None or para.kind != 1:
            return None, False
        count, style = len(para.lines), flowable.style
        head = 1 if getattr(style, "allowOrphans", 0) else 2
        tail = 1 if getattr(style, "allowWidows", 1) else 2
        refs = footnote_lines(flowable)
        room = self._y - self._y1p - self._space_before(flowable)
        base = self.foot_height(self.foot)
        counts = range(min(count - tail, limit or count), head - 1, -1)

        def new(k):
            return [n for line, n in refs if line < k and n in self.footnotes and n not in self.printed
                    and n not in self.page_notes]

        def settled(k):  # no hyphen and no marked phrase at the page's foot (splitting.foot_lines)
            kept = foot_lines(para.lines, k, head) if k < count else k
            return kept or (k if self._atTop else 0)  # at a page's top the paragraph must start here
        whole = next((k for k in counts if k * style.leading + self._foot_with(new(k)) - base <= room), 0)
        hole = room - whole * style.leading - (self._foot_with(new(whole)) - base)
        if split and hole > self.max_hole:
            for k in counts:
                if k > whole and new(k) and k * style.leading + self._start_with(new(k)) - base <= room \
                        and settled(k) == k:
                    return k, True
        return settled(whole), False

    def spill(self, labels: list, room: float) -> float:
        """How much of the footnotes `labels` not printed yet a foot of `room` pt (added to this page's) cannot
        hold: the part of them that continues overleaf (0 when they fit)."""
        new = [(n, self.footnotes[n]) for n in dict.fromkeys(labels) if n in self.footnotes and n not in self.printed]
        if not new or self.foot_height(self.foot + new) - self.foot_height(self.foot) <= room:
            return 0.0
        # what fits is whole lines, as _plan sets them: the rest is what does not
        _, rest = fit_pieces(self, new, room - 0.01 + (self.separator if self.foot else 0))
        width = self._getAvailableWidth()
        return sum(piece_height(self, piece, width) + 2 for _, piece in rest)

    def overleaf(self, pending: float | None) -> tuple[float, float]:
        """The text column's raised foot on a page whose foot first takes `pending` pt of footnotes continued
        from the page before (None: this page, as it stands), and how much of them continues on the page
        after: _reset gives continued footnotes, under their rule, up to half the page."""
        if pending is None:
            return self._y1p, (self.foot_height(self.carried) - self.separator if self.carried else 0.0)
        base = self._y1 + self._bottomPadding
        if pending <= 0:
            return base, 0.0
        half = (self._height - self._bottomPadding - self._topPadding) / 2
        return base + min(pending + self.separator, half), max(0.0, pending + self.separator - half)

    def draw_footnotes(self, canv, rule_colour) -> None:
        """Draw this page's footnotes in the space reserved at the bottom of the frame."""
        if not self.foot:
            return
        width = self._getAvailableWidth()
        x = self._x1 + self._leftPadding
        bottom = self._y1 + self._bottomPadding
        top = bottom + self.foot_height(self.foot)
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
