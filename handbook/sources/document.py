"""Reading a document file: header, sections, sub-headings, numbered paragraphs, lists and footnotes."""
from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import Position
from ..model import (
    Document, Footnote, FootnoteRef, Header, Heading, ListItem, Paragraph, Section, Session, walk_inline,
)
from .texts import TextReader, locate_footnote_refs, salvage, split_blocks
from .yamlfile import Source

MAX_TITLE = 300  # characters in a title or heading; the longest real one has about 60
_ROMAN = re.compile(r"^[IVXLC]+$")
_TITLE_REF = re.compile(r"\[\^[0-9]+\]")  # a footnote reference in a section title or sub-heading


class DocumentReader(TextReader):
    """Document files: the header block, sections, headings, numbered paragraphs and footnotes."""

    def document_file(self, name: str) -> Document | None:
        src, root = self.load(name)
        if root is None:
            return None
        errors_before = len(self.report.errors)
        keys = src.mapping(root, "document", required=("title", "sections"),
                           optional=("symbol", "header", "subtitle", "footnotes"))
        if keys is None:
            return None
        get = lambda k: self.title(src, keys[k], k) if k in keys else ""  # noqa: E731
        document = Document(symbol=get("symbol"), header=self.header(src, keys.get("header")),
                            title="", subtitle=get("subtitle"), sections=[], footnotes=[],
                            position=src.at(root), field_positions={k: src.at(n) for k, n in keys.items()})
        if "title" in keys:  # like a section's, it may hold footnote references
            document.title, document.title_text = self.heading_title(src, keys["title"], "title")
        last_number = 0
        seen: dict[int, Position] = {}
        sections: dict[str, Position] = {}
        for node in src.sequence(keys["sections"], "sections") if "sections" in keys else []:
            section = self.section(src, node)
            if section is None:
                continue
            if section.number in sections:  # notes, links and bookmarks find a section by its number
                self.report.error(section.position, f"duplicate section number {section.number}",
                                  f"first used at {sections[section.number]}")
            sections.setdefault(section.number, section.position)
            document.sections.append(section)
            for paragraph in section.paragraphs:
                if paragraph.number in seen:
                    self.report.error(paragraph.position, f"duplicate paragraph number {paragraph.number}",
                                      f"first used at {seen[paragraph.number]}")
                elif paragraph.number < last_number:
                    self.report.error(paragraph.position,
                                      f"paragraph {paragraph.number} comes after paragraph {last_number}",
                                      "paragraph numbers must ascend")
                seen.setdefault(paragraph.number, paragraph.position)
                last_number = max(last_number, paragraph.number)
        if "footnotes" in keys:
            for node in src.sequence(keys["footnotes"], "footnotes"):
                k = src.mapping(node, "footnote", required=("number", "text")) or {}
                if "number" in k and "text" in k:
                    number = src.integer(k["number"], "footnote number")
                    if number is not None:
                        if any(f.number == number for f in document.footnotes):
                            src.error(k["number"], f"footnote {number} is defined twice")
                        document.footnotes.append(Footnote(number, self.text(src, k["text"], "footnote"),
                                                           src.at(node)))
        # a broken body hides references: then only undefined references are reported, not unused footnotes
        self.check_footnotes(document, src, unused=len(self.report.errors) == errors_before)
        return document

    def heading_title(self, src: Source, node: Node, what: str) -> tuple:
        """(title, title with its footnote references or None) of a section title or sub-heading: plain
        text in which `[^N]` is a footnote reference (the contents and the outline leave it out)."""
        title = self.title(src, node, what)
        if not _TITLE_REF.search(title):
            return title, None
        rich = salvage(title, src.at(node))
        locate_footnote_refs(src, node, rich)
        return " ".join(_TITLE_REF.sub("", title).split()), rich

    def title(self, src: Source, node: Node, what: str) -> str:
        """A title or heading: one line's worth of words, not a pasted paragraph (which could not be set)."""
        return self.bounded(src, node, what, MAX_TITLE, "titles are", "did a paragraph end up in the title?")

    def header(self, src: Source, node: Node | None) -> Header:
        if node is None:
            return Header(organs=[])
        keys = src.mapping(node, "header", optional=("organs", "distribution", "date", "original",
                                                     "sessions", "agenda")) or {}
        header = Header(organs=src.strings(keys["organs"], "organs") if "organs" in keys else [])
        for name in ("distribution", "date", "original"):
            if name in keys:
                setattr(header, name, src.string(keys[name], name) or "")
        if "agenda" in keys:
            header.agenda = src.strings(keys["agenda"], "agenda")
        for item in src.sequence(keys["sessions"], "sessions") if "sessions" in keys else []:
            k = src.mapping(item, "session", required=("organ", "lines")) or {}
            if "organ" in k and "lines" in k:
                header.sessions.append(Session(src.string(k["organ"], "organ") or "",
                                               src.strings(k["lines"], "lines")))
        return header

    def section(self, src: Source, node: Node) -> Section | None:
        keys = src.mapping(node, "section", required=("number", "title", "body"))
        if not keys or "number" not in keys or "title" not in keys:
            return None
        number = src.string(keys["number"], "section number") or ""
        if not _ROMAN.match(number):
            src.error(keys["number"], f"section number {number!r} must be a Roman numeral such as IV")
        title, title_text = self.heading_title(src, keys["title"], "section title")
        section = Section(number, title, [], src.at(node), title_text)
        if not section.title.strip() and isinstance(keys["title"], ScalarNode) and keys["title"].tag.endswith(":str"):
            src.error(keys["title"], f"section {number} has an empty title", "it heads the section and its contents line")
        for item in src.sequence(keys["body"], "section body") if "body" in keys else []:
            if isinstance(item, MappingNode) and any(k.value == "heading" for k, _ in item.value):
                k = src.mapping(item, "sub-heading", required=("heading",)) or {}
                if "heading" in k:
                    title, title_text = self.heading_title(src, k["heading"], "heading")
                    section.body.append(Heading(title, src.at(item), title_text))
                continue
            paragraph = self.paragraph(src, item)
            if paragraph:
                section.body.append(paragraph)
        return section

    def paragraph(self, src: Source, node: Node) -> Paragraph | None:
        keys = src.mapping(node, "paragraph", required=("paragraph", "text"), optional=("items",))
        if not keys or "paragraph" not in keys or "text" not in keys:
            return None
        number = src.integer(keys["paragraph"], "paragraph number")
        if number is None:
            return None
        if number < 1:
            src.error(keys["paragraph"], f"paragraph number {number} must be 1 or more")
        paragraph = Paragraph(number, [], position=src.at(node))
        for chunk, offset in split_blocks(keys["text"]):
            paragraph.blocks.append(self.text_chunk(src, keys["text"], chunk, offset, "paragraph text"))
        if isinstance(keys["text"], ScalarNode) and not keys["text"].value.strip():  # it printed a bare number
            src.error(keys["text"], f"paragraph {number} has no text", "write its text, or delete the paragraph")
        labels = set()
        for item in src.sequence(keys["items"], "items") if "items" in keys else []:
            k = src.mapping(item, "list item", required=("label", "text")) or {}
            if "label" in k and "text" in k:
                label = src.string(k["label"], "label") or ""
                if not re.fullmatch(r"[a-z]", label):
                    bare = re.sub(r"[^a-zA-Z]", "", label)
                    src.error(k["label"], f"list item label {label!r} must be one letter, a to z",
                              f"write the letter alone: label: {bare.lower()}" if len(bare) == 1 else "")
                if label in labels:
                    src.error(k["label"], f"list item ({label}) appears twice in paragraph {number}")
                labels.add(label)
                paragraph.items.append(ListItem(label, self.text(src, k["text"], "list item"), src.at(item)))
        return paragraph

    def check_footnotes(self, document: Document, src: Source, unused: bool = True) -> None:
        defined = {f.number: f for f in document.footnotes}
        used: set[int] = set()
        texts = [b for p in document.paragraphs for b in p.blocks] + [i.text for p in document.paragraphs
                                                                      for i in p.items]
        texts += [h.title_text for h in [document, *document.sections, *(b for s in document.sections
                                                                       for b in s.body)]
                  if not isinstance(h, Paragraph) and h.title_text is not None]
        for rich in texts:
            for node in walk_inline(rich.nodes):
                if isinstance(node, FootnoteRef):
                    if node.number not in defined:
                        self.report.error(node.position, f"footnote [^{node.number}] is referenced but not defined")
                    used.add(node.number)
        for number, footnote in defined.items():
            if number not in used and unused:
                self.report.warning(footnote.position, f"footnote {number} is defined but never referenced")
