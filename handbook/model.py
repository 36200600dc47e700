"""The handbook's content as plain dataclasses; every node knows the file:line it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import UNKNOWN, Position


# ---- inline text -------------------------------------------------------------------------

@dataclass
class Text:
    text: str


@dataclass
class Strong:
    children: list


@dataclass
class Emphasis:
    children: list


@dataclass
class Link:
    url: str
    children: list
    position: Position = UNKNOWN  # where its target is written


@dataclass
class FootnoteRef:
    number: int
    position: Position = UNKNOWN


@dataclass
class IndexMark:
    term: str
    children: list


@dataclass
class RichText:
    """A run of inline nodes, e.g. one paragraph of running text."""

    nodes: list
    position: Position = UNKNOWN

    @property
    def plain(self) -> str:
        return plain_text(self.nodes)


def plain_text(nodes: list) -> str:
    """The words a reader sees, markup removed (footnote markers left out)."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Strong, Emphasis, Link, IndexMark)):
            out.append(plain_text(node.children))
    return "".join(out)


def walk_inline(nodes: list):
    """Every inline node, depth first, in reading order."""
    for node in nodes:
        yield node
        children = getattr(node, "children", None)
        if children:
            yield from walk_inline(children)


# ---- blocks of notes -------------------------------------------------------------------

@dataclass
class Prose:
    text: RichText


@dataclass
class ItemList:
    ordered: bool
    items: list  # of RichText


# ---- the document ----------------------------------------------------------------------

@dataclass
class ListItem:
    label: str
    text: RichText
    position: Position = UNKNOWN


@dataclass
class Paragraph:
    number: int
    blocks: list  # of RichText: the first is numbered, the rest continue it
    items: list = field(default_factory=list)  # of ListItem
    position: Position = UNKNOWN

    @property
    def plain(self) -> str:
        return " ".join([b.plain for b in self.blocks] + [i.text.plain for i in self.items])


@dataclass
class Heading:
    title: str  # as the contents and the outline print it: footnote references left out
    position: Position = UNKNOWN
    title_text: RichText | None = None  # the title with its footnote references, when it has any


@dataclass
class Section:
    number: str
    title: str  # as the contents and the outline print it: footnote references left out
    body: list  # of Paragraph | Heading
    position: Position = UNKNOWN
    title_text: RichText | None = None  # the title with its footnote references, when it has any

    @property
    def paragraphs(self) -> list:
        return [b for b in self.body if isinstance(b, Paragraph)]


@dataclass
class Session:
    organ: str
    lines: list


@dataclass
class Footnote:
    """A footnote of a document, referenced as [^N]."""

    number: int
    text: RichText
    position: Position = UNKNOWN


@dataclass
class Header:
    """The UN document's header block: organs, distribution, date, sessions and agenda items."""

    organs: list  # of str
    sessions: list = field(default_factory=list)  # of Session
    agenda: list = field(default_factory=list)  # of str
    distribution: str = ""
    date: str = ""
    original: str = ""


@dataclass
class NoteKind:
    id: str
    label: str


BUILTIN_NOTE_KINDS = (
    NoteKind("did-you-know", "Did you know that…"),
    NoteKind("think-about", "Something to think about"),
    NoteKind("interesting-facts", "Interesting facts…"),
)


@dataclass
class Attachment:
    """What a note explains: the whole document, a section, a paragraph or a list item."""

    target: str  # "document" | "section" | "paragraph" | "item" | "prose" (a paragraph of a prose part)
    section: str = ""
    paragraph: int = 0  # a paragraph's number; in a prose part, its place (1 = the first paragraph or list item)
    item: str = ""
    part: str = ""  # the prose part's title, which callouts print

    def __str__(self) -> str:
        if self.target == "prose":
            return self.part
        if self.target == "document":
            return "report"
        if self.target == "section":
            return f"§ {self.section}"
        if self.target == "item":
            return f"¶ {self.paragraph} ({self.item})"
        return f"¶ {self.paragraph}"


@dataclass
class Note:
    number: int  # running number within its document, printed on marker and callout
    kind: NoteKind
    attach: Attachment
    body: list  # of Prose | ItemList
    phrase: str = ""
    tag: str = ""
    position: Position = UNKNOWN
    indexed: bool = True  # `index: false` keeps the phrase out of the subject index
    occurrence: int = 1  # which occurrence of the phrase in its text is marked (`occurrence: 2`)

    @property
    def plain(self) -> str:
        parts = []
        for block in self.body:
            if isinstance(block, Prose):
                parts.append(block.text.plain)
            else:
                parts.extend(item.plain for item in block.items)
        return " ".join(parts)


@dataclass
class Document:
    symbol: str
    header: Header
    title: str
    subtitle: str
    sections: list
    footnotes: list
    notes: list = field(default_factory=list)
    position: Position = UNKNOWN
    field_positions: dict = field(default_factory=dict)  # top-level key -> where its value is written
    title_text: RichText | None = None  # the title with its footnote references, when it has any

    @property
    def paragraphs(self) -> list:
        return [p for s in self.sections for p in s.paragraphs]


