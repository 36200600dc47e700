"""Issue 19: editions in the UN's languages, read back from the PDFs of the French, Spanish and Russian samples."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from handbook import build
from handbook.language.catalogue import LANGUAGES, catalogue
from handbook.layout.styles import hyphenator
from handbook.sources.reader import read_edition

from conftest import REPO
from pdftext import page_texts
from toolwords import words_not_from_the_sources

SAMPLES = {"fr": "exemple-fr-r2p", "es": "ejemplo-es-r2p", "ru": "primer-ru-r2p", "zh": "shili-zh-r2p"}
HYPHENATED = ("fr", "es", "ru")

@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """Each sample edition built once in its own style: language -> BuildResult."""
    out = tmp_path_factory.mktemp("languages")
    return {code: build(name, root=REPO, output=out / f"{name}.pdf") for code, name in SAMPLES.items()}


@pytest.fixture(scope="module")
def models():
    return {code: read_edition(REPO / "sources" / name)[0] for code, name in SAMPLES.items()}


def text_of(pdf) -> str:
    return "\n".join(page_texts(pdf))


# ---- labels ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_no_english_word_the_tool_added(samples, code):
    # every word on the pages, in the bookmarks and in the document properties is the sources' or the
    # catalogue's (test_language_editions.py checks every style, duplex, booklet and standalone cheat sheet)
    assert words_not_from_the_sources(samples[code].path, REPO / "sources" / SAMPLES[code], code) == {}
    text = text_of(samples[code].path)
    labels = catalogue(code).labels
    flat = " ".join(text.split())
    for key in ("contents", "countries", "cheatsheet", "kind.did-you-know", "kind.think-about",
                "kind.interesting-facts", "email", "phone", "see_also", "distribution", "original"):
        words = labels[key].split("{")[0].replace("\u202f", " ")  # a narrow space reads back as a space
        assert " ".join(words.split()) in flat, (code, key)
    if code == "fr":  # the French sample has a link (a QR code in the margin) and a note on the whole document
        assert "Lien · ¶ 7" in flat and "Faits intéressants… rapport" in flat


def test_the_catalogues_have_the_same_labels():
    english = set(catalogue("en").labels)
    for code in LANGUAGES:
        assert set(catalogue(code).labels) == english, code
        for key, text in catalogue(code).labels.items():  # the same fields to fill in, in every language
            assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", catalogue("en").labels[key]))


def test_dates_are_written_in_the_language(samples):
    first = {code: page_texts(samples[code].path)[0] for code in samples}
    assert "1 mars 2025" in first["fr"] and "1 de marzo de 2025" in first["es"] and "1 марта 2025" in first["ru"]
    assert "2025年3月1日" in first["zh"]


def test_pdf_catalog_names_the_language(samples):
    for code, result in samples.items():
        assert PdfReader(str(result.path)).trailer["/Root"]["/Lang"] == code


# ---- hyphenation -----------------------------------------------------------------------------

def hyphen_breaks(pdf) -> list[tuple[str, str]]:
    """(head, tail) of every word broken at a line end (a compound keeps its other hyphens: "государ-ств-членов")."""
    breaks = []
    for text in page_texts(pdf):
        breaks += re.findall(r"(\w[\w-]*)-\n\s*(\w[\w-]*\w)", text)
    return breaks


@pytest.mark.parametrize("code", HYPHENATED)
def test_words_break_where_the_languages_patterns_allow(samples, code):
    hyphenate = hyphenator(catalogue(code).hyphenation)
    breaks = hyphen_breaks(samples[code].path)
    assert len(breaks) >= 3, breaks
    source = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "sources" / SAMPLES[code]).glob("*.yaml"))
    for head, tail in breaks:
        # either a break the patterns allow inside the word, or the word's own hyphen ("Bosnie-" / "Herzégovine",
        # "apporte-t-" / "elle"), which the source has there
        inside = {h for h, _ in hyphenate(head + tail)}
        at_hyphen = {h for h, _ in hyphenate(f"{head}-{tail}")}
        assert head in inside or f"{head}-" in at_hyphen or f"{head}-{tail}" in source, (code, head, tail, inside)


def test_french_patterns_are_not_english_ones():
    french, english = hyphenator("fr"), hyphenator("en_GB")
    assert ("consti", "tuent") in [(h.rstrip("-"), t) for h, t in french("constituent")]
    assert ("consti", "tuent") not in [(h.rstrip("-"), t) for h, t in english("constituent")]


# ---- quotation marks and spaces ----------------------------------------------------------------

def spaces_after(pdf, marks: str) -> list[tuple[float, float]]:
    """(width of the space, width of a word space at that size) after each of `marks`, and before each of them."""
    found = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"] != ""]
            for i, c in enumerate(chars[1:-1], 1):
                if c["text"] == " " and (chars[i - 1]["text"] in "«" or chars[i + 1]["text"] in marks):
                    mark = chars[i - 1] if chars[i - 1]["text"] == "«" else chars[i + 1]
                    # the bundled Liberation fonts' word space: 512/2048 em (Serif), 569/2048 em (Sans)
                    em = (569 if "Sans" in mark["fontname"] else 512) / 2048
                    found.append((c["x1"] - c["x0"], mark["size"] * em))
    return found


def test_quotation_marks_and_french_spaces(samples):
    fr, es, ru = (text_of(samples[c].path) for c in ("fr", "es", "ru"))
    flat = " ".join(fr.split())
    assert "« responsabilité de protéger »" in flat and "possible ? Parce" in flat and "piliers : la" in flat
    # French puts a narrow no-break space inside « » and before : ; ! ? — narrower than a word space (the
    # fonts' own U+202F is 0.8 of one) ...
    spaces = spaces_after(samples["fr"].path, "»?:;!")
    assert len(spaces) >= 8 and all(width < 0.85 * word for width, word in spaces), spaces
    # ... and never broken: no line ends on an opening mark or starts with a closing one
    assert not re.search(r"«\s*\n|\n\s*[»?:;!]", fr)
    assert "«responsabilidad de proteger»" in " ".join(es.split()) and "¿Por qué" in es
    assert "«ответственность по защите»" in " ".join(ru.split())
    for text in (fr, es, ru):
        assert '"' not in text and "“" not in text


def test_french_spacing_leaves_times_and_addresses_alone():
    from handbook.language.typography import apply
    rules = catalogue("fr").typography
    assert apply("à 10:30, voir https://example.org/a", rules) == "à 10:30, voir https://example.org/a"
    assert apply('Il dit "oui" ; non!?', rules) == "Il dit «\u202foui\u202f»\u202f; non\u202f!?"


# ---- cross-references --------------------------------------------------------------------------

def links_with_text(pdf) -> list[tuple[str, int]]:
    """(words under the link, 1-based target page) of every internal link."""
    reader = PdfReader(str(pdf))
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            height = page.height
            for annot in reader.pages[index].get("/Annots", []) or []:
                annot = annot.get_object()
                dest = annot.get("/Dest")
                if dest is None:
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                inside = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                          and height - y1 <= (c["top"] + c["bottom"]) / 2 <= height - y0]
                words = "".join(c["text"] for c in inside)
                out.append((" ".join(words.split()), reader.get_page_number(dest[0].get_object()) + 1))
    return out


WORDS = {"fr": ("paragraphe 4", "paragraphes 2", "paragraphes 4", "6"),
         "es": ("párrafo 4", "párrafos 2", "párrafos 4", "6"),
         "ru": ("пункт 4", "Пункты 2", "пункты 4", "6"),
         "zh": ("第4", "第2", "3", "6")}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_cross_references_in_the_language_are_links(samples, code):
    links = links_with_text(samples[code].path)
    texts = [t for t, _ in links]
    for words in WORDS[code]:
        assert any(t.endswith(words) for t in texts), (code, words, texts)
    pages = page_texts(samples[code].path)
    para_4 = next(i + 1 for i, t in enumerate(pages) if re.search(r"^\s*4\.", t, re.M))
    assert any(t.endswith(WORDS[code][0]) and page == para_4 for t, page in links)
    # "paragraphes 138 et 139 du Document final" name another document: not linked
    assert not [t for t in texts if "138" in t or "139" in t]


# ---- countries ------------------------------------------------------------------------------

COUNTRIES = {
    "fr": (["Bosnie-Herzégovine", "Canada", "Chine", "Côte d’Ivoire", "Fédération de Russie", "Libye", "Mali",
            "République centrafricaine", "Rwanda", "Soudan du Sud"], ["Soudan"]),
    "es": (["Bosnia y Herzegovina", "Canadá", "China", "Côte d’Ivoire", "Federación de Rusia", "Libia", "Malí",
            "República Centroafricana", "Rwanda", "Sudán del Sur"], ["Sudán"]),
    "ru": (["Босния и Герцеговина", "Канада", "Китай", "Кот-д’Ивуар", "Ливия", "Мали", "Российская Федерация",
            "Руанда", "Центральноафриканская Республика", "Южный Судан"], ["Судан"]),
    # pinyin order (Bo-, E-, Jia-, Ke-, Li-, Lu-, Ma-, Nan-, Zhong fei-, Zhong guo), as Chinese indexes file
    "zh": (["波斯尼亚和黑塞哥维那", "俄罗斯联邦", "加拿大", "科特迪瓦", "利比亚", "卢旺达", "马里", "南苏丹",
            "中非共和国", "中国"], ["苏丹"]),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_country_index_in_the_language(samples, code):
    pages = page_texts(samples[code].path)
    index_page = pages[-1]
    heading = catalogue(code).labels["countries"]
    countries = index_page[index_page.index(heading.split()[-1]):]
    entries = [line.rsplit(",", 1)[0].strip() for line in countries.splitlines() if re.search(r", ?\d", line)]
    expected, absent = COUNTRIES[code]
    assert entries == expected, entries  # and in the language's alphabetical order
    for name in absent:  # a look-alike is never filed under its neighbour
        assert name not in entries
    for line in countries.splitlines():  # every page number points at a page that names the country
        if re.search(r", ?\d", line):
            name, numbers = line.rsplit(",", 1)
            assert numbers.strip()


def test_chinese_index_files_by_pinyin_under_letter_headings(samples):
    """GB/T 22466 order: each character's reading in context, then its tone; Latin and numbers with them.
    Each group has its letter heading, and no "0–9" heading stands over Han entries."""
    from handbook.language.collation import collation, initial
    order = collation("zh")
    words = ["重庆", "长江", "中国", "重要", "安全理事会", "UNHCR", "1973号决议", "马里", "妈妈", "吗"]  # ma1 ma3 ma5
    assert sorted(words, key=order) == ["1973号决议", "安全理事会", "长江", "重庆", "妈妈", "马里", "吗",
                                        "UNHCR", "中国", "重要"]
    assert [initial(w, "zh") for w in ("重庆", "中国", "安全理事会", "UNHCR", "1973号决议")] == \
        ["C", "Z", "A", "U", "1"]
    index_page = page_texts(samples["zh"].path)[-1]
    headings = [line.strip() for line in index_page.splitlines() if len(line.strip()) == 1 and not line.strip().isdigit()]
    assert headings and all("A" <= h <= "Z" for h in headings), headings
    assert "0–9" not in index_page


def test_look_alikes_stay_apart_in_every_language():
    from handbook.indexing.countries import find_countries
    texts = {
        "fr": ("le Soudan du Sud et le Soudan, la République démocratique du Congo et le Congo, le Niger et le "
               "Nigéria, la Guinée équatoriale, la Guinée-Bissau et la Guinée, la Dominique et la République "
               "dominicaine, la République arabe syrienne"),
        "es": ("Sudán del Sur y el Sudán, la República Democrática del Congo y el Congo, el Níger y Nigeria, "
               "Guinea Ecuatorial, Guinea-Bissau y Guinea, Dominica y la República Dominicana, la República Árabe Siria"),
        "ru": ("Южного Судана и Судана, Демократической Республики Конго и Конго, Нигера и Нигерии, "
               "Экваториальной Гвинее, Гвинее-Бисау и Гвинее, Доминика и Доминиканская Республика, "
               "Сирийской Арабской Республике"),
    }
    expected = ["south-sudan", "sudan", "dr-congo", "congo", "niger", "nigeria", "equatorial-guinea",
                "guinea-bissau", "guinea", "dominica", "dominican-republic", "syria"]
    for code, text in texts.items():
        assert [s.id for s, _, _ in find_countries(text, code)] == expected, code


def test_every_state_has_a_name_in_every_language():
    from handbook.indexing.countries import load_states
    english = [s.id for s in load_states()]
    for code in ("fr", "es", "ru", "ar", "zh"):
        states = load_states(code)
        assert [s.id for s in states] == english
        assert all(s.name and s.name != "" for s in states)
    assert {s.id: s.name for s in load_states("fr")}["syria"] == "République arabe syrienne"
    assert {s.id: s.name for s in load_states("es")}["syria"] == "República Árabe Siria"


# ---- the edition's and the style's choices ------------------------------------------------------

FRENCH_EDITION = """
conference: Test SimONU 2030
committee: Comité de test
title: Guide d'étude
language: {language}
{labels}
organizer:
  name: Association de test
  address: [1 rue du Test]
  email: test@example.org
