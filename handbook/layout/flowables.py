"""Small flowables shared by the layout modules."""
from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus import paragraph as _reportlab_paragraph

from . import wordbreaks  # noqa: F401  (corrects how ReportLab's breaker splits and rejoins words)

_MISSING = object()
_FRAG_STYLE = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f, g) -> bool:
    """Whether two fragments print alike, so the line breaker may merge them (ReportLab's sameFrag).

    ReportLab's C version (rl_accel) raises and clears an AttributeError for every attribute a
    fragment lacks: 7 µs a call, 12,000 calls in the default edition. This is its pure-Python
    fallback, with absent and None kept apart as the C version keeps them: 1.5 µs, same answers.
    """
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    fget, gget = fd.get, gd.get
    for key in _FRAG_STYLE:
        a, b = fget(key, _MISSING), gget(key, _MISSING)
        if a is not b and a != b:  # fragments share their Color objects: identity spares Color.__eq__
            return False
    return True


_reportlab_paragraph.sameFrag = same_frag  # the line breaker looks the name up in its module


class Paragraph(_ReportLabParagraph):
    """ReportLab's Paragraph, remembering its line breaks for the width it was last measured at.

    Frames, keep-with-next groups and the margin placement ask a paragraph for its size several
    times at one width; breaking its lines again each time was the largest cost of a build.
    """

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_measured_width") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._measured_width = availWidth
        return size

    def split(self, availWidth, availHeight):
        """ReportLab's split, without changing this paragraph, and with the rest keeping its line breaks.

        ReportLab marks the word that ends the first part "hyphen forced by the split" by changing the
        class of that word in place, and the word is shared with this paragraph. The layout tries
        several splits of one paragraph (the margin guard shrinks the part line by line) and may
        then move it whole to the next page: a word marked by a split it did not keep then printed
        as two words ("pres- ences"). The mark goes on a copy that only the first part holds.
        """
        if "blPara" not in self.__dict__:
            self.wrap(availWidth, availHeight)
        words = _line_end_words(self)
        classes = [type(word) for word in words]
        lines = self.blPara
        parts = super().split(availWidth, availHeight)
        if not parts and "blPara" not in self.__dict__:  # ReportLab forgets the lines when nothing fits
            self.blPara = lines  # here; they are the same on the next page, which needs them at once
        for word, cls in zip(words, classes):
            if type(word) is not cls:
                marked = _copy_as(word, type(word))
                word.__class__ = cls
                if len(parts) == 2:
                    _replace_word(parts[0], word, marked)
        if len(parts) == 2 and self.__dict__.get("_measured_width") == availWidth:
            _keep_lines(self, parts, availWidth)
        return parts

    def callbacks(self) -> list[tuple[int, str, str]]:
        """(fragment index, name, label) of the callbacks in the text (footnote markers, note anchors).

        Indices are into the current fragment list, which line breaking replaces: kept per list."""
        frags, found = self.__dict__.get("_callbacks", (None, None))
        if frags is not self.frags:
            found = _callbacks(self.frags)
            self._callbacks = (self.frags, found)
        return found


def _callbacks(frags) -> list[tuple[int, str, str]]:
    found = []
    for index, frag in enumerate(frags):
        pieces = [piece for piece, _ in frag[1:]] if isinstance(frag, list) else [frag]
        for piece in pieces:
            cb = piece.__dict__.get("cbDefn")
            if cb is not None and getattr(cb, "kind", None) == "onDraw":
                found.append((index, cb.name, cb.label))
    return found


def _keep_lines(paragraph, parts, width: float) -> None:
    """Give the rest of a split paragraph the lines it already has, and the callbacks among them.

    Breaking the rest again gives the same lines, but costs a pass over all its words: a paragraph
    forty pages long was broken forty times over, and took minutes.
    """
    blpara, style = paragraph.blPara, paragraph.style
    rest = parts[1]
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return
    count = len(parts[0].blPara.lines)
    lines = blpara.lines[count:]
    if blpara.kind == 1:
        # lines ended by <br/> are broken again differently (ReportLab starts the rest with an empty line)
        if not _processed(paragraph.frags) or not all(hasattr(line, "sFW") and not getattr(line, "lineBreak", 0)
                                                      for line in blpara.lines):
            return
        base, start = lines[0].sFW, blpara.lines[0].sFW
        lines = [line.clone(sFW=line.sFW - base) for line in lines]
        found = paragraph.callbacks()
        rest._callbacks = (rest.frags, [(i - base, name, label) for i, name, label in found if i >= base])
        parts[0]._callbacks = (parts[0].frags, [(i - start, n, label) for i, n, label in found if start <= i < base])
    rest.blPara = blpara.clone(lines=lines)
    rest.width, rest.height = width, len(lines) * rest.style.leading
    rest._measured_width = width
    rest._wrapWidths = [width - rest.style.leftIndent - rest.style.firstLineIndent - rest.style.rightIndent,
                        width - rest.style.leftIndent - rest.style.rightIndent]


