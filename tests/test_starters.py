"""`handbook new NAME --language CODE` writes its example text in that language: each starter passes
`check --strict`, builds, and its PDF prints the translated sentences, no sentence of the English
starter and no word its sources and its language's catalogue do not hold; the English starter is
byte for byte what it was before the texts moved to handbook/commands/starters/."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook import build
from handbook.commands.cli import cli
from handbook.commands.scaffold import FILES, STARTERS
from handbook.language.support import printable_languages

from conftest import REPO
from pdftext import normalise, page_texts
from toolwords import _printable, words_not_from_the_sources

ENGLISH = REPO / "tests" / "starter_en"  # what `new conf` and `new gen --committee ...` wrote before the change
LANGUAGES_WHEN_SAVED = "en, fr, es, ru, zh"  # the edition file's comment lists the languages of the day
# Sentences of each starter as a delegate reads them in the PDF (whitespace collapsed, French spaces plain)
SENTENCES = {
    "fr": ["Lettre des présidents", "Bienvenue dans votre comité : Assemblée générale.",
           "Ce guide reproduit le rapport dont vous débattrez, avec en marge les notes de vos présidents.",
           "Les blocs se forment tôt", "Premier paragraphe du rapport.", "comme l'alerte rapide.",
           "Qu'est-ce qui rend une alerte crédible ?", "Assemblée générale en bref", "Points clés",
           "Secrétariat de la conférence", "Rapport du Secrétaire général", "1er janvier 2026",
           "Une note de bas de page, imprimée au bas de la page qui y renvoie."],
    "es": ["Carta de la Mesa", "Les damos la bienvenida a su comité: Asamblea General.",
           "Los bloques se forman pronto", "Primer párrafo del informe.", "como alerta temprana.",
           "¿Qué hace creíble una alerta?", "Asamblea General en resumen", "Puntos clave",
           "Secretaría de la conferencia", "Informe del Secretario General", "1 de enero de 2026"],
    "ru": ["Письмо председателей", "Добро пожаловать в комитет «Генеральная Ассамблея»!",
           "Блоки складываются рано", "Первый пункт доклада.", "например раннее предупреждение.",
           "Что делает предупреждение достоверным?", "Генеральная Ассамблея вкратце", "Ключевые положения",
           "Секретариат конференции", "Доклад Генерального секретаря", "1 января 2026 года"],
    "zh": ["主席团致辞", "欢迎来到大会！", "集团很早就会形成", "报告的第一段。", "例如早期预警。",
           "怎样的预警才可信？", "大会一览", "要点", "会议秘书处", "秘书长的报告", "2026年1月1日"],
}


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), *args])


def read(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(REPO / "styles", tmp_path / "styles")
    return tmp_path


def test_the_english_starter_is_unchanged(root):
    assert run(root, "new", "conf").exit_code == 0
    assert run(root, "new", "gen", "--committee", "Security Council", "--organizer", "X Org",
               "--conference", "Gen MUN").exit_code == 0
    languages = ", ".join(printable_languages())
    for name in ("conf", "gen"):
        saved = {k: v.replace(LANGUAGES_WHEN_SAVED, languages) for k, v in read(ENGLISH / name).items()}
        assert read(root / "sources" / name) == saved, name
    assert run(root, "new", "same", "--language", "en").exit_code == 0  # --language en is the default's text
    same, conf = read(root / "sources" / "same"), read(root / "sources" / "conf")
    assert all(same[file] == conf[file] for file in FILES)


def test_every_printable_language_has_a_starter_of_the_same_shape():
    english = yaml.safe_load((STARTERS / "en.yaml").read_text(encoding="utf-8"))
    for code in printable_languages():
        texts = yaml.safe_load((STARTERS / f"{code}.yaml").read_text(encoding="utf-8"))
        assert texts.keys() == english.keys() and sorted(texts["files"]) == sorted(FILES), code
        assert "{committee}" in texts["glance"] and "{committee}" in texts["files"]["letter.md"], code
        assert "{title}" in texts["files"]["cheatsheet.yaml"], code


def _english_sentences() -> list[str]:
    """The English starter's printable text, cut into its clauses (link targets, addresses, phone left out)."""
    texts = []
    for name, text in read(ENGLISH / "conf").items():
        if name.endswith(".md"):
            texts.append(re.sub(r"(?<!\n)\n(?![\n\d])", " ", text))  # a paragraph's lines joined
        else:
            texts += [s for s in _printable(yaml.safe_load(text)) if "@" not in s and not s.startswith("http")]
    texts = [re.sub(r"[*#\[\]]|\^1", "", re.sub(r"\]\([^)]*\)", "]", t)) for t in texts]  # markup goes
    clauses = (c.strip(" -") for t in texts for c in re.split(r"[.,:;!?\n]", t))
    return sorted({c for c in clauses if len(c.split()) >= 2 and re.search(r"[A-Za-z]{2}", c)})


def _flat(text: str) -> str:
    """The PDF's text without note markers, its narrow spaces and apostrophes as the sources write them."""
    text = re.sub(r"●\d+", "", text)  # a note's marker after its phrase
    return normalise(text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'"))


@pytest.mark.parametrize("code", list(SENTENCES))
def test_a_starter_in_another_language_checks_builds_and_prints_that_language(root, code):
    name = f"conf-{code}"
    made = run(root, "new", name, "--language", code)
    assert made.exit_code == 0, made.output
    folder = root / "sources" / name
    check = run(root, "check", "--strict", name)
    assert check.exit_code == 0 and check.output.rstrip().endswith("ok"), check.output
    pdf = build(name, root=root, output=root / f"{name}.pdf").path
    text = _flat("\n".join(page_texts(pdf)))
    unspaced = "".join(text.split())
    for sentence in SENTENCES[code]:
        found = "".join(sentence.split()) in unspaced if code == "zh" else sentence in text
        assert found, sentence
    english = [s for s in _english_sentences() if s.casefold() in text.casefold()]
    assert english == []
    assert words_not_from_the_sources(pdf, folder, code) == {}


def test_the_options_still_override_the_defaults_in_another_language(root):
    made = run(root, "new", "lyon", "--language", "fr", "--committee", "Conseil de sécurité",
               "--organizer", "Association SimONU Lyon", "--conference", "SimONU Lyon 2027")
    assert made.exit_code == 0, made.output
    folder = root / "sources" / "lyon"
    edition = yaml.safe_load((folder / "handbook.yaml").read_text(encoding="utf-8"))
    assert (edition["committee"], edition["conference"], edition["organizer"]["name"], edition["title"]) == (
        "Conseil de sécurité", "SimONU Lyon 2027", "Association SimONU Lyon", "Guide d'étude")
    assert run(root, "check", "--strict", "lyon").exit_code == 0
    text = _flat("\n".join(page_texts(build("lyon", root=root, output=root / "lyon.pdf").path)))
    assert "Bienvenue dans votre comité : Conseil de sécurité." in text and "Conseil de sécurité en bref" in text
    assert "SimONU Lyon 2027" in text and "Association SimONU Lyon" in text
    assert "Secrétariat de la conférence" not in text


def test_the_english_sentences_looked_for_are_the_ones_the_english_starter_prints(root):
    """The test above looks for these clauses; in the English starter's PDF each of them is found."""
    assert run(root, "new", "conf").exit_code == 0
    text = _flat("\n".join(page_texts(build("conf", root=root, output=root / "conf.pdf").path))).casefold()
    sentences = _english_sentences()
    assert len(sentences) > 40 and [s for s in sentences if s.casefold() not in text] == []
