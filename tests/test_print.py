"""Issue 8: duplex, booklets, print-shop boxes and crop marks, QR codes for links, forced grayscale."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm

from handbook import build
from handbook.output.booklet import booklet_order, impose, sheet_for
from handbook.output.printmarks import add_print_marks
from handbook.layout.qrcodes import short_url

from conftest import DEFAULT_EDITION, REPO, write
from pdftext import page_texts


# ---- booklets -------------------------------------------------------------------------------

def test_booklet_order_pads_to_whole_sheets():
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    order = booklet_order(6)  # two blank pages pad six to eight
    assert len(order) == 4 and sum(1 for side in order for i in side if i is None) == 2
    assert sorted(i for side in order for i in side if i is not None) == list(range(6))


def test_sheet_sizes():
    assert [round(v) for v in sheet_for((420, 595))] == [842, 595]  # A5 pages on A4
    assert [round(v) for v in sheet_for((396, 612))] == [792, 612]  # half-Letter on Letter


def footer_number(page, x0, x1) -> str | None:
    """The page number printed in a half sheet's footer zone (lowest standalone number), if any."""
    crop = page.crop((x0, page.height * 0.95, x1, page.height))  # the footer sits below the bottom margin
    numbers = [w["text"] for w in crop.extract_words() if re.fullmatch(r"\d{1,3}", w["text"])]
    return numbers[-1] if numbers else None


def test_booklet_pages_are_in_folding_order(default_pdf, tmp_path):
    target = tmp_path / "booklet.pdf"
    sides = impose(default_pdf, target).sides
    source_pages = len(PdfReader(str(default_pdf)).pages)
    assert sides == -(-source_pages // 4) * 2
    reader = PdfReader(str(target))
    assert len(reader.pages) == sides
    first = reader.pages[0].mediabox
    assert float(first.width) > float(first.height)  # landscape sheets
    source_numbers = {}
    with pdfplumber.open(str(default_pdf)) as pdf:
        for index, page in enumerate(pdf.pages):
            source_numbers[index] = footer_number(page, 0, page.width)
    checked = 0
    with pdfplumber.open(str(target)) as pdf:
        for side, (left, right) in zip(pdf.pages, booklet_order(source_pages)):
            half = side.width / 2
            for index, (x0, x1) in ((left, (0, half)), (right, (half, side.width))):
                read = footer_number(side, x0, x1)
                if index is None:
                    assert not side.crop((x0, 0, x1, side.height)).extract_words()  # a padding blank
                elif source_numbers[index] is not None:
                    assert read == source_numbers[index] == str(index + 1)
                    checked += 1
    assert checked >= source_pages - 4  # every numbered page was found in its place


# ---- print-shop boxes ----------------------------------------------------------------------

def test_bleed_and_crop_marks(default_pdf, tmp_path):
    target = tmp_path / "shop.pdf"
    target.write_bytes(default_pdf.read_bytes())
    add_print_marks(target, 3 * mm, crop_marks=True)
    reader = PdfReader(str(target))
    original = PdfReader(str(default_pdf)).pages[0].mediabox
    w, h = float(original.width), float(original.height)
    for page in reader.pages:
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        media = [float(v) for v in page.mediabox]
        assert trim == pytest.approx([0, 0, w, h])
        assert bleed == pytest.approx([-3 * mm, -3 * mm, w + 3 * mm, h + 3 * mm])
        assert media[0] < bleed[0] and media[2] > bleed[2]
    with pdfplumber.open(str(target)) as pdf:
        lines = pdf.pages[1].lines
    bleed = 3 * mm
    # horizontal marks continue the trim lines outward, beyond the bleed
    across = [ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 0.01 and (ln["x1"] <= -bleed or ln["x0"] >= w + bleed)]
    assert len(across) == 4
    trim_top, trim_bottom = min(ln["top"] for ln in across), max(ln["top"] for ln in across)
    assert trim_bottom - trim_top == pytest.approx(h, abs=0.1)
    # vertical marks continue the trim's sides, above and below the bleed
    down = [ln for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.01 and min(abs(ln["x0"]), abs(ln["x0"] - w)) < 0.01
            and (ln["bottom"] <= trim_top - bleed or ln["top"] >= trim_bottom + bleed)]
    assert len(down) == 4


# ---- duplex -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def duplex_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("duplex")
    import shutil
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(REPO / "styles", root / "styles")
    write(root / "styles" / "duplex.yaml", "extends: wimun\nduplex: true\n")
    return build(DEFAULT_EDITION, style="duplex", root=root, output=root / "duplex.pdf")


def test_duplex_starts_each_part_on_a_right_hand_page(duplex_build):
    reader = PdfReader(str(duplex_build.path))
    starts = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline if not isinstance(o, list)}
    for title in ("Contents", "I. Introduction and mandate", "Responsibility to protect at a glance", "Index"):
        assert starts[title] % 2 == 1, (title, starts[title])
    texts = page_texts(duplex_build.path)
    blanks = [i + 1 for i, t in enumerate(texts) if not t.strip()]
    assert blanks and all(p % 2 == 0 for p in blanks)  # blank pages fill in on the left only
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"


