"""A paragraph's ReportLab fragments as boxes, glue and penalties for the breaker (knuthplass.py)."""
from __future__ import annotations

import re

from .knuthplass import BOX, GLUE, INFINITY, PENALTY, TIE, Items
from .measure import measure

_SPACES = re.compile(r"[ \t\r\n]+")
_TIES_BEFORE_NUMBER = frozenset({"¶", "¶¶", "p.", "pp.", "No.", "no.", "Nos.", "para.", "paras."})


def words_of(frags) -> list:
    """[(segments, separator, fragment of the separator)]: a segment is (fragment index, start, end),
    a callback (i, 0, 0); the separator after a word is "space", "break" (a <br/>) or None (the end)."""
    out: list = []
    word: list = []

    def flush(separator, where):
        nonlocal word
        if word:
            out.append((word, separator, where))
            word = []
        elif separator == "break":
            out.append(([], "break", where))

    for i, f in enumerate(frags):
        if hasattr(f, "cbDefn"):
            word.append((i, 0, 0))
            continue
        if getattr(f, "lineBreak", False):
            flush("break", i)
            continue
        text = f.text
        pos = 0
        for m in _SPACES.finditer(text):
            if m.start() > pos:
                word.append((i, pos, m.start()))
            flush("space", i)
            pos = m.end()
        if pos < len(text):
            word.append((i, pos, len(text)))
    flush(None, len(frags) - 1)
    if out and out[-1][1] == "space":
        out[-1] = (out[-1][0], None, out[-1][2])
    return out


def paragraph_items(frags, settings, limit: float, justify: bool, hyphenate: bool = True,
                    tail_hyphen: bool = False):
    """Items for the breaker and, per item, what it prints: a box its segments, glue the fragment
    whose space it is, a hyphen penalty the fragment of its hyphen."""
    items, content = Items(), []
    words = words_of(frags)
    last = len(words) - 1
    shapes = settings.shapes[hyphenate]
    # ragged right keeps its word spaces but lets them give up to 5 % (TeX's \\raggedright lets them shrink): a line a hair too long
    # for its column then still takes its last word, as ReportLab's breaker (which allows a fraction of a point) did
    stretch, shrink = (settings.stretch, settings.shrink) if justify else (0.0, settings.shrink * 0.25)
    spaces: dict = {}  # fragment -> the glue of a space in it
    faces: dict = {}  # fragment -> (the shapes of words in its font and size, its text, whether it is nobr)
    rows, put = items.rows, content.append
    widest = 0.0
    for index, (segments, separator, where) in enumerate(words):
        if len(segments) == 1 and index != last:  # most words: one fragment, its items worked out once
            i, s, e = segments[0]
            face = faces.get(i)
            if face is None:
                face = faces[i] = _face(shapes, frags[i])
            known, text, nobr = face
            token = text[s:e]
            shape = known.get(token)
            if shape is None and not nobr:
                shape = _shape(frags[i], token, settings, limit, hyphenate)
                if shape is not None:
                    known[token] = shape
            if shape is not None and shape[0] <= limit:
                if shape[0] > widest:
                    widest = shape[0]
                if len(shape[1]) == 1:  # one box, the word's one segment
                    rows.append(shape[1][0])
                    put(segments)
                else:
                    _put_shape(items, content, shape, i, s)
            else:
                _word(items, content, frags, segments, settings, limit, index == last and not tail_hyphen,
                      hyphenate)
        else:
            token = _word(items, content, frags, segments, settings, limit, index == last and not tail_hyphen,
                          hyphenate)
        if separator == "space":  # the space is set in its own fragment's face and size, as in the source
            glue = spaces.get(where)
            if glue is None:
                glue = spaces[where] = _space(frags[where], stretch, shrink)
            if token in _TIES_BEFORE_NUMBER and len(segments) == 1 and index < last and \
                    _starts_with_digit(frags, words[index + 1][0]):  # "¶ 12", "p. 29": the space must not break
                glue = (TIE,) + glue[1:]
            rows.append(glue)
            put(where)
        elif separator == "break":
            items.add(PENALTY, 0.0, penalty=-INFINITY)
            put(None)
    if widest > items.widest:
        items.widest = widest
    return _end(items, content, frags, words, tail_hyphen), content


