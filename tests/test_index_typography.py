"""Issue 20, point 4: the index's typography (indents, continued headings, balanced columns) read back from
the PDF in every shipped style, and which note phrases become entries, on the default and a second guide."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook import build
from handbook.commands.cli import cli
from handbook.style.theme import load_theme

from conftest import EDITION_YAML, REPO, SHIPPED_STYLES, write


REPORT_BODY = """symbol: A/1/9
header:
  organs: [General Assembly]
  distribution: General
  date: 1 January 2030
  original: English
title: Water for all
sections:
  - number: I
    title: Wells
    body:
{paragraphs}"""
EDITION_YAML_INDEXED = EDITION_YAML.replace("conference: Test MUN 2030", "conference: Test MUN 2030\nindex: index.yaml")


@pytest.fixture(scope="module")
def climate_build(climate_project, tmp_path_factory):
    return build("climate", root=climate_project, output=tmp_path_factory.mktemp("climate-ix") / "climate.pdf")


def index_pages(pdf_path) -> list[int]:
    """Page indexes from the subject index to the end (the countries index is last)."""
    reader = PdfReader(str(pdf_path))
    start = next(reader.get_destination_page_number(o) for o in reader.outline
                 if not isinstance(o, list) and o.title == "Index")
    return list(range(start, len(reader.pages)))


def column_lines(page, theme) -> list[list[dict]]:
    """The index lines of a page, per column: each {x (from the column's left), top, bottom, text, size}."""
    width = page.width
    left_page = page.page_number % 2 == 0
    m = theme.margins
    left = m["outer"] if left_page else m["inner"]
    full = theme.page_size[0] - m["inner"] - m["outer"]
    column = (full - theme.gutter) / 2
    origin = 0.0  # pdfplumber gives x in PDF space, where the trim box starts at 0 even with a bleed
    top_limit = page.height - (page.height - theme.page_size[1]) / 2 - (theme.page_size[1] - m["top"])
    bottom_limit = top_limit + theme.page_size[1] - m["top"] - m["bottom"]
    columns = [[], []]
    words = page.extract_words(extra_attrs=["size", "upright"], keep_blank_chars=False, use_text_flow=True)
    for w in words:
        if not top_limit - 2 <= w["top"] <= bottom_limit + 2 or not w["upright"] or w["size"] > 30:
            continue  # running header and folio, a watermark
        x = w["x0"] - origin - left
        index = 0 if x < column + theme.gutter / 2 else 1
        columns[index].append(dict(w, x=x - index * (column + theme.gutter)))
    out = []
    for words_in in columns:
        lines: dict = {}
        for w in sorted(words_in, key=lambda w: (round(w["top"]), w["x0"])):
            lines.setdefault(round(w["top"]), []).append(w)
        out.append([dict(x=ws[0]["x"], top=ws[0]["top"], bottom=max(w["bottom"] for w in ws),
                         text=" ".join(w["text"] for w in ws), size=ws[0]["size"]) for _, ws in sorted(lines.items())])
    del width
    return out


def all_columns(pdf_path, theme):
    with pdfplumber.open(str(pdf_path)) as pdf:
        for i in index_pages(pdf_path):
            yield i, column_lines(pdf.pages[i], theme)


def is_heading(line, theme) -> bool:
    return line["size"] > theme.sizes["body"] * 0.9 + 0.5  # letter headings and part titles are larger


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_turnover_lines_indent_deeper_than_sub_entries(shipped_builds, name):
    theme = load_theme(name, REPO / "styles")
    step = theme.index["indent"]
    seen = set()
    for _, columns in all_columns(shipped_builds[name].path, theme):
        for lines in columns:
            for line in lines:
                if is_heading(line, theme):
                    continue
                level = min((0, 1, 2), key=lambda k: abs(line["x"] - k * step))
                assert abs(line["x"] - level * step) < 0.8, (name, line["text"], line["x"])
                seen.add(level)
    assert seen == {0, 1, 2}  # entries, sub-entries and turnovers all occur
    # the known case: Accountability's line runs over, and its turnover stands right of its sub-entries
    flat = [line for _, columns in all_columns(shipped_builds[name].path, theme) for lines in columns for line in lines]
    i = next(i for i, line in enumerate(flat) if line["text"].startswith("Accountability,"))
    assert flat[i]["x"] < 0.8
    turnover = flat[i + 1]
    sub = next(line for line in flat[i + 1:] if line["text"].startswith("accountability mechanisms"))
    assert turnover["x"] == pytest.approx(2 * step, abs=0.8) and sub["x"] == pytest.approx(step, abs=0.8)


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_a_column_never_begins_inside_an_entry_without_its_heading(shipped_builds, name):
    theme = load_theme(name, REPO / "styles")
    continued = 0
    for page, columns in all_columns(shipped_builds[name].path, theme):
        for lines in columns:
            if not lines:
                continue
            first = lines[0]
            assert is_heading(first, theme) or first["x"] < 0.8, (name, page + 1, first["text"])
            if first["text"].endswith("(continued)"):
                continued += 1
                assert lines[1]["x"] > 0.8  # what follows is the entry's sub-entries or turnover
    if name == "wimun":
        assert continued >= 1  # the default edition splits "Special Advisers" across columns


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_the_last_page_columns_balance(shipped_builds, name):
    theme = load_theme(name, REPO / "styles")
    pages = list(all_columns(shipped_builds[name].path, theme))
    _, (left, right) = pages[-1]
    leading = theme.sizes["body"] * 0.9 * 1.7  # a letter heading's line, the tallest one
    bottoms = [lines[-1]["bottom"] for lines in (left, right) if lines]
    assert len(bottoms) == 2, name
    # the columns differ by less than one entry with its letter heading (groups are never split there)
    assert abs(bottoms[0] - bottoms[1]) <= 2.2 * leading, (name, bottoms)


def index_text(pdf_path) -> str:
    reader = PdfReader(str(pdf_path))
    return "\n".join(reader.pages[i].extract_text() for i in index_pages(pdf_path))


def test_only_noun_phrases_become_entries(default_pdf, climate_build):
    default = index_text(default_pdf)
    assert "Have been" not in default and "An open debate" not in default
    assert "2005 World Summit" in default  # a dated name, not an event
    climate = index_text(climate_build.path)
    for absent in ("Has been described", "An open debate", "Early Warnings for All"):  # the last: index: false
        assert absent not in climate
    assert re.search(r"^\s*Global stocktake, \d", climate, re.M)  # a noun phrase from a note
    assert re.search(r"^\s*Paris Agreement, \d", climate, re.M)


def test_a_phrase_never_hides_a_sub_entry(climate_build):
    theme = load_theme("wimun", REPO / "styles")
    lines = [line for _, columns in all_columns(climate_build.path, theme) for c in columns for line in c]
    sub = [line for line in lines if line["text"].startswith("global goal on adaptation")]
    assert len(sub) == 1 and sub[0]["x"] == pytest.approx(theme.index["indent"], abs=0.8)
    assert not any(line["text"].startswith("Global goal on adaptation") for line in lines)


def test_index_warnings_name_the_line(climate_build):
    warnings = [str(w) for w in climate_build.warnings]
    assert any(re.search(r"climate/index\.yaml:4:33: warning: see also 'Resilience planning': the index has no "
                         r"such term", w) for w in warnings), warnings
    assert any(re.search(r"climate/index\.yaml:13:5: warning: index term 'Geoengineering' is never found in "
                         r"the text", w) for w in warnings), warnings
    assert not any("'Loss and damage'" in w for w in warnings)  # an existing see_also is fine


def test_check_reports_the_same_warnings(climate_project):
    result = CliRunner().invoke(cli, ["-C", str(climate_project), "check", "climate"])
    assert result.exit_code == 0, result.output
    assert "index.yaml:13:5: warning: index term 'Geoengineering'" in result.output


def test_index_key_needs_a_phrase(make_project):
    root = make_project(notes="""
        notes:
          - kind: did-you-know
            attach: 1
            index: false
            body: A note without a phrase has nothing to keep out of the index.
        """)
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "test"])
    assert result.exit_code == 2
    assert re.search(r"notes\.yaml:4:\d+: error: 'index' says whether the note's phrase is indexed", result.output)


