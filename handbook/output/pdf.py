"""Write the PDF: fixed dates (reproducible bytes), metadata, and an atomic move into place."""
from __future__ import annotations

import calendar
import contextlib
import os
import time
from pathlib import Path

from ..errors import BuildFailed, Diagnostic, HandbookError, Position, parse_diagnostic
from ..layout import LayoutResult, render
from ..model import Edition
from ..style.theme import Theme
from . import pdfbytes  # noqa: F401  (ReportLab's PDF writer, quicker, the same bytes)


LAST_SECOND = 253402300799  # 9999-12-31 23:59:59, the last time a PDF date can hold


def source_date_problem() -> Diagnostic | None:
    """An error if SOURCE_DATE_EPOCH is set to something that is not a time a PDF can carry."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    given = (value or "").strip()  # set but empty counts as unset, as ReportLab reads it
    hint = "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it"
    if given and not (given.isascii() and given.isdigit()):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return Diagnostic("error", Position("SOURCE_DATE_EPOCH"),
                          f"environment variable must be whole seconds since 1970, not {shown!r}", hint)
    if given and int(given) > LAST_SECOND:
        return Diagnostic("error", Position("SOURCE_DATE_EPOCH"),
                          f"environment variable {given[:40]}{'…' if len(given) > 40 else ''} is after the year 9999",
                          hint)
    return None


@contextlib.contextmanager
def source_date(edition_date: str):
    """Pin ReportLab's timestamp: SOURCE_DATE_EPOCH if set, else the edition's date, else 2000-01-01.

    ReportLab reads SOURCE_DATE_EPOCH itself (and, in invariant mode, falls back to 2000-01-01);
    a malformed value is refused here, before ReportLab would fail on it mid-build.
    """
    problem = source_date_problem()
    if problem is not None:
        raise HandbookError(problem)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    given = (previous or "").strip()
    if not given and edition_date:
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(time.strptime(edition_date, "%Y-%m-%d")))
    try:
        yield
    finally:
        if not given:
            if previous is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


def write_pdf(edition: Edition, theme: Theme, path: Path, logo=None, doc_kwargs: dict | None = None,
              strict: bool = False, target: Path | None = None) -> LayoutResult:
    """Lay the edition out into `path` (a staged temporary file: output/staging.py moves it into place).

    Under `strict`, a warning stops the build before anything is moved, so the old PDF stays.
    """
    kwargs = dict(
        invariant=1, title=f"{edition.conference} · {edition.committee} · {edition.title}",
        author=edition.organizer.name, subject=edition.documents[0].title if edition.documents else edition.title,
        creator="handbook", producer="handbook (ReportLab)", lang=edition.language,
    )
    kwargs.update(doc_kwargs or {})
    try:
        with source_date(edition.date):
            result = render(edition, theme, str(path), logo=logo, doc_kwargs=kwargs)
    except OSError as exc:  # a full disk, a vanished folder: one line, not a traceback
        from .staging import cannot_write
        raise cannot_write(target or path, exc) from exc  # named as the user named it, not the staged file
    if strict and result.warnings:
        raise BuildFailed([_as_error(w) for w in result.warnings])
    return result


def _as_error(warning) -> Diagnostic:
    if isinstance(warning, Diagnostic):
        return Diagnostic("error", warning.position, warning.message, warning.hint)
    diagnostic = parse_diagnostic(str(warning))
    return Diagnostic("error", diagnostic.position, diagnostic.message, diagnostic.hint)
