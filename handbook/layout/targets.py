"""The placement targets of a build: notes beside their anchors, holes, split callouts, against the style's limits."""
from __future__ import annotations

from ..errors import Diagnostic, Position


def placement_figures(note_pages: dict, notes_total: int, holes: dict, splits: list) -> dict:
    """The figures the layout report prints: same page, within one page, holes, split callouts."""
    total = notes_total or 1  # an edition without notes has nothing out of place: 0 of 0 reads as 100 %
    same = sum(1 for anchor, page in note_pages.values() if anchor == page)
    within = sum(1 for anchor, page in note_pages.values() if page - anchor <= 1)
    worst = max(holes.items(), key=lambda item: (item[1], -item[0]), default=(None, 0))
    return {
        "notes_on_anchor_page": same,
        "notes_on_anchor_page_percent": round(100 * same / total, 1) if notes_total else 100.0,
        "notes_within_one_page": within,
        "notes_within_one_page_percent": round(100 * within / total, 1) if notes_total else 100.0,
        "largest_hole_lines": worst[1], "largest_hole_page": worst[0],
        "split_callouts": len({key for key, _, _ in splits if key.startswith("n")}),
    }


def missed_targets(figures: dict, rules: dict, style_path) -> list[Diagnostic]:
    """A warning for each target of the style this build misses (`--strict` makes them errors)."""
    where = Position(str(style_path) if style_path else "style")
    out = []
    checks = [("notes_on_anchor_page_percent", "target_same_page", "of notes start on their anchor's page"),
              ("notes_within_one_page_percent", "target_within_one", "of notes start within one page of it")]
    for figure, key, what in checks:
        if figures[figure] < rules[key]:
            out.append(Diagnostic("warning", where, f"placement: {figures[figure]}% {what}, below the style's "
                                  f"placement.{key} of {rules[key]:g}%"))
    if figures["largest_hole_lines"] > rules["max_hole"]:
        out.append(Diagnostic("warning", where, f"placement: p. {figures['largest_hole_page']} ends "
                              f"{figures['largest_hole_lines']} body lines short, more than the style's "
                              f"placement.max_hole of {rules['max_hole']:g}"))
    return out