parts:
  - cover
  - contents
  - document: report.yaml
    notes: notes.yaml
  - index
"""


def french(language: str = "fr", labels: str = "") -> str:
    return FRENCH_EDITION.format(language=language, labels=labels)


def french_report(text: str) -> str:
    """A French report of one paragraph; `text` is its YAML scalar as written."""
    return french_report_of(f"      - paragraph: 1\n        text: {text}")


def french_report_of(body: str) -> str:
    """A French report whose one section's body is `body` (YAML lines, indented as its items)."""
    return f"""
symbol: T/1
header: {{organs: [Assemblée générale], distribution: générale, date: 1er janvier 2030, original: français}}
title: Rapport de test
subtitle: Rapport du Secrétaire général
sections:
  - number: I
    title: Introduction
    body:
{body}
"""


@pytest.mark.parametrize("value, message", [
    ("French", "handbook.yaml:4:11: error: no catalogue for language 'French' (did you mean 'fr'?)"),
    ("Español", "handbook.yaml:4:11: error: no catalogue for language 'Español' (did you mean 'es'?)"),
    ("de", "handbook.yaml:4:11: error: no catalogue for language 'de' (languages: en, fr, es, ru, ar, zh)"),
])
def test_unknown_language_is_an_error_with_its_position(make_project, value, message):
    from handbook.errors import HandbookError
    root = make_project(edition=french(value))
    with pytest.raises(HandbookError) as info:
        read_edition(root / "sources" / "test")
    assert message in str(info.value)


