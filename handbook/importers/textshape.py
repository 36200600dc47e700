"""Assemble a guide in the seed's text shape from its elements: sections, paragraphs, lists,
footnotes and note blocks, with repeated pages and page-cut paragraphs detected and joined."""
from __future__ import annotations

import re

from .guide import Footnote, Guide, Heading, ImportReport, Item, Note, Paragraph, Section, Where
from .inline import convert
from .textlines import Element
from .textnotes import ENDS_SENTENCE, NO_FOOTNOTES, REPEAT, NoteReader, all_text, merge_bold, quote
from .words import contained, first_difference, heading_title, plain

_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_LETTERED = re.compile(r"^[A-Z]\.\s+")  # a lettered sub-heading's letter


class Assembler(NoteReader):
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
            following = next((e for e in elements[i + 1:] if not e.kind.startswith("page-")), None)
            self.element(element, following)

    def element(self, e: Element, following: Element | None) -> None:
        if e.kind == "page-header":
            self.report.map(self.where(e), f"UN header block repeated (a page extracted twice), lines "
                                           f"{e.line}-{e.last_line}: skipped")
            self.cut = True
        elif e.kind == "page-furniture":  # a job number, page number or running head: where a page broke
            self.report.map(self.where(e), f"page furniture {e.text!r} (a running head or page number): skipped")
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
        if self.continues_letters(number):  # "C. Title" after sub-headings "A." and "B.": not section C
            self.heading(e, heading_title(convert(e.raw).markup))
            return
        if not _ROMAN.match(number):
            self.stray(e, following)
            return
        self.section = Section(number, heading_title(convert(e.text).markup), self.where(e))
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
        if contained(again, all_text(known)) < 0.5:
            self.report.ask(self.where(e), f"a second paragraph {known.number}, unlike the first at {known.where}: "
                                           "kept as plain text at the end")
            self.guide.unplaced.append((self.where(e), f"{known.number}. {again}"))
            return
        merge_bold(known.bold, converted.bold)
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
            merge_bold(known.bold, converted.bold)
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
        if e.markdown_heading or self.is_heading(e, following):
            self.heading(e, heading_title(converted.markup))
            return
        repeated = self.repeats(e.text)
        if repeated is not None:
            self.open = repeated
            self.report.map(self.where(e), f"text of ¶ {repeated.number} repeated (a page extracted twice): skipped")
            merge_bold(repeated.bold, converted.bold)
            return
        paragraph = self.open
        if paragraph is not None and paragraph.items and self.cut and \
                not ENDS_SENTENCE.search(paragraph.items[-1].text):
            self.continue_item(paragraph, converted, e)
            return
        if paragraph is None or paragraph.items:
            self.stray(e, following)
            return
        self.check_links(converted, self.where(e))
        merge_bold(paragraph.bold, converted.bold)
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
        merge_bold(item.bold, converted.bold)
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
        self.report.ask(self.where(e), f"could not place {quote(text)}: kept as plain text at the end")

    def continues_letters(self, number: str) -> bool:
        letters = [b.title[0] for b in (self.section.body if self.section else [])
                   if isinstance(b, Heading) and _LETTERED.match(b.title)]
        return len(number) == 1 and bool(letters) and ord(number) == ord(letters[-1]) + 1

    def is_heading(self, e: Element, following: Element | None) -> bool:
        """A short line before a numbered paragraph or a section, without a sentence's punctuation (a
        question is a heading too), possibly lettered as UN reports letter theirs: `A. Building resilience`."""
        text = e.text
        if following is None or following.kind not in ("paragraph", "section"):
            return False
        lettered = _LETTERED.match(text)
        words = text[lettered.end():] if lettered else text
        if len(text) > 100 or len(text.split()) > 12 or re.search(r"[.;:,!]$|\.\s", words):
            return False
        if not text[:1].isupper():
            return False
        return not (self.cut and self.open is not None and not ENDS_SENTENCE.search(self.open.blocks[-1]))

    def repeats(self, text: str) -> Paragraph | None:
        words = plain(convert(text).markup)
        if len(words.split()) < 4:
            return None
        for paragraph in reversed(list(self.paragraphs.values())):
            if contained(words, all_text(paragraph)) >= REPEAT:
                return paragraph
        return None

    def footnote(self, e: Element) -> None:
        number = int(e.number)
        converted = convert(e.text, NO_FOOTNOTES)  # a footnote's own superscripts print as they stand
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


