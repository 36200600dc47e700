"""Read a guide in the seed's text shape (plain text or Markdown) into the intermediate model."""
from __future__ import annotations

from pathlib import Path

from . import anchors
from .guide import Guide, ImportReport, Where
from .textfront import read_front
from .textlines import lex_body, split_front
from .textshape import Assembler


def read_text_guide(path: Path, display: str, report: ImportReport) -> Guide:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    guide = Guide()
    body = split_front(lines)
    read_front(lines, body, guide, report, display)
    assembler = Assembler(guide, report, display)
    assembler.feed(lex_body(lines, body))
    contexts = anchors.drop_repeated_notes(guide, assembler.contexts, report)
    anchors.resolve_labels(guide, contexts, report)
    anchors.assign_phrases(guide, report)
    anchors.check_footnote_refs(guide, report)
    _summarise(guide, report, display)
    return guide


def _summarise(guide: Guide, report: ImportReport, file: str) -> None:
    for section in guide.sections:
        numbers = [p.number for p in section.paragraphs] if hasattr(section, "paragraphs") else []
        numbers = [b.number for b in section.body if hasattr(b, "number")]
        span = f", ¶ {numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else (f", ¶ {numbers[0]}" if numbers else "")
        report.map(section.where, f"section {section.number}: {section.title}{span}")
        for block in section.body:
            if hasattr(block, "items") and block.items:
                report.map(block.items[0].where, f"¶ {block.number}: list ({block.items[0].label})–"
                                                 f"({block.items[-1].label})")
            elif not hasattr(block, "number"):
                report.map(block.where, f"sub-heading: {block.title}")
    for note in guide.notes:
        phrase = f", phrase {note.phrase!r}" if note.phrase else ""
        tag = f", tag {note.tag!r}" if note.tag else ""
        report.map(note.where, f"note {note.kind} on {note.attach}{phrase}{tag}")
    report.mapped.sort(key=lambda m: (m[0].path, m[0].line))
    if not guide.sections:
        report.ask(Where(file, 1), "no section heading ('I. Title') or numbered paragraph ('1. Text') found")
