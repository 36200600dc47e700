"""Placement figures read back from a PDF alone (pdfplumber): where each note's marker and callout print,
how far the text column ends above its foot, which callouts split and which pages hold only a tail.

The figures are the targets of issue 16: notes on their anchor's page, notes within one page,
holes in the text column, split callouts, pages holding only the tail of a callout. A split callout's
words ("continued on p. N", "(continued) from ¶ X, p. M") are read in the PDF's language (its /Lang), from
that language's catalogue.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pdfplumber

from pdfread import in_child
from pypdf import PdfReader

SYMBOLS = "●■▲○◆★"
SEPARATOR_DROP = 3.0  # the footnote rule is drawn 3 pt below the text column's raised foot (footnotes.py)


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    baseline: float  # distance from the top of the page to the baseline


@dataclass
class PageRead:
    number: int
    width: float
    height: float
    chars: list
    rules: list  # (x0, x1, y) of horizontal lines, y from the top


@dataclass
class Figures:
    anchors: dict = field(default_factory=dict)  # note -> page of its marker in the text
    starts: dict = field(default_factory=dict)  # note -> page where its callout's label prints
    start_baselines: dict = field(default_factory=dict)  # note -> baseline of its callout label
    anchor_baselines: dict = field(default_factory=dict)  # note -> baseline of its marker's line
    holes: dict = field(default_factory=dict)  # page -> empty body lines at the foot of the text column
    part_ends: set = field(default_factory=set)  # the page where each document part's text ends
    tails: dict = field(default_factory=dict)  # note -> pages where a continued part prints
    tail_only_pages: list = field(default_factory=list)
    continued_lines: list = field(default_factory=list)  # (page, note, text of the "continued on" line)
    resumed_lines: list = field(default_factory=list)  # (page, note, text of the "(continued) from" line)
    head_last_lines: list = field(default_factory=list)  # (page, note, last line of text before the break)

    @property
    def same_page(self) -> int:
        return sum(1 for n, p in self.starts.items() if self.anchors.get(n) == p)

    @property
    def within_one(self) -> int:
        return sum(1 for n, p in self.starts.items() if n in self.anchors and 0 <= p - self.anchors[n] <= 1)

    def percent_same_page(self) -> float:
        return 100 * self.same_page / max(1, len(self.anchors))

    def worst_hole(self) -> tuple[int, int]:
        """(lines, page) of the largest hole, ends of parts left out."""
        holes = [(lines, page) for page, lines in self.holes.items()
                 if page not in self.part_ends and page not in self.tail_only_pages]
        return max(holes, default=(0, 0))

    def summary(self) -> str:
        lines, page = self.worst_hole()
        return (f"{self.same_page}/{len(self.anchors)} same page, {self.within_one} within one, "
                f"worst hole {lines} lines (p. {page}), {len(self.tails)} split, "
                f"tail-only pages {self.tail_only_pages}")


@dataclass(frozen=True)
class Phrases:
    """A split callout's words in one language, as regular expressions (handbook/language/catalogues)."""

    resumed: str  # a word only the label of a callout's rest holds: "(continued)", "(suite)"
    continued: str  # "continued on p. N", the page number as group 1
    page: str  # "p. N"
    resumed_tail: str  # the end of a rest's label, "from ¶ X, p. M", M as group 1

    def resumed_from(self, page: int) -> str:
        """The end of a rest's label that names `page`, where its head printed."""
        return self.resumed_tail.replace(r"(\d+)", rf"{page}\b")


