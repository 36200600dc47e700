"""`build --all`'s display. On a terminal: each finished build's line, under them a status line counting
what is done and still running, redrawn as builds finish. Elsewhere (a pipe, a log): a line per finished
build with its time, and nothing else."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, jobs: int, tty: bool | None = None, quiet: bool = False, stream=None):
        self.total, self.jobs, self.quiet = total, jobs, quiet
        self.stream = stream if stream is not None else sys.stdout
        self.tty = self.stream.isatty() if tty is None else tty
        self.done, self.failed = 0, 0
        self.shown = 0  # the length of the status line on screen
        self.started = time.perf_counter()
        self._status()

    def finished(self, outcome) -> None:
        """One build is done: its line (failures even under --quiet), then the status line again."""
        self.done += 1
        self.failed += 0 if outcome.ok else 1
        self._clear()  # the status line gives way to the finished build's line
        if not self.quiet or not outcome.ok:
            self._write(outcome.line() + "\n")
        self._status()

    def close(self) -> None:
        self._clear()

    def _clear(self) -> None:
        """Blank the status line with spaces (no terminal escapes: they show raw in some Windows consoles)."""
        if self.tty and self.shown:
            self._write("\r" + " " * self.shown + "\r")
            self.shown = 0

    def _status(self) -> None:
        if not self.tty or self.quiet:
            return
        running = min(self.jobs, self.total - self.done)
        failed = f", {self.failed} failed" if self.failed else ""
        width = 24
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        text = (f"[{bar}] {self.done}/{self.total} built{failed}, {running} running, "
                f"{time.perf_counter() - self.started:.1f} s")
        self._write(text)
        self.shown = len(text)

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
