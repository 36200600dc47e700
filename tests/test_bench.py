"""Issue 9: the benchmark script runs (on its tiny case) and prints its table and JSON."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO


def test_benchmark_quick_run(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "wall s" in done.stdout and "pages/s" in done.stdout and "peak MB" in done.stdout
    data = json.loads(out.read_text())
    (row,) = data["results"]
    assert row["case"] == "1x handbook" and row["pages"] > 20
    assert row["wall_s"] > 0 and row["peak_rss_mb"] > 10 and row["pdf_kb"] > 10
    assert row["first_build_s"] > 0 and "1st build" in done.stdout


def test_synthetic_editions_keep_the_shape(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from synth import make_edition
    from handbook.sources.reader import read_edition
    folder = make_edition(REPO / "sources" / "wimun-ny-2025-ga-plenary-2", tmp_path / "sources" / "x3", 3)
    model, _ = read_edition(folder)
    (document,) = model.documents
    assert len(document.paragraphs) == 77 * 3
    assert len(document.footnotes) == 5 * 3
    assert len(document.notes) == 31 * 3 + 1  # the note on the whole report is not repeated


def test_watch_latency_measures_wall_and_cpu_per_edit(tmp_path, monkeypatch):
    """The benchmark's watch case: a real `handbook watch`, edits saved, the new PDF timed; its CPU read."""
    import os
    import shutil
    sys.path.insert(0, str(REPO / "bench"))
    from latency import _cpu_seconds, watch_latency
    edition = "wimun-ny-2025-ga-plenary-2"
    shutil.copytree(REPO / "sources" / edition, tmp_path / "sources" / edition)
    shutil.copytree(REPO / "styles", tmp_path / "styles")
    report = tmp_path / "sources" / edition / "report.yaml"
    original = report.read_text(encoding="utf-8")
    cpu: list = []
    monkeypatch.setenv("PYTHONPATH", str(REPO))  # the child `handbook watch` runs this copy
    times = watch_latency(tmp_path, edition, sys.executable, rounds=2, rest=0.2, cpu=cpu)
    assert len(times) == 2 and all(0 < t < 60 for t in times)
    if _cpu_seconds(os.getpid()) is not None:  # Linux: the watch process's CPU for each edit
        assert len(cpu) == 2 and all(c >= 0 for c in cpu)
    assert report.read_text(encoding="utf-8") == original  # the edited source is put back
    assert not (tmp_path / "watch.pdf").exists()


def test_the_breaker_case_builds_with_each_breaker_and_prints_the_ratio(tmp_path):
    """Issue 17's speed target: the default edition with our breaker and with ReportLab's, in turn."""
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--repeat", "1", "--cases", "breaker",
                           "--json", str(out)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    ours, theirs = json.loads(out.read_text())["results"]
    assert ours["case"] == "breaker: total-fit (ours)" and theirs["case"] == "breaker: ReportLab's"
    assert ours["pages"] > 20 and theirs["pages"] > 20
    assert ours["ratio_to_reportlab"] > 0 and ours["cpu_ratio_to_reportlab"] > 0
    assert "(target <= 1.10)" in done.stdout


def test_the_reportlab_breaker_wrapper_hands_every_paragraph_to_reportlab():
    code = (f"import runpy; runpy.run_path({str(REPO / 'bench' / 'rlbreaker.py')!r}, run_name='bench')\n"
            "from handbook.layout.flowables import Paragraph\n"
            "from reportlab.lib.styles import ParagraphStyle\n"
            "print(Paragraph('words', ParagraphStyle('s'))._own_breaker())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
