"""Diagnostics for users: one line each, `path:line:col: severity: message`, collected then raised together."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import re

import click

_DIAGNOSTIC = re.compile(r"^(?P<path>\S(?:.*?\S)?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning): "
                         r"(?P<message>.*?)(?: \((?P<hint>[^()]*(?:\([^()]*\)[^()]*)*)\))?$", re.S)


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


def _one_line(text: str) -> str:
    """Every diagnostic is one line, whatever a message quotes."""
    return " ".join(str(text).split())


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" or "warning"
    position: Position
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.position}: {self.severity}: {_one_line(self.message)}"
        return f"{text} ({_one_line(self.hint)})" if self.hint else text


class HandbookError(click.ClickException):
    """A user error (bad sources, bad style): printed without a traceback, exit status 2."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str):
        if isinstance(diagnostics, str):
            diagnostics = [parse_diagnostic(diagnostics)]
        elif isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(dict.fromkeys(diagnostics))  # the same problem once, in order
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


class BuildFailed(HandbookError):
    """The sources are sound but the build could not finish: the PDF cannot be written, the cheat sheet
    does not fit, or warnings under --strict. Exit status 1 (2 is for usage and source errors)."""

    exit_code = 1


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
        """Abort if there are errors (when strict, warnings count as errors), showing every diagnostic."""
        shown = self.diagnostics
        if strict:
            shown = [Diagnostic("error", d.position, d.message, d.hint) if d.severity == "warning" else d
                     for d in self.diagnostics]
        if self.errors:
            raise HandbookError(shown)  # warnings too, in order: the user sees everything at once
        if strict and self.warnings:
            raise BuildFailed(shown)


def parse_diagnostic(text: str) -> Diagnostic:
    """A Diagnostic from an already formatted `path[:line:col]: error: message (hint)` line, or from bare text."""
    match = _DIAGNOSTIC.match(text.strip())
    if not match:
        return Diagnostic("error", Position("handbook"), text.strip())
    line, col = int(match["line"] or 0), int(match["col"] or 0)
    return Diagnostic(match["severity"], Position(match["path"], line, col), match["message"], match["hint"] or "")


def relative(path: Path) -> str:
    """Paths in messages are relative to the working directory when they can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
