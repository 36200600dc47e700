"""What the commands print, and how much: -q/--quiet (errors and warnings only), -v/--verbose (also the
files read and written, and where each style comes from). Errors and warnings always go to stderr."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


@dataclass
class Console:
    root: Path
    debug: bool = False
    level: int = NORMAL

    def __getitem__(self, key: str):  # ctx.obj["root"], as commands read it before Console
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key, default)

    def say(self, text: str = "") -> None:
        """Normal output (results, summaries): left out under --quiet."""
        if self.level >= NORMAL:
            click.echo(text)

    def detail(self, text: str) -> None:
        """Only under --verbose; on stderr, so that standard output stays what a script reads."""
        if self.level >= VERBOSE:
            click.echo(text, err=True)

    def warn(self, text: str) -> None:
        click.echo(text, err=True)


def console(ctx: click.Context) -> Console:
    return ctx.find_object(Console) or Console(Path("."))
