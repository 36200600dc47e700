"""Assemble a guide in the seed's text shape from its elements: sections, paragraphs, lists,
footnotes and note blocks, with repeated pages and page-cut paragraphs detected and joined."""
from __future__ import annotations

import re

from .guide import Footnote, Guide, Heading, ImportReport, Item, Note, Paragraph, Section, Where
from .inline import convert, escape
from .textlines import Element
from .words import contained, first_difference, overlap, plain

_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\"'”’»]\s*(\[\^\d+\])?$")
REPEAT = 0.8  # share of three-word runs that makes a text a repeat of one already read
PARAGRAPH_WORDS = 20  # a numbered line this long (and twice a note's list items) reads as a paragraph


class Assembler:
    """Feeds elements in reading order; the guide's sections, footnotes and notes fill as it goes."""

    def __init__(self, guide: Guide, report: ImportReport, file: str):
        self.guide, self.report, self.file = guide, report, file
        self.paragraphs: dict[int, Paragraph] = {}
        self.section: Section | None = None
        self.open: Paragraph | None = None  # where continuation text goes
        self.note: Note | None = None  # the note block being read, if any
        self.quoted_note = False  # that note is in a Markdown block quote, which ends it
        self.note_list = 0  # the last number of a numbered list inside that note
        self.cut = False  # a page break (a note or footnote block) since the last document text
        self.last_number = 0
        self.contexts: list = []  # (note, label, last paragraph number when the note was read)

    def where(self, element: Element) -> Where:
        return Where(self.file, element.line)

    def feed(self, elements: list[Element]) -> None:
        for i, element in enumerate(elements):
            following = next((e for e in elements[i + 1:] if e.kind != "page-header"), None)
            self.element(element, following)

    def element(self, e: Element, following: Element | None) -> None:
        if e.kind == "page-header":
            self.report.map(self.where(e), f"UN header block repeated (a page extracted twice), lines "
                                           f"{e.line}-{e.last_line}: skipped")
            self.cut = True
        elif e.kind == "note":
            self.start_note(e)
        elif e.kind == "footnote":
            self.note = None
            self.footnote(e)
            self.cut = True
        elif self.note is not None and self.in_note(e, following):
            return
        else:
            self.note = None
            self.document(e, following)

    # ---- notes ------------------------------------------------------------------------------

    def start_note(self, e: Element) -> None:
        """A note header; what follows its kind words on the line is a tag when bold or in capitals
        (`**RECENT UPDATES**`), else the note's first words ("24 Did you know that the ICC …?")."""
        converted = convert(e.text)
        tag = " ".join(converted.bold)
        rest = converted.markup
        for phrase in converted.bold:
            rest = rest.replace(f"**{escape(phrase)}**", "", 1)
        if not tag and plain(rest).isupper() and len(plain(rest).split()) <= 5:
            tag, rest = plain(rest), ""
        note = Note(e.note_kind, "", [], self.where(e), tag=_sentence_case(tag) if tag else "")
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
            note.tag = _sentence_case(plain(convert(e.text).markup))
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
            note.tag = _sentence_case(plain(convert(e.raw).markup))
        else:
            self.add_to_note("p", e.raw)
        return True

    def is_note_list(self, e: Element) -> bool:
        number = int(e.number)
        known = self.paragraphs.get(number)
        if known and contained(plain(convert(e.text).markup), _all_text(known)) >= REPEAT:
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
        self.report.ask(self.where(e), f"read {_quote(f'{e.number}. {text}')} as "
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
        to_paragraph = overlap(text, _all_text(self.open))
        to_note = overlap(text, _note_text(self.note))
        cut_open = not _ENDS_SENTENCE.search(self.open.blocks[-1])
        document = (to_paragraph > to_note and to_paragraph > 0 if cut_open
                    else to_paragraph > to_note + 0.1 and to_paragraph >= 0.3)
        if document:
            self.report.ask(self.where(e), f"read {_quote(text)} as the continuation of ¶ {self.open.number} "
                                           f"after the note at {self.note.where} (its words are the paragraph's); "
                                           "move it into the note if that is wrong")
        elif to_paragraph > 0 and to_paragraph >= to_note:  # kept in the note, but a close call: ask
            self.report.ask(self.where(e), f"read {_quote(text)} as part of the note at {self.note.where}, though "
                                           f"its words are as much ¶ {self.open.number}'s; if it continues the "
                                           "paragraph after a page break, move it there")
        return document

    def add_to_note(self, kind: str, text: str) -> None:
        converted = convert(text)
        self.check_links(converted, self.note.where)
        body = self.note.body
        if kind != "p" and body and body[-1][0] == kind:
            body[-1][1].append(converted.markup)
        else:
            body.append((kind, [converted.markup]) if kind != "p" else ("p", converted.markup))
        if kind == "p":
            self.note_list = 0

    # ---- the document -----------------------------------------------------------------------

    def document(self, e: Element, following: Element | None) -> None:
        handler = {"section": self.section_heading, "paragraph": self.paragraph, "item": self.item,
                   "text": self.text, "bullet": self.stray}[e.kind]
        handler(e, following)
        self.cut = False

    def section_heading(self, e: Element, following: Element | None) -> None:
        number = e.number.upper()
        known = next((s for s in self.guide.sections if s.number == number), None)
        if known is not None:
            self.section = known
            self.report.map(self.where(e), f"section {number} repeated (a page extracted twice): skipped")
            return
        if not _ROMAN.match(number):
            self.stray(e, following)
            return
        self.section = Section(number, plain(convert(e.text).markup), self.where(e))
        self.guide.sections.append(self.section)

    def paragraph(self, e: Element, following: Element | None) -> None:
        number = int(e.number)
        converted = convert(e.text)
        self.check_links(converted, self.where(e))
        known = self.paragraphs.get(number)
        if known is not None:
            self.repeat(known, converted, e)
            return
        if number <= self.last_number or number == 0:
            self.report.ask(self.where(e), f"paragraph {number} after paragraph {self.last_number}: numbers must "
                                           "ascend; kept as plain text at the end")
            self.guide.unplaced.append((self.where(e), f"{number}. {plain(converted.markup)}"))
            return
        if self.section is None:
            self.section = Section("I", "Untitled section", self.where(e))
            self.guide.sections.append(self.section)
            self.report.ask(self.where(e), "paragraphs before any section heading: put in a section 'I. Untitled "
                                           "section'; give it its title")
        paragraph = Paragraph(number, [converted.markup], self.where(e), bold=list(converted.bold))
        self.paragraphs[number] = paragraph
        # a new paragraph follows the last one read, whatever repeated heading came just before it
        self.section = self.guide.sections[-1]
        self.section.body.append(paragraph)
        self.open, self.last_number = paragraph, number

    def repeat(self, known: Paragraph, converted, e: Element) -> None:
        """A paragraph read again (a page extracted twice): its bold phrases count, its text is compared."""
        first, again = plain(known.blocks[0]), plain(converted.markup)
        if contained(again, _all_text(known)) < 0.5:
            self.report.ask(self.where(e), f"a second paragraph {known.number}, unlike the first at {known.where}: "
                                           "kept as plain text at the end")
            self.guide.unplaced.append((self.where(e), f"{known.number}. {again}"))
            return
        _merge_bold(known.bold, converted.bold)
        self.open = known
        self.report.map(self.where(e), f"¶ {known.number} repeated (a page extracted twice): skipped")
        if not first.startswith(again) and not again.startswith(first):
            self.report.ask(self.where(e), f"the copies of ¶ {known.number} differ ({first_difference(first, again)});"
                                           f" kept the first, at {known.where}")

    def item(self, e: Element, following: Element | None) -> None:
        paragraph = self.open
        if paragraph is None:
            self.stray(e, following)
            return
        converted = convert(e.text)
        self.check_links(converted, self.where(e))
        known = next((i for i in paragraph.items if i.label == e.number), None)
        if known is not None:
            _merge_bold(known.bold, converted.bold)
            first, again = plain(known.text), plain(converted.markup)
            if contained(again, first) < REPEAT:  # not a repeated page: a second item with the same letter
                self.report.ask(self.where(e), f"a second item ({e.number}) in ¶ {paragraph.number}, unlike the "
                                               f"first at {known.where}: kept as plain text at the end")
                self.guide.unplaced.append((self.where(e), f"({e.number}) {again}"))
            elif first != again:
                self.report.ask(self.where(e), f"the copies of ¶ {paragraph.number} ({e.number}) differ "
                                               f"({first_difference(first, again)}); kept the first, at {known.where}")
            else:
                self.report.map(self.where(e), f"¶ {paragraph.number} ({e.number}) repeated (a page extracted "
                                               "twice): skipped")
            return
        paragraph.items.append(Item(e.number, converted.markup, self.where(e), bold=list(converted.bold)))

    def text(self, e: Element, following: Element | None) -> None:
        converted = convert(e.text)
        words = plain(converted.markup)
        if e.markdown_heading or self.is_heading(e, following):
            self.heading(e, words)
            return
        repeated = self.repeats(e.text)
        if repeated is not None:
            self.open = repeated
            self.report.map(self.where(e), f"text of ¶ {repeated.number} repeated (a page extracted twice): skipped")
            _merge_bold(repeated.bold, converted.bold)
            return
        paragraph = self.open
        if paragraph is not None and paragraph.items and self.cut and \
                not _ENDS_SENTENCE.search(paragraph.items[-1].text):
            self.continue_item(paragraph, converted, e)
            return
        if paragraph is None or paragraph.items:
            self.stray(e, following)
            return
        self.check_links(converted, self.where(e))
        _merge_bold(paragraph.bold, converted.bold)
        if self.cut:
            paragraph.blocks[-1] = f"{paragraph.blocks[-1]} {converted.markup}"
            self.report.map(self.where(e), f"continues ¶ {paragraph.number} after a page break: joined")
        else:
            paragraph.blocks.append(converted.markup)
            self.report.map(self.where(e), f"a further unnumbered paragraph of ¶ {paragraph.number}")

    def continue_item(self, paragraph: Paragraph, converted, e: Element) -> None:
        """A list item cut by a page break (it ends mid-sentence) and continued after the notes: joined."""
        item = paragraph.items[-1]
        self.check_links(converted, self.where(e))
        _merge_bold(item.bold, converted.bold)
        item.text = f"{item.text} {converted.markup}"
        self.report.map(self.where(e), f"continues ¶ {paragraph.number} ({item.label}) after a page break: joined")

    def heading(self, e: Element, title: str) -> None:
        if self.section is None:
            self.stray(e, None)
            return
        if any(isinstance(b, Heading) and b.title == title for b in self.section.body):
            self.report.map(self.where(e), f"sub-heading {title!r} repeated: skipped")
            return
        self.section = self.guide.sections[-1]
        self.section.body.append(Heading(title, self.where(e)))

    def stray(self, e: Element, following: Element | None) -> None:
        text = plain(convert(e.text).markup)
        self.guide.unplaced.append((self.where(e), text))
        self.report.ask(self.where(e), f"could not place {_quote(text)}: kept as plain text at the end")

    def is_heading(self, e: Element, following: Element | None) -> bool:
        text = e.text
        if following is None or following.kind not in ("paragraph", "section"):
            return False
        if len(text) > 100 or len(text.split()) > 12 or re.search(r"[.;:,!?]$|\.\s", text):
            return False
        if not text[:1].isupper():
            return False
        return not (self.cut and self.open is not None and not _ENDS_SENTENCE.search(self.open.blocks[-1]))

    def repeats(self, text: str) -> Paragraph | None:
        words = plain(convert(text).markup)
        if len(words.split()) < 4:
            return None
        for paragraph in reversed(list(self.paragraphs.values())):
            if contained(words, _all_text(paragraph)) >= REPEAT:
                return paragraph
        return None

    def footnote(self, e: Element) -> None:
        number = int(e.number)
        converted = convert(e.text)
        self.check_links(converted, self.where(e))
        known = next((f for f in self.guide.footnotes if f.number == number), None)
        if known is None:
            self.guide.footnotes.append(Footnote(number, converted.markup, self.where(e)))
            self.report.map(self.where(e), f"footnote {number}")
        elif plain(known.text) == plain(converted.markup):
            self.report.map(self.where(e), f"footnote {number} repeated (a page extracted twice): skipped")
        elif plain(known.text) != plain(converted.markup):
            again = plain(converted.markup)
            unlike = contained(again, plain(known.text)) < REPEAT
            self.report.ask(self.where(e), f"footnote {number} again, with other words "
                                           f"({first_difference(plain(known.text), again)}): kept the first, at "
                                           f"{known.where}" + ("; the second as plain text at the end" if unlike else ""))
            if unlike:
                self.guide.unplaced.append((self.where(e), f"{number} {again}"))

    def check_links(self, converted, where: Where) -> None:
        for words in converted.lost_links:
            self.report.ask(where, f"the link on {words!r} has no usable target (kept as plain words); add its URL")


def _all_text(paragraph: Paragraph) -> str:
    return " ".join([plain(b) for b in paragraph.blocks] + [plain(i.text) for i in paragraph.items])


def _note_text(note: Note) -> str:
    return " ".join(plain(b[1]) if b[0] == "p" else " ".join(plain(x) for x in b[1]) for b in note.body)


def _merge_bold(phrases: list, more: list) -> None:
    phrases.extend(p for p in more if p and p not in phrases)


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")