def test_duplex_keeps_callouts_on_the_outer_side(duplex_build):
    for page, _, x, _, width, _ in duplex_build.layout.callout_boxes:
        media = 595.2755905511812
        assert (x > media / 2) if page % 2 == 1 else (x + width < media / 2)


# ---- links on paper --------------------------------------------------------------------------

def qr_matrix_from_pdf(page, box) -> list[list[bool]]:
    """Read the dark modules of a printed QR code back from the PDF's filled rectangles."""
    _, _, x, top, width, height = box
    y_top = page.height - top
    rects = [r for r in page.rects if r["non_stroking_color"] in ((0,), (0, 0, 0), 0, [0], [0, 0, 0], (0.0,))
             and x <= r["x0"] and r["x1"] <= x + width and y_top <= r["top"] and r["bottom"] <= y_top + height]
    ox, oy = min(r["x0"] for r in rects), min(r["top"] for r in rects)
    size = max(r["x1"] for r in rects) - ox
    return rects, ox, oy, size


def test_every_link_has_a_qr_code_that_carries_its_url(default_build):
    layout = default_build.layout
    urls = set(layout.qr_codes.values())
    assert {"https://www.globalr2p.org/countries/syria/",
            "https://ihl-databases.icrc.org/en/ihl-treaties/gci-1949/article-1"} <= urls
    with pdfplumber.open(str(default_build.path)) as pdf:
        for box in layout.qr_boxes:
            page_no, key = box[0], box[1]
            url = layout.qr_codes[key]
            widget = QrCodeWidget(url, barLevel="M", barBorder=0)
            widget.draw()
            modules = widget.qr.modules
            count = len(modules)
            rects, ox, oy, size = qr_matrix_from_pdf(pdf.pages[page_no - 1], box)
            assert size == pytest.approx(17 * 72 / 25.4, abs=0.5)  # the built-in styles' links.qr_size
            cell = size / count
            printed = [[False] * count for _ in range(count)]
            for r in rects:
                for row in range(round((r["top"] - oy) / cell), round((r["bottom"] - oy) / cell)):
                    for col in range(round((r["x0"] - ox) / cell), round((r["x1"] - ox) / cell)):
                        printed[row][col] = True
            assert printed == [[bool(v) for v in row] for row in modules], url
            text = pdf.pages[page_no - 1].extract_text()
            assert short_url(url) in " ".join(text.split())


def test_links_stay_clickable(default_pdf):
    reader = PdfReader(str(default_pdf))
    uris = {a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", []) or []
            if "/A" in a.get_object() and a.get_object()["/A"].get("/S") == "/URI"}
    assert "https://www.globalr2p.org/countries/syria/" in uris
    assert "https://ihl-databases.icrc.org/en/ihl-treaties/gci-1949/article-1" in uris


def test_short_url():
    assert short_url("https://www.globalr2p.org/countries/syria/") == "globalr2p.org/countries/syria"
    assert short_url("https://ihl-databases.icrc.org/en/ihl-treaties/gci-1949/article-1") == \
        "ihl-databases.icrc.org/…/article-1"


# ---- the command line ----------------------------------------------------------------------

def test_build_command_print_options(tmp_path):
    from click.testing import CliRunner
    from handbook.commands.cli import cli
    out = tmp_path / "chair.pdf"
    result = CliRunner().invoke(cli, ["-C", str(REPO), "build", "-o", str(out), "--duplex", "--booklet",
                                      "--bleed", "3mm", "--crop-marks"])
    assert result.exit_code == 0, result.output
    booklet = tmp_path / "chair-booklet.pdf"
    assert str(booklet) in result.output and booklet.exists()
    reader = PdfReader(str(out))
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    page = reader.pages[0]
    assert float(page.bleedbox.width) - float(page.trimbox.width) == pytest.approx(6 * mm, abs=0.01)
    sheets = PdfReader(str(booklet))
    assert len(sheets.pages) * 2 == -(-len(reader.pages) // 4) * 4
    assert float(sheets.pages[0].trimbox.width) == float(sheets.pages[0].mediabox.width)  # no marks on the booklet


def test_bad_bleed_is_a_usage_error(tmp_path):
    from click.testing import CliRunner
    from handbook.commands.cli import cli
    result = CliRunner().invoke(cli, ["-C", str(REPO), "build", "-o", str(tmp_path / "x.pdf"), "--bleed", "3 furlongs"])
    assert result.exit_code == 2 and "not a length" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_grayscale_option_forces_gray(tmp_path):
    from test_styles import colour_problems
    out = tmp_path / "gray.pdf"
    result = build(DEFAULT_EDITION, root=REPO, output=out, grayscale=True)
    assert result.pages > 20
    assert colour_problems(out) == []
    colour = tmp_path / "colour.pdf"
    build(DEFAULT_EDITION, root=REPO, output=colour)
    assert colour_problems(colour)  # the same build without the option does use colour
