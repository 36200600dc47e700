"""Small flowables shared by the layout modules."""
from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import paragraph as _reportlab_paragraph

from . import linebreak, splitting, typesetting
from . import wordbreaks  # noqa: F401  (ReportLab's breaker, for what ours leaves to it: images, Chinese)
from .linebreak import same_frag

_reportlab_paragraph.sameFrag = same_frag  # the line breaker looks the name up in its module


class Paragraph(_ReportLabParagraph):
    """ReportLab's Paragraph with lines broken total-fit (linebreak.py), remembered per width.

    Frames, keep-with-next groups and the margin placement ask a paragraph for its size several
    times at one width; the lines of a paragraph are also kept on its style, by markup and widths,
    for the other paragraphs of the build with the same text. A split at a page foot avoids a hyphen
    on the last line there, and carries the rest of the source text overleaf (never hyphenated
    pieces of lines), so the rest is broken afresh for its new place.
    """

    _tail_hyphen = False  # the part before a split that ended inside a word: it ends with a hyphen

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        super().__init__(text, style, bulletText, frags, **kwargs)
        self._markup = text if frags is None else None

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_measured_width") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._measured_width = availWidth
        return size

    def _own_breaker(self) -> bool:
        style = self.style
        return (not style.wordWrap and not style.endDots and getattr(style, "autoLeading", "") in ("", "off")
                and linebreak.supported(self.frags))

    def breakLines(self, width, foot=None):
        if not self._own_breaker() or not self.frags:
            return super().breakLines(width)
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        _reportlab_paragraph._handleBulletWidth(self.bulletText, self.style, widths)
        style = self.style
        cache = key = None
        if self._markup is not None:
            cache = style.__dict__.setdefault("_hb_lines", {})
            key = (self._markup, str(self.bulletText), tuple(widths), foot)
            found = cache.get(key)
            if found is not None:
                self._width_max = found[1]
                return found[0]
        settings = getattr(style, "typesetting", None) or typesetting.default()
        memo = self.__dict__.get("_items")
        if memo is None:
            memo = self._items = cache.setdefault(("items", self._markup, str(self.bulletText)), {}) \
                if cache is not None else {}
        bl_para = linebreak.break_frags(self.frags, widths, settings, style.alignment == TA_JUSTIFY,
                                        bool(style.hyphenationLang), foot, self._tail_hyphen, memo)
        self._width_max = max((l.maxWidth - l.extraSpace for l in bl_para.lines), default=0)
        if cache is not None:
            cache[key] = (bl_para, self._width_max)
        return bl_para

    def split(self, availWidth, availHeight):
        if not self._own_breaker() or not self.frags:
            return super().split(availWidth, availHeight)
        return splitting.split(self, availWidth, availHeight)


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


_put_frag_line = _reportlab_paragraph._putFragLine


def _put_frag_line_to_its_end(cur_x, tx, line, last, kind):
    """ReportLab's line drawer, with highlights, links and underlines that reach the line's last letter.

    It ends them at (spaces - 1) word spaces past the natural width: one short on a stretched line, so a
    highlighted phrase at the end of a justified line lost its last letters ("no-regre|ts").
    A loose justified line may carry `tracking` (linebreak._tracking): set as the PDF's character
    spacing, and counted in every width the drawer measures, so that highlights, links, underlines and
    note markers stay on their words.
    """
    tracking = getattr(line, "tracking", 0.0)
    if tracking:
        _put_tracked_line(cur_x, tx, line, last, kind, tracking)
    else:
        _put_frag_line(cur_x, tx, line, last, kind)
    ws = getattr(tx, "_wordSpace", 0)
    if not ws:
        return
    _start_links_at_their_words(tx.XtraState.links, line.words, ws)
    final = next((w for w in reversed(line.words) if getattr(w, "text", "") and not hasattr(w, "cbDefn")), None)
    if final is None or final.text.endswith(" "):
        return
    xs = tx.XtraState
    if getattr(final, "backColor", None) and xs.backColors:
        x0, x1, colour = xs.backColors[-1]
        xs.backColors[-1] = (x0, x1 + ws, colour)
    for table, names in ((xs.links, final.link), (xs.us_lines, final.us_lines)):
        for name in names or ():
            start, end = table[name]
            table[name] = start, end + ws


_reportlab_paragraph._putFragLine = _put_frag_line_to_its_end  # the line drawers look it up in their module


def _put_tracked_line(cur_x, tx, line, last, kind, tracking: float) -> None:
    canvas = tx._canvas
    plain = canvas.stringWidth
    canvas.stringWidth = lambda text, *font: plain(text, *font) + tracking * len(text)
    tx.setCharSpace(tracking)
    try:
        _put_frag_line(cur_x, tx, line, last, kind)
    finally:
        tx.setCharSpace(0)
        del canvas.stringWidth


def _start_links_at_their_words(links: dict, words, ws: float) -> None:
    """Move each link that starts on this line right by the widened word spaces before its first word, as
    ReportLab's drawer moves the word itself (it records the link's start without them)."""
    spaces, before = 0, ()
    for f in words:
        if hasattr(f, "cbDefn"):
            continue
        for name in f.link or ():
            if name not in before and name in links and spaces:
                (((n, x0), lo, hi), x1) = links[name]
                links[name] = (((n, x0 + spaces * ws), lo, hi), x1)
        before = f.link or ()
        spaces += f.text.count(" ") + f.text.count("\u00a0")
