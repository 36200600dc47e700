"""handbook: build print-ready PDF study guides from YAML sources. `build()` reads top to bottom as the pipeline."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HandbookError, Report
from .errors import relative as relative_path
from .sources.project import Project
from .sources.reader import read_edition

__all__ = ["build", "BuildResult", "HandbookError"]


def words_for(model, theme, report: Report):
    """The labels a build prints: the edition language's catalogue, then the style's labels, then the edition's.

    A language whose script the style's fonts lack (Chinese) gets its bundled family here too.
    """
    from .language.catalogue import Words
    from .style.language_fonts import use_language_fonts
    use_language_fonts(theme, model.language, report)
    words = Words(model.language, theme.labels.get(model.language), model.labels)
    theme.watermark = words.fill(theme.watermark)  # "{draft}" is the language's word for a draft
    return words
__version__ = "0.1.0"


@dataclass
class BuildResult:
    path: Path
    edition: str
    style: str
    pages: int
    seconds: float
    notes_total: int
    note_pages: dict  # note number -> (anchor page, callout page)
    warnings: list = field(default_factory=list)
    layout: object = None
    extra_outputs: list = field(default_factory=list)  # e.g. the booklet beside the handbook
    instructions: list = field(default_factory=list)  # how to print what was built (e.g. the booklet)

    @property
    def notes_same_page(self) -> int:
        return sum(1 for anchor, page in self.note_pages.values() if anchor == page)

    @property
    def notes_moved(self) -> list[tuple[int, int, int]]:
        return sorted((n, a, p) for n, (a, p) in self.note_pages.items() if a != p)

    def report(self) -> dict:
        total = self.notes_total or 1
        return {
            "pdf": str(self.path), "edition": self.edition, "style": self.style, "pages": self.pages,
            "seconds": round(self.seconds, 3), "notes": self.notes_total,
            "notes_on_anchor_page": self.notes_same_page,
            "notes_on_anchor_page_percent": round(100 * self.notes_same_page / total, 1),
            "notes_moved": [{"note": n, "anchor_page": a, "callout_page": p, "pages_later": p - a}
                            for n, a, p in self.notes_moved],
            "placement": dict(getattr(self.layout, "figures", None) or {}),
            "warnings": [str(w) for w in self.warnings],
            "cheatsheet": ({"font_size": self.layout.cheatsheet_size, "pages": self.layout.cheatsheet_pages}
                           if getattr(self.layout, "cheatsheet_size", None) else None),
            "print_instructions": list(self.instructions),
        }


def build(edition: str | None = None, style: str | None = None, output: Path | None = None,
          root: Path | str = ".", strict: bool = False, grayscale: bool | None = None,
          duplex: bool | None = None, booklet: bool = False, bleed: float = 0.0,
          crop_marks: bool = False, report_json: Path | None = None, booklet_sheet: str | None = None) -> BuildResult:
    """Read an edition, lay it out with a style, and write the PDF atomically; returns what was built.

    Print options: `duplex` starts every part on a right-hand page; `booklet` also writes
    <name>-booklet.pdf, imposed for saddle stitching (on `booklet_sheet` paper, e.g. "A3", if given); `bleed` (points) and `crop_marks` add a
    print shop's boxes and marks to the handbook PDF. `report_json` also writes the layout report.
    Every output is made in full before any is moved into place: a failure leaves the old files.
    """
    started = time.perf_counter()
    # the layout side (ReportLab, Pillow) loads only when something is built: `--help` stays quick
    from .output.pdf import write_pdf
    from .output.staging import Staging, cannot_write
    project = Project(Path(root))
    model, theme, report = _prepare(project, edition, style, strict, grayscale, duplex)
    theme.bleed = bleed  # what touches the trim edge (the cover band) is drawn into the bleed
    if output is None:  # every variant in the name: building one never replaces another
        output = default_output(project, model.name, theme.name, model.styles, grayscale=grayscale, duplex=duplex,
                                bleed=bleed, crop_marks=crop_marks)
    output = Path(output)
    if booklet and strict:  # a booklet that would shrink is refused before anything is written
        _check_booklet_scale(theme, booklet_sheet, output)
    with Staging(protected=project.source_files()) as staging:
        pdf = staging.reserve(output)
        extras = []
        if booklet:
            from .output.booklet import booklet_path
            extras.append(booklet_path(output))
        staged_extras = [staging.reserve(path, "the booklet") for path in extras]
        json_tmp = staging.reserve(Path(report_json), "the JSON report") if report_json else None
        # the canvas starts in the body font, so no unembedded standard font (Helvetica) enters the PDF
        layout = write_pdf(model, theme, pdf, logo=theme.logos.cover,
                           doc_kwargs={"initialFontName": theme.fonts["body"].regular}, strict=strict, target=output)
        imposition = _print_variants(pdf, staged_extras, booklet, bleed, crop_marks, output, booklet_sheet)
        instructions = []
        if imposition is not None:
            from .output.advice import booklet_advice
            advice, warning = booklet_advice(imposition, theme, layout.cheatsheet_size, extras[0])
            instructions.append(advice)
            layout.warnings.extend([warning] if warning is not None else [])
        result = BuildResult(path=output, edition=model.name, style=theme.name, pages=layout.pages,
                             seconds=time.perf_counter() - started, notes_total=layout.notes_total,
                             note_pages=layout.note_pages, warnings=report.warnings + layout.warnings,
                             layout=layout, extra_outputs=extras, instructions=instructions)
        if json_tmp is not None:
            try:
                json_tmp.write_text(json.dumps(result.report(), indent=2) + "\n", encoding="utf-8")
            except OSError as exc:
                raise cannot_write(Path(report_json), exc, "the JSON report") from exc
        staging.commit()
    return result


def _print_variants(pdf: Path, staged_extras: list, booklet: bool, bleed: float, crop_marks: bool,
                    output: Path, booklet_sheet: str | None = None):
    """The booklet and the print shop's marks, made on the staged files before anything is moved;
    returns the booklet's Imposition (or None)."""
    from .output.staging import cannot_write
    imposition = None
    try:
        if booklet:  # imposed from the trimmed pages, before any print-shop marks are added
            from .output.booklet import impose
            imposition = impose(pdf, staged_extras[0], booklet_sheet)
        if bleed or crop_marks:
            from .output.printmarks import add_print_marks
            add_print_marks(pdf, bleed, crop_marks)
    except OSError as exc:  # a full disk mid-way: one line, and the old files stay
        raise cannot_write(output, exc) from exc
    return imposition


