"""Shell completion (click's): edition names from the project's sources/, style names from its styles/
and the built-in ones. Enable it with `eval "$(_HANDBOOK_COMPLETE=bash_source handbook)"` (README)."""
from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem


def _root(ctx: click.Context) -> Path:
    """The -C/--project folder given so far on the command line being completed."""
    return Path(ctx.find_root().params.get("root") or ".")


def complete_edition(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    from ..sources.project import Project
    try:
        names = Project(_root(ctx)).editions()
    except OSError:
        return []
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_style(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    from ..style.catalogue import style_files
    try:
        files = style_files(_root(ctx) / "styles")
    except OSError:
        return []
    return [CompletionItem(s.name, help=s.origin) for s in files if s.name.startswith(incomplete)]