def _face(shapes: dict, f) -> tuple:
    """(the shapes of words in a fragment's font and size, its text, whether it is nobr)."""
    return shapes.setdefault((f.fontName, f.fontSize), {}), f.text, getattr(f, "nobr", False)


def _space(f, stretch: float, shrink: float) -> tuple:
    """The glue of a word space set in fragment `f`."""
    width = measure(" ", f.fontName, f.fontSize)
    return GLUE, width, width * stretch, width * shrink, 0.0, False, 0, False, False


def _end(items, content, frags, words, tail_hyphen):
    """The paragraph's end: a hyphen after its last word when it is the head of a split word, a forced break."""
    if tail_hyphen and words:
        f = frags[words[-1][0][-1][0]] if words[-1][0] else frags[-1]
        items.add(BOX, measure("-", f.fontName, f.fontSize), letters=1)
        content.append([(words[-1][0][-1][0], "-")])
    items.add(PENALTY, 0.0, penalty=-INFINITY)
    content.append(None)
    return items.close()


def _word(items, content, frags, segments, settings, limit, last, hyphenate):
    """A word's items, worked out in full (several fragments, a paragraph's last word, a long word)."""
    texts = [frags[i].text[s:e] for i, s, e in segments]
    token = "".join(texts)
    nobr = any(getattr(frags[i], "nobr", False) for i, _, _ in segments)
    # note markers and footnote numbers raised after a word are not part of it ("instruments;⁴")
    kept = len(segments)
    while kept > 1 and (getattr(frags[segments[kept - 1][0]], "rise", 0) or segments[kept - 1][2] == segments[kept - 1][1]):
        kept -= 1
    breaks = () if nobr else _breaks(settings, "".join(texts[:kept]), hyphenate)
    # a paragraph's last word is hyphenated only when nothing else keeps word spaces in bounds
    _add_word(items, content, frags, segments, texts, breaks, settings, limit,
              settings.rules.last_word_hyphen_penalty if last else None)
    return token


def _breaks(settings, token, hyphenate):
    breaks = settings.hyphenator.breaks(token)
    return breaks if hyphenate else tuple(b for b in breaks if b[1] not in ("hyphen", "name"))


def _shape(f, token, settings, limit, hyphenate):
    """A one-fragment word's items as rows, with offsets into the word: (widest box, rows, content).

    Worked out directly (most words have no break, or only hyphens): this runs once per distinct word
    and font in a build, so it is a good part of the breaker's time.
    """
    breaks = _breaks(settings, token, hyphenate)
    font, size = f.fontName, f.fontSize
    if not breaks:  # most words: one box
        width = measure(token, font, size)
        if width > limit:
            return None
        return width, ((BOX, width, 0.0, 0.0, 0.0, False, len(token), False, False),), ((0, len(token)),)
    rules = settings.rules
    rows, content = [], []
    start, widest = 0, 0.0
    for offset, kind in breaks + ((len(token), None),):
        width = measure(token[start:offset], font, size)
        if width > limit:
            return None  # a word wider than the line: cut into letters by the general path
        widest = max(widest, width)
        rows.append((BOX, width, 0.0, 0.0, 0.0, False, offset - start, False, False))
        content.append((start, offset))
        if kind == "hyphen" or kind == "name":
            penalty = rules.hyphen_penalty if kind == "hyphen" else rules.proper_name_hyphen_penalty
            rows.append((PENALTY, measure("-", font, size), 0.0, 0.0, penalty, True, 0, True, False))
            content.append("-")
        elif kind is not None:
            penalty = rules.explicit_hyphen_penalty if kind == "dash" else settings.url_penalty
            rows.append((PENALTY, 0.0, 0.0, 0.0, penalty, kind == "dash" and token[offset - 1] in "-\u2010", 0,
                         False, kind == "url"))
            content.append(None)
        start = offset
    return widest, tuple(rows), tuple(content)


