"""Which languages can be printed correctly here, and why not where not (a build refuses rather than misprints)."""
from __future__ import annotations

# Arabic joins its letters with ReportLab's `shaping` extra (uharfbuzz), but orders the words of a
# right-to-left line only with its `bidi` extra (rlbidi), which is not available from PyPI; without it a
# line prints its words left to right. README.md ("Known limitations") has the smallest example.
_REASONS = {
    "ar": "right-to-left lines need ReportLab's 'bidi' extra (the rlbidi package), which is not available "
          "from PyPI: without it the words of each line would print in left-to-right order",
}


def unsupported(code: str) -> str:
    """Why `code` cannot be printed correctly with this installation, or "" if it can."""
    return _REASONS.get(code, "")


def printable_languages() -> tuple[str, ...]:
    """The codes of the languages an edition can be written in here (`handbook new --language`)."""
    from .catalogue import LANGUAGES
    return tuple(code for code in LANGUAGES if not unsupported(code))
