"""Issue 20, points 1-3: covers that bleed, gray covers light on ink, booklets that print right, marks
that survive a photocopier. Everything is read back from the PDFs, in every shipped style."""
from __future__ import annotations

import json

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.units import mm

from handbook import build
from handbook.commands.cli import cli
from handbook.output.booklet import full_size_sheet, impose, sheet_for
from handbook.style.theme import load_theme

from conftest import DEFAULT_EDITION, REPO, SHIPPED_STYLES as SHIPPED

BLEED = 3 * mm
SYMBOLS = "●■▲"


@pytest.fixture(scope="module")
def print_builds(shipped_builds):
    """Each shipped style built with a 3 mm bleed and a booklet (imposed before the bleed is added)."""
    return shipped_builds


@pytest.fixture(scope="module")
def gray_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("gray")
    return build(DEFAULT_EDITION, style="wimun", root=REPO, output=out / "gray.pdf", grayscale=True, bleed=BLEED)


def filled_rects(pdf_path, page_index: int) -> list[dict]:
    """Filled rectangles of a page, with their corners in PDF space (y up, origin at the trim's corner)."""
    bottom = float(PdfReader(str(pdf_path)).pages[page_index].mediabox.bottom)  # pdfplumber's y0 starts there
    with pdfplumber.open(str(pdf_path)) as pdf:
        page = pdf.pages[page_index]
        return [dict(r, px0=r["x0"], px1=r["x1"], py0=r["y0"] + bottom, py1=r["y1"] + bottom)
                for r in page.rects if r.get("fill")]


def gray_level(colour) -> float:
    """A fill colour's lightness: 1 is paper white, 0 full black (gray, RGB or CMYK)."""
    if colour is None:
        return 0.0
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        return 0.299 * values[0] + 0.587 * values[1] + 0.114 * values[2]
    c, m, y, k = values
    return (1 - k) * (1 - (0.299 * c + 0.587 * m + 0.114 * y))


# ---- 1. the cover and the bleed ----------------------------------------------------------------

@pytest.mark.parametrize("name", SHIPPED)
def test_what_touches_the_trim_edge_reaches_into_the_bleed(print_builds, name):
    result = print_builds[name]
    theme = load_theme(name, REPO / "styles")
    width, height = theme.page_size
    trim = [float(v) for v in PdfReader(str(result.path)).pages[0].trimbox]
    assert trim == pytest.approx([0, 0, width, height])
    rects = filled_rects(result.path, 0)
    # anything filled that comes within a hair of a trim edge must run on to the bleed line
    for r in rects:
        for edge, inside, value in (("left", r["px0"] <= 0.5, r["px0"]), ("right", r["px1"] >= width - 0.5, r["px1"]),
                                    ("top", r["py1"] >= height - 0.5, r["py1"])):
            if inside:
                bleed_line = {"left": -BLEED, "right": width + BLEED, "top": height + BLEED}[edge]
                assert abs(value - bleed_line) < 0.5, (name, edge, value)
    band = [r for r in rects if r["px1"] - r["px0"] > width * 0.9]
    if theme.cover["band"]:
        assert len(band) == 1, name
        b = band[0]
        assert b["px0"] == pytest.approx(-BLEED, abs=0.1) and b["px1"] == pytest.approx(width + BLEED, abs=0.1)
        assert b["py1"] == pytest.approx(height + BLEED, abs=0.1)
        assert b["py0"] == pytest.approx(height * (1 - theme.proportions["cover_band"]), abs=0.5)
    else:
        assert not band, name  # print-bw: no band at all


def test_without_bleed_the_band_stops_at_the_page(default_pdf):
    rects = filled_rects(default_pdf, 0)
    band = max(rects, key=lambda r: r["px1"] - r["px0"])
    assert band["px0"] == pytest.approx(0, abs=0.01) and band["py1"] == pytest.approx(842, abs=1)


def test_a_grayscale_cover_is_light_on_ink(gray_build, print_builds):
    theme = load_theme("wimun", REPO / "styles", grayscale=True)
    band = max(filled_rects(gray_build.path, 0), key=lambda r: (r["px1"] - r["px0"]) * (r["py1"] - r["py0"]))
    assert band["px1"] - band["px0"] >= theme.page_size[0] - 0.1  # the band is there, as a tint
    assert band["px0"] == pytest.approx(-BLEED, abs=0.1) and band["py1"] == pytest.approx(842 + BLEED, abs=1)
    ink = 1 - gray_level(band["non_stroking_color"])
    assert ink == pytest.approx(theme.proportions["cover_gray_ink"], abs=0.01) and ink <= 0.2
    # no solid area on any gray cover: every filled shape is a light tint
    for path in (gray_build.path, print_builds["print-bw"].path):
        for r in filled_rects(path, 0):
            area = (r["px1"] - r["px0"]) * (r["py1"] - r["py0"])
            assert area < 400 or gray_level(r["non_stroking_color"]) >= 0.8, (path.name, r["non_stroking_color"])