def _processed(frags) -> bool:
    return bool(frags) and isinstance(frags[0], list) and isinstance(frags[0][0], (int, float))


def _line_end_words(paragraph) -> list:
    """The word objects ReportLab's split may mark: the last word of each line."""
    blpara = paragraph.__dict__.get("blPara")
    if blpara is None:
        return []
    if blpara.kind == 0:
        return [words[-1] for _, words in blpara.lines if words]
    frags = paragraph.frags
    ends = []
    for line in list(blpara.lines[1:]) + [None]:
        index = (line.sFW if line is not None and hasattr(line, "sFW") else len(frags)) - 1
        while index >= 0 and isinstance(frags[index], _reportlab_paragraph._InjectedFrag):
            index -= 1
        if index >= 0 and isinstance(frags[index], list):
            ends.append(frags[index])
    return ends


def _copy_as(word, cls):
    copy = str.__new__(cls, word) if isinstance(word, str) else cls(word)
    copy.__dict__.update(getattr(word, "__dict__", {}))
    return copy


def _replace_word(part, word, marked) -> None:
    """In the first part of a split, put `marked` where the shared `word` was."""
    for holder in [part.frags] + [getattr(f, "words", None) for f in part.frags]:
        if isinstance(holder, list):
            for index, item in enumerate(holder):
                if item is word:
                    holder[index] = marked


class IndexedParagraph(Paragraph):
    """A paragraph whose words count for the indexes: the page it lands on is recorded for each term.

    Terms are found in the text as laid out (after line breaking, split across pages), not marked
    inside it: marks would cut the paragraph into many fragments, which made line breaking slow.
    The part a split carries overleaf remembers the part before it (`before`), so that a term
    that starts at the foot of one page and ends on the next is found too.
    """

    before = None  # the part laid out before this one, when this is the rest of a split paragraph
    indexed_page = None  # the page this part was indexed on

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and isinstance(parts[1], IndexedParagraph):
            parts[1].before = parts[0]
        return parts


def laid_lines(paragraph: Paragraph) -> list[str]:
    """The text of each line of a measured paragraph (or part of one)."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _, words in lines]
    return ["".join(getattr(f, "text", "") for f in line.words) for line in lines]


def laid_points(paragraph: Paragraph, points) -> list:
    """`points(text)` (index hits: start, end, key) of a measured paragraph, line-end hyphens read both ways.

    "inter-" + "national" reads "international"; a compound's own hyphen ("Japan-" + "based") reads
    "Japan-based" in the second reading, which counts only for hits across or against that hyphen
    ("Bosnie-" / "Herzégovine", "Japan-" / "based"), and only where the first reading found nothing
    across the break ("Niger-" / "ia" is Nigeria): elsewhere it would cut a word broken by hyphenation
    in two, and "Южно-" / "го Судана" would name Sudan beside the South Sudan the first reading finds.
    """
    lines = laid_lines(paragraph)
    text = "\n".join(lines)
    if "-\n" not in text:
        return points(text.replace("\n", " "))
    kept, hyphens = "", []  # the second reading, and where its line-end hyphens stand in it
    for line in lines:
        if line.endswith("-"):
            hyphens.append(len(kept) + len(line) - 1)
            kept += line
        else:
            kept += line + " "
    joined = points(text.replace("-\n", "").replace("\n", " "))
    # the k-th hyphen's break in the first reading, which has k + 1 fewer characters before it
    open_breaks = [at for k, at in enumerate(hyphens) if not any(a < at - k < b for a, b, _ in joined)]
    return joined + [hit for hit in points(kept) if any(hit[0] - 1 <= at <= hit[1] for at in open_breaks)]
