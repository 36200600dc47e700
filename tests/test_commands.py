"""The `styles`, `new` and `build --all` commands."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook.commands.batch import Job, edition_styles, plan
from handbook.commands.cli import cli
from handbook.sources.project import Project

from conftest import DEFAULT_EDITION, REPO, write


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


# ---- handbook styles ----------------------------------------------------------------------

def test_styles_lists_the_shipped_styles():
    result = run(REPO, "styles")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line[:1].strip()}
    assert {"wimun", "print-bw", "pocket", "draft"} <= set(lines)
    assert re.search(r"\bA4\b.*\bcolour\b", lines["wimun"])
    assert re.search(r"\bLetter\b.*\bgrayscale\b.*extends wimun", lines["print-bw"])
    assert re.search(r"\bA5\b.*\bcolour\b.*extends wimun", lines["pocket"])


def test_styles_reports_a_broken_style_and_goes_on(tmp_path):
    shutil.copytree(REPO / "styles", tmp_path / "styles")
    write(tmp_path / "styles" / "broken.yaml", "extends: wimun\ncolours: {primary: red-ish}\n")
    result = run(tmp_path, "styles")
    assert result.exit_code == 2
    assert re.search(r"^broken\s+BROKEN \(project: styles/broken\.yaml; errors below\)$", result.output, re.M)
    assert re.search(r"^\S*broken\.yaml:2:\d+: error: colours\.primary: bad colour 'red-ish'", result.output,
                     re.M), result.output
    assert re.search(r"^wimun\s+A4", result.output, re.M)


# ---- handbook new -------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's project: the default edition and the shipped styles."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(REPO / "styles", root / "styles")
    return root


def test_new_scaffolds_an_edition_that_checks_and_builds(project):
    result = run(project, "new", "vienna-2026-unsc", "--committee", "Security Council")
    assert result.exit_code == 0, result.output
    folder = project / "sources" / "vienna-2026-unsc"
    assert sorted(p.name for p in folder.iterdir()) == ["cheatsheet.yaml", "handbook.yaml", "index.yaml",
                                                        "letter-notes.yaml", "letter.md", "notes.yaml", "report.yaml"]
    assert (project / "styles" / "vienna-2026-unsc.yaml").read_text().count("extends: wimun") == 1
    check = run(project, "check", "vienna-2026-unsc")
    assert check.exit_code == 0, check.output
    assert "1 section, 2 paragraphs, 1 note, 1 footnote" in check.output and check.output.rstrip().endswith("ok")
    assert "letter.md: Letter from the chairs, 6 paragraphs and list items, 1 note, 1 footnote" in check.output
    built = run(project, "build", "vienna-2026-unsc")
    assert built.exit_code == 0, built.output
    pdf = project / "dist" / "vienna-2026-unsc.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Security Council" in text and "Vienna 2026 UNSC" in text and "Key points" in text
    assert "Letter from the chairs" in text and "Welcome to the Security Council" in " ".join(text.split())
    # the shipped default edition is still what a bare `handbook build` builds
    default = run(project, "build")
    assert default.exit_code == 0, default.output
    assert (project / "dist" / f"{DEFAULT_EDITION}.pdf").is_file()


def test_new_refuses_to_overwrite(project):
    assert run(project, "new", "mine").exit_code == 0
    edition = project / "sources" / "mine" / "handbook.yaml"
    edition.write_text(edition.read_text().replace("Study Guide", "My own words"))
    again = CliRunner().invoke(cli, ["-C", str(project), "new", "mine"])
    assert again.exit_code == 2
    assert "already exists" in again.output and "nothing was written" in again.output
    assert "My own words" in edition.read_text()
    existing = CliRunner().invoke(cli, ["-C", str(project), "new", DEFAULT_EDITION])
    assert existing.exit_code == 2 and "already exists" in existing.output


def test_new_rejects_bad_names_and_unknown_styles(project):
    bad = CliRunner().invoke(cli, ["-C", str(project), "new", "../escape"])
    assert bad.exit_code == 2 and "not a usable edition name" in bad.output
    unknown = CliRunner().invoke(cli, ["-C", str(project), "new", "fine", "--style", "wimum"])
    assert unknown.exit_code == 2 and "unknown style 'wimum'" in unknown.output and "did you mean 'wimun'" in unknown.output
    assert not (project / "sources" / "fine").exists()


def test_new_with_a_named_style_and_quotes(project):
    result = run(project, "new", "pocket-ed", "--style", "pocket", "--conference", 'The "Big" MUN: 2026')
    assert result.exit_code == 0, result.output
    assert edition_styles(Project(project), "pocket-ed") == ["pocket-ed"]  # its own style, extending pocket
    assert "\nextends: pocket\n" in (project / "styles" / "pocket-ed.yaml").read_text()
    assert run(project, "check", "pocket-ed").output.startswith('pocket-ed: The "Big" MUN: 2026')
    from handbook.style.theme import load_theme
    theme = load_theme("pocket-ed", project / "styles")
    assert theme.extends == ["pocket", "wimun"] and theme.name == "pocket-ed" and round(theme.page_size[0]) == 420  # A5


# ---- handbook build --all -----------------------------------------------------------------

EDITION = """
conference: Batch MUN
committee: {committee}
title: Study Guide
{style}
organizer:
  name: Batch Org
