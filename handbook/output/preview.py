"""PNG previews of a built PDF's pages (pypdfium2), and a folder of them kept current as the PDF changes."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..errors import Diagnostic, HandbookError, Position

DEFAULT_DPI = 100
MAX_DPI = 600  # a Letter page at 600 dpi is 5100×6600 px already
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_pages(spec: str, count: int) -> list[int]:
    """Page numbers (1-based) from "3", "2-5", "1,4-6" or "all"; a page past the end is an error."""
    if spec.strip().lower() == "all":
        return list(range(1, count + 1))
    pages: list[int] = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if not match:
            raise HandbookError(Diagnostic("error", Position("--page"), f"{spec!r} is not a page list",
                                           "give a page (3), a range (2-5), several (1,4-6) or all"))
        first, last = int(match[1]), int(match[2] or match[1])
        if first < 1 or last < first or last > count:
            raise HandbookError(Diagnostic("error", Position("--page"),
                                           f"page {part.strip()} is not in the PDF (it has {count} pages)"))
        pages.extend(p for p in range(first, last + 1) if p not in pages)
    return pages


def page_png(folder: Path, stem: str, page: int) -> Path:
    """Where page `page` of the PDF named `stem` is previewed in `folder` (names sort in page order)."""
    return folder / f"{stem}-p{page:03d}.png"


def render_pages(pdf: Path, pages: list[int], targets: list[Path], dpi: float = DEFAULT_DPI) -> list[Path]:
    """Render each of `pages` to its target PNG at `dpi`, each file written whole (temporary file, rename)."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for page_number, target in zip(pages, targets):
            page = document[page_number - 1]
            try:
                image = page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(f".{target.name}.part")
            image.save(part, format="PNG")
            os.replace(part, target)
    finally:
        document.close()
    return targets


def page_count(pdf: Path) -> int:
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def page_digests(pdf: Path) -> list[str]:
    """For each page, a digest of what it draws: its content streams and the forms and images it uses.

    Two builds whose page draws the same bytes give the same digest, so only changed pages are redrawn.
    (A font subset that gains a glyph elsewhere can change a page's bytes without changing its look:
    that page is redrawn too, which costs time, never correctness.)
    """
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    digests = []
    for page in reader.pages:
        h = hashlib.sha256()
        contents = page.get_contents()
        if contents is not None:
            h.update(contents.get_data())
        _digest_xobjects(page.get("/Resources"), h, set())
        box = page.mediabox
        h.update(repr((float(box.width), float(box.height))).encode())
        digests.append(h.hexdigest())
    return digests


def _digest_xobjects(resources, h, seen: set) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return
    for name, ref in sorted(xobjects.get_object().items()):
        key = getattr(ref, "idnum", None)
        if key in seen:
            continue
        seen.add(key)
        stream = ref.get_object()
        h.update(name.encode())
        h.update(stream.get_data() if hasattr(stream, "get_data") else repr(stream).encode())
        _digest_xobjects(stream.get("/Resources"), h, seen)


class PngFolder:
    """A folder of PNG previews of one PDF, redrawn only for pages whose drawing changed."""

    def __init__(self, folder: Path, dpi: float = DEFAULT_DPI):
        self.folder = Path(folder)
        self.dpi = dpi
        self.digests: list[str] = []

    def refresh(self, pdf: Path) -> list[int]:
        """Bring the folder up to date with `pdf`; returns the pages redrawn (pages gone are removed)."""
        digests = page_digests(pdf)
        stem = Path(pdf).stem
        changed = [n for n, digest in enumerate(digests, 1)
                   if n > len(self.digests) or self.digests[n - 1] != digest
                   or not page_png(self.folder, stem, n).exists()]
        if changed:
            render_pages(pdf, changed, [page_png(self.folder, stem, n) for n in changed], self.dpi)
        for n in range(len(digests) + 1, len(self.digests) + 1):
            page_png(self.folder, stem, n).unlink(missing_ok=True)
        self.digests = digests
        return changed
