"""Model transforms after reading: number notes in the order a reader meets their anchors."""
from __future__ import annotations

from .model import Document, Heading, Note


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
            return (flow[("paragraph", a.paragraph)], 0, text.find(note.phrase) if note.phrase else -1)
        labels = [i.label for i in paragraph.items]
        item_text = paragraph.items[labels.index(a.item)].text.plain
        return (flow[("paragraph", a.paragraph)], 1 + labels.index(a.item),
                item_text.find(note.phrase) if note.phrase else -1)

    document.notes.sort(key=key)  # stable: notes on one spot keep the order of the notes file
    for offset, note in enumerate(document.notes):
        note.number = first + offset
    return first + len(document.notes)