def test_grayscale_cover_text_on_the_band_is_dark(gray_build):
    with pdfplumber.open(str(gray_build.path)) as pdf:
        page = pdf.pages[0]
        conference = [c for c in page.chars if c["text"] == "W" and c["top"] < page.height * 0.3]
    assert conference and all(gray_level(c["non_stroking_color"]) < 0.5 for c in conference)


# ---- 2. booklets -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", SHIPPED)
def test_booklet_asks_for_short_edge_duplex(print_builds, name):
    booklet = print_builds[name].extra_outputs[0]
    prefs = PdfReader(str(booklet)).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/Duplex"] == "/DuplexFlipShortEdge"
    assert any("flip on the SHORT edge" in line for line in print_builds[name].instructions)


@pytest.mark.parametrize("name", SHIPPED)
def test_booklet_warns_with_sizes_when_pages_shrink(print_builds, name):
    result = print_builds[name]
    theme = load_theme(name, REPO / "styles")
    booklet = PdfReader(str(result.extra_outputs[0]))
    sheet = booklet.pages[0].mediabox
    scale = min(float(sheet.width) / 2 / theme.page_size[0], float(sheet.height) / theme.page_size[1], 1.0)
    warnings = [str(w) for w in result.warnings if "booklet pages print at" in str(w)]
    if scale >= 0.9:
        assert not warnings, name
        return
    assert len(warnings) == 1, name
    text = warnings[0]
    size = result.layout.cheatsheet_size
    assert f"{100 * scale:.1f} %" in text
    assert f"body {theme.sizes['body'] * scale:.1f} pt" in text
    assert f"callouts {theme.sizes['callout'] * scale:.1f} pt" in text
    assert f"cheat sheet {size * scale:.1f} pt" in text
    full = full_size_sheet(theme.page_size)
    assert f"--booklet-sheet {full}" in text


def test_full_size_sheets():
    assert full_size_sheet((595.28, 841.89)) == "A3"  # A4 pages
    assert full_size_sheet((612, 792)) == "Tabloid"  # Letter pages
    assert full_size_sheet((419.53, 595.28)) == "A4"  # A5 pages
    assert full_size_sheet((612, 1008)) is None  # Legal: no standard sheet takes two


def test_booklet_sheet_keeps_pages_at_full_size(default_pdf, tmp_path):
    imposition = impose(default_pdf, tmp_path / "a3.pdf", "A3")
    assert imposition.scale == 1.0
    reader = PdfReader(str(tmp_path / "a3.pdf"))
    sheet = reader.pages[0].mediabox
    assert [round(float(sheet.width)), round(float(sheet.height))] == [1191, 842]  # A3 landscape
    assert [round(v) for v in sheet_for((612, 792), "Tabloid")] == [1224, 792]
    with pdfplumber.open(str(tmp_path / "a3.pdf")) as pdf, pdfplumber.open(str(default_pdf)) as source:
        body = [c["size"] for c in source.pages[3].chars if c["fontname"].endswith("Serif")]
        booklet_sizes = [c["size"] for p in pdf.pages for c in p.chars if c["fontname"].endswith("Serif")]
    assert max(set(body), key=body.count) == pytest.approx(max(set(booklet_sizes), key=booklet_sizes.count))


