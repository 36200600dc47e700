"""Note blocks of a guide in the seed's text shape: where a note's body starts and ends, its tag, its lists,
and the judgements between a note's text and the document's (asked about in the report)."""
from __future__ import annotations

import re

from .guide import Note, Paragraph
from .inline import convert, escape
from .textlines import Element
from .words import contained, overlap, plain

ENDS_SENTENCE = re.compile(r"[.!?:;)\"'”’»]\s*(\[\^\d+\])?$")
REPEAT = 0.8  # share of three-word runs that makes a text a repeat of one already read
NO_FOOTNOTES: frozenset = frozenset()  # a note holds no footnotes: its superscripts print as they stand
PARAGRAPH_WORDS = 20  # a numbered line this long (and twice a note's list items) reads as a paragraph


class NoteReader:
    """The note half of the text shape's Assembler (which it is mixed into): it owns `note`, `note_list`,
    `quoted_note` and reads `open`, `paragraphs`, `last_number` and `report` from it."""

    def start_note(self, e: Element) -> None:
        """A note header; what follows its kind words on the line is a tag when bold or in capitals
        (`**RECENT UPDATES**`), else the note's first words ("24 Did you know that the ICC …?")."""
        converted = convert(e.text, NO_FOOTNOTES)
        tag = " ".join(converted.bold)
        rest = converted.markup
        for phrase in converted.bold:
            rest = rest.replace(f"**{escape(phrase)}**", "", 1)
        if not tag and plain(rest).isupper() and len(plain(rest).split()) <= 5:
            tag, rest = plain(rest), ""
        note = Note(e.note_kind, "", [], self.where(e), tag=sentence_case(tag) if tag else "")
        self.guide.notes.append(note)
        self.contexts.append((note, e.number, self.last_number))
        self.note, self.note_list, self.cut = note, 0, True
        self.quoted_note = e.quoted
        if plain(rest).strip():
            self.check_links(converted, note.where)
            note.body.append(("p", " ".join(rest.split())))

    def in_note(self, e: Element, following: Element | None) -> bool:
        """Whether `e` belongs to the open note (else the document resumes)."""
        note = self.note
        if self.quoted_note:
            return e.quoted and self.in_quoted_note(e)
        if e.kind == "bullet":
            self.add_to_note("ul", e.text)
            return True
        if e.kind == "paragraph":
            if not self.is_note_list(e):
                return False
            self.note_list = int(e.number)
            self.add_to_note("ol", e.text)
            return True
        if e.kind != "text" or e.markdown_heading:
            return False
        if not note.body and not note.tag and e.text.isupper() and len(e.text.split()) <= 5:
            note.tag = sentence_case(plain(convert(e.text).markup))
            return True
        if not note.body:
            self.add_to_note("p", e.text)
            return True
        if not e.text[:1].isupper() and not e.text[:1] in "\"“'‘(":
            return False  # a lower-case start continues a sentence of the document
        if self.repeats(e.text) or self.is_heading(e, following):
            return False
        last = note.body[-1]
        if last[0] == "p" and last[1].rstrip().endswith(":"):
            self.add_to_note("p", e.text)
            return True
        if self.closer_to_document(e):
            return False
        self.add_to_note("p", e.text)
        return True

    def in_quoted_note(self, e: Element) -> bool:
        """A note in a Markdown block quote holds every quoted line after it, and nothing else: its quote
        marks say where it ends, so no guess is needed (a capitalised line after it is the document's)."""
        note = self.note
        if e.kind == "bullet":
            self.add_to_note("ul", e.text)
        elif e.kind == "paragraph":  # quoted, so a numbered list of the note, never a paragraph
            self.add_to_note("ol", e.text)
        elif not note.body and not note.tag and e.raw.isupper() and len(e.raw.split()) <= 5:
            note.tag = sentence_case(plain(convert(e.raw).markup))
        else:
            self.add_to_note("p", e.raw)
        return True

    def is_note_list(self, e: Element) -> bool:
        number = int(e.number)
        known = self.paragraphs.get(number)
        if known and contained(plain(convert(e.text).markup), all_text(known)) >= REPEAT:
            return False  # a repeated page: the document's own paragraph
        if self.note_list and number == self.note_list + 1:
            if number == self.last_number + 1:  # also the document's next paragraph number: judge, and ask
                return not self.reads_as_paragraph(e)
            return True
        if number == 1 and self.note.body and self.last_number >= 1:
            return True
        if not e.text[:1].isupper():
            return True
        return not (number > self.last_number and number not in self.paragraphs)

    def reads_as_paragraph(self, e: Element) -> bool:
        """`3. …` after a note whose list ends at 2, the document's last paragraph being 2: a paragraph when it
        is much longer than the list's items (a page starting with the next paragraph), else the list's item 3."""
        body = self.note.body
        items = body[-1][1] if body and body[-1][0] == "ol" else []
        longest = max((len(plain(i).split()) for i in items), default=0)
        text = plain(convert(e.text).markup)
        paragraph = len(text.split()) >= max(PARAGRAPH_WORDS, 2 * longest)
        self.report.ask(self.where(e), f"read {quote(f'{e.number}. {text}')} as "
                                       + (f"paragraph {e.number} of the document, not item {e.number} of the list in "
                                          f"the note at {self.note.where}" if paragraph else
                                          f"item {e.number} of the list in the note at {self.note.where}, not "
                                          f"paragraph {e.number} of the document") + "; move it if that is wrong")
        return paragraph

    def closer_to_document(self, e: Element) -> bool:
        """A capitalised text after a note: the document's continuation when its words are the open
        paragraph's rather than the note's (asked about in the report, since it is a judgement)."""
        if self.open is None:
            return False
        text = plain(convert(e.text).markup)
        to_paragraph = overlap(text, all_text(self.open))
        to_note = overlap(text, note_text(self.note))
        cut_open = not ENDS_SENTENCE.search(self.open.blocks[-1])
        document = (to_paragraph > to_note and to_paragraph > 0 if cut_open
                    else to_paragraph > to_note + 0.1 and to_paragraph >= 0.3)
        if document:
            self.report.ask(self.where(e), f"read {quote(text)} as the continuation of ¶ {self.open.number} "
                                           f"after the note at {self.note.where} (its words are the paragraph's); "
                                           "move it into the note if that is wrong")
        elif to_paragraph > 0 and to_paragraph >= to_note:  # kept in the note, but a close call: ask
            self.report.ask(self.where(e), f"read {quote(text)} as part of the note at {self.note.where}, though "
                                           f"its words are as much ¶ {self.open.number}'s; if it continues the "
                                           "paragraph after a page break, move it there")
        return document

    def add_to_note(self, kind: str, text: str) -> None:
        converted = convert(text, NO_FOOTNOTES)
        self.check_links(converted, self.note.where)
        body = self.note.body
        if kind != "p" and body and body[-1][0] == kind:
            body[-1][1].append(converted.markup)
        else:
            body.append((kind, [converted.markup]) if kind != "p" else ("p", converted.markup))
        if kind == "p":
            self.note_list = 0


def all_text(paragraph: Paragraph) -> str:
    return " ".join([plain(b) for b in paragraph.blocks] + [plain(i.text) for i in paragraph.items])


def note_text(note: Note) -> str:
    return " ".join(plain(b[1]) if b[0] == "p" else " ".join(plain(x) for x in b[1]) for b in note.body)


def merge_bold(phrases: list, more: list) -> None:
    phrases.extend(p for p in more if p and p not in phrases)


def sentence_case(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


def quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")
