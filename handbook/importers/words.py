"""Word-level comparisons the importers decide by: which note a phrase belongs to, which copy repeats which."""
from __future__ import annotations

import difflib
import re

from ..sources.inline import InlineError, parse_inline

_WORD = re.compile(r"[^\W_]+", re.U)
STOP = frozenset("""a an the and or of to in on at by for with from as is are was were be been being have has had
that this these those it its their there which who whom whose what when where while than then also not no
but if so such can could may might must should would will shall do does did into over under between about""".split())


def plain(markup: str) -> str:
    """The words of inline markup, as a reader sees them (footnote markers left out)."""
    try:
        return parse_inline(markup).plain
    except InlineError:
        return markup


def heading_title(markup: str) -> str:
    """A section title or sub-heading from inline markup: its words as plain text, as the sources write
    titles, with its footnote references kept as `[^N]` (the one markup a title holds)."""
    marked = re.sub(r"\[\^(\d+)\]", "\ue002\\1\ue003", markup)
    return re.sub("\ue002(\\d+)\ue003", r"[^\1]", plain(marked))


def normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def stems(text: str) -> set:
    """Content words, plural 's' dropped, for overlap scores (whole words: 'political' is not 'politics')."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in STOP or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return out


def overlap(part: str, whole: str) -> float:
    """Share of `part`'s content words that `whole` also uses (0 when `part` has none)."""
    words = stems(part)
    return len(words & stems(whole)) / len(words) if words else 0.0


def shingles(text: str, size: int = 3) -> set:
    words = normal(text).split()
    return {tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1))} if words else set()


def contained(part: str, whole: str) -> float:
    """Share of `part`'s three-word runs found in `whole`: 1.0 for a verbatim repeat, near it for a repeat with a slip."""
    if normal(part) and normal(part) in normal(whole):
        return 1.0
    runs = shingles(part)
    return len(runs & shingles(whole)) / len(runs) if runs else 0.0


def first_difference(first: str, second: str) -> str:
    """The first words that differ between two copies, e.g. "'These' / 'Those'"."""
    a, b = first.split(), second.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            return f"{' '.join(a[i1:i2]) or '(nothing)'!r} / {' '.join(b[j1:j2]) or '(nothing)'!r}"
    return ""
