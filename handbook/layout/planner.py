"""Page breaks planned over a window of pages: where each page's text ends, judged with the callouts it brings.

At the top of every body page the planner looks at the story still to come as lines (measured at
the text column's width, so ReportLab's own line breaks are reused), and tries the page's possible
ends: the natural one, and each legal break up to the style's `max_hole` lines earlier. For each it
fills the page, lets the margin placement (placement.py) set the callouts the page anchors, and
goes on the same way over the next pages of the window. The cheapest end, counting late notes,
split callouts and holes together, is the one the text frame is told to keep.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Paragraph

from .footnotes import anchor_keys
from .markup import CB_ANCHOR, CB_FOOTNOTE
from .placement import LEFT_OVER, Column, Waiting, plan_page
from .splitting import foot_flags

HOLE_LINE = 9.0  # a body line left empty at a page's foot; a part's last page is free to end short
HOLE_OVER = 50.0  # ... and each line beyond the style's max_hole, a missed target like a late note: so the
# window spreads a hole it cannot avoid (a footnote too tall for the lines left) over the pages before it
REACH = 2  # pages past the window the planner looks when the part's text ends there
HOLE_SLACK = 0.5  # of a line, on top of max_hole, that an earlier page end may leave empty (a hole counts whole
# lines; half a line keeps clear of the next whole one, which the page actually drawn may reach)
FOOT_SPLIT = 100.0  # a footnote started below its reference and continued overleaf, as a note a page late: so
# a few pages a line or two short that keep it whole come first, a hole over max_hole never
SPILL = 1.0  # pt: a foot overrunning its reserve by less is rounding, not a footnote continued overleaf
OPTIONS = 4  # page ends tried per page: the natural one and up to three earlier ones
_memo = dict  # what the planner keeps its memos in (a test swaps in one that forgets, to compare)


@dataclass
class Chunk:
    """One flowable of the story as the planner sees it: lines of a paragraph, or a block."""

    flowable: object
    lines: int  # 0 for a block that cannot split
    height: float  # a block's height, or a paragraph's leading
    space_before: float
    space_after: float
    anchors: list  # (line, callout key)
    footnotes: list  # (line, footnote label)
    keep: bool = False  # a heading: never the last thing on a page
    end: bool = False  # the end of the document part
    drop: float = 0.0  # from a line's top to its baseline (ReportLab: the line's font size)
    rows: list | tuple = ()  # a paragraph's lines: no page ends after one that ends with a hyphen (splitting.foot_lines)
    flagged: tuple = ()  # whether a page may not end after each of them (splitting.foot_flags), worked out once


@dataclass
class Foot:
    """The page foot as the text frame reserves it (footnotes.BodyFrame)."""

    whole: object  # labels -> room those footnotes take whole
    start: object  # (labels kept whole, labels starting) -> room when the latter start and continue overleaf
    hole: float  # pt: a footnote splits off only to spare a page ending this much short or more
    spill: object = None  # (labels, room at the foot) -> what of those footnotes continues overleaf


@dataclass
class Fill:
    end: tuple  # (chunk, line) the next page starts at
    anchors: list = field(default_factory=list)  # (callout key, baseline y)
    text_end: float = 0.0  # y where the text stops
    floor: float = 0.0  # the column's foot, raised by the page's footnotes
    part_end: bool = False
    count: int = 0  # flowables (or pieces) on the page
    breaks: list = field(default_factory=list)  # earlier legal ends: (end, text_end, floor)
    split_foot: bool = False  # the page ends with a footnote started below its reference, continued overleaf
    carry: float = 0.0  # pt of footnotes that continue at the next page's foot (their rule not included)


class TextModel:
    """The story still to be laid out, read lazily as chunks."""

    def __init__(self, remaining: list, width: float, footnote_height, cache: dict):
        self.remaining, self.width, self.footnote_height, self.cache = remaining, width, footnote_height, cache
        self.chunks: list = []

    def chunk(self, index: int) -> Chunk | None:
        while len(self.chunks) <= index:
            if len(self.chunks) >= len(self.remaining):
                return None
            flowable = self.remaining[len(self.chunks)]
            key = id(flowable)
            if key not in self.cache or self.cache[key][0] is not flowable:
                self.cache[key] = (flowable, self._read(flowable))
            self.chunks.append(self.cache[key][1])
        return self.chunks[index]

    def _read(self, flowable) -> Chunk:
        if getattr(flowable, "ends_part", False):
            return Chunk(flowable, 0, 0, 0, 0, [], [], end=True)
        _, height = flowable.wrap(self.width, 10 ** 6)
        before, after = flowable.getSpaceBefore(), flowable.getSpaceAfter()
        keep = bool(getattr(flowable, "keep_lines", 0))
        para = flowable.__dict__.get("blPara") if isinstance(flowable, Paragraph) else None
        if para is None or para.kind != 1 or keep:
            anchors = [(0, key) for key in anchor_keys(flowable)]
            return Chunk(flowable, 0, height, before, after, anchors, [], keep=keep, drop=height)
        anchors, footnotes = [], []
        for index, line in enumerate(para.lines):
            for frag in line.words:
                cb = getattr(frag, "cbDefn", None)
                if cb is not None and cb.name == CB_ANCHOR:
                    anchors.append((index, cb.label))
                elif cb is not None and cb.name == CB_FOOTNOTE:
                    footnotes.append((index, cb.label))
        style = flowable.style
        return Chunk(flowable, len(para.lines), style.leading, before, after, anchors, footnotes,
                     drop=style.fontSize, rows=para.lines, flagged=foot_flags(para.lines))


def fill(model: TextModel, start: tuple, top: float, bottom: float, foot: Foot, stop: tuple | None = None) -> Fill:
    """Fill one page of the text column from `start`, as the frame would, ending at `stop` if given."""
    index, offset, reserve = start[0], start[1], foot.whole
    y, at_top, notes, keep_before, after = top, True, [], False, 0.0
    result = Fill(start, text_end=top, floor=bottom)
    while True:
        chunk = model.chunk(index)
        if chunk is None or chunk.end:
            result.part_end, result.end = True, (index, 0)
            break
        if stop == (index, offset) and not at_top:
            result.end = stop
            break
        before = 0 if at_top else max(chunk.space_before - after, 0)  # ReportLab overlaps the two spaces
        split = False  # a footnote starts below the lines kept and continues overleaf
        fresh = [label for _, label in chunk.footnotes if label not in notes]
        floor = bottom + reserve(notes + fresh)
        if chunk.lines == 0:
            if y - before - chunk.height < floor and not at_top:
                _end_before(result, (index, 0), keep_before)
                break
            for _, key in chunk.anchors:
                result.anchors.append((key, y - before - chunk.drop))
            y -= before + chunk.height
            take = chunk.lines
        else:
            left = chunk.lines - offset
            take = min(left, int((y - before - floor) / chunk.height + 1e-6))
            limit = stop[1] - offset if stop is not None and stop[0] == index else None
            if take < left or (limit is not None and limit < take):
                take, split = _fit_lines(chunk, offset, y - before - bottom, notes, foot, at_top, limit)
            if take <= 0:
                _end_before(result, (index, offset), keep_before)
                break
            for line, key in chunk.anchors:
                if offset <= line < offset + take:
                    result.anchors.append((key, y - before - (line - offset) * chunk.height - chunk.drop))
            for m in range(offset + 2, offset + take):  # breaks inside the paragraph, two lines each side
                if chunk.lines - m >= 2 and not chunk.flagged[m - 1] and (stop is None or (index, m) != stop):
                    result.breaks.append(((index, m), y - before - (m - offset) * chunk.height,
                                          bottom + reserve(notes + _notes_before(chunk, m, notes)),
                                          _anchors_before(result, chunk, m, offset + take)))
            y -= before + take * chunk.height
        notes += [label for line, label in chunk.footnotes if line < offset + take and label not in notes]
        at_top, result.count = False, result.count + 1
        result.text_end, result.floor = y, bottom + reserve(notes)
        if split:  # the footnote started below these lines fills the page's foot: nothing more comes here
            result.floor, result.split_foot = y, True
            result.end = (index, offset + take) if offset + take < chunk.lines else (index + 1, 0)
            break
        if chunk.lines and offset + take < chunk.lines:
            result.end = (index, offset + take)
            break
        y -= chunk.space_after
        index, offset, keep_before, after = index + 1, 0, chunk.keep, chunk.space_after
        if not chunk.keep:
            result.breaks.append(((index, 0), result.text_end, result.floor, len(result.anchors)))
    if result.breaks and result.breaks[-1][0] == result.end:
        result.breaks.pop()
    return _overleaf(result, notes, bottom, foot)


def _overleaf(result: Fill, notes: list, bottom: float, foot: Foot) -> Fill:
    """A footnote started on the page, or one longer than a page, fills the room below the text (as the frame
    sets it: footnotes.BodyFrame._plan) and what of it is left continues at the next page's foot."""
    if notes and foot.spill is not None and foot.spill(notes, result.floor - bottom + SPILL) > 0:
        result.floor = result.text_end
        result.carry = foot.spill(notes, result.text_end - bottom)
    return result


