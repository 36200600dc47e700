"""`handbook import`: run an importer and print its report."""
from __future__ import annotations

from pathlib import Path

import click


def run_import(root: Path, file: Path, edition: str | None, style: str, keep_authors: bool) -> None:
    from ..importers import import_guide
    result = import_guide(root, file, edition=edition, style=style, keep_authors=keep_authors)
    guide = result.guide
    for line in result.report.lines():
        click.echo(line)
    click.echo(f"created {result.folder}/: {len(guide.sections)} sections, {len(guide.paragraphs)} paragraphs, "
               f"{len(guide.footnotes)} footnotes, {len(guide.notes)} notes"
               + (f", {len(guide.prose)} prose parts" if guide.prose else ""))
    name = result.folder.name
    click.echo(f"next: read the lines marked 'check' above, then 'handbook build {name}'")
