"""Read an edition's YAML sources into the model, strictly, reporting every problem with file:line."""
from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import HandbookError, Position, Report
from .inline import InlineError, parse_inline
from ..model import (
    BUILTIN_NOTE_KINDS, Attachment, CheatBlock, CheatItem, CheatSheet, CountryReading, Document, Edition, Footnote,
    FootnoteRef, Header, Heading, IndexTerm, ItemList, ListItem, Note, NoteKind, Organizer, Paragraph,
    Part, Prose, RichText, Section, Session, SocialHandle, Text, walk_inline,
)
from .transforms import number_notes
from .yamlfile import Source, describe

EDITION_FILE = "handbook.yaml"
SIMPLE_PARTS = ("cover", "contents", "index")
MAX_TITLE = 300  # characters in a title or heading; the longest real one has about 60
CHEAT_KINDS = ("pillars", "list", "numbered", "lettered", "timeline", "terms")
_ROMAN = re.compile(r"^[IVXLC]+$")
_ITEM = re.compile(r"^(\d+)\s*\(([a-z])\)$")
_LIST_LINE = re.compile(r"^\s*(?:(- |• )|(\d+)[.)] )(.*)$")


def read_edition(folder: Path, strict: bool = False) -> tuple[Edition, Report]:
    """Load `folder/handbook.yaml` and everything it names; raise HandbookError on any error."""
    report = Report()
    edition = _EditionReader(folder, report).read()
    report.raise_if_errors(strict)
    return edition, report


