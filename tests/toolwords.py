"""What an edition prints that its sources do not say: every word of a PDF (pages, bookmarks, metadata) checked
against the edition's own text, its language's catalogue and its language's country names."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from pypdf import PdfReader

from handbook.language.catalogue import catalogue

WORD = re.compile(r"[^\W\d_]+")
HAN = re.compile(r"[\u3400-\u9fff]")
# YAML keys whose values choose something (a note kind, a file, a style) rather than print as text
STRUCTURAL = {"kind", "attach", "style", "styles", "language", "id", "state", "document", "notes", "cheatsheet",
              "prose", "index", "refs", "logo", "parts", "default"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _printable(node, key: str = "") -> list[str]:
    """The YAML scalars of a source file that can print: values, not keys, and not the structural ones
    (a file name, a note kind, a part's kind: `notes:` is a file name in handbook.yaml, the notes in notes.yaml)."""
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _printable(v, str(k))]
    if isinstance(node, list):
        return [s for v in node for s in _printable(v, key)]
    if node is None or key in STRUCTURAL or ISO_DATE.match(str(node)):  # an ISO date prints as babel writes it
        return []
    return [str(node)]


def allowed_text(folder: Path, code: str, labels: dict | None = None) -> str:
    """Everything an edition in `folder` may print: its sources' text, its catalogue's labels, its country names."""
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".yml"):
            texts += _printable(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix in (".md", ".txt"):
            texts.append(path.read_text(encoding="utf-8"))
    texts += (labels or catalogue(code).labels).values()
    states = Path(__file__).resolve().parent.parent / "handbook" / "indexing"
    names = states / "states.yaml" if code == "en" else states / "states" / f"{code}.yaml"
    texts += [s["name"] for s in yaml.safe_load(names.read_text(encoding="utf-8"))["states"]]
    return "\n".join(texts)


def foreign_words(text: str, allowed: str) -> list[str]:
    """Words (and Han characters) of `text` that `allowed` does not have; words broken at line or page ends joined."""
    known = {w.casefold() for w in WORD.findall(allowed)}
    text = re.sub(r"(\w+)-\s*\n\s*(\w+)",
                  lambda m: m.group(1) + m.group(2) if (m.group(1) + m.group(2)).casefold() in known else m.group(0),
                  text)
    unknown = {w for w in WORD.findall(text) if len(w) > 1 and not HAN.search(w) and w.casefold() not in known}
    # a word hyphenated across a page (its halves in different places of the extracted text): both halves
    # are accepted when they make a word of the sources together
    heads = set(re.findall(r"(?<![\w-])(\w+)-[ \t]*$", text, re.M))
    paired = {h for h in heads for t in unknown if (h + t).casefold() in known}
    paired |= {t for t in unknown for h in heads if (h + t).casefold() in known}
    han = set(HAN.findall(allowed))
    return sorted(unknown - paired) + sorted({c for c in HAN.findall(text) if c not in han})


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)
    walk(reader.outline)
    return titles


def printed_text(pdf: Path) -> dict[str, str]:
    """A PDF's text as a reader meets it: its pages, its bookmarks, and its document properties."""
    reader = PdfReader(str(pdf))
    info = reader.metadata or {}
    return {
        "pages": "\n".join(page.extract_text() or "" for page in reader.pages),
        "bookmarks": "\n".join(outline_titles(reader)),
        "properties": "\n".join(str(info.get(k, "")) for k in ("/Title", "/Subject", "/Author", "/Keywords")),
    }


def words_not_from_the_sources(pdf: Path, folder: Path, code: str, labels: dict | None = None) -> dict[str, list]:
    """Per place in the PDF (pages, bookmarks, properties), the words the sources and the catalogue do not have."""
    allowed = allowed_text(folder, code, labels)
    found = {place: foreign_words(text, allowed) for place, text in printed_text(pdf).items()}
    return {place: words for place, words in found.items() if words}
