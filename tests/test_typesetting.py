"""Issue 17: total-fit line breaking, hyphenation and typographic punctuation, measured from the PDF."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from handbook import build
from handbook.sources.project import Project
from handbook.sources.reader import read_edition
from handbook.sources.transforms import cross_reference
from handbook.language.typography import typeset
from handbook.style.theme import load_theme

import typeset_fixture
from conftest import DEFAULT_EDITION, REPO, write
from pdftext import page_texts
from typeset_measure import hyphen_runs, lines_of, report_pages, text_column, walk_text

STYLES = ("wimun", "print-bw", "pocket", "draft")


@pytest.fixture(scope="module")
def stress_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stress")
    folder = root / "sources" / "stress"
    write(folder / "handbook.yaml", typeset_fixture.EDITION)
    (folder / "report.yaml").write_text(typeset_fixture.report_yaml(), encoding="utf-8")
    (folder / "notes.yaml").write_text(typeset_fixture.notes_yaml(), encoding="utf-8")
    shutil.copytree(REPO / "styles", root / "styles")
    return root


@pytest.fixture(scope="module", params=[(e, s) for e in ("default", "stress") for s in STYLES],
                ids=lambda p: f"{p[0]}-{p[1]}")
def built(request, stress_root, tmp_path_factory):
    """(pdf, theme, model, report pages, body lines, callout lines) for one edition in one style."""
    edition, style = request.param
    root = REPO if edition == "default" else stress_root
    name = DEFAULT_EDITION if edition == "default" else "stress"
    pdf = tmp_path_factory.mktemp("typeset") / f"{edition}-{style}.pdf"
    build(name, style=style, output=pdf, root=root)
    theme = load_theme(style, root / "styles")
    model, _ = read_edition(Project(root).edition_folder(name))
    typeset(model)  # as the build sets it: the language's quotation marks, apostrophes and dashes
    cross_reference(model)
    pages = report_pages(pdf)
    body = [line for n in pages for line in lines_of(pdf, [n], theme.sizes["body"], "Serif", *text_column(theme, n))]
    margin = lines_of(pdf, pages, theme.sizes["callout"], "Sans")
    return pdf, theme, model, pages, body, margin


def _justified(lines, theme):
    """Lines that reach the text column's right edge: justified ones (a paragraph's last line rarely does)."""
    return [line for line in lines if line.x1 >= text_column(theme, line.page)[1] - 1.0]


def test_no_word_space_wider_than_three_quarters_of_an_em(built):
    _, theme, _, _, body, _ = built
    em = theme.sizes["body"]
    justified = [line for line in _justified(body, theme) if line.gaps]
    assert len(justified) > 40
    widest = max(justified, key=lambda line: max(line.gaps))
    assert max(widest.gaps) <= 0.75 * em, (widest.page, widest.text, max(widest.gaps) / em)


def test_few_lines_with_a_word_space_over_half_an_em(built):
    _, theme, _, _, body, _ = built
    em = theme.sizes["body"]
    justified = [line for line in _justified(body, theme) if line.gaps]
    loose = [line for line in justified if max(line.gaps) > 0.5 * em]
    assert len(loose) <= 0.03 * len(justified), [(line.page, line.text) for line in loose]


def test_no_more_than_two_hyphenated_lines_in_a_row(built):
    _, _, _, _, body, margin = built
    assert max(hyphen_runs(body), default=0) <= 2
    assert max(hyphen_runs(margin), default=0) <= 2


def test_no_hyphen_at_the_foot_of_a_page(built):
    _, _, _, pages, body, _ = built
    for page in pages:
        lines = [line for line in body if line.page == page]
        if lines:
            assert not lines[-1].text.endswith("-"), (page, lines[-1].text)


def test_no_straight_quote_in_running_text(built):
    pdf = built[0]
    for number, text in enumerate(page_texts(pdf), 1):
        words = [w for w in text.split() if "://" not in w and "www." not in w and "@" not in w]
        straight = [w for w in words if '"' in w or "'" in w]
        assert not straight, (number, straight[:5])


def test_no_last_line_under_four_characters(built):
    _, theme, _, _, body, _ = built
    ragged = [line for line in body if line not in _justified(body, theme)]
    assert ragged
    short = [line for line in ragged if len(re.sub(r"^\d+\.\s*", "", line.text).strip()) < 4]
    assert not short, [(line.page, line.text) for line in short]


def test_every_paragraph_prints_its_source_text(built):
    """Line ends read as spaces, hyphens joined only where the breaker put them: a paragraph moved
    or split at a page foot must not print "pres- en- ces"."""
    _, _, model, _, body, _ = built
    stream = "\n".join(line.text for line in body).replace("\u00a0", " ")
    document = model.documents[0]
    texts = [b.plain for p in document.paragraphs for b in p.blocks] + \
            [i.text.plain for p in document.paragraphs for i in p.items]
    problems = [problem for problem in (walk_text(stream, t) for t in texts) if problem]
    assert not problems, problems[:3]
