"""Print-shop output: bleed and trim boxes, and crop marks drawn outside the trim area."""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

MARK_OFFSET = 3 * mm  # gap between the trim corner (or the bleed) and a crop mark
MARK_LENGTH = 6 * mm


def add_print_marks(pdf: Path, bleed: float, crop_marks: bool) -> None:
    """Rewrite `pdf` in place: media box grown by bleed (+ room for marks), TrimBox = the page, BleedBox."""
    reader = PdfReader(str(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        box = page.mediabox
        x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        room = bleed + ((MARK_OFFSET + MARK_LENGTH) if crop_marks else 0)
        if crop_marks:
            overlay = _marks_page(x1 - x0, y1 - y0, bleed, room)
            page.merge_transformed_page(overlay, Transformation().translate(x0 - room, y0 - room))
        page.mediabox = RectangleObject((x0 - room, y0 - room, x1 + room, y1 + room))
        page.cropbox = RectangleObject((x0 - room, y0 - room, x1 + room, y1 + room))
        page.bleedbox = RectangleObject((x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed))
        page.trimbox = RectangleObject((x0, y0, x1, y1))
    _write_atomically(writer, pdf)


def _write_atomically(writer: PdfWriter, target: Path) -> None:
    """Write beside the target under a unique name, then rename over it: a failure never leaves half a
    PDF, and two processes writing the same target never share the temporary file."""
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f"{target.suffix}.part", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            writer.write(out)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _marks_page(width: float, height: float, bleed: float, room: float):
    """A page of (width + 2·room) × (height + 2·room) holding the eight corner marks, registration black."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 2 * room, height + 2 * room), invariant=1)
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorCMYK(0, 0, 0, 1)  # black only, so grayscale jobs stay gray
    canvas.translate(room, room)
    start = bleed + MARK_OFFSET
    for x, y, dx, dy in ((0, 0, -1, -1), (width, 0, 1, -1), (0, height, -1, 1), (width, height, 1, 1)):
        canvas.line(x + dx * start, y, x + dx * (start + MARK_LENGTH), y)  # horizontal mark, on the trim line
        canvas.line(x, y + dy * start, x, y + dy * (start + MARK_LENGTH))  # vertical mark
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
