"""Read a handbook PDF back as streams of printed words and find each source text in them, word for word.

The body text, the margin callouts and the footnotes are told apart by font family and size (read
from the theme), and their words are read in the order they were drawn. A source text must appear
as an unbroken run of words. A word may be broken at a line end (or a page end): the break joins
back without its hyphen only where the source has no hyphen there ("pres-" / "ences" reads
"presences"), and with it where the source has one ("dry-" / "season" reads "dry-season"); a word
with no letter or digit before the break (a URL broken after "/" or "."), or a very long one, joins as it is. Anything
else, such as a hyphen left in the middle of a line or a source hyphen lost, is a mismatch.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

ANYWHERE = 30  # a source word this long may break at any character where no break after / . - ? fits
# the lines the layout adds to a split callout: "■ 3 (continued) from ¶ 24, p. 5" where it resumes,
# "continued on p. 6" at the foot of the part before the break
# in the edition's language: the catalogue's `resumed` and `continued_on` labels
_PLACEHOLDERS = {"{mark}": r"\S*\s?\d+", "{place}": r".{1,90}?", "{page}": r"\d+"}


@lru_cache(maxsize=None)
def continuation_pattern(language: str = "en") -> re.Pattern:
    """The two lines of a split callout in `language`, as named groups `resumed` and `continued`."""
    from handbook.language.catalogue import catalogue
    labels = catalogue(language).labels

    resumed, continued = (label_pattern(labels[k], _PLACEHOLDERS) for k in ("resumed", "continued_on"))
    return re.compile(f"(?P<resumed>{resumed})|(?P<continued>{continued})", re.S)


def label_pattern(template: str, fills: dict) -> str:
    """A catalogue label as a regular expression: its words in order, any space (or none) around them, each
    placeholder ("{page}") replaced by its pattern in `fills`."""
    return "".join(fills.get(part) or r"\s*" + r"\s*".join(re.escape(w) for w in part.split()) + r"\s*"
                   for part in re.split(r"(\{\w+\})", template) if part)


@dataclass(frozen=True)
class Word:
    text: str
    line_end: bool  # the last word of a printed line (or of a page)
    page: int
    piece_end: bool = False  # the last word of a split callout's part, before its "continued on p. 6"
    piece_start: bool = False  # the first word of a split callout's part, after its "(continued) from ¶ 24, p. 5"


def _font_names(theme, role: str) -> dict[str, str]:
    """The names a PDF gives the faces of a theme's font family (their PostScript names), each with the
    name ReportLab knows the face by (to measure a glyph's advance width)."""
    from reportlab.pdfbase import pdfmetrics
    family = theme.fonts[role]
    names = {}
    for face in ("regular", "bold", "italic", "bold_italic"):
        name = getattr(family, face, None)
        if name:
            font = pdfmetrics.getFont(name)
            face_name = getattr(getattr(font, "face", None), "name", None) or name
            names[face_name.decode() if isinstance(face_name, bytes) else face_name] = name
    return names


def _advance_end(c, fonts: dict[str, str]) -> float:
    """Where a char's advance ends: its origin plus its width in the font. PDFium's box ends where the
    glyph's ink does, and the ink of some letters reaches past their advance ("Ƈ", whose hook overhangs
    it by 0.11 em: 1.2 pt at 10.5 pt): a justified line ending in one, set exactly to the column's edge,
    would lose its last letter to a column test on the ink. The layout sets advances to the column, as
    TeX does (tests/geometry.py measures advances too); ink beyond it is the letter's design."""
    from reportlab.pdfbase import pdfmetrics
    return c.origin + pdfmetrics.stringWidth(c.text, fonts[c.font], c.size)


def read_streams(pdf: Path, theme, first_page: int = 1, language: str = "en") -> dict[str, list[Word]]:
    """The words of the text column ("body"), the callouts ("margin") and the footnotes ("foot"); the
    lines a split callout adds, in the edition's `language`, left out of "margin"."""
    body, callouts = _font_names(theme, "body"), _font_names(theme, "callouts")
    roles = {"body": (body, theme.sizes["body"], "text"), "margin": (callouts, theme.sizes["callout"], "margin"),
             "foot": (body, theme.sizes["footnote"], "text")}
    streams: dict[str, list[Word]] = {role: [] for role in roles}
    document = pdfium.PdfDocument(str(pdf))
    try:
        for number in range(first_page, len(document) + 1):
            page = document[number - 1]
            chars = _chars(page)
            top, bottom = page.get_height() - theme.margins["top"] + 1, theme.margins["bottom"] - 1
            for role, (fonts, size, column) in roles.items():
                left, right = _column(theme, number, column)

                def mine(c, fonts=fonts, size=size, left=left, right=right):  # running header and footer left out
                    return (c.font in fonts and abs(c.size - size) < 0.05 and left - 1 <= c.x0
                            and _advance_end(c, fonts) <= right + 1 and bottom <= c.y <= top)
                for text in _lines(chars, mine, size):
                    tokens = text.split()
                    streams[role].extend(Word(t, i == len(tokens) - 1, number) for i, t in enumerate(tokens))
    finally:
        document.close()
    streams["margin"] = _without_continuations(streams["margin"], language)
    return streams


@dataclass(frozen=True)
class _Char:
    text: str
    font: str
    size: float
    x0: float
    x1: float
    y: float  # the baseline
    origin: float = 0.0  # where the glyph's advance starts (x0 is where its ink does, when that is further left)


def _chars(page) -> list[_Char]:
    """A page's characters in drawing order (PDFium's own gap-filling spaces and line ends left out)."""
    textpage = page.get_textpage()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    out = []
    try:
        for i in range(raw.FPDFText_CountChars(textpage)):
            if raw.FPDFText_IsGenerated(textpage, i):
                continue
            raw.FPDFText_GetCharOrigin(textpage, i, x, y)
            raw.FPDFText_GetLooseCharBox(textpage, i, box)
            raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
            code = raw.FPDFText_GetUnicode(textpage, i)
            text = "-" if code == 2 else chr(code)  # PDFium reports a hyphen that ends a line as U+0002
            out.append(_Char(text, name.value.decode("utf-8", "replace"),
                             raw.FPDFText_GetFontSize(textpage, i), box.left, box.right, y.value, x.value))
    finally:
        textpage.close()
    return out


def _column(theme, page: int, which: str) -> tuple[float, float]:
    """Left and right edge of the text column or the margin column on a page (they mirror)."""
    m = theme.margins
    odd = page % 2 == 1
    if which == "margin":
        left = m["inner"] + theme.text_width + theme.gutter if odd else m["outer"]
        return left, left + theme.callout_width
    left = m["inner"] if odd else m["outer"] + theme.callout_width + theme.gutter
    return left, left + theme.text_width


def _lines(chars: list[_Char], mine, size: float) -> list[str]:
    """The chars `mine` accepts, in drawing order, cut into printed lines where the baseline moves or x
    jumps back. A gap between two chars with no space drawn in it (a bullet and its text) is a space;
    chars of other roles drawn inline (a note marker between a word and its full stop) leave none."""
    out: list[str] = []
    current: list[str] = []
    last = last_any = None
    for c in chars:
        if mine(c):
            if last is not None and (abs(c.y - last.y) > 0.5 or c.x0 < last.x0 - 0.5):
                out.append("".join(current))
                current = []
            elif last is not None:
                inline = abs(last_any.y - c.y) < size and last_any.x1 <= c.x0 + 0.5
                before = last_any if inline else last
                if c.x0 - before.x1 > 0.12 * size and current[-1] != " " and c.text != " ":
                    current.append(" ")
            current.append(c.text)
            last = c
        last_any = c
    if current:
        out.append("".join(current))
    return [line for line in out if line.strip()]


def _without_continuations(words: list[Word], language: str = "en") -> list[Word]:
    """Drop the "■ 3 (continued) from ¶ 24, p. 5" lines a callout carried overleaf starts with, and the
    "continued on p. 6" line that ends the part before the break."""
    text = "".join(w.text + ("\n" if w.line_end else " ") for w in words)
    spans = [(m.start(), m.end(), m.lastgroup) for m in continuation_pattern(language).finditer(text)]
    if not spans:
        return words
    kept, offset, span, resumed = [], 0, 0, False
    for w in words:
        start, offset = offset, offset + len(w.text) + 1
        while span < len(spans) and spans[span][1] <= start:
            span += 1
        if span < len(spans) and spans[span][0] <= start < spans[span][1]:
            if spans[span][2] == "continued":
                if kept and not kept[-1].piece_end:
                    kept[-1] = replace(kept[-1], piece_end=True)
            else:
                resumed = True
            continue
        kept.append(replace(w, piece_start=True) if resumed else w)
        resumed = False
    return kept


def source_words(text: str) -> list[str]:
    """A source text's words as they should print (soft hyphens print only at a break)."""
    return text.replace("\u00ad", "").split()


def _joins(word: str, following: str, target: str) -> str | None:
    """`word` (last on its line) continued by `following`, if that can rebuild the start of `target`."""
    if word.endswith("-"):
        if target.startswith(word):  # the source's own hyphen: it stays
            joined = word + following
        else:  # a hyphen the breaker added: it goes
            joined = word[:-1] + following
    elif (word and not word[-1].isalnum()) or len(target) >= ANYWHERE:  # a URL broken after "/", or similar
        joined = word + following
    else:
        return None
    return joined if target.startswith(joined) else None


def _steps(stream: list[Word], start: int, words: list[str]):
    """Where each of `words`, from the first, ends as a run printed at `stream[start]`, for as long as it does."""
    j = start
    for target in words:
        if j >= len(stream):
            return
        word, end, k = stream[j].text, stream[j].line_end, j + 1
        while word != target:
            joined = _joins(word, stream[k].text, target) if end and k < len(stream) else None
            if joined is None:
                return
            word, end, k = joined, stream[k].line_end, k + 1
        j = k
        yield j


def match_run(stream: list[Word], start: int, words: list[str]) -> tuple[int, int]:
    """How many of `words`, from the first, print as a run at `stream[start]`, and where that run ends."""
    count, end = 0, start
    for count, end in enumerate(_steps(stream, start, words), 1):
        pass
    return count, end


def match_at(stream: list[Word], start: int, words: list[str]) -> int | None:
    """Where the run of `words` ends if it is printed at `stream[start]`, else None."""
    count, end = match_run(stream, start, words)
    return end if count == len(words) else None


def find(stream: list[Word], words: list[str], cursor: int = 0) -> int | None:
    """The end of the first place at or after `cursor` where `words` print as a run, else None."""
    if not words:
        return cursor
    first = words[0]
    for i in range(cursor, len(stream)):
        text = stream[i].text
        if text == first or (stream[i].line_end and first.startswith(text.rstrip("-")) and text):
            end = match_at(stream, i, words)
            if end is not None:
                return end
    return None


def find_across_pages(stream: list[Word], words: list[str], cursor: int = 0) -> int | None:
    """Like find(), but a callout split across pages may resume on a later page after other callouts
    (placement splits a long note early and lets the next note follow it). The parts print in order: the
    first place after `cursor` where a run of the text (3 words at least, or a whole part from its "(continued)
    from" to its "continued on p. N") ends where the layout printed "continued on p. N" is the next part,
    and the rest follows it, whole or split again."""
    while words:
        end = find(stream, words, cursor)
        if end is not None:
            return end
        head = None  # (length, end) of the next part: 3 words or more, up to a "continued on p. N"
        for i in range(cursor, len(stream)):
            for count, j in enumerate(_steps(stream, i, words[:-1]), 1):  # the whole text was not found above
                # a run of 3 words or more, or a whole part (a part of two lines may hold 2 words: a URL broken)
                if (count >= 3 or stream[i].piece_start) and stream[j - 1].piece_end:
                    head = (count, j)
            if head:
                break
        if head is None:
            return None
        words, cursor = words[head[0]:], head[1]
    return cursor


def near_miss(stream: list[Word], words: list[str], cursor: int = 0) -> str:
    """Where the longest prefix of `words` prints, and what the PDF has after it: for failure messages."""
    best, where = 0, cursor
    for i in range(cursor, len(stream)):
        lo = match_run(stream, i, words)[0]  # longest prefix that matches here
        if lo > best:
            best, where = lo, i
    end = match_at(stream, where, words[:best]) or where
    printed = " ".join(w.text + ("⏎" if w.line_end else "") for w in stream[end:end + 8])
    page = stream[end].page if end < len(stream) else "?"
    return (f"{best} of {len(words)} words match; then the source has {' '.join(words[best:best + 6])!r} "
            f"but p. {page} prints {printed!r}")


def misprints(pdf: Path, edition, theme) -> list[str]:
    """Every paragraph, list item, footnote and note of `edition` that does not print word for word."""
    from handbook.model import Prose
    streams = read_streams(pdf, theme, language=edition.language)
    found = []

    def look(stream: str, words: list[str], cursor: int, what: str) -> int:
        finder = find_across_pages if stream == "margin" else find
        end = finder(streams[stream], words, cursor)
        if end is None:
            found.append(f"{what}: {near_miss(streams[stream], words, cursor)}")
            return cursor
        return end

    body = 0  # paragraphs print in order
    for document in edition.documents:
        for paragraph in document.paragraphs:
            texts = [("", b) for b in paragraph.blocks] + [(f" ({i.label})", i.text) for i in paragraph.items]
            for label, text in texts:
                body = look("body", source_words(text.plain), body, f"¶ {paragraph.number}{label}")
        for footnote in document.footnotes:  # each in the foot of its own page
            look("foot", source_words(footnote.text.plain), 0, f"footnote {footnote.number}")
        for note in document.notes:  # each in a callout of its own, its blocks in order
            cursor = 0
            for block in note.body:
                for text in [block.text] if isinstance(block, Prose) else block.items:
                    cursor = look("margin", source_words(text.plain), cursor, f"note {note.number}")
    return found