@lru_cache(maxsize=None)
def phrases(language: str = "en") -> Phrases:
    from handbook.language.catalogue import catalogue
    labels = catalogue(language).labels

    def pattern(label: str) -> str:
        """The label's words in order, any space (or none: a page number is drawn apart) between them."""
        return r"\s*".join(r"(\d+)" if word == "{page}" else re.escape(word)
                           for word in label.replace("{page}", " {page} ").split())
    page = pattern(labels["continued_on"].split("{page}")[0].split()[-1] + " {page}")  # "p. N"
    resumed = labels["resumed"]
    before, after = resumed.split("{place}")
    word = re.search(r"\([^)]+\)", resumed)  # "(continued)"; else the words before the place
    lead = before.replace("{mark}", "").split()
    tail = (pattern(lead[-1]) if lead else "") + r"\s*.+" + pattern(after)  # "from ¶ X, p. M"
    return Phrases(re.escape(word.group(0)) if word else pattern(" ".join(lead)), pattern(labels["continued_on"]),
                   page, tail)


def language_of(pdf: Path) -> str:
    """The language the PDF says it is in (its catalogue's /Lang), English if it says none."""
    lang = PdfReader(str(pdf)).trailer["/Root"].get("/Lang")
    return str(lang).split("-")[0] if lang else "en"


@lru_cache(maxsize=16)
def _read(pdf: Path) -> tuple:
    return in_child(_read_in_child, pdf)


def _read_in_child(pdf: Path) -> tuple:
    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for index, page in enumerate(doc.pages, 1):
            height = float(page.height)
            chars = [Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"],
                          height - c["matrix"][5]) for c in page.chars if c["text"].strip()]
            rules = [(o["x0"], o["x1"], o["top"]) for o in page.lines if abs(o["top"] - o["bottom"]) < 0.5]
            pages.append(PageRead(index, float(page.width), height, chars, rules))
    return tuple(pages)


