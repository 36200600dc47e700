"""The bad-input corpus: every case in tests/corpus/ gives its one-line message and exit code, never a traceback.

A case is a folder `tests/corpus/<case>/` holding `expect.yaml` and, optionally, files laid over the
minimal valid project in `tests/corpus/_base/` (same relative paths, e.g. `sources/test/report.yaml`).
`expect.yaml` says:

    about: what the user did                 # for people reading the corpus
    command: [check]                         # arguments after `handbook -C .`
    exit: 2                                  # the expected exit status (1: a failed build, --strict warnings)
    messages:                                # regexes, each must match one line of the error output
      - 'sources/test/report\\.yaml:15:9: error: duplicate paragraph number 1'
    lines: 1                                 # optional: how many diagnostic lines (default: len(messages))
    edit:                                    # optional: text replacements in the project's files
      - {file: sources/test/report.yaml, replace: "paragraph: 2", with: "paragraph: 1"}
    remove: [sources/test/notes.yaml]        # optional: files to delete
    generate:                                # optional: files made here (too big or odd to keep in git)
      - {file: sources/test/report.yaml, text: "x", times: 10, append: true}
    env: {SOURCE_DATE_EPOCH: "soon"}         # optional: environment for the run

The command runs with the working directory at a fresh copy of the project, so paths in messages are
relative to the project root. The project holds a previous build's PDF (dist/test.pdf): a run that
fails (exit 2) must leave every file of the project as it was, that PDF included, and add none.

A case that shows a bug someone else is fixing is listed in EXPECTED_FAILURES with the reason; it runs
as a strict xfail, so it turns into a failure the day the fix lands, and the entry goes.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook.commands.cli import cli

# case name -> why it fails today (every case here must fail: strict xfail)
EXPECTED_FAILURES: dict[str, str] = {}

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "_base"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and (p / "expect.yaml").is_file())
PREVIOUS_PDF = b"%PDF-1.4\n% the PDF a previous build left: a failed run must not touch it\n%%EOF\n"
# path:line:col, or a path, or (for what the command line gave) the command: "handbook new: error: ..."
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning): \S|^\S+: (error|warning): \S|^handbook [a-z]+: error: \S")


def make_case(name: str, root: Path) -> dict:
    """Copy the base project to `root`, lay the case's files over it, apply its edits; return expect.yaml."""
    case = CORPUS / name
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    shutil.copytree(BASE, root)
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expect.yaml":
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for edit in expect.get("edit", []):
        target = root / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert text.count(edit["replace"]) == 1, f"{name}: {edit['replace']!r} must occur once in {edit['file']}"
        target.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")
    for rel in expect.get("remove", []):
        (root / rel).unlink()
    for spec in expect.get("generate", []):
        target = root / spec["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (spec["text"] * spec.get("times", 1)).encode("utf-8")
        with open(target, "ab" if spec.get("append") else "wb") as handle:
            handle.write(data)
    return expect


def test_corpus_is_large_enough():
    assert len(CASES) >= 120, len(CASES)


def snapshot(root: Path) -> dict:
    """Every file under `root` (symbolic links as their target text) and its bytes."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            files[str(path.relative_to(root))] = ("link", str(path.readlink()))
        elif path.is_file():
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def test_base_project_is_valid(tmp_path, monkeypatch):
    """The corpus's base project checks and builds cleanly, so every case fails only for its own reason."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    monkeypatch.chdir(root)
    runner = CliRunner()
    for command in (["check", "--strict"], ["build", "--strict"]):
        result = runner.invoke(cli, ["-C", ".", *command])
        assert result.exit_code == 0, result.output
        assert not result.stderr.strip(), result.stderr
    assert (root / "dist" / "test.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("name", [pytest.param(case, marks=pytest.mark.xfail(reason=EXPECTED_FAILURES[case],
                                                                             strict=True))
                                  if case in EXPECTED_FAILURES else case for case in CASES])
def test_bad_input(name, tmp_path, monkeypatch):
    root = tmp_path / "project"
    expect = make_case(name, root)
    if not (root / "dist").exists():
        (root / "dist").mkdir()
        (root / "dist" / "test.pdf").write_bytes(PREVIOUS_PDF)
    before = snapshot(root)
    monkeypatch.chdir(root)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["-C", ".", *expect["command"]], env=expect.get("env"))
    seconds = time.perf_counter() - started
    shown = f"{name}: {expect.get('about', '')}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"

    assert result.exit_code == expect["exit"], shown
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.output, shown
    assert str(root) not in result.output, f"messages give paths relative to the project\n{shown}"
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for line in lines:  # every line of the error output is one diagnostic
        assert DIAGNOSTIC.match(line), f"not a one-line diagnostic: {line!r}\n{shown}"
    for pattern in expect.get("messages", []):
        assert any(re.search(pattern, line) for line in lines), f"no line matches {pattern!r}\n{shown}"
    assert len(lines) == expect.get("lines", len(expect.get("messages", []))), shown
    if expect["exit"] in (1, 2):  # a source error (2) or a failed build (1, e.g. warnings under --strict)
        assert any(": error: " in line for line in lines), shown
        after = snapshot(root)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        assert not changed, f"a failed run changed or wrote files: {changed}\n{shown}"
    assert seconds < expect.get("seconds", 5), f"{name} took {seconds:.1f} s"


def _check_command(command: list[str]) -> list[str] | None:
    """The `check` that judges what a failing `build` judged: same edition, style and strictness.
    None for a build refused for its outputs (-o, --report-json, print options), which check does not write."""
    if command[0] != "build" or {"-o", "--output", "--report-json"} & set(command):
        return None
    return ["check", *command[1:]]


BUILD_FAILURES = [name for name in CASES if name not in EXPECTED_FAILURES
                  and yaml.safe_load((CORPUS / name / "expect.yaml").read_text(encoding="utf-8"))["exit"] in (1, 2)
                  and _check_command(yaml.safe_load((CORPUS / name / "expect.yaml").read_text(encoding="utf-8"))
                                     ["command"])]


@pytest.mark.parametrize("name", BUILD_FAILURES)
def test_check_refuses_what_build_refuses(name, tmp_path, monkeypatch):
    """`check` accepts nothing that `build` rejects: every input a build refuses, check refuses, with the
    same exit status and first message."""
    root = tmp_path / "project"
    expect = make_case(name, root)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["-C", ".", *_check_command(expect["command"])], env=expect.get("env"))
    shown = f"{name}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    assert result.exit_code == expect["exit"], shown  # the same status: 2 for the sources, 1 for what fails a build
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert re.search(expect["messages"][0], "\n".join(lines), re.M), shown
