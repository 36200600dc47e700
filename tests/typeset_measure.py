"""Lines of running text read back from a PDF: their words, word spaces and line ends (issue 17)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from pdftext import outline_pages


@dataclass
class Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str  # the characters of the line's own size and face, left to right
    gaps: list = field(default_factory=list)  # widths of its word spaces, in points


def report_pages(pdf: Path) -> range:
    """The pages of the report: from its first section to the page before the index or cheat sheet."""
    entries = outline_pages(pdf)
    first = next(page for title, page in entries if title[:2] in ("I.", "II") or title.startswith("I. "))
    after = next((page for title, page in entries if page > first and title in (
        "Index", "Responsibility to protect at a glance")), len(PdfReader(str(pdf)).pages) + 1)
    return range(first, after)


def lines_of(pdf: Path, pages, size: float, face: str, left: float = 0, right: float = 1e9) -> list[Line]:
    """Lines set in `face` at `size`, on `pages`, with x between left and right, in reading order."""
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for number in pages:
            page = doc.pages[number - 1]
            chars = [c for c in page.chars if left - 1 <= c["x0"] and c["x1"] <= right + 1]
            own = [c for c in chars if face in c["fontname"] and abs(c["size"] - size) < 0.05]
            rows: dict = {}
            for c in own:
                rows.setdefault(round(c["bottom"] * 2) / 2, []).append(c)
            for bottom in sorted(rows):
                row = sorted(rows[bottom], key=lambda c: c["x0"])
                band = sorted((c for c in chars if bottom - size * 1.2 < c["bottom"] <= bottom + size * 0.3),
                              key=lambda c: c["x0"])
                solid = [c for c in row if c["text"].strip()]
                if not solid:
                    continue
                out.append(Line(number, bottom, solid[0]["x0"], solid[-1]["x1"],
                                "".join(c["text"] for c in row).strip(), _gaps(band)))
    return out


def _gaps(band: list) -> list:
    """The word spaces of a line: from the glyph before each space to the glyph after it."""
    gaps = []
    for i, c in enumerate(band):
        if c["text"] != " ":
            continue
        before = next((b for b in reversed(band[:i]) if b["text"].strip()), None)
        after = next((a for a in band[i + 1:] if a["text"].strip()), None)
        if before is not None and after is not None and after["x0"] > before["x1"]:
            gaps.append(after["x0"] - before["x1"])
    return gaps


def hyphen_runs(lines: list[Line]) -> list[int]:
    """Lengths of the runs of consecutive lines ending with a hyphen, per page and column."""
    runs, run, previous = [], 0, None
    for line in lines:
        if previous is not None and line.page != previous.page:
            run = 0
        if line.text.endswith("-"):
            run += 1
            runs.append(run)
        else:
            run = 0
        previous = line
    return runs


def walk_text(stream: str, text: str) -> str | None:
    """Follow `text` through `stream` (lines joined by newlines); None if it is there exactly, with a
    line end as a space, or inside a word after a hyphen the breaker added; else where it departs."""
    key = " ".join(text.split()[:3])
    starts = [m.start() for m in re.finditer(re.escape(key).replace(r"\ ", r"[ \n]"), stream)]
    if not starts:
        head = text.split()[0]
        return f"not found: {text[:60]!r} (first word {head!r} {'found' if head in stream else 'missing'})"
    problems = [_walk(stream, text, start) for start in starts]
    return None if None in problems else problems[0]


def _walk(stream: str, text: str, start: int) -> str | None:
    i, j = start, 0
    while j < len(text):
        if i >= len(stream):
            return f"stream ends at {text[j:j + 40]!r}"
        s, t = stream[i], text[j]
        if s == t:
            i, j = i + 1, j + 1
        elif s == "\n" and t == " ":
            i, j = i + 1, j + 1
        elif s == "\n" and j > 0 and text[j - 1] in "-\u2010\u2013\u2014/":  # a compound's own hyphen ends the line
            i += 1
        elif s == "-" and stream[i + 1:i + 2] == "\n" and t.isalpha():  # the breaker's hyphen
            i += 2
        elif s == "\n" and t != " ":  # a URL broken at / . - ?
            i += 1
        else:
            return f"departs at {stream[max(0, i - 30):i + 30]!r} (source {text[max(0, j - 30):j + 30]!r})"
    return None


def text_column(theme, page: int) -> tuple[float, float]:
    """The text column's left and right edges on a page (recto: inner margin first)."""
    m = theme.margins
    x = m["inner"] if page % 2 == 1 else m["outer"] + theme.callout_width + theme.gutter
    return x, x + theme.text_width


def word_spaces(pdf: Path, pages, size: float, columns: tuple) -> tuple[int, float, list]:
    """(justified lines, widest word space, the lines with a space over half an em) of the running text
    set at `size` on `pages`; `columns` is the text column on odd and on even pages. A line is justified
    when it reaches the column's right edge (a paragraph's last line rarely does)."""
    lines = []
    for parity, column in ((1, columns[0]), (0, columns[1])):
        lines += lines_of(pdf, [n for n in pages if n % 2 == parity], size, "Serif", *column)
    justified = [line for line in lines if line.gaps and line.x1 >= columns[1 - line.page % 2][1] - 1.0]
    widest = max((max(line.gaps) for line in justified), default=0.0)
    loose = [(line.page, line.text, round(max(line.gaps) / size, 3)) for line in justified
             if max(line.gaps) > 0.5 * size]
    return len(justified), widest, loose
