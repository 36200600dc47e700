"""Benchmark: build times, pages per second, peak memory and PDF size, each against a plain-ReportLab floor.

    python bench/run.py                 # every case, median of 5 runs (a few minutes on 2 cores)
    python bench/run.py --repeat 1 --cases 1x,floor-1x --json out.json
    python bench/run.py --quick         # a tiny smoke run (the test suite uses it)

Every figure is a fresh `python -m handbook ...` process, interpreter start-up included, as a user runs it.
Builds use a disk cache of their own; "1st build" is the first run on an empty cache (a new machine),
every other figure is the median of warm runs. Each case and its floor run in turn, so that a busy
spell on a shared machine slows both alike.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT = "wimun-ny-2025-ga-plenary-2"
sys.path.insert(0, str(HERE))

from synth import make_edition  # noqa: E402


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"benchmark command failed ({child.returncode}): {' '.join(command)}\n"
                         f"{child.stderr.read().decode(errors='replace')}")
    return wall, usage.ru_maxrss * 1024  # Linux reports kilobytes


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(path)).pages)


def floor_text(edition: Path) -> list[str]:
    """The edition's words as plain paragraphs: report paragraphs, list items, footnotes and notes."""
    sys.path.insert(0, str(REPO))
    from handbook.sources.reader import edition_texts, read_edition
    model, _ = read_edition(edition)
    return list(edition_texts(model))


def measure(name: str, command: list[str], cwd: Path, pdfs: list[Path], repeat: int) -> dict:
    return measure_pair((name, command, pdfs), None, cwd, repeat)[0]


def measure_pair(case, floor, cwd: Path, repeat: int) -> list[dict]:
    """Median of `repeat` runs of each command. A case and its floor run in turn (case, floor, case,
    floor...), so that a busy spell on a shared machine slows both and their ratio holds."""
    jobs = [job for job in (case, floor) if job is not None]
    walls = [[] for _ in jobs]
    peaks = [[] for _ in jobs]
    for _ in range(repeat):
        for i, (_, command, _) in enumerate(jobs):
            wall, peak = run(command, cwd)
            walls[i].append(wall)
            peaks[i].append(peak)
    rows = []
    for (name, _, pdfs), times, rss in zip(jobs, walls, peaks):
        pages = sum(pdf_pages(p) for p in pdfs)
        wall = statistics.median(times)
        rows.append({"case": name, "wall_s": round(wall, 3), "runs": [round(w, 3) for w in times], "pages": pages,
                     "pages_per_s": round(pages / wall, 1), "peak_rss_mb": round(max(rss) / 2 ** 20, 1),
                     "pdf_kb": round(sum(p.stat().st_size for p in pdfs) / 1024, 1)})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per case; the median is reported (5)")
    parser.add_argument("--cases", default="1x,5x,20x,all10",
                        help="which: 1x, 5x, 20x (each with its floor), all10 (build --all, serial and parallel)")
    parser.add_argument("--quick", action="store_true", help="a tiny smoke run: 1x only, one run, no floor ratios")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    cases = ["1x"] if args.quick else [c.strip() for c in args.cases.split(",") if c.strip()]
    repeat = 1 if args.quick else args.repeat
    python = sys.executable
    # compile the package's bytecode first, as pip does when it installs: otherwise, where the
    # environment says PYTHONDONTWRITEBYTECODE, every run would compile the changed modules again
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "handbook")], check=True, env={
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    results = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        root = Path(tmp)
        cache = root / "cache"  # the builds' own disk cache: the user's is neither used nor touched
        os.environ["HANDBOOK_CACHE_DIR"] = str(cache)
        shutil.copytree(REPO / "styles", root / "styles")
        (root / "sources").mkdir()
        source = REPO / "sources" / DEFAULT
        for case in cases:
            if case.endswith("x"):
                factor = int(case[:-1])
                name = f"bench-{factor}x"
                make_edition(source, root / "sources" / name, factor)
                out = root / f"{name}.pdf"
                command = [python, "-m", "handbook", "build", name, "-o", str(out)]
                # the first build on a machine fills the disk cache (fonts, hyphenation, QR codes): timed apart
                shutil.rmtree(cache, ignore_errors=True)
                first, _ = run(command, root)
                floor = None
                if not args.quick:
                    text = root / f"{name}.json"
                    text.write_text(json.dumps(floor_text(root / "sources" / name)), encoding="utf-8")
                    floor_pdf = root / f"{name}-floor.pdf"
                    floor = (f"{case} floor", [python, str(HERE / "floor.py"), str(text), str(floor_pdf)], [floor_pdf])
                rows = measure_pair((f"{case} handbook", command, [out]), floor, root, repeat)
                rows[0]["first_build_s"] = round(first, 3)
                if floor is not None:
                    rows[0]["ratio_to_floor"] = round(rows[0]["wall_s"] / rows[1]["wall_s"], 2)
                    rows[1]["ratio_to_floor"] = 1.0
                results += rows
                shutil.rmtree(root / "sources" / name)
            elif case == "all10":
                names = [f"committee-{i:02d}" for i in range(1, 11)]
                for name in names:
                    make_edition(source, root / "sources" / name, 1)
                pdfs = [root / "dist" / f"{n}.pdf" for n in names]
                serial = measure("all10 serial (-j 1)", [python, "-m", "handbook", "build", "--all", "-j", "1"],
                                 root, pdfs, repeat)
                parallel = measure("all10 parallel (-j 2)", [python, "-m", "handbook", "build", "--all", "-j", "2"],
                                   root, pdfs, repeat)
                parallel["ratio_to_serial"] = round(parallel["wall_s"] / serial["wall_s"], 2)
                results += [serial, parallel]
                for name in names:
                    shutil.rmtree(root / "sources" / name)
            else:
                parser.error(f"unknown case {case!r}")
    print_table(results)
    report = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "repeat": repeat, "results": results}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def print_table(rows: list[dict]) -> None:
    header = (f"{'case':<24}{'wall s':>8}{'pages':>7}{'pages/s':>9}{'peak MB':>9}{'PDF KB':>9}{'× floor':>9}"
              f"{'1st build':>11}")
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = r.get("ratio_to_floor", r.get("ratio_to_serial"))
        ratio_text = f"{ratio:.2f}" if ratio is not None else ""
        first = f"{r['first_build_s']:.2f}" if "first_build_s" in r else ""
        print(f"{r['case']:<24}{r['wall_s']:>8.2f}{r['pages']:>7}{r['pages_per_s']:>9.1f}{r['peak_rss_mb']:>9.1f}"
              f"{r['pdf_kb']:>9.1f}{ratio_text:>9}{first:>11}")


if __name__ == "__main__":
    raise SystemExit(main())
