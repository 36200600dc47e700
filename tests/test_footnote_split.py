"""A footnote longer than the room left below its reference starts there and continues overleaf, read from the PDF.

Two guides, in every built-in style: the French guide (tests/language_guides/faim-fr: a footnote of
450 words referred to near the foot of the first body page) and an English guide on space debris
(tests/footnote_guides/debris: two long footnotes, each shorter than a page, in neighbouring
paragraphs). Before the fix the footnote went to the next page with its reference line and left
the page 8 to 20 lines short. Each footnote's first words must print on the page of its marker,
its words in order on that page and the pages straight after it; no page of the document may end
more than the style's `max_hole` lines short (a part's last page is free to); every word prints.
"""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from handbook import build
from handbook.language.catalogue import catalogue
from handbook.language.typography import apply as typographic, typeset
from handbook.sources.reader import read_edition
from handbook.style.theme import load_theme

from conftest import REPO
from placement_figures import measure
from textmatch import find, misprints, near_miss, read_streams, source_words

STYLES = ["wimun", "print-bw", "pocket", "draft"]
GUIDES = {"debris": REPO / "tests" / "footnote_guides" / "debris",
          "faim-fr": REPO / "tests" / "language_guides" / "faim-fr"}
LONG = 150  # words: a footnote this long cannot always come whole with its reference line


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("footnotes")
    shutil.copytree(REPO / "styles", root / "styles")
    for name, folder in GUIDES.items():
        shutil.copytree(folder, root / "sources" / name)
    return root


def _references(report: dict, language: str) -> dict:
    """Footnote label -> the source words just before its marker (the marker prints on their line), with
    the language's quotation marks and apostrophes, as the build sets them."""
    rules = catalogue(language).typography
    found = {}
    for section in report["sections"]:
        for block in section["body"]:
            text = block.get("text", "")
            for match in re.finditer(r"\[\^(\w+)\]", text):
                before = re.sub(r"\[\^\w+\]|\[([^\]]*)\]\([^)]*\)", r"\1", text[:match.start()])
                found[match.group(1)] = source_words(typographic(before, rules))[-4:]
    return found


_BUILT: dict = {}


def built(project, guide: str, style: str):
    if (guide, style) not in _BUILT:
        _BUILT[guide, style] = build(guide, style=style, root=project, output=project / f"{guide}-{style}.pdf")
    return _BUILT[guide, style]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_a_long_footnote_starts_on_its_references_page_and_leaves_no_hole(project, guide, style):
    result = built(project, guide, style)
    theme = load_theme(style, project / "styles")
    folder = project / "sources" / guide
    model, _ = read_edition(folder)
    typeset(model)  # as the build sets it: the language's quotation marks, apostrophes and dashes
    report = yaml.safe_load((folder / ("report.yaml" if guide == "debris" else "rapport.yaml")).read_text("utf-8"))
    streams = read_streams(result.path, theme)
    body, foot = streams["body"], streams["foot"]
    references = _references(report, model.language)
    footnotes = model.documents[0].footnotes
    long = [f for f in footnotes if len(source_words(f.text.plain)) >= LONG]
    assert len(long) == (2 if guide == "debris" else 1)  # the fixture still holds its long footnotes
    for footnote in footnotes:
        label = str(footnote.number)
        end = find(body, references[label])
        assert end is not None, near_miss(body, references[label])
        page = body[end - 1].page  # the marker follows these words on their line
        text = source_words(footnote.text.plain)
        start = find(foot, text[:6])
        assert start is not None, f"footnote {label}: {near_miss(foot, text[:6])}"
        assert foot[start - 1].page == page, f"footnote {label} starts on p. {foot[start - 1].page}, " \
                                             f"its reference is on p. {page}"
        begin = max(0, start - 8)  # a word broken over two lines reads as two
        whole = find(foot, text, begin)
        assert whole is not None, f"footnote {label}: {near_miss(foot, text, begin)}"  # every word, in order
        pages = sorted({w.page for w in foot[whole - len(text):whole]})
        assert pages == list(range(page, page + len(pages))), f"footnote {label} prints on pp. {pages}"
    wrong = misprints(result.path, model, theme)  # every paragraph, footnote and note, word for word
    assert wrong == []
    figures = measure(result.path, theme)
    hole, where = figures.worst_hole()
    assert hole <= theme.placement["max_hole"], f"p. {where} ends {hole} lines short: {figures.holes}"
    assert not [w for w in result.warnings if "lines short" in str(w)], result.warnings


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_the_planner_sees_the_room_a_continued_footnote_takes_overleaf(project, guide, style, monkeypatch):
    """When a page ends with a footnote that goes on, the page window plans the next page's text column
    with the footnote's rest at its foot, as the frame then sets it (within a point): before, it saw
    that page's column whole, and the pages after a continued footnote with it still there."""
    from handbook.layout import planner as module
    seen: dict = {}  # page -> (text column's foot the frame gives it, foot the page before planned for it)
    original_plan, original_search = module.Planner.plan, module.Planner._search

    def plan(self, remaining, page, waiting, top, bottom):
        seen.setdefault(page, [None, None])[0] = bottom
        self._top_page = page
        return original_plan(self, remaining, page, waiting, top, bottom)

    def search(self, model, start, waiting, page, top, foot, depth):
        cost, chosen = original_search(self, model, start, waiting, page, top, foot, depth)
        if start == (0, 0) and page == getattr(self, "_top_page", None) and chosen is not None:
            self._top_page = None  # the page's own search, not one of the window's
            if chosen.carry or foot[1]:
                seen.setdefault(page + 1, [None, None])[1] = self._next_foot(chosen, foot[1])[0]
        return cost, chosen
    monkeypatch.setattr(module.Planner, "plan", plan)
    monkeypatch.setattr(module.Planner, "_search", search)
    project_out = project / "planned"
    project_out.mkdir(exist_ok=True)
    build(guide, style=style, root=project, output=project_out / f"{guide}-{style}.pdf")
    planned = {page: pair for page, pair in seen.items() if pair[1] is not None and pair[0] is not None}
    assert planned  # the guide still has a footnote that goes on overleaf
    for page, (drawn, expected) in planned.items():
        assert abs(drawn - expected) <= 1.0, (page, drawn, expected)
