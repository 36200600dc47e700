"""`handbook import`: run an importer and print its report."""
from __future__ import annotations

from pathlib import Path

from .console import QUIET, Console


def run_import(out: Console, file: Path, edition: str | None, style: str, keep_authors: bool) -> None:
    """Under --quiet only what needs a person's attention is printed (on stderr, as warnings are)."""
    from ..importers import import_guide
    result = import_guide(out.root, file, edition=edition, style=style, keep_authors=keep_authors)
    guide = result.guide
    if out.level == QUIET:
        for where, message in result.report.attention:
            out.warn(f"{where}: check: {message}")
        return
    for line in result.report.lines():
        out.say(line)
    out.say(f"created {result.folder}/: {len(guide.sections)} sections, {len(guide.paragraphs)} paragraphs, "
            f"{len(guide.footnotes)} footnotes, {len(guide.notes)} notes"
            + (f", {len(guide.prose)} prose parts" if guide.prose else ""))
    name = result.folder.name
    out.say(f"next: read the lines marked 'check' above, then 'handbook build {name}'")
