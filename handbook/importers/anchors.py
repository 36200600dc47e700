"""After reading: repeated notes dropped, note labels resolved to attachments, and each note given the
bold phrase of its paragraph that it explains (matched by the note's own words)."""
from __future__ import annotations

import re

from .guide import Guide, ImportReport, Note, Paragraph
from .inline import SUPERSCRIPTS, escape, strip_bold
from .words import overlap, plain

SURE = 0.5  # a phrase whose words the note shares at least this much is matched without asking


def drop_repeated_notes(guide: Guide, contexts: list, report: ImportReport) -> list:
    """Notes read twice (a page extracted twice) are kept once; returns the contexts of those kept."""
    seen: dict = {}
    kept = []
    for note, label, context in contexts:
        if not note.body:
            note.body = [("p", "(empty note)")]
            report.ask(note.where, "a note with no text: it says '(empty note)'; write it or delete it")
        key = (label, note.kind, _body_text(note))
        if key in seen:
            report.map(note.where, f"note repeated (a page extracted twice): skipped; first at {seen[key]}")
            guide.notes.remove(note)
            continue
        seen[key] = note.where
        kept.append((note, label, context))
    return kept


def resolve_labels(guide: Guide, contexts: list, report: ImportReport) -> None:
    """`24` a paragraph, `III` a section, `b)` a list item, `0` the whole document."""
    paragraphs = {p.number: p for p in guide.paragraphs}
    sections = {s.number for s in guide.sections}
    for note, label, context in contexts:
        if label == "0":
            note.attach = "document"
        elif label.isdigit() and int(label) in paragraphs:
            note.attach = label
        elif label.upper() in sections and not label.isdigit():
            note.attach = label.upper()
        elif label.endswith(")") and _item_owner(paragraphs, label[0].lower(), context) is not None:
            note.attach = f"{_item_owner(paragraphs, label[0].lower(), context).number}({label[0].lower()})"
        else:
            note.attach = "document"
            report.ask(note.where, f"note label {label!r} names nothing in the document: attached to the whole "
                                   "document; fix 'attach' in notes.yaml")


def _item_owner(paragraphs: dict, label: str, context: int) -> Paragraph | None:
    """The paragraph whose list has item (label), nearest before where the note was read (else after it)."""
    owners = [p for n, p in sorted(paragraphs.items()) if any(i.label == label for i in p.items)]
    before = [p for p in owners if p.number <= context]
    return before[-1] if before else (owners[0] if owners else None)


def assign_phrases(guide: Guide, report: ImportReport) -> None:
    """Give notes their anchor phrases; bold phrases that anchor a note lose their bold (the layout
    highlights them), the others stay bold; the report asks wherever the match is a guess. A note on a
    paragraph may take a bold phrase of one of its list items (a paragraph's phrases often stand there):
    it is then attached to that item, where the sources look for its phrase."""
    paragraphs = {p.number: p for p in guide.paragraphs}
    targets: dict = {}
    for note in guide.notes:
        targets.setdefault(note.attach, []).append(note)
    taken: set = set()  # (id of holder, phrase) anchoring a note
    offered: list = []  # (holder, attach) whose phrases were offered to notes
    # notes on an item first: a note on the paragraph takes an item's phrase only if the item's notes do not
    for attach, notes in sorted(targets.items(), key=lambda t: "(" not in t[0]):
        owner, item = _target(paragraphs, attach)
        if owner is None:
            continue
        holders = [item] if item else [owner, *owner.items]
        offered += [(h, attach if item or h is owner else f"{owner.number}({h.label})") for h in holders]
        candidates = [(h, p) for h in holders for p in h.bold if p and (id(h), p) not in taken]
        for note, (holder, phrase), score in _match(notes, candidates):
            if holder is not owner and item is None:
                note.attach = f"{owner.number}({holder.label})"
                report.map(note.where, f"note on ¶ {attach}: its phrase {phrase!r} is in item ({holder.label}), "
                                       f"so it is attached to {note.attach}")
            note.phrase, note.occurrence = phrase, _occurrence(holder, phrase)
            taken.add((id(holder), phrase))
            if score < SURE:
                report.ask(note.where, f"anchored to the bold phrase {phrase!r} of ¶ {note.attach}, which its words "
                                       "barely share; change 'phrase' in notes.yaml if it explains another")
    done: set = set()
    for holder, attach in offered:
        if id(holder) in done:
            continue
        done.add(id(holder))
        for phrase in [p for p in holder.bold if p]:
            _set_bold(holder, phrase, bold=(id(holder), phrase) not in taken)
            if (id(holder), phrase) not in taken:
                report.ask(holder.where, f"the bold phrase {phrase!r} of ¶ {attach} explains no note: kept bold")
        holder.bold = []
    for paragraph in paragraphs.values():  # bold phrases of paragraphs without notes stay bold
        for holder in [paragraph, *paragraph.items]:
            for phrase in holder.bold:
                _set_bold(holder, phrase, bold=True)


