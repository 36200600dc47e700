"""Issue 16: placement targets measured from the PDF in every built-in style, and the callout details a reader sees."""
from __future__ import annotations

import re
import shutil

import pytest

from handbook import build
from handbook.style.theme import load_theme

from conftest import DEFAULT_EDITION, REPO
from pdfread import in_child
from placement_figures import document_parts, language_of, measure, phrases
from typeset_measure import text_column, word_spaces

STYLES = ["wimun", "print-bw", "pocket", "draft"]
GUIDES = REPO / "tests" / "guides"
# the stress guides (tests/guides/: shaped like real ones on other topics), the guides in other languages
# (crowded, a footnote longer than a page: tests/language_guides/) and the footnote-split guide (two long
# footnotes in neighbouring paragraphs: tests/footnote_guides/debris)
GUIDE_DIRS = {guide.name: guide for guide in [*GUIDES.iterdir(), *(REPO / "tests" / "language_guides").iterdir(),
                                               REPO / "tests" / "footnote_guides" / "debris"]}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("guides")
    shutil.copytree(REPO / "styles", root / "styles")
    for name, guide in GUIDE_DIRS.items():
        shutil.copytree(guide, root / "sources" / name)
    shutil.copytree(REPO / "sources" / DEFAULT_EDITION, root / "sources" / DEFAULT_EDITION)
    return root


_BUILT: dict = {}


def built(project, edition: str, style: str):
    key = (edition, style)
    if key not in _BUILT:
        name = DEFAULT_EDITION if edition == "default" else edition
        _BUILT[key] = build(name, style=style, root=project, output=project / f"{edition}-{style}.pdf")
    return _BUILT[key]


EDITIONS = ["default"] + sorted(GUIDE_DIRS)
# two pages of text and five notes, all crowded beside it: under 30 justified lines (issue 17's figures are
# shares of at least that many), and no callout there can sit on its own anchor line, each pushed by the next
SHORT = {"hambre-es", "golod-ru"}
CASES = [(edition, style) for edition in EDITIONS for style in STYLES]


@pytest.mark.parametrize("edition,style", CASES)
def test_placement_targets(project, edition, style):
    """90 % of notes start on their anchor's page, all within one; no hole over 3 lines; no tail-only page."""
    result = built(project, edition, style)
    theme = load_theme(style, project / "styles")
    figures = measure(result.path, theme)
    assert set(figures.anchors) == set(figures.starts) == set(range(1, result.notes_total + 1))
    assert figures.percent_same_page() >= 90, figures.summary()
    assert figures.within_one == len(figures.anchors), figures.summary()
    assert figures.worst_hole()[0] <= 3, figures.summary()
    assert not figures.tail_only_pages, figures.summary()


@pytest.mark.parametrize("edition,style", [case for case in CASES if case[0] != "default" and case[0] not in SHORT])
def test_word_spaces_hold_on_every_guide(project, edition, style):
    """Issue 17's word-space figures on guides of other topics (the default edition and the stress fixture:
    test_typesetting.py): no space over 0.75 em; at most 3 % of justified lines with one over 0.5 em."""
    result = built(project, edition, style)
    theme = load_theme(style, project / "styles")
    size = theme.sizes["body"]
    pages = [n for part in document_parts(result.path) for n in part]
    justified, widest, loose = in_child(word_spaces, result.path, pages, size,
                                        (text_column(theme, 1), text_column(theme, 2)))
    assert justified > 30
    assert widest <= 0.75 * size, (widest / size, loose)
    assert len(loose) <= 0.03 * justified, loose


@pytest.mark.parametrize("edition,style", CASES)
def test_report_agrees_with_the_pdf(project, edition, style):
    """The layout report's figures are the ones read back from the PDF."""
    result = built(project, edition, style)
    figures = measure(result.path, load_theme(style, project / "styles"))
    report = result.report()
    assert report["notes_on_anchor_page"] == figures.same_page
    assert report["placement"]["notes_within_one_page"] == figures.within_one
    assert report["placement"]["split_callouts"] == len(figures.tails)


@pytest.mark.parametrize("edition,style", CASES)
def test_split_callouts_say_where_they_go_on(project, edition, style):
    """A split callout says "continued on p. N" at the break and "(continued) from ¶ X, p. M" on p. N (in the
    edition's language)."""
    result = built(project, edition, style)
    figures = measure(result.path, load_theme(style, project / "styles"))
    words = phrases(language_of(result.path))  # the edition's language: "suite p. 5", "(suite) de ¶ 2, p. 4"
    resumed = {(page, note): line for page, note, line in figures.resumed_lines}
    for page, note, line in figures.continued_lines:
        target = int(re.search(words.continued, line).group(1))
        assert page < target <= page + 2  # the rest may wait a page for the notes anchored there
        assert (target, note) in resumed, (page, note, line)
        assert re.search(words.resumed_from(page), resumed[(target, note)]), resumed[(target, note)]
    for page, note, last in figures.head_last_lines:
        assert not re.search(r"\w-$", last), f"note {note} breaks inside a word on p. {page}: {last!r}"
    assert len(figures.continued_lines) == sum(len(v) for v in figures.tails.values())