def test_region_subtags_choose_the_languages_catalogue(make_project):
    root = make_project(edition=french("fr-CH"))
    assert read_edition(root / "sources" / "test")[0].language == "fr"


def test_labels_are_checked_and_override_the_catalogue(make_project, tmp_path):
    from handbook.errors import HandbookError
    root = make_project(edition=french(labels="labels: {contnts: Sommaire}"))
    with pytest.raises(HandbookError) as info:
        read_edition(root / "sources" / "test")
    assert "handbook.yaml:5:10: error: unknown label 'contnts' (did you mean 'contents'?)" in str(info.value)
    root = make_project(edition=french(labels="labels: {contents: Sommaire, kind.did-you-know: Le saviez-vous ?}"))
    text = text_of(build("test", root=root, output=tmp_path / "t.pdf").path)
    assert "Sommaire" in text and "Table des matières" not in text
    assert "Le saviez-vous ?" in text and "Saviez-vous que" not in text


def test_a_style_gives_labels_per_language_and_the_edition_wins(make_project, tmp_path):
    root = make_project(edition=french(labels="labels: {index: Index thématique}"))
    (root / "styles" / "maison.yaml").write_text(
        "extends: wimun\nlabels:\n  fr: {contents: Au sommaire, index: Index des notions}\n  es: {contents: Sumario}\n",
        encoding="utf-8")
    text = text_of(build("test", style="maison", root=root, output=tmp_path / "t.pdf").path)
    assert "Au sommaire" in text and "Index thématique" in text and "Index des notions" not in text


