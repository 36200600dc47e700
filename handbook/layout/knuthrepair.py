"""Mending a total-fit breaking that broke a rule: only the lines around each broken rule are broken again."""
from __future__ import annotations

# lines broken again on each side of a line that breaks a rule: a hyphen ladder, a hyphen at the foot or
# a short last line is mended within a few lines, and the last pass then costs the same for every length
# (the default of the style key `typesetting.repair_reach`, which Rules carries)
REACH = 10


def broken_lines(breaks: list, hyphen_end, rules, foot, letters) -> list:
    """Indices of the lines (into `breaks`) that break a rule, as knuthplass._consider counts them:
    `hyphen_end(b)`, whether a line ending at b ends on a hyphen; `letters(b, e)`, the last line's letters."""
    out, run = [], 0
    for i, b in enumerate(breaks):
        hyphen = hyphen_end(b)
        run = run + 1 if hyphen else 0
        if run > rules.max_hyphen_run or (foot and hyphen and i + 1 == foot):
            out.append(i)
    if len(breaks) > 1 and letters(breaks[-2], breaks[-1]) < rules.min_last_line:
        out.append(len(breaks) - 1)
    return out


def mend(breaks: list, broken, run, hyphen_run, reach: int = REACH) -> list:
    """`breaks` with the lines around each rule broken again by `run(first, stop)` (the last pass over a
    span: (breaks, rules broken) or None), kept where the paragraph then breaks fewer rules.

    The last pass over the whole paragraph (any loose line allowed, emergency stretch) cost a long paragraph
    that broke one rule anywhere three times the other passes together: 12,000 words took 0.7 s more.
    """
    tried: set = set()
    wrong = broken(breaks)
    while wrong:
        todo = [i for i in wrong if breaks[i] not in tried]
        if not todo:
            break
        i = todo[0]
        tried.add(breaks[i])
        lo, hi = max(0, i - reach), i + reach
        first = (breaks[lo - 1], lo, 1, hyphen_run(breaks, lo - 1)) if lo else None
        stop = breaks[hi] if hi < len(breaks) - 1 else None
        found = run(first, stop)
        if found is None:
            continue
        candidate = breaks[:lo] + found[0] + (breaks[hi + 1:] if stop is not None else [])
        fewer = broken(candidate)
        if len(fewer) < len(wrong):
            breaks, wrong = candidate, fewer
    return breaks
