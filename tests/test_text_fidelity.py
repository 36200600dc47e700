"""Issue 14.1: the PDF prints exactly the source text, word for word, in every edition and every style.

Each paragraph, list item, footnote and note is read back from the PDF (tests/textmatch.py) and must
print as an unbroken run of its source words. A line-end hyphen joins back only where the line
breaker added it: "pres-" / "ences" reads "presences", "dry-" / "season" reads "dry-season", and a
hyphen left in mid-line or a source hyphen lost is a misprint.
"""
from __future__ import annotations

import shutil

import pytest

from handbook import build
from handbook.layout.flowables import IndexedParagraph, laid_lines
from handbook.layout.styles import make_styles
from handbook.sources.reader import read_edition
from handbook.style.theme import load_theme

from conftest import DEFAULT_EDITION, REPO
from guides import crowded_guide
from textmatch import Word, match_at, misprints, source_words

STYLES = ("wimun", "print-bw", "pocket", "draft")
CORPUS_BASE = REPO / "tests" / "corpus" / "_base"


def assert_prints_sources(pdf, folder, style, styles_dir):
    """The PDF prints the source words, after the language's quotation marks and spaces that a build
    applies (curly quotes in English): the only change a build may make to the text."""
    from handbook.language.typography import typeset
    model, _ = read_edition(folder)
    typeset(model)
    wrong = misprints(pdf, model, load_theme(style, styles_dir))
    assert not wrong, f"{folder.name} in {style}: " + "\n".join(wrong[:8])


@pytest.mark.parametrize("style", STYLES)
def test_default_edition_prints_its_sources(style_builds, style):
    folder = REPO / "sources" / DEFAULT_EDITION
    assert_prints_sources(style_builds[style].path, folder, style, REPO / "styles")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("variant", [0, 6])  # 0 caught the bug in print-bw, 6 in pocket
def test_crowded_guide_prints_its_sources(tmp_path, style, variant):
    """Paragraphs moved on with their notes and split at page feet keep every word (pocket printed
    "field pres- en- ces" and "dryseason" for "field presences" and "dry-season")."""
    folder = crowded_guide(tmp_path, variant)
    result = build(folder.name, style=style, root=tmp_path, output=tmp_path / "out.pdf")
    assert any(p - a >= 0 for a, p in result.note_pages.values())
    assert_prints_sources(result.path, folder, style, tmp_path / "styles")


@pytest.mark.parametrize("style", STYLES)
def test_small_fixture_editions_print_their_sources(make_project, tmp_path, style):
    """The suite's small editions: the tiny one of conftest.py and the bad-input corpus's base."""
    root = make_project()
    base = tmp_path / "base"
    shutil.copytree(CORPUS_BASE, base)
    shutil.copytree(REPO / "styles", base / "styles", dirs_exist_ok=True)
    for project in (root, base):
        result = build("test", style=style, root=project, output=project / f"{style}.pdf")
        assert_prints_sources(result.path, project / "sources" / "test", style, project / "styles")


def _prints(parts, source: list[str]) -> bool:
    """Whether measured paragraph parts print exactly `source`, read as textmatch reads a PDF."""
    stream = []
    for part in parts:
        for line in laid_lines(part):
            tokens = line.split()
            stream += [Word(t, i == len(tokens) - 1, 0) for i, t in enumerate(tokens)]
    return match_at(stream, 0, source) == len(stream)


@pytest.mark.parametrize("style", STYLES)
def test_tried_and_discarded_splits_leave_a_paragraph_unchanged(style):
    """The margin guard tries a paragraph at several heights and may move it whole: whatever it tried,
    the paragraph, and each part it finally keeps, prints its words at any width."""
    theme = load_theme(style, REPO / "styles")
    styles = make_styles(theme)
    text = (" ".join(f"Field presences have a growing role; missions in the dry-season months reach "
                     f"cross-border communities with long-term early-warning arrangements {i}."
                     for i in range(6)))
    source = source_words(text)
    width, leading = theme.text_width, styles.body.leading
    for markup in (text, f"<b>Field</b> {text[6:]}"):  # one plain run of text, and fragments
        for keep in range(2, 8):
            paragraph = IndexedParagraph(markup, styles.body)
            paragraph.wrap(width, 10 ** 6)
            for lines in range(12, keep, -1):  # splits the guard tries and throws away
                paragraph.split(width, lines * leading + 0.5)
            parts = paragraph.split(width, keep * leading + 0.5)
            if not parts:  # no page ends on a hyphen, and no fewer lines may stay: it moves whole
                assert keep == 2 and paragraph.blPara.lines[1].words[-1].text.endswith("-"), (style, keep)
                paragraph.wrap(width * 0.7, 10 ** 6)
                assert _prints([paragraph], source), (style, keep)
                continue
            first, rest = parts
            for other in (width, width * 0.8, width * 1.2):
                rest.wrap(other, 10 ** 6)
                first.wrap(width, 10 ** 6)
                assert _prints([first, rest], source), (style, keep, other)
            paragraph.wrap(width * 0.7, 10 ** 6)  # moved whole to a narrower column instead
            assert _prints([paragraph], source), (style, keep)
