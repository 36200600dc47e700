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
relative to the project root.
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

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "_base"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and (p / "expect.yaml").is_file())
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning): \S|^\S+: (error|warning): \S")


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
    assert len(CASES) >= 30, CASES


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


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, tmp_path, monkeypatch):
    root = tmp_path / "project"
    expect = make_case(name, root)
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
        assert not (root / "dist").exists() or not list((root / "dist").iterdir()), "a failed build wrote files"
    assert seconds < expect.get("seconds", 5), f"{name} took {seconds:.1f} s"