def _put_shape(items, content, shape, i, start):
    widest, rows, places = shape
    if widest > items.widest:
        items.widest = widest
    items.rows.extend(rows)
    if len(places) == 1:
        a, b = places[0]
        content.append([(i, start + a, start + b)])
    else:
        content.extend([None if r is None else i if r == "-" else [(i, start + r[0], start + r[1])] for r in places])


def _starts_with_digit(frags, segments) -> bool:
    for i, s, e in segments:
        if e > s:
            return frags[i].text[s].isdigit()
    return False


def _add_word(items, content, frags, segments, texts, breaks, settings, limit, hyphen_penalty=None):
    """A word as boxes between its break points (hyphen, dash and URL penalties)."""
    rules = settings.rules
    if hyphen_penalty is None:
        hyphen_penalty = rules.hyphen_penalty
    dash_penalty = max(hyphen_penalty, rules.explicit_hyphen_penalty)
    cuts = [b[0] for b in breaks]
    chunks = _cut(segments, texts, cuts)
    for n, chunk in enumerate(chunks):
        width, letters = 0.0, 0
        for i, s, e in chunk:
            if e > s:
                f = frags[i]
                width += measure(f.text[s:e], f.fontName, f.fontSize)
                letters += e - s
        if width > limit and letters > 1:  # wider than the column: let it break anywhere, as a last resort
            _add_long(items, content, frags, chunk, rules)
            items.cut_long = True
        else:
            if width > items.widest:
                items.widest = width
            items.add(BOX, width, letters=letters)
            content.append(chunk)
        if n < len(breaks):
            kind = breaks[n][1]
            if kind == "hyphen" or kind == "name":
                f = _last_text_frag(frags, chunk)
                penalty = max(hyphen_penalty, rules.proper_name_hyphen_penalty) if kind == "name" else hyphen_penalty
                items.add(PENALTY, measure("-", f.fontName, f.fontSize), penalty=penalty, flagged=True, disc=True)
                content.append(_last_text_index(chunk))
            elif kind == "dash":
                items.add(PENALTY, 0.0, penalty=dash_penalty, flagged=_ends_with_hyphen(frags, chunk))
                content.append(None)
            else:
                items.add(PENALTY, 0.0, penalty=settings.url_penalty, ragged=True)
                content.append(None)


def _cut(segments, texts, cuts):
    """The word's segments cut at character offsets `cuts` (callbacks stay with the text before them)."""
    if not cuts:
        return [segments]
    chunks, chunk, offset = [], [], 0
    cuts = list(cuts)
    for (i, s, e), text in zip(segments, texts):
        length = e - s
        if length:
            while cuts and cuts[0] <= offset:
                cuts.pop(0)
                chunks.append(chunk)
                chunk = []
            while cuts and cuts[0] < offset + length:
                cut = s + cuts.pop(0) - offset
                chunk.append((i, s, cut))
                chunks.append(chunk)
                chunk = []
                offset += cut - s
                length -= cut - s
                s = cut
        chunk.append((i, s, e))
        offset += length
    chunks.append(chunk)
    return chunks


def _last_text_index(chunk) -> int:
    for i, s, e in reversed(chunk):
        if e > s:
            return i
    return chunk[-1][0]


def _last_text_frag(frags, chunk):
    return frags[_last_text_index(chunk)]


def _ends_with_hyphen(frags, chunk) -> bool:
    i, s, e = next(((i, s, e) for i, s, e in reversed(chunk) if e > s), chunk[-1])
    return e > s and frags[i].text[e - 1] in "-\u2010"


def _add_long(items, content, frags, chunk, rules):
    """A chunk wider than the column, one box per character with a costly break between.

    The emergency break: only a piece between two break points (of a URL: its punctuation) that is wider
    than the whole column may break between two letters; anything narrower moves to the next line."""
    pieces = [p for i, s, e in chunk for p in ([(i, k, k + 1) for k in range(s, e)] if e > s else [(i, s, e)])]
    for n, (i, s, e) in enumerate(pieces):
        f = frags[i]
        items.add(BOX, measure(f.text[s:e], f.fontName, f.fontSize) if e > s else 0.0, letters=e - s)
        content.append([(i, s, e)])
        if n < len(pieces) - 1:
            items.add(PENALTY, 0.0, penalty=rules.hyphen_penalty * 20)
            content.append(None)
