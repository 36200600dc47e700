"""Issue 21: `handbook preview` renders pages to PNG, and a PNG folder is redrawn only where pages changed."""
from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from click.testing import CliRunner
from PIL import Image

from handbook import build
from handbook.commands.cli import cli
from handbook.errors import HandbookError
from handbook.output.preview import PngFolder, page_digests, page_png, parse_pages

from conftest import BUILTIN, DEFAULT_EDITION, REPO


def test_page_lists():
    assert parse_pages("3", 25) == [3]
    assert parse_pages("2-5", 25) == [2, 3, 4, 5]
    assert parse_pages("1, 4-6,5", 25) == [1, 4, 5, 6]
    assert parse_pages("all", 3) == [1, 2, 3]
    for bad, message in (("26", "not in the PDF"), ("5-2", "not in the PDF"), ("0", "not in the PDF"),
                         ("x", "not a page list"), ("1-", "not a page list")):
        with pytest.raises(HandbookError, match=message):
            parse_pages(bad, 25)


def ink(path: Path) -> float:
    """The share of a page image's pixels that are not white."""
    image = Image.open(path).convert("L")
    histogram = image.histogram()
    return 1 - histogram[255] / sum(histogram)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "sources" / DEFAULT_EDITION, root / "sources" / DEFAULT_EDITION)
    shutil.copytree(REPO / "styles", root / "styles")
    shutil.copytree(BUILTIN, root / "styles", dirs_exist_ok=True)  # the built-in styles, as project styles to edit
    return root


def test_preview_builds_a_stale_pdf_and_renders_the_pages_asked_for(project):
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(project), "preview", "-p", "1,3", "--dpi", "72",
                                 "--png", str(project / "shots")])
    assert result.exit_code == 0, result.output
    pdf = project / "dist" / f"{DEFAULT_EDITION}.pdf"
    pages = len(PdfReader(pdf).pages)
    assert pdf.is_file() and f"{pages} pages" in result.output  # it was built first
    shots = [page_png(project / "shots", pdf.stem, n) for n in (1, 3)]
    assert result.output.strip().splitlines()[-2:] == [str(p) for p in shots]
    for shot in shots:
        width, height = Image.open(shot).size  # A4 at 72 dpi: one pixel a point (595.3 × 841.9, rounded up)
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
        assert 0.02 < ink(shot) < 0.6  # a real page: text on white, not blank, not black
    stamp = pdf.stat().st_mtime_ns
    again = runner.invoke(cli, ["-C", str(project), "preview", "-p", "2", "--png", str(project / "p2.png"),
                                "--dpi", "144"])
    assert again.exit_code == 0, again.output
    assert pdf.stat().st_mtime_ns == stamp and "pages" not in again.output  # up to date: not rebuilt
    width, height = Image.open(project / "p2.png").size
    assert abs(width - 2 * 595.3) < 1 and abs(height - 2 * 841.9) < 1


def test_preview_refuses_what_it_cannot_do(project):
    runner = CliRunner()
    several = runner.invoke(cli, ["-C", str(project), "preview", "-p", "1-2", "--png", str(project / "x.png")])
    assert several.exit_code == 2 and "takes one page" in several.output
    past = runner.invoke(cli, ["-C", str(project), "preview", "-p", "99"])
    assert past.exit_code == 2 and re.search(r"page 99 is not in the PDF \(it has \d+ pages\)", past.output)
    assert "Traceback" not in several.output + past.output


def test_png_folder_redraws_only_the_pages_that_changed(project, tmp_path):
    out = tmp_path / "guide.pdf"
    build(DEFAULT_EDITION, root=project, output=out)
    folder = PngFolder(tmp_path / "png", dpi=30)
    assert folder.refresh(out) == list(range(1, len(PdfReader(out).pages) + 1))
    assert folder.refresh(out) == []  # the same PDF: nothing to redraw
    report = project / "sources" / DEFAULT_EDITION / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "The responsibility to protect is", "The responsibility to protect, as agreed in 2005, is", 1),
        encoding="utf-8")
    before = page_digests(out)
    build(DEFAULT_EDITION, root=project, output=out)
    after = page_digests(out)
    changed = [n for n in range(1, len(after) + 1) if n > len(before) or before[n - 1] != after[n - 1]]
    assert changed and len(changed) < len(after)  # an edit changes some pages, not all
    assert folder.refresh(out) == changed
    edited = [n for n, page in enumerate(PdfReader(str(out)).pages, 1) if "agreed in 2005" in page.extract_text()]
    assert edited and set(edited) <= set(changed)
    assert sorted(p.name for p in (tmp_path / "png").glob("*.png")) == [
        page_png(tmp_path / "png", out.stem, n).name for n in range(1, len(after) + 1)]


def test_preview_never_writes_over_a_source_and_never_crashes(project):
    """--png onto the style's logo once replaced the logo with a page; under a file, or with --dpi nan, it was
    an internal error (exit 3)."""
    runner = CliRunner()
    logo = next((project / "styles").rglob("*.png"))
    before = logo.read_bytes()
    over = runner.invoke(cli, ["-C", str(project), "preview", "-p", "1", "--png", str(logo)])
    assert over.exit_code == 2, over.output
    assert "error: will not write the preview over a source file" in over.stderr
    assert logo.read_bytes() == before
    report = project / "sources" / DEFAULT_EDITION / "report.yaml"
    under = runner.invoke(cli, ["-C", str(project), "preview", "-p", "1", "--png", str(report / "shots")])
    assert under.exit_code == 2 and "is a file, not a folder" in under.stderr, under.output
    nan = runner.invoke(cli, ["-C", str(project), "preview", "--dpi", "nan"])
    assert nan.exit_code == 2 and "nan is not a number" in nan.output
    for result in (over, under, nan):
        assert "Traceback" not in result.output and "internal error" not in result.output
    assert not list(project.rglob("*.part"))