def _target(paragraphs: dict, attach: str):
    match = re.fullmatch(r"(\d+)(?:\((\w)\))?", attach)
    if not match or int(match.group(1)) not in paragraphs:
        return None, None
    owner = paragraphs[int(match.group(1))]
    item = next((i for i in owner.items if i.label == match.group(2)), None) if match.group(2) else None
    return owner, item


def _match(notes: list[Note], phrases: list) -> list:
    """(note, (holder, phrase), score): best word overlaps first; if no note shares words with any phrase, the
    phrases go to the notes in reading order (score 0, so the report asks)."""
    pairs = sorted(((overlap(p[1], _body_text(n)), i, j) for i, n in enumerate(notes) for j, p in enumerate(phrases)),
                   key=lambda t: (-t[0], t[1], t[2]))
    used_notes, used_phrases, out = set(), set(), []
    for score, i, j in pairs:
        if score > 0 and i not in used_notes and j not in used_phrases:
            used_notes.add(i)
            used_phrases.add(j)
            out.append((notes[i], phrases[j], score))
    if not out:
        out = [(note, phrase, 0.0) for note, phrase in zip(notes, phrases)]
    return out


def _occurrence(holder, phrase: str) -> int:
    """Which occurrence of `phrase` the bold one is, where the phrase stands more than once; else 0."""
    marked, words = f"**{escape(phrase)}**", escape(phrase)
    before, total, found = 0, 0, False
    for markup in holder.blocks if isinstance(holder, Paragraph) else [holder.text]:
        at = -1 if found else markup.find(marked)
        if not found:
            before += markup[:at].count(words) if at >= 0 else markup.count(words)
            found = at >= 0
        total += markup.count(words)  # the bold one among them
    return before + 1 if found and total > 1 else 0


def _set_bold(holder, phrase: str, bold: bool) -> None:
    """Make the first occurrence of `phrase` in a paragraph's blocks or an item's text bold or not."""
    texts = holder.blocks if isinstance(holder, Paragraph) else [holder.text]
    for k, markup in enumerate(texts):
        marked, words = f"**{escape(phrase)}**", escape(phrase)
        if bold and marked not in markup and words in markup:
            new = markup.replace(words, marked, 1)
        elif not bold and marked in markup:
            new = strip_bold(markup, phrase)
        else:
            if marked in markup or (not bold and words in markup):
                return
            continue
        if isinstance(holder, Paragraph):
            holder.blocks[k] = new
        else:
            holder.text = new
        return


def check_footnote_refs(guide: Guide, report: ImportReport) -> None:
    """A marker with no footnote text prints as the superscript it was (and is asked about)."""
    defined = {f.number for f in guide.footnotes}

    def fix(markup: str, where) -> str:
        def one(match: re.Match) -> str:
            number = int(match.group(1))
            if number in defined:
                return match.group()
            report.ask(where, f"superscript {number} has no footnote text: printed as it stands")
            return "".join(SUPERSCRIPTS[int(d)] for d in str(number))
        return re.sub(r"\[\^(\d+)\]", one, markup)

    for paragraph in guide.paragraphs:
        paragraph.blocks = [fix(b, paragraph.where) for b in paragraph.blocks]
        for item in paragraph.items:
            item.text = fix(item.text, item.where)
    for heading in _headings(guide):  # a title holds footnote references too (`[^N]`, its one markup)
        heading.title = fix(heading.title, heading.where)
    guide.doc_title = fix(guide.doc_title, guide.title_where)
    for number in sorted(defined - _referenced(guide)):
        report.ask(next(f.where for f in guide.footnotes if f.number == number),
                   f"footnote {number} is never referenced by a superscript in the text")


def _referenced(guide: Guide) -> set:
    found = set()
    for paragraph in guide.paragraphs:
        for text in [*paragraph.blocks, *(i.text for i in paragraph.items)]:
            found.update(int(n) for n in re.findall(r"\[\^(\d+)\]", text))
    for title in [guide.doc_title, *(h.title for h in _headings(guide))]:
        found.update(int(n) for n in re.findall(r"\[\^(\d+)\]", title))
    return found


def _headings(guide: Guide) -> list:
    """The sections and sub-headings, whose titles may hold footnote references."""
    return [h for s in guide.sections for h in [s, *s.body] if not isinstance(h, Paragraph)]


def _body_text(note: Note) -> str:
    return " ".join(plain(b[1]) if b[0] == "p" else " ".join(plain(x) for x in b[1]) for b in note.body)
