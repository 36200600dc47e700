"""Helpers for tests that read the PDF back as a reader would (pypdf / pdfplumber)."""
from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def outline_pages(pdf) -> list[tuple[str, int]]:
    """(title, page number) of every bookmark, nested ones included, in outline order."""
    reader = PdfReader(str(pdf))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline)
    return out


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def normalise(text: str) -> str:
    """Collapse whitespace and undo hyphenation at line ends so words can be searched for."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def words(text: str, count: int) -> str:
    """The first `count` words of a text, as a search key."""
    return " ".join(text.split()[:count])


def streams(pdf: Path, body_size: float, callout_size: float) -> list[dict]:
    """Per page: the running text of the text column (body size), of the callouts, and of the footnotes.

    Splitting by size and face lets a phrase that runs from one page's last line onto the next page be
    found by joining the two pages' body streams, whatever else the page drew in between.
    """
    import pdfplumber

    def take(page, test):
        return page.filter(lambda o: o.get("object_type") != "char" or test(o)).extract_text() or ""

    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            marks = _heading_marks(page, callout_size)
            out.append({
                "body": take(page, lambda c: "Serif" in c["fontname"] and abs(c["size"] - body_size) < 0.3),
                "margin": take(page, lambda c, marks=marks: "Sans" in c["fontname"]
                               and abs(c["size"] - callout_size) < 0.3 and (c["x0"], c["top"]) not in marks),
                "foot": take(page, lambda c: "Serif" in c["fontname"] and c["size"] < body_size - 1),
            })
    return out


def _heading_marks(page, callout_size: float) -> set:
    """(x0, top) of the note marks printed after a heading's last word (a sans symbol and number of the callouts'
    size, so not the margin's text): each starts within a few points of a heading character or of a mark found."""
    chars = [c for c in page.chars if c["text"].strip()]
    heads = [c for c in chars if "Sans" in c["fontname"] and callout_size + 1.5 < c["size"] < 3 * callout_size
             and c.get("upright", True)]  # headings, not a draft's large slanted watermark
    small = sorted((c for c in chars if "Sans" in c["fontname"] and abs(c["size"] - callout_size) < 0.3
                    and (c["text"] in "●■▲○◆★" or c["text"].isdigit())), key=lambda c: c["x0"])
    marks: set = set()
    for c in small:
        if any(0 <= c["x0"] - h["x1"] < 6 and h["top"] - 2 < c["bottom"] and c["top"] < h["bottom"] + 2
               for h in heads):
            heads.append(c)
            marks.add((c["x0"], c["top"]))
    return marks
