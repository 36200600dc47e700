"""Impose a finished handbook as a saddle-stitched booklet: two pages a side, sheets folded in half."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DictionaryObject, NameObject
from reportlab.lib.pagesizes import A3, A4, A5, LEGAL, LETTER

HALF_LETTER = (LETTER[1] / 2, LETTER[0])  # 5.5 × 8.5 in
TABLOID = (11 * 72, 17 * 72)
# sheet papers a booklet can be printed on, portrait sizes, smallest first (sheets are turned landscape)
SHEET_PAPERS = {"A4": A4, "Letter": LETTER, "Legal": LEGAL, "A3": A3, "Tabloid": TABLOID}
# page size -> the sheet it is printed on two-up at full size
SHEETS = {A5: A4, HALF_LETTER: LETTER}
WARN_BELOW = 0.9  # a booklet shrunk below this share of its pages' size gets a warning with the sizes


@dataclass
class Imposition:
    """What a booklet is: its sheet sides, its sheet (landscape, pt) and how much its pages shrank."""

    sides: int
    sheet: tuple[float, float]
    scale: float


def sheet_for(page_size: tuple[float, float], paper: str | None = None) -> tuple[float, float]:
    """The landscape sheet for a booklet of these pages: `paper` if given (a name in SHEET_PAPERS),
    else A5 on A4, half-Letter on Letter, else a sheet of the pages' own paper (the pages shrink)."""
    if paper:
        width, height = SHEET_PAPERS[paper]
        return height, width
    width, height = page_size
    for page, sheet in SHEETS.items():
        if abs(page[0] - width) < 2 and abs(page[1] - height) < 2:
            return sheet[1], sheet[0]
    return height, width  # A4 or Letter pages, scaled onto a landscape sheet of their own paper


def booklet_scale(page_size: tuple[float, float], sheet: tuple[float, float]) -> float:
    """How much pages shrink (or grow, never above 1) to fit half of a landscape sheet."""
    scale = min(1.0, sheet[0] / 2 / page_size[0], sheet[1] / page_size[1])
    return 1.0 if scale > 0.999 else scale  # a PDF's page size is rounded: A4 on half an A3 is exactly 100 %


def full_size_sheet(page_size: tuple[float, float]) -> str | None:
    """The smallest sheet paper that takes these pages two-up at 100 %, or None if none does."""
    fitting = [(w * h, name) for name, (w, h) in SHEET_PAPERS.items()
               if booklet_scale(page_size, (h, w)) >= 1 - 1e-3]
    return min(fitting)[1] if fitting else None


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each sheet side, front then back, padding to a multiple of 4 with None."""
    total = -(-pages // 4) * 4
    index = lambda i: i if i < pages else None  # noqa: E731
    sides = []
    for sheet in range(total // 4):
        sides.append((index(total - 1 - 2 * sheet), index(2 * sheet)))        # front: last, first
        sides.append((index(2 * sheet + 1), index(total - 2 - 2 * sheet)))    # back: second, second to last
    return sides


def impose(source: Path, target: Path, paper: str | None = None) -> Imposition:
    """Write the booklet of `source` to `target`, on `paper` sheets (default: see sheet_for)."""
    reader = PdfReader(str(source))
    pages = reader.pages
    first = pages[0].mediabox
    size = (float(first.width), float(first.height))
    sheet_w, sheet_h = sheet_for(size, paper)
    slot_w = sheet_w / 2
    scale = booklet_scale(size, (sheet_w, sheet_h))
    writer = PdfWriter()
    for left, right in booklet_order(len(pages)):
        side = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        for slot, index in enumerate((left, right)):
            if index is None:
                continue  # a blank page that pads the booklet to whole sheets
            page = pages[index]
            box = page.mediabox
            w, h = float(box.width) * scale, float(box.height) * scale
            # each page sits against the fold, so the spine has no gap and the outer edges take the slack
            x = slot_w - w if slot == 0 else slot_w
            y = (sheet_h - h) / 2
            side.merge_transformed_page(page, Transformation().translate(-float(box.left), -float(box.bottom))
                                        .scale(scale).translate(x, y))
        writer.add_page(side)
    # the same document imposed: its title, author, subject and language (no word of ours added: the edition
    # may be in any language, and the file name already says "booklet")
    writer.add_metadata({**{k: v for k, v in (reader.metadata or {}).items()}, "/Creator": "handbook"})
    if not (reader.metadata or {}).get("/Title"):
        writer.add_metadata({"/Title": source.stem})
    if "/Lang" in reader.trailer["/Root"]:
        writer._root_object[NameObject("/Lang")] = reader.trailer["/Root"]["/Lang"]
    # sheets turn over on their short edge: a printer left at its long-edge default prints every back upside down
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/Duplex"): NameObject("/DuplexFlipShortEdge")})
    from .printmarks import _write_atomically
    _write_atomically(writer, target)
    return Imposition(len(writer.pages), (sheet_w, sheet_h), scale)


def booklet_path(pdf: Path) -> Path:
    return pdf.with_name(f"{pdf.stem}-booklet{pdf.suffix}")


def paper_name(sheet: tuple[float, float]) -> str:
    """A landscape sheet's paper name ("A4"), or its size in mm."""
    for name, (w, h) in SHEET_PAPERS.items():
        if abs(sheet[0] - h) < 2 and abs(sheet[1] - w) < 2:
            return name
    return f"{sheet[0] / 72 * 25.4:.0f}×{sheet[1] / 72 * 25.4:.0f} mm"
