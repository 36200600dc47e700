"""Small flowables shared by the layout modules."""
from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus import paragraph as _reportlab_paragraph

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


def laid_text(paragraph: Paragraph) -> str:
    """The words of a measured paragraph (or part of one), hyphenated line ends read both ways.

    "inter-" + "national" reads "international"; a compound's own hyphen ("Japan-" + "based")
    reads "Japan-based" in the second reading. Index lookups use both.
    """
    text = "\n".join(laid_lines(paragraph))
    if "-\n" not in text:
        return text.replace("\n", " ")
    joined = text.replace("-\n", "").replace("\n", " ")
    kept = text.replace("-\n", "-").replace("\n", " ")
    return joined + "\n" + kept
