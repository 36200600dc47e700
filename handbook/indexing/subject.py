"""Index terms and where they occur in text: subject terms (index file, marks, note phrases) and countries."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .countries import find_countries, load_states
from .phrases import fold, phrase_heading
from ..language.catalogue import catalogue
from ..model import Edition, IndexMark, IndexTerm, walk_inline


def sort_key(text: str) -> str:
    """Alphabetical order ignoring case and accents ("Côte" files with "Cote")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().lstrip("\"'“‘(")


@dataclass
class Entry:
    """One line of an index: a heading (and optional sub-heading) with the pages it occurs on."""

    key: str  # the label recorded on the canvas when one of its occurrences is drawn
    heading: str
    sub: str = ""
    see_also: list = field(default_factory=list)
    matches: list = field(default_factory=list)  # wordings found automatically in the text


# A warm process (handbook/watch.py) sets this to a dict: the terms found in each text, by the
# catalogue's wordings, so a rebuild looks up again only the texts an edit changed.
found_terms: dict | None = None


class IndexCatalogue:
    """Every index entry of an edition, and a matcher that finds their wordings in a text."""

    def __init__(self, edition: Edition):
        self.entries: dict[str, Entry] = {}
        self._by_heading: dict[tuple, Entry] = {}
        for term in edition.index_terms:
            parent = self._add(term.term, "", term.see_also, [term.term] + term.aliases)
            for sub in term.subentries:
                self._add(term.term, sub.term, sub.see_also, [sub.term] + sub.aliases)
            del parent
        wordings = {fold(w) for t in edition.index_terms for x in (t, *t.subentries) for w in (x.term, *x.aliases)}
        for annotated in [*edition.documents, *edition.prose_pages]:
            for note in annotated.notes:  # a note's phrase is an entry if it is a noun phrase (phrases.py)
                indexed = note.phrase and note.indexed
                heading = phrase_heading(note.phrase, wordings, edition.language) if indexed else None
                if heading:
                    self._add(heading, "", [], [note.phrase])
            for rich in _texts(annotated):
                for node in walk_inline(rich.nodes):
                    if isinstance(node, IndexMark):
                        self.mark_key(node.term)
        self._trie = _compile({w: e.key for e in self.entries.values() for w in e.matches})
        self._unspaced = _unspaced_pattern(edition, {w: e.key for e in self.entries.values() for w in e.matches})
        self.language = edition.language
        self._elision = catalogue(self.language).elision  # French "l'", "d'": a term may follow them in a word
        self.states = {s.id: s for s in load_states(self.language)}
        # wordings whose country mention stands for another state, or for none (index.yaml `countries:`);
        # a `name:` reading adds a name for its state (an official form the list lacks)
        self._readings = [(_phrase_pattern(r.phrase), r.state) for r in edition.country_readings if not r.is_name]
        self._added = [(_phrase_pattern(r.phrase), r.state) for r in edition.country_readings if r.is_name]
        self._found = None
        if found_terms is not None:  # the answers depend on the wordings, their keys, the readings and the language
            wordings = sorted((w, e.key) for e in self.entries.values() for w in e.matches)
            readings = [(r.phrase, r.state, r.is_name) for r in edition.country_readings]
            signature = repr((wordings, readings, self.language))
            if signature not in found_terms:
                found_terms[signature] = {}
            self._found = found_terms[signature]

    def _add(self, heading: str, sub: str, see_also: list, matches: list) -> Entry:
        slot = (sort_key(heading), sort_key(sub))
        entry = self._by_heading.get(slot)
        if entry is None:
            entry = Entry(f"t{len(self.entries)}", heading, sub, list(see_also))
            self.entries[entry.key] = entry
            self._by_heading[slot] = entry
        for m in matches:
            if m and m not in entry.matches:
                entry.matches.append(m)
        return entry

    def mark_key(self, term: str) -> str:
        """The key of an explicit index mark's term (the term is created if it is new)."""
        return self._add(term, "", [], []).key

    def points(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) for every subject term and country found in `text`."""
        if self._found is None:
            return self._points(text)
        if text not in self._found:
            self._found[text] = tuple(self._points(text))
        return list(self._found[text])

    def _points(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        if self._unspaced is not None:  # words not separated by spaces (Chinese): wordings found anywhere
            pattern, keys = self._unspaced
            found += [(m.start(), m.end(), keys[_norm(m.group())]) for m in pattern.finditer(text)]
        elif self._trie:
            folded = _norm(text)
            if len(folded) == len(text):  # folded character for character: positions hold, fold once
                tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
            else:  # a character whose case folds to two ("İ"): fold word by word
                tokens = [(m.start(), m.end(), _norm(m.group())) for m in _TOKEN.finditer(text)]
            i, count = 0, len(tokens)
            while i < count:
                start, word = tokens[i][0], tokens[i][2]
                match = self._walk(word, tokens, i)
                cut = _elided(word, self._elision)
                if cut and (match is None or match[0] == i):  # "l'accès humanitaire": the term after the article
                    shorter = self._walk(word[cut:], tokens, i)
                    if shorter is not None and (match is None or shorter[0] > match[0]):
                        start, match = start + cut, shorter
                if match is None:
                    i += 1
                else:
                    last, key = match
                    found.append((start, tokens[last][1], key))
                    i = last + 1
        mentions = [(state.id, start, end) for state, start, end in find_countries(text, self.language)]
        if mentions and self._readings:
            mentions = self._reread(text, mentions)
        if self._added:
            mentions = _with_added(text, mentions, self._added)
        for state_id, start, end in mentions:
            found.append((start, end, "c:" + state_id))
        return found

    def _walk(self, word: str, tokens: list, i: int) -> tuple[int, str] | None:
        """(last token, key) of the longest wording that starts with `word` at token `i`, or None."""
        node, j, match, count = self._trie.get(word), i, None, len(tokens)
        while node is not None:  # word by word down the trie
            if _END in node:
                match = (j, node[_END])
            j += 1
            node = node.get(tokens[j][2]) if j < count else None
        return match

    def _reread(self, text: str, mentions: list) -> list[tuple[str, int, int]]:
        """Mentions as the edition's country readings file them: (state id, start, end)."""
        spans = [(m.start(), m.end(), state) for pattern, state in self._readings for m in pattern.finditer(text)]
        out = []
        for sid, start, end in mentions:
            for first, last, reading in spans:
                if first <= start and end <= last:
                    sid = reading
                    break
            if sid is not None:
                out.append((sid, start, end))
        return out

    def crossing(self, tail: str, head: str) -> set[str]:
        """Keys of the terms that start in `tail` (a page's last line) and end in `head` (overleaf).

        A hyphen ending `tail` is read both ways, as in laid_points: a word broken at the page
        ("inter-" / "national") or a compound's own hyphen ("Japan-" / "based").
        """
        tail, head = tail.rstrip(), head.lstrip()
        if not tail or not head:
            return set()
        if tail.endswith("-"):
            readings = [(tail[:-1] + head, len(tail) - 1), (tail + head, len(tail))]
        else:
            readings = [(tail + " " + head, len(tail))]
        return {key for text, boundary in readings for start, end, key in self.points(text) if start < boundary < end}


