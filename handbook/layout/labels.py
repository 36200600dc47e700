"""Words the layout prints of its own (not from the sources), in one place so a language catalogue can take them."""
from __future__ import annotations

LABELS = {
    "continued": "(continued)",  # after an index heading or a cheat-sheet title carried to a new column or page
    "cheat_sheet": "Cheat sheet",
    "refs_note": "¶ numbers refer to the paragraphs of the report",
    "click_to_jump": "(click to jump)",
}


def label(key: str) -> str:
    return LABELS[key]
