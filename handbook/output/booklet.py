"""Impose a finished handbook as a saddle-stitched booklet: two pages a side, sheets folded in half."""
from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4, A5, LETTER

HALF_LETTER = (LETTER[1] / 2, LETTER[0])  # 5.5 × 8.5 in
# page size -> the sheet it is printed on two-up (both portrait sizes; sheets are turned landscape)
SHEETS = {A5: A4, HALF_LETTER: LETTER}


def sheet_for(page_size: tuple[float, float]) -> tuple[float, float]:
    """The landscape sheet for a booklet of these pages: A5 on A4, half-Letter on Letter, else the same paper."""
    width, height = page_size
    for page, sheet in SHEETS.items():
        if abs(page[0] - width) < 2 and abs(page[1] - height) < 2:
            return sheet[1], sheet[0]
    return height, width  # A4 or Letter pages, scaled onto a landscape sheet of their own paper


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each sheet side, front then back, padding to a multiple of 4 with None."""
    total = -(-pages // 4) * 4
    index = lambda i: i if i < pages else None  # noqa: E731
    sides = []
    for sheet in range(total // 4):
        sides.append((index(total - 1 - 2 * sheet), index(2 * sheet)))        # front: last, first
        sides.append((index(2 * sheet + 1), index(total - 2 - 2 * sheet)))    # back: second, second to last
    return sides


def impose(source: Path, target: Path) -> int:
    """Write the booklet of `source` to `target`; returns the number of sheet sides."""
    reader = PdfReader(str(source))
    pages = reader.pages
    first = pages[0].mediabox
    size = (float(first.width), float(first.height))
    sheet_w, sheet_h = sheet_for(size)
    slot_w = sheet_w / 2
    scale = min(slot_w / size[0], sheet_h / size[1])
    writer = PdfWriter()
    for left, right in booklet_order(len(pages)):
        side = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        for slot, index in enumerate((left, right)):
            if index is None:
                continue  # a blank page that pads the booklet to whole sheets
            page = pages[index]
            box = page.mediabox
            w, h = float(box.width) * scale, float(box.height) * scale
            x = slot * slot_w + (slot_w - w) / 2
            y = (sheet_h - h) / 2
            side.merge_transformed_page(page, Transformation().translate(-float(box.left), -float(box.bottom))
                                        .scale(scale).translate(x, y))
        writer.add_page(side)
    writer.add_metadata({"/Title": f"{reader.metadata.title or source.stem} (booklet)" if reader.metadata else
                         f"{source.stem} (booklet)", "/Creator": "handbook"})
    from .printmarks import _write_atomically
    _write_atomically(writer, target)
    return len(writer.pages)


def booklet_path(pdf: Path) -> Path:
    return pdf.with_name(f"{pdf.stem}-booklet{pdf.suffix}")
