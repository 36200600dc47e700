"""Issue 9: the benchmark script runs (on its tiny case) and prints its table and JSON."""
from __future__ import annotations

import json
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