def test_index_value_must_be_true_or_false(make_project):
    root = make_project(notes="""
        notes:
          - kind: did-you-know
            attach: 1
            phrase: early warning
            index: perhaps
            body: A note about early warning.
        """)
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "test"])
    assert result.exit_code == 2
    assert re.search(r"notes\.yaml:5:\d+: error: index must be true or false", result.output), result.output


def test_a_prose_note_can_keep_its_phrase_out_of_the_index(make_project, tmp_path):
    from test_prose import LETTER_NOTES, letter_edition
    kept = letter_edition(make_project)
    with_index = index_text(build("test", root=kept, output=tmp_path / "kept.pdf").path)
    # the source's straight apostrophe prints curly, in the index as in the text
    assert "Your country\u2019s record" in with_index
    opted = LETTER_NOTES.replace("    phrase: your country's record\n",
                                 "    phrase: your country's record\n    index: false\n")
    assert opted != LETTER_NOTES
    (kept / "sources" / "test" / "letter-notes.yaml").write_text(opted, encoding="utf-8")
    without = index_text(build("test", root=kept, output=tmp_path / "opted.pdf").path)
    assert "Your country\u2019s record" not in without and "Your country's record" not in without


def test_the_noun_phrase_rule_is_english_only():
    from handbook.indexing.phrases import fold, phrase_heading
    assert phrase_heading("have been", set()) is None and phrase_heading("The Genocide Convention", set()) == \
        "Genocide Convention"
    # French: "a" is a verb, "in" no word at all; the English lists must not judge the phrase
    assert phrase_heading("in situ", set(), "fr") == "In situ"
    assert phrase_heading("a posteriori", set(), "fr") == "A posteriori"
    # the rules that hold in every language: the index file's own wording, and a clause's length
    assert phrase_heading("Responsabilité de protéger", {fold("responsabilité de protéger")}, "fr") is None
    assert phrase_heading("un deux trois quatre cinq six sept", set(), "fr") is None