def _with_added(text: str, mentions: list, added: list) -> list[tuple[str, int, int]]:
    """`mentions` and the names the index file added, where they do not overlap a mention already found."""
    out = list(mentions)
    for pattern, state in added:
        for m in pattern.finditer(text):
            if not any(start < m.end() and m.start() < end for _, start, end in out):
                out.append((state, m.start(), m.end()))
    return sorted(out, key=lambda mention: mention[1])


# Words as the index compares them: letters and digits, joined by inner hyphens, slashes, dots or
# apostrophes ("gender-based", "A/63/677", "Côte d'Ivoire"), case and apostrophe style folded.
_TOKEN = re.compile(r"\w+(?:[-/.'’]\w+)*")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, any run of spaces or a line break between them, and a hyphen allowed
    inside a word (laid_points' second reading keeps the hyphen of a word broken at a line end)."""
    words = ["-?".join(map(re.escape, word)) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def _elided(word: str, elision: tuple) -> int:
    """How many characters of `word` (folded) are an elided article or pronoun before another word ("l'", "qu'")."""
    for article in elision:
        if word.startswith(article) and len(word) > len(article):
            return len(article)
    return 0


def _norm(word: str) -> str:
    return word.casefold().replace("’", "'")


_END = ""  # marks, inside the trie, that the words so far make a whole wording


def _compile(wordings: dict[str, str]) -> dict:
    """A trie of the wordings' words: {word: {next word: {…, _END: key}}}."""
    trie: dict = {}
    for wording, key in wordings.items():
        words = [_norm(m.group()) for m in _TOKEN.finditer(wording)]
        if not words:
            continue
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node.setdefault(_END, key)
    return trie


def _unspaced_pattern(edition: Edition, wordings: dict[str, str]):
    """For a language written without spaces: one pattern of every wording, longest first, and their keys."""
    if not catalogue(edition.language).unspaced or not wordings:
        return None
    keys = {_norm(w): key for w, key in wordings.items()}
    return re.compile("|".join(re.escape(w) for w in sorted(wordings, key=len, reverse=True)), re.IGNORECASE), keys


def _texts(document):
    if not hasattr(document, "sections"):  # a prose part
        yield from document.paragraphs()
        yield from (f.text for f in document.footnotes)
        return
    for paragraph in document.paragraphs:
        yield from paragraph.blocks
        yield from (item.text for item in paragraph.items)
    yield from (f.text for f in document.footnotes)


def page_ranges(pages) -> list[tuple[int, int]]:
    """Collapse sorted page numbers into runs: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return [tuple(r) for r in runs]


__all__ = ["IndexCatalogue", "Entry", "page_ranges", "sort_key", "IndexTerm"]
