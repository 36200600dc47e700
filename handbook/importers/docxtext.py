"""Word paragraphs into the guide: the cover above the first heading, sections and sub-headings from
heading styles, numbered paragraphs (typed or Word's numbering), lettered items, further paragraphs."""
from __future__ import annotations

import re

from .guide import Guide, Heading, ImportReport, Item, Paragraph, Section, Where
from .textfront import groups, read_cover, read_front
from .wordxml import WordParagraph, to_markup
from .words import heading_title, plain

_TYPED_NUMBER = re.compile(r"^(\d{1,4})[.)]\s+")
_TYPED_LETTER = re.compile(r"^\(?([a-z])\)\s+")
_TYPED_ROMAN = re.compile(r"^([IVXLC]{1,6})[.)]?\s+")
_VALID_ROMAN = re.compile(r"(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_TYPED_ARABIC = re.compile(r"^(\d{1,2})[.)]?\s+(?=\D)")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
           "XVII", "XVIII", "XIX", "XX"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def heading_level(style: str) -> int:
    match = re.fullmatch(r"(?i)heading\s*(\d)", style.strip())
    return int(match.group(1)) if match else 0


class DocxAssembler:
    """Places each body paragraph; `targets` remembers what each became, for the comments' anchors."""

    def __init__(self, guide: Guide, report: ImportReport, file: str, numbering, footnotes: dict):
        self.guide, self.report, self.file = guide, report, file
        self.numbering, self.footnotes = numbering, footnotes
        self.section: Section | None = None
        self.open: Paragraph | None = None
        self.last_number = 0
        self.counters: dict = {}  # Word list (numId, level) -> how many paragraphs it has numbered
        self.targets: dict = {}  # paragraph place -> ("paragraph", 12) | ("item", 12, "b") | ("section", "II") | …
        self.holders: dict = {}  # paragraph place -> the markup it became (to check a comment's phrase)
        self.continuations: set = set()  # places of unnumbered paragraphs that continue a numbered one

    def where(self, paragraph: WordParagraph) -> Where:
        return Where(self.file, paragraph.index)

    def feed(self, body: list[WordParagraph]) -> None:
        first = next((i for i, p in enumerate(body) if heading_level(p.style) == 1 or self.is_numbered(p)), len(body))
        self.front(body[:first])
        for paragraph in body[first:]:
            for words in paragraph.lost_links:
                self.report.ask(self.where(paragraph), f"the link on {words!r} points inside the Word file or is "
                                                       "not a web or e-mail link: kept as plain words")
            for span in (s for s in paragraph.spans if s.raised):
                self.report.ask(self.where(paragraph), f"superscript {span.text.strip()!r} prints on the line (the "
                                                       "sources raise digits only)")
            if paragraph.plain.strip() or any(s.footnote is not None for s in paragraph.spans):
                self.place(paragraph)

    def front(self, paragraphs: list[WordParagraph]) -> None:
        """Above the first heading: Title and Subtitle styles, then the cover lines (as in the text shape)."""
        lines = [""] * (paragraphs[-1].index if paragraphs else 0)
        titled = False
        for p in paragraphs:
            style = p.style.lower()
            if style in ("title", "subtitle"):
                # the title keeps a footnote reference, as a section title does; the subtitle cannot
                text = " ".join((heading_title(to_markup(p.spans, self.footnotes)) if style == "title" else
                                 p.plain).split())
                self.guide.title_where = self.guide.title_where or (self.where(p) if style == "title" else None)
                if style == "subtitle" and any(s.footnote is not None for s in p.spans):
                    self.report.ask(self.where(p), "a footnote reference on the subtitle cannot stay there (the "
                                                   "sources' subtitle holds none): move it into the title or the text")
                setattr(self.guide, "doc_title" if style == "title" else "subtitle", text)
                self.report.map(self.where(p), f"document {'title' if style == 'title' else 'subtitle'}: {text}")
                titled = titled or style == "title"
                self.targets[p.index] = ("document",)
            else:
                lines[p.index - 1] = " ".join(p.plain.split())
        if titled:
            read_cover(groups(lines, 0, len(lines)), self.guide, self.report, self.file)
        else:
            read_front(lines, len(lines), self.guide, self.report, self.file)

    def is_numbered(self, p: WordParagraph) -> bool:
        fmt, _ = self.numbering.format(p.num)
        return bool(_TYPED_NUMBER.match(p.plain.lstrip())) or (fmt == "decimal" and p.num is not None and p.num[1] == 0)

    def place(self, p: WordParagraph) -> None:
        level = heading_level(p.style)
        markup = to_markup(p.spans, self.footnotes)
        fmt, start = self.numbering.format(p.num)
        if level == 1:
            self.new_section(p, markup)
        elif level > 1:
            self.sub_heading(p, markup)
        elif self.is_numbered(p):
            typed = _TYPED_NUMBER.match(markup)
            number = int(typed.group(1)) if typed else self.count(p.num, start)
            self.paragraph(p, number, markup[typed.end():] if typed else markup)
        elif _TYPED_LETTER.match(markup) or fmt in ("lowerLetter", "upperLetter") or (p.num and p.num[1] > 0):
            typed = _TYPED_LETTER.match(markup)
            label = typed.group(1) if typed else LETTERS[(self.count(p.num, start) - 1) % 26]
            self.item(p, label, markup[typed.end():] if typed else markup)
        elif fmt == "bullet" and self.open is not None:
            self.item(p, LETTERS[len(self.open.items) % 26], markup)
            self.report.ask(self.where(p), f"a bullet in ¶ {self.open.number} became item "
                                           f"({self.open.items[-1].label}): the document's lists are lettered")
        else:
            self.text(p, markup)

    def count(self, num: tuple | None, start: int) -> int:
        self.counters[num] = self.counters.get(num, start - 1) + 1
        return self.counters[num]

    def new_section(self, p: WordParagraph, markup: str) -> None:
        title = heading_title(markup)
        typed = _TYPED_ROMAN.match(title)
        typed = typed if typed and _VALID_ROMAN.fullmatch(typed.group(1)) else None  # not "CIVIL SOCIETY"
        arabic = None if typed else _TYPED_ARABIC.match(title)
        number = typed.group(1) if typed else _ROMANS[min(len(self.guide.sections), len(_ROMANS) - 1)]
        if arabic:  # "2. Background": the handbook numbers its sections in Roman numerals, as UN reports do
            title = title[arabic.end():]
            self.report.map(self.where(p), f"section typed {arabic.group(1)}: numbered {number}")
        if any(s.number == number for s in self.guide.sections):
            number = _ROMANS[min(len(self.guide.sections), len(_ROMANS) - 1)]
            self.report.ask(self.where(p), f"section number repeated: numbered {number}")
        self.section = Section(number, title[typed.end():] if typed else title, self.where(p))
        self.guide.sections.append(self.section)
        self.open = None
        self.targets[p.index] = ("section", number)

    def sub_heading(self, p: WordParagraph, markup: str) -> None:
        if self.section is None:
            self.new_section(p, markup)
            return
        self.section.body.append(Heading(heading_title(markup), self.where(p)))
        self.report.map(self.where(p), f"sub-heading: {heading_title(markup)}")
        self.targets[p.index] = ("section", self.section.number)

    def paragraph(self, p: WordParagraph, number: int, markup: str) -> None:
        if number <= self.last_number:
            self.report.ask(self.where(p), f"paragraph {number} after paragraph {self.last_number} (Word's numbering "
                                           f"restarted?): numbered {self.last_number + 1}")
            number = self.last_number + 1
        if self.section is None:
            self.section = Section("I", "Untitled section", self.where(p))
            self.guide.sections.append(self.section)
            self.report.ask(self.where(p), "numbered paragraphs before any heading: put in a section 'I. Untitled "
                                           "section'; give it its title")
        self.open = Paragraph(number, [markup], self.where(p))
        self.section.body.append(self.open)
        self.last_number = number
        self.targets[p.index] = ("paragraph", number)
        self.holders[p.index] = markup

    def item(self, p: WordParagraph, label: str, markup: str) -> None:
        if self.open is None:
            self.text(p, markup)
            return
        if any(i.label == label for i in self.open.items):
            label = LETTERS[len(self.open.items) % 26]
        self.open.items.append(Item(label, markup, self.where(p)))
        self.targets[p.index] = ("item", self.open.number, label)
        self.holders[p.index] = markup

    def text(self, p: WordParagraph, markup: str) -> None:
        """An unnumbered paragraph continues the paragraph above it; before any, or after a list, it is kept."""
        if self.open is None or self.open.items:
            self.guide.unplaced.append((self.where(p), plain(markup)))
            self.report.ask(self.where(p), "an unnumbered paragraph with no numbered paragraph to continue "
                                           "(or after a list): kept as plain text at the end")
            self.targets[p.index] = ("unplaced",)
            return
        self.open.blocks.append(markup)
        self.report.map(self.where(p), f"a further unnumbered paragraph of ¶ {self.open.number}")
        self.targets[p.index] = ("paragraph", self.open.number)
        self.holders[p.index] = markup
        self.continuations.add(p.index)
