"""Helpers for tests that read the PDF back as a reader would (pypdf / pdfplumber)."""
from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


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
            out.append({
                "body": take(page, lambda c: "Serif" in c["fontname"] and abs(c["size"] - body_size) < 0.3),
                "margin": take(page, lambda c: "Sans" in c["fontname"] and abs(c["size"] - callout_size) < 0.3),
                "foot": take(page, lambda c: "Serif" in c["fontname"] and c["size"] < body_size - 1),
            })
    return out
