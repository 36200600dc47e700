"""Which languages can be printed correctly here, and why not where not (a build refuses rather than misprints)."""
from __future__ import annotations

# Arabic needs right-to-left paragraphs (ReportLab's `bidi` extra, the rlbidi package) and joined letter
# forms (the `shaping` extra, uharfbuzz) and a bundled Arabic font; Chinese needs a bundled CJK font.
_REASONS = {
    "ar": "right-to-left text needs ReportLab's 'bidi' extra (rlbidi), which cannot be installed here",
    "zh": "no bundled font covers Chinese yet",
}


def unsupported(code: str) -> str:
    """Why `code` cannot be printed correctly with this installation, or "" if it can."""
    return _REASONS.get(code, "")
