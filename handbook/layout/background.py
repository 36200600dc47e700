"""Work done on the second core: a small computation runs in a forked child while the parent lays out pages."""
from __future__ import annotations

import marshal
import os
import sys
import threading
from typing import Any, Callable

# Set HANDBOOK_NO_FORK=1 to compute everything in one process (the result is the same, only slower).
ENV = "HANDBOOK_NO_FORK"


IDLE_CORES = 1.5  # a helper forks only when the load leaves this many cores idle: ours, and most of another


def idle_cores() -> float:
    """How many cores the last minute left idle (cores minus the 1-minute load average); the core
    count alone where the load cannot be read."""
    cpus = os.cpu_count() or 1
    try:
        return cpus - os.getloadavg()[0]
    except (OSError, AttributeError):  # no load average (Windows), or it cannot be read
        return float(cpus)


def cpu_times() -> tuple[float, float] | None:
    """(idle, total) jiffies of all cores since boot, from /proc/stat (Linux); None where unreadable."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [float(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return (fields[3] + (fields[4] if len(fields) > 4 else 0.0), sum(fields)) if len(fields) >= 4 else None


def idle_now(seconds: float = 0.1) -> float:
    """How many cores are idle now, sampled over `seconds` while this process sleeps; the last minute's
    figure (idle_cores) where the sample cannot be taken. The minute's load average still counts a build
    that ended a moment ago: `build --all -j 2` run right after another build started one worker."""
    import time
    before = cpu_times()
    if before is not None:
        time.sleep(seconds)
        after = cpu_times()
        if after is not None and after[1] > before[1]:
            return (os.cpu_count() or 1) * (after[0] - before[0]) / (after[1] - before[1])
    return idle_cores()


def can_fork() -> bool:
    # Linux only: macOS's system libraries are not fork-safe (Python itself defaults to spawn there) and
    # Windows has no fork; elsewhere the build stays in one process. And fork copies only the calling
    # thread: with other threads running, a lock they hold would stay held. And a helper on a core
    # that other work already uses only competes with this build (5 % slower): idle cores only.
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and not os.environ.get(ENV)
            and threading.active_count() == 1 and idle_cores() >= IDLE_CORES)


class Background:
    """`compute()` started now in a forked child; `result()` waits for it.

    The child sends back only a value marshal can carry (a number, a string...). If the child
    fails in any way, or fork is not available, `result()` runs `compute()` itself, so errors
    are raised where they always were and the output never depends on whether a child ran.
    """

    def __init__(self, compute: Callable[[], Any]):
        self.compute = compute
        self.pid = None
        self.reader = None
        if not can_fork():
            return
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(reader)
                data = marshal.dumps(compute())
                with os.fdopen(writer, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def result(self) -> Any:
        if self.pid is None:
            return self.compute()
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        self.reader = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status == 0 and data:
            try:
                return marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                pass
        return self.compute()

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed before it was needed)."""
        if self.pid is not None:
            import signal
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
