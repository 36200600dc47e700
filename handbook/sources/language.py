"""Reading an edition's `language:` and `labels:` (the words it prints come from the language's catalogue)."""
from __future__ import annotations

import difflib
import re

from yaml.nodes import MappingNode, Node

from ..language.catalogue import DEFAULT, LANGUAGES, label_keys, language_names
from ..language.support import unsupported
from .yamlfile import Source


def read_language(src: Source, node: Node | None) -> str:
    """A BCP 47 code of one of the six languages the package has a catalogue for (default: en)."""
    if node is None:
        return DEFAULT
    code = src.string(node, "language") or ""
    # BCP 47 tags are case-insensitive and may carry a region ("fr-CH"): the catalogue is the language's
    base = code.replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        named = _BY_NAME.get(code.strip().lower()) or _native_names().get(code.strip().lower())
        close = [named] if named else []  # two-letter codes are too short for spelling suggestions
        src.error(node, f"no catalogue for language {code!r}",
                  f"did you mean {close[0]!r}?" if close else f"languages: {language_names()}")
        return DEFAULT
    reason = unsupported(base)
    if reason:
        src.error(node, f"language {code!r} cannot be printed yet: {reason}", "see 'Languages' in README.md")
        return DEFAULT
    return base


# a language written by its name rather than its code ("language: French") gets the code as a hint
_BY_NAME = {"english": "en", "french": "fr", "spanish": "es", "russian": "ru", "arabic": "ar", "chinese": "zh",
            "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh", "chi": "zh"}


def _native_names() -> dict[str, str]:
    from ..language.catalogue import catalogue
    return {catalogue(code).name.lower(): code for code in LANGUAGES}


def read_labels(src: Source, node: Node | None, what: str = "labels") -> dict[str, str]:
    """`labels:` — a mapping of catalogue keys to the words to print instead (docs/languages.md lists the keys)."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        src.error(node, f"{what} must be a mapping of label names to text", "e.g. labels: {contents: Sommaire}")
        return {}
    known = label_keys()
    labels: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = src.string(key_node, "label name") or ""
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            src.error(key_node, f"unknown label {key!r}",
                      f"did you mean {close[0]!r}?" if close else "the label names are listed in docs/languages.md")
            continue
        value = src.string(value_node, f"{what}.{key}")
        if value is not None:
            labels[key] = value
    return labels


def read_style_labels(src: Source, node: Node) -> dict[str, dict[str, str]]:
    """A style's `labels:`, by language: `{fr: {contents: Sommaire}, es: {...}}` (a style serves every language)."""
    if not isinstance(node, MappingNode):
        src.error(node, "labels must be a mapping of language codes to labels", "e.g. labels: {fr: {contents: Sommaire}}")
        return {}
    out: dict[str, dict[str, str]] = {}
    for key_node, value_node in node.value:
        code = src.string(key_node, "language") or ""
        if code not in LANGUAGES:
            src.error(key_node, f"labels: no catalogue for language {code!r}", f"languages: {language_names()}")
            continue
        out[code] = read_labels(src, value_node, f"labels.{code}")
    return out


def read_hyphenation(src: Source, node: Node | None, what: str = "hyphenation") -> list[str]:
    """Hyphenation exceptions: words spelt with hyphens where they may break (`atroc-ity`); none: never broken."""
    if node is None:
        return []
    words = src.strings(node, what)
    for word in words:
        if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
            src.error(node, f"{what}: {word!r} must be letters, with hyphens where the word may break",
                      "e.g. atroc-ity")
    return words
