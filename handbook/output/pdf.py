"""Write the PDF: fixed dates (reproducible bytes), metadata, and an atomic move into place."""
from __future__ import annotations

import calendar
import contextlib
import os
import tempfile
import time
from pathlib import Path

from ..errors import Diagnostic, HandbookError, Position, parse_diagnostic, relative
from ..layout import LayoutResult, render
from ..model import Edition
from ..style.theme import Theme


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


def _cannot_write(out_path: Path, exc: OSError) -> HandbookError:
    reason = exc.strerror or str(exc)
    hint = "is the PDF open in another program, or the folder read-only?" if isinstance(exc, PermissionError) else ""
    return HandbookError(Diagnostic("error", Position(relative(out_path)), f"cannot write the PDF: {reason}", hint))


def _file_mode() -> int:
    """The mode a newly created file gets under the current umask (mkstemp's own 0600 is too private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_pdf(edition: Edition, theme: Theme, out_path: Path, logo=None, doc_kwargs: dict | None = None,
              strict: bool = False) -> LayoutResult:
    """Lay out into a temporary file beside `out_path`, then rename it over the old PDF only on success.

    Whatever goes wrong before the rename (a layout failure, an interrupt, a --strict warning),
    the PDF already at `out_path` is left exactly as it was and no temporary file remains.
    """
    if out_path.is_dir():
        raise HandbookError(Diagnostic("error", Position(relative(out_path)), "output path is a folder",
                                       "give a file name ending in .pdf"))
    blocked = next((p for p in reversed(out_path.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise HandbookError(Diagnostic("error", Position(relative(out_path)),
                                       f"cannot write the PDF: {relative(blocked)!r} is a file, not a folder"))
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(prefix=f".{out_path.stem}-", suffix=".pdf.part", dir=out_path.parent)
    except OSError as exc:
        raise _cannot_write(out_path, exc) from exc
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
        if strict and result.warnings:
            raise HandbookError([_as_error(w) for w in result.warnings])
        try:
            os.chmod(tmp, _file_mode())
            os.replace(tmp, out_path)
        except OSError as exc:
            raise _cannot_write(out_path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return result


def _as_error(warning) -> Diagnostic:
    if isinstance(warning, Diagnostic):
        return Diagnostic("error", warning.position, warning.message, warning.hint)
    diagnostic = parse_diagnostic(str(warning))
    return Diagnostic("error", diagnostic.position, diagnostic.message, diagnostic.hint)
