"""Geometry read back from a PDF with pdfplumber: words, overlaps, margins, callout boxes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber

from pdfread import in_child

MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    size: float = 0.0
    font: str = ""

    def overlaps(self, other: "Box", tolerance: float = 0.6) -> bool:
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > tolerance and
                min(self.bottom, other.bottom) - max(self.top, other.top) > tolerance)


@dataclass
class PageGeometry:
    number: int
    width: float
    height: float
    words: list
    chars: list
    lines: list  # graphic lines and rect edges as Boxes


@lru_cache(maxsize=8)
def read_pages(pdf: Path) -> tuple:
    return in_child(_read_pages, pdf)


def _read_pages(pdf: Path) -> tuple:
    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for index, page in enumerate(doc.pages, 1):
            words = [Box(w["x0"], w["top"], w["x1"], w["bottom"], w["text"], w.get("size", 0), w.get("fontname", ""))
                     for w in page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=True)]
            chars = [Box(c["x0"], c["top"], c["x1"], c["bottom"], c["text"], c["size"], c["fontname"])
                     for c in page.chars if c["text"].strip()]
            lines = [Box(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.lines + page.rects + page.curves]
            pages.append(PageGeometry(index, float(page.width), float(page.height), words, chars, lines))
    return tuple(pages)


def overlapping_words(page: PageGeometry) -> list[tuple[Box, Box]]:
    """Pairs of words whose boxes intersect (a sweep over x keeps this fast)."""
    words = sorted(page.words, key=lambda w: w.x0)
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b.x0 >= a.x1:
                break
            if a.overlaps(b):
                found.append((a, b))
    return found


def chars_outside(page: PageGeometry, inset: float = 5 * MM) -> list[Box]:
    return [c for c in page.chars if c.x0 < inset or c.top < inset or c.x1 > page.width - inset
            or c.bottom > page.height - inset]
