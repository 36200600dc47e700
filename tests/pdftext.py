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
