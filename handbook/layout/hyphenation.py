"""Where a word may break: hyphenation patterns per language, exceptions, and words never broken."""
from __future__ import annotations

import re
from functools import lru_cache

# The pyphen pattern set for each language code. English uses the American (Liang / TeX) patterns:
# pyphen's British set gives "re-spons-ib-il-ity", "polit-ic-al" and "at-ro-city", the American one
# "re-spon-si-bil-i-ty", "po-lit-i-cal", "atroc-i-ty"; with 2 letters kept before a hyphen and 3 after,
# every break the American set leaves is one a British reader accepts too.
PATTERN_SETS = {"en": "en_US", "fr": "fr", "es": "es", "ru": "ru_RU", "de": "de_DE", "it": "it_IT",
                "pt": "pt_PT", "nl": "nl_NL"}

SOFT_HYPHEN = "\u00ad"  # a hint in the source where a word may break; invisible unless it does
DASHES = "-\u2010\u2013\u2014"  # a line may end after these inside a word ("Japan-|based", "peace—|and")
# a URL: with a scheme, "www." or "mailto:", an e-mail address, or a host name and a path as a reader types it
# (a QR code's caption: "un.org/en/preventgenocide/adviser", which once broke "adv|iser" as a long token)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)|^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
                  r"|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/", re.IGNORECASE)
_URL_BEFORE = ".-?&#=_~"
_DIGIT = re.compile(r"\d")
_APOSTROPHE = re.compile("['\u2019]")
_DASH = re.compile("[" + DASHES + "]")
_SYMBOL_PAIR = re.compile(r"(?<=\d)[-\u2013](?=[A-Z]+/)")  # a URL breaks before these and after a slash, never adding a hyphen


def pattern_set(language: str) -> str:
    """The name of pyphen's patterns for a language code ("en", "fr", "es-MX", "ru_RU")."""
    import pyphen
    code = language.replace("-", "_")
    name = PATTERN_SETS.get(code) or (code if code in pyphen.LANGUAGES else None) \
        or PATTERN_SETS.get(code.split("_")[0].lower()) or code  # en_GB stays British; en is American
    found = pyphen.language_fallback(name)
    if not found:
        raise ValueError(f"no hyphenation patterns for language {language!r}")
    return found


@lru_cache(maxsize=None)
def dictionary(name: str):
    """pyphen's dictionary `name`, its parsed patterns kept in the disk cache between builds."""
    import pyphen
    path = pyphen.LANGUAGES[name]
    if path not in pyphen.hdcache:  # parsing the pattern file is a tenth of a second; reading it back is 5 ms
        patterns, maxlen, _ = _parsed(name)
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns, hd.maxlen, hd.cache = patterns, maxlen, {}
        pyphen.hdcache[path] = hd
    return pyphen.Pyphen(lang=name)


@lru_cache(maxsize=None)
def _parsed(name: str) -> tuple:
    """(patterns, longest pattern, every prefix of a pattern) of a pyphen dictionary, from the disk cache."""
    import pyphen

    from ..diskcache import cached, file_stamp
    path = pyphen.LANGUAGES[name]

    def parse():
        hd = pyphen.HyphDict(path)
        prefixes = {key[:k] for key in hd.patterns for k in range(1, len(key) + 1)}
        return hd.patterns, hd.maxlen, prefixes
    return cached("hyphenation", f"{file_stamp(path)}|{pyphen.__version__}|prefixes", parse, _parsed_ok,
                  slot=str(path))


def _parsed_ok(value) -> bool:
    """Parsed patterns as pyphen makes them (thousands, a positive longest length) and their prefixes."""
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], dict) and len(value[0]) > 100
            and isinstance(value[1], int) and value[1] > 0 and isinstance(value[2], set)
            and len(value[2]) >= len(value[0]))


def liang(word: str, patterns: dict, prefixes) -> list:
    """Liang's hyphenation points of a word (as pyphen finds them), stopping each scan at the first
    substring that begins no pattern: a few lookups a letter instead of one per pattern length."""
    pointed = "." + word.lower() + "."
    n = len(pointed)
    marks = [0] * (n + 1)
    for i in range(n - 1):
        for j in range(i + 1, n + 1):
            piece = pointed[i:j]
            if piece not in prefixes:
                break
            found = patterns.get(piece)
            if found:
                offset, values = found
                for k, v in enumerate(values, i + offset):
                    if v > marks[k]:
                        marks[k] = v
    return [i - 1 for i, mark in enumerate(marks) if mark % 2]


def parse_exceptions(words) -> dict:
    """{"atrocity": (5,)} from ["atroc-ity"]: a word spelt with hyphens where it may break (none: never)."""
    out = {}
    for word in words:
        points, letters = [], 0
        for piece in word.split("-")[:-1]:
            letters += len(piece)
            points.append(letters)
        out[word.replace("-", "").lower()] = tuple(points)
    return out


@lru_cache(maxsize=None)
def country_words() -> frozenset:
    """Every capitalised word of a state's name or alias: proper names are not hyphenated."""
    from ..indexing.countries import load_states
    words = set()
    for state in load_states():
        for name in (state.name, state.display, *state.aliases):
            words.update(w for w in re.findall(r"[^\W\d_]+", name) if w[:1].isupper())
    return frozenset(words)


