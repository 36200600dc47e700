"""Diagnostics for users: one line each, `path:line:col: severity: message`, collected then raised together."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True)
class Position:
    """Where something came from in a source file (1-based line and column)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


UNKNOWN = Position("<generated>")


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" or "warning"
    position: Position
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.position}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class HandbookError(click.ClickException):
    """A user error (bad sources, bad style): printed without a traceback, exit status 2."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str):
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic("error", Position("handbook"), diagnostics)]
        elif isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


@dataclass
class Report:
    """Collects every diagnostic of a step so a user sees all problems at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic("error", position, message, hint))

    def warning(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic("warning", position, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def raise_if_errors(self, strict: bool = False) -> None:
        """Abort with every error (and, when strict, every warning promoted to an error)."""
        failing = self.errors
        if strict:
            failing = [
                Diagnostic("error", d.position, d.message, d.hint) if d.severity == "warning" else d
                for d in self.diagnostics
            ]
        if failing:
            raise HandbookError(failing)


def relative(path: Path) -> str:
    """Paths in messages are relative to the working directory when they can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
