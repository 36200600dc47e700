"""The margin column of one page: which callouts start there, which split and where, stacked beside their anchors.

A page's callouts are chosen by a small search over the options a compositor has (how many of the
waiting notes start here, and which one of them splits, or which two when one split cannot start them
all), scored by the same costs the page-window
planner (planner.py) adds up: a note that starts after its anchor's page, a split, a stub.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# What a page's choices cost. A late note is what a reader minds most, then a split callout; the
# planner adds holes in the text column on the same scale (planner.HOLE_LINE).
LATE = 100.0  # a note that does not start on its anchor's page (ten times that for a second page)
LATE_CODE = 6.0  # a link's QR code printed a page after its link: it has no number to look for
SPLIT = 14.0  # a callout continued on the next page
SPLIT_SHORT = 25.0  # ... leaving fewer than three lines on one side of the break
SPLIT_INSIDE = 8.0  # ... with another callout below its head (a reader skips a box to find the rest)
TIGHT = 10.0  # a page whose callouts are closed up
TAIL_WAIT = 30.0  # the rest of a split callout waiting a page more (per page already waited)
LEFT_OVER = 400.0  # a callout still waiting when its part's text has ended: it would need a page of its own


@dataclass
class Waiting:
    """A callout (or the rest of one) waiting for a place in the margin."""

    callout: object  # Callout, or a Remainder while the planner only imagines the split
    anchor_page: int
    anchor_y: float | None = None  # the anchor line's baseline on this page; None: carried from an earlier page
    part_of: int | None = None  # for the rest of a split callout: the page its previous part printed on
    extra: float = 0.0  # height of a continuation line the planner imagines on a carried note

    @property
    def is_tail(self) -> bool:
        return self.part_of is not None

    @property
    def is_note(self) -> bool:
        return self.callout.key.startswith("n")

    def measure(self, width: float, tight: float = 0.0) -> tuple[float, list]:
        fixed, rows = self.callout.rows(width, tight)
        return fixed + self.extra * (1 - tight), rows


class Remainder:
    """What a planned split leaves for the next page, measured from the whole callout's rows."""

    def __init__(self, callout, width: float, start: int):
        self.whole = getattr(callout, "whole", callout)  # the Callout itself, also for a rest's rest
        self.start = getattr(callout, "start", 0) + start
        self.key, self.number, self.splittable = callout.key, callout.number, callout.splittable

    def rows(self, width: float, tight: float = 0.0) -> tuple[float, list]:
        whole = self.whole
        fixed = (2 * whole.padding + whole.sample_heights(width)[1]) * (1 - tight)
        return fixed, whole.rows(width, tight)[1][self.start:]

    def sample_heights(self, width: float) -> tuple[float, float]:
        return self.whole.sample_heights(width)

    def baseline_drop(self, tight: float = 0.0) -> float:
        return self.whole.baseline_drop(tight)


@dataclass
class Slot:
    item: Waiting
    top: float
    height: float
    rows: int | None = None  # a split: the head keeps this many content rows, the rest goes on


@dataclass
class PagePlan:
    slots: list = field(default_factory=list)
    carried: list = field(default_factory=list)  # Waiting: what goes on to the next page
    cost: float = 0.0
    tight: float = 0.0  # the share by which this page's callouts close up


@dataclass
class Column:
    """The margin column's geometry and the style's rules for it."""

    width: float
    top: float
    bottom: float
    gap: float
    floor: float  # the least height a split head may have (a smaller one would be a stub)
    tighten: float = 0.0  # how far a crowded page may close its callouts up (the style's limit)
    tight: float = 0.0  # how far this trial closes them up

    def stack(self, wants: list, heights: list) -> list | None:
        """Tops for boxes in order, each at its wanted top or pushed up; None if they cannot all fit."""
        tops, cursor = [], self.top
        for want, height in zip(wants, heights):
            top = min(want, cursor)
            tops.append(top)
            cursor = top - height - self.gap * (1 - self.tight)
        limit = self.bottom
        for i in range(len(tops) - 1, -1, -1):
            if tops[i] - heights[i] < limit:
                tops[i] = limit + heights[i]  # pulled up into the free margin above its anchor
            limit = tops[i] + self.gap * (1 - self.tight)
        if tops and tops[0] > self.top + 0.01:
            return None
        return tops


