"""`handbook styles`: every style a project can name (its own and the built-in ones), what each looks
like, and where it comes from."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import HandbookError
from .console import QUIET, Console


def list_styles(out: Console, styles_dir: Path) -> int:
    """Print a line per style (under --quiet its name alone); a broken style's errors go to stderr, one line
    each. Returns the exit status."""
    from ..style.catalogue import style_files
    from ..style.theme import load_theme
    from ..style.values import paper_name
    broken = 0
    for style in style_files(styles_dir):
        where = "built-in" if style.builtin else f"{style.origin}: {_shown(style.path, styles_dir)}"
        try:
            theme = load_theme(style.name, styles_dir)
        except HandbookError as exc:
            broken += 1
            out.say(f"{style.name:<12} BROKEN ({where}; errors below)")
            for diagnostic in exc.diagnostics:
                click.echo(str(diagnostic), err=True)
            continue
        if out.level == QUIET:  # the names alone, one a line, for scripts: what was asked for is not chatter
            click.echo(style.name)
            continue
        ink = "grayscale" if theme.grayscale else "colour"
        extends = f"extends {' > '.join(_chain(theme.extends, style.path, styles_dir))}" if theme.extends else ""
        out.say(f"{style.name:<12} {paper_name(*theme.page_size):<16} {ink:<9} {extends:<24} {where}")
        if theme.description:
            out.say(f"{'':<12} {theme.description}")
        out.detail(f"{'':<12} file: {style.path}")
    return 2 if broken else 0


def _chain(names: list[str], path: Path, styles_dir: Path) -> list[str]:
    """What a style extends, each name as `extends` finds it; a built-in that a project style of the same
    name overrides everywhere else is marked, so that `extends wimun > wimun (built-in)` reads plainly."""
    from ..style.catalogue import find_style, is_builtin
    shown = []
    for name in names:
        path = find_style(name, styles_dir, below=path)
        overridden = is_builtin(path) and (Path(styles_dir) / f"{name}.yaml").is_file()
        shown.append(f"{name} (built-in)" if overridden else name)
    return shown


def _shown(path: Path, styles_dir: Path) -> str:
    """A project style's file as the project names it: styles/NAME.yaml."""
    return f"{Path(styles_dir).name}/{path.name}"
