"""A style as a build uses it: the theme with its fonts registered and its logos opened and checked.
`build` and `check` both load styles through here, so check accepts no style that build refuses."""
from __future__ import annotations

from pathlib import Path

from ..errors import Report
from .logo import load_logos
from .theme import Theme, load_theme


def load_style(name: str, styles_dir: Path, report: Report, grayscale: bool | None = None,
               duplex: bool | None = None) -> Theme:
    """Load style NAME (raising HandbookError for its errors) and its logos; warnings, and the logos'
    errors, go to `report`."""
    theme = load_theme(name, styles_dir, grayscale=grayscale, duplex=duplex)
    report.diagnostics.extend(theme.warnings)
    logo_report = Report()
    theme.logos = load_logos(theme, logo_report)  # the cover's and the running header's logo
    report.diagnostics.extend(logo_report.diagnostics)
    return theme
