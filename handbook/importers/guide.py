"""The importers' intermediate model: a guide as read from a file, before it becomes YAML sources.

Text here is already in the sources' inline markup (`**bold**`, `*italic*`, `[words](url)`,
`[^N]`), with every other markup character escaped, so the writer only arranges it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Position


@dataclass
class Item:
    """A lettered list item of a paragraph, with where it was read and its bold phrases."""

    label: str
    text: str
    where: Where
    bold: list = field(default_factory=list)  # bold phrases, in order: candidate note anchors


class Where(Position):
    """A place in the imported file: a Position with no column, printed as FILE:line."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Paragraph:
    number: int
    blocks: list  # of str: the first is numbered, the others continue it
    where: Where
    items: list = field(default_factory=list)  # of Item
    bold: list = field(default_factory=list)


@dataclass
class Heading:
    title: str
    where: Where


@dataclass
class Section:
    number: str
    title: str
    where: Where
    body: list = field(default_factory=list)  # of Paragraph | Heading


@dataclass
class Footnote:
    number: int
    text: str
    where: Where


@dataclass
class Note:
    kind: str  # a note-kind id
    attach: str  # as notes.yaml writes it: document, III, 24, 71(b)
    body: list  # of blocks: ("p", markup) | ("ul", [markup, ...]) | ("ol", [markup, ...])
    where: Where
    phrase: str = ""
    occurrence: int = 0  # which occurrence of the phrase is the anchor, where it stands more than once (else 0)
    tag: str = ""
    author: str = ""


@dataclass
class Header:
    organs: list = field(default_factory=list)
    distribution: str = ""
    date: str = ""
    original: str = ""
    sessions: list = field(default_factory=list)  # of (organ, [lines])
    agenda: list = field(default_factory=list)


@dataclass
class Organizer:
    name: str = ""
    address: list = field(default_factory=list)
    email: str = ""
    phone: str = ""
    social: list = field(default_factory=list)  # of (network, handle, url)


@dataclass
class ProsePart:
    """A Markdown page that is not the annotated document (a letter, leftovers the importer could not place)."""

    file: str  # file name inside the edition, e.g. letter.md
    markdown: str
    notes: list = field(default_factory=list)  # of Note anchored by phrase, attach "prose"


@dataclass
class Guide:
    conference: str = ""
    committee: str = ""
    title: str = "Study Guide"
    organizer: Organizer = field(default_factory=Organizer)
    symbol: str = ""
    header: Header = field(default_factory=Header)
    doc_title: str = ""
    title_where: Where | None = None  # where the document title was read
    subtitle: str = ""
    sections: list = field(default_factory=list)  # of Section
    footnotes: list = field(default_factory=list)  # of Footnote
    notes: list = field(default_factory=list)  # of Note
    prose: list = field(default_factory=list)  # of ProsePart, printed before the document
    unplaced: list = field(default_factory=list)  # of (Where, text): kept as plain text at the end

    @property
    def paragraphs(self) -> list:
        return [b for s in self.sections for b in s.body if isinstance(b, Paragraph)]


@dataclass
class ImportReport:
    """What the importer mapped, and what a person should look at, each line with FILE:line."""

    mapped: list = field(default_factory=list)  # of (Where, message)
    attention: list = field(default_factory=list)  # of (Where, message)

    def map(self, where: Where, message: str) -> None:
        self.mapped.append((where, message))

    def ask(self, where: Where, message: str) -> None:
        self.attention.append((where, message))

    def lines(self) -> list[str]:
        out = [f"{where}: {message}" for where, message in self.mapped]
        if self.attention:
            out.append(f"needs a person's attention ({len(self.attention)}):")
            out.extend(f"{where}: check: {message}" for where, message in self.attention)
        return out
