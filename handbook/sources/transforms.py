"""Model transforms after reading: number notes in the order a reader meets their anchors."""
from __future__ import annotations

import re

from ..language.references import elsewhere_pattern, reference_pattern
from ..errors import UNKNOWN
from ..model import Document, Heading, Link, Note, Text, nth_find


def number_notes(document: Document, first: int = 1) -> int:
    """Renumber `document.notes` in reading order of their anchors; returns the next free number."""
    flow: dict = {}
    position = 0
    for section in document.sections:
        flow[("section", section.number)] = position
        position += 1
        for block in section.body:
            if not isinstance(block, Heading):
                flow[("paragraph", block.number)] = position
            position += 1
    paragraphs = {p.number: p for p in document.paragraphs}

    def key(note: Note):
        a = note.attach
        if a.target == "document":
            return (-1, 0, 0)
        if a.target == "section":
            return (flow[("section", a.section)], 0, 0)
        paragraph = paragraphs[a.paragraph]
        if a.target == "paragraph":
            text = " ".join(b.plain for b in paragraph.blocks)
            return (flow[("paragraph", a.paragraph)], 0,
                    nth_find(text, note.phrase, note.occurrence - 1) if note.phrase else -1)
        labels = [i.label for i in paragraph.items]
        item_text = paragraph.items[labels.index(a.item)].text.plain
        return (flow[("paragraph", a.paragraph)], 1 + labels.index(a.item),
                nth_find(item_text, note.phrase, note.occurrence - 1) if note.phrase else -1)

    document.notes.sort(key=key)  # stable: notes on one spot keep the order of the notes file
    for offset, note in enumerate(document.notes):
        note.number = first + offset
    return first + len(document.notes)


def number_prose_notes(page, first: int) -> int:
    """Number a prose part's notes in reading order (by paragraph, then where the phrase stands)."""
    texts = page.paragraphs()

    def key(note: Note):
        text = texts[note.attach.paragraph - 1].plain
        return (note.attach.paragraph, nth_find(text, note.phrase, note.occurrence - 1) if note.phrase else -1)

    page.notes.sort(key=key)
    for offset, note in enumerate(page.notes):
        note.number = first + offset
    return first + len(page.notes)


# ASCII digits only: "paragraph ١٧" is left as written rather than linked to a "#para-١٧" that is nowhere
_NUMBER = re.compile(r"[0-9]+")


def _link_nodes(nodes: list, numbers: set, rules, unknown: list) -> list:
    out: list = []
    for node in nodes:
        if isinstance(node, Text):
            out.extend(_link_text(node.text, numbers, rules, unknown))
        elif isinstance(node, Link):
            out.append(node)  # never a link inside a link
        else:
            if getattr(node, "children", None):
                node.children = _link_nodes(node.children, numbers, rules, unknown)
            out.append(node)
    return out


def _link_text(text: str, numbers: set, rules, unknown: list) -> list:
    pattern, elsewhere = rules
    pieces: list = []
    cursor = 0
    for match in pattern.finditer(text):
        if elsewhere is not None and elsewhere.match(text, match.end()):
            continue
        spans = [m for m in _NUMBER.finditer(text, match.start(2), match.end())]
        if not any(int(m.group()) in numbers for m in spans):
            # 《…》第138段 is a paragraph of the title before it; digits other than 0-9 are never a paragraph
            if spans and not text[:match.start()].rstrip().endswith("》"):
                unknown.append(match.group(0).strip())
            continue
        for index, number in enumerate(spans):
            start = match.start() if index == 0 else number.start()
            if int(number.group()) not in numbers:
                continue
            if start > cursor:
                pieces.append(Text(text[cursor:start]))
            pieces.append(Link(f"#para-{number.group()}", [Text(text[start:number.end()])]))
            cursor = number.end()
    if cursor < len(text):
        pieces.append(Text(text[cursor:]))
    return pieces or [Text(text)]


def cross_reference(edition, report=None) -> None:
    """Turn "paragraph 17", "paragraphs 17 and 18", "¶ 17" into links to those paragraphs, in every text of
    every document (paragraphs, lists, footnotes, notes), in the words of the edition's language
    (handbook/language/catalogues/<language>.yaml).

    A reference followed by "of …" names another document ("paragraphs 138 and 139 of the World
    Summit Outcome") and is left alone; one to a paragraph the document does not have is left unlinked,
    with a warning in `report` at its text.
    """
    from ..model import Prose
    for document in edition.documents:
        texts = [(b, p.position) for p in document.paragraphs for b in p.blocks]
        texts += [(i.text, i.position if i.position is not UNKNOWN else p.position)
                  for p in document.paragraphs for i in p.items]
        texts += [(f.text, f.position) for f in document.footnotes]
        for note in document.notes:
            for block in note.body:
                texts += [(t, note.position) for t in ([block.text] if isinstance(block, Prose) else block.items)]
        numbers = {p.number for p in document.paragraphs}
        rules = (reference_pattern(edition.language), elsewhere_pattern(edition.language))
        for rich, position in texts:
            unknown: list = []
            rich.nodes = _link_nodes(rich.nodes, numbers, rules, unknown)
            for words in unknown if report is not None else []:  # a typo, or a paragraph since removed
                report.warning(position, f"{words!r} names no paragraph of this document; it prints without a link",
                               "correct the number, or say which document it is in (\"… of resolution 60/1\")")