class _EditionReader:
    def __init__(self, folder: Path, report: Report):
        self.folder = folder
        self.report = report

    def source(self, name: str) -> Source:
        return Source(self.folder / name, self.report)

    def text(self, src: Source, node: Node, what: str) -> RichText:
        """Parse inline markup of a scalar, pointing errors at the line where the bad markup is."""
        value = src.string(node, what)
        if value is None:
            return RichText([], src.at(node))
        value = " ".join(value.split()) if node.style in (">", "|") else value
        return self._parse(src, node, value, value, 0, what)

    # ---- edition ------------------------------------------------------------------------

    def read(self) -> Edition:
        src = self.source(EDITION_FILE)
        root = src.load()
        if root is None:
            raise HandbookError(self.report.errors)
        keys = src.mapping(root, "edition", required=("conference", "committee", "title", "organizer", "parts"),
                           optional=("date", "style", "styles", "note_kinds", "index", "default"))
        if keys is None:
            raise HandbookError(self.report.errors)
        get = lambda k: src.string(keys[k], k) if k in keys else ""  # noqa: E731
        styles = ["wimun"]
        if "style" in keys and "styles" in keys:
            src.error(keys["styles"], "give either 'style' or 'styles', not both")
        elif "style" in keys or "styles" in keys:
            styles = src.strings(keys.get("style") or keys["styles"], "style") or ["wimun"]
        style_node = keys.get("style") or keys.get("styles")
        if style_node is not None:
            self.check_styles(src, style_node, styles)
        edition = Edition(
            name=self.folder.name, folder=self.folder,
            conference=get("conference") or "", committee=get("committee") or "", title=get("title") or "",
            organizer=self.organizer(src, keys["organizer"]) if "organizer" in keys else Organizer(""),
            parts=[], styles=styles, date=self.date(src, keys.get("date")), position=src.at(root),
        )
        if "note_kinds" in keys:
            edition.note_kinds = list(BUILTIN_NOTE_KINDS) + self.note_kinds(src, keys["note_kinds"])
        if "parts" in keys:
            edition.parts = self.parts(src, keys["parts"], edition)
        if not self.report.errors:
            following = 1
            for document in edition.documents:  # note numbers run on through a committee packet
                following = number_notes(document, following)
        if "index" in keys:
            name = self.file_name(src, keys["index"], "index")
            if name:
                edition.index_terms, edition.country_readings = self.index_file(name, edition)
        return edition

    def check_styles(self, src: Source, node: Node, names: list[str]) -> None:
        """Each style the edition names must exist in the project's styles/ folder (when there is one)."""
        styles_dir = self.folder.resolve().parent.parent / "styles"
        if not styles_dir.is_dir():
            return
        known = sorted(p.stem for p in styles_dir.glob("*.yaml"))
        items = node.value if not isinstance(node, ScalarNode) and isinstance(node.value, list) else [node]
        for item in items:
            name = item.value if isinstance(item, ScalarNode) else None
            if isinstance(name, str) and name and name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                src.error(item, f"unknown style {name!r}", f"did you mean {close[0]!r}?" if close else
                          ("styles: " + ", ".join(known) if known else f"no styles in {styles_dir}"))

    def file_name(self, src: Source, node: Node, what: str) -> str | None:
        """A file named in the edition file: it must exist beside it (the error points at the name)."""
        name = src.string(node, what)
        if not name:
            return None
        path = self.folder / name
        if path.is_file():
            return name
        if path.is_dir():
            src.error(node, f"{what} file {name!r} is a folder, not a file")
            return None
        present = sorted(str(p.relative_to(self.folder)) for p in self.folder.glob("*.y*ml"))
        close = difflib.get_close_matches(name, present, n=1, cutoff=0.5)
        if not close and not name.endswith((".yaml", ".yml")) and (self.folder / f"{name}.yaml").is_file():
            close = [f"{name}.yaml"]
        hint = f"did you mean {close[0]!r}?" if close else f"looked in {src.name.rsplit('/', 1)[0]}/"
        src.error(node, f"{what} file {name!r} not found", hint)
        return None

    def date(self, src: Source, node: Node | None) -> str:
        if node is None:
            return ""
        value = src.string(node, "date") or ""
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            src.error(node, f"date must be written YYYY-MM-DD, not {value!r}", "e.g. date: 2025-03-01")
            return ""
        if value:
            try:
                if datetime.date.fromisoformat(value).year < 1970:
                    raise ValueError("before 1970")
            except ValueError as exc:
                src.error(node, f"date {value!r} is not a real date ({exc})")
                return ""
        return value

    def organizer(self, src: Source, node: Node) -> Organizer:
        keys = src.mapping(node, "organizer", required=("name",),
                           optional=("address", "email", "phone", "social")) or {}
        organizer = Organizer(name=src.string(keys["name"], "organizer name") or "" if "name" in keys else "")
        if "address" in keys:
            organizer.address = src.strings(keys["address"], "address line")
        organizer.email = src.string(keys["email"], "email") or "" if "email" in keys else ""
        organizer.phone = src.string(keys["phone"], "phone") or "" if "phone" in keys else ""
        for item in src.sequence(keys["social"], "social") if "social" in keys else []:
            k = src.mapping(item, "social handle", required=("network", "handle"), optional=("url",)) or {}
            if "network" in k and "handle" in k:
                organizer.social.append(SocialHandle(
                    src.string(k["network"], "network") or "", src.string(k["handle"], "handle") or "",
                    src.string(k["url"], "url") or "" if "url" in k else ""))
        return organizer

    def note_kinds(self, src: Source, node: Node) -> list[NoteKind]:
        kinds = []
        for item in src.sequence(node, "note_kinds"):
            k = src.mapping(item, "note kind", required=("id", "label")) or {}
            if "id" in k and "label" in k:
                kind_id = src.string(k["id"], "id") or ""
                if not re.fullmatch(r"[a-z][a-z0-9-]*", kind_id):
                    src.error(k["id"], f"note kind id {kind_id!r} must be lowercase words joined by '-'")
                kinds.append(NoteKind(kind_id, src.string(k["label"], "label") or ""))
        return kinds

    def parts(self, src: Source, node: Node, edition: Edition) -> list[Part]:
        parts = []
        for item in src.sequence(node, "parts"):
            first_key = (item.value[0][0].value if isinstance(item, MappingNode) and item.value
                         and isinstance(item.value[0][0], ScalarNode) else None)
            if isinstance(item, ScalarNode):
                name = item.value
                if name not in SIMPLE_PARTS:
                    close = difflib.get_close_matches(name.lower(), SIMPLE_PARTS + ("document", "cheatsheet"), n=1)
                    hint = ("write it as 'document: FILE'" if close and close[0] in ("document", "cheatsheet")
                            and name.lower() == close[0] else
                            f"did you mean {close[0]!r}?" if close and close[0] in SIMPLE_PARTS else
                            "parts are cover, contents, index, or 'document: FILE' / 'cheatsheet: FILE'")
                    src.error(item, f"unknown part {name!r}", hint)
                    continue
                parts.append(Part(name, position=src.at(item)))
            elif first_key in SIMPLE_PARTS:
                src.error(item, f"part {first_key!r} takes no value", f"write it alone: '- {first_key}'")
            elif first_key == "cheatsheet":
                k = src.mapping(item, "cheatsheet part", required=("cheatsheet",)) or {}
                name = self.file_name(src, k["cheatsheet"], "cheatsheet") if "cheatsheet" in k else None
                if name:
                    parts.append(Part("cheatsheet", cheatsheet=self.cheatsheet_file(name), position=src.at(item)))
            else:
                k = src.mapping(item, "document part", required=("document",), optional=("notes",)) or {}
                name = self.file_name(src, k["document"], "document") if "document" in k else None
                notes_name = self.file_name(src, k["notes"], "notes") if "notes" in k else None
                if not name:
                    continue
                errors_before = len(self.report.errors)
                document = self.document_file(name)
                if document and notes_name:
                    # when the document itself is broken, its notes are read for their own errors only
                    complete = len(self.report.errors) == errors_before
                    document.notes = self.notes_file(notes_name, document, edition, complete)
                if document:
                    parts.append(Part("document", document=document, position=src.at(item)))
        if not parts:
            src.error(node, "an edition needs at least one part")
        return parts

    # ---- document -----------------------------------------------------------------------

    def document_file(self, name: str) -> Document | None:
        src = self.source(name)
        root = src.load()
        if root is None:
            return None
        errors_before = len(self.report.errors)
        keys = src.mapping(root, "document", required=("title", "sections"),
                           optional=("symbol", "header", "subtitle", "footnotes"))
        if keys is None:
            return None
        get = lambda k: self.title(src, keys[k], k) if k in keys else ""  # noqa: E731
        document = Document(symbol=get("symbol"), header=self.header(src, keys.get("header")),
                            title=get("title"), subtitle=get("subtitle"), sections=[], footnotes=[],
                            position=src.at(root))
        last_number = 0
        seen: dict[int, Position] = {}
        for node in src.sequence(keys["sections"], "sections") if "sections" in keys else []:
            section = self.section(src, node)
            if section is None:
                continue
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

    def title(self, src: Source, node: Node, what: str) -> str:
        """A title or heading: one line's worth of words, not a pasted paragraph (which could not be set)."""
        value = src.string(node, what) or ""
        if len(value) > MAX_TITLE:
            src.error(node, f"{what} is {len(value):,} characters long; titles are at most {MAX_TITLE}",
                      "did a paragraph end up in the title?")
            return value[:MAX_TITLE]
        return value

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
        section = Section(number, self.title(src, keys["title"], "section title"), [], src.at(node))
        for item in src.sequence(keys["body"], "section body") if "body" in keys else []:
            if isinstance(item, MappingNode) and any(k.value == "heading" for k, _ in item.value):
                k = src.mapping(item, "sub-heading", required=("heading",)) or {}
                if "heading" in k:
                    section.body.append(Heading(self.title(src, k["heading"], "heading"), src.at(item)))
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

    def text_chunk(self, src: Source, node: Node, chunk: str, offset: int, what: str) -> RichText:
        """Parse one piece of a scalar that starts at `offset` in its value (a paragraph block, a list line)."""
        return self._parse(src, node, chunk, node.value, offset, what)

    def _parse(self, src: Source, node: Node, text: str, whole: str, offset: int, what: str) -> RichText:
        """Inline markup of `text`; an error points into `whole` (the scalar as read) at `offset` onwards."""
        try:
            rich = parse_inline(text, src.at(node))
        except InlineError as exc:
            self.report.error(markup_position(src, node, whole, offset + exc.offset), f"{what}: {exc}", exc.hint)
            rich = salvage(text, src.at(node))
        locate_footnote_refs(src, node, rich)
        return rich

    def check_footnotes(self, document: Document, src: Source, unused: bool = True) -> None:
        defined = {f.number: f for f in document.footnotes}
        used: set[int] = set()
        texts = [b for p in document.paragraphs for b in p.blocks] + [i.text for p in document.paragraphs
                                                                      for i in p.items]
        for rich in texts:
            for node in walk_inline(rich.nodes):
                if isinstance(node, FootnoteRef):
                    if node.number not in defined:
                        self.report.error(node.position, f"footnote [^{node.number}] is referenced but not defined")
                    used.add(node.number)
        for number, footnote in defined.items():
            if number not in used and unused:
                self.report.warning(footnote.position, f"footnote {number} is defined but never referenced")

    # ---- notes --------------------------------------------------------------------------

    def notes_file(self, name: str, document: Document, edition: Edition, complete: bool = True) -> list[Note]:
        src = self.source(name)
        root = src.load()
        if root is None:
            return []
        keys = src.mapping(root, "notes file", required=("notes",))
        notes: list[Note] = []
        kinds = {k.id: k for k in edition.note_kinds}
        for node in src.sequence(keys["notes"], "notes") if keys and "notes" in keys else []:
            k = src.mapping(node, "note", required=("kind", "attach", "body"), optional=("phrase", "tag"))
            if not k or not all(x in k for x in ("kind", "attach", "body")):
                continue
            kind_id = src.string(k["kind"], "kind") or ""
            if kind_id not in kinds:
                close = difflib.get_close_matches(kind_id, kinds, n=1)
                src.error(k["kind"], f"unknown note kind {kind_id!r}",
                          f"did you mean {close[0]!r}?" if close else "kinds: " + ", ".join(kinds))
                continue
            if not complete:  # the document has errors: its paragraphs cannot be trusted as targets
                self.note_body(src, k["body"])
                continue
            attach = self.attachment(src, k["attach"], document)
            if attach is None:
                continue
            note = Note(number=len(notes) + 1, kind=kinds[kind_id], attach=attach,
                        body=self.note_body(src, k["body"]), position=src.at(node))
            if "tag" in k:
                note.tag = src.string(k["tag"], "tag") or ""
            if "phrase" in k:
                note.phrase = " ".join((src.string(k["phrase"], "phrase") or "").split())
                target = attachment_text(document, attach)
                if note.phrase and note.phrase not in target:
                    lower = target.lower().find(note.phrase.lower())
                    hint = (f"the paragraph has {target[lower:lower + len(note.phrase)]!r} — case differs"
                            if lower >= 0 else "copy the words exactly as they stand in the text")
                    src.error(k["phrase"], f"phrase {note.phrase!r} is not in {attach}", hint)
                    continue
            notes.append(note)
        return notes

    def attachment(self, src: Source, node: Node, document: Document) -> Attachment | None:
        raw = node.value.strip() if isinstance(node, ScalarNode) else None
        if not isinstance(raw, str) or not raw:
            src.error(node, "attach must be 'document', a section (III), a paragraph (24) or a list item (71(b)), "
                            f"not {describe(node)}")
            return None
        numbers = {p.number: p for p in document.paragraphs}
        if raw == "document":
            return Attachment("document")
        if _ROMAN.match(raw):
            if raw not in {s.number for s in document.sections}:
                src.error(node, f"note is attached to section {raw}, which does not exist")
                return None
            return Attachment("section", section=raw)
        if raw.isdigit():
            if int(raw) not in numbers:
                src.error(node, f"note is attached to paragraph {raw}, which does not exist")
                return None
            return Attachment("paragraph", paragraph=int(raw))
        match = _ITEM.match(raw)
        if match:
            number, label = int(match.group(1)), match.group(2)
            if number not in numbers:
                src.error(node, f"note is attached to paragraph {number}, which does not exist")
                return None
            if label not in {i.label for i in numbers[number].items}:
                src.error(node, f"note is attached to item ({label}) of paragraph {number}, which does not exist")
                return None
            return Attachment("item", paragraph=number, item=label)
        guess = re.fullmatch(r"\D*?(\d+)\s*\.?\s*\(?([a-zA-Z])?\)?\s*", raw)
        if _ROMAN.match(raw.upper()) and raw != raw.upper():
            hint = f"section numbers are capitals: attach: {raw.upper()}"
        elif guess and raw not in ("document",):
            hint = f"did you mean {guess.group(1) + (f'({guess.group(2).lower()})' if guess.group(2) else '')!r}?"
        elif raw.lower() in ("report", "doc", "whole", "all", "title"):
            hint = "did you mean 'document'?"
        else:
            hint = "write 'document', a section (III), a paragraph (24) or a list item (71(b))"
        src.error(node, f"cannot read attach {raw!r}", hint)
        return None

    def note_body(self, src: Source, node: Node) -> list:
        value = src.string(node, "note body")
        if value is None:
            return []
        blocks: list = []
        current: list[str] = []
        offset = 0

        def close_prose():
            if current:
                text = " ".join(" ".join(current).split())
                blocks.append(Prose(self.text_chunk(src, node, text, offset, "note body")))
                current.clear()

        for line in value.split("\n"):
            match = _LIST_LINE.match(line)
            if not line.strip():
                close_prose()
            elif match:
                close_prose()
                ordered = match.group(2) is not None
                if not match.group(3).strip():
                    src.error(node, "note body has an empty list item", "delete the lone '-' or write the item")
                item = self.text_chunk(src, node, match.group(3).strip(), 0, "note list item")
                last = blocks[-1] if blocks else None
                if isinstance(last, ItemList) and last.ordered == ordered:
                    last.items.append(item)
                else:
                    blocks.append(ItemList(ordered, [item]))
            elif blocks and isinstance(blocks[-1], ItemList) and not current and line.startswith((" ", "\t")):
                # an indented line continues the last list item
                last_item = blocks[-1].items[-1]
                extra = self.text_chunk(src, node, line.strip(), 0, "note list item")
                last_item.nodes.extend([Text(" ")] + extra.nodes)
            else:
                current.append(line)
        close_prose()
        if not blocks:
            src.error(node, "note body is empty")
        return blocks

    # ---- cheat sheet --------------------------------------------------------------------

    def cheatsheet_file(self, name: str) -> CheatSheet | None:
        src = self.source(name)
        root = src.load()
        if root is None:
            return None
        keys = src.mapping(root, "cheat sheet", required=("title", "blocks"), optional=("subtitle",))
        if not keys or "title" not in keys:
            return None
        sheet = CheatSheet(src.string(keys["title"], "title") or "",
                           (src.string(keys["subtitle"], "subtitle") or "") if "subtitle" in keys else "", [],
                           src.at(root))
        ids = set()
        for node in src.sequence(keys["blocks"], "blocks") if "blocks" in keys else []:
            k = src.mapping(node, "cheat-sheet block", required=("id", "title", "items"),
                            optional=("kind", "source"))
            if not k or not all(x in k for x in ("id", "title", "items")):
                continue
            block_id = src.string(k["id"], "id") or ""
            if block_id in ids:
                src.error(k["id"], f"block id {block_id!r} is used twice")
            ids.add(block_id)
            kind = (src.string(k["kind"], "kind") or "list") if "kind" in k else "list"
            if kind not in CHEAT_KINDS:
                src.error(k["kind"], f"unknown block kind {kind!r}", "kinds: " + ", ".join(CHEAT_KINDS))
            sheet.blocks.append(CheatBlock(block_id, src.string(k["title"], "title") or "", kind,
                                           self.cheat_items(src, k["items"], depth=0),
                                           (src.string(k["source"], "source") or "") if "source" in k else "",
                                           src.at(node)))
        return sheet

    def cheat_items(self, src: Source, node: Node, depth: int) -> list[CheatItem]:
        items = []
        optional = ("title", "refs") + (("items",) if depth == 0 else ())
        for item in src.sequence(node, "items"):
            k = src.mapping(item, "cheat-sheet item", required=("text",), optional=optional)
            if not k or "text" not in k:
                continue
            entry = CheatItem(self.text(src, k["text"], "item text"))
            if "title" in k:
                entry.title = src.string(k["title"], "title") or ""
            if "refs" in k:
                refs = k["refs"]
                nodes = refs.value if not isinstance(refs, ScalarNode) else [refs]
                entry.refs = [n for n in (src.integer(r, "paragraph reference") for r in nodes) if n is not None]
            if "items" in k:
                entry.items = self.cheat_items(src, k["items"], depth + 1)
            items.append(entry)
        return items

    # ---- subject index terms ------------------------------------------------------------

    def index_file(self, name: str, edition: Edition) -> tuple[list[IndexTerm], list[CountryReading]]:
        src = self.source(name)
        root = src.load()
        if root is None:
            return [], []
        keys = src.mapping(root, "index file", optional=("terms", "countries"))
        if not keys:
            return [], []
        terms = self.index_terms(src, keys["terms"]) if "terms" in keys else []
        readings = self.country_readings(src, keys["countries"], edition) if "countries" in keys else []
        return terms, readings

    def country_readings(self, src: Source, node: Node, edition: Edition) -> list[CountryReading]:
        """`countries:` entries: a phrase, and the state its country mention stands for (or none)."""
        from ..indexing.countries import find_countries, load_states
        ids = [s.id for s in load_states()]
        texts = " ".join(" ".join(t.split()) for t in edition_texts(edition))
        readings = []
        for item in src.sequence(node, "countries"):
            k = src.mapping(item, "country reading", required=("phrase", "state"))
            if not k or "phrase" not in k or "state" not in k:
                continue
            phrase = " ".join((src.string(k["phrase"], "phrase") or "").split())
            state_node = k["state"]
            if isinstance(state_node, ScalarNode) and state_node.tag.endswith(":null"):
                state = None
            else:
                state = src.string(state_node, "state")
                if state is None:
                    continue
                state = None if state.strip().lower() == "none" else state.strip()
                if state is not None and state not in ids:
                    close = difflib.get_close_matches(state, ids, n=1, cutoff=0.6)
                    src.error(state_node, f"country reading: unknown state {state!r}",
                              f"did you mean {close[0]!r}?" if close else
                              "use an id from handbook/indexing/states.yaml, or none to leave the mention out")
                    continue
            if not phrase:
                src.error(k["phrase"], "country reading: the phrase is empty")
                continue
            if not find_countries(phrase):
                src.error(k["phrase"], f"country reading: {phrase!r} names no state, so there is nothing to file",
                          "quote the words around the country's name as they stand in the text")
                continue
            if phrase not in texts:
                src.warning(k["phrase"], f"country reading: {phrase!r} does not occur in the edition's text")
            readings.append(CountryReading(phrase, state, src.at(item)))
        return readings

    def index_terms(self, src: Source, node: Node) -> list[IndexTerm]:
        terms = []
        for item in src.sequence(node, "terms"):
            k = src.mapping(item, "index term", required=("term",),
                            optional=("aliases", "see_also", "subentries"))
            if not k or "term" not in k:
                continue
            term = IndexTerm(src.string(k["term"], "term") or "", position=src.at(item))
            if "aliases" in k:
                term.aliases = src.strings(k["aliases"], "alias")
            if "see_also" in k:
                term.see_also = src.strings(k["see_also"], "see_also")
            if "subentries" in k:
                term.subentries = self.index_terms(src, k["subentries"])
            terms.append(term)
        return terms


