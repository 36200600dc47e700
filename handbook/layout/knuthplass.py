"""Knuth–Plass total-fit line breaking over boxes, glue and penalties (no ReportLab here)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .knuthrepair import broken_lines, mend
from .knuthrules import INFINITY, kept as _kept, loose as _loose

BOX, GLUE, PENALTY, TIE = 0, 1, 2, 3  # TIE: glue where no break may fall (a no-break space)
AWFUL = 1e30


@dataclass(frozen=True)
class Rules:
    """The weights of the breaker; every one comes from the style's `typesetting` keys."""

    tolerance: float = 100  # badness allowed in the first two passes (100: spaces up to 1.5 x natural)
    emergency_tolerance: float = 8000  # the third pass, for paragraphs that cannot meet `tolerance`
    line_penalty: float = 10
    hyphen_penalty: float = 50
    explicit_hyphen_penalty: float = 50
    last_word_hyphen_penalty: float = 1000  # a paragraph's last word: hyphenated only to avoid very loose lines
    proper_name_hyphen_penalty: float = 500  # a word of a country's name, likewise
    double_hyphen_demerits: float = 3000
    final_hyphen_demerits: float = 5000
    adjacent_demerits: float = 5000
    max_hyphen_run: int = 2
    hyphen_run_demerits: float = 1e7
    foot_hyphen_demerits: float = 1e7
    min_last_line: int = 4
    short_last_line_demerits: float = 1e7
    # a justified line whose spaces stretch past `loose_ratio` times their stretch (2: twice the natural
    # width, half an em in a serif text face) costs about `loose_demerits` more: fewest such lines win
    loose_ratio: float = 2.0
    loose_demerits: float = 1e6
    repair_reach: int = 10  # lines the last pass sets again on each side of a line that breaks a rule


class Items:
    """A paragraph as boxes, glue and penalties: rows while it is built, then parallel columns.

    A row is (kind, width, stretch, shrink, penalty, flagged, letters, discretionary, ragged): a ragged
    break (inside a URL) ends its line unjustified, its shortfall costing as on a ragged-right line. `close()`
    turns the rows into the columns the breaker reads (kind, width, ...), in one pass at C speed.
    """

    __slots__ = ("rows", "kind", "width", "stretch", "shrink", "penalty", "flagged", "letters", "discretionary", "ragged",
                 "widest", "cut_long", "_sums", "_points")

    def __init__(self):
        self.rows: list = []
        self.widest = 0.0  # the widest box (a word or part of one): lines narrower need the items again
        self.cut_long = False  # some word wider than the line was cut into letters
        self._sums = None
        self._points: dict = {}

    def add(self, kind, width=0.0, stretch=0.0, shrink=0.0, penalty=0.0, flagged=False, letters=0, disc=False,
            ragged=False):
        self.rows.append((kind, width, stretch, shrink, penalty, flagged, letters, disc, ragged))

    def close(self) -> "Items":
        (self.kind, self.width, self.stretch, self.shrink, self.penalty, self.flagged, self.letters,
         self.discretionary, self.ragged) = zip(*self.rows) if self.rows else ((),) * 9
        return self

    def points(self, hyphenate: bool) -> list:
        """The legal breaks: (index, penalty, flagged, width up to here, stretch, shrink, fill, next start).

        A glue after a box, or a penalty below INFINITY (pattern hyphens only when `hyphenate`); kept
        per paragraph, which is broken at several widths and in several passes.
        """
        held = self._points.get(hyphenate)
        if held is not None:
            return held
        cw, cy, cz, _ = self.sums()
        kind, penalty, width = self.kind, self.penalty, self.width
        end = len(kind) - 1
        out = []
        for b, k in enumerate(kind):
            if k == GLUE:
                if b and kind[b - 1] == BOX:
                    # where the line after it starts: the next box (most often the next item) or forced break
                    after = b + 1 if b < end and kind[b + 1] == BOX else _line_start(self, b)
                    out.append((b, 0.0, False, cw[b], cy[b], cz[b], b == end, after))
            elif k == PENALTY:
                p = penalty[b]
                if p < INFINITY and (hyphenate or not self.discretionary[b]):
                    fill = b == end or p <= -INFINITY or (2 if self.ragged[b] else 0)
                    after = b + 1 if b < end and kind[b + 1] == BOX else _line_start(self, b)
                    out.append((b, p, self.flagged[b], cw[b] + width[b], cy[b], cz[b], fill, after))
        self._points[hyphenate] = out
        return out

    def sums(self) -> tuple:
        """Running totals of width, stretch, shrink and letters (kept: a paragraph is broken at several widths)."""
        if self._sums is None:
            # a penalty's width (a hyphen) counts only on the line it ends
            self._sums = (_cumulative(0.0 if k == PENALTY else w for k, w in zip(self.kind, self.width)),
                          _cumulative(self.stretch), _cumulative(self.shrink), _cumulative(self.letters))
        return self._sums

    def __len__(self):
        return len(self.rows)