@pytest.mark.parametrize("edition,style", CASES)
def test_a_callout_starts_on_its_anchor_line(project, edition, style):
    """A callout's first baseline is its anchor line's baseline, unless a box above pushed it down or the
    column's foot pushed it up (it then touches that box, or another pushed up below it)."""
    result = built(project, edition, style)
    theme = load_theme(style, project / "styles")
    figures = measure(result.path, theme)
    boxes = {}
    for page, number, _, top, _, height in result.layout.callout_boxes + result.layout.qr_boxes:
        boxes.setdefault(page, []).append((top, top - height))
    gap = theme.spacing["callout_gap"]
    aligned = checked = 0
    for note, page in figures.starts.items():
        if figures.anchors.get(note) != page:
            continue
        checked += 1
        marker = figures.anchor_baselines[note]
        lines = [marker] + _phrase_lines(result.path, page, marker, theme)
        offsets = [figures.start_baselines[note] - line for line in lines]
        offset = min(offsets, key=abs)
        if abs(offset) <= 0.6:
            aligned += 1
            continue
        top = next(t for p, n, _, t, _, _ in result.layout.callout_boxes if p == page and n == note)
        bottom = next(t - h for p, n, _, t, _, h in result.layout.callout_boxes if p == page and n == note)
        neighbours = [b for b in boxes[page] if b != (top, bottom)]
        column_top = theme.page_size[1] - theme.margins["top"]  # a box starts no higher than the column
        touches_above = any(0 <= b - top <= gap + 0.5 for _, b in neighbours) or abs(top - column_top) < 0.5
        touches_below = any(0 <= bottom - t <= gap + 0.5 for t, _ in neighbours) or \
            abs(bottom - theme.margins["bottom"]) < 1
        # the phrase begins on the marker's line or the one above (it may run over a line end): the box's
        # place must be explained from one of them, pushed down by a box above or up by one below
        assert any((o > 0 and touches_above) or (o < 0 and touches_below) for o in offsets), (note, page, offsets)
    # a crowded guide may have none on its anchor line, each pushed by a box above or below (as just checked)
    assert aligned >= 2 or (edition in SHORT | {"faim-fr"} and checked >= 4), (aligned, checked)


def _phrase_lines(pdf, page: int, marker: float, theme) -> list:
    """Baselines of the body lines just above the marker's where its phrase may begin (a phrase may run
    over a line end; its anchor is where it begins)."""
    import pdfplumber
    with pdfplumber.open(str(pdf)) as doc:
        sheet = doc.pages[page - 1]
        lines = {round(sheet.height - c["matrix"][5], 2) for c in sheet.chars
                 if abs(c["size"] - theme.sizes["body"]) < 0.1}
    return [line for line in lines if 0.5 * theme.sizes["leading"] < marker - line < 1.5 * theme.sizes["leading"]]


def test_strict_fails_a_build_short_of_the_style_targets(project, tmp_path):
    from click.testing import CliRunner
    from handbook.commands.cli import cli
    styles = project / "styles"
    # pocket, which the default edition does not bring to 100 % (SHORT_OF_TARGETS); wimun now does
    (styles / "demanding.yaml").write_text("extends: pocket\nplacement: {target_same_page: 100}\n")
    args = ["-C", str(project), "build", DEFAULT_EDITION, "-s", "demanding", "-o", str(tmp_path / "x.pdf")]
    relaxed = CliRunner().invoke(cli, args)
    assert relaxed.exit_code == 0
    assert "within one page:" in relaxed.output and "split callouts:" in relaxed.output
    strict = CliRunner().invoke(cli, args + ["--strict"])
    assert strict.exit_code == 1  # warnings under --strict fail the build (commands/cli.py)
    assert re.search(r"demanding\.yaml: error: placement: [\d.]+% of notes start on their anchor's page, below "
                     r"the style's placement\.target_same_page of 100%", strict.output)