def plan_page(items: list[Waiting], page: int, column: Column, last: bool = False) -> PagePlan:
    """The cheapest way to set `items` (rests of split callouts first, then notes in anchor order) on `page`.

    `last`: nothing follows in this part, so whatever waits would need a page of its own. A page
    that cannot set everything as it comes tries its callouts closed up by the style's `tighten`.
    """
    best = _cheapest(items, page, column, last)
    if best.cost > 0 and column.tighten > 0:
        closer = _cheapest(items, page, replace(column, tight=column.tighten), last)
        if closer.cost + TIGHT < best.cost:
            best = closer
            best.tight = column.tighten
    return best


def _cheapest(items: list[Waiting], page: int, column: Column, last: bool) -> PagePlan:
    tails = sorted((w for w in items if w.is_tail), key=lambda w: w.part_of)  # the longest waiting first
    starts = [w for w in items if not w.is_tail]
    best: PagePlan | None = None
    sizes = {id(w): _size(w, column) for w in items}  # whole height, and the least a split head can be
    room = column.top - column.bottom + 0.01
    gap = column.gap * (1 - column.tight)
    for tail_count in range(len(tails), -1, -1):
        # on a part's last page whatever waits needs a page of its own, more than a split's rest does
        wait = sum(2 * LEFT_OVER if last else _wait_cost(w, page) for w in tails[tail_count:])
        for count in range(len(starts), -1, -1):
            waiting = starts[count:]
            late = wait + sum(2 * LEFT_OVER if last else _late_cost(w, page) for w in waiting)
            if best is not None and late >= best.cost:
                break  # fewer callouts set here only adds lateness
            placed = tails[:tail_count] + starts[:count]
            total = sum(sizes[id(w)][0] for w in placed) + gap * (len(placed) - 1)
            for split in [None] + list(range(len(placed))):
                # boxes stacked with their gaps must fit between the column's top and bottom: most of the
                # trials for hundreds of waiting notes fail this at once (200 notes on a paragraph took 2 min)
                least = total if split is None else total - sizes[id(placed[split])][0] + sizes[id(placed[split])][1]
                plan = _try(placed, split, column, page, sizes) if least <= room else None
                if plan is None:
                    continue
                plan.cost += late + (LEFT_OVER * len(plan.carried) if last else 0)  # a rest needs a page
                plan.carried += tails[tail_count:] + [_carried(w, column) for w in waiting]
                if best is None or plan.cost < best.cost:
                    best = plan
                if split is None:
                    break  # nothing split: no split of these can cost less
            if best is None or best.cost > late + 2 * SPLIT:  # two long callouts may both start here and go on
                for plan in _pairs(placed, column, page, sizes, room):
                    plan.cost += late + (LEFT_OVER * len(plan.carried) if last else 0)
                    plan.carried += tails[tail_count:] + [_carried(w, column) for w in waiting]
                    if best is None or plan.cost < best.cost:
                        best = plan
    if best is None:  # not even the rest of one callout fits beside the others: it takes the column alone
        best = _try(placed[:1], 0, column, page, sizes) or _try(placed[:1], None, column, page, sizes)
        if best is None:
            raise RuntimeError(f"callout {placed[0].callout.key} cannot be split to fit the margin column")
        best.carried += [_carried(w, column) for w in items if w is not placed[0]]
    return best


def _size(item: Waiting, column: Column) -> tuple[float, float]:
    """The height of `item` whole in `column`, and a floor under the height of any head a split leaves."""
    fixed, rows = item.measure(column.width, column.tight)
    return fixed + sum(h for h, _ in rows), fixed


def _wait_cost(tail: Waiting, page: int) -> float:
    """The rest of a split callout waiting a page more: cheap once, then as dear as a note two pages late."""
    waited = page - tail.part_of
    return TAIL_WAIT * waited if waited < 2 else 10 * LATE


def _late_cost(item: Waiting, page: int) -> float:
    base = LATE if item.is_note else LATE_CODE
    return base * (10 if page > item.anchor_page else 1)


def _carried(item: Waiting, column: Column) -> Waiting:
    """A note that waits for the next page, which will print where its anchor is ("from ¶ 3, p. 4")."""
    if item.anchor_y is None:
        return item
    return Waiting(item.callout, item.anchor_page, None, None, item.callout.sample_heights(column.width)[1])


