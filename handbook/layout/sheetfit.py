"""Fitting the cheat sheet: boxes into columns, the columns balanced, and the largest font size that fits."""
from __future__ import annotations

from itertools import combinations_with_replacement

from ..errors import BuildFailed, Position

STEP = 0.25  # pt: how finely the font size is searched when shrinking to fit (the style's cheatsheet.step)


def best_columns(heights: list[float], capacities: list[float]) -> list[int]:
    """How many consecutive boxes go in each column, so that the column running furthest past its room
    (or the fullest, when all fit) runs as little as possible. Few boxes: every split is tried."""
    n, cols = len(heights), len(capacities)
    best, best_split = None, None
    for cuts in combinations_with_replacement(range(n + 1), cols - 1):  # a column may stay empty
        bounds = [0, *cuts, n]
        worst = max(sum(heights[a:b]) - room for (a, b), room in zip(zip(bounds, bounds[1:]), capacities))
        split = [b - a for a, b in zip(bounds, bounds[1:])]
        # on a tie, no empty column before a filled one: a lone box went to the right column, the left blank
        if best is None or worst < best - 1e-6 or (worst < best + 1e-6 and _holes(split) < _holes(best_split)):
            best, best_split = worst, split
    return best_split or [n]


def _holes(split: list[int]) -> int:
    """Empty columns with a filled one after them."""
    return sum(1 for i, count in enumerate(split) if count == 0 and any(split[i + 1:]))


def balance(columns: list[list], gap: float, room: float = 0.0, line: float = 0.0) -> None:
    """Make the columns of one page end on one line: each shorter column's gaps open up (by at most one
    gap each) and its boxes share what is left, spread between their items, so no column stops short.

    `columns` holds, per column, the boxes in it (objects with a `height` and their `paragraphs`) in
    order. With `room` (the height the columns may take) and `line` (a line of text), the columns
    then run on together toward the foot of the page, as far as every one of them can open up
    evenly (a gap more below each box, a line more between each two of its items), so a sheet set a
    step below the size that would overflow does not end in a band of white.
    """
    filled = [c for c in columns if c]
    if not filled:
        return
    used = [sum(b.height for b in c) + gap * (len(c) - 1) for c in filled]
    tallest = max(used)
    reach = min(gap * (len(c) - 1) + line * sum(max(0, len(b.paragraphs) - 1) for b in c) for c in filled)
    target = tallest + max(0.0, min(room - tallest, reach))
    for boxes, length in zip(filled, used):
        slack = target - length
        if slack <= 0.01:
            continue
        opened = min(gap, slack / len(boxes)) if len(boxes) > 1 else 0.0
        for box in boxes:
            box.extra_gap = opened
        grow = (slack - opened * (len(boxes) - 1)) / len(boxes)
        for box in boxes:
            box.height += grow
            box.stretch += grow  # spread between the box's items when it is drawn


def fit_size(page, pages: int = 1) -> float:
    """The largest font size (from the style's maximum down to its minimum) at which the sheet fits `pages`."""
    theme = page.theme
    high = float(theme.cheatsheet.get("max_font_size") or 10)
    low = float(theme.cheatsheet.get("min_font_size") or 7)
    step = float(theme.cheatsheet.get("step") or STEP)
    steps = int(round((high - low) / step))
    over: dict[int, float] = {}  # size step -> how far the fullest column runs past the page (pt)

    def fits_at(i: int) -> bool:
        if i not in over:
            over[i] = page.arrange(low + i * step, pages)[1]
        return over[i] <= 0
    if fits_at(steps):
        return high
    if not fits_at(0):
        raise _too_long(page, pages, low, over[0])
    # search the step grid between a size that fits (lo) and one that does not (hi); taller content
    # at larger sizes makes "fits" monotonic. The overflow grows about in proportion to the size, so
    # the first probe aims where it crosses zero, and its neighbour usually settles it: four
    # arrangements where halving took five or six (eight at worst, when far from proportional).
    lo, hi = 0, steps
    a, b = over[lo], over[hi]
    if hi - lo > 1:
        guess = min(max(lo + int((hi - lo) * -a / (b - a)), lo + 1), hi - 1)
        if fits_at(guess):
            lo = guess
            if guess + 1 < hi:
                lo, hi = (guess + 1, hi) if fits_at(guess + 1) else (lo, guess + 1)
        else:
            hi = guess
            if guess - 1 > lo:
                lo, hi = (guess - 1, hi) if fits_at(guess - 1) else (lo, guess - 1)
    while hi - lo > 1:  # the guess was off: halve what is left
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits_at(mid) else (lo, mid)
    return low + lo * step


def fit_sheet(page) -> tuple[float, int]:
    """(font size, pages): one page if the sheet fits one at the style's minimum size, else a two-sided
    card when the style allows it (cheatsheet.pages: 2), at the largest size that fits."""
    allowed = max(1, min(2, int(page.theme.cheatsheet.get("pages") or 1)))
    low = float(page.theme.cheatsheet.get("min_font_size") or 7)
    if allowed == 1 or page.arrange(low, 1)[1] <= 0:
        return fit_size(page, 1), 1
    return fit_size(page, 2), 2


def _too_long(page, pages: int, low: float, overflow: float) -> BuildFailed:
    at = page.sheet.position if page.sheet.position.path != "<generated>" else Position("cheatsheet")
    total = page.page_size[1] - 2 * page.margin
    where = "on one page" if pages == 1 else "on two pages (a two-sided card)"
    hint = "shorten its items or lower cheatsheet.min_font_size in the style" + (
        "" if pages > 1 else ", or allow a two-sided card (cheatsheet.pages: 2)")
    return BuildFailed(f"{at}: error: the cheat sheet does not fit {where} even at {low:g} pt: it needs "
                         f"{overflow:.0f} pt more ({100 * overflow / total:.0f}% of the page); {hint}")