def test_qr_codes_keep_a_quiet_zone_of_four_modules(default_build):
    """Nothing is drawn within four modules of a printed QR code: no frame, no text, no other box."""
    import pdfplumber
    layout = default_build.layout
    assert layout.qr_boxes
    with pdfplumber.open(str(default_build.path)) as pdf:
        for page_no, key, x, top, width, height in layout.qr_boxes:
            page = pdf.pages[page_no - 1]
            # the code's modules: black filled squares inside this box (not a frame, whose fill colour is
            # black too but unused, nor the modules of a code in a box below)
            dark = [r for r in page.rects if r["fill"] and r["non_stroking_color"] in ((0,), (0, 0, 0), 0, [0], [0, 0, 0], (0.0,))
                    and x <= r["x0"] and r["x1"] <= x + width and page.height - top <= r["top"]
                    and r["bottom"] <= page.height - top + height]
            x0, x1 = min(r["x0"] for r in dark), max(r["x1"] for r in dark)
            y0 = min(r["top"] for r in dark)
            y1 = max(r["bottom"] for r in dark if r["top"] < y0 + (x1 - x0))
            quiet = 4 * (x1 - x0) / 33 * 0.99  # four modules of the smallest code (33 modules across)
            zone = (x0 - quiet, y0 - quiet, x1 + quiet, y1 + quiet)
            code = {id(r) for r in dark if r["top"] < y1 + 0.01}

            def intrudes(o):
                return (o["x1"] > zone[0] and o["x0"] < zone[2] and o["bottom"] > zone[1] and o["top"] < zone[3])
            edges = [dict(x0=r[x], x1=r[x], top=r["top"], bottom=r["bottom"]) for r in page.rects if r["stroke"]
                     for x in ("x0", "x1")] + \
                    [dict(x0=r["x0"], x1=r["x1"], top=r[y], bottom=r[y]) for r in page.rects if r["stroke"]
                     for y in ("top", "bottom")]  # a frame's four sides, not the area it encloses
            fills = [r for r in page.rects if r["fill"] and id(r) not in code]
            others = [o for o in page.chars + page.lines + page.curves + edges + fills if intrudes(o)]
            assert not others, (page_no, key, [(o.get("text"), o["x0"], o["top"]) for o in others[:5]])


@pytest.mark.parametrize("edition,style", CASES)
def test_nothing_overlaps_and_every_note_prints(project, edition, style):
    """No two words overlap on any page, no two callout boxes overlap, and every note's text prints."""
    from geometry import overlapping_words, read_pages
    result = built(project, edition, style)
    from dataclasses import replace
    for page in read_pages(result.path):
        page = replace(page, words=[w for w in page.words if w.size < 40])  # not the draft style's watermark
        clashes = overlapping_words(page)
        assert not clashes, f"p. {page.number}: {[(a.text, b.text) for a, b in clashes[:5]]}"
    boxes: dict = {}
    for page, key, x, top, width, height in result.layout.callout_boxes + result.layout.qr_boxes:
        boxes.setdefault(page, []).append((top, top - height, key))
    for page, column in boxes.items():
        column.sort(reverse=True)
        for (_, bottom, above), (top, _, below) in zip(column, column[1:]):
            assert top <= bottom + 0.01, (page, above, below)
    assert len(result.note_pages) == result.notes_total


def test_callout_words_come_from_the_language_catalogues():
    """One table for the words a callout prints: the catalogue of the edition's language (issue 16, point 4)."""
    import importlib.util
    from handbook.language.catalogue import CATALOGUES, Words
    from handbook.layout.callouts import Callout
    assert importlib.util.find_spec("handbook.layout.labels") is None
    for path in sorted(CATALOGUES.glob("*.yaml")):
        words = Words(path.stem)
        callout = Callout.__new__(Callout)
        callout.words, callout.attach_label, callout.number, callout.kind = words, "¶ 24", 12, None
        assert callout.continued_text(9) == words("continued_on", page=9) and "9" in callout.continued_text(9)
        assert callout.moved_text(8) == words("moved", place="¶ 24", page=8)
        for key in ("resumed", "moved", "continued_on", "link"):
            assert words.labels[key] != "" and (key == "link" or "{page}" in words.catalogue.labels[key])
    english = Callout.__new__(Callout)
    english.attach_label = "¶ 3"
    assert english.moved_text(4) == "from ¶ 3, p. 4"  # a callout built without a language: English


def _source_urls() -> list:
    files = [p for guide in GUIDE_DIRS.values() for p in guide.rglob("*.yaml")] + \
        list((REPO / "sources" / DEFAULT_EDITION).glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    return sorted(set(re.findall(r"\]\((https?://[^)\s]+)\)", "".join(texts))))


@pytest.mark.parametrize("edition,style", CASES)
def test_callout_details_a_reader_sees(project, edition, style):
    """Issue 16, point 3, read from the PDF: no "¶", "p." or note symbol ends a line without its number;
    a URL breaks only at its punctuation (after / . - ? & = _ # or before . - ? # % ~ _ /, as the Chicago
    Manual has it), never between letters; nothing runs into the gutter or past the margin column; a highlight
    never stops inside a word (stretched justified lines)."""
    from callout_details import cut_highlights, outside_columns, references_split_over_lines, url_breaks
    result = built(project, edition, style)
    theme = load_theme(style, project / "styles")
    assert not references_split_over_lines(result.path, theme)
    urls = _source_urls()
    assert urls
    assert not url_breaks(result.path, theme, urls)
    assert not outside_columns(result.path, theme)
    colour = theme.colour("highlight")
    assert not cut_highlights(result.path, (colour.red, colour.green, colour.blue))
