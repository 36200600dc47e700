"""Issue 19, every output read back: the samples and three guides of other topics in French, Spanish and Russian
(and the Chinese sample), in every built-in style, duplex, as booklets and as standalone cheat sheets, print no
word that neither their sources nor their language's catalogue holds — on the pages, in the bookmarks and in
the document properties — and say their language in the PDF's catalogue."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook import build, build_cheatsheet
from handbook.language.catalogue import catalogue

from conftest import REPO
from pdftext import page_texts
from toolwords import foreign_words, words_not_from_the_sources

GUIDES = REPO / "tests" / "language_guides"  # written for these tests: other topics, crowded, long footnote
EDITIONS = {"exemple-fr-r2p": "fr", "ejemplo-es-r2p": "es", "primer-ru-r2p": "ru", "shili-zh-r2p": "zh",
            "faim-fr": "fr", "hambre-es": "es", "golod-ru": "ru"}
STYLES = ("wimun", "print-bw", "pocket", "draft")
CASES = [(e, s) for e in EDITIONS for s in STYLES if e.endswith("r2p") or e == "faim-fr" or s in ("wimun", "pocket")]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project holding the sample editions and the guides, with the repository's styles."""
    root = tmp_path_factory.mktemp("language-editions")
    shutil.copytree(REPO / "styles", root / "styles")
    for name in EDITIONS:
        source = GUIDES / name if (GUIDES / name).exists() else REPO / "sources" / name
        shutil.copytree(source, root / "sources" / name)
    return root


_BUILT: dict = {}


def built(project: Path, edition: str, style: str, **options):
    key = (edition, style, tuple(sorted(options.items())))
    if key not in _BUILT:
        suffix = "-".join(k for k, v in sorted(options.items()) if v)
        out = project / "out" / f"{edition}-{style}{'-' + suffix if suffix else ''}.pdf"
        _BUILT[key] = build(edition, style=style, root=project, output=out, **options)
    return _BUILT[key]


def folder(project: Path, edition: str) -> Path:
    return project / "sources" / edition


def lang(pdf: Path) -> str:
    return str(PdfReader(str(pdf)).trailer["/Root"].get("/Lang"))


@pytest.mark.parametrize("edition,style", CASES)
def test_every_printed_word_comes_from_the_sources_or_the_catalogue(project, edition, style):
    code = EDITIONS[edition]
    result = built(project, edition, style)
    assert words_not_from_the_sources(result.path, folder(project, edition), code) == {}
    assert lang(result.path) == code
    if style == "draft":  # the watermark is the language's word
        assert catalogue(code).labels["draft"] in "".join(page_texts(result.path)[2].split())


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_duplex_booklet_and_standalone_cheat_sheet_too(project, edition, tmp_path):
    code = EDITIONS[edition]
    result = built(project, edition, "wimun", duplex=True, booklet=True)
    booklet = result.path.with_name(result.path.stem + "-booklet.pdf")
    sheet, _, _ = build_cheatsheet(edition, style="pocket", root=project, output=tmp_path / "sheet.pdf")
    for pdf in (result.path, booklet, sheet):
        assert words_not_from_the_sources(pdf, folder(project, edition), code) == {}, pdf.name
        assert lang(pdf) == code, pdf.name


def test_the_check_finds_a_word_the_tool_adds(project, tmp_path):
    """A style that rewords a label in English: the check, which knows only the sources and the catalogue, sees it."""
    (project / "styles" / "anglais.yaml").write_text(
        "extends: wimun\nlabels:\n  fr: {contents: Contents, see_also: see also}\n", encoding="utf-8")
    try:
        result = build("faim-fr", style="anglais", root=project, output=tmp_path / "en.pdf")
    finally:
        (project / "styles" / "anglais.yaml").unlink()
    found = words_not_from_the_sources(result.path, folder(project, "faim-fr"), "fr")
    assert set(found["pages"]) == {"Contents", "see", "also"} and found["bookmarks"] == ["Contents"]
    # and a word broken at a line end is judged whole: "Contents" broken as "Con-" / "tents" is still found
    assert foreign_words("Con-\ntents", "Contenu") == ["Con", "tents"]
    assert foreign_words("Conte-\nnu", "Contenu") == []


# ---- the French guide: crowded notes, a footnote continued overleaf, references in every form -----------------

