"""A note's phrase that stands more than once: `occurrence` says which is marked, import writes it, else a warning."""
from __future__ import annotations

import shutil

import pdfplumber

from handbook import build
from handbook.importers import import_guide
from handbook.sources.reader import read_edition

from conftest import REPO
from importcheck import DATA, new_project

BASE = REPO / "tests" / "corpus" / "_base"
TWICE = "speaks of early warning, and then of early warning again."


def _project(tmp_path, occurrence: str = ""):
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    report, notes = root / "sources" / "test" / "report.yaml", root / "sources" / "test" / "notes.yaml"
    report.write_text(report.read_text().replace("speaks of early warning.", TWICE))
    notes.write_text(notes.read_text().replace("phrase: early warning\n", f"phrase: early warning\n{occurrence}"))
    return root


def _line_with_marker(pdf) -> str:
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            for line in (page.extract_text() or "").splitlines():
                if "●" in line and "early warning" in line:
                    return line
    return ""


def test_occurrence_two_marks_the_second_and_says_nothing(tmp_path):
    root = _project(tmp_path, "    occurrence: 2\n")
    result = build("test", root=root, output=root / "out.pdf")
    assert not [w for w in result.warnings if "occurs" in str(w)]
    line = _line_with_marker(result.path)
    # the marker follows the phrase it explains: the second "early warning", not the first
    assert "then of early warning●1" in line and "speaks of early warning●" not in line, line


def test_without_occurrence_the_first_is_marked_with_a_warning(tmp_path):
    root = _project(tmp_path)
    result = build("test", root=root, output=root / "out.pdf")
    assert any("phrase 'early warning' occurs 2 times in ¶ 1; the note is marked at the first" in str(w)
               for w in result.warnings), result.warnings
    assert "speaks of early warning●1" in _line_with_marker(result.path)


def test_import_writes_which_occurrence_was_bold(tmp_path):
    text = (DATA / "climate-guide.txt").read_text(encoding="utf-8")
    bold = "The **Lake Chad basin** shows how"
    assert bold in text
    text = text.replace(bold, "The Lake Chad basin, like the **Lake Chad basin** of old, shows how", 1)
    guide = tmp_path / "guide.txt"
    guide.write_text(text, encoding="utf-8")
    root = new_project(tmp_path / "project")
    result = import_guide(root, guide, edition="climate", style="wimun")
    model, report = read_edition(result.folder)
    note = next(n for n in model.documents[0].notes if n.phrase == "Lake Chad basin")
    assert note.occurrence == 2
    assert not [d for d in report.diagnostics if "occurs" in str(d)]
