"""Outputs: never over a source or each other, made in full before any is moved, whole under concurrency,
and nothing left behind when a build is stopped."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook.commands.cli import cli





def run(*args):
    return CliRunner().invoke(cli, ["-C", ".", *args])


def parts(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.part")) if folder.exists() else []


def test_output_onto_a_source_file_is_refused(project):
    source = project / "sources/test/report.yaml"
    before = source.read_bytes()
    result = run("build", "-o", "sources/test/report.yaml")
    assert result.exit_code == 2
    assert "sources/test/report.yaml: error: will not write the PDF over a source file" in result.stderr
    assert source.read_bytes() == before and not parts(project)


def test_json_report_onto_the_pdf_is_refused(project):
    assert run("build").exit_code == 0
    pdf = project / "dist/test.pdf"
    before = pdf.read_bytes()
    result = run("build", "--report-json", "dist/test.pdf")
    assert result.exit_code == 2
    assert "dist/test.pdf: error: the JSON report would overwrite another output of this build" in result.stderr
    assert pdf.read_bytes() == before and not parts(project)


@pytest.mark.parametrize("option", [["-o"], ["--report-json"], ["--all", "--report-json"]])
def test_output_onto_a_pipe_is_refused(project, option):
    """A rename over a device or pipe replaces it by a plain file (as root, `-o /dev/null` did): refused."""
    pipe = project / "dist" / "pipe.pdf"
    pipe.parent.mkdir(exist_ok=True)
    os.mkfifo(pipe)
    result = run("build", *option, "dist/pipe.pdf")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith("dist/pipe.pdf: error: will not write the ")
    assert "over a device, pipe or socket" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert pipe.is_fifo() and not parts(project)


def test_all_json_report_onto_a_source_is_refused_before_building(project):
    source = project / "sources/test/notes.yaml"
    before = source.read_bytes()
    result = run("build", "--all", "--report-json", "sources/test/notes.yaml")
    assert result.exit_code == 2, result.output
    assert "sources/test/notes.yaml: error: will not write the JSON report over a source file" in result.stderr
    assert source.read_bytes() == before and not (project / "dist" / "test.pdf").exists()


def test_all_refuses_two_jobs_writing_one_file(project):
    (project / "styles/other.yaml").write_text("extends: plain\npaper: A5\n")
    edition = project / "sources/test/handbook.yaml"
    edition.write_text(edition.read_text().replace("style: plain", "styles: [plain, other]"))
    shutil.copytree(project / "sources/test", project / "sources/test-other")
    twin = project / "sources/test-other/handbook.yaml"
    twin.write_text(twin.read_text().replace("styles: [plain, other]", "style: plain"))
    result = run("build", "--all")
    assert result.exit_code == 2
    assert ("dist/test-other.pdf: error: both test [other] and test-other [plain] would be written here"
            in result.stderr)
    assert not (project / "dist").exists()


def test_a_failing_print_step_leaves_every_old_file(project, monkeypatch):
    assert run("build", "--booklet", "--report-json", "dist/report.json").exit_code == 0
    olds = {p: p.read_bytes() for p in (project / "dist").iterdir()}
    assert len(olds) == 3
    from handbook.output import printmarks

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(printmarks, "add_print_marks", broken)
    # -o: the same files as before (the default name of a bled build would be test-bleed.pdf)
    result = run("build", "-o", "dist/test.pdf", "--booklet", "--report-json", "dist/report.json", "--bleed", "3mm")
    assert result.exit_code == 1, result.output  # the sources are fine; the build failed
    assert "error: cannot write the PDF: No space left on device (free some disk space" in result.stderr
    assert {p: p.read_bytes() for p in (project / "dist").iterdir()} == olds
    assert not parts(project)


def test_concurrent_bleed_builds_each_leave_a_whole_pdf(project):
    env = {**os.environ, "HANDBOOK_NO_FORK": "1"}
    command = [sys.executable, "-m", "handbook", "-C", str(project), "build", "--bleed", "3mm"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for process in runs:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    page = PdfReader(project / "dist/test-bleed.pdf").pages[0]  # the bled variant's own name
    trim, bleed = page.trimbox, page.bleedbox
    assert float(trim.width) == pytest.approx(595.28, abs=0.1)  # A4: the bleed was applied once
    assert float(bleed.width) - float(trim.width) == pytest.approx(2 * 3 * 72 / 25.4, abs=0.05)
    assert not parts(project)


def test_sigterm_stops_build_all_quickly_and_leaves_no_part_files(project):
    for n in range(6):
        shutil.copytree(project / "sources/test", project / f"sources/e{n}")
    env = {**os.environ, "HANDBOOK_NO_FORK": "1"}
    process = subprocess.Popen([sys.executable, "-m", "handbook", "-C", str(project), "build", "--all", "-j", "2"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not parts(project) and time.monotonic() < deadline:  # until a worker is writing
        time.sleep(0.02)
    assert parts(project), "no build started"
    process.send_signal(signal.SIGTERM)
    stopped = time.monotonic()
    process.communicate(timeout=10)
    assert time.monotonic() - stopped < 2.0
    assert process.returncode != 0
    time.sleep(0.5)  # a straggling worker would write on
    assert not parts(project)
