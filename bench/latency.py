"""The benchmark's watch latency: from saving a one-paragraph edit to the new, complete PDF in place.

A real `handbook watch` runs in a child process on a copy of the edition; each round rewrites
one paragraph of report.yaml (alternating two wordings, so every save is a real change) and
times until the PDF at the output path is a new file (the build renames a finished file into
place, so a new inode means a complete PDF). Rounds are spaced so each starts from rest. The
watch process's CPU time over each round (the rebuild, and what it does after the PDF is in
place: sweeping its caches, collecting garbage) is read from /proc where there is one: on a
shared machine wall time says how long a user waits, CPU time what the rebuild costs.
"""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

WORDINGS = ("In addition to written submissions", "Besides the written submissions")


def _inode(path: Path):
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds of a process so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_new(path: Path, before, deadline: float) -> float:
    while time.perf_counter() < deadline:
        if _inode(path) != before:
            return time.perf_counter()
        time.sleep(0.001)
    raise SystemExit(f"watch did not rebuild {path} in time")


def watch_latency(root: Path, edition: str, python: str, rounds: int = 11, rest: float = 0.4,
                  cpu: list | None = None) -> list[float]:
    """Seconds from each save to the new PDF, for `rounds` one-paragraph edits; the watch process's
    CPU seconds of each round are appended to `cpu` when given (and readable)."""
    report = root / "sources" / edition / "report.yaml"
    out = root / "watch.pdf"
    out.unlink(missing_ok=True)
    child = subprocess.Popen([python, "-m", "handbook", "watch", edition, "-o", str(out)], cwd=root,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = report.read_text(encoding="utf-8")
    text = original
    try:
        _wait_new(out, None, time.perf_counter() + 120)  # the first, cold build
        if WORDINGS[0] not in text:
            raise SystemExit(f"{report}: the benchmark's paragraph is not there")
        latencies = []
        for i in range(rounds):
            time.sleep(rest)
            used = _cpu_seconds(child.pid)
            old, new = WORDINGS if i % 2 == 0 else WORDINGS[::-1]
            text = text.replace(old, new, 1)
            before = _inode(out)
            saved = time.perf_counter()
            report.write_text(text, encoding="utf-8")
            latencies.append(_wait_new(out, before, saved + 60) - saved)
            if cpu is not None and used is not None:
                time.sleep(rest)  # the round's work after the PDF is in place, counted in its CPU time
                after = _cpu_seconds(child.pid)
                if after is not None:
                    cpu.append(after - used)
        return latencies
    finally:
        report.write_text(original, encoding="utf-8")
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if os.path.exists(out):
            os.unlink(out)
