"""Issue 5: the cheat sheet is always exactly one legible page, or a clear error."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook import build_cheatsheet
from handbook.commands.cli import cli
from handbook.errors import HandbookError
from handbook.sources.reader import read_edition

from conftest import DEFAULT_EDITION, EDITION_YAML, REPO, write


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    path, size, pages = build_cheatsheet(DEFAULT_EDITION, output=out, root=REPO)
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
    # the sources read fine and the layout could not finish: a failed build, exit status 1
    assert result.exit_code == 1 and "does not fit on one page" in result.output and "Traceback" not in result.output


def test_landscape_from_the_style(make_project, tmp_path):
    # the default edition's sheet, its ¶ references pointed at the two paragraphs this small report has
    sheet = re.sub(r"refs: \[[^\]]*\]", "refs: [1, 2]",
                   (REPO / "sources" / DEFAULT_EDITION / "cheatsheet.yaml").read_text())
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": sheet})
    write(root / "styles" / "wide.yaml", "extends: wimun\ncheatsheet: {orientation: landscape, columns: 3}\n")
    path, _, _ = build_cheatsheet("test", style="wide", output=tmp_path / "wide.pdf", root=root)
    page = PdfReader(str(path)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert len(PdfReader(str(path)).pages) == 1


def test_cheatsheet_command(tmp_path):
    out = tmp_path / "c.pdf"
    result = CliRunner().invoke(cli, ["-C", str(REPO), "cheatsheet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 page" in result.output and out.exists()


# --- the size search ---------------------------------------------------------------------------


class _FakeSheet:
    """Just what fit_size asks of a cheat-sheet page, with the overflow a given function of the size."""

    def __init__(self, overflow, low=7.0, high=10.0):
        from types import SimpleNamespace
        self.theme = SimpleNamespace(cheatsheet={"min_font_size": low, "max_font_size": high})
        self.overflow, self.calls = overflow, []

    def arrange(self, size, pages=1):
        self.calls.append(size)
        return [], self.overflow(size)


@pytest.mark.parametrize("shape", ["linear", "steep", "convex", "steps", "flat then sudden"])
@pytest.mark.parametrize("limit", [7.0, 7.25, 7.6, 8.0, 8.5, 9.1, 9.75, 9.9])
def test_fit_size_finds_the_largest_size_that_fits(shape, limit):
    from handbook.layout.cheatsheet import STEP, fit_size
    overflow = {
        "linear": lambda s: (s - limit) * 40,
        "steep": lambda s: (s - limit) * 900,
        "convex": lambda s: (s - limit) * abs(s - 6) ** 3,
        "steps": lambda s: (int(s * 2) / 2 - int(limit * 2) / 2) * 50 + (s - limit) * 0.01,
        "flat then sudden": lambda s: -1.0 if s <= limit else 500.0,
    }[shape]
    page = _FakeSheet(overflow)
    grid = [7.0 + i * STEP for i in range(int(3 / STEP) + 1)]
    expected = max(s for s in grid if overflow(s) <= 0)
    assert fit_size(page) == expected
    assert len(set(page.calls)) == len(page.calls)  # no size is set twice
    # the aimed guess and its neighbour settle near-linear cases in four settings (halving took 5–6);
    # when the aim is off, halving finishes, at worst two settings more than halving alone
    assert len(page.calls) <= (4 if shape in ("linear", "steep") else 8)
