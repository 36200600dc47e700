"""Reading a notes file: each note's kind, attachment, phrase and body."""
from __future__ import annotations

import difflib
import re

from yaml.nodes import Node, ScalarNode

from ..model import Attachment, Document, Edition, ItemList, Note, Prose, Text
from .document import _ROMAN
from .inline import DIGITS_HINT
from .texts import TextReader
from .yamlfile import Source, describe

MAX_LABEL = 60  # characters in a note's tag or a note kind's label: a callout's heading, kept in one piece
_ITEM = re.compile(r"^([0-9]+)\s*\(([a-z])\)$")
_LIST_LINE = re.compile(r"^\s*(?:(- |• )|(\d+)[.)] )(.*)$")


class NotesReader(TextReader):
    """Notes files: each note checked against the document it annotates."""

    def notes_file(self, name: str, document: Document, edition: Edition, complete: bool = True) -> list[Note]:
        src, root = self.load(name)
        if root is None:
            return []
        keys = src.mapping(root, "notes file", required=("notes",))
        notes: list[Note] = []
        kinds = {k.id: k for k in edition.note_kinds}
        for node in src.sequence(keys["notes"], "notes") if keys and "notes" in keys else []:
            k = src.mapping(node, "note", required=("kind", "attach", "body"),
                            optional=("phrase", "occurrence", "tag", "index"))
            if not k or not all(x in k for x in ("kind", "attach", "body")):
                continue
            kind = note_kind(src, k["kind"], kinds)
            if kind is None:
                continue
            if not complete:  # the document has errors: its paragraphs cannot be trusted as targets
                self.note_body(src, k["body"])
                continue
            attach = self.attachment(src, k["attach"], document)
            if attach is None:
                continue
            note = Note(number=len(notes) + 1, kind=kind, attach=attach,
                        body=self.note_body(src, k["body"]), position=src.at(node))
            if "tag" in k:
                note.tag = src.string(k["tag"], "tag") or ""
                if len(note.tag) > MAX_LABEL:  # it heads the callout, which cannot break inside its heading
                    src.error(k["tag"], f"tag is {len(note.tag):,} characters long; tags are at most {MAX_LABEL}",
                              "a tag is a few words; put the rest in the body")
            if "index" in k:  # `index: false`: the phrase is not an index entry
                note.indexed = src.boolean(k["index"], "index") is not False
                if "phrase" not in k:
                    src.error(k["index"], "'index' says whether the note's phrase is indexed: give a phrase")
            if "phrase" in k and not self.phrase(src, k, note, document):
                continue
            elif "occurrence" in k and "phrase" not in k:
                src.error(k["occurrence"], "'occurrence' says which occurrence of the phrase is marked: give a phrase")
            notes.append(note)
        return notes

    def phrase(self, src: Source, k: dict, note: Note, document: Document) -> bool:
        """Read the note's phrase and which occurrence of it is marked; False if the note cannot be kept."""
        attach = note.attach
        written = src.string(k["phrase"], "phrase")
        note.phrase = " ".join((written or "").split())
        if not note.phrase and written is not None:  # it once made a note on the whole paragraph, silently
            src.error(k["phrase"], "phrase is empty",
                      "give the words the note explains, or leave 'phrase' out for a note on all of it")
            return False
        target = attachment_text(document, attach)
        if note.phrase and note.phrase not in target:
            lower = target.lower().find(note.phrase.lower())
            hint = (f"the paragraph has {target[lower:lower + len(note.phrase)]!r} — case differs"
                    if lower >= 0 else "copy the words exactly as they stand in the text")
            src.error(k["phrase"], f"phrase {note.phrase!r} is not in {attach}", hint)
            return False
        # the marker is set inside one block of text: only an occurrence within one block can be marked
        count = sum(block.count(note.phrase) for block in attachment_blocks(document, attach)) if note.phrase else 0
        if note.phrase and not count:
            src.error(k["phrase"], f"phrase {note.phrase!r} runs across a blank line in {attach}",
                      "a phrase lies within one block of the paragraph; shorten it to the words on one side")
            return False
        if "occurrence" in k:
            occurrence = src.integer(k["occurrence"], "occurrence")
            if occurrence is None:
                return False
            note.occurrence = occurrence
            if not 1 <= occurrence <= count:
                src.error(k["occurrence"], f"occurrence {occurrence}: phrase {note.phrase!r} occurs "
                          f"{count} time{'s' if count != 1 else ''} in {attach}", f"give a number from 1 to {count}")
                return False
        elif count > 1:  # it was marked at the first, silently
            src.warning(k["phrase"], f"phrase {note.phrase!r} occurs {count} times in {attach}; the note is marked at "
                        "the first", "say which with 'occurrence: N', or lengthen the phrase so that it names "
                        "one place")
        return True

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
        if raw.isascii() and raw.isdigit():
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
        if any((ch.isdigit() or ch.isnumeric()) and not ch.isascii() for ch in raw):
            hint = DIGITS_HINT
        elif _ROMAN.match(raw.upper()) and raw != raw.upper():
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
        current: list[tuple[str, int]] = []  # the prose block's lines, each with where it starts in `value`

        def chunk(text: str, start: int, what: str):
            """`text` (one block or item, from `start` in the body) parsed; an error points at its own line."""
            raw = value[start:]
            return self.text_chunk(src, node, " ".join(text.split()), start, what, raw=raw)

        def close_prose():
            if current:
                blocks.append(Prose(chunk(" ".join(line for line, _ in current), current[0][1], "note body")))
                current.clear()

        at = 0
        for line in value.split("\n"):
            start, at = at, at + len(line) + 1
            match = _LIST_LINE.match(line)
            if not line.strip():
                close_prose()
            elif match:
                close_prose()
                ordered = match.group(2) is not None
                if not match.group(3).strip():
                    src.error(node, "note body has an empty list item", "delete the lone '-' or write the item")
                item = chunk(match.group(3).strip(), start + match.start(3), "note list item")
                last = blocks[-1] if blocks else None
                if isinstance(last, ItemList) and last.ordered == ordered:
                    last.items.append(item)
                else:
                    blocks.append(ItemList(ordered, [item]))
            elif blocks and isinstance(blocks[-1], ItemList) and not current and line.startswith((" ", "\t")):
                # an indented line continues the last list item
                last_item = blocks[-1].items[-1]
                extra = chunk(line.strip(), start + len(line) - len(line.lstrip()), "note list item")
                last_item.nodes.extend([Text(" ")] + extra.nodes)
            else:
                current.append((line, start))
        close_prose()
        if not blocks:
            src.error(node, "note body is empty")
        return blocks


def attachment_blocks(document: Document, attach: Attachment) -> list[str]:
    """The blocks of plain text a note's phrase must lie within one of (a paragraph's blocks, or the one text)."""
    if attach.target == "paragraph":
        return [b.plain for b in next(p for p in document.paragraphs if p.number == attach.paragraph).blocks]
    return [attachment_text(document, attach)]


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


def note_kind(src: Source, node: Node, kinds: dict):
    """The note kind a `kind:` names, or None with an error (and the likeliest kind as a hint)."""
    kind_id = src.string(node, "kind") or ""
    if kind_id in kinds:
        return kinds[kind_id]
    close = difflib.get_close_matches(kind_id, kinds, n=1)
    src.error(node, f"unknown note kind {kind_id!r}",
              f"did you mean {close[0]!r}?" if close else "kinds: " + ", ".join(kinds))
    return None
