"""Sorting index entries in a language's alphabetical order (the Unicode Collation Algorithm, through pyuca;
Chinese in pinyin order, through pypinyin)."""
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
    if code == "zh":
        return _pinyin_key
    collator = _collator()
    return lambda text: collator.sort_key(text.lstrip(_LEADING))


_LEADING = "\"'“‘(«„"


@cache
def _pinyin():
    from pypinyin import Style, lazy_pinyin  # its dictionary loads in a tenth of a second: only Chinese editions pay
    return lambda text: lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)


def _syllables(text: str) -> list:
    """(letters, tone) of each character of Chinese text, read in context (重庆 is chong2 qing4, 重要 zhong4 yao4);
    a run of other characters is one item, its letters without case or accents, tone 0."""
    out = []
    for item in _pinyin()(text.lstrip(_LEADING)):
        tone = int(item[-1]) if len(item) > 1 and item[-1].isdigit() and item[:-1].isalpha() and item.isascii() else 0
        out.append((sort_key(item[:-1] if tone else item), tone))
    return out


def _pinyin_key(text: str) -> tuple:
    """Chinese order, as GB/T 22466 indexes file it: by each character's pinyin, then its tone, then the
    character itself (code point, for characters read alike). Latin letters file with the pinyin spelt alike,
    numbers first."""
    return _syllables(text), text.lstrip(_LEADING)


def initial(text: str, code: str) -> str:
    """The letter an index heading files under: Latin letters without their accents, other scripts as written."""
    if code == "en":
        return sort_key(text)[:1].upper()
    first = text.lstrip(_LEADING)[:1].upper()
    if "\u3400" <= first <= "\u9fff":  # a Han character files under its pinyin's first letter (中国: Z)
        letters = _syllables(text)[0][0] if code == "zh" else ""
        return letters[:1].upper() if letters[:1].isascii() else ""
    return sort_key(first)[:1].upper() if first.isascii() or "À" <= first <= "ɏ" else first