def _unhyphenated(chunk: Chunk, offset: int, take: int, at_top: bool) -> int:
    """Lines of a paragraph a page keeps once no hyphenated line ends it (as splitting.foot_lines moves the
    hyphenated line overleaf). Until the last line kept has no hyphen: the frame applies foot_lines again to
    the lines planned, and a page planned to end on a line whose line above was hyphenated too was left with
    the paragraph's first lines moved overleaf, a hole the plan never saw."""
    while take > 0 and chunk.flagged[offset + take - 1] and not (at_top and take <= 2):
        take = take - 1 if take > 2 else 0
    return take


def _end_before(result: Fill, end: tuple, keep_before: bool) -> None:
    """End the page at `end`, or before the heading that would be left last on it."""
    result.end = end
    if keep_before and result.breaks:
        result.end, result.text_end, result.floor, count = result.breaks.pop()
        del result.anchors[count:]


def _anchors_before(result: Fill, chunk: Chunk, line: int, end: int) -> int:
    """How many of the page's anchors come before `line` of `chunk` (its lines up to `end` are listed)."""
    return len(result.anchors) - sum(1 for n, _ in chunk.anchors if line <= n < end)


def _fit_lines(chunk: Chunk, offset: int, room: float, notes: list, foot: Foot, at_top: bool,
               limit: int | None = None) -> tuple[int, bool]:
    """Lines of a paragraph that stay on this page with the footnotes they refer to (two at least, two
    left over, `limit` at most), and whether those footnotes start below them and continue overleaf.

    As the text frame does (footnotes.BodyFrame._lines_here and _plan): a footnote is reserved only
    if its reference is among the lines kept; it is split off only when keeping it whole would end
    the page `foot.hole` short or more.
    """
    left = chunk.lines - offset
    # no more lines than the room holds without footnotes (a reserve is never negative): counting down from
    # all the paragraph's lines cost a pass over a long paragraph per page, its square over the paragraph
    room_lines = int((room + 1e-6) / chunk.height) if chunk.height > 0 else left
    counts = range(min(left - 2, limit if limit is not None else left, room_lines), 1, -1)

    def fresh(take):
        return [label for line, label in chunk.footnotes if offset <= line < offset + take and label not in notes]
    whole = next((take for take in counts if take * chunk.height + foot.whole(notes + fresh(take)) <= room + 1e-6),
                 2 if at_top else 0)
    # no hyphen and no marked phrase at the page's foot, as the frame keeps them off (splitting.foot_lines)
    whole = _unhyphenated(chunk, offset, whole, at_top)
    if room - whole * chunk.height - foot.whole(notes + fresh(whole)) > foot.hole:
        candidates = ([left] if limit is None or limit >= left else []) + list(counts)
        for take in candidates:
            if take > whole and fresh(take) and take * chunk.height + foot.start(notes, fresh(take)) <= room + 1e-6 \
                    and (take == left or _unhyphenated(chunk, offset, take, at_top) == take):
                return take, True
    return whole, False