def test_a_heading_never_keeps_the_phrase_s_closing_punctuation():
    from handbook.indexing.phrases import phrase_heading
    assert phrase_heading("national accountability mechanisms.", set()) == "National accountability mechanisms"
    assert phrase_heading("“early warning”,", set()) == "Early warning"
    assert phrase_heading("les mécanismes nationaux;", set(), "fr") == "Mécanismes nationaux"


def test_a_heading_goes_without_the_languages_leading_article():
    """As "The Genocide Convention" is filed under "Genocide Convention", so "la prévention des atrocités" under
    "Prévention des atrocités": each language's articles come from its catalogue."""
    from handbook.indexing.phrases import fold, phrase_heading
    assert phrase_heading("la prévention des atrocités", set(), "fr") == "Prévention des atrocités"
    assert phrase_heading("l’alerte rapide", set(), "fr") == "Alerte rapide"
    assert phrase_heading("L'Assemblée générale", set(), "fr") == "Assemblée générale"
    assert phrase_heading("de la société civile", set(), "fr") == "Société civile"
    assert phrase_heading("Les", set(), "fr") == "Les"  # an article alone is no article of anything
    assert phrase_heading("lenteur des réponses", set(), "fr") == "Lenteur des réponses"  # "le" is not "lenteur"
    assert phrase_heading("los derechos humanos", set(), "es") == "Derechos humanos"
    assert phrase_heading("una alerta temprana", set(), "es") == "Alerta temprana"
    assert phrase_heading("Ελ", set(), "ru") == "Ελ" and phrase_heading("права человека", set(), "ru") == "Права человека"
    # the index file's own term, written without the article, makes the phrase's entry needless
    assert phrase_heading("la responsabilité de protéger", {fold("Responsabilité de protéger")}, "fr") is None


@pytest.mark.parametrize("name", SHIPPED_STYLES)
def test_an_entry_longer_than_a_column_repeats_its_heading(make_project, tmp_path, name):
    """A guide not seen before: one term with 150 sub-entries cannot fit a column in any style, so each
    column it runs on to opens with "Water supply (continued)" and then its sub-entries, none lost."""
    import string
    names = [a + b for a in string.ascii_lowercase[:15] for b in string.ascii_lowercase[:10]]
    paragraphs = "".join(f"      - paragraph: {i + 1}\n        text: It names "
                         + ", ".join(f"wells {n}" for n in names[i * 10:(i + 1) * 10]) + ".\n"
                         for i in range(15))
    report = REPORT_BODY.replace("{paragraphs}", paragraphs)
    index = "terms:\n  - term: Water supply\n    subentries:\n" + "".join(f"      - term: wells {n}\n" for n in names)
    root = make_project(report=report, notes="notes: []\n",
                        edition=EDITION_YAML_INDEXED, extra={"index.yaml": index})
    result = build("test", style=name, root=root, output=tmp_path / "w.pdf")
    theme = load_theme(name, root / "styles")
    heads, seen = 0, []
    for _, columns in all_columns(result.path, theme):
        for lines in columns:
            body = [line for line in lines if not is_heading(line, theme)]
            if body and body[0]["text"].startswith("Water supply (continued)"):
                heads += 1
                assert body[1]["x"] == pytest.approx(theme.index["indent"], abs=0.8)  # its sub-entries follow
            seen += [line["text"].split(",")[0] for line in body if line["text"].startswith("wells ")]
    assert heads >= 1, name
    assert sorted(seen) == sorted(f"wells {n}" for n in names), name  # every sub-entry once, in some column
