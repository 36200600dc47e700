"""Reading a prose part: a Markdown page (markdown-it-py, with footnotes) and the notes in its margin."""
from __future__ import annotations

import re


from ..errors import Position
from ..model import Attachment, Edition, Emphasis, Footnote, FootnoteRef, ItemList, Link, Note, Prose, ProseHeading, \
    ProsePage, RichText, Strong, Text, walk_inline
from .inline import link_problem
from .notes import note_kind
from .texts import TextReader
from .yamlfile import _UNPRINTABLE, Source

_UNPRINTABLE_PROSE = re.compile(_UNPRINTABLE.pattern.replace("[^\t\n", "[^\t\n\r", 1))  # CRLF files are fine

_PARSER: list = []  # made on first use: editions without prose parts never import markdown-it (~25 ms)


def _parser():
    if not _PARSER:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        _PARSER.append(MarkdownIt("commonmark").use(footnote_plugin))
    return _PARSER[0]


_CONTAINERS = {"strong_open": Strong, "em_open": Emphasis}


class ProseReader(TextReader):
    """Prose parts: `- prose: letter.md` (with `notes: letter-notes.yaml` for margin notes)."""

    def prose_file(self, name: str) -> ProsePage | None:
        src = self.source(name)
        text = src._read_text()
        if text is None:
            return None
        bad = _UNPRINTABLE_PROSE.search(text)
        if bad:  # the YAML reader refuses these in YAML sources; markdown-it would print NUL as U+FFFD
            line = text.count("\n", 0, bad.start()) + 1
            self.report.error(Position(src.name, line, bad.start() - text.rfind("\n", 0, bad.start())),
                              f"invalid character U+{ord(bad.group()):04X} in the text",
                              "delete it: control characters cannot appear in sources")
            return None
        env: dict = {}
        tokens = _parser().parse(text, env)
        page = ProsePage(name=name, title="", blocks=[], position=Position(src.name, 1, 1))
        _Blocks(page, src.name, self.report).read(tokens)
        self._prose_footnotes(page, tokens, env, src)
        headings = [b for b in page.blocks if isinstance(b, ProseHeading)]
        if headings and headings[0] is page.blocks[0]:  # the opening heading is the part's title
            page.title = headings[0].plain
            page.blocks.pop(0)
        page.title = page.title or name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ").capitalize()
        if not page.paragraphs() and not any(isinstance(b, ProseHeading) for b in page.blocks):
            self.report.error(page.position, "prose part has no text", "write at least one paragraph")
        return page

    def _prose_footnotes(self, page: ProsePage, tokens: list, env: dict, src: Source) -> None:
        """Footnotes in the order of their first reference (as markdown-it numbers them)."""
        for i, token in enumerate(tokens):
            if token.type == "footnote_open":
                inline = next((t for t in tokens[i:] if t.type == "inline"), None)
                nodes = _inline(inline.children or []) if inline is not None else []
                line = (inline.map[0] + 1) if inline is not None and inline.map else 1
                page.footnotes.append(Footnote(token.meta["id"] + 1, RichText(nodes, Position(src.name, line, 1)),
                                               Position(src.name, line, 1)))
        refs = env.get("footnotes", {}).get("refs", {})
        for label, index in refs.items():
            if index == -1:  # defined, never referenced: markdown-it leaves it out, so say so
                self.report.warning(page.position, f"footnote {label.lstrip(':')!r} is defined but never referenced",
                                    "reference it with [^label] where it belongs, or delete it")

    def prose_notes_file(self, name: str, page: ProsePage, edition: Edition) -> list[Note]:
        src, root = self.load(name)
        if root is None:
            return []
        keys = src.mapping(root, "notes file", required=("notes",))
        kinds = {k.id: k for k in edition.note_kinds}
        texts = page.paragraphs()
        notes: list[Note] = []
        for node in src.sequence(keys["notes"], "notes") if keys and "notes" in keys else []:
            k = src.mapping(node, "prose note", required=("kind", "body"), optional=("phrase", "paragraph", "tag",
                                                                                   "index"))
            if not k or "kind" not in k or "body" not in k:
                continue
            kind = note_kind(src, k["kind"], kinds)
            if kind is None:
                continue
            place = self._prose_place(src, k, texts, page.name)
            if place is None:
                continue
            note = Note(number=len(notes) + 1, kind=kind,
                        attach=Attachment("prose", paragraph=place[0], part=page.title),
                        body=self.note_body(src, k["body"]), phrase=place[1], position=src.at(node))
            if "tag" in k:
                note.tag = src.string(k["tag"], "tag") or ""
            if "index" in k:  # `index: false`: the phrase is not an index entry, as in a document's notes
                note.indexed = src.boolean(k["index"], "index") is not False
            notes.append(note)
        return notes

    def _prose_place(self, src: Source, k: dict, texts: list, name: str) -> tuple[int, str] | None:
        """(paragraph place, phrase): the paragraph given, or the first whose text holds the phrase."""
        phrase = " ".join((src.string(k["phrase"], "phrase") or "").split()) if "phrase" in k else ""
        if "paragraph" in k:
            place = src.integer(k["paragraph"], "paragraph")
            if place is None:
                return None
            if not 1 <= place <= len(texts):
                src.error(k["paragraph"], f"{name} has {len(texts)} paragraphs and list items, not {place}",
                          "count its paragraphs and list items from 1")
                return None
            if phrase and phrase not in texts[place - 1].plain:
                src.error(k["phrase"], f"phrase {phrase!r} is not in paragraph {place} of {name}",
                          "copy the words exactly as they stand in the text")
                return None
            return place, phrase
        if not phrase:
            src.error(k["body"], "a note on a prose part needs a 'phrase' (words of the paragraph it explains) "
                                 "or a 'paragraph' (its place, from 1)")
            return None
        place = next((i for i, t in enumerate(texts, 1) if phrase in t.plain), None)
        if place is None:
            src.error(k["phrase"], f"phrase {phrase!r} is not in {name}", "copy the words exactly as they stand")
            return None
        return place, phrase


