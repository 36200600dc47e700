"""A ReportLab paragraph's fragments as boxes, glue and penalties, and the chosen breaks as its lines.

The lines handed back are ReportLab's own (`FragLine`s in a kind-1 `ParaLines`), so its drawing code
sets them, justification, highlights, links and callbacks included. Each line also remembers where
in the fragments it starts (`start`: fragment index, character offset), so that a paragraph split
at a page foot carries its source text overleaf, never its hyphenated lines.
"""
from __future__ import annotations

from typing import NamedTuple

from reportlab.platypus.paragraph import FragLine, ParaLines

from .knuthplass import BOX, INFINITY, PENALTY, break_paragraph
from .measure import ascent_descent, measure, reset, same_frag  # noqa: F401  (reset, same_frag: for callers)
from .paraitems import _SPACES, paragraph_items


def supported(frags) -> bool:
    """Whether the breaker sets these fragments (images fall back to ReportLab's breaker)."""
    return all(getattr(getattr(f, "cbDefn", None), "kind", "") != "img" for f in frags)


def break_frags(frags, widths, settings, justify, hyphenate=True, foot=None, tail_hyphen=False,
                memo=None) -> ParaLines:
    """The paragraph's lines, broken total-fit: ReportLab's kind-1 ParaLines.

    `memo`, a dict kept with the paragraph, keeps its items between widths: words are measured and
    hyphenated once, whatever the widths it is then broken at (unless a word is wider than a line).
    """
    if not tail_hyphen:
        line = _single_line(frags, widths[0])
        if line is not None:
            return ParaLines(kind=1, lines=[line])
    limit = min(widths)
    key = (justify, hyphenate, tail_hyphen)
    held = memo.get(key) if memo is not None else None
    if held is not None and held[0] <= limit and (not held[1] or held[2] == limit):
        items, content = held[3], held[4]
    else:
        items, content = paragraph_items(frags, settings, limit, justify, hyphenate, tail_hyphen)
        if memo is not None:
            memo[key] = (items.widest, items.cut_long, limit, items, content)
    ragged = 0.0 if justify else settings.ragged * frags[0].fontSize
    squeeze = settings.emergency_shrink / settings.shrink if justify and settings.shrink else 1.0
    size = frags[0].fontSize
    rules = settings.rules if justify else settings.ragged_rules
    breaks = break_paragraph(items, widths, rules, foot, ragged, settings.emergency * size,
                             max(squeeze, 1.0), settings.ragged * size)
    loosest = settings.loosest * size if justify else 0.0
    spacing = Spacing(loosest, 1.0 + settings.stretch, settings.tracking * size) if justify else Spacing()
    return ParaLines(kind=1, lines=set_lines(frags, items, content, breaks, widths, spacing))


def _single_line(frags, width):
    """The paragraph as one line, when its text (regularly spaced) fits: no items, no breaking."""
    natural = 0.0
    pieces: list = []
    text = []
    for i, f in enumerate(frags):
        if hasattr(f, "cbDefn"):
            pieces.append([i, None])
            continue
        if getattr(f, "lineBreak", False):
            return None
        natural += measure(f.text, f.fontName, f.fontSize)
        if natural > width:
            return None
        text.append(f.text)
        _put(pieces, frags, (i, f.text))
    joined = "".join(text)
    if not joined or joined != " ".join(joined.split(" ")).strip() or "  " in joined or _SPACES.search(
            joined.replace(" ", "")):
        return None
    return _frag_line(frags, [p for p in pieces if p[1] != ""], width, natural, (0, 0), False)


class Spacing(NamedTuple):
    """How a justified line's extra room is spread: word spaces up to `widest` times their width, then
    letters up to `tracking` points each; past `loosest` points a space, the line is set flush left."""

    loosest: float = 0.0
    widest: float = 1.5
    tracking: float = 0.0


_RAGGED = Spacing()


def set_lines(frags, items, content, breaks, widths, spacing: Spacing = _RAGGED) -> list:
    """ReportLab lines for the chosen breaks: fragments cloned with their text, spaces after words."""
    kind, width = items.kind, items.width
    lines = []
    start = _first_box(kind, 0, items.penalty)
    last_width = len(widths) - 1
    for number, b in enumerate(breaks):
        pieces: list = []  # [fragment index, text or None for a callback]
        natural = 0.0
        begin = None
        last = None  # the last piece while text may be added to it: most words and spaces join it here
        for i in range(start, b):
            k = kind[i]
            if k == BOX:
                natural += width[i]
                for segment in content[i]:
                    if begin is None:
                        begin = segment[:2]
                    text = frags[segment[0]].text[segment[1]:segment[2]] if len(segment) == 3 else ""
                    if last is not None and last[0] == segment[0] and text and "\u00ad" not in text:
                        last[1] += text  # _put's work, without its checks: a soft hyphen goes through _put
                    else:
                        _put(pieces, frags, segment)
                        last = pieces[-1] if pieces and pieces[-1][1] is not None else None
            elif k != PENALTY:
                natural += width[i]
                if last is not None and last[0] == content[i]:
                    last[1] += " "
                else:
                    _put(pieces, frags, (content[i], " "))
                    last = pieces[-1] if pieces and pieces[-1][1] is not None else None
        if kind[b] == PENALTY and content[b] is not None and items.penalty[b] > -INFINITY:
            natural += width[b]
            _put(pieces, frags, (content[b], "-"))
        maximum = widths[min(number, last_width)]
        unjustified = (items.penalty[b] <= -INFINITY and b != len(kind) - 1) or items.ragged[b]
        lines.append(_frag_line(frags, pieces, maximum, natural, begin or (len(frags), 0), unjustified,
                                spacing if b != len(kind) - 1 else _RAGGED))
        start = _first_box(kind, b + 1, items.penalty)
    return lines


