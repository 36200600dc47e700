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
import re
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
sys.path.insert(1, str(REPO))

from synth import make_edition  # noqa: E402


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process (its CPU seconds go to LAST_CPU)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"benchmark command failed ({child.returncode}): {' '.join(command)}\n"
                         f"{child.stderr.read().decode(errors='replace')}")
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime  # with its own children (sh -c "pdflatex ...")
    return wall, usage.ru_maxrss * 1024  # Linux reports kilobytes


LAST_CPU = [0.0]


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(path)).pages)


def floor_text(edition: Path) -> list[str]:
    """The edition's words as plain paragraphs: report paragraphs, list items, footnotes and notes."""
    sys.path.insert(0, str(REPO))
    from handbook.sources.reader import edition_texts, read_edition
    model, _ = read_edition(edition)
    return list(edition_texts(model))


def measure_pair(case, floor, cwd: Path, repeat: int) -> list[dict]:
    return measure_many([job for job in (case, floor) if job is not None], cwd, repeat)


def measure_many(jobs: list, cwd: Path, repeat: int) -> list[dict]:
    """Median of `repeat` runs of each (name, command, pdfs) job. The jobs run in turn (a, b, a, b...),
    so that a busy spell on a shared machine slows them all and their ratios hold."""
    walls = [[] for _ in jobs]
    peaks = [[] for _ in jobs]
    cpus = [[] for _ in jobs]
    for _ in range(repeat):
        for i, (_, command, _) in enumerate(jobs):
            wall, peak = run(command, cwd)
            walls[i].append(wall)
            peaks[i].append(peak)
            cpus[i].append(LAST_CPU[0])
    rows = []
    for (name, _, pdfs), times, rss, cpu in zip(jobs, walls, peaks, cpus):
        pages = sum(pdf_pages(p) for p in pdfs)
        wall = statistics.median(times)
        rows.append({"case": name, "wall_s": round(wall, 3), "runs": [round(w, 3) for w in times], "pages": pages,
                     "cpu_s": round(statistics.median(cpu), 3),
                     "pages_per_s": round(pages / wall, 1), "peak_rss_mb": round(max(rss) / 2 ** 20, 1),
                     "pdf_kb": round(sum(p.stat().st_size for p in pdfs) / 1024, 1)})
    return rows


CASES = "1x,5x,20x,all10,breaker,vs1x,vs20x,watch"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per case; the median is reported (5)")
    parser.add_argument("--cases", default=CASES,
                        help="which: 1x, 5x, 20x (each with its floor), all10 (build --all, serial and parallel), "
                             "breaker (the default edition with ReportLab's line breaker instead of ours), "
                             "vs1x, vs20x (against LaTeX, Typst and the physical limit), watch (rebuild latency)")
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
        os.environ["HANDBOOK_CACHE_DIR"] = str(root / "cache")  # the user's disk cache is neither used nor touched
        shutil.copytree(REPO / "styles", root / "styles")
        (root / "sources").mkdir()
        for case in cases:
            runner = (size_case if re.fullmatch(r"\d+x", case) else
                      {"all10": all10_case, "watch": watch_case, "breaker": breaker_case}.get(case) or
                      (compare_case if re.fullmatch(r"vs\d+x", case) else None))
            if runner is None:
                parser.error(f"unknown case {case!r}")
            results += runner(case, root, python, repeat, args.quick)
    print_table(results)
    print_comparison(results)
    report = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "repeat": repeat, "results": results}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def size_case(case: str, root: Path, python: str, repeat: int, quick: bool) -> list[dict]:
    """A synthetic edition `case` (e.g. 5x) times the default's size, paired with its floor."""
    factor = int(case[:-1])
    name = f"bench-{factor}x"
    cache = Path(os.environ["HANDBOOK_CACHE_DIR"])
    make_edition(REPO / "sources" / DEFAULT, root / "sources" / name, factor)
    out = root / f"{name}.pdf"
    command = [python, "-m", "handbook", "build", name, "-o", str(out)]
    # the first build on a machine fills the disk cache (fonts, hyphenation, QR codes): timed apart
    shutil.rmtree(cache, ignore_errors=True)
    first, _ = run(command, root)
    floor = None
    if not quick:
        text = root / f"{name}.json"
        text.write_text(json.dumps(floor_text(root / "sources" / name)), encoding="utf-8")
        floor_pdf = root / f"{name}-floor.pdf"
        floor = (f"{case} floor", [python, str(HERE / "floor.py"), str(text), str(floor_pdf)], [floor_pdf])
    rows = measure_pair((f"{case} handbook", command, [out]), floor, root, repeat)
    rows[0]["first_build_s"] = round(first, 3)
    if floor is not None:
        rows[0]["ratio_to_floor"] = round(rows[0]["wall_s"] / rows[1]["wall_s"], 2)
        rows[1]["ratio_to_floor"] = 1.0
    shutil.rmtree(root / "sources" / name)
    return rows


