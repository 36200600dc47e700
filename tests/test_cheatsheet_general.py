"""Issue 20, points 5 and 6: a cheat sheet for any guide (the pillars block from the file, balanced columns,
a folio and the binding margin in the book, checked refs) and a legible pocket sheet, read back from PDFs."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook import build, build_cheatsheet
from handbook.commands.cli import cli
from handbook.style.theme import load_theme

from conftest import DEFAULT_EDITION, EDITION_YAML, REPO, SHIPPED_STYLES, write
from geometry import chars_outside, overlapping_words, read_pages

ROOF = "Holding warming to well below 2 °C and pursuing 1.5 °C"
BASE = "United Nations Framework Convention on Climate Change (1992) and Paris Agreement (2015)"
PILLARS = ("Mitigation", "Adaptation", "Loss and damage", "Finance, technology, capacity-building")


@pytest.fixture(scope="module")
def climate_builds(climate_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("climate-cs")
    return {name: build("climate", style=name, root=climate_project, output=out / f"{name}.pdf")
            for name in SHIPPED_STYLES}


def sheet_page_numbers(pdf_path, title: str) -> list[int]:
    """0-based pages of the cheat sheet: where its outline entry points, and a back page if it has one."""
    reader = PdfReader(str(pdf_path))
    first = next(reader.get_destination_page_number(o) for o in reader.outline
                 if not isinstance(o, list) and o.title == title)
    following = reader.pages[first + 1].extract_text() if first + 1 < len(reader.pages) else ""
    return [first, first + 1] if f"{title} (continued)" in following else [first]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_the_diagram_prints_what_the_file_says(climate_builds, name):
    path = climate_builds[name].path
    [page] = sheet_page_numbers(path, "Climate action at a glance")
    with pdfplumber.open(str(path)) as pdf:
        sheet = pdf.pages[page]
        text = squash(sheet.extract_text())
        words = [w["text"] for w in sheet.extract_words()]
    for line in (ROOF, BASE):
        for word in line.split():
            assert word in words, (name, word)
    assert "Responsibility to protect" not in text and "World Summit" not in text
    for title in PILLARS:  # all four, none clipped or broken inside a word
        for word in title.split():
            assert word in words, (name, word)
    for word in ("Cutting", "resilience", "Responding", "implementation"):  # each pillar's text
        assert word in words, (name, word)
    geometry = read_pages(path)[page]
    assert not [(a, b) for a, b in overlapping_words(geometry) if max(a.size, b.size) < 30], name  # (a watermark)
    assert not chars_outside(geometry), name


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_cheat_sheet_columns_end_level(shipped_builds, climate_builds, name):
    for path, title in ((shipped_builds[name].path, "Responsibility to protect at a glance"),
                        (climate_builds[name].path, "Climate action at a glance")):
        for page in sheet_page_numbers(path, title):
            with pdfplumber.open(str(path)) as pdf:
                boxes = [c for c in pdf.pages[page].curves if c.get("stroke") and not c.get("fill")]
            full = max(b["x1"] - b["x0"] for b in boxes)
            columns: dict = {}
            for b in boxes:
                if b["x1"] - b["x0"] < full * 0.7:  # a column's box, not the full-width diagram
                    columns.setdefault(round(b["x0"]), []).append(b["bottom"])
            if len(columns) < 2:
                continue
            bottoms = [max(v) for v in columns.values()]
            assert max(bottoms) - min(bottoms) < 0.5, (name, path.name, page + 1, bottoms)


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_the_columns_run_on_to_the_foot_line(shipped_builds, name):
    """A sheet set a step below the size that would overflow opens its boxes up rather than end in white."""
    result = shipped_builds[name]
    for page in sheet_page_numbers(result.path, "Responsibility to protect at a glance"):
        with pdfplumber.open(str(result.path)) as pdf:
            sheet = pdf.pages[page]
            boxes = [c for c in sheet.curves if c.get("stroke") and not c.get("fill")]
            lowest = max(b["bottom"] for b in boxes)
            foot = [w for w in sheet.extract_words() if w["text"] == "¶" and w["top"] > lowest]
        assert foot, (name, page + 1)
        assert 0 < foot[0]["top"] - lowest <= 3 * result.layout.cheatsheet_size, (name, page + 1, lowest, foot[0])


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_in_the_book_the_sheet_has_a_folio_and_the_binding_margin(shipped_builds, name):
    theme = load_theme(name, REPO / "styles")
    path = shipped_builds[name].path
    inner = theme.margins["inner"]
    width = theme.page_size[0]
    for page in sheet_page_numbers(path, "Responsibility to protect at a glance"):
        number = page + 1
        with pdfplumber.open(str(path)) as pdf:
            sheet = pdf.pages[page]
            words = [w for w in sheet.extract_words(extra_attrs=["upright", "size"])
                     if w["upright"] and w["size"] < 30]
        lowest = max(w["bottom"] for w in words)
        folio = [w for w in words if w["text"] == str(number) and w["bottom"] > lowest - 2]
        assert len(folio) == 1, (name, number)
        if number % 2:  # a right-hand page: binding on the left, folio at the right
            assert min(w["x0"] for w in words) >= inner - 0.5
            assert folio[0]["x1"] == pytest.approx(width - theme.margins["outer"], abs=0.5)
        else:
            assert max(w["x1"] for w in words) <= width - inner + 0.5
            assert folio[0]["x0"] == pytest.approx(theme.margins["outer"], abs=0.5)


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_click_to_jump_only_where_a_reader_can_click(shipped_builds, name):
    theme = load_theme(name, REPO / "styles")
    path = shipped_builds[name].path
    text = " ".join(PdfReader(str(path)).pages[p].extract_text()
                    for p in sheet_page_numbers(path, "Responsibility to protect at a glance"))
    assert ("(click to jump)" in text) == bool(theme.cheatsheet["click_hint"])
    assert ("(click to jump)" in text) == (name != "print-bw")
    assert "¶ numbers refer to the paragraphs of the report" in text


def test_the_standalone_sheet_never_says_click(tmp_path):
    path, _, _ = build_cheatsheet(DEFAULT_EDITION, output=tmp_path / "c.pdf", root=REPO)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "¶ numbers refer" in text and "click" not in text


# ---- the pocket sheet ------------------------------------------------------------------------

def test_the_pocket_sheet_is_a_legible_two_sided_card(shipped_builds, tmp_path):
    result = shipped_builds["pocket"]
    assert result.layout.cheatsheet_pages == 2 and result.layout.cheatsheet_size >= 6.5
    pages = sheet_page_numbers(result.path, "Responsibility to protect at a glance")
    assert len(pages) == 2
    with pdfplumber.open(str(result.path)) as pdf:
        sizes = [c["size"] for p in pages for c in pdf.pages[p].chars if c["text"].strip() and c["upright"]]
    assert min(sizes) >= 6.5 - 0.01
    path, size, count = build_cheatsheet(DEFAULT_EDITION, style="pocket", output=tmp_path / "p.pdf", root=REPO)
    reader = PdfReader(str(path))
    assert count == 2 == len(reader.pages)
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    with pdfplumber.open(str(path)) as pdf:
        assert min(c["size"] for p in pdf.pages for c in p.chars if c["text"].strip()) >= 6.5 - 0.01
        back = pdf.pages[1].extract_text()
    assert "at a glance (continued)" in back
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    model_items = ["History of discrimination", "Triggers or drivers", "Appoint a senior-level focal point",
                   "Root-cause prevention", "Pillar III"]
    assert all(item in text for item in model_items)  # nothing dropped between front and back


def test_the_build_says_what_the_sheet_became(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-s", "pocket", "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    assert re.search(r"cheat sheet: 2 pages \(a two-sided card: print double-sided\) set in [\d.]+ pt", result.output)
    result = runner.invoke(cli, ["-C", str(REPO), "cheatsheet", "-s", "wimun", "-o", str(tmp_path / "c.pdf")])
    assert re.search(r"1 page\s+set in [\d.]+ pt", result.output)


def test_a_card_too_full_for_two_pages_is_refused(make_project, tmp_path):
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": "title: T\nblocks:\n  - id: x\n    title: X\n    items:\n" +
                               "".join(f"      - text: {'Words that fill the page. ' * 30}\n" for _ in range(40))})
    result = CliRunner().invoke(cli, ["-C", str(root), "cheatsheet", "test", "-s", "pocket", "-o",
                                      str(tmp_path / "x.pdf")])
    assert result.exit_code == 1  # a failed build
    assert "does not fit on two pages (a two-sided card) even at 6.5 pt" in result.output


# ---- the file's checks ---------------------------------------------------------------------------

SHEET = """
title: A sheet
blocks:
  - id: pillars
    title: The pillars
    kind: pillars
    roof: The idea
    base: The founding text
    items:
{items}
  - id: list
    title: A list
    items:
      - text: One.
        refs: [1, 2, 9]
