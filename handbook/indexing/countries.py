"""UN Member States, Observer States and territories, and finding their mentions in text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path

import yaml

STATUSES = ("member", "observer", "territory")
STATES_FILE = Path(__file__).resolve().parent / "states.yaml"


@dataclass(frozen=True)
class State:
    id: str
    name: str
    display: str
    status: str
    aliases: tuple[str, ...] = ()


# Phrases that contain a state's name but do not mention the state. They are
# matched like names (longest first) and then dropped, so that e.g. "Gulf of
# Guinea" yields nothing rather than Guinea. ("Papua New Guinea" still wins
# over "New Guinea": it starts earlier.)
_NOT_STATES = (
    "New Guinea",
    "Gulf of Guinea",
    "Guinea worm",
    "Guinea pig",
    "Niger Delta",
    "Niger River",
    "River Niger",
    "Lake Chad",
    "Congo Basin",
    "Congo River",
    "River Congo",
    "Jordan River",
    "River Jordan",
    "South China Sea",
    "East China Sea",
    "Northern Ireland",
    "New Mexico",
    "Gulf of Mexico",
)

# Characters treated as the same apostrophe, and as the same word separator.
_APOSTROPHES = "'\u2019\u2018\u02bc\u2032`\u00b4"
_APOS_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})
_SEP_RE = re.compile(r"[\s\-\u2010\u2011]+")


def _strip_accents(s: str) -> str:
    if s.isascii():  # nothing to strip (and NFKD leaves ASCII as it is)
        return s
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(s: str) -> str:
    """Canonical form of a name: no accents, one apostrophe, hyphens = spaces."""
    s = s.translate(_APOS_TABLE)
    return _SEP_RE.sub(" ", _strip_accents(s)).strip()


def _well_formed(raw) -> bool:
    """A states list as the file holds it: entries with exactly the expected keys (checked in detail below)."""
    fields = {"id", "name", "display", "status", "aliases"}
    return isinstance(raw, list) and len(raw) > 0 and all(isinstance(e, dict) and set(e) == fields for e in raw)


@cache
def load_states() -> tuple[State, ...]:
    """All entries of ``handbook/indexing/states.yaml``, in file order (loaded once)."""
    from ..diskcache import cached, file_stamp
    source = STATES_FILE

    def parse():
        # libyaml when present: the list is long, and the pure-Python loader takes a third of a second
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(source.read_text(encoding="utf-8"))
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    # even libyaml takes 30 ms over the list; the cache reads it back in 2
    raw = cached("states", file_stamp(source), parse, _well_formed, slot=str(source))
    if not isinstance(raw, list):
        raise ValueError("states.yaml: expected a list of states")
    states: list[State] = []
    seen_ids: set[str] = set()
    fields = {"id", "name", "display", "status", "aliases"}
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or set(entry) != fields:
            raise ValueError(f"states.yaml: entry {i} must have exactly the keys {sorted(fields)}")
        sid, status, aliases = entry["id"], entry["status"], entry["aliases"] or []
        if not isinstance(sid, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", sid):
            raise ValueError(f"states.yaml: entry {i}: bad id {sid!r}")
        if sid in seen_ids:
            raise ValueError(f"states.yaml: duplicate id {sid!r}")
        if status not in STATUSES:
            raise ValueError(f"states.yaml: {sid}: bad status {status!r}")
        if not all(isinstance(x, str) and x for x in [entry["name"], entry["display"], *aliases]):
            raise ValueError(f"states.yaml: {sid}: names and aliases must be non-empty strings")
        seen_ids.add(sid)
        states.append(State(sid, entry["name"], entry["display"], status, tuple(aliases)))
    return tuple(states)


# A word, as names and text are cut into words: letters and digits, with any combining accents.
_WORD = re.compile(r"[\w\u0300-\u036f]+")


@cache
def _matcher() -> dict[str, list[tuple[int, str, str, State | None]]]:
    """Names by their first word: (words, key, trailing punctuation, state), longest first.

    A plain dictionary, not one big regex: compiling a regex of every name took 80 ms on every build.
    """
    table: dict[str, State | None] = {}
    for state in load_states():
        for form in (state.name, *state.aliases):
            key = _key(form)
            other = table.get(key)
            if other is not None and other is not state:
                raise ValueError(f"states.yaml: {form!r} names both {other.id} and {state.id}")
            table[key] = state
    for phrase in _NOT_STATES:
        key = _key(phrase)
        if key in table:
            raise ValueError(f"{phrase!r} is both a state name and a non-state phrase")
        table[key] = None
    by_first: dict[str, list[tuple[int, str, str, State | None]]] = {}
    for key, state in table.items():
        words = _WORD.findall(key)
        trail = key[key.rindex(words[-1]) + len(words[-1]):]  # "U.S." ends in a full stop
        by_first.setdefault(words[0], []).append((len(words), key, trail, state))
    for names in by_first.values():
        names.sort(key=lambda name: (-name[0], -len(name[1])))  # the longest name wins
    return by_first


def find_countries(text: str) -> list[tuple[State, int, int]]:
    """Every mention of a state in ``text`` as ``(state, start, end)``, in text order.

    Mentions never overlap; at each position the longest name wins ("Democratic
    Republic of the Congo" is one mention, never also "Congo"). Matching is
    case-sensitive on whole words and tolerates curly apostrophes, missing
    accents and a hyphen or line break in place of a space.
    """
    by_first = _matcher()
    # only the words that can begin a name are looked at: capitalised words (a regex finds them in
    # C), the few lower-case first words ("former ..."), and accented words without their accents
    occurrences = [(m.start(), w) for m in _CAPITALISED.finditer(text) if (w := m.group()) in by_first]
    others = [w for w in _lower_first_words() if w in text]
    if any(c.isalnum() or "\u0300" <= c <= "\u036f" for c in _NON_ASCII.findall(text)):  # accented words
        others += {w for w in _WORD.findall(text) if not w.isascii() and _strip_accents(w) in by_first}
    if others:
        occurrences = sorted(occurrences + [(m.start(), w) for w in others for m in _whole_word(w).finditer(text)])
    if not occurrences:
        return []
    found: list[tuple[State, int, int]] = []
    cursor = 0  # mentions never overlap: a name's words are not read again
    for begin, word in occurrences:
        if begin < cursor:
            continue
        names = by_first[word if word.isascii() else _strip_accents(word)]
        # the ends of this word and the ones after it, as many as the longest name has
        ends = [m.end() for m in islice(_WORD.finditer(text, begin), names[0][0])]
        for count, key, trail, state in names:  # longest first
            if count > len(ends):
                continue
            end = ends[count - 1]
            if trail:  # punctuation ending a name ("U.S.") must end a word too
                if not text.startswith(trail, end) or _WORD.match(text, end + len(trail)):
                    continue
                end += len(trail)
            if _key(text[begin:end]) == key:
                if state is not None:
                    found.append((state, begin, end))
                cursor = end
                break
    return found


@lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\u0300-\u036f])" + re.escape(word) + r"(?![\w\u0300-\u036f])")


@cache
def _lower_first_words() -> tuple[str, ...]:
    """The words a name can begin with that are not capitalised ("former", "occupied")."""
    return tuple(w for w in _matcher() if not ("A" <= w[0] <= "Z"))


# A capitalised word. The look-behind comes after the capital so that the regex engine can skip
# straight to capitals (three times faster than looking behind at every position).
_CAPITALISED = re.compile(r"[A-Z](?<![\w\u0300-\u036f][A-Z])[\w\u0300-\u036f]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
