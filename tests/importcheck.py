"""Helpers for the import tests: a project to import into, and reading a built edition back from its PDF."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import REPO
from pdftext import streams
from textmatch import label_pattern

DATA = Path(__file__).parent / "data"


def new_project(root: Path) -> Path:
    """An empty project (no editions) with the shipped styles."""
    shutil.copytree(REPO / "styles", root / "styles")
    (root / "sources").mkdir()
    return root


def run(root: Path, *args: str):
    from handbook.commands.cli import cli
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def flat(text: str) -> str:
    """Words as a reader sees them: hyphens (and line-end hyphenation) and case ignored, spaces collapsed."""
    text = text.replace("\u00ad", "")
    # a web address breaks at a line end after / . ? & = _ # or before - . / (Chicago): its parts are one
    # word again, in the source as in the PDF (a sentence's space after an address goes in both alike)
    joined = None
    while joined != text:  # until no part is left: an address broken over three lines joins twice
        joined, text = text, _URL_BREAK.sub(r"\1", text)
    # a hyphen and the spaces after it go: "vaccina-\ntion" (hyphenated) and "low-\nand" (a hyphen that fell at a
    # line end, "low- and" in the source) read alike in the PDF and the source
    words = " ".join(re.sub(r"-\s*", "", text).casefold().split())
    return re.sub(r" ([,.;:!?)])", r"\1", words)  # a note marker left out of a stream leaves a space behind


_URL = r"(?:https?://|www\.|\b[\w-]+\.[a-z]{2,}/)\S*?"
_URL_BREAK = re.compile(rf"({_URL}[/.?&=_#]|{_URL}(?=\s+[-./]\S))\s+(?=\S)")


def pdf_streams(pdf: Path, style: str) -> dict:
    """The whole PDF's text column, margin (callouts) and footnotes, each as one flat text."""
    from handbook.style.theme import load_theme
    theme = load_theme(style, REPO / "styles")
    pages = streams(pdf, theme.sizes["body"], theme.sizes["callout"])
    return {key: flat("\n".join(p[key] for p in pages)) for key in ("body", "margin", "foot")}


def missing_from_pdf(model, pdf: Path, style: str) -> list[str]:
    """Every paragraph, list item, note block and footnote of every document and prose part that the PDF lacks."""
    import copy

    from handbook.language.typography import typeset
    from handbook.model import ItemList, Prose
    model = copy.deepcopy(model)
    typeset(model)  # the PDF prints the language's quotation marks, as every build sets them
    text = pdf_streams(pdf, style)
    marks = _continuation_marks(model.language)
    missing = []

    def need(stream: str, what: str, words: str, ends_only: bool = False):
        words = flat(words)
        if not words:
            return
        keys = [words] if not ends_only else [" ".join(words.split()[:6]), " ".join(words.split()[-6:])]
        if any(key not in text[stream] and not (stream == "margin" and _split(text[stream], key, marks))
               for key in keys):
            missing.append(f"{what}: {words[:70]}")

    for document in model.documents:
        for paragraph in document.paragraphs:
            for block in paragraph.blocks:
                need("body", f"¶ {paragraph.number}", block.plain)
            for item in paragraph.items:
                need("body", f"¶ {paragraph.number} ({item.label})", item.text.plain)
        for footnote in document.footnotes:
            need("foot", f"footnote {footnote.number}", footnote.text.plain)
    for page in model.prose_pages:
        for block in page.blocks:
            if isinstance(block, Prose):
                need("body", page.name, block.text.plain)
            elif isinstance(block, ItemList):
                for item in block.items:
                    need("body", page.name, item.plain)
        for footnote in page.footnotes:
            need("foot", f"{page.name} footnote {footnote.number}", footnote.text.plain)
    for note in [n for d in model.documents for n in d.notes] + [n for p in model.prose_pages for n in p.notes]:
        for block in note.body:
            for piece in ([block.text] if isinstance(block, Prose) else block.items):
                need("margin", f"note {note.number}", piece.plain, ends_only=True)
    return missing


def _continuation_marks(language: str) -> tuple:
    """Patterns of the lines a split callout adds, as flat() reads them: (`continued_on`, `resumed`)."""
    from handbook.language.catalogue import catalogue
    labels = catalogue(language).labels
    fills = {"{mark}": r"\S*\s?\d+", "{place}": r".{0,90}?", "{page}": r"\d+"}
    return label_pattern(flat(labels["continued_on"]), fills), label_pattern(flat(labels["resumed"]), fills)


def _split(margin: str, key: str, marks: tuple) -> bool:
    """Whether `key` prints as a callout split across pages: its first words before the part's "continued on
    p. N", the rest after the "(continued) from ..." line the next part starts with."""
    words = key.split()
    for k in range(1, len(words)):
        head, tail = re.escape(" ".join(words[:k])), re.escape(" ".join(words[k:]))
        if re.search(rf"{head}\s*{marks[0]}", margin) and re.search(rf"{marks[1]}\s*{tail}", margin):
            return True
    return False