def _first_box(kind, i, penalty):
    """Where the line after a break starts: glue and penalties there are discarded (not a forced break)."""
    while i < len(kind) and kind[i] != BOX and not (kind[i] == PENALTY and penalty[i] <= -INFINITY):
        i += 1
    return i


def _put(pieces, frags, segment):
    if len(segment) == 2:  # (fragment, literal text): a line-end hyphen
        i, text = segment
    else:
        i, s, e = segment
        if e == s:
            if hasattr(frags[i], "cbDefn"):
                pieces.append([i, None])
            return
        text = frags[i].text[s:e]
    if "\u00ad" in text:  # a soft hyphen is a break hint (hyphenation._soft_breaks), never printed mid-line
        text = text.replace("\u00ad", "")
        if not text:
            return
    if pieces and pieces[-1][1] is not None and (pieces[-1][0] == i or same_frag(frags[pieces[-1][0]], frags[i])):
        pieces[-1][1] += text
    else:
        pieces.append([i, text])


def _frag_line(frags, pieces, maximum, natural, begin, forced, spacing: Spacing = _RAGGED) -> FragLine:
    """A ReportLab line of `pieces`; `forced` (a <br/>, a URL break) or spaces wider than `spacing.loosest`
    points when justified (a line nothing better could be found for) leave it unjustified, flush left."""
    words = []
    size, ascent, descent = 0.0, 0.0, 0.0
    spaces = 0
    for i, text in pieces:
        f = frags[i]
        g = f.clone()
        if text is not None:
            g.text = text
            spaces += text.count(" ")
        words.append(g)
        fs = f.fontSize
        if fs > size:
            size = fs
        a, d = ascent_descent(f.fontName, fs)
        ascent, descent = max(ascent, a), min(descent, d)
    if forced and spaces and natural > maximum:
        # the breaker let this line's spaces shrink (a break inside a URL is a legal break of a justified
        # paragraph): set flush left at its natural width it ran past the column's edge, its last letters
        # outside the text block; justified, ReportLab's word spacing shrinks it to the measure
        forced = False
    extra, tracking = maximum - natural, 0.0
    if spacing.loosest and spaces and not forced:
        first = next((frags[i] for i, text in pieces if text), frags[0])
        space = measure(" ", first.fontName, first.fontSize)
        # ReportLab spreads the extra space over wordCount - 1 spaces and every no-break space (it sets both
        # as character 32 of the font subset, which the PDF's word spacing widens)
        gaps = spaces + sum(text.count("\u00a0") for _, text in pieces if text)
        glyphs = sum(len(text) for _, text in pieces if text)
        tracking = _tracking(space, extra / gaps, gaps, glyphs, spacing)
        extra -= tracking * (glyphs - 1)
        forced = space + 2 * tracking + extra / gaps > spacing.loosest
        if forced:
            extra, tracking = maximum - natural, 0.0
    line = FragLine(extraSpace=extra, wordCount=spaces + 1, lineBreak=forced, words=words,
                    fontSize=size or frags[0].fontSize, ascent=ascent, descent=descent, maxWidth=maximum,
                    start=begin)
    if tracking:
        line.tracking = tracking
    return line


def _tracking(space: float, stretch: float, gaps: int, glyphs: int, spacing: Spacing) -> float:
    """Points added after each glyph of a loose justified line, so that its word spaces stay nearer
    `spacing.widest` times their width: at most `spacing.tracking`, as pdfTeX's font expansion takes at
    most 2 % of a glyph. A glyph's extra closes the line's stretch by that much, and a word space, which
    takes the extra of the glyph before it and its own, gains two of them."""
    over = space + stretch - spacing.widest * space
    relief = (glyphs - 1) / gaps - 2  # how far a word space narrows per point of tracking
    if over <= 0 or relief <= 0 or not spacing.tracking:
        return 0.0
    return min(spacing.tracking, over / relief)
