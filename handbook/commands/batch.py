"""`handbook build --all`: every edition in each of its styles, built in parallel processes.

Each job is one (edition, style) pair and runs `handbook.build()` in a worker process, so one
failing edition does not stop the others. A line is printed as each job finishes, then a summary.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ..errors import HandbookError, relative
from ..sources.project import Project
from ..sources.reader import EDITION_FILE

DEFAULT_JOBS = 2


@dataclass
class Outcome:
    """How one job ended: its PDF and figures, or its one-line error."""

    job: Job
    ok: bool
    path: str = ""
    pages: int = 0
    seconds: float = 0.0
    message: str = ""  # the one-line error of a failed job
    warnings: list = field(default_factory=list)  # strings
    report: dict = field(default_factory=dict)

    def line(self) -> str:
        if self.ok:
            extra = f"  ({len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''})" if self.warnings else ""
            return f"ok    {self.job.label}  {self.pages} pages  {self.seconds:.1f} s  {self.path}{extra}"
        return f"FAIL  {self.job.label}: {self.message}"


@dataclass(frozen=True)
class Job:
    """One build of `build --all`: an edition in one of its styles."""

    edition: str
    style: str | None  # None: the edition's own first style (used when its file cannot even be read)

    @property
    def label(self) -> str:
        return f"{self.edition} [{self.style}]" if self.style else self.edition


@dataclass
class BatchResult:
    """What `build --all` did: one outcome per job, its wall time, and how many builds ran at once."""

    outcomes: list
    seconds: float
    workers: int = 1  # processes that built at once
    asked: int = 1  # what -j asked for

    @property
    def failed(self) -> list:
        return [o for o in self.outcomes if not o.ok]

    def summary(self) -> str:
        built = len(self.outcomes) - len(self.failed)
        text = f"built {built} of {len(self.outcomes)} PDF{'s' if len(self.outcomes) != 1 else ''} in {self.seconds:.1f} s"
        if self.workers < min(self.asked, len(self.outcomes)):
            text += f" ({self.workers} at a time: the other cores were busy)"
        if self.failed:
            text += f"; {len(self.failed)} failed: " + ", ".join(o.job.label for o in self.failed)
        return text


def edition_styles(project: Project, edition: str) -> list[str] | None:
    """The styles an edition lists (`style:` or `styles:`), read cheaply; None if its file cannot tell."""
    try:
        data = yaml.safe_load((project.sources / edition / EDITION_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    value = data.get("styles", data.get("style", "wimun"))
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        return None
    return list(dict.fromkeys(names))


def plan(project: Project, style: str | None = None) -> list[Job]:
    """Every edition of the project in each of its styles, or in `style` alone when one is given."""
    editions = project.editions()
    if not editions:
        project.edition_folder(None)  # raises the usual "no editions found" error
    if style:  # a --style that names no style is a usage error (exit 2), not a failure of every build
        from ..style.catalogue import find_style
        find_style(style, project.styles)
    jobs = []
    for edition in editions:
        styles = [style] if style else edition_styles(project, edition)
        jobs.extend(Job(edition, s) for s in (styles or [None]))
    return jobs


def run_job(root: str, job: Job, strict: bool = False, print_options: dict | None = None) -> Outcome:
    """Build one job with the print options (grayscale, duplex, booklet, bleed, crop_marks); never raises:
    a user error becomes its one-line message (runs in a worker)."""
    from .. import build
    started = time.perf_counter()
    try:
        from ..regexcache import compiled_from_cache
        with compiled_from_cache():  # ReportLab's long URL pattern, compiled once per machine
            result = build(job.edition, style=job.style, root=root, strict=strict, **(print_options or {}))
    except HandbookError as exc:
        lines = [str(d) for d in exc.diagnostics] or [exc.format_message()]
        message = lines[0] + (f" (and {len(lines) - 1} more: run 'handbook check {job.edition}')"
                              if len(lines) > 1 else "")
        return Outcome(job, False, seconds=time.perf_counter() - started, message=message)
    except Exception as exc:  # noqa: BLE001  an internal failure still gets one line, and the others go on
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return Outcome(job, False, seconds=time.perf_counter() - started,
                       message=f"internal error: {type(exc).__name__}: {first}")
    try:
        path = str(result.path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        path = str(result.path)
    return Outcome(job, True, path=path, pages=result.pages, seconds=result.seconds,
                   warnings=[str(w) for w in result.warnings], report=result.report())


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _worker_setup(cores_busy: bool) -> None:
    """In a worker: the parent alone answers Ctrl-C; SIGTERM from the parent unwinds the build, so its
    staged temporary files are removed. With every core already building, a build's own helper
    process would only compete with the other workers, so the build stays in one process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupt)
    if cores_busy:
        from ..layout.background import ENV
        os.environ[ENV] = "1"