def label_pattern(code: str, key: str) -> str:
    """A catalogue label as a regular expression over extracted text: its {fields} as what fills them."""
    text = " ".join(catalogue(code).labels[key].replace("\u202f", " ").split())
    fields = {"mark": r"\S+", "place": r".+?", "page": r"\d+"}
    return "".join(fields.get(part, re.escape(part)) for part in re.split(r"\{(\w+)\}", text))


@pytest.mark.parametrize("edition,style", [("faim-fr", s) for s in STYLES] + [("hambre-es", "pocket"),
                                                                                ("golod-ru", "pocket")])
def test_guides_continue_callouts_in_their_language(project, edition, style):
    """A note too long for its page ends "suite p. 5" ("continúa en la pág. 4", "продолжение на с. 4") and
    goes on under "■ 3 (suite) de ¶ 1, p. 3"; no English mark."""
    code = EDITIONS[edition]
    text = " ".join(" ".join(page_texts(built(project, edition, style).path)).split())
    assert re.search(label_pattern(code, "continued_on"), text) and re.search(label_pattern(code, "resumed"), text)
    assert "continued" not in text and "from ¶" not in text


def test_french_guides_long_footnote_continues_overleaf(project):
    pages = page_texts(built(project, "faim-fr", "pocket").path)
    first = [i for i, t in enumerate(pages) if "Article 54 du Protocole additionnel" in t]
    last = [i for i, t in enumerate(pages) if "pays par pays." in " ".join(t.split())]
    assert first and last and last[0] > first[0], (first, last)


LINKED = {  # words under the links: the singular, the plural, a range and a list, in the text and in notes
    "faim-fr": ["paragraphe 3", "paragraphes 3", "paragraphes 1", "paragraphe 2", "paragraphe 5"],
    "hambre-es": ["párrafo 3", "párrafos 3", "párrafos 1", "párrafo 2"],
    "golod-ru": ["пункте 3", "Пункты 3", "пункты 1", "пункт 2", "пунктами 3"],
}


@pytest.mark.parametrize("edition", list(LINKED))
def test_guides_references_are_links_and_another_documents_are_not(project, edition):
    from test_languages import links_with_text
    links = [text for text, _ in links_with_text(built(project, edition, "wimun").path)]
    # a link broken at a line end is two rectangles ("para-", "graphe 3"): read them together
    joined = re.sub(r"-\s+", "", " ".join(links))
    for words in LINKED[edition]:
        assert words in joined, (words, links)
    assert not [t for t in links if "138" in t or "139" in t]  # "… 138 et 139 du Document final": elsewhere


COUNTRIES = {  # the country index: the UN's names in the language, in its alphabetical order
    "faim-fr": ["Chine", "Côte d’Ivoire", "États-Unis d’Amérique", "Fédération de Russie", "France", "Koweït",
                "Pays-Bas (Royaume des)", "République arabe syrienne",
                "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Somalie", "Soudan du Sud", "Suède", "Yémen"],
    "hambre-es": ["China", "Côte d’Ivoire", "Estados Unidos de América", "Federación de Rusia", "Francia", "Kuwait",
                  "Países Bajos (Reino de los)", "Reino Unido de Gran Bretaña e Irlanda del Norte",
                  "República Árabe Siria", "Somalia", "Sudán del Sur", "Suecia", "Yemen"],
    "golod-ru": ["Йемен", "Китай", "Кот-д’Ивуар", "Кувейт", "Нидерланды (Королевство)", "Российская Федерация",
                 "Сирийская Арабская Республика", "Соединенное Королевство Великобритании и Северной Ирландии",
                 "Соединенные Штаты Америки", "Сомали", "Франция", "Швеция", "Южный Судан"],  # Й files after И, before К
}


@pytest.mark.parametrize("edition", list(COUNTRIES))
def test_guides_country_index(project, edition):
    pages = page_texts(built(project, edition, "wimun").path)
    heading = catalogue(EDITIONS[edition]).labels["countries"]
    index = "\n".join(pages)
    entries, name = [], ""
    for line in index[index.rindex(heading) + len(heading):].splitlines():
        if len(line.strip()) == 1:  # a letter heading
            continue
        name += " " + line  # a long name wraps: its page numbers end a later line
        if re.search(r"\d\s*$", name):
            entries.append(" ".join(re.sub(r"(,\s*[\d–]+)+\s*$", "", name).split()))
            name = ""
    assert entries == COUNTRIES[edition]