def _check_booklet_scale(theme, sheet: str | None, output: Path) -> None:
    """Under --strict, a booklet whose pages would shrink below 90 % is a failed build (its warning as an error)."""
    from .errors import BuildFailed, Diagnostic
    from .output.advice import booklet_advice
    from .output.booklet import Imposition, booklet_path, booklet_scale, sheet_for
    paper = sheet_for(theme.page_size, sheet)
    _, warning = booklet_advice(Imposition(0, paper, booklet_scale(theme.page_size, paper)), theme, None,
                                booklet_path(output))
    if warning is not None:
        raise BuildFailed(Diagnostic("error", warning.position, warning.message, warning.hint))


def default_output(project: Project, edition: str, style: str | None, styles: list[str] | None,
                   grayscale: bool | None = False, duplex: bool | None = False, bleed: float = 0.0,
                   crop_marks: bool = False) -> Path:
    """dist/<edition>.pdf in the edition's first style, dist/<edition>-<style>.pdf in any other, then
    -gray, -duplex, -bleed, -cropmarks for the print options given (output/names.py)."""
    from .output.names import pdf_name
    first = styles[0] if styles else None
    return project.dist / pdf_name(edition, style or first, first, gray=bool(grayscale), duplex=bool(duplex),
                                   bleed=bool(bleed), crop_marks=crop_marks)


def _prepare(project: Project, edition: str | None, style: str | None, strict: bool,
             grayscale: bool | None, duplex: bool | None):
    """The edition's model, cross-referenced, and its theme with logos loaded; every problem raised together."""
    from .language.typography import typeset
    from .sources.transforms import cross_reference
    from .style.load import load_style
    folder = project.edition_folder(edition)
    model, report = read_edition(folder, strict=strict)
    typeset(model)  # the language's quotation marks and spaces, before references are linked
    cross_reference(model, report)
    theme = load_style(style or model.styles[0], project.styles, report, grayscale=grayscale, duplex=duplex)
    theme.words = words_for(model, theme, report)  # may give a role a font for the language (Chinese)
    judge_text(model, theme, report)
    report.raise_if_errors(strict)
    return model, theme, report


def judge_text(model, theme, report: Report) -> None:
    """What `theme` cannot print as written (missing glyphs, right-to-left scripts, invisible characters)
    and a SOURCE_DATE_EPOCH no PDF can carry go in `report`: build and check judge them alike."""
    from .output.pdf import source_date_problem
    from .style.support import unsupported_text
    report.diagnostics.extend(unsupported_text(model, theme))
    problem = source_date_problem()
    if problem is not None:
        report.diagnostics.append(problem)


def build_cheatsheet(edition: str | None = None, style: str | None = None, output: Path | None = None,
                     root: Path | str = ".") -> tuple[Path, float, int]:
    """Write an edition's cheat sheet alone as a PDF; returns its path, font size and pages (2: a card)."""
    from .layout.cheatsheet import write_cheatsheet
    from .output.names import pdf_name
    from .style.theme import load_theme
    project = Project(Path(root))
    model, _ = read_edition(project.edition_folder(edition))
    from .language.typography import typeset
    typeset(model)  # the same quotation marks and spaces as in the handbook
    sheet = model.cheatsheet
    if sheet is None:
        raise HandbookError(f"{relative_path(model.folder / 'handbook.yaml')}: error: edition {model.name!r} has "
                            "no cheat sheet part (add '- cheatsheet: cheatsheet.yaml' to its parts)")
    style_name = style or model.styles[0]
    theme = load_theme(style_name, project.styles)
    theme.words = words_for(model, theme, Report())
    if output is None:  # one file per style
        output = project.dist / pdf_name(model.name, style_name, model.styles[0], part="cheatsheet")
    output = Path(output)
    from .output.pdf import source_date
    from .output.staging import Staging, cannot_write
    with Staging(protected=project.source_files()) as staging:
        tmp = staging.reserve(output, "the cheat sheet")
        try:
            with source_date(model.date):  # the same fixed dates as the handbook: reproducible bytes
                size, pages = write_cheatsheet(model, sheet, theme, str(tmp))
        except OSError as exc:  # a full disk: one line, and the old sheet stays
            raise cannot_write(output, exc, "the cheat sheet") from exc
        staging.commit()
    return output, size, pages
