"""Two judgements of the total-fit breaker: what a loose line costs, and which candidate breaks stay active."""
from __future__ import annotations

INFINITY = 10_000  # a penalty this high forbids a break; this low (negated) forces one; a badness's cap


def loose(badness, shortfall, spaces, rules, final):
    """A line's badness, with `loose_demerits` (as badness) if its spaces stretch past `loose_ratio`.

    In the last pass too, whose emergency stretch makes such a line's badness small: there it is rated
    by its own spaces, so that mending a rule takes a few loose lines, never one with gaps of an em."""
    if spaces > 0 and shortfall > rules.loose_ratio * spaces:
        if final:
            badness = max(badness, min(100 * (shortfall / spaces) ** 3, INFINITY))
        badness += rules.loose_demerits ** 0.5
    return badness


def kept(best: dict, rules) -> list:
    """The new nodes worth keeping active: fewest rules broken, then within `adjacent_demerits`.

    TeX keeps a fitness class's best node only within `adjacent_demerits` of the best of all, which
    bounds what a fitness class can cost later. A node's hyphen run and line (for the page foot) can cost
    far more later (a third hyphen in a row, or a loose line to avoid one): nodes are compared only with
    those of the same run and line."""
    floors: dict = {}
    for key, node in best.items():
        held = floors.get(key[1:])
        if held is None or (node[7], node[4]) < held:
            floors[key[1:]] = (node[7], node[4])
    adjacent = rules.adjacent_demerits
    return [node for key, node in best.items()
            if node[7] == floors[key[1:]][0] and node[4] <= floors[key[1:]][1] + adjacent]
