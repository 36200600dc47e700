"""Write the PDF: fixed dates (reproducible bytes), metadata, and an atomic move into place."""
from __future__ import annotations

import calendar
import contextlib
import os
import tempfile
import time
from pathlib import Path

from .layout import LayoutResult, render
from .model import Edition
from .theme import Theme


@contextlib.contextmanager
def source_date(edition_date: str):
    """Pin ReportLab's timestamp: SOURCE_DATE_EPOCH if set, else the edition's date, else 2000-01-01."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None and edition_date:
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(time.strptime(edition_date, "%Y-%m-%d")))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def write_pdf(edition: Edition, theme: Theme, out_path: Path, logo=None, doc_kwargs: dict | None = None
              ) -> LayoutResult:
    """Lay out into a temporary file beside `out_path`, then rename it over the old PDF only on success."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{out_path.stem}-", suffix=".pdf.part", dir=out_path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    kwargs = dict(
        invariant=1, title=f"{edition.conference} · {edition.committee} · {edition.title}",
        author=edition.organizer.name, subject=edition.documents[0].title if edition.documents else edition.title,
        creator="handbook", producer="handbook (ReportLab)", lang="en",
    )
    kwargs.update(doc_kwargs or {})
    try:
        with source_date(edition.date):
            result = render(edition, theme, str(tmp), logo=logo, doc_kwargs=kwargs)
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return result
