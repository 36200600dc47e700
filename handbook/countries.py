"""UN Member States, Observer States and territories, and finding their mentions in text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

STATUSES = ("member", "observer", "territory")


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
_SEP_TOKEN = r"[\s\-\u2010\u2011]+"
_APOS_TOKEN = "[" + re.escape(_APOSTROPHES) + "]"


def _strip_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(s: str) -> str:
    """Canonical form of a name: no accents, one apostrophe, hyphens = spaces."""
    s = s.translate(_APOS_TABLE)
    return _SEP_RE.sub(" ", _strip_accents(s)).strip()


@cache
def load_states() -> tuple[State, ...]:
    """All entries of ``handbook/data/states.yaml``, in file order (loaded once)."""
    text = resources.files("handbook.data").joinpath("states.yaml").read_text(encoding="utf-8")
    # libyaml when present: the list is long, and the pure-Python loader takes a third of a second
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        raw = loader.get_single_data()
    finally:
        loader.dispose()
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


def _token(ch: str, variants: dict[str, str]) -> str:
    if ch == " ":
        return _SEP_TOKEN
    if ch == "'":
        return _APOS_TOKEN
    if ch in variants:  # e.g. "o" also matches "ô", precomposed or decomposed
        return "[" + re.escape(ch + variants[ch]) + "][\u0300-\u036f]*"
    return re.escape(ch)


def _trie_pattern(node: dict, variants: dict[str, str]) -> str:
    """Regex for a character trie; longer continuations are tried first."""
    alts = [
        _token(ch, variants) + _trie_pattern(child, variants)
        for ch, child in sorted(node.items())
        if ch != ""
    ]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:  # a name may end here: the continuation is optional (greedy)
        return "(?:" + body + ")?"
    return body


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, State | None]]:
    table: dict[str, State | None] = {}
    variants: dict[str, set[str]] = {}
    for state in load_states():
        for form in (state.name, *state.aliases):
            key = _key(form)
            other = table.get(key)
            if other is not None and other is not state:
                raise ValueError(f"states.yaml: {form!r} names both {other.id} and {state.id}")
            table[key] = state
            for ch in form.translate(_APOS_TABLE):
                base = _strip_accents(ch)
                if len(base) == 1 and base != ch:
                    variants.setdefault(base, set()).add(ch)
    for phrase in _NOT_STATES:
        key = _key(phrase)
        if key in table:
            raise ValueError(f"{phrase!r} is both a state name and a non-state phrase")
        table[key] = None

    trie: dict = {}
    for key in table:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    flat = {base: "".join(sorted(chars)) for base, chars in variants.items()}
    pattern = r"(?<!\w)" + _trie_pattern(trie, flat) + r"(?!\w)"
    return re.compile(pattern), table


def find_countries(text: str) -> list[tuple[State, int, int]]:
    """Every mention of a state in ``text`` as ``(state, start, end)``, in text order.

    Mentions never overlap; at each position the longest name wins ("Democratic
    Republic of the Congo" is one mention, never also "Congo"). Matching is
    case-sensitive on whole words and tolerates curly apostrophes, missing
    accents and a hyphen or line break in place of a space.
    """
    regex, table = _matcher()
    found: list[tuple[State, int, int]] = []
    for m in regex.finditer(text):
        state = table.get(_key(m.group()))
        if state is not None:
            found.append((state, m.start(), m.end()))
    return found