def test_french_index_finds_terms_after_an_elided_article(project):
    """"l'accès humanitaire" is a mention of the term "Accès humanitaire" (and `check` does not warn it is unused)."""
    result = built(project, "faim-fr", "wimun")
    index = page_texts(result.path)[-1]
    assert re.search(r"Accès humanitaire,\s*\d", index), index
    assert not [w for w in result.warnings if "never found" in str(w)]


def test_french_note_phrases_are_filed_without_their_article(project):
    """The note on "les déplacements forcés" makes the entry "Déplacements forcés", as an English note's "the
    Genocide Convention" makes "Genocide Convention": under D, with the page the phrase prints on."""
    result = built(project, "faim-fr", "wimun")
    pages = page_texts(result.path)
    index = pages[-1]
    found = re.search(r"Déplacements forcés,\s*(\d+)", index)
    assert found, index
    assert "Les déplacements forcés" not in index
    assert "les déplacements forcés" in " ".join(pages[int(found.group(1)) - 1].split())


def test_a_look_alike_broken_at_a_line_end_is_not_its_neighbour():
    """"Южно-" / "го Судана" is South Sudan only; "Guinée équa-" / "toriale" Equatorial Guinea only; a compound's
    own hyphen at a line end ("Guinée-" / "Bissau") still names its state."""
    from types import SimpleNamespace

    from handbook.indexing.countries import find_countries
    from handbook.layout.flowables import laid_points

    def laid(*lines):
        return SimpleNamespace(blPara=SimpleNamespace(kind=0, lines=[(0, line.split()) for line in lines]))

    def states(code, *lines):
        hits = laid_points(laid(*lines), lambda text: [(a, b, s.id) for s, a, b in find_countries(text, code)])
        return sorted({key for _, _, key in hits})
    assert states("ru", "в части Южно-", "го Судана и в Гвинее-", "Бисау") == ["guinea-bissau", "south-sudan"]
    assert states("fr", "la Guinée équa-", "toriale et la Répu-", "blique démocratique du Congo") == [
        "dr-congo", "equatorial-guinea"]
    assert states("en", "Equato-", "rial Guinea and Guinea-", "Bissau") == ["equatorial-guinea", "guinea-bissau"]


@pytest.mark.parametrize("edition", ["faim-fr", "hambre-es", "golod-ru"])
def test_guides_break_words_where_their_language_allows(project, edition):
    """Every word broken at a line end breaks where the language's patterns allow, and many of those breaks
    are ones British English patterns would not make ("Répu-blique", "Su-dán", "резолю-цию")."""
    from test_languages import hyphen_breaks

    from handbook.layout.styles import hyphenator
    code = EDITIONS[edition]
    patterns, english = hyphenator(catalogue(code).hyphenation), hyphenator("en_GB")
    words = {w.casefold() for p in folder(project, edition).glob("*.yaml")
             for w in re.findall(r"\w+", p.read_text(encoding="utf-8"))}
    for style in ("wimun", "pocket"):
        # a pair whose halves make no word of the sources is two columns read across (a callout beside the text)
        breaks = [(h, t) for h, t in hyphen_breaks(built(project, edition, style).path) if (h + t).casefold() in words]
        assert len(breaks) >= 10, breaks
        for head, tail in breaks:
            assert head in {h for h, _ in patterns(head + tail)}, (style, head, tail)
        assert sum(head not in {h for h, _ in english(head + tail)} for head, tail in breaks) >= 3, breaks


@pytest.mark.parametrize("edition,date", [("faim-fr", "14 février 2026"), ("hambre-es", "23 de abril de 2026"),
                                          ("golod-ru", "24 октября 2026 г.")])
def test_guides_cover_date_in_the_language(project, edition, date):
    assert date in " ".join(page_texts(built(project, edition, "wimun").path)[0].split())


def test_french_guide_quotation_marks_and_spaces(project):
    """« » with narrow no-break spaces inside, a narrow no-break space before : ; ! ?, in the text and the notes."""
    from test_languages import spaces_after
    pdf = built(project, "faim-fr", "wimun").path
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "« rapidement »" in text and "« illicite » ?" in text and "trop tard !" in text
    assert "Les conflits armés et la faim : protéger" in text and "les routes ; les" in text
    spaces = spaces_after(pdf, "»?:;!")
    assert len(spaces) >= 15 and all(width < 0.85 * word for width, word in spaces), spaces
    assert '"' not in text and "“" not in text