def test_a_style_label_for_an_unknown_language_is_an_error(make_project):
    from handbook.errors import HandbookError
    from handbook.style.theme import load_theme
    root = make_project()
    (root / "styles" / "x.yaml").write_text("extends: wimun\nlabels:\n  klingon: {contents: X}\n", encoding="utf-8")
    with pytest.raises(HandbookError) as info:
        load_theme("x", root / "styles")
    assert "x.yaml:3:3: error: labels: no catalogue for language 'klingon'" in str(info.value)


def test_arabic_and_chinese_are_refused_rather_than_misprinted(make_project):
    from handbook.errors import HandbookError
    from handbook.language.support import unsupported
    for code in ("ar", "zh"):
        if not unsupported(code):
            continue
        root = make_project(edition=french(code))
        with pytest.raises(HandbookError) as info:
            read_edition(root / "sources" / "test")
        assert f"handbook.yaml:4:11: error: language '{code}' cannot be printed yet:" in str(info.value)


LONG_NOTE = "Une note très longue qui raconte l'histoire de la Charte des Nations Unies. " * 40


def test_continuation_marks_in_the_language(make_project, tmp_path):
    paragraphs = "\n".join(f"      - paragraph: {n}\n        text: Le paragraphe {n} parle de prévention et "
                           f"d'alerte rapide au sein des Nations Unies." for n in range(1, 4))
    report = french_report_of(paragraphs)
    notes = "notes:\n" + "".join(f"  - kind: think-about\n    attach: 1\n    body: {LONG_NOTE}\n" for _ in range(3))
    root = make_project(edition=french(), report=report, notes=notes)
    text = " ".join(text_of(build("test", root=root, output=tmp_path / "t.pdf").path).split())
    assert re.search(r"suite p\. \d", text) and re.search(r"\(suite\) de ¶ 1, p\. \d", text)
    assert "(continued)" not in text and "from ¶" not in text and "continued on" not in text


