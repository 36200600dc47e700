"""Russian country names in the five oblique cases ("Сирии", "Южного Судана"), so the index finds them in running text.

A heuristic for names, not a grammar: leading adjectives and the head noun are declined together,
the words after the head noun (a genitive such as "Америки", an indeclinable such as "Корея" in
"Республика Корея") are left alone. Used by make_states.py only, when the name lists are generated.
"""
from __future__ import annotations

# case order: genitive, dative, accusative, instrumental, prepositional; None = as the nominative
_ADJECTIVES = (
    ("ая", ("ой", "ой", "ую", "ой", "ой")),
    ("ое", ("ого", "ому", None, "ым", "ом")),
    ("ые", ("ых", "ым", None, "ыми", "ых")),
    ("ие", ("их", "им", None, "ими", "их")),
    ("ый", ("ого", "ому", None, "ым", "ом")),
    ("ий", ("ого", "ому", None, "им", "ом")),
    ("ой", ("ого", "ому", None, "ым", "ом")),
)
_HUSHING = "гкхжшчщц"


def _noun(word: str) -> tuple | None:
    """The five oblique forms of a noun, or None for one that does not decline (Конго, Чили, Перу)."""
    if word.endswith("ия"):
        return tuple(word[:-2] + e for e in ("ии", "ии", "ию", "ией", "ии"))
    if word.endswith("я"):
        return tuple(word[:-1] + e for e in ("и", "е", "ю", "ей", "е"))
    if word.endswith("а") and word[-2:-1] not in "аеиоуыэюя":  # "Папуа" does not decline
        stem = word[:-1]
        gen = "и" if stem[-1:] in _HUSHING else "ы"
        ins = "ей" if stem[-1:] in "жшчщц" else "ой"
        return tuple(stem + e for e in (gen, "е", "у", ins, "е"))
    if word.endswith("ы"):
        return tuple(word[:-1] + e for e in ("ов", "ам", "ы", "ами", "ах"))
    if word.endswith(("й", "ь")):
        return tuple(word[:-1] + e for e in ("я", "ю", word[-1], "ем", "е"))
    if word.endswith("ство"):
        return tuple(word[:-1] + e for e in ("а", "у", "о", "ом", "е"))
    if word[-1:].isalpha() and word[-1] not in "аеёиоуыэюя":
        return tuple(word + e for e in ("а", "у", "", "ом", "е"))
    return None


def _compound(word: str) -> tuple | None:
    """A hyphenated name declines in its last part if that part declines ("Сент-Люсии"), else in its first."""
    if "-" not in word:
        return _noun(word)
    first, _, last = word.partition("-")
    tail = _noun(last) if last[:1].isupper() or "’" in last else None
    if tail:
        return tuple(f"{first}-{t}" for t in tail)
    head = _noun(first) if first.endswith(("а", "я")) or len(first) >= 5 else None  # not "Сан-Томе"
    return tuple(f"{h}-{last}" for h in head) if head else None


def _adjective(word: str) -> tuple | None:
    for ending, forms in _ADJECTIVES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return tuple(word if f is None else word[:-len(ending)] + f for f in forms)
    return None


def declensions(name: str) -> list[str]:
    """The oblique-case forms of a country name (without the nominative); [] if it does not decline."""
    words = name.split(" ")
    declined: list[tuple] = []
    for index, word in enumerate(words):
        forms = _adjective(word) if index + 1 < len(words) else None
        if forms:
            declined.append(forms)
            continue
        head = _compound(word)
        if head is None:
            break
        declined.append(head)
        rest = words[index + 1:]
        return list(dict.fromkeys(" ".join([*(d[case] for d in declined), *rest]) for case in range(5)
                                  if " ".join([*(d[case] for d in declined), *rest]) != name))
    return []