def _try(placed: list[Waiting], split: int | None, column: Column, page: int, sizes: dict) -> PagePlan | None:
    """Place `placed` in order, all whole or with item `split` cut to the tallest head that fits
    (`sizes`: _size of each, by id)."""
    heights = [sizes[id(w)][0] for w in placed]
    wants = [column.top if w.anchor_y is None else w.anchor_y + w.callout.baseline_drop(column.tight)
             for w in placed]
    if split is None:
        tops = column.stack(wants, heights)
        if tops is None:
            return None
        return PagePlan([Slot(w, t, h) for w, t, h in zip(placed, tops, heights)], [], 0.0)
    cuts = _cuts(placed[split], column)
    found = _tallest(cuts, lambda height: column.stack(wants, heights[:split] + [height] + heights[split + 1:]))
    if found is None:
        return None
    k, tops = found
    trial = heights[:split] + [cuts[k][1]] + heights[split + 1:]
    return _split_plan(placed, {split: cuts[k][0]}, tops, trial, column, page)


def _cuts(item: Waiting, column: Column) -> list[tuple[int, float]]:
    """Where `item` may be cut: (content rows kept, height of the head with its "continued on" line)."""
    fixed, rows = item.measure(column.width, column.tight)
    cont = item.callout.sample_heights(column.width)[0] * (1 - column.tight)
    cuts, height = [], fixed + cont
    floor = min(column.floor, fixed + cont + sum(h for h, _ in rows[:-1]))  # once, not once a row
    for k, (h, extra) in enumerate(rows[:-1], 1):
        height += h
        if extra is not None and height >= floor:
            cuts.append((k, height + extra))
    return cuts


def _tallest(cuts: list, stack) -> tuple[int, list] | None:
    """(index of the tallest cut whose head `stack` can place, the tops it gives), or None."""
    lo, hi, found = 0, len(cuts) - 1, None
    while lo <= hi:  # a taller head never fits where a shorter one does not: search the cut
        mid = (lo + hi) // 2
        tops = stack(cuts[mid][1])
        if tops is None:
            hi = mid - 1
        else:
            found, lo = (mid, tops), mid + 1
    return found


def _split_plan(placed: list, cut: dict, tops: list, heights: list, column: Column, page: int) -> PagePlan:
    """The plan setting `placed` at `tops`, the items in `cut` (index -> content rows kept) cut there."""
    slots = [Slot(w, t, h, cut.get(i)) for i, (w, t, h) in enumerate(zip(placed, tops, heights))]
    cost, tails = 0.0, []
    for index, k in cut.items():
        item = placed[index]
        cost += SPLIT + (SPLIT_INSIDE if index < len(placed) - 1 else 0)
        if k < 3 or len(item.measure(column.width, column.tight)[1]) - k < 3:
            cost += SPLIT_SHORT
        tails.append(Waiting(Remainder(item.callout, column.width, k), item.anchor_page, None, part_of=page))
    return PagePlan(slots, tails, cost)


def _pairs(placed: list, column: Column, page: int, sizes: dict, room: float) -> list[PagePlan]:
    """Plans that cut two of `placed` (the earlier one as short as it may be, then the later one as tall as
    fits), when even the most the two longest cuts could save brings the stack within the column."""
    total = sum(sizes[id(w)][0] for w in placed) + column.gap * (1 - column.tight) * (len(placed) - 1)
    savings = sorted((sizes[id(w)][0] - sizes[id(w)][1] for w in placed if w.callout.splittable), reverse=True)
    if len(savings) < 2 or total - savings[0] - savings[1] > room:
        return []  # checked once per count: hundreds of waiting notes never get this far
    heights = [sizes[id(w)][0] for w in placed]
    wants = [column.top if w.anchor_y is None else w.anchor_y + w.callout.baseline_drop(column.tight) for w in placed]
    plans, cuts = [], [_cuts(w, column) if w.callout.splittable else [] for w in placed]
    for i in range(len(placed)):
        for j in range(i + 1, len(placed)):
            first, second = cuts[i], cuts[j]
            if not (first and second):
                continue

            def stack(height, other=first[0][1]):
                trial = list(heights)
                trial[i], trial[j] = other, height
                return column.stack(wants, trial)
            found = _tallest(second, stack)
            if found is None:
                continue
            trial = list(heights)
            trial[i], trial[j] = first[0][1], second[found[0]][1]
            plans.append(_split_plan(placed, {i: first[0][0], j: second[found[0]][0]}, found[1], trial, column, page))
    return plans
