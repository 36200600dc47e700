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


@contextlib.contextmanager
def source_date(edition_date: str):
    """Pin ReportLab's timestamp: SOURCE_DATE_EPOCH if set, else the edition's date, else 2000-01-01.

    ReportLab reads SOURCE_DATE_EPOCH itself (and, in invariant mode, falls back to 2000-01-01);
    a malformed value is refused here, before ReportLab would fail on it mid-build.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    given = (previous or "").strip()  # set but empty counts as unset, as ReportLab reads it
    if given and not given.isdigit():
        raise HandbookError(Diagnostic("error", Position("SOURCE_DATE_EPOCH"),
                                       f"environment variable must be whole seconds since 1970, not {previous!r}",
                                       "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it"))
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
              strict: bool = False) -> LayoutResult:
    """Lay the edition out into `path` (a staged temporary file: output/staging.py moves it into place).

    Under `strict`, a warning stops the build before anything is moved, so the old PDF stays.
    """
    kwargs = dict(
        invariant=1, title=f"{edition.conference} · {edition.committee} · {edition.title}",
        author=edition.organizer.name, subject=edition.documents[0].title if edition.documents else edition.title,
        creator="handbook", producer="handbook (ReportLab)", lang="en",
    )
    kwargs.update(doc_kwargs or {})
    glyphs = missing_glyph_warnings(edition, theme)
    if strict and glyphs:  # warnings under --strict: a failed build, exit status 1
        raise BuildFailed([_as_error(w) for w in glyphs])
    try:
        with source_date(edition.date):
            result = render(edition, theme, str(path), logo=logo, doc_kwargs=kwargs)
    except OSError as exc:  # a full disk, a vanished folder: one line, not a traceback
        from .staging import cannot_write
        raise cannot_write(path, exc) from exc
    result.warnings[:0] = glyphs
    if strict and result.warnings:
        raise BuildFailed([_as_error(w) for w in result.warnings])
    return result


_INVISIBLE = {0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}  # soft hyphen, zero-width characters


def _texts(edition: Edition):
    """(font role, position, text) for every text the sources give, with where it came from."""
    yield "headings", edition.position, " ".join((edition.conference, edition.committee, edition.title,
                                                  edition.organizer.name, *edition.organizer.address))
    for document in edition.documents:
        yield "headings", document.position, " ".join((document.title, document.subtitle, document.symbol))
        for section in document.sections:
            yield "headings", section.position, section.title
            for paragraph in section.paragraphs:
                for block in paragraph.blocks:
                    yield "body", block.position if block.position.line else paragraph.position, block.plain
                for item in paragraph.items:
                    yield "body", item.position, item.text.plain
        for footnote in document.footnotes:
            yield "body", footnote.position, footnote.text.plain
        for note in document.notes:
            yield "callouts", note.position, note.plain + " " + note.tag
    sheet = edition.cheatsheet
    if sheet is not None:
        def flat(items):
            for item in items:
                yield item.title + " " + item.text.plain
                yield from flat(item.items)
        yield "headings", sheet.position, sheet.title + " " + sheet.subtitle
        for block in sheet.blocks:
            yield "body", block.position, " ".join((block.title, block.source, *flat(block.items)))


def missing_glyph_warnings(edition: Edition, theme: Theme) -> list[Diagnostic]:
    """A warning for each text holding characters its font cannot draw (they would print as blanks)."""
    from reportlab.pdfbase import pdfmetrics
    warnings = []
    for role, position, text in _texts(edition):
        family = theme.fonts.get(role)
        try:
            font = pdfmetrics.getFont(family.regular)
        except (KeyError, AttributeError):
            continue
        cmap = getattr(getattr(font, "face", None), "charToGlyph", None)
        if cmap is None:  # a standard PDF font: it draws Latin-1 only
            missing = [ch for ch in dict.fromkeys(text) if ord(ch) > 255]
        else:
            missing = [ch for ch in dict.fromkeys(text)
                       if ord(ch) not in cmap and not ch.isspace() and ord(ch) not in _INVISIBLE]
        if missing:
            shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:5]) + (" ..." if len(missing) > 5 else "")
            warnings.append(Diagnostic("warning", position,
                                       f"the {role} font {font.fontName.removeprefix('hb-')} has no glyph for {shown}",
                                       "it would print as a blank; choose a style font that has it, "
                                       "or leave the character out"))
    return warnings


def _as_error(warning) -> Diagnostic:
    if isinstance(warning, Diagnostic):
        return Diagnostic("error", warning.position, warning.message, warning.hint)
    diagnostic = parse_diagnostic(str(warning))
    return Diagnostic("error", diagnostic.position, diagnostic.message, diagnostic.hint)
