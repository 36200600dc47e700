"""Issue 5: the cheat sheet is always exactly one legible page, or a clear error."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook import build_cheatsheet
from handbook.cli import cli
from handbook.errors import HandbookError
from handbook.reader import read_edition

from conftest import DEFAULT_EDITION, EDITION_YAML, REPO, write


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    path, size = build_cheatsheet(DEFAULT_EDITION, output=out, root=REPO)
    return path


def test_standalone_cheatsheet_is_one_page(sheet_pdf):
    assert len(PdfReader(str(sheet_pdf)).pages) == 1


def test_every_item_is_present(sheet_pdf):
    model, _ = read_edition(REPO / "sources" / DEFAULT_EDITION)
    text = squash(PdfReader(str(sheet_pdf)).pages[0].extract_text())
    sheet = model.cheatsheet
    assert [b.id for b in sheet.blocks] == ["pillars", "risk-factors", "framework", "call-to-action", "key-dates",
                                            "key-terms"]
    count = 0
    for block in sheet.blocks:
        assert squash(block.title) in text
        for item in block.items:
            for entry in [item] + item.items:
                assert squash(entry.text.plain) in text, entry.text.plain
                count += 1
    framework = next(b for b in sheet.blocks if b.id == "framework")
    assert [len(i.items) for i in framework.items] == [8, 6]
    assert count > 40


def test_smallest_font_is_at_least_the_minimum(sheet_pdf):
    with pdfplumber.open(str(sheet_pdf)) as pdf:
        sizes = [c["size"] for c in pdf.pages[0].chars if c["text"].strip()]
    assert min(sizes) >= 7 - 0.01


def test_text_stays_on_the_page(sheet_pdf):
    with pdfplumber.open(str(sheet_pdf)) as pdf:
        page = pdf.pages[0]
        for c in page.chars:
            assert 14 <= c["x0"] and c["x1"] <= page.width - 14 and 14 <= c["top"] and c["bottom"] <= page.height - 14


def test_handbook_includes_the_cheatsheet_with_links(default_pdf):
    reader = PdfReader(str(default_pdf))
    titles = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]
    page = dict(titles)["Responsibility to protect at a glance"]
    annots = [a.get_object() for a in reader.pages[page].get("/Annots", [])]
    internal = [a for a in annots if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")]
    assert len(internal) >= 20  # the ¶ references jump to the paragraphs


CRAMMED = """
title: Far too much
blocks:
  - id: everything
    title: Everything at once
    kind: list
    items:
""" + "".join(f"      - text: >-\n          {'A long item that will never fit on a single page. ' * 8}\n" for _ in range(60))


def test_oversized_cheatsheet_gives_a_clear_error(make_project, tmp_path):
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": CRAMMED})
    out = tmp_path / "never.pdf"
    with pytest.raises(HandbookError) as info:
        build_cheatsheet("test", output=out, root=root)
    message = str(info.value)
    assert re.search(r"cheatsheet\.yaml:1:1: error: the cheat sheet does not fit on one page even at 7 pt: "
                     r"it needs \d+ pt more \(\d+% of the page\)", message)
    assert not out.exists()
    result = CliRunner().invoke(cli, ["-C", str(root), "cheatsheet", "test", "-o", str(out)])
    assert result.exit_code == 2 and "does not fit on one page" in result.output and "Traceback" not in result.output


def test_landscape_from_the_style(make_project, tmp_path):
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": (REPO / "sources" / DEFAULT_EDITION / "cheatsheet.yaml").read_text()})
    write(root / "styles" / "wide.yaml", "extends: wimun\ncheatsheet: {orientation: landscape, columns: 3}\n")
    path, _ = build_cheatsheet("test", style="wide", output=tmp_path / "wide.pdf", root=root)
    page = PdfReader(str(path)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert len(PdfReader(str(path)).pages) == 1


def test_cheatsheet_command(tmp_path):
    out = tmp_path / "c.pdf"
    result = CliRunner().invoke(cli, ["-C", str(REPO), "cheatsheet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 page" in result.output and out.exists()