parts:
  - cover
  - document: report.yaml
    notes: notes.yaml
"""

REPORT = """
symbol: B/1
title: A report
sections:
  - number: I
    title: One
    body:
      - paragraph: 1
        text: Early warning matters.
      - paragraph: 2
        text: So does prevention.
"""

NOTES = """
notes:
  - kind: did-you-know
    attach: 1
    phrase: Early warning
    body: A note.
"""


def batch_project(root: Path, broken: bool = True) -> Path:
    shutil.copytree(REPO / "styles", root / "styles")
    for name, committee, style in (("alpha", "First", "styles: [wimun, pocket]"), ("beta", "Second", "style: print-bw")):
        folder = root / "sources" / name
        write(folder / "handbook.yaml", EDITION.format(committee=committee, style=style))
        write(folder / "report.yaml", REPORT)
        write(folder / "notes.yaml", NOTES)
    if broken:
        folder = root / "sources" / "gamma"
        write(folder / "handbook.yaml", EDITION.format(committee="Third", style="style: wimun"))
        write(folder / "report.yaml", REPORT.replace("paragraph: 2", "paragraph: 1"))  # a duplicate number
        write(folder / "notes.yaml", NOTES)
    return root


def test_plan_lists_every_edition_in_each_style(tmp_path):
    root = batch_project(tmp_path)
    assert plan(Project(root)) == [Job("alpha", "wimun"), Job("alpha", "pocket"), Job("beta", "print-bw"),
                                   Job("gamma", "wimun")]
    assert plan(Project(root), style="draft") == [Job("alpha", "draft"), Job("beta", "draft"), Job("gamma", "draft")]


def test_build_all_goes_on_past_a_failure_and_says_so(tmp_path):
    root = batch_project(tmp_path)
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "--all"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 5  # a line per (edition, style) and the summary
    oks = [line for line in lines if line.startswith("ok ")]
    assert sorted(re.search(r"ok\s+(\S+ \[\S+\])", line).group(1) for line in oks) == [
        "alpha [pocket]", "alpha [wimun]", "beta [print-bw]"]
    for line in oks:
        assert re.search(r"\]\s+\d+ pages\s+\d+\.\d s\s+\S+\.pdf", line), line
    fail = next(line for line in lines if line.startswith("FAIL"))
    assert re.fullmatch(r"FAIL\s+gamma \[wimun\]: \S*report\.yaml:\d+:\d+: error: duplicate paragraph number 1.*", fail)
    assert "Traceback" not in result.output
    assert lines[-1].startswith("built 3 of 4 PDFs in ") and lines[-1].endswith("1 failed: gamma [wimun]")
    dist = root / "dist"
    assert sorted(p.name for p in dist.glob("*.pdf")) == ["alpha-pocket.pdf", "alpha.pdf", "beta.pdf"]
    sizes = {p.name: tuple(round(float(v)) for v in PdfReader(str(p)).pages[0].mediabox[2:]) for p in dist.glob("*.pdf")}
    assert sizes == {"alpha.pdf": (595, 842), "alpha-pocket.pdf": (420, 595), "beta.pdf": (612, 792)}


def test_build_all_succeeds_with_exit_zero_in_one_process(tmp_path):
    root = batch_project(tmp_path, broken=False)
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "--all", "--jobs", "1", "--style", "pocket"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("built 2 of 2 PDFs")
    assert sorted(p.name for p in (root / "dist").glob("*.pdf")) == ["alpha-pocket.pdf", "beta-pocket.pdf"]


def test_build_all_refuses_an_edition_argument(tmp_path):
    root = batch_project(tmp_path, broken=False)
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "--all", "alpha"])
    assert result.exit_code == 2 and "--all builds every edition" in result.output


def test_build_all_from_the_shell(tmp_path):
    """The real command line: worker processes, progress lines and the exit status."""
    root = batch_project(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "handbook", "-C", str(root), "build", "--all", "-j", "3"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.count("\nok ") + proc.stdout.startswith("ok ") == 3
    assert "FAIL  gamma [wimun]" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
