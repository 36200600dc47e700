"""Read an edition's YAML sources into the model, strictly, reporting every problem with file:line."""
from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..confine import outside, project_root
from ..errors import HandbookError, Position, Report
from ..model import BUILTIN_NOTE_KINDS, Edition, NoteKind, Organizer, Part, SocialHandle
from .cheatsheet import CheatSheetReader
from .consistency import check_references
from .document import _ROMAN, DocumentReader  # noqa: F401
from .inline import link_problem
from .language import read_hyphenation, read_labels, read_language
from .indexfile import IndexFileReader, edition_texts  # noqa: F401
from .notes import MAX_LABEL, NotesReader, attachment_text  # noqa: F401
from .prose import ProseReader
from .transforms import number_notes, number_prose_notes
from .yamlfile import Source

EDITION_FILE = "handbook.yaml"
MAX_COVER_TEXT = 200  # characters in the conference, committee, title or an organizer line: the cover's room
MAX_COVER_LINES = 8  # address lines, and social handles, on the cover
# one address: a local part, an @, and a domain with a dot; no spaces, angle brackets, quotes or a second @
EMAIL = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]+")
SIMPLE_PARTS = ("cover", "contents", "index")


def read_edition(folder: Path, strict: bool = False) -> tuple[Edition, Report]:
    """Load `folder/handbook.yaml` and everything it names; raise HandbookError on any error."""
    report = Report()
    edition = _EditionReader(folder, report).read()
    report.raise_if_errors(strict)
    return edition, report


