"""Property: any valid edition builds, and every paragraph, note and footnote is in the PDF's text.

Hypothesis generates small random editions (many paragraphs, a random number of notes of random
length per paragraph, unicode text including <, > and &, footnotes), writes them as YAML sources,
and runs the real build on each.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import os

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

import handbook
from handbook import build
from handbook.sources.inline import parse_inline
from handbook.sources.reader import read_edition
from handbook.style.theme import load_theme

from conftest import REPO
from textmatch import misprints

BASE = Path(__file__).parent / "corpus" / "_base"

FONTS = Path(handbook.__file__).parent / "style" / "fonts"
EXAMPLES = int(os.environ.get("HANDBOOK_PROPERTY_EXAMPLES", "4"))  # per style; raise it for a long run


def _drawable_letters() -> list[str]:
    """Latin, Greek and Cyrillic letters that every bundled font has a glyph for, so text extraction
    can read back what was printed (the build warns about any other character; see test_robustness)."""
    common = None
    for name in ("LiberationSerif-Regular.ttf", "LiberationSans-Regular.ttf", "LiberationSerif-Italic.ttf"):
        cmap = set(TTFontFile(str(FONTS / name)).charToGlyph)
        common = cmap if common is None else common & cmap
    return [chr(c) for c in sorted(common) if chr(c).isalpha() and c < 0x0530 and
            unicodedata.name(chr(c), "").split()[0] in ("LATIN", "GREEK", "CYRILLIC")]


# markup characters are left out of words; <, > and & come as words of their own
LETTERS = st.sampled_from(_drawable_letters())
WORD = st.text(LETTERS, min_size=2, max_size=9)
SYMBOL = st.sampled_from(["<", ">", "&", "&amp;", "<b>", "R&D", "—", "«", "»", "2030", "(x)", "«é»"])
TOKEN = st.one_of(WORD, WORD, WORD, WORD, SYMBOL)


def words(min_size: int, max_size: int):
    return st.lists(TOKEN, min_size=min_size, max_size=max_size).map(" ".join)


@st.composite
def editions(draw):
    """(report, notes) dicts for a valid edition, plus the texts that must appear in the PDF."""
    count = draw(st.integers(min_value=3, max_value=14))
    numbers = sorted(draw(st.sets(st.integers(min_value=1, max_value=200), min_size=count, max_size=count)))
    footnote_at = draw(st.sets(st.sampled_from(numbers), max_size=4))
    paragraphs, footnotes, notes = [], [], []
    for number in numbers:
        text = draw(words(3, 45))
        if number in footnote_at:
            footnotes.append({"number": len(footnotes) + 1, "text": draw(words(1, 25))})
            text += f"[^{len(footnotes)}]"
        paragraph = {"paragraph": number, "text": text}
        paragraphs.append(paragraph)
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            body = draw(words(1, 120))
            if draw(st.booleans()):
                body += "\n\n- " + draw(words(1, 8)) + "\n- " + draw(words(1, 8))
            note = {"kind": draw(st.sampled_from(["did-you-know", "think-about", "interesting-facts"])),
                    "attach": number, "body": body}
            plain = text.split()
            if draw(st.booleans()) and len(plain) > 2:
                start = draw(st.integers(min_value=0, max_value=len(plain) - 2))
                phrase = " ".join(plain[start:start + 2])
                if "[^" not in phrase and text.count(phrase) == 1:  # a phrase found twice is warned of
                    note["phrase"] = phrase
            notes.append(note)
    split = draw(st.integers(min_value=1, max_value=len(paragraphs)))
    sections = [{"number": "I", "title": draw(words(1, 5)), "body": paragraphs[:split]}]
    if paragraphs[split:]:
        sections.append({"number": "II", "title": draw(words(1, 5)), "body": paragraphs[split:]})
    report = {"symbol": "A/1/1", "title": draw(words(1, 8)), "sections": sections}
    if footnotes:
        report["footnotes"] = footnotes
    return report, {"notes": notes} if notes else None


def squash(text: str) -> str:
    """Letters and digits only, case-folded and composed: what survives line breaks and hyphenation."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def find_in_order(text: str, document: str) -> bool:
    """Every word of `text` occurs in `document`, in order (a word may be hyphenated across lines,
    with page furniture between its halves)."""
    cursor = 0
    for word in (squash(w) for w in text.split()):
        if not word:
            continue
        found = document.find(word, cursor)
        if found >= 0:
            cursor = found + len(word)
            continue
        for cut in range(1, len(word)):
            head = document.find(word[:cut], cursor)
            tail = document.find(word[cut:], head + cut) if head >= 0 else -1
            if head >= 0 and 0 <= tail - (head + cut) < 600:
                cursor = tail + len(word) - cut
                break
        else:
            return False
    return True


def plain(markup: str) -> str:
    return parse_inline(markup).plain


# no shrinking: each example is a full build, and shrinking one can take minutes; a failure prints its
# example whole (and `print_blob` a line to replay it with @reproduce_failure)
@pytest.mark.parametrize("style", ["wimun", "print-bw", "pocket", "draft"])
@settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
          phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(edition=editions())
def test_any_valid_edition_builds_and_prints_everything(style, edition, tmp_path_factory):
    report, notes = edition
    root = tmp_path_factory.mktemp("edition") / "project"
    shutil.copytree(BASE, root)
    shutil.copytree(REPO / "styles", root / "styles", dirs_exist_ok=True)
    folder = root / "sources" / "test"
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=70)  # noqa: E731
    (folder / "report.yaml").write_text(dump(report), encoding="utf-8")
    edition_file = (folder / "handbook.yaml").read_text(encoding="utf-8")
    if notes:
        (folder / "notes.yaml").write_text(dump(notes), encoding="utf-8")
    else:
        edition_file = edition_file.replace("    notes: notes.yaml\n", "")
    (folder / "handbook.yaml").write_text(edition_file, encoding="utf-8")

    result = build(root=root, style=style, output=root / "dist" / "test.pdf")  # must not raise: a valid edition has no errors
    # and no warnings, but placement's: crowded random notes may start more than a page after their
    # anchor, or miss the style's placement targets, which the layout report names (the note is
    # still printed, as the checks below make sure)
    others = [str(w) for w in result.warnings
              if "pages after its anchor" not in str(w) and ": warning: placement: " not in str(w)]
    assert others == []

    document = squash("\n".join(page.extract_text() or "" for page in PdfReader(str(result.path)).pages))
    paragraphs = [p for s in report["sections"] for p in s["body"]]
    for paragraph in paragraphs:
        text = re.sub(r"\[\^\d+\]", " ", paragraph["text"])
        assert find_in_order(f"{paragraph['paragraph']} {text}", document), f"paragraph {paragraph['paragraph']}"
    for number, note in enumerate((notes or {}).get("notes", []), 1):
        body = note["body"].replace("\n- ", "\n")
        assert find_in_order(body, document), f"note {number}: {body[:60]!r}"
    for footnote in report.get("footnotes", []):
        assert find_in_order(f"{footnote['number']} {footnote['text']}", document), f"footnote {footnote['number']}"
    assert result.notes_total == len((notes or {}).get("notes", []))
    model, _ = read_edition(folder)  # and word for word, hyphens only where the line breaker put them
    wrong = misprints(result.path, model, load_theme(style, root / "styles"))
    assert not wrong, "\n".join(wrong[:5])
    with pikepdf.open(result.path) as pdf:  # and the file is structurally sound
        assert pdf.check_pdf_syntax() == []