def _cumulative(values):
    """[0, v0, v0 + v1, ...] (at C speed)."""
    return list(accumulate(values, initial=0.0))


def break_paragraph(items: Items, widths, rules: Rules, foot: int | None = None,
                    ragged: float = 0.0, emergency: float = 0.0, squeeze: float = 1.0,
                    ragged_end: float = 1.0) -> list[int]:
    """Indices of the chosen breaks (the last is the final forced break), total fit over the paragraph.

    `widths[i]` is the width of line i (the last repeats). `foot`: the number of lines that fit before
    a page or column ends; a flagged (hyphen) break ending that line costs `foot_hyphen_demerits`.
    `ragged`: extra stretch at every line end, for ragged-right setting (word spaces then keep their
    width). Passes as in TeX: no pattern hyphens within `tolerance`, then with them, then within
    `emergency_tolerance`, then a last pass that takes any underfull line and, if a word cannot fit
    at all, an overfull one; that pass adds `emergency` stretch to every line (TeX's
    \\emergencystretch), so that of two lines with no room to spare the fuller wins. The last two
    passes may also shrink word spaces `squeeze` times their shrink (a tight line reads better than a
    loose one), at the badness of the shrink. A pass whose best still breaks a rule (a hyphen ladder, a hyphen at the
    foot, a short last line) hands over to the next; the one breaking fewest rules wins.
    """
    sums = items.sums()
    end = len(items) - 1
    if sums[0][-1] <= widths[0] and items.penalty.count(-INFINITY) == 1:
        return [end]  # one line: most headings, index entries and short notes
    breaks = _total_fit(items, sums, widths, rules, foot, ragged, emergency, squeeze, ragged_end)
    if ragged:
        # a ragged column (a note beside the text) is never set in more lines than filling each line in turn
        # would take: its height decides where it can go. Looser line ends then compete for fewer lines.
        fewest = len(_first_fit(items, sums[0], widths))
        for looser in (2.0, 4.0):
            if len(breaks) <= fewest:
                break
            breaks = min(breaks, _total_fit(items, sums, widths, rules, foot, ragged * looser, emergency, squeeze,
                                            ragged_end * looser), key=len)
    return breaks


def _total_fit(items, sums, widths, rules, foot, ragged, emergency, squeeze, ragged_end) -> list[int]:
    """The passes of break_paragraph, first to last, until one breaks no rule."""
    # a middle pass at 10 x tolerance spares most paragraphs the slow emergency pass (many feasible breaks)
    middle = min(10 * rules.tolerance, rules.emergency_tolerance)
    passes = ((False, rules.tolerance, False), (True, rules.tolerance, False), (True, middle, False),
              (True, rules.emergency_tolerance, False), (True, INFINITY, True))
    if ragged or not any(items.discretionary):
        # ragged right: every line fits the first pass's tolerance, which would then never hyphenate and
        # set a narrow column (a note) lines longer than it needs; hyphens compete with the shortfall there
        passes = passes[1:]
    best = None
    for hyphenate, tolerance, final in passes:
        limit = squeeze if tolerance > rules.tolerance else 1.0
        args = (items, sums, widths, rules, foot, ragged + (emergency if final else 0.0), hyphenate, tolerance,
                final, -limit, ragged + ragged_end)
        if final and best is not None:  # the last pass only where a rule is broken, not over every line
            return _mend(best[0], args) if best[1] else best[0]
        found = _pass(*args)
        if found is None:
            continue
        if not found[1]:
            return found[0]
        # a rule broken (a hyphen ladder, a hyphen at the foot, a short last line): looser lines may keep it
        if best is None or found[1:] < best[1:]:
            best = found
    return best[0] if best is not None else _first_fit(items, sums[0], widths)


