"""The callout details of issue 16 read back from a PDF: references and marks kept on one line, URLs
broken at their punctuation inside the column, highlights covering whole words, a note marker and a
footnote number apart."""
from __future__ import annotations

import re

import pdfplumber

from placement_figures import SYMBOLS, _line_text, _read, _rows, document_parts

# Issue 16: a URL breaks at / . - ? (never between two letters). Where exactly follows the Chicago Manual:
# after "//" and ":", before . - ? # % ~ _ and a single /, before or after = and &. A line end inside a
# URL passes when the line ends after one of URL_BREAKS (as ReportLab breaks) or the next line starts
# with one of URL_BREAKS_BEFORE (as the total-fit breaker does: "http://www.un" | ".org/...").
URL_BREAKS = "/.-?&=_#"
URL_BREAKS_BEFORE = ".-?#%~_/&="
# a page or paragraph reference whose number went onto the next line
REF_AT_LINE_END = re.compile(r"(¶|\bp\.|\bpp\.|\bpág\.|\bс\.|[" + SYMBOLS + r"])$")


def body_pages(pdf) -> list:
    return [page for part in document_parts(pdf) for page in _read(pdf)[part.start - 1:part.stop - 1]]


def references_split_over_lines(pdf, theme) -> list:
    """(page, line) of each line that ends in "¶", "p." or a note symbol, its number on the next line."""
    return [(page.number, _line_text(row)) for page in body_pages(pdf) for column in _columns(page, theme)
            for row in _rows(column) if REF_AT_LINE_END.search(_line_text(row).strip())]


def url_breaks(pdf, theme, urls: list) -> list:
    """(page, line, next line) for each line end inside one of `urls` that is neither after / . - ? & = _ #
    nor before . - ? # % ~ _ / & = (see URL_BREAKS)."""
    bad = []
    for page in body_pages(pdf):
        for column in _columns(page, theme):
            rows = [_line_text(row).strip() for row in _rows(column)]
            for line, after in zip(rows, rows[1:]):
                last, first = line.split(" ")[-1], after.split(" ")[0]
                # the next line's first word, without the sentence's punctuation, continues the URL: a line
                # ending "global" before "response." is no break inside "globalr2p.org"
                joined = last + first.rstrip(".,;:)]»”’")
                if len(last) >= 4 and len(joined) > len(last) and any(joined in url and not url.endswith(last)
                                                                      for url in urls) \
                        and last[-1] not in URL_BREAKS \
                        and not (first and first[0] in URL_BREAKS_BEFORE):
                    bad.append((page.number, line, after))
    return bad


def _columns(page, theme) -> list:
    """The page's glyphs in the text column and in the margin column (the running head and foot left out)."""
    tx0, tx1, cx0, cx1 = _geometry(page, theme)
    m = theme.margins
    chars = [c for c in page.chars if m["top"] - 2 <= c.top and c.bottom <= page.height - m["bottom"] + 3]
    return [[c for c in chars if tx0 - 1 <= c.x0 and c.x1 <= tx1 + 1.5], [c for c in chars if cx0 - 1 <= c.x0 and c.x1 <= cx1 + 1]]


def _geometry(page, theme) -> tuple:
    m = theme.margins
    right = page.number % 2 == 1
    tx0 = m["inner"] if right else m["outer"] + theme.callout_width + theme.gutter
    tx1 = tx0 + theme.text_width
    cx0 = tx1 + theme.gutter if right else m["outer"]
    return tx0, tx1, cx0, cx0 + theme.callout_width


def outside_columns(pdf, theme) -> list:
    """(page, char) of body-page glyphs in the gutter or past the margin column's outer edge."""
    m, bad = theme.margins, []
    for page in body_pages(pdf):
        tx0, tx1, cx0, cx1 = _geometry(page, theme)
        for c in page.chars:
            if not (m["top"] - 2 <= c.top and c.bottom <= page.height - m["bottom"] + 3) or c.size > 40:
                continue  # the running head and foot, the draft style's watermark
            in_text = tx0 - 40 <= c.x0 and c.x1 <= tx1 + 1.5  # paragraph numbers hang left of the text
            in_margin = cx0 - 1 <= c.x0 and c.x1 <= cx1 + 1
            if not (in_text or in_margin):
                bad.append((page.number, c.text, round(c.x0, 1)))
    return bad


def cut_highlights(pdf, colour: tuple) -> list:
    """(page, text) where a highlight ends inside a word: a letter touching the highlighted one is left out."""
    bad = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            marks = [r for r in page.rects if r["fill"] and _same(r["non_stroking_color"], colour)]
            if not marks:
                continue
            chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"]))
            for r in marks:
                line = [c for c in chars if r["top"] - 1 <= (c["top"] + c["bottom"]) / 2 <= r["bottom"] + 1]
                inside = [c for c in line if c["x0"] >= r["x0"] - 0.5 and c["x1"] <= r["x1"] + 0.5]
                if not inside:
                    continue
                last = max(inside, key=lambda c: c["x1"])
                after = [c for c in line if 0 <= c["x0"] - last["x1"] < 0.3 and c["x0"] > r["x1"] - 0.5]
                for c in after:
                    covered = any(_same(o["non_stroking_color"], colour) and o["x0"] - 0.5 <= c["x0"]
                                  and c["x1"] <= o["x1"] + 0.5 and o["top"] - 1 <= c["top"] for o in marks)
                    if c["text"].isalpha() and last["text"].isalpha() and not covered:
                        bad.append((page.page_number, last["text"] + c["text"]))
    return bad


def _same(a, b) -> bool:
    return a is not None and len(a) == len(b) and all(abs(x - y) < 0.01 for x, y in zip(a, b))


def marker_number_gaps(pdf, theme) -> list:
    """(page, gap) between a note marker's last digit and a footnote number right after it."""
    gaps = []
    for page in body_pages(pdf):
        for row in _rows(page.chars):
            for i, c in enumerate(row):
                if c.text not in SYMBOLS:
                    continue
                j = i + 1
                while j < len(row) and row[j].text.isdigit() and row[j].font == row[i + 1].font:
                    j += 1
                if i + 1 < j < len(row) and row[j].text.isdigit() and row[j].font != row[j - 1].font:
                    gaps.append((page.number, row[j].x0 - row[j - 1].x1))
    return gaps