def document_parts(pdf: Path) -> list[range]:
    """Pages of each document part: from its title page to the page before the next top-level entry."""
    reader = PdfReader(str(pdf))
    tops = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level == 0:
                tops.append((item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    total = len(reader.pages)
    parts = []
    roman = re.compile(r"^[IVXLC]+\. ")
    sections = [page for title, page in tops if roman.match(title)]
    if sections:  # a single document: its sections are the top level
        others = [page for title, page in tops if not roman.match(title) and page > sections[0]]
        parts.append(range(sections[0], (min(others) if others else total + 1)))
    return parts


def _rows(chars: list) -> list[list[Char]]:
    """Chars grouped into text lines by baseline, each row left to right."""
    rows: dict = {}
    for c in sorted(chars, key=lambda c: (round(c.baseline, 1), c.x0)):
        key = next((k for k in rows if abs(k - c.baseline) < 1.2 and abs(rows[k][0].size - c.size) < 3), None)
        rows.setdefault(c.baseline if key is None else key, []).append(c)
    return [sorted(row, key=lambda c: c.x0) for _, row in sorted(rows.items())]


def _number_after(row: list, index: int) -> int | None:
    digits = ""
    for c in row[index + 1:]:
        if c.text.isdigit():
            digits += c.text
        elif digits or c.x0 - row[index].x1 > 4:
            break
    return int(digits) if digits else None


def measure(pdf: Path, theme) -> Figures:
    """Every placement figure of the document parts of `pdf`, laid out with `theme`."""
    pdf = Path(pdf)
    pages = _read(pdf)
    words = phrases(language_of(pdf))
    figures = Figures()
    m = theme.margins
    leading = theme.sizes["leading"]
    for part in document_parts(pdf):
        for number in part:
            page = pages[number - 1]
            right = number % 2 == 1
            tx0 = m["inner"] if right else m["outer"] + theme.callout_width + theme.gutter
            tx1 = tx0 + theme.text_width
            cx0 = tx1 + theme.gutter if right else m["outer"]
            cx1 = cx0 + theme.callout_width
            top, foot = m["top"], page.height - m["bottom"]
            inside = _column_chars(page, theme)
            text = [c for c in inside if tx0 - 40 <= c.x0 and c.x1 <= tx1 + 2]
            margin = [c for c in inside if cx0 - 1 <= c.x0 and c.x1 <= cx1 + 1]
            _anchors(figures, number, text, theme)
            _callouts(figures, number, margin, words)
            _hole(figures, page, number, text, (tx0, tx1, top, foot), leading)
            if margin and not [c for c in text if not _is_marker(c, theme)]:
                figures.tail_only_pages.append(number)
            elif text:
                last_text = number
        figures.part_ends.add(last_text)  # where the part's text ends: its last page may end short
        # ... and the pages after it, blank but for their furniture (the next part starts on a right-hand page)
        figures.part_ends.update(n for n in part if n > last_text and not _column_chars(pages[n - 1], theme))
    return figures


def _is_marker(c: Char, theme) -> bool:
    return c.size < theme.sizes["body"] * 0.8


def _anchors(figures: Figures, number: int, chars: list, theme) -> None:
    for row in _rows(chars):
        for i, c in enumerate(row):
            if c.text in SYMBOLS and c.size < theme.sizes["title"] * 0.8:
                note = _number_after(row, i)
                if note is not None and note not in figures.anchors:
                    figures.anchors[note] = number
                    line = [x for x in row if x.size >= theme.sizes["body"] - 0.1] or row
                    figures.anchor_baselines[note] = max(x.baseline for x in line)


def _column_chars(page: PageRead, theme) -> list:
    """The characters printed between the top and bottom margins (not the running head, nor the folio)."""
    top, foot = theme.margins["top"], page.height - theme.margins["bottom"]
    return [c for c in page.chars if top - 2 <= c.top and c.bottom <= foot + 3 and c.size <= theme.sizes["title"] + 1]


def _callouts(figures: Figures, number: int, chars: list, words: Phrases) -> None:
    rows = _rows(chars)
    for r, row in enumerate(rows):
        if not row or row[0].text not in SYMBOLS:
            continue
        note = _number_after(row, 0)
        if note is None:
            continue
        line = "".join(c.text if j == 0 or c.x0 - row[j - 1].x1 < 1 else " " + c.text for j, c in enumerate(row))
        resumed = re.search(words.resumed, line)
        if "Bold" in row[0].font and not resumed:
            figures.starts.setdefault(note, number)
            figures.start_baselines.setdefault(note, row[0].baseline)
        elif resumed:
            if not re.search(words.page, line) and r + 1 < len(rows):  # the label ran onto a second line
                line += " " + _line_text(rows[r + 1])
            figures.tails.setdefault(note, []).append(number)
            figures.resumed_lines.append((number, note, line))
    for r, row in enumerate(rows):
        line = _line_text(row)
        match = re.search(words.continued, line)
        if match:
            owner = _owner(rows, r)
            figures.continued_lines.append((number, owner, line))
            before = _line_text(rows[r - 1]) if r > 0 else ""
            figures.head_last_lines.append((number, owner, before))


def _owner(rows: list, index: int) -> int | None:
    """The note whose label is the nearest one above row `index`."""
    for row in reversed(rows[:index]):
        if row and row[0].text in SYMBOLS:
            return _number_after(row, 0)
    return None


def _line_text(row: list) -> str:
    return "".join(c.text if j == 0 or c.x0 - row[j - 1].x1 < 1 else " " + c.text for j, c in enumerate(row))


def _hole(figures: Figures, page: PageRead, number: int, chars: list, column: tuple, leading: float) -> None:
    """Empty body lines between the last line of the text column and its foot (or its footnotes' rule)."""
    tx0, tx1, top, foot = column
    rules = [y for x0, x1, y in page.rules if abs(x0 - tx0) < 2 and x1 - x0 < min(0.3 * (tx1 - tx0), 120) + 1
             and y < foot + 1]
    limit = (min(rules) - SEPARATOR_DROP) if rules else foot
    body = [c for c in chars if c.bottom <= limit + 1]
    if not body:
        figures.holes[number] = math.floor((limit - top) / leading)
        return
    last = max(c.bottom for c in body)
    figures.holes[number] = max(0, math.floor((limit - last) / leading))