def _mend(breaks: list, args: tuple) -> list[int]:
    """`breaks` with the lines around each broken rule set again by the last pass (knuthrepair)."""
    items, sums, rules, foot = args[0], args[1], args[3], args[4]
    cl = sums[3]

    def hyphen_end(b):
        return items.kind[b] == PENALTY and items.flagged[b]

    def broken(candidate):
        return broken_lines(candidate, hyphen_end, rules, foot, lambda b, e: cl[e] - cl[_line_start(items, b)])

    def hyphen_run(candidate, j):
        run = 0
        while j >= 0 and hyphen_end(candidate[j]):
            run, j = run + 1, j - 1
        return run

    return mend(breaks, broken, lambda first, stop: _pass(*args, first=first, stop=stop), hyphen_run,
                int(rules.repair_reach))


def _first_fit(items: Items, cw, widths) -> list[int]:
    """Line by line, each as full as it goes: never reached by the passes above, kept as a safety net."""
    breaks, start, last = [], 0, None
    kind, width, penalty = items.kind, items.width, items.penalty
    for point in items.points(True):  # every legal break: a glue after a box, a penalty below INFINITY
        b = point[0]
        k = kind[b]
        target = widths[min(len(breaks), len(widths) - 1)]
        over = width[b] if k == PENALTY else 0.0  # a hyphen at the break
        if cw[b] - cw[start] + over > target and last is not None and last > start:
            breaks.append(last)
            start = _line_start(items, last)
        if penalty[b] <= -INFINITY and k == PENALTY:
            breaks.append(b)
            start = _line_start(items, b)
        last = b
    return breaks


def _line_start(items: Items, b: int) -> int:
    """The first item of the line after a break at b: glue and penalties there are discarded."""
    kind, n = items.kind, len(items.kind)
    i = b + 1 if b >= 0 else 0
    while i < n and kind[i] != BOX and not (kind[i] == PENALTY and items.penalty[i] <= -INFINITY):
        i += 1
    return i


def _pass(items, sums, widths, rules, foot, ragged, hyphenate, tolerance, final, tightest=-1.0, ragged_end=1.0,
          first=None, stop=None):
    """One pass over the legal breaks; (breaks, rules broken) or None if no breaking meets `tolerance`.
    `first` (position, line, fitness, hyphen run) to `stop`: only the lines between two breaks (_mend)."""
    cl = sums[3]
    cap = max(len(widths) - 1, (foot + 1) if foot else 0)
    end = len(items) - 1
    active = [_first_node(items, sums, widths, first or (-1, 0, 1, 0))]
    skips = 0 <= tolerance < INFINITY and ragged >= 0  # at INFINITY every line is within tolerance (_hopeless_key)
    hopeless = (tolerance / 100) ** (1 / 3) * 1.01 if skips else 0.0
    active[0].append(_hopeless_key(active[0], hopeless, skips))
    for b, p, f, reach, stretch_b, shrink_b, fill, after in _span(items.points(hyphenate), active[0][0], stop):
        reach_key = reach + hopeless * (stretch_b + ragged) + 1e-6 if not fill and p > -INFINITY else AWFUL
        best: dict = {}
        survivors = []
        alone = final and len(active) == 1
        for a in active:
            if a[12] > reach_key and stretch_b >= a[10]:
                survivors.append(a)  # underfull past tolerance (_hopeless_key)
                continue
            target = a[8]
            natural = reach - a[9]
            if natural < target:
                if fill is True:
                    ratio = 0.0  # a last line ends with infinitely stretchable fill
                elif fill:  # a ragged break: the line falls short as a ragged-right one does
                    ratio = (target - natural) / (stretch_b - a[10] + ragged_end)
                else:
                    stretch = stretch_b - a[10] + ragged
                    ratio = (target - natural) / stretch if stretch > 0 else AWFUL
            elif natural > target:
                shrink = shrink_b - a[11]
                ratio = (target - natural) / shrink if shrink > 0 else -AWFUL
            else:
                ratio = 0.0
            if ratio >= tightest:
                if p > -INFINITY:
                    survivors.append(a)
                # capped as TeX caps it: in the last pass any underfull line fits, the least loose winning
                badness = 100 * ratio ** 3 if ratio > 0 else -100 * ratio ** 3
                if badness > INFINITY:
                    badness = INFINITY
                if badness <= tolerance:
                    if (badness > rules.tolerance or final) and not fill:
                        badness = _loose(badness, target - natural, stretch_b - a[10], rules, final)
                    _consider(best, a, b, p, f, ratio, badness, rules, foot, cl, a[6], end, cap)
            elif alone and not best:
                # the only way on, and nothing fits: an overfull line rather than no paragraph (TeX's
                # artificial demerits), ranked below any line that fits
                _consider(best, a, b, p, f, tightest, 10_000, rules, foot, cl, a[6], end, cap, artificial=True)
        active = survivors
        if best:
            _activate(best, active, after, widths, sums, rules, hopeless, skips)
        if not active:
            return None
    return _chosen(active, end if stop is None else stop)