def test_booklet_command_says_how_to_print(tmp_path):
    out = tmp_path / "b.pdf"
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-o", str(out), "--booklet"])
    assert result.exit_code == 0, result.output
    assert "flip on the SHORT edge" in result.output
    assert "booklet pages print at 70.7 % of their size on A4 sheets" in result.output
    assert "--booklet-sheet A3" in result.output
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-o", str(out), "--booklet", "--report-json", "-"])
    report = json.loads(result.output)
    assert report["cheatsheet"]["pages"] == 1 and "flip on the SHORT edge" in report["print_instructions"][0]
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-o", str(out), "--booklet", "--booklet-sheet", "a3"])
    sheets = -(-len(PdfReader(str(out)).pages) // 4)  # four pages to a folded sheet
    assert result.exit_code == 0 and "booklet pages print at" not in result.output
    assert f"booklet: {sheets} A3 sheets; print double-sided, flip on the SHORT edge" in result.output
    # --strict refuses the shrinking booklet before writing anything
    strict = tmp_path / "strict.pdf"
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-o", str(strict), "--booklet", "--strict"])
    assert result.exit_code == 1 and "error: booklet pages print at 70.7 %" in result.output  # strict: a failed build
    assert not strict.exists()
    result = runner.invoke(cli, ["-C", str(REPO), "build", "-o", str(strict), "--booklet-sheet", "A3"])
    assert result.exit_code == 2 and "add --booklet" in result.output


# ---- 3. marks that survive black and white ------------------------------------------------------

def marker_chars(pdf_path, body_size: float) -> list[dict]:
    """The note markers' characters in the text: a kind symbol and the digits raised after it."""
    out = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages[2:]:
            chars = page.chars
            for i, c in enumerate(chars):
                if c["text"] in SYMBOLS and c["size"] < body_size - 0.5:  # (callout labels print at callout size)
                    out.append(c)
                    j = i + 1
                    while j < len(chars) and chars[j]["text"].isdigit():
                        out.append(chars[j])
                        j += 1
    return out


@pytest.mark.parametrize("name", SHIPPED)
def test_note_markers_are_at_least_the_minimum_size(print_builds, name):
    theme = load_theme(name, REPO / "styles")
    markers = marker_chars(print_builds[name].path, theme.sizes["body"])
    assert len([c for c in markers if c["text"] in SYMBOLS]) >= 25, name
    assert min(c["size"] for c in markers) >= theme.marks["marker_size"] - 0.01 >= 7 - 0.01


def highlight_rects(pdf_path, highlight) -> list[dict]:
    level = gray_level((highlight.red, highlight.green, highlight.blue))
    pages = len(PdfReader(str(pdf_path)).pages)
    return [r for i in range(2, min(pages, 20)) for r in filled_rects(pdf_path, i)
            if abs(gray_level(r["non_stroking_color"]) - level) < 0.01 and r["py1"] - r["py0"] < 20]


def test_a_grayscale_highlight_is_dark_enough_to_survive(gray_build):
    theme = load_theme("wimun", REPO / "styles", grayscale=True)
    rects = highlight_rects(gray_build.path, theme.colour("highlight"))
    assert len(rects) >= 20  # the anchor phrases and paragraph numbers
    for r in rects:
        level = gray_level(r["non_stroking_color"])
        assert 1 - level >= 0.15 - 1e-3  # at least 15 % gray
        assert level >= 0.7  # and still a tint that text reads on


def test_print_bw_underlines_anchor_phrases(print_builds):
    path = print_builds["print-bw"].path
    theme = load_theme("print-bw", REPO / "styles")
    assert theme.marks["anchor"] == "underline"
    assert not highlight_rects(path, theme.colour("highlight"))  # no pale fill left to vanish
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            if "Transitional justice" in text and "initiatives" in text:
                break
        words = page.extract_words()
        first = next(w for w in words if w["text"] == "Transitional")
        rules = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.01 and
                 first["bottom"] - 1 <= ln["top"] <= first["bottom"] + 4 and ln["x0"] <= first["x0"] + 1 and
                 ln["x1"] >= first["x1"] - 2.5]
    assert rules, "the anchor phrase has no underline"
    assert all(ln["linewidth"] >= theme.marks["underline"] - 0.01 for ln in rules)
    assert all(gray_level(ln["stroking_color"]) < 0.3 for ln in rules)  # black: survives a photocopy


def test_a_colour_style_can_underline_anchors(make_project, tmp_path):
    root = make_project()
    (root / "styles" / "underlined.yaml").write_text("extends: wimun\nmarks: {anchor: underline, marker_size: 8}\n")
    result = build("test", style="underlined", root=root, output=tmp_path / "u.pdf")
    theme = load_theme("underlined", root / "styles")
    assert not highlight_rects(result.path, theme.colour("highlight"))
    with pdfplumber.open(str(result.path)) as pdf:
        page = next(p for p in pdf.pages if "early warning" in (p.extract_text() or ""))
        word = next(w for w in page.extract_words() if w["text"] == "early")
        under = [ln for ln in page.lines if word["bottom"] - 1 <= ln["top"] <= word["bottom"] + 4
                 and ln["x0"] <= word["x0"] + 1]
        markers = [c for c in page.chars if c["text"] in SYMBOLS]
    sizes = {round(c["size"], 2) for c in markers}  # the raised marker, and the callout's label at 7.9 pt
    assert under and sizes == {8.0, theme.sizes["callout"]}


def test_a_bad_anchor_mark_is_an_error_at_its_line(make_project):
    root = make_project()
    (root / "styles" / "bad.yaml").write_text("extends: wimun\nmarks:\n  anchor: glitter\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(root), "build", "test", "-s", "bad"])
    assert result.exit_code == 2
    assert "bad.yaml:3:11: error: marks.anchor must be highlight or underline, not 'glitter'" in result.output


@pytest.mark.parametrize("setting, message", [
    ("gray_tint: 0.07", "marks.gray_tint must be between 0.15 and 1, not 0.07"),
    ("marker_size: 5", "marks.marker_size must be between 7 pt and 30 pt, not 5"),
])
def test_no_style_sets_marks_that_vanish_on_a_photocopy(make_project, setting, message):
    root = make_project()
    (root / "styles" / "faint.yaml").write_text(f"extends: wimun\nmarks:\n  {setting}\n")
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "test", "-s", "faint"])
    assert result.exit_code == 2 and f"faint.yaml:3:{len(setting.split(':')[0]) + 5}: error: {message}" in result.output, \
        result.output