def test_an_index_file_adds_a_name_the_list_lacks(make_project, tmp_path):
    report = french_report("En 2011, la Jamahiriya arabe libyenne était à l'ordre du jour, comme le Soudan.")
    index = "countries:\n  - name: Jamahiriya arabe libyenne\n    state: libya\n"
    edition = french().replace("parts:", "index: index.yaml\nparts:")
    root = make_project(edition=edition, report=report, notes="notes: []\n", extra={"index.yaml": index})
    result = build("test", root=root, output=tmp_path / "t.pdf")
    assert set(result.layout.index_hits) >= {"c:libya", "c:sudan"}
    assert "Libye, 3" in " ".join(page_texts(result.path)[-1].split())
    bad = "countries:\n  - name: Jamahiriya arabe libyenne\n    state: lybia\n"
    root = make_project(edition=edition, report=report, notes="notes: []\n", extra={"index.yaml": bad})
    from handbook.errors import HandbookError
    with pytest.raises(HandbookError) as info:
        read_edition(root / "sources" / "test")
    assert "index.yaml:3:12: error: country name 'Jamahiriya arabe libyenne': unknown state 'lybia'" in str(info.value)


# ---- Chinese ----------------------------------------------------------------------------------

def test_chinese_prints_in_the_bundled_font_embedded_as_a_subset(samples):
    import pikepdf
    with pikepdf.open(samples["zh"].path) as pdf:
        fonts = {str(f.get("/BaseFont")) for page in pdf.pages for f in page.Resources.get("/Font", {}).values()}
    kai = [f for f in fonts if "HandbookKai" in f]
    assert kai and all(re.match(r"/[A-Z]{6}\+", f) for f in kai), fonts  # subset tags: only the glyphs used
    assert samples["zh"].path.stat().st_size < 600_000  # a 2 MB font, a few hundred glyphs of it embedded
    assert not [w for w in samples["zh"].warnings if "glyph" in str(w)]


def test_chinese_lines_break_between_characters(samples):
    """No spaces between words: lines break between characters, and never before closing punctuation."""
    with pdfplumber.open(str(samples["zh"].path)) as doc:
        page = doc.pages[2]  # the report's first page
        lines = [line["text"] for line in page.extract_text_lines() if re.search(r"[\u4e00-\u9fff]{8}", line["text"])]
    assert len(lines) >= 10
    for before, after in zip(lines, lines[1:]):
        assert not re.match(r"[，。、；：！？）》」』”]", after), (before, after)
    # most lines end on a Han character with the next line going on in Han characters: a break inside a run
    inside = sum(1 for a, b in zip(lines, lines[1:]) if re.search(r"[\u4e00-\u9fff]$", a) and re.match(r"[\u4e00-\u9fff]", b))
    assert inside >= 3


def test_chinese_quotation_marks(samples):
    text = "".join(text_of(samples["zh"].path).split())
    assert "“保护责任”一词" in text and '"' not in text


def test_a_style_with_a_chinese_font_keeps_it(make_project):
    import shutil

    from handbook import words_for
    from handbook.errors import Report
    from handbook.style.theme import load_theme
    root = make_project(edition=french("zh"))
    shutil.copy(REPO / "handbook" / "style" / "fonts" / "HandbookKai-Regular.ttf", root / "styles" / "Kai.ttf")
    (root / "styles" / "cjk.yaml").write_text("extends: wimun\nfonts:\n  body: {regular: Kai.ttf}\n", encoding="utf-8")
    model = read_edition(root / "sources" / "test")[0]
    theme = load_theme("cjk", root / "styles")
    words_for(model, theme, Report())
    assert theme.fonts["body"].regular.startswith("hb-Kai-")  # the style's own file, kept
    assert theme.fonts["headings"].regular == "hb-HandbookKai-Regular"  # Liberation lacks Chinese: the bundled one