# ---- prose parts ------------------------------------------------------------------------

@dataclass
class ProseHeading:
    level: int  # 1 for a Markdown `#` heading after the title, 2 for `##` and below
    text: RichText
    position: Position = UNKNOWN

    @property
    def plain(self) -> str:
        return self.text.plain


@dataclass
class ProsePage:
    """A part of running text that is not the annotated document: a letter, background, further reading.

    `blocks` are ProseHeading, Prose (a paragraph) and ItemList; notes attach to a paragraph or list
    item by its place among them (`Attachment("prose", paragraph=N)`).
    """

    name: str  # the Markdown file, e.g. letter.md (destinations are made from it)
    title: str
    blocks: list
    footnotes: list = field(default_factory=list)  # of Footnote, numbered from 1 within the part
    notes: list = field(default_factory=list)  # of Note
    position: Position = UNKNOWN

    def paragraphs(self) -> list:
        """The texts notes can attach to, in order: each paragraph and each list item."""
        out = []
        for block in self.blocks:
            if isinstance(block, Prose):
                out.append(block.text)
            elif isinstance(block, ItemList):
                out.extend(block.items)
        return out


# ---- the cheat sheet -------------------------------------------------------------------

@dataclass
class CheatItem:
    """One entry of a cheat-sheet block, with optional title, paragraph refs and sub-items."""

    text: RichText
    title: str = ""
    refs: list = field(default_factory=list)  # paragraph numbers
    items: list = field(default_factory=list)  # of CheatItem
    ref_positions: list = field(default_factory=list)  # where each of `refs` is written


@dataclass
class CheatBlock:
    """A box of the cheat sheet: a titled list of items of one kind."""

    id: str
    title: str
    kind: str  # pillars | list | numbered | lettered | timeline | terms
    items: list
    source: str = ""
    position: Position = UNKNOWN
    roof: str = ""  # pillars: the idea the pillars hold up, printed in the roof
    base: str = ""  # pillars: what they stand on (a founding text), printed on the base


@dataclass
class CheatSheet:
    title: str
    subtitle: str
    blocks: list
    position: Position = UNKNOWN


# ---- the subject index -----------------------------------------------------------------

@dataclass
class IndexTerm:
    term: str
    aliases: list = field(default_factory=list)
    see_also: list = field(default_factory=list)
    subentries: list = field(default_factory=list)  # of IndexTerm
    position: Position = UNKNOWN
    see_also_positions: list = field(default_factory=list)  # where each see_also stands in the file


@dataclass
class CountryReading:
    """A wording whose country mention the index files under a given state, or leaves out.

    "UN operations in the Congo" names the Democratic Republic of the Congo, though a bare
    "Congo" is the Republic of the Congo's official short name.
    """

    phrase: str
    state: str | None  # an id from handbook/indexing/states.yaml; None: the mention is not indexed
    position: Position = UNKNOWN
    is_name: bool = False  # `name:` rather than `phrase:`: a name of the state that the list lacks


# ---- the edition -----------------------------------------------------------------------

@dataclass
class SocialHandle:
    network: str
    handle: str
    url: str = ""


@dataclass
class Organizer:
    name: str
    address: list = field(default_factory=list)
    email: str = ""
    phone: str = ""
    social: list = field(default_factory=list)  # of SocialHandle


@dataclass
class Part:
    kind: str  # cover | contents | document | prose | cheatsheet | index
    document: Document | None = None
    cheatsheet: CheatSheet | None = None
    prose: ProsePage | None = None
    position: Position = UNKNOWN


@dataclass
class Edition:
    name: str
    folder: Path
    conference: str
    committee: str
    title: str
    organizer: Organizer
    parts: list
    styles: list = field(default_factory=lambda: ["wimun"])
    date: str = ""
    note_kinds: list = field(default_factory=lambda: list(BUILTIN_NOTE_KINDS))
    index_terms: list = field(default_factory=list)
    country_readings: list = field(default_factory=list)  # of CountryReading
    position: Position = UNKNOWN
    language: str = "en"  # BCP 47 code of one of the catalogues in handbook/language/catalogues
    labels: dict = field(default_factory=dict)  # label name -> words printed instead of the catalogue's
    hyphenation: list = field(default_factory=list)  # words spelt with hyphens where they may break ("atroc-ity")
    field_positions: dict = field(default_factory=dict)  # top-level key -> where its value is written

    @property
    def documents(self) -> list:
        return [p.document for p in self.parts if p.kind == "document"]

    @property
    def prose_pages(self) -> list:
        return [p.prose for p in self.parts if p.kind == "prose"]

    @property
    def cheatsheet(self) -> CheatSheet | None:
        return next((p.cheatsheet for p in self.parts if p.kind == "cheatsheet"), None)


def nth_find(text: str, phrase: str, skip: int = 0) -> int:
    """Where `phrase` stands in `text` after passing `skip` earlier occurrences of it, or -1."""
    start = text.find(phrase)
    while start >= 0 and skip > 0:
        start, skip = text.find(phrase, start + len(phrase)), skip - 1
    return start
