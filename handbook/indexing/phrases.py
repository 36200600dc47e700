"""Which note phrases become subject-index entries: noun phrases only, under a heading without their article.

A note explains a phrase of the text, and a phrase that names a thing ("Transitional justice
initiatives") is worth an index entry; one that is a clause or an event ("have been", "An open
debate in 2007") is not. The rule, documented in docs/source-format.md:

- a note with `index: false` never makes an entry;
- a phrase that is already an index-file term, alias or sub-entry makes none of its own (the file's
  entry lists it, and a second entry would take its occurrences from the sub-entry);
- a phrase whose first word is a verb, an auxiliary, a pronoun, a demonstrative, a preposition or
  a conjunction is not a noun phrase (a possessive may open one: "their populations"); nor is one
  of more than MAX_WORDS words;
- a phrase dated by a preposition ("in 2007", "of March") or an indefinite article with a date in it
  ("a 2009 report") names an event, not a subject ("2005 World Summit" is a subject);
- a leading article goes: "The Genocide Convention" is filed as "Genocide Convention".

The word classes and dates are English: in an edition of another language only the first two rules,
the length limit and the article apply, with the articles its catalogue lists ("la", "l'", "los"; none
in Russian or Chinese): "l'alerte rapide" is filed as "Alerte rapide".
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..language.catalogue import catalogue

MAX_WORDS = 6
ARTICLES = {"a", "an", "the"}
NOT_A_NOUN_PHRASE = set("""
am is are was were be been being have has had having do does did done can could may might must shall should
will would ought need needs seem seems became become becomes make makes made take takes took give gives gave
it they them theirs this these those he him she hers we us you i me who whom whose
which that what where when while whether if because although though unless until since so than as not no nor
and or but yet to of in on at by for with from into onto upon about above below over under between among
through during before after against without within
""".split())
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_YEAR = re.compile(r"^(1[0-9]|2[0-9])\d\d$")
_ARTICLE = re.compile(r"^\s*(?:a|an|the)\s+", re.I)


def _dated_event(words: list[str]) -> bool:
    dated = [i for i, w in enumerate(words) if _YEAR.match(w) or w in MONTHS]
    if dated and words[0] in ("a", "an"):
        return True
    return any(i > 0 and words[i - 1] in NOT_A_NOUN_PHRASE for i in dated)


def _without_article(text: str, articles: tuple) -> str:
    """`text` without the leading article of `articles` (longest first; an elided one, "l'", is written onto
    its word)."""
    low = text.casefold().replace("’", "'")
    for article in articles:
        if article.endswith("'") and low.startswith(article) and len(low) > len(article):
            return text[len(article):].lstrip()
        if low.startswith(article + " "):
            return text[len(article) + 1:].lstrip()
    return text


@lru_cache(maxsize=8192)  # the index check folds every paragraph of the edition on every (warm) rebuild
def fold(text: str) -> str:
    """A wording as the rule compares it: its words, case-folded, one space apart."""
    return " ".join(w.casefold() for w in _WORD.findall(text))


def phrase_heading(phrase: str, file_wordings: set[str], language: str = "en") -> str | None:
    """The heading a note's phrase is indexed under, or None if the phrase makes no entry of its own.

    `file_wordings` are the index file's terms, aliases and sub-entries, each passed through fold().
    """
    # a phrase may end where its sentence does; a heading never ends in "." or ","
    text = phrase.strip("\"“”‘’' ").rstrip(".,;:!?…").rstrip("\"“”‘’' ")
    folded = fold(text).split()
    if not folded or len(folded) > MAX_WORDS:
        return None
    if language != "en":
        bare = _without_article(text, catalogue(language).articles)
        if not fold(bare) or {" ".join(folded), fold(bare)} & file_wordings:
            return None
        return bare[:1].upper() + bare[1:]
    if folded[0] in ARTICLES:
        text = _ARTICLE.sub("", text, count=1)
        folded = folded[1:]
        if not folded:
            return None
    if folded[0] in NOT_A_NOUN_PHRASE or _dated_event(words := fold(phrase).split()):
        return None
    if " ".join(folded) in file_wordings:
        return None
    return text[:1].upper() + text[1:]