"""


def check_sheet(make_project, sheet: str) -> str:
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": sheet})
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "test"])
    return result.output if result.exit_code == 2 else ""


def pillar_items(count: int, title: str = "P") -> str:
    return "".join(f"      - title: {title}{i}\n        text: Item {i}.\n" for i in range(count))


def test_a_ref_to_a_missing_paragraph_is_an_error(make_project):
    output = check_sheet(make_project, SHEET.format(items=pillar_items(3)))
    assert re.search(r"cheatsheet\.yaml:20:22: error: the cheat sheet refers to paragraph 9, which does not exist "
                     r"\(the report's paragraphs run from 1 to 2\)", output), output


@pytest.mark.parametrize("count", [1, 6])
def test_a_pillars_block_holds_two_to_five(make_project, count):
    output = check_sheet(make_project, SHEET.format(items=pillar_items(count)))
    assert re.search(rf"cheatsheet\.yaml:9:7: error: a pillars block holds 2 to 5 items, not {count}", output), output


def test_pillars_limits_name_their_line(make_project):
    long_title = pillar_items(2) + "      - title: " + "x" * 41 + "\n        text: Too long.\n"
    output = check_sheet(make_project, SHEET.format(items=long_title).replace("    roof: The idea\n", ""))
    assert re.search(r"cheatsheet\.yaml:12:9: error: a pillar's title is at most 40 characters, not 41", output)
    assert re.search(r"cheatsheet\.yaml:8:7: error: a pillars block needs a 'roof'", output), output
    misplaced = SHEET.format(items=pillar_items(2)).replace("    items:\n      - text: One.",
                                                            "    roof: Not here\n    items:\n      - text: One.")
    output = check_sheet(make_project, misplaced)
    assert re.search(r"cheatsheet\.yaml:\d+:11: error: 'roof' belongs to a pillars block, not a list block", output)


def test_five_pillars_with_long_titles_fit_a5(make_project, tmp_path):
    titles = ["Prevention and early warning", "National accountability mechanisms",
              "International cooperation", "Timely and decisive response", "Rebuilding after crises"]
    items = "".join(f"      - title: {t}\n        text: What the {t.lower()} pillar asks of States.\n" for t in titles)
    sheet = SHEET.format(items=items).replace("refs: [1, 2, 9]", "refs: [1, 2]")
    root = make_project(edition=EDITION_YAML.replace("  - index", "  - cheatsheet: cheatsheet.yaml\n  - index"),
                        extra={"cheatsheet.yaml": sheet})
    write(root / "styles" / "a5.yaml", "extends: pocket\n")
    path, _, _ = build_cheatsheet("test", style="a5", output=tmp_path / "five.pdf", root=root)
    geometry = read_pages(path)[0]
    assert not overlapping_words(geometry) and not chars_outside(geometry)
    with pdfplumber.open(str(path)) as pdf:
        words = {w["text"] for w in pdf.pages[0].extract_words()}
    assert all(word in words for t in titles for word in t.split())


def test_the_column_split_leaves_no_blank_column_before_a_filled_one():
    from handbook.layout.sheetfit import best_columns
    assert best_columns([100.0], [500.0, 500.0]) == [1, 0]
    assert best_columns([100.0], [500.0, 500.0, 500.0]) == [1, 0, 0]
    assert best_columns([100.0, 100.0], [500.0, 500.0, 500.0]) == [1, 1, 0]
    assert best_columns([300.0, 300.0, 300.0], [500.0, 500.0]) in ([2, 1], [1, 2])  # the best split still wins