def all10_case(case: str, root: Path, python: str, repeat: int, quick: bool) -> list[dict]:
    """`build --all` over ten copies of the default edition, one at a time and two at a time."""
    names = [f"committee-{i:02d}" for i in range(1, 11)]
    for name in names:
        make_edition(REPO / "sources" / DEFAULT, root / "sources" / name, 1)
    pdfs = [root / "dist" / f"{n}.pdf" for n in names]
    # run in turn (serial, parallel, serial...): a busy spell slows both, and their ratio holds
    serial, parallel = measure_many([
        ("all10 serial (-j 1)", [python, "-m", "handbook", "build", "--all", "-j", "1"], pdfs),
        ("all10 parallel (-j 2)", [python, "-m", "handbook", "build", "--all", "-j", "2"], pdfs)], root, repeat)
    parallel["ratio_to_serial"] = round(parallel["wall_s"] / serial["wall_s"], 2)
    for name in names:
        shutil.rmtree(root / "sources" / name)
    return [serial, parallel]


def breaker_case(case: str, root: Path, python: str, repeat: int, quick: bool) -> list[dict]:
    """The default edition built with our total-fit breaker and with ReportLab's, in turn (issue 17: at most
    10 % more time)."""
    shutil.copytree(REPO / "sources" / DEFAULT, root / "sources" / DEFAULT)
    ours_pdf, theirs_pdf = root / "breaker-ours.pdf", root / "breaker-reportlab.pdf"
    ours = ("breaker: total-fit (ours)", [python, "-m", "handbook", "build", DEFAULT, "-o", str(ours_pdf)], [ours_pdf])
    theirs = ("breaker: ReportLab's", [python, str(HERE / "rlbreaker.py"), "build", DEFAULT, "-o", str(theirs_pdf)],
              [theirs_pdf])
    run(ours[1], root)  # fills the disk cache
    rows = measure_many([ours, theirs], root, repeat)
    rows[0]["ratio_to_reportlab"] = round(rows[0]["wall_s"] / rows[1]["wall_s"], 3)
    rows[0]["cpu_ratio_to_reportlab"] = round(rows[0]["cpu_s"] / rows[1]["cpu_s"], 3)
    shutil.rmtree(root / "sources" / DEFAULT)
    return rows


def compare_case(case: str, root: Path, python: str, repeat: int, quick: bool) -> list[dict]:
    """Our cold build against pdfLaTeX, Typst (each when installed) and the physical limit, run in turn."""
    from yardsticks import latex_command, latex_source, typst_command, typst_source
    factor = int(case[2:-1])
    name = f"vs-{factor}x"
    folder = make_edition(REPO / "sources" / DEFAULT, root / "sources" / name, factor)
    work = root / name
    work.mkdir()
    ours_pdf = work / "ours.pdf"
    ours = (f"{case} handbook", [python, "-m", "handbook", "build", name, "-o", str(ours_pdf)], [ours_pdf])
    run(ours[1], root)  # fills the disk cache, and gives the physical limit its text runs
    model = read_model(folder)
    (work / "guide.tex").write_text(latex_source(model), encoding="utf-8")
    (work / "guide.typ").write_text(typst_source(model), encoding="utf-8")
    subprocess.run([python, str(HERE / "physical.py"), "extract", str(ours_pdf), str(work / "runs.json")], check=True)
    others = [(f"{case} physical limit", [python, str(HERE / "physical.py"), "draw", str(work / "runs.json"),
                                          str(work / "physical.pdf")], [work / "physical.pdf"])]
    latex, typst = latex_command(work), typst_command(work, python)
    if latex:
        others.append((f"{case} pdfLaTeX x2 + makeindex", latex, [work / "guide.pdf"]))
    if typst:
        others.append((f"{case} Typst", typst, [work / "guide-typst.pdf"]))
    rows = measure_many([ours] + others, root, repeat)
    for row in rows:
        row["ratio_to_ours"] = round(row["wall_s"] / rows[0]["wall_s"], 2)
        row["cpu_ratio_to_ours"] = round(row["cpu_s"] / rows[0]["cpu_s"], 2)
    shutil.rmtree(folder)
    return rows


