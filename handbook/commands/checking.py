"""`handbook check`: everything `build` reads, validated without writing: the sources, each style the
edition uses with its fonts and logos, the text those styles cannot print, and the cheat sheet's fit."""
from __future__ import annotations

from ..errors import HandbookError, Report
from ..sources.project import Project
from ..sources.reader import read_edition


def check_edition(project: Project, edition: str | None, strict: bool = False, style: str | None = None):
    """Read and validate an edition and its styles; raise HandbookError (exit 2) for errors, BuildFailed
    (exit 1) for what would fail a build (a cheat sheet too long, warnings under `strict`). Returns the
    model, its styles' themes and the warnings. Under `strict` the handbook is laid out in memory in each
    style, since a layout warning (a note far from its anchor) fails a strict build."""
    from .. import judge_text, words_for
    from ..language.typography import typeset
    from ..layout.checks import fits_cheatsheet, layout_warnings
    from ..sources.transforms import cross_reference
    from ..style.load import load_style
    model, report = read_edition(project.edition_folder(edition), strict=strict)
    typeset(model)  # as build does: the glyphs checked are the ones the PDF prints
    cross_reference(model, report)
    themes = []
    for name in [style] if style else model.styles:
        try:
            theme = load_style(name, project.styles, report)
            theme.words = words_for(model, theme, report)  # a language's own fonts (Chinese), as build takes them
        except HandbookError as exc:  # every style's problems at once, as build would meet them
            report.diagnostics.extend(exc.diagnostics)
            continue
        judge_text(model, theme, report)
        themes.append(theme)
    final = Report(list(dict.fromkeys(report.diagnostics)))  # a problem of the sources once, not per style
    final.raise_if_errors(strict)
    for theme in themes:  # what only laying out shows; raised as the build would raise it
        fits_cheatsheet(model, theme)
        if strict:
            Report(layout_warnings(model, theme)).raise_if_errors(strict)
    return model, themes, final.warnings


def counted(count: int, noun: str, plural: str = "") -> str:
    """'1 note', '2 notes'."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def summary(model) -> list[str]:
    """What `check` says an edition holds: each document's and prose page's counts, notes by kind."""
    lines = [f"{model.name}: {model.conference} · {model.committee}"]
    for document in model.documents:
        kinds: dict = {}
        for note in document.notes:
            kinds[note.kind.id] = kinds.get(note.kind.id, 0) + 1
        lines.append(f"  {document.symbol or document.title}: {counted(len(document.sections), 'section')}, "
                     f"{counted(len(document.paragraphs), 'paragraph')}, {counted(len(document.notes), 'note')}, "
                     f"{counted(len(document.footnotes), 'footnote')}")
        if kinds:
            lines.append("    notes by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    for page in model.prose_pages:
        paragraphs = counted(len(page.paragraphs()), "paragraph and list item", "paragraphs and list items")
        lines.append(f"  {page.name}: {page.title}, {paragraphs}, {counted(len(page.notes), 'note')}, "
                     f"{counted(len(page.footnotes), 'footnote')}")
    return lines