class _EditionReader(DocumentReader, NotesReader, ProseReader, CheatSheetReader, IndexFileReader):
    """The edition file, and the parts it names, each read by its own reader."""

    def read(self) -> Edition:
        src = self.source(EDITION_FILE)
        problem = outside(self.folder, EDITION_FILE, [project_root(self.folder)])
        if problem:
            self.report.error(Position(src.name), f"edition file: {problem}")
            raise HandbookError(self.report.errors)
        root = src.load()
        if root is None:
            raise HandbookError(self.report.errors)
        keys = src.mapping(root, "edition", required=("conference", "committee", "title", "organizer", "parts"),
                           optional=("date", "style", "styles", "note_kinds", "index", "default", "language", "labels",
                                     "hyphenation"))
        if keys is None:
            raise HandbookError(self.report.errors)
        get = lambda k: self.cover_text(src, keys[k], k) if k in keys else ""  # noqa: E731
        styles = ["wimun"]
        if "style" in keys and "styles" in keys:
            src.error(keys["styles"], "give either 'style' or 'styles', not both")
        elif "style" in keys or "styles" in keys:
            named = keys.get("style") or keys["styles"]
            styles = src.strings(named, "style") or ["wimun"]
            if isinstance(named, SequenceNode) and not named.value:  # it silently built in wimun
                src.error(named, "'styles' is an empty list", "name at least one style, e.g. styles: [wimun]")
        style_node = keys.get("style") or keys.get("styles")
        if style_node is not None:
            self.check_styles(src, style_node, styles)
        edition = Edition(
            name=self.folder.name, folder=self.folder,
            conference=get("conference") or "", committee=get("committee") or "", title=get("title") or "",
            organizer=self.organizer(src, keys["organizer"]) if "organizer" in keys else Organizer(""),
            parts=[], styles=styles, date=self.date(src, keys.get("date")), position=src.at(root),
        )
        edition.field_positions = {k: src.at(node) for k, node in keys.items()}  # for warnings on a field
        edition.language = read_language(src, keys.get("language"))
        edition.labels = read_labels(src, keys.get("labels"))
        edition.hyphenation = read_hyphenation(src, keys.get("hyphenation"))
        if "note_kinds" in keys:
            declared = self.note_kinds(src, keys["note_kinds"])
            edition.note_kinds = list(BUILTIN_NOTE_KINDS) + declared
            for kind in declared:  # a built-in kind declared again keeps its id and prints the edition's label
                if kind.id in {k.id for k in BUILTIN_NOTE_KINDS}:
                    edition.labels.setdefault(f"kind.{kind.id}", kind.label)
        if "parts" in keys:
            edition.parts = self.parts(src, keys["parts"], edition)
        if not self.report.errors:
            following = 1
            for part in edition.parts:  # note numbers run on through a committee packet and its prose parts
                if part.kind == "document":
                    following = number_notes(part.document, following)
                elif part.kind == "prose":
                    following = number_prose_notes(part.prose, following)
        if "index" in keys:
            name = self.file_name(src, keys["index"], "index")
            if name:
                edition.index_terms, edition.country_readings = self.index_file(name, edition)
        if not self.report.errors:  # a file that failed to read would make every reference to it look broken
            check_references(edition, self.report)
        return edition

    def check_styles(self, src: Source, node: Node, names: list[str]) -> None:
        """Each style the edition names must be the project's (styles/) or built in."""
        from ..style.catalogue import style_names
        styles_dir = self.folder.resolve().parent.parent / "styles"
        known = style_names(styles_dir)
        items = node.value if not isinstance(node, ScalarNode) and isinstance(node.value, list) else [node]
        for item in items:
            name = item.value if isinstance(item, ScalarNode) else None
            if isinstance(name, str) and name and name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                src.error(item, f"unknown style {name!r}", f"did you mean {close[0]!r}?" if close else
                          "styles: " + ", ".join(known))

    def file_name(self, src: Source, node: Node, what: str) -> str | None:
        """A file named in the edition file: it must exist beside it (the error points at the name)."""
        name = src.string(node, what)
        if not name:
            return None
        problem = outside(self.folder, name, [project_root(self.folder)])
        if problem:
            src.error(node, f"{what} file: {problem}")
            return None
        path = self.folder / name
        if path.is_file():
            return name
        if path.is_dir():
            src.error(node, f"{what} file {name!r} is a folder, not a file")
            return None
        present = sorted(str(p.relative_to(self.folder)) for p in self.folder.glob("*")
                         if p.suffix in (".yaml", ".yml", ".md"))
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

    def cover_text(self, src: Source, node: Node, what: str) -> str:
        """A line of the cover: it must fit there, so it is at most MAX_COVER_TEXT characters."""
        return self.bounded(src, node, what, MAX_COVER_TEXT, "the cover takes",
                            "shorten it; the full wording can go in the document")

    def organizer(self, src: Source, node: Node) -> Organizer:
        keys = src.mapping(node, "organizer", required=("name",),
                           optional=("address", "email", "phone", "social")) or {}
        organizer = Organizer(name=self.cover_text(src, keys["name"], "organizer name") if "name" in keys else "")
        if "address" in keys:
            organizer.address = src.strings(keys["address"], "address line")
            if len(organizer.address) > MAX_COVER_LINES:
                src.error(keys["address"], f"the address has {len(organizer.address)} lines; the cover takes at "
                          f"most {MAX_COVER_LINES}")
            lines = keys["address"].value if isinstance(keys["address"], SequenceNode) else [keys["address"]]
            for line in lines:
                if isinstance(line, ScalarNode) and len(line.value) > MAX_COVER_TEXT:
                    self.cover_text(src, line, "address line")
        organizer.email = self.cover_text(src, keys["email"], "email") if "email" in keys else ""
        if organizer.email and not EMAIL.fullmatch(organizer.email):  # the cover links it as mailto: on every copy
            src.error(keys["email"], f"email {organizer.email!r} is not an e-mail address",
                      "write one address such as info@example.org, without a name or 'mailto:'")
            organizer.email = ""
        organizer.phone = self.cover_text(src, keys["phone"], "phone") if "phone" in keys else ""
        if "social" in keys and len(src.sequence(keys["social"], "social")) > MAX_COVER_LINES:
            src.error(keys["social"], f"more than {MAX_COVER_LINES} social handles; the cover takes at most that many")
        for item in src.sequence(keys["social"], "social") if "social" in keys else []:
            k = src.mapping(item, "social handle", required=("network", "handle"), optional=("url",)) or {}
            url = src.string(k["url"], "url") or "" if "url" in k else ""
            problem = link_problem(url) if url else None
            if problem:  # the cover printed a javascript: (or file:) link as it was written
                src.error(k["url"], problem[0], problem[1])
                url = ""
            if "network" in k and "handle" in k:
                organizer.social.append(SocialHandle(
                    src.string(k["network"], "network") or "", src.string(k["handle"], "handle") or "", url))
        return organizer

    def note_kinds(self, src: Source, node: Node) -> list[NoteKind]:
        kinds = []
        for item in src.sequence(node, "note_kinds"):
            k = src.mapping(item, "note kind", required=("id", "label")) or {}
            if "id" in k and "label" in k:
                kind_id = src.string(k["id"], "id") or ""
                if not re.fullmatch(r"[a-z][a-z0-9-]*", kind_id):
                    src.error(k["id"], f"note kind id {kind_id!r} must be lowercase words joined by '-'")
                label = src.string(k["label"], "label") or ""
                if len(label) > MAX_LABEL:
                    src.error(k["label"], f"note kind label is {len(label):,} characters long; labels are at most "
                              f"{MAX_LABEL}", "a label is a few words, such as 'Did you know that…'")
                kinds.append(NoteKind(kind_id, label))
        return kinds

    def parts(self, src: Source, node: Node, edition: Edition) -> list[Part]:
        parts = []
        for item in src.sequence(node, "parts"):
            first_key = (item.value[0][0].value if isinstance(item, MappingNode) and item.value
                         and isinstance(item.value[0][0], ScalarNode) else None)
            if not self.first_time(src, item, first_key):
                continue
            if isinstance(item, ScalarNode):
                name = item.value
                if name not in SIMPLE_PARTS:
                    close = difflib.get_close_matches(name.lower(), SIMPLE_PARTS + ("document", "prose", "cheatsheet"), n=1)
                    hint = ("write it as 'document: FILE'" if close and close[0] in ("document", "cheatsheet")
                            and name.lower() == close[0] else
                            "write it as 'prose: FILE.md'" if close and close[0] == "prose" and name.lower() == "prose" else
                            f"did you mean {close[0]!r}?" if close and close[0] in SIMPLE_PARTS else
                            "parts are cover, contents, index, or 'document: FILE' / 'prose: FILE.md' / "
                            "'cheatsheet: FILE'")
                    src.error(item, f"unknown part {name!r}", hint)
                    continue
                parts.append(Part(name, position=src.at(item)))
            elif first_key in SIMPLE_PARTS:
                src.error(item, f"part {first_key!r} takes no value", f"write it alone: '- {first_key}'")
            elif first_key == "prose":
                parts.extend(self.prose_part(src, item, edition))
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

    def first_time(self, src: Source, item: Node, first_key: str | None) -> bool:
        """An edition has one index and one cheat sheet, and names each file once (its places would be
        defined twice); a second one is an error at the part."""
        seen = self.__dict__.setdefault("_parts_seen", {})
        if isinstance(item, ScalarNode):
            key, what = (item.value, f"the {item.value} part") if item.value == "index" else (None, "")
        elif first_key == "cheatsheet":
            key, what = "cheatsheet", "the cheatsheet part"
        elif first_key in ("document", "prose"):
            value = next((v for k, v in item.value if getattr(k, "value", None) == first_key), None)
            name = value.value if isinstance(value, ScalarNode) else None
            key, what = (("file", name), f"{first_key} file {name!r}") if name else (None, "")
        else:
            key, what = None, ""
        if key is None:
            return True
        if key in seen:
            src.error(item, f"{what} appears twice in the parts", f"first at {seen[key]}; an edition has each once")
            return False
        seen[key] = src.at(item)
        return True

    def prose_part(self, src: Source, item: Node, edition: Edition) -> list[Part]:
        k = src.mapping(item, "prose part", required=("prose",), optional=("notes",)) or {}
        name = self.file_name(src, k["prose"], "prose") if "prose" in k else None
        notes_name = self.file_name(src, k["notes"], "notes") if "notes" in k else None
        page = self.prose_file(name) if name else None
        if page is None:
            return []
        if notes_name:
            page.notes = self.prose_notes_file(notes_name, page, edition)
        return [Part("prose", prose=page, position=src.at(item))]
