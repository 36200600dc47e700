"""The `handbook` command line: a thin click layer over the library."""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from ..errors import HandbookError


class _Group(click.Group):
    """Shows user errors as one-line messages; --debug shows the traceback instead."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HandbookError:
            if ctx.obj and ctx.obj.get("debug"):  # the traceback first, then the one-line messages
                import traceback
                click.echo(traceback.format_exc().rstrip(), err=True)
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:  # an internal failure: still one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            detail = " ".join(str(exc).split())  # one line, whatever the exception says
            click.echo(f"handbook: internal error: {type(exc).__name__}: {detail} (run with --debug for details)",
                       err=True)
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Project folder holding sources/ and styles/.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.version_option(package_name="handbook")
@click.pass_context
def cli(ctx, root: Path, debug: bool):
    """Build print-ready PDF study guides from YAML sources.

    Editions live in sources/<edition>/handbook.yaml, styles in styles/<name>.yaml,
    and built PDFs go to dist/.
    """
    ctx.obj = {"root": root, "debug": debug}


@cli.command()
@click.argument("edition", required=False)
@click.option("-s", "--style", help="Style to use (overrides the edition's own).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (default: dist/<edition>[-<style>].pdf).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--report-json", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the layout report as JSON to this file ('-' for standard output).")
@click.option("--grayscale", is_flag=True, default=None, help="Force every colour and image to gray.")
@click.option("--all", "all_editions", is_flag=True,
              help="Build every edition in each of its styles, in parallel processes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="With --all: how many builds run at once.")
@click.option("--duplex", is_flag=True, default=None,
              help="Start every part on a right-hand page (blank pages added) and ask printers for duplex.")
@click.option("--booklet", is_flag=True,
              help="Also write <name>-booklet.pdf: pages two-up on landscape sheets, in folding order.")
@click.option("--bleed", metavar="LENGTH", default=None,
              help="Add bleed and trim boxes for a print shop, e.g. --bleed 3mm.")
@click.option("--crop-marks", is_flag=True, help="Draw crop marks outside the trim area (with --bleed, beyond it).")
@click.pass_context
def build(ctx, edition, style, output, strict, report_json, grayscale, all_editions, jobs, duplex, booklet, bleed,
          crop_marks):
    """Build EDITION (default: the project's default edition) into a PDF.

    Prints the PDF's path, page count and build time, then the layout report:
    how many notes start on their anchor's page, which moved, and any warnings.

    With --all, builds every edition under sources/ in each style it lists
    (to dist/<edition>.pdf for its first style, dist/<edition>-<style>.pdf for
    the others; --style builds them all in that one style instead), prints a
    line as each finishes and a summary, and exits with status 1 if any failed.
    """
    if all_editions:
        if duplex or booklet or bleed or crop_marks:
            raise click.UsageError("print options (--duplex, --booklet, --bleed, --crop-marks) build one edition")
        _build_all(ctx, edition, style, output, strict, report_json, grayscale, jobs)
        return
    from .. import build as build_edition
    to_stdout = report_json is not None and str(report_json) == "-"
    result = build_edition(edition, style=style, output=output, root=ctx.obj["root"], strict=strict,
                           grayscale=grayscale, duplex=duplex, booklet=booklet, bleed=_length_option(bleed),
                           crop_marks=crop_marks, report_json=None if to_stdout else report_json)
    report = result.report()
    if to_stdout:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{result.path}  {result.pages} pages  {result.seconds:.2f} s")
    for extra in result.extra_outputs:
        click.echo(f"{extra}")
    click.echo(f"  notes: {report['notes']}, {report['notes_on_anchor_page']} "
               f"({report['notes_on_anchor_page_percent']}%) start on their anchor's page")
    for moved in report["notes_moved"]:
        click.echo(f"  note {moved['note']}: anchor on p. {moved['anchor_page']}, "
                   f"callout starts on p. {moved['callout_page']} (+{moved['pages_later']})")
    for warning in result.warnings:
        click.echo(f"{warning}", err=True)


def _length_option(value: str | None) -> float:
    """A length such as 3mm, 0.125in or 9pt, in points."""
    if value is None:
        return 0.0
    from ..style.values import _length
    points = _length(value)
    if points is None or points < 0 or points > 72:
        raise click.BadParameter(f"{value!r} is not a length such as 3mm, 0.125in or 9pt (at most 1 inch)",
                                 param_hint="--bleed")
    return points


def _build_all(ctx, edition, style, output, strict, report_json, grayscale, jobs):
    from .batch import build_all
    if edition or output:
        raise click.UsageError("--all builds every edition: give no EDITION and no --output")
    as_json = report_json is not None and str(report_json) == "-"

    def progress(outcome):
        if not as_json:
            click.echo(outcome.line())

    result = build_all(ctx.obj["root"], jobs=jobs, style=style, strict=strict, grayscale=grayscale,
                       on_done=progress)
    reports = [dict(o.report, ok=o.ok, edition=o.job.edition, style=o.job.style or o.report.get("style"),
                    **({} if o.ok else {"error": o.message})) for o in result.outcomes]
    if as_json:
        click.echo(json.dumps(reports, indent=2))
    else:
        click.echo(result.summary())
        if report_json:
            report_json.write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    if result.failed:
        ctx.exit(1)


@cli.command()
@click.pass_context
def styles(ctx):
    """List the styles in styles/: paper, colour or grayscale, what each extends.

    An edition names its style in handbook.yaml (style: NAME, or styles: [A, B]);
    `handbook build --style NAME` overrides it for one build.
    """
    from ..sources.project import Project
    from ..style.theme import load_theme
    project = Project(ctx.obj["root"])
    names = project.style_names()
    if not names:
        raise click.ClickException(f"{project.styles}/: no styles found (each is a NAME.yaml file)")
    broken = 0
    for name in names:
        try:
            theme = load_theme(name, project.styles)
        except click.ClickException as exc:
            broken += 1
            click.echo(f"{name:<12} BROKEN: {exc.format_message().splitlines()[0]}")
            continue
        w, h = theme.page_size
        paper = _paper_name(w, h)
        extends = f"extends {' > '.join(theme.extends)}" if theme.extends else ""
        ink = "grayscale" if theme.grayscale else "colour"
        click.echo(f"{name:<12} {paper:<22} {ink:<9} {extends:<16} {theme.description}".rstrip())
    if broken:
        ctx.exit(2)


def _paper_name(width: float, height: float) -> str:
    from ..style.values import PAPERS
    for label, (pw, ph) in (("A4", PAPERS["a4"]), ("Letter", PAPERS["letter"]), ("A5", PAPERS["a5"]),
                            ("Legal", PAPERS["legal"])):
        if {round(width), round(height)} == {round(pw), round(ph)}:
            return f"{label}{' landscape' if width > height else ''}"
    return f"{width / 72 * 25.4:.0f}×{height / 72 * 25.4:.0f} mm"


@cli.command()
@click.argument("name")
@click.option("--conference", help="Conference name (default: made from NAME).")
@click.option("--committee", help="Committee name (default: General Assembly).")
@click.option("--organizer", help="Organizer's name, printed on the cover.")
@click.option("-s", "--style", default="wimun", show_default=True, help="Style the edition uses.")
@click.pass_context
def new(ctx, name, conference, committee, organizer, style):
    """Start a new edition in sources/NAME/ that builds at once.

    Writes an edition file (handbook.yaml), a letter from the chairs in
    Markdown with a note in its margin (letter.md, letter-notes.yaml), an
    example document with two paragraphs and one note, and a cheat-sheet
    stub. Never overwrites an
    existing edition. Then: edit the files, `handbook check NAME`,
    `handbook build NAME`.
    """
    from .scaffold import new_edition
    folder = new_edition(ctx.obj["root"], name, conference=conference, committee=committee, style=style,
                         organizer=organizer)
    click.echo(f"created {folder}/: handbook.yaml, letter.md, letter-notes.yaml, report.yaml, notes.yaml, "
               "cheatsheet.yaml")
    click.echo(f"next: edit them, then run 'handbook check {name}' and 'handbook build {name}'")


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-e", "--edition", help="Name of the new edition (default: made from FILE's name).")
@click.option("-s", "--style", default="wimun", show_default=True, help="Style the edition uses.")
@click.option("--keep-authors", is_flag=True, help="Word comments: print each note's author under it.")
@click.pass_context
def import_(ctx, file, edition, style, keep_authors):
    """Import a guide (.txt or .md in the study guide's text shape, or .docx) as a new edition.

    Writes sources/EDITION/ (never over an existing one) that builds at once,
    then prints what it mapped and what needs a person's attention, each
    with FILE:line.
    """
    from .importing import run_import
    run_import(ctx.obj["root"], file, edition, style, keep_authors)


@cli.command()
@click.argument("edition", required=False)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def check(ctx, edition, strict):
    """Validate EDITION's sources and print a summary of what they hold.

    EDITION is a folder name under sources/ (default: the project's default
    edition). Every error is printed as path:line:col, all at once; the
    summary counts sections, paragraphs, notes and footnotes per document.
    """
    from ..sources.project import Project
    from ..sources.reader import read_edition
    project = Project(ctx.obj["root"])
    model, report = read_edition(project.edition_folder(edition), strict=strict)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    click.echo(f"{model.name}: {model.conference} · {model.committee}")
    for document in model.documents:
        kinds: dict = {}
        for note in document.notes:
            kinds[note.kind.id] = kinds.get(note.kind.id, 0) + 1
        click.echo(f"  {document.symbol or document.title}: {len(document.sections)} sections, "
                   f"{len(document.paragraphs)} paragraphs, {len(document.notes)} notes, "
                   f"{len(document.footnotes)} footnotes")
        if kinds:
            click.echo("    notes by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    for page in model.prose_pages:
        click.echo(f"  {page.name}: {page.title}, {len(page.paragraphs())} paragraphs and list items, "
                   f"{len(page.notes)} notes, {len(page.footnotes)} footnotes")
    click.echo("ok")


@cli.command()
@click.argument("edition", required=False)
@click.option("-s", "--style", help="Style to use (overrides the edition's own).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (default: dist/<edition>-cheatsheet.pdf).")
@click.pass_context
def cheatsheet(ctx, edition, style, output):
    """Write EDITION's one-page cheat sheet as a PDF of its own.

    EDITION defaults to the project's default edition. The sheet is set at
    the largest font size that fits one page (down to the style's
    cheatsheet.min_font_size); if it cannot fit, nothing is written and the
    error says by how much it is over.
    """
    from .. import build_cheatsheet
    path, size = build_cheatsheet(edition, style=style, output=output, root=ctx.obj["root"])
    click.echo(f"{path}  1 page  set in {size:g} pt")


def _terminate(signum, frame):
    raise KeyboardInterrupt  # unwinds like Ctrl-C: staged temporary files are removed, old outputs kept


def main():
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(prog_name="handbook", standalone_mode=True)
    except BrokenPipeError:
        # the reader of our output went away (e.g. `handbook build | head -1`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    sys.exit(main())