@pytest.mark.parametrize("command", [["build"], ["check"], ["check", "--strict"], ["cheatsheet"], ["preview"]])
def test_arabic_is_refused_with_one_positioned_line(tmp_path, command):
    """Every command that reads the edition refuses `language: ar` (or `ar-EG`) with one line at its position,
    exit status 2, and writes nothing."""
    import os
    import subprocess
    import sys
    shutil.copytree(REPO / "sources" / "exemple-fr-r2p", tmp_path / "sources" / "arabe")
    edition = tmp_path / "sources" / "arabe" / "handbook.yaml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("language: fr", "language: ar-EG"), encoding="utf-8")
    line = text.splitlines().index("language: fr") + 1
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "handbook", *command, "arabe"],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert re.fullmatch(rf"sources/arabe/handbook\.yaml:{line}:11: error: language 'ar-EG' cannot be printed yet: "
                        r"right-to-left lines need ReportLab's 'bidi' extra \(the rlbidi package\)[^\n]*\n", done.stderr)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.png"))


def test_adding_a_language_names_real_files_and_names():
    """The README's and docs/languages.md's steps for adding a language name files that exist and names
    those files define; the country-name generator takes a language it has no UN forms for."""
    from handbook.indexing.make_states import iso_codes, states_in
    for doc in (REPO / "README.md", REPO / "docs" / "languages.md"):
        text = doc.read_text(encoding="utf-8")
        start = text.index("Adding a language")
        section = text[start:text.index("\n#", start + 20) if "\n#" in text[start + 20:] else len(text)]
        paths = set(re.findall(r"`((?:handbook|tests|sources)/[\w/.-]+?)`", section))
        assert "handbook/language/catalogue.py" in paths and "handbook/indexing/make_states.py" in paths
        named = [p for p in paths if "<" not in p and not p.endswith("/")]
        assert all((REPO / p).exists() for p in named), named
        sources = " ".join((REPO / p).read_text(encoding="utf-8") for p in named if p.endswith(".py"))
        for name in set(re.findall(r"`([A-Z][A-Z_]{3,})`", section)):  # LANGUAGES, UN_FORMS, EXTRA, NOT_STATES …
            assert re.search(rf"^{name} = ", sources, re.M), (doc.name, name)
    entries, _ = states_in("pt", iso_codes())  # a language make_states has no forms for: CLDR's names
    names = {e["id"]: e["name"] for e in entries}
    assert len(entries) == 220 and names["mozambique"] == "Moçambique" and names["germany"] == "Alemanha"


def test_a_name_against_a_line_end_hyphen():
    """"Japan-" / "based" names Japan (the compound's own hyphen); "Niger-" / "ia" is Nigeria, not Niger."""
    from types import SimpleNamespace

    from handbook.indexing.countries import find_countries
    from handbook.layout.flowables import laid_points
    laid = SimpleNamespace(blPara=SimpleNamespace(kind=0, lines=[(0, ["the", "Japan-"]), (0, ["based", "and", "Niger-"]),
                                                                 (0, ["ia", "teams"])]))
    hits = laid_points(laid, lambda text: [(a, b, s.id) for s, a, b in find_countries(text, "en")])
    assert sorted({key for _, _, key in hits}) == ["japan", "nigeria"]


@pytest.mark.parametrize("edition,quoted", [("hambre-es", "«con rapidez»"), ("golod-ru", "«оперативно»")])
def test_spanish_and_russian_guides_quotation_marks(project, edition, quoted):
    text = " ".join(" ".join(page_texts(built(project, edition, "wimun").path)).split())
    assert quoted in text and '"' not in text and "“" not in text and "\u202f" not in text


@pytest.mark.parametrize("edition", sorted(e for e in EDITIONS if e.endswith("-r2p")))
def test_every_language_sample_checks_without_a_warning(project, edition):
    """`check --strict` passes on each language's sample edition: no index term said to be missing where the
    text has it (Chinese writes no spaces, so a term stands inside the text, not between spaces)."""
    from click.testing import CliRunner

    from handbook.commands.cli import cli
    result = CliRunner().invoke(cli, ["-C", str(project), "check", "--strict", edition])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