def pool_context():
    """How workers start: forked on Linux (they begin with the modules already imported); spawned
    elsewhere, as layout/background.py decides for its helper: macOS's system libraries are not
    fork-safe, and Windows has no fork. Named here, not left to Python's default, which changes
    between versions."""
    import multiprocessing
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def worker_count(jobs: int, todo: int) -> int:
    """As many builds at once as asked, but no more than there are jobs, nor cores idle now: on a busy
    machine a second worker only competes with the first and with what keeps the cores busy, and `-j 2`
    ran slower than `-j 1` (layout/background.py measures the load, over a tenth of a second)."""
    if min(jobs, todo) <= 1:
        return 1
    from ..layout.background import idle_now
    return max(1, min(jobs, todo, int(idle_now() + 0.5)))


def build_all(root: Path | str, jobs: int = DEFAULT_JOBS, style: str | None = None, strict: bool = False,
              on_done: Callable[[Outcome], None] | None = None, **print_options) -> BatchResult:
    """Build every (edition, style) job, up to `jobs` at a time in worker processes (fewer when the
    cores are busy: worker_count), each with the print options `build()` takes (grayscale, duplex,
    booklet, bleed, crop_marks); `on_done` hears each one as it finishes. With one at a time the
    builds run one after another in this process."""
    started = time.perf_counter()
    project = Project(Path(root))
    todo = plan(project, style)
    check_outputs(project, todo, print_options)
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    workers = worker_count(jobs, len(todo))
    if workers == 1:
        for job in todo:
            done(run_job(str(root), job, strict, print_options))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(), initializer=_worker_setup,
                                 initargs=(workers >= (os.cpu_count() or 1),)) as pool:
            futures = {pool.submit(run_job, str(root), job, strict, print_options): job for job in todo}
            try:
                for future in as_completed(futures):
                    try:
                        outcome = future.result()
                    except Exception as exc:  # noqa: BLE001  the worker process itself died
                        outcome = Outcome(futures[future], False,
                                          message=f"the build process failed: {type(exc).__name__}: {exc}")
                    done(outcome)
            except KeyboardInterrupt:
                _stop_workers(pool, todo_outputs(project, todo, print_options))
                raise
    order = {job: i for i, job in enumerate(todo)}
    outcomes.sort(key=lambda o: order[o.job])
    return BatchResult(outcomes, time.perf_counter() - started, workers, jobs)


def _stop_workers(pool: ProcessPoolExecutor, outputs: list[Path]) -> None:
    """Stop every worker within about a second: SIGTERM lets each unwind and remove its temporary
    files; one that has not gone after that is killed, and what it left is swept up."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 1.0
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(0.5)
    for output in outputs:  # staged files are ".<stem>-<random><suffix>.part" beside their target
        for part in output.parent.glob(f".{output.stem}-*{output.suffix}.part"):
            part.unlink(missing_ok=True)


def todo_outputs(project: Project, jobs: list[Job], print_options: dict | None = None) -> list[Path]:
    """Where each job writes its PDF, as `handbook.build()` names them with these print options."""
    from .. import default_output
    names = {k: v for k, v in (print_options or {}).items() if k in ("grayscale", "duplex", "bleed", "crop_marks")}
    return [default_output(project, job.edition, job.style, edition_styles(project, job.edition), **names)
            for job in jobs]


def check_outputs(project: Project, jobs: list[Job], print_options: dict | None = None) -> None:
    """Two jobs must never write one file (edition `a` in style `b`, and edition `a-b`): refuse before building."""
    seen: dict[Path, Job] = {}
    clashes = []
    for job, output in zip(jobs, todo_outputs(project, jobs, print_options)):
        if output in seen:
            clashes.append(f"{relative(output)}: error: both {seen[output].label} and {job.label} would be "
                           "written here (rename an edition or a style)")
        seen.setdefault(output, job)
    if clashes:
        raise HandbookError(clashes)