def _activate(best: dict, active: list, after: int, widths, sums, rules, hopeless, skips) -> None:
    """The nodes of a break worth keeping (`_kept`) join `active`, set up for their next line."""
    cw, cy, cz, _ = sums
    last_width = len(widths) - 1
    for node in _kept(best, rules):
        line = node[1]
        width, start, stretch = widths[line if line < last_width else last_width], cw[after], cy[after]
        # the last slot: _hopeless_key(node, hopeless, skips), worked out here without the call
        node[6:] = [after, node[7], width, start, stretch, cz[after],
                    width + start + hopeless * stretch if skips else -AWFUL]
        active.append(node)


def _hopeless_key(node, hopeless, skips) -> float:
    """A node's side of a test that spares _pass working out lines that cannot be within tolerance.

    A line from a node to a break too far for it to reach `tolerance` only keeps the node active. That is
    found in one comparison: this key (the node's line end, plus `hopeless` times its stretch sum) against
    the break's `reach_key`, so that the line is underfull by more than rounding (1e-6 pt), with a stretch that
    is not negative, and a ratio over `hopeless`, 1.01 times the cube root of tolerance / 100: a margin far
    above rounding. Never passed when every line is within tolerance (`skips` false).
    """
    return node[8] + node[9] + hopeless * node[10] if skips else -AWFUL


def _first_node(items, sums, widths, first) -> list:
    """The node a pass starts from: [position, line, fitness, hyphen run, total demerits, previous node,
    start of its next line, rules broken so far, width of its next line, the running sums where it starts]."""
    b, line, fitness, run = first
    start = _line_start(items, b)
    cw, cy, cz, _ = sums
    return [b, line, fitness, run, 0.0, None, start, 0, widths[min(line, len(widths) - 1)], cw[start], cy[start],
            cz[start]]


def _span(points, after: int, stop):
    """The legal breaks after position `after` up to `stop` (all of them when no span is asked)."""
    if after < 0 and stop is None:
        return points
    return points[bisect_right(points, after, key=_position):
                  len(points) if stop is None else bisect_right(points, stop, key=_position)]


def _position(point) -> int:
    return point[0]


def _chosen(active, end):
    """The breaks of the best node that ends the paragraph, the rules it broke and its demerits; None if
    none does."""
    finals = [a for a in active if a[0] == end]
    if not finals:
        return None
    node = min(finals, key=lambda a: (a[7], a[4]))  # fewest rules broken, then fewest demerits
    broken, demerits = node[7], node[4]
    breaks = []
    while node is not None and node[5] is not None:  # the first node is where the pass started
        breaks.append(node[0])
        node = node[5]
    breaks.reverse()
    return breaks, broken, demerits


def _consider(best, a, b, p, f, ratio, badness, rules, foot, cl, start, end, cap, artificial=False):
    """Demerits of the line from node a to break b; keep the best node per (fitness, run, line class)."""
    base = rules.line_penalty + badness
    demerits = base * base
    if p > 0:
        demerits += p * p
    elif p > -INFINITY:
        demerits -= p * p
    if artificial:
        demerits += 1e20
    run = a[3] + 1 if f else 0
    broken = a[7]
    if f:
        if a[3]:
            demerits += rules.double_hyphen_demerits
        if run > rules.max_hyphen_run:
            demerits += rules.hyphen_run_demerits
            broken += 1
    line = a[1] + 1
    if foot and f and line == foot:
        demerits += rules.foot_hyphen_demerits
        broken += 1
    if b == end:
        if cl[b] - cl[start] < rules.min_last_line and a[0] >= 0:
            demerits += rules.short_last_line_demerits
            broken += 1
        if a[3]:
            demerits += rules.final_hyphen_demerits
    fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
    if abs(fitness - a[2]) > 1:
        demerits += rules.adjacent_demerits
    total = a[4] + demerits
    most = rules.max_hyphen_run + 1
    key = (fitness, run if run < most else most, line if line < cap else cap)  # min() of each, without the calls
    held = best.get(key)
    if held is None or (broken, total) < (held[7], held[4]):
        best[key] = [b, line, fitness, run, total, a, 0, broken]
