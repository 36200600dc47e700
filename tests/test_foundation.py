"""Issue 2: the default edition loads, loader errors point at file:line, and the PDF holds everything."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from handbook.commands.cli import cli
from handbook.errors import HandbookError
from handbook.model import FootnoteRef, walk_inline
from handbook.sources.reader import read_edition

from conftest import DEFAULT_EDITION, REPO
from pdftext import page_texts


def squash(text: str) -> str:
    """Letters and digits only, note markers (symbol + number) removed: robust to line breaks and hyphens."""
    text = re.sub(r"[●■▲○]\s*\d+", "", text)
    return re.sub(r"[^0-9a-z]", "", text.lower())


@pytest.fixture(scope="module")
def edition():
    model, report = read_edition(REPO / "sources" / DEFAULT_EDITION)
    return model


def test_default_edition_counts(edition):
    (document,) = edition.documents
    assert [s.number for s in document.sections] == ["I", "II", "III", "IV", "V", "VI"]
    assert [p.number for p in document.paragraphs] == list(range(1, 78))
    assert len(document.notes) == 32
    assert sorted(f.number for f in document.footnotes) == [1, 2, 3, 4, 5]
    items = next(p for p in document.paragraphs if p.number == 71).items
    assert [i.label for i in items] == list("abcdefg")
    assert edition.conference == "WIMUN NY 2025"
    assert edition.organizer.email == "wimun@wfuna.org"


def test_default_edition_notes(edition):
    (document,) = edition.documents
    kinds = {}
    for note in document.notes:
        kinds[note.kind.id] = kinds.get(note.kind.id, 0) + 1
    assert set(kinds) == {"did-you-know", "think-about", "interesting-facts"}
    targets = {str(n.attach) for n in document.notes}
    assert {"report", "§ III", "¶ 24", "¶ 71 (a)", "¶ 71 (b)", "¶ 71 (e)"} <= targets
    per_paragraph = {}
    for note in document.notes:
        per_paragraph[str(note.attach)] = per_paragraph.get(str(note.attach), 0) + 1
    assert per_paragraph["¶ 2"] == per_paragraph["¶ 24"] == per_paragraph["¶ 72"] == 3
    assert [n.tag for n in document.notes if n.tag] == ["Recent updates"]
    # the two links have real targets
    urls = [node.url for p in document.paragraphs for b in p.blocks for node in walk_inline(b.nodes)
            if hasattr(node, "url")]
    assert any("icrc" in u for u in urls) and all(u.startswith("http") for u in urls)


def test_every_footnote_is_referenced(edition):
    (document,) = edition.documents
    refs = {node.number for p in document.paragraphs for b in p.blocks + [i.text for i in p.items]
            for node in walk_inline(b.nodes) if isinstance(node, FootnoteRef)}
    assert refs == {1, 2, 3, 4, 5}


def test_check_command_summary():
    result = CliRunner().invoke(cli, ["-C", str(REPO), "check"])
    assert result.exit_code == 0, result.output
    assert "6 sections, 77 paragraphs, 32 notes, 5 footnotes" in result.output


def test_python_dash_m_help():
    out = subprocess.run([sys.executable, "-m", "handbook", "--help"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0
    for command in ("build", "check"):
        assert command in out.stdout


@pytest.mark.parametrize("command", ["build", "check", "cheatsheet"])
def test_edition_commands_explain_their_argument(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert "EDITION" in result.output and "default" in result.output


def test_every_command_has_help():
    commands = sorted(cli.commands)
    assert {"build", "check", "cheatsheet", "styles", "new"} <= set(commands)
    for command in commands:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, command
        summary = result.output.split("\n\n")[1].strip()
        assert len(summary.split()) >= 5, (command, summary)  # a sentence, not a bare name


# ---- loader errors, each with file:line -------------------------------------------------

def load_error(root, edition="test") -> str:
    with pytest.raises(HandbookError) as info:
        read_edition(root / "sources" / edition)
    return str(info.value)


def test_unknown_key_is_reported_with_position_and_suggestion(make_project):
    from conftest import REPORT_YAML
    root = make_project(report=REPORT_YAML.replace("      - paragraph: 2\n        text:",
                                                   "      - paragraph: 2\n        txet: x\n        text:"))
    message = load_error(root)
    assert re.search(r"sources/test/report\.yaml:\d+:\d+: error: paragraph: unknown key 'txet'", message)
    assert "did you mean 'text'?" in message


def test_unknown_anchor_is_reported(make_project):
    root = make_project(notes="notes:\n  - kind: did-you-know\n    attach: 9\n    body: x\n")
    assert re.search(r"notes\.yaml:3:13: error: note is attached to paragraph 9, which does not exist", load_error(root))


def test_unknown_list_item_and_section_are_reported(make_project):
    root = make_project(notes="notes:\n  - kind: did-you-know\n    attach: 1(c)\n    body: x\n"
                              "  - kind: did-you-know\n    attach: IV\n    body: y\n")
    message = load_error(root)
    assert "notes.yaml:3:13: error: note is attached to item (c) of paragraph 1, which does not exist" in message
    assert "notes.yaml:6:13: error: note is attached to section IV, which does not exist" in message


def test_duplicate_paragraph_number_is_reported(make_project):
    from conftest import REPORT_YAML
    root = make_project(report=REPORT_YAML.replace("paragraph: 2", "paragraph: 1"))
    message = load_error(root)
    assert re.search(r"report\.yaml:15:9: error: duplicate paragraph number 1 \(first used at .*report\.yaml:13:9\)",
                     message)


def test_all_errors_are_reported_together(make_project):
    root = make_project(notes="notes:\n  - kind: did-you-know\n    attach: 9\n    body: x\n"
                              "  - kind: nonsense\n    attach: 1\n    body: y\n")
    message = load_error(root)
    assert "paragraph 9" in message and "unknown note kind 'nonsense'" in message


# ---- the PDF holds everything, in order -------------------------------------------------

def test_completeness_in_source_order(default_pdf, edition):
    (document,) = edition.documents
    text = squash("".join(page_texts(default_pdf)))
    cursor = 0
    for paragraph in document.paragraphs:
        key = squash(f"{paragraph.number}. " + " ".join(paragraph.blocks[0].plain.split()[:6]))
        found = text.find(key, cursor)
        assert found >= 0, f"paragraph {paragraph.number} ({key}) missing or out of order"
        cursor = found
    cursor = 0
    for note in document.notes:
        key = squash(" ".join(note.plain.split()[:8]))
        found = text.find(key, cursor)
        assert found >= 0, f"note {note.number} ({note.plain[:40]}) missing or out of order"
        cursor = found
    cursor = 0
    for footnote in document.footnotes:
        key = squash(footnote.text.plain)[:60]
        found = text.find(key, cursor)
        assert found >= 0, f"footnote {footnote.number} missing or out of order"
        cursor = found


def test_build_command_prints_path_pages_and_time(tmp_path):
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(cli, ["-C", str(REPO), "build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(rf"{re.escape(str(out))}\s+\d+ pages\s+\d+\.\d+ s", result.output)
    assert out.read_bytes().startswith(b"%PDF")


def test_an_edition_can_add_a_note_kind(make_project, tmp_path):
    from conftest import EDITION_YAML
    from handbook import build
    edition = EDITION_YAML + "note_kinds:\n  - id: quote\n    label: In their words\n"
    root = make_project(edition=edition, notes="notes:\n  - kind: quote\n    attach: 2\n    body: A quoted note.\n")
    result = build("test", root=root, output=tmp_path / "kinds.pdf")
    text = " ".join(" ".join(t.split()) for t in page_texts(result.path))
    assert "In their words" in text and "A quoted note." in text
    assert result.note_pages[1][0] == result.note_pages[1][1]
