"""Sorting index entries in a language's alphabetical order (the Unicode Collation Algorithm, through pyuca)."""
from __future__ import annotations

from functools import cache

from ..indexing.subject import sort_key


@cache
def _collator():
    import pyuca  # pure Python; loading its table takes a tenth of a second, so only editions that need it pay
    return pyuca.Collator()


@cache
def collation(code: str):
    """A sort key for index headings in language `code`.

    English keeps the simple key (case and accents ignored). Other languages use the UCA's default
    order, which files "É" with "E" and "Ё" with "Е" but "Й" after "И", and puts Cyrillic, Arabic
    and Han after Latin, as their dictionaries do.
    """
    if code == "en":
        return sort_key
    collator = _collator()
    return lambda text: collator.sort_key(text.lstrip(_LEADING))


_LEADING = "\"'“‘(«„"


def initial(text: str, code: str) -> str:
    """The letter an index heading files under: Latin letters without their accents, other scripts as written."""
    if code == "en":
        return sort_key(text)[:1].upper()
    first = text.lstrip(_LEADING)[:1].upper()
    if "\u3400" <= first <= "\u9fff":  # a Han character is not a letter: a Chinese index has no letter headings
        return ""
    return sort_key(first)[:1].upper() if first.isascii() or "À" <= first <= "ɏ" else first