def _notes_before(chunk: Chunk, line: int, notes: list) -> list:
    return [label for n, label in chunk.footnotes if n < line and label not in notes]


class Planner:
    """Chooses each body page's end by looking `window` pages ahead."""

    def __init__(self, callouts: dict, column: Column, width: float, leading: float, rules: dict, footnote_reserve):
        self.callouts, self.column, self.width, self.leading = callouts, column, width, leading
        self.max_hole, self.window = rules["max_hole"], int(rules["window"])
        # the frame's reserve for footnotes kept whole, for one started, their height whole, and the foot of a
        # page that a footnote continued from the page before takes first (footnotes.BodyFrame.overleaf)
        whole, start, spill, self.overleaf = footnote_reserve
        self.whole_reserve = whole
        # the page foot as fill() reads it, the whole reserve asked of the frame once per list (_reserve)
        self.foot = Foot(self._reserve, start, (self.max_hole + 1) * leading - 0.01, spill)
        self.feather = rules["feather"]
        self.cache: dict = {}
        self.fills: dict = _memo()
        self.reserves: dict = _memo()
        self.plans: dict = _memo()  # (waiting callouts, page, part end) -> (them, cost, carried): a page's margin

    def plan(self, remaining: list, page: int, waiting: list, top: float, bottom: float) -> tuple:
        """((flowable, lines) the page must end before, or None at the part's end; extra space per gap).

        A page that must end more than `max_hole` lines short (before a heading that cannot take
        its two lines here, or a block) spreads the rest between its paragraphs, up to `feather` each.
        """
        model = TextModel(remaining, self.width, None, self.cache)
        self.fills = _memo()  # this page's fills by (start, stop): the footnotes already printed are fixed until it ends
        self.reserves = _memo()  # ... and so is the room each list of footnotes takes at its foot
        pending = self.overleaf(None)[1]  # a footnote longer than the rest of this page goes on overleaf
        depth = self._depth(model, top, bottom, pending)
        _, fill_used = self._search(model, (0, 0), waiting, page, top, (bottom, pending), depth)
        if fill_used is None or fill_used.part_end:
            return None, 0.0
        index, lines = fill_used.end
        return (model.chunk(index).flowable, lines), self._feather(fill_used)

    def _depth(self, model: TextModel, top: float, bottom: float, pending: float) -> int:
        """The window, reaching a page past the part's end when that is near: callouts still waiting there
        need the text to run on, and only pages before it, each ending a little short, can send it on."""
        start, foot = (0, 0), (bottom, pending)
        for pages in range(1, self.window + REACH + 1):
            page_fill = self._fill(model, start, top, foot[0])
            if page_fill.part_end:
                return max(self.window, pages + 1)
            start, foot = page_fill.end, self._next_foot(page_fill, foot[1])
        return self.window

    def _feather(self, page_fill: Fill) -> float:
        """Space added below each flowable of a page ending short; only the gaps between them (count - 1) show."""
        hole = page_fill.text_end - page_fill.floor
        if hole > self.max_hole * self.leading and page_fill.count > 1 and not page_fill.part_end:
            return min((hole - self.leading * 0.5) / (page_fill.count - 1), self.feather)
        return 0.0

    def hole_lines(self, page_fill: Fill) -> int:
        """Body lines left empty at the page's foot once the feather has spread what it may (0 at a part's end)."""
        if page_fill.part_end:
            return 0
        hole = page_fill.text_end - page_fill.floor - self._feather(page_fill) * (page_fill.count - 1)
        return max(0, int(hole / self.leading + 1e-6))

    def _next_foot(self, page_fill: Fill, pending: float) -> tuple[float, float]:
        """The next page's (text column foot, footnotes continuing past it): the footnotes a page ends with
        continued, and those still going on from before, come first at its foot and raise the column's."""
        return self.overleaf(pending + page_fill.carry)

    def _search(self, model, start, waiting, page, top, foot, depth) -> tuple[float, Fill | None]:
        """The cheapest (cost, fill) of the page starting at `start`; `foot`: its column's foot, and the
        footnotes that go on past it."""
        bottom = foot[0]
        natural = self._fill(model, start, top, bottom)
        best, chosen = float("inf"), None
        for end in self._ends(natural, start):
            page_fill = natural if end == natural.end else self._fill(model, start, top, bottom, end)
            if page_fill.end == start:
                continue
            cost, carried = self._page_cost(page_fill, waiting, page)
            if page_fill.part_end:
                cost += LEFT_OVER * len(carried)
            elif depth > 1 and cost < best:
                cost += self._search(model, page_fill.end, carried, page + 1, top,
                                     self._next_foot(page_fill, foot[1]), depth - 1)[0]
            if cost < best:
                best, chosen = cost, page_fill
            if end == natural.end and cost == 0:
                break  # clean pages all through the window: nothing earlier can do better
        return best, chosen

    def _fill(self, model: TextModel, start: tuple, top: float, bottom: float, stop: tuple | None = None) -> Fill:
        """fill(), once per start and stop while one page is planned (the window and the search share them)."""
        key = (start, stop, top, bottom)
        found = self.fills.get(key)
        if found is None:
            found = self.fills[key] = fill(model, start, top, bottom, self.foot, stop)
        return found

    def _reserve(self, labels: list) -> float:
        """The footnote reserve for `labels`, asked of the frame once per list while one page is planned."""
        key = tuple(labels)
        found = self.reserves.get(key)
        if found is None:
            found = self.reserves[key] = self.whole_reserve(labels)
        return found

    def _ends(self, natural: Fill, start: tuple) -> list:
        """The natural end and up to three earlier ones whose hole, once the feather spreads what it may
        between the page's flowables (as hole_lines counts it), is within max_hole: judged before the feather,
        a page never ended a line or two earlier where that left 3.9 lines, though the page drawn shows 3."""
        limit = (self.max_hole + HOLE_SLACK) * self.leading  # a hole counts whole lines: 3.8 lines is 3
        earlier = []
        for end, text_end, floor, _ in reversed(natural.breaks):
            hole = text_end - floor
            count = end[0] - start[0] + (1 if end[1] else 0)  # flowables (or pieces) on the page ending there
            if hole > self.max_hole * self.leading and count > 1:
                hole -= min((hole - self.leading * 0.5) / (count - 1), self.feather) * (count - 1)
            if hole <= limit + 0.01:
                earlier.append(end)
        return [natural.end] + earlier[:OPTIONS - 1]

    def _page_cost(self, page_fill: Fill, waiting: list, page: int) -> tuple[float, list]:
        anchored = sorted(page_fill.anchors, key=lambda a: (-a[1], self.callouts[a[0]].number))
        items = list(waiting) + [Waiting(self.callouts[key], page, y) for key, y in anchored]
        # each page's window looks at the pages the previous one looked at: about half of the margins
        # planned in a build are the same callouts at the same places on the same page
        key = (tuple(map(_waiting_key, items)), page, page_fill.part_end)
        kept = self.plans.get(key)
        if kept is None:
            plan = plan_page(items, page, self.column, page_fill.part_end)
            kept = self.plans[key] = (items, plan.cost, plan.carried)  # the items: their ids stay theirs
        hole = self.hole_lines(page_fill)
        split = FOOT_SPLIT if page_fill.split_foot else 0.0
        return kept[1] + HOLE_LINE * hole + HOLE_OVER * max(0, hole - self.max_hole) + split, kept[2]


def _waiting_key(item: Waiting) -> tuple:
    """What the margin placement reads of a waiting callout: which box (or which rest of it), and where."""
    callout = item.callout
    whole = getattr(callout, "whole", None)
    box = (id(callout), callout.continuation) if whole is None else (id(whole), whole.continuation, callout.start)
    return box + (item.anchor_page, item.anchor_y, item.part_of, item.extra)