def edition_texts(edition: Edition):
    """The plain text of everything the indexes read: paragraphs, items, footnotes and notes."""
    for document in edition.documents:
        for paragraph in document.paragraphs:
            yield from (b.plain for b in paragraph.blocks)
            yield from (i.text.plain for i in paragraph.items)
        yield from (f.text.plain for f in document.footnotes)
        for note in document.notes:
            for block in note.body:
                yield from ([block.text.plain] if isinstance(block, Prose) else [i.plain for i in block.items])


def attachment_text(document: Document, attach: Attachment) -> str:
    """The plain text a note's phrase must be found in."""
    numbers = {p.number: p for p in document.paragraphs}
    if attach.target == "paragraph":
        return " ".join(b.plain for b in numbers[attach.paragraph].blocks)
    if attach.target == "item":
        return next(i.text.plain for i in numbers[attach.paragraph].items if i.label == attach.item)
    if attach.target == "section":
        return next(s.title for s in document.sections if s.number == attach.section)
    return document.title


def split_blocks(node: Node) -> list[tuple[str, int]]:
    """Split paragraph text into its blocks (a blank line starts a new one), with source offsets."""
    value = node.value if isinstance(node, ScalarNode) else ""
    separator = re.compile(r"\n\s*\n") if node.style != ">" else re.compile(r"\n")
    chunks, start = [], 0
    for match in list(separator.finditer(value)) + [None]:
        end = match.start() if match else len(value)
        chunk = value[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            chunks.append((" ".join(chunk.split()), start + lead))
        start = match.end() if match else end
    return chunks or [("", 0)]


def salvage(text: str, at: Position) -> RichText:
    """Text whose markup is broken, kept as plain words and footnote references, so that one
    markup error does not cascade into 'phrase not found' or 'footnote never referenced'."""
    nodes: list = []
    for index, piece in enumerate(re.split(r"\[\^(\d+)\]", text)):
        if index % 2:
            nodes.append(FootnoteRef(int(piece)))
        elif piece:
            nodes.append(Text(piece))
    return RichText(nodes, at)


def locate_footnote_refs(src: Source, node: Node, rich: RichText) -> None:
    """Point each footnote reference at its own `[^N]` in the file (not just the start of the text)."""
    mark = node.start_mark
    buffer = getattr(mark, "buffer", None)
    cursor = mark.index
    for ref in walk_inline(rich.nodes):
        if not isinstance(ref, FootnoteRef):
            continue
        ref.position = src.at(node)
        if buffer:
            where = buffer.find(f"[^{ref.number}]", cursor, node.end_mark.index)
            if where != -1:
                line = buffer.count("\n", 0, where) + 1
                ref.position = Position(src.name, line, where - (buffer.rfind("\n", 0, where) + 1) + 1)
                cursor = where + 1


def markup_position(src: Source, node: Node, value: str, offset: int) -> Position:
    """Best file:line:col for character `offset` of a scalar's value (exact for plain and literal text)."""
    mark = node.start_mark
    buffer = getattr(mark, "buffer", None)
    snippet = value[offset:offset + 12].split()
    if buffer and snippet:
        word = snippet[0]
        where = buffer.find(word, mark.index, node.end_mark.index)
        # search from the right occurrence: count earlier occurrences in the value
        nth = value[:offset].count(word)
        for _ in range(nth):
            if where == -1:
                break
            where = buffer.find(word, where + 1, node.end_mark.index)
        if where != -1:
            line = buffer.count("\n", 0, where) + 1
            col = where - (buffer.rfind("\n", 0, where) + 1) + 1
            return Position(src.name, line, col)
    return src.at(node)
