"""Reading an index file: subject-index terms and country readings."""
from __future__ import annotations

import difflib
import re

from yaml.nodes import Node, ScalarNode

from ..model import CountryReading, Edition, IndexTerm, Prose
from .texts import TextReader
from .yamlfile import Source


class IndexFileReader(TextReader):
    """Index files: subject terms with aliases and sub-entries, and country readings."""

    def index_file(self, name: str, edition: Edition) -> tuple[list[IndexTerm], list[CountryReading]]:
        src, root = self.load(name)
        if root is None:
            return [], []
        keys = src.mapping(root, "index file", optional=("terms", "countries"))
        if not keys:
            return [], []
        terms = self.index_terms(src, keys["terms"]) if "terms" in keys else []
        readings = self.country_readings(src, keys["countries"], edition) if "countries" in keys else []
        if terms:
            check_terms(terms, edition, src)
        return terms, readings

    def country_readings(self, src: Source, node: Node, edition: Edition) -> list[CountryReading]:
        """`countries:` entries: a phrase, and the state its country mention stands for (or none)."""
        from ..indexing.countries import find_countries, load_states
        ids = [s.id for s in load_states(edition.language)]
        texts = " ".join(" ".join(t.split()) for t in edition_texts(edition))
        readings = []
        for item in src.sequence(node, "countries"):
            k = src.mapping(item, "country reading", required=("state",), optional=("phrase", "name"))
            if k and "name" in k:
                readings += self.country_name(src, k, ids, item)
                continue
            if k and "phrase" not in k:
                src.error(item, "country reading: missing required key 'phrase'", "or 'name' to add a state's name")
            if not k or "phrase" not in k or "state" not in k:
                continue
            phrase = " ".join((src.string(k["phrase"], "phrase") or "").split())
            state_node = k["state"]
            if isinstance(state_node, ScalarNode) and state_node.tag.endswith(":null"):
                state = None
            else:
                state = src.string(state_node, "state")
                if state is None:
                    continue
                state = None if state.strip().lower() == "none" else state.strip()
                if state is not None and state not in ids:
                    close = difflib.get_close_matches(state, ids, n=1, cutoff=0.6)
                    src.error(state_node, f"country reading: unknown state {state!r}",
                              f"did you mean {close[0]!r}?" if close else
                              "use an id from handbook/indexing/states.yaml, or none to leave the mention out")
                    continue
            if not phrase:
                src.error(k["phrase"], "country reading: the phrase is empty")
                continue
            if not find_countries(phrase, edition.language):
                src.error(k["phrase"], f"country reading: {phrase!r} names no state, so there is nothing to file",
                          "quote the words around the country's name as they stand in the text")
                continue
            if phrase not in texts:
                src.warning(k["phrase"], f"country reading: {phrase!r} does not occur in the edition's text")
            readings.append(CountryReading(phrase, state, src.at(item)))
        return readings

    def country_name(self, src: Source, k: dict, ids: list, item: Node) -> list[CountryReading]:
        """`- name: République arabe syrienne, state: syria`: a name the list of states lacks, for that state."""
        if "phrase" in k:
            src.error(k["name"], "country reading: give either 'phrase' or 'name', not both")
            return []
        name = " ".join((src.string(k["name"], "name") or "").split())
        state = src.string(k["state"], "state") if "state" in k else None
        if not name or not state or state not in ids:
            close = difflib.get_close_matches(state or "", ids, n=1, cutoff=0.6)
            src.error(k.get("state", k["name"]), f"country name {name!r}: unknown state {state!r}",
                      f"did you mean {close[0]!r}?" if close else "use an id from handbook/indexing/states.yaml")
            return []
        return [CountryReading(name, state, src.at(item), is_name=True)]

    def index_terms(self, src: Source, node: Node) -> list[IndexTerm]:
        terms = []
        for item in src.sequence(node, "terms"):
            k = src.mapping(item, "index term", required=("term",),
                            optional=("aliases", "see_also", "subentries"))
            if not k or "term" not in k:
                continue
            written = src.string(k["term"], "term")
            term = IndexTerm(written or "", position=src.at(item))
            if written is not None and not written.strip():  # it was left out of the index without a word
                src.error(k["term"], "index term is empty", "write the term, or delete the entry")
                continue
            if "aliases" in k:
                term.aliases = src.strings(k["aliases"], "alias")
            if "see_also" in k:
                term.see_also = src.strings(k["see_also"], "see_also")
                node = k["see_also"]
                nodes = [node] if isinstance(node, ScalarNode) else list(getattr(node, "value", []))
                term.see_also_positions = [src.at(n) for n in nodes][:len(term.see_also)]
                if term.term in term.see_also:  # it printed "Prevention, 3; see also Prevention"
                    src.error(k["see_also"], f"index term {term.term!r} refers to itself in see_also",
                              "see_also names other terms")
            if "subentries" in k:
                term.subentries = self.index_terms(src, k["subentries"])
            terms.append(term)
        return terms


def edition_texts(edition: Edition):
    """The plain text of everything the indexes read: paragraphs, items, footnotes and notes."""
    from .prose import prose_texts
    for page in edition.prose_pages:
        yield from (rich.plain for rich in prose_texts(page))
    for document in edition.documents:
        for paragraph in document.paragraphs:
            yield from (b.plain for b in paragraph.blocks)
            yield from (i.text.plain for i in paragraph.items)
        yield from (f.text.plain for f in document.footnotes)
        for note in document.notes:
            for block in note.body:
                yield from ([block.text.plain] if isinstance(block, Prose) else [i.plain for i in block.items])


def check_terms(terms: list[IndexTerm], edition: Edition, src: Source) -> None:
    """Warnings, at their line: a `see_also` naming no term of the index, and a term the text never uses."""
    from ..indexing.phrases import fold
    from ..model import IndexMark, walk_inline
    text = " " + " ".join(fold(t) for t in edition_texts(edition)) + " "
    text += _without_elision(text, edition.language)  # "l'accès humanitaire" uses the term "accès humanitaire"
    marked = {fold(node.term) for document in edition.documents for paragraph in document.paragraphs
              for rich in [*paragraph.blocks, *(i.text for i in paragraph.items)]
              for node in walk_inline(rich.nodes) if isinstance(node, IndexMark)}
    headings = {fold(t.term) for t in terms} | marked
    from ..language.catalogue import catalogue
    pad = "" if catalogue(edition.language).unspaced else " "  # Chinese writes no spaces between words
    for term in terms:
        for name, at in zip(term.see_also, term.see_also_positions):
            if fold(name) not in headings:
                src.report.warning(at, f"see also {name!r}: the index has no such term",
                                   "add it to the index file's terms, or correct the name")
        for entry in (term, *term.subentries):
            wordings = (entry.term, *entry.aliases)
            if fold(entry.term) not in marked and not any(f"{pad}{fold(w)}{pad}" in text for w in wordings if fold(w)):
                src.report.warning(entry.position, f"index term {entry.term!r} is never found in the text",
                                   "it gets no entry; check its spelling, or add the wording it has as an alias")


def _without_elision(text: str, language: str) -> str:
    """`text` (folded) without the elided words written onto the next one ("l'", "qu'"), or "" if it has none."""
    from ..language.catalogue import catalogue
    elision = catalogue(language).elision
    if not elision:
        return ""
    pattern = "|".join(re.escape(e) for e in elision)
    return re.sub(rf"(?<= )(?:{pattern})(?=\w)", "", text.replace("’", "'"))
