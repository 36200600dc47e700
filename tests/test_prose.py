"""Prose parts: a Markdown page (a letter from the chairs) with headings, lists, links, footnotes, emphasis
and notes in its margin, laid out in every built-in style and listed in the contents and the index."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from handbook import build
from handbook.errors import HandbookError
from handbook.model import Emphasis, FootnoteRef, ItemList, Link, Prose, ProseHeading, Strong, walk_inline
from handbook.sources.reader import read_edition

from conftest import EDITION_YAML
from geometry import chars_outside, overlapping_words, read_pages
from importcheck import flat, missing_from_pdf, pdf_streams
from pdftext import page_texts

LETTER = """\
# Letter from the chairs

Dear delegates,

It is our pleasure to welcome you to the committee. The report you will debate asks how States can
prevent **atrocity crimes** before they happen, and what the *international community* owes them
when they cannot.[^thanks] Read it with your country's record in mind.

## How to prepare

1. Read the report twice: once for its argument, once for your country.
2. Find the paragraphs your delegation would quote, and those it would rather forget.
3. Write two operative clauses, and find a co-sponsor for each.

- The [Global Centre for the Responsibility to Protect](https://www.globalr2p.org/) keeps country
  profiles.
- The rules of procedure are on the conference website.

We look forward to meeting you in New York.

[^thanks]: We thank the Secretariat of the conference for its help with this guide.
"""

LETTER_NOTES = """\
notes:
  - kind: think-about
    phrase: your country's record
    body: |
      Has your country ever been named in a report of the Secretary-General? What did it answer?
  - kind: did-you-know
    paragraph: 5
    body: |
      A co-sponsor supports a draft resolution before it is tabled; a signatory only asks for it to be debated.
"""


def letter_edition(make_project, notes: str = LETTER_NOTES, letter: str = LETTER, part: str | None = None):
    part = part or "  - prose: letter.md\n    notes: letter-notes.yaml\n"
    edition = EDITION_YAML.replace("  - contents\n", "  - contents\n" + part)
    return make_project(edition=edition, extra={"letter.md": letter, "letter-notes.yaml": notes})


def test_the_letter_is_read_into_blocks_with_inline_markup(make_project):
    root = letter_edition(make_project)
    model, _ = read_edition(root / "sources" / "test")
    page = model.prose_pages[0]
    assert page.title == "Letter from the chairs"
    assert [type(b).__name__ for b in page.blocks] == ["Prose", "Prose", "ProseHeading", "ItemList", "ItemList",
                                                       "Prose"]
    second = page.blocks[1].text
    assert [n.children[0].text for n in walk_inline(second.nodes) if isinstance(n, Strong)] == ["atrocity crimes"]
    assert [n.children[0].text for n in walk_inline(second.nodes) if isinstance(n, Emphasis)] == \
        ["international community"]
    assert [n.number for n in walk_inline(second.nodes) if isinstance(n, FootnoteRef)] == [1]
    assert page.footnotes[0].text.plain.startswith("We thank the Secretariat")
    ordered, bullets = page.blocks[3], page.blocks[4]
    assert isinstance(ordered, ItemList) and ordered.ordered and len(ordered.items) == 3
    assert not bullets.ordered and bullets.items[0].plain.endswith("keeps country profiles.")
    assert [n.url for n in walk_inline(bullets.items[0].nodes) if isinstance(n, Link)] == \
        ["https://www.globalr2p.org/"]
    notes = page.notes
    assert [(str(n.attach), n.attach.paragraph, n.phrase) for n in notes] == \
        [("Letter from the chairs", 2, "your country's record"), ("Letter from the chairs", 5, "")]
    # notes run on into the document's numbers: the letter comes first
    assert [n.number for n in notes] == [1, 2] and model.documents[0].notes[0].number == 3


@pytest.mark.parametrize("style", ["wimun", "print-bw", "pocket", "draft"])
def test_a_letter_with_notes_builds_in_every_style(make_project, tmp_path, style):
    root = letter_edition(make_project)
    model, _ = read_edition(root / "sources" / "test")
    result = build("test", style=style, output=tmp_path / f"{style}.pdf", root=root)
    assert missing_from_pdf(model, result.path, style) == []
    texts = page_texts(result.path)
    letter_page = next(i for i, t in enumerate(texts, 1) if "Dear delegates" in t)
    pages = read_pages(result.path)
    for page in pages[letter_page - 1:letter_page + 1]:
        clashes = [(a, b) for a, b in overlapping_words(page) if max(a.size, b.size) < 60]  # not the watermark
        assert clashes == [] and [c for c in chars_outside(page) if c.size < 60] == []
    streams = pdf_streams(result.path, style)
    assert flat("Has your country ever been named") in streams["margin"]
    assert flat("We thank the Secretariat") in streams["foot"]
    # the contents and the outline list the letter and its heading, on the letter's page
    contents = next(t for t in texts if "Contents" in t)
    assert re.search(rf"Letter from the chairs\s*(\.\s*){{3,}}{letter_page}\b", contents), contents
    assert re.search(rf"How to prepare\s*(\.\s*){{3,}}{letter_page}\b", contents), contents
    titles = [item.title for item in PdfReader(str(result.path)).outline if not isinstance(item, list)]
    assert "Letter from the chairs" in titles
    # the index files the phrase a letter's note explains under the letter's page
    index_text = " ".join(t for t in texts if "Index" in t and "Countries" not in t[:30])
    assert re.search(rf"Your country’s record,? {letter_page}\b", index_text), index_text[-600:]  # curly, as the text


@pytest.mark.parametrize("notes, message", [
    ("notes:\n  - kind: did-you-know\n    phrase: words that are not there\n    body: x\n",
     r"letter-notes\.yaml:3:13: error: phrase 'words that are not there' is not in letter\.md"),
    ("notes:\n  - kind: did-you-know\n    paragraph: 40\n    body: x\n",
     r"letter-notes\.yaml:3:16: error: letter\.md has 8 paragraphs and list items, not 40"),
    ("notes:\n  - kind: did-you-know\n    body: x\n",
     r"letter-notes\.yaml:3:11: error: a note on a prose part needs a 'phrase'"),
    ("notes:\n  - kind: did-you-kno\n    phrase: Dear delegates\n    body: x\n",
     r"letter-notes\.yaml:2:11: error: unknown note kind 'did-you-kno' \(did you mean 'did-you-know'\?\)"),
])
def test_bad_prose_notes_are_one_line_errors(make_project, notes, message):
    root = letter_edition(make_project, notes=notes)
    with pytest.raises(HandbookError) as caught:
        read_edition(root / "sources" / "test")
    assert re.search(message, str(caught.value)), str(caught.value)


def test_a_missing_letter_and_a_bare_prose_part(make_project):
    root = letter_edition(make_project, part="  - prose: leter.md\n  - prose\n")
    with pytest.raises(HandbookError) as caught:
        read_edition(root / "sources" / "test")
    text = str(caught.value)
    assert "handbook.yaml:11:12: error: prose file 'leter.md' not found" in text
    assert "handbook.yaml:12:5: error: unknown part 'prose' (write it as 'prose: FILE.md')" in text


def test_an_unreferenced_footnote_is_a_warning(make_project):
    root = letter_edition(make_project, letter=LETTER + "\n[^spare]: Never referenced.\n")
    _, report = read_edition(root / "sources" / "test")
    assert any("footnote 'spare' is defined but never referenced" in str(w) for w in report.warnings)


def test_blocks_of_a_prose_part(make_project):
    """Code, quotes and nested lists are kept as text: nothing a Markdown page holds is dropped."""
    letter = ("# Further reading\n\n> A quoted paragraph.\n\n- Books\n  - *A* nested item\n\n"
              "```\nsome code\n```\n")
    root = letter_edition(make_project, letter=letter, notes="notes: []\n")
    model, _ = read_edition(root / "sources" / "test")
    page = model.prose_pages[0]
    assert [b.text.plain if isinstance(b, (Prose, ProseHeading)) else [i.plain for i in b.items]
            for b in page.blocks] == ["A quoted paragraph.", ["Books", "A nested item"], "some code"]


def test_prose_links_are_web_or_mail_links_only(make_project):
    root = letter_edition(make_project, letter="# Letter\n\nSee [the rules](rules.html) before the session.\n",
                          notes="notes: []\n")
    with pytest.raises(HandbookError) as caught:
        read_edition(root / "sources" / "test")
    assert re.search(r"letter\.md:3:1: error: link target 'rules\.html' has no scheme", str(caught.value))
    # markdown-it itself refuses file:, javascript: and data: targets and leaves the markup as text: an error, as
    # in YAML sources (issue 14: other schemes are errors); escaped, the brackets are meant literally
    root = letter_edition(make_project, letter="# Letter\n\nSee [a file](file:///etc/passwd) first.\n",
                          notes="notes: []\n")
    with pytest.raises(HandbookError) as caught:
        read_edition(root / "sources" / "test")
    assert re.search(r"letter\.md:3:1: error: link scheme 'file:' is not allowed", str(caught.value))
    root = letter_edition(make_project, letter="# Letter\n\nSee \\[a file](file:///etc/passwd) first.\n",
                          notes="notes: []\n")
    page = read_edition(root / "sources" / "test")[0].prose_pages[0]
    assert page.blocks[0].text.plain == "See [a file](file:///etc/passwd) first."
    assert not [n for n in walk_inline(page.blocks[0].text.nodes) if isinstance(n, Link)]