class _Blocks:
    """markdown-it's block tokens into ProseHeading, Prose and ItemList blocks."""

    def __init__(self, page: ProsePage, path: str, report):
        self.page, self.path, self.report = page, path, report
        self.lists: list[ItemList] = []  # open lists, innermost last (nested items join the outer list)
        self.footnote_depth = 0
        self.new_item = False  # a list item has opened and its first text is still to come

    def read(self, tokens: list) -> None:
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "footnote_block_open":
                self.footnote_depth += 1
            elif kind == "footnote_block_close":
                self.footnote_depth -= 1
            elif self.footnote_depth:
                continue
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if not self.lists:
                    self.page.blocks.append(ItemList(kind == "ordered_list_open", []))
                self.lists.append(self.page.blocks[-1])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.new_item = True
            elif kind == "inline":
                self.inline(tokens[i - 1], token)
            elif kind in ("fence", "code_block", "html_block"):
                self.add(Prose(RichText([Text(" ".join(token.content.split()))], self.at(token))))

    def inline(self, opener, token) -> None:
        rich = RichText(_inline(token.children or []), self.at(token))
        for node in walk_inline(rich.nodes):  # the same links as YAML sources allow: web, e-mail, #anchors
            problem = link_problem(node.url) if isinstance(node, Link) else None
            if problem:
                self.report.error(self.at(token), problem[0], problem[1])
        problem = _unprinted(token)
        if problem:
            self.report.error(self.at(token), problem[0], problem[1])
        if opener.type == "heading_open":
            self.page.blocks.append(ProseHeading(int(opener.tag[1:]), rich, self.at(token)))
        elif self.lists:
            items = self.lists[0].items
            if self.new_item or not items:
                items.append(rich)
            else:  # a further paragraph of the same item continues it
                items[-1].nodes += [Text(" ")] + rich.nodes
            self.new_item = False
        else:
            self.add(Prose(rich))

    def add(self, block) -> None:
        self.page.blocks.append(block)

    def at(self, token) -> Position:
        return Position(self.path, token.map[0] + 1 if token.map else 1, 1)


_REFUSED_LINK = re.compile(r"(?<!\\)\[[^\]]*\]\(\s*<?([A-Za-z][\w+.-]*:[^)\s>]*)")
_UNDEFINED_NOTE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


def _unprinted(token) -> tuple[str, str] | None:
    """Markup markdown-it leaves as literal text or drops, which would misprint: (message, hint), or None.
    An image prints only its alt text; a link it refuses (javascript:, file:) and a footnote reference with no
    footnote print as the raw markup. Read in the raw line (a backslash-escaped one is meant literally), and
    only where the words came out as text."""
    children = token.children or []
    if any(child.type == "image" for child in children):
        return "images are not supported in prose parts", "remove the image, or describe it in words"
    printed = "".join(child.content for child in children if child.type == "text")
    for refused in _REFUSED_LINK.finditer(token.content):
        problem = link_problem(refused.group(1))
        if problem and refused.group(1) in printed:
            return problem
    for note in _UNDEFINED_NOTE.finditer(token.content):
        if note.group() in printed:
            return f"footnote [^{note.group(1)}] is not defined", f"add a line '[^{note.group(1)}]: text' to the file"
    return None


def _inline(children: list) -> list:
    """markdown-it's inline tokens into the model's inline nodes (the layout escapes the text)."""
    root: list = []
    stack: list[list] = [root]
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline", "html_inline"):
            stack[-1].append(Text(token.content))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append(Text(" "))
        elif kind in _CONTAINERS:
            node = _CONTAINERS[kind]([])
            stack[-1].append(node)
            stack.append(node.children)
        elif kind == "link_open":
            node = Link(str(token.attrs.get("href", "")), [])
            stack[-1].append(node)
            stack.append(node.children)
        elif kind in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            stack.pop()
        elif kind == "footnote_ref":
            stack[-1].append(FootnoteRef(token.meta["id"] + 1))
        elif kind == "image":
            stack[-1].append(Text(token.content))
    return root


def prose_texts(page: ProsePage):
    """Every RichText of a prose part, its notes and footnotes (for index marks and cross-references)."""
    yield from (b.text for b in page.blocks if isinstance(b, (Prose, ProseHeading)))
    yield from (item for b in page.blocks if isinstance(b, ItemList) for item in b.items)
    yield from (f.text for f in page.footnotes)
    for note in page.notes:
        for block in note.body:
            yield from ([block.text] if isinstance(block, Prose) else block.items)

