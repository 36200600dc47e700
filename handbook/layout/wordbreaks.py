"""Corrections to how ReportLab's line breaker splits long words and joins split words again."""
from __future__ import annotations

import re

from reportlab.platypus import paragraph as _rl

LONG_TOKEN = 16  # a token this long with a character other than letters (a URL, a path) may break inside
ANYWHERE = 30  # and one this long at any character, where no break after BREAK_AFTER fits
BREAK_AFTER = "/.-?&=_#—–"  # where such a token breaks first
_LETTERS = re.compile(rf"^[\-\xad{_rl._hy_letters}]+$")  # words the hyphenator may take
_reportlab_uri_split_pairs = _rl._uri_split_pairs


def break_pairs(word: str):
    """(head, tail) pairs where a long token may break at a line end, longest head first; None for a word.

    ReportLab breaks a URL only at its slashes, and a tail left over from a break is never broken
    again: a long URL ran off the page. A long token now breaks after / . - ? & = _ # or a dash,
    and a very long one, where none of those fits the line, at any character. Words of letters are
    left to the hyphenator.
    """
    pairs = _reportlab_uri_split_pairs(word)
    if pairs is None and (len(word) < LONG_TOKEN or _LETTERS.match(word)):
        return None
    marks = [i + 1 for i, ch in enumerate(word[:-1]) if ch in BREAK_AFTER and i > 0]
    anywhere = range(len(word) - 1, 0, -1) if len(word) >= ANYWHERE else ()
    return [(word[:i], word[i:]) for i in sorted(set(marks), reverse=True)] + \
           [(word[:i], word[i:]) for i in anywhere]


def _join_pieces(head: str, tail: str) -> str:
    """Two pieces of one word joined again, soft-hyphen positions kept, and nothing dropped between them."""
    indexed = _rl._SHYIndexedStr
    if isinstance(head, indexed) or hasattr(tail, "_shyIndices"):
        positions = list(getattr(head, "_shyIndices", []))
        positions += [len(head) + i for i in getattr(tail, "_shyIndices", [])]
        return indexed(head + tail, positions)
    return head + tail


def rejoin_split_words(pieces):
    """A word the line breaker split at a line end, whole again, for breaking the lines anew.

    ReportLab's own version strips a trailing hyphen from the head whenever head and tail share a
    style: right for a hyphen the breaker added (that is already gone), wrong for the source's own
    ("dry-" + "season" printed "dryseason" once a paragraph was broken a second time). Here only
    the hyphen the breaker added goes.
    """
    joined = [0]
    style = None
    for piece in pieces:
        joined[0] += piece[0]
        added_hyphen = isinstance(piece, _rl._SplitFragHY)
        for item in piece[1:]:
            frag, text = item
            if added_hyphen and item is piece[-1]:
                joined[0] -= _rl.stringWidth(text[-1], frag.fontName, frag.fontSize) + 1e-8
                text = _rl._shyUnsplit(text)  # strips the hyphen the breaker added
            if style is frag:
                joined[-1] = (frag, _join_pieces(joined[-1][1], text))
            else:
                joined.append((frag, text))
                style = frag
    return _rl._reconstructSplitFrags(piece)(joined)


# the breaker looks both names up in its module at each call
_rl._uri_split_pairs = break_pairs
_rl._rejoinSplitFragWords = rejoin_split_words


_reportlab_get_frag_words = _rl._getFragWords


def frag_words(frags, maxWidth=None):
    """ReportLab's words of a paragraph, where a word wider than the line starts with text, not a mark.

    The breaker never breaks a word whose first piece is a zero-width mark (the paragraph's link
    target, a note's anchor): a first word longer than the line ran off the page. Such a word has
    its leading marks moved behind its first piece of text; other words are left as they are.
    """
    words = _reportlab_get_frag_words(frags, maxWidth)
    if maxWidth is None:
        return words
    limit = max(maxWidth) if isinstance(maxWidth, (list, tuple)) else maxWidth
    for word in words:
        if word[0] > limit and len(word) > 2 and hasattr(word[1][0], "cbDefn"):
            marks = 1
            while marks < len(word) - 1 and hasattr(word[marks][0], "cbDefn"):
                marks += 1
            if not hasattr(word[marks][0], "cbDefn"):
                word[1:marks + 1] = [word[marks]] + word[1:marks]
    return words


_rl._getFragWords = frag_words
