"""ReportLab's CJK line breaking, made safe for the empty fragments our anchors and markers leave in a paragraph."""
from __future__ import annotations

import builtins

from reportlab.platypus import paragraph as _paragraph


def _ord(character: str) -> int:
    # cjkFragSplit looks back over a line for a place to break with `ord(u)`, and an empty fragment
    # (an anchor, an index mark) is an empty string there: ReportLab raises TypeError. An empty one is
    # not a character of any script, so it counts as "not Chinese" (0), which is what the test wants.
    return builtins.ord(character) if character else 0


def enable() -> None:
    """Let paragraphs in ReportLab's CJK mode hold empty fragments (idempotent)."""
    _paragraph.ord = _ord  # a module global shadows the builtin, for ReportLab's paragraph module only