def watch_case(case: str, root: Path, python: str, repeat: int, quick: bool) -> list[dict]:
    """`handbook watch`: seconds from saving a one-paragraph edit to the new PDF, median of the rounds."""
    from latency import watch_latency
    shutil.copytree(REPO / "sources" / DEFAULT, root / "sources" / DEFAULT)
    cpu: list = []
    times = watch_latency(root, DEFAULT, python, rounds=max(11, repeat), cpu=cpu)
    shutil.rmtree(root / "sources" / DEFAULT)
    row = {"case": "watch: one-paragraph edit", "wall_s": round(statistics.median(times), 3),
           "runs": [round(t, 3) for t in times], "pages": 0, "pages_per_s": 0, "peak_rss_mb": 0, "pdf_kb": 0}
    if cpu:  # the watch process's CPU per rebuild (read from /proc)
        row["cpu_s"], row["cpu_runs"] = round(statistics.median(cpu), 3), [round(c, 3) for c in cpu]
    return [row]


def read_model(folder: Path):
    sys.path.insert(0, str(REPO))
    from handbook.sources.reader import read_edition
    return read_edition(folder)[0]


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


def print_comparison(rows: list[dict]) -> None:
    """Ours against the yardsticks, with the issue's targets: at most 0.9x pdfLaTeX, 2x the physical
    limit, Typst's cost per extra page at 20x, and a watch rebuild within 0.15 s of the save."""
    by_case = {r["case"]: r for r in rows}
    lines = []
    for r in rows:
        if "ratio_to_ours" in r or r["case"].startswith("watch"):
            target = ""
            if "pdfLaTeX" in r["case"]:
                target = f"ours/LaTeX {1 / r['ratio_to_ours']:.2f} (target <= 0.90)"
            elif "physical" in r["case"]:
                target = f"ours/limit {1 / r['ratio_to_ours']:.2f} (target <= 2.00)"
            elif r["case"].startswith("watch"):
                target = f"median {r['wall_s']:.3f} s (target <= 0.150)"
            cpu = f"{r['cpu_s']:.3f}" if "cpu_s" in r else ""
            lines.append(f"{r['case']:<34}{r['wall_s']:>8.3f}{r['pages'] or '':>7}"
                         f"{r.get('ratio_to_ours', ''):>9}{cpu:>8}{r.get('cpu_ratio_to_ours', ''):>7}  {target}")
    breaker = by_case.get("breaker: total-fit (ours)")
    if breaker:
        lines.append(f"{'total-fit breaker / ReportLab' + chr(39) + 's':<34}{breaker['wall_s']:>8.3f}{breaker['pages']:>7}"
                     f"{'':>9}{breaker['cpu_s']:>8.3f}{'':>7}  ours/ReportLab {breaker['ratio_to_reportlab']:.2f} wall, "
                     f"{breaker['cpu_ratio_to_reportlab']:.2f} CPU (target <= 1.10)")
    for who in ("handbook", "Typst"):
        one, many = by_case.get(f"vs1x {who}"), by_case.get(f"vs20x {who}")
        if one and many and many["pages"] > one["pages"]:
            per_page = (many["wall_s"] - one["wall_s"]) / (many["pages"] - one["pages"])
            lines.append(f"{'per extra page at 20x, ' + who:<34}{per_page * 1000:>7.1f}ms")
    if lines:
        print()
        print(f"{'against the yardsticks':<34}{'wall s':>8}{'pages':>7}{'× ours':>9}{'cpu s':>8}{'× ours':>7}"
              "  vs target (wall)")
        print("-" * 104)
        print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