def test_a_phrase_keeps_matching_its_text_after_the_quotation_marks_change(make_project, tmp_path):
    report = french_report('\'Le mot "protéger" et la "responsabilité" sont au cœur du débat.\'')
    notes = """
notes:
  - kind: did-you-know
    attach: 1
    phrase: '" et la "responsabilité'
    body: Une note.
"""
    root = make_project(edition=french(), report=report, notes=notes)
    model = read_edition(root / "sources" / "test")[0]
    from handbook.language.typography import typeset
    typeset(model)
    note, paragraph = model.documents[0].notes[0], model.documents[0].paragraphs[0]
    assert note.phrase == "\u202f» et la «\u202fresponsabilité"  # it starts with a closing mark, as in the text
    assert note.phrase in paragraph.plain
    result = build("test", root=root, output=tmp_path / "t.pdf")
    assert result.note_pages[1] == (3, 3)


# ---- the typography rules as properties -----------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list("abcé XY1:;!?\"«»().,-/'\n")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["en", "fr", "es", "ru", "zh"]))
def test_typography_changes_only_marks_and_spaces_and_is_stable(text, code):
    from handbook.language.typography import apply
    rules = catalogue(code).typography
    out = apply(text, rules)
    strip = lambda s: re.sub(r"[\s\u202f«»“”\"'‘’\-–—]", "", s)  # noqa: E731  (-- and --- become dashes)
    assert strip(out) == strip(text)  # letters, digits and other punctuation are never added, lost or moved
    assert apply(out, rules) == out  # applying the rules again changes nothing
    assert out.count('"') == 0 and out.count("\u202f") <= 2 * len(text)
    if "--" not in text:
        assert out.count("-") == text.count("-")  # a lone hyphen stays a hyphen
    if not set("\"'") & set(text) and "--" not in text and code in ("es", "ru", "en", "zh"):
        assert out == text  # nothing to do: the text is left exactly as written


def test_new_edition_in_a_language(tmp_path):
    import shutil

    from click.testing import CliRunner

    from handbook.commands.cli import cli
    shutil.copytree(REPO / "styles", tmp_path / "styles")
    (tmp_path / "sources").mkdir()
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "new", "geneve-2030", "--language", "fr"])
    assert result.exit_code == 0, result.output
    model = read_edition(tmp_path / "sources" / "geneve-2030")[0]
    assert model.language == "fr"
    text = text_of(build("geneve-2030", root=tmp_path, output=tmp_path / "g.pdf").path)
    assert "Table des matières" in text and "Contents" not in text


def test_a_prose_part_takes_the_languages_quotation_marks(make_project, tmp_path):
    edition = french().replace("  - document: report.yaml", "  - prose: lettre.md\n  - document: report.yaml")
    letter = '# Lettre des présidents\n\nChers délégués, lisez le "rapport" : il est court !\n'
    root = make_project(edition=edition, extra={"lettre.md": letter})
    text = " ".join(text_of(build("test", root=root, output=tmp_path / "t.pdf").path).split())
    assert "lisez le « rapport » : il est court !" in text and '"' not in text


def test_russian_names_are_declined_for_the_index():
    from handbook.indexing.russian import declensions
    assert declensions("Сирийская Арабская Республика") == [
        "Сирийской Арабской Республики", "Сирийской Арабской Республике", "Сирийскую Арабскую Республику",
        "Сирийской Арабской Республикой"]
    assert "Южного Судана" in declensions("Южный Судан") and "Соединенных Штатов Америки" in declensions(
        "Соединенные Штаты Америки")
    assert "Гвинее-Бисау" in declensions("Гвинея-Бисау") and "Сент-Люсии" in declensions("Сент-Люсия")
    assert declensions("Конго") == [] and declensions("Чили") == []  # indeclinable
    assert "Республики Корея" in declensions("Республика Корея")  # the name after the head noun stays


def test_shipped_country_names_are_what_make_states_generates():
    import yaml

    from handbook.indexing.make_states import LANGUAGES as GENERATED, NOT_STATES, OUT, iso_codes, states_in
    codes = iso_codes()
    for code in GENERATED:
        shipped = yaml.safe_load((OUT / f"{code}.yaml").read_text(encoding="utf-8"))
        assert shipped["states"] == states_in(code, codes)[0], f"states/{code}.yaml: run make_states.py"
        assert shipped["not_states"] == NOT_STATES[code]


def test_the_draft_watermark_word_comes_from_the_catalogue():
    from handbook.language.catalogue import Words
    assert Words("en").fill("{draft}") == "DRAFT" and Words("fr").fill("{draft}") == "PROJET"
    assert Words("fr").fill("{unknown} {draft}") == "{unknown} PROJET"  # not a label: left as written
