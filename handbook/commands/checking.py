"""`handbook check`: everything `build` reads, validated without laying out: the sources, and each style
the edition uses with its fonts and logos (and the glyphs the text needs from those fonts)."""
from __future__ import annotations

from ..errors import HandbookError, Report
from ..sources.project import Project
from ..sources.reader import read_edition


def check_edition(project: Project, edition: str | None, strict: bool = False, style: str | None = None):
    """Read and validate an edition and its styles; raise HandbookError (exit 2) for errors, BuildFailed
    (exit 1) for warnings under `strict`. Returns the model, its styles' themes and the warnings."""
    from ..output.pdf import missing_glyph_warnings
    from ..sources.transforms import cross_reference
    from ..style.load import load_style
    model, report = read_edition(project.edition_folder(edition), strict=strict)
    cross_reference(model)
    themes = []
    for name in [style] if style else model.styles:
        try:
            theme = load_style(name, project.styles, report)
        except HandbookError as exc:  # every style's problems at once, as build would meet them
            report.diagnostics.extend(exc.diagnostics)
            continue
        report.diagnostics.extend(missing_glyph_warnings(model, theme))
        themes.append(theme)
    final = Report(list(dict.fromkeys(report.diagnostics)))
    final.raise_if_errors(strict)
    return model, themes, final.warnings
