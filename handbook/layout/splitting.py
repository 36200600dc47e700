"""Splitting a total-fit paragraph at a page or column foot: the lines that fit, the source text after."""
from __future__ import annotations

from copy import copy

from reportlab.platypus.paragraph import ParaLines

_FUZZ = 1e-6


def ends_flagged(line) -> bool:
    """Whether a line ends with a hyphen (set by the breaker, or a compound's own)."""
    for word in reversed(line.words):
        text = getattr(word, "text", "")
        if text:
            return text.rstrip(" ")[-1:] in ("-", "\u2010")
    return False


def _marked(word) -> tuple:
    """A word's highlight and underlines: how an anchor phrase is marked (marks.anchor)."""
    return getattr(word, "backColor", None), tuple(getattr(word, "us_lines", None) or ())


def ends_inside_mark(line, following) -> bool:
    """Whether a marked phrase runs on from `line` into `following`: its start and its note marker would
    fall on two pages, and the callout, set beside the start, on the page before its marker."""
    if following is None:
        return False
    last = next((w for w in reversed(getattr(line, "words", ())) if getattr(w, "text", "").strip()), None)
    first = next((w for w in getattr(following, "words", ()) if getattr(w, "text", "").strip()), None)
    if last is None or first is None:
        return False
    mark = _marked(last)
    return mark != (None, ()) and mark == _marked(first)


def foot_flags(lines) -> tuple:
    """For each line, whether a page may not end after it: a hyphen, or a marked phrase running on."""
    return tuple(ends_flagged(line) or ends_inside_mark(line, following)
                 for line, following in zip(lines, [*lines[1:], None]))


def foot_lines(lines, s: int, least: int = 2) -> int:
    """`s` lines before a page or column break, or one fewer if the last would end with a hyphen or
    inside a marked phrase.

    No hyphen at a page's foot, as TeX's page builder avoids one (\\brokenpenalty), and no anchor phrase
    cut by a page turn: the line moves overleaf and the lines stay as broken, so that the page planner,
    the text frame and this split agree on where every line, anchor and footnote reference falls.
    `least`: lines that must stay (orphans).
    """
    if 0 < s < len(lines) and (ends_flagged(lines[s - 1]) or ends_inside_mark(lines[s - 1], lines[s])):
        return s - 1 if s > least else 0  # too few lines left here: the paragraph starts overleaf
    return s


def lines_that_fit(paragraph, lines, avail_height) -> int:
    """How many lines go before the break, by ReportLab's rules for orphans and widows (0: none)."""
    style = paragraph.style
    s = int(avail_height / float(style.leading))
    allow_orphans = getattr(paragraph, "allowOrphans", getattr(style, "allowOrphans", 0))
    if (not allow_orphans and s <= 1) or s == 0:
        return 0
    n = len(lines)
    if n <= s:
        return n
    allow_widows = getattr(paragraph, "allowWidows", getattr(style, "allowWidows", 1))
    if not allow_widows and n == s + 1:
        if (allow_orphans and n == 3) or n > 3:
            s -= 1
        else:
            return 0
    return s


def wrap_widths(style, avail_width) -> list:
    """The widths of a paragraph's first and later lines in a column, as ReportLab's wrap works them out."""
    later = avail_width - style.leftIndent - style.rightIndent
    return [later - style.firstLineIndent, later]


def split(paragraph, avail_width, avail_height) -> list:
    """[head, rest] of `paragraph` for the room given; [paragraph] if it fits, [] if nothing fits."""
    if avail_width < _FUZZ or avail_height < _FUZZ:
        return []
    paragraph.wrap(avail_width, avail_height)
    lines = paragraph.blPara.lines
    s = lines_that_fit(paragraph, lines, avail_height)
    if s == 0:
        return []
    if s >= len(lines):
        return [paragraph]
    least = 1 if getattr(paragraph, "allowOrphans", getattr(paragraph.style, "allowOrphans", 0)) else 2
    s = foot_lines(lines, s, least)
    return _parts(paragraph, lines, s, avail_width) if s else []


def _parts(paragraph, lines, s, avail_width) -> list:
    style = paragraph.style
    cls = paragraph.__class__
    frags = paragraph.frags
    index, offset = lines[s].start
    head, rest = list(frags[:index]), list(frags[index + 1:])
    if index < len(frags):
        f = frags[index]
        if hasattr(f, "cbDefn") or offset == 0:
            rest.insert(0, f)
        else:
            head.append(f.clone(text=f.text[:offset]))
            rest.insert(0, f.clone(text=f.text[offset:]))
    first = cls(None, style, bulletText=paragraph.bulletText, frags=head)
    first.blPara = ParaLines(kind=1, lines=lines[:s])
    last = lines[s - 1]
    first._JustifyLast = not getattr(last, "lineBreak", False)
    first._splitpara = 1
    first._tail_hyphen = _inside_word(frags, index, offset)
    first.height = s * style.leading
    first.width = avail_width
    first._measured_width = avail_width
    first._width_max = paragraph._width_max
    first._wrapWidths = wrap_widths(style, avail_width)
    if style.firstLineIndent != 0:
        # a shallow copy: a deep one copied the breaker's memos kept on the style (its lines, keyed by width,
        # hold for the copy too), a second a split at 20 times the default edition
        style = copy(style)
        style.firstLineIndent = 0
    second = cls(None, style, bulletText=None, frags=rest)
    # the rest keeps its lines, as TeX keeps a paragraph's lines across a page break: set again only if
    # it is laid out at another width (from its source text, never from hyphenated pieces of lines)
    second.blPara = ParaLines(kind=1, lines=[_rebased(line, index, offset) for line in lines[s:]])
    second.height = (len(lines) - s) * style.leading
    second.width = avail_width
    second._measured_width = avail_width
    second._width_max = paragraph._width_max
    second._wrapWidths = wrap_widths(style, avail_width)
    for name in ("autoLeading",):
        if hasattr(paragraph, name):
            setattr(first, name, getattr(paragraph, name))
            setattr(second, name, getattr(paragraph, name))
    return [first, second]


def _rebased(line, index, offset):
    """A line of the rest of a split paragraph, its start counted in the rest's own fragments."""
    fi, off = line.start
    return line.clone(start=(fi - index, off - offset if fi == index else off))


def _inside_word(frags, index, offset) -> bool:
    """Whether the cut at (fragment, offset) falls inside a word (the line before ended hyphenated)."""
    if index >= len(frags) or offset == 0:
        before = next((f.text for f in reversed(frags[:index]) if getattr(f, "text", "")), "")
        return bool(before) and not before[-1].isspace() and index < len(frags) and \
            not frags[index].text[:1].isspace()
    text = frags[index].text
    return not text[offset - 1].isspace()