class Hyphenator:
    """Break points of words for one language, exception list and set of minimums."""

    def __init__(self, language="en", exceptions=(), min_left=2, min_right=3, min_word=6):
        self.dictionary = dictionary(pattern_set(language))
        self._patterns, _, self._prefixes = _parsed(pattern_set(language))
        self.exceptions = parse_exceptions(exceptions)
        self.min_left, self.min_right, self.min_word = min_left, min_right, min_word
        self.points = lru_cache(maxsize=20_000)(self._points)
        self.breaks = lru_cache(maxsize=20_000)(self._breaks)

    def _points(self, word: str) -> tuple:
        """Offsets where a plain word (letters only) may take a hyphen."""
        if len(word) < self.min_word or word.isupper():
            return ()
        found = self.exceptions.get(word.lower())
        if found is None:
            found = liang(word, self._patterns, self._prefixes)
        return tuple(p for p in found if self.min_left <= p <= len(word) - self.min_right)

    def _breaks(self, token: str) -> tuple:
        """(offset, kind) of every break in a token between spaces; kind "hyphen" adds a hyphen ("name"
        too, in a country's name, at a higher penalty),
        "dash" follows a dash already there, "url" breaks a URL without adding anything.
        Document symbols (A/67/929) and anything with a digit never break."""
        if SOFT_HYPHEN in token:  # the source's own hints (docs/source-format.md): they alone break the word
            return _soft_breaks(token)
        if len(token) < self.min_word:  # nothing to break (a URL or symbol is longer than this)
            return ()
        if token.isalpha():  # most words: letters only
            points = self.points(token)
            if not points:
                return ()
            kind = _kind(token)
            return tuple([(p, kind) for p in points])
        if _URL.match(token):
            return _url_breaks(token)
        if "/" in token:  # a document symbol breaks only between two symbols ("A/65/877-|S/2011/393")
            return tuple((m.end(), "dash") for m in _SYMBOL_PAIR.finditer(token))
        if _DIGIT.search(token):
            return ()
        out = []
        start = 0
        for match in _DASH.finditer(token):
            i = match.start()
            out.extend(self._word_breaks(token, start, i))
            if i >= 2 and len(token) - i > 3 and token[i - 1].isalpha():
                out.append((i + 1, "dash"))
            start = i + 1
        out.extend(self._word_breaks(token, start, len(token)))
        return tuple(out)

    def _word_breaks(self, token, start, end):
        while start < end and not token[start].isalpha():
            start += 1
        while end > start and not token[end - 1].isalpha():
            end -= 1
        word = token[start:end]
        if not word.isalpha():
            # letters either side of an apostrophe ("Secretary-General’s", "d’Ivoire", "l’organisation")
            # hyphenate as words of their own, as TeX ends a word at one; anything else inside stays whole
            pieces = _APOSTROPHE.split(word)
            if not all(piece.isalpha() for piece in pieces):
                return []
            out, offset = [], start
            for piece in pieces:
                points = self.points(piece)
                if points:  # whether a piece is a name is worked out once, not per break point
                    kind = _kind(piece)
                    out += [(offset + p, kind) for p in points]
                offset += len(piece) + 1
            return out
        points = self.points(word)
        if not points:
            return []
        kind = _kind(word)
        return [(start + p, kind) for p in points]


def _soft_breaks(token: str) -> tuple:
    """A break after each soft hyphen with a letter on both sides, taking a hyphen as a pattern's does.

    The soft hyphen stays in the token (offsets into the source text stay true, for a paragraph split
    at a page foot); it measures nothing (measure.py) and is never drawn (linebreak._put). As with
    TeX's \\-, a word with hints breaks only there, whatever its length."""
    return tuple((i + 1, "hyphen") for i, ch in enumerate(token)
                 if ch == SOFT_HYPHEN and 0 < i < len(token) - 1 and token[i - 1].isalpha()
                 and token[i + 1].isalpha())


def _kind(word: str) -> str:
    """"name" for the words of country names: hyphenated only at a high penalty (a last resort)."""
    return "name" if word in country_words() else "hyphen"


def _url_breaks(token: str) -> tuple:
    """Where a URL may break (the Chicago Manual's rule): after a single slash (and after "//" of the
    scheme), before . - ? & # = _ ~, never between two letters or digits. A piece between two of these
    that is wider than the column is the only place a URL breaks elsewhere (paraitems._add_long)."""
    out = []
    scheme = token.find("://")
    first = scheme + 3 if scheme >= 0 else 1
    for i in range(first, len(token) - 1):
        ch = token[i]
        if ch == "/" and token[i + 1] != "/":
            out.append((i + 1, "url"))
        elif ch in _URL_BEFORE and token[i - 1] not in _URL_BEFORE + "/":
            out.append((i, "url"))
    return tuple(o for o in out if 0 < o[0] < len(token))


@lru_cache(maxsize=16)
def hyphenator(language="en", exceptions=(), min_left=2, min_right=3, min_word=6) -> Hyphenator:
    """One shared Hyphenator per setting (its word caches then serve the whole build)."""
    return Hyphenator(language, tuple(exceptions), min_left, min_right, min_word)
