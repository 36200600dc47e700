"""The `handbook` command line: a thin click layer over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import HandbookError


class _Group(click.Group):
    """Shows user errors as one-line messages; --debug shows the traceback instead."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HandbookError:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # an internal failure: still one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"handbook: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
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
@click.pass_context
def build(ctx, edition, style, output, strict, report_json, grayscale):
    """Build EDITION (default: the project's default edition) into a PDF.

    Prints the PDF's path, page count and build time, then the layout report:
    how many notes start on their anchor's page, which moved, and any warnings.
    """
    from . import build as build_edition
    result = build_edition(edition, style=style, output=output, root=ctx.obj["root"], strict=strict,
                           grayscale=grayscale)
    report = result.report()
    if report_json and str(report_json) == "-":
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{result.path}  {result.pages} pages  {result.seconds:.2f} s")
    click.echo(f"  notes: {report['notes']}, {report['notes_on_anchor_page']} "
               f"({report['notes_on_anchor_page_percent']}%) start on their anchor's page")
    for moved in report["notes_moved"]:
        click.echo(f"  note {moved['note']}: anchor on p. {moved['anchor_page']}, "
                   f"callout starts on p. {moved['callout_page']} (+{moved['pages_later']})")
    for warning in result.warnings:
        click.echo(f"{warning}", err=True)
    if report_json:
        report_json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


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
    from .project import Project
    from .reader import read_edition
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
    click.echo("ok")


def main():
    try:
        cli.main(prog_name="handbook", standalone_mode=True)
    except SystemExit:
        raise


if __name__ == "__main__":
    sys.exit(main())
