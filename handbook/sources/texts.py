"""Reading inline text from YAML scalars, with errors pointing at the exact file:line:col."""
from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from ..errors import Position, Report
from ..model import FootnoteRef, Link, RichText, Text, walk_inline
from .inline import InlineError, parse_inline
from .yamlfile import Source


class TextReader:
    """Shared by the per-file readers: the edition folder, the report, and inline parsing."""

    def __init__(self, folder: Path, report: Report):
        self.folder = folder
        self.report = report

    def source(self, name: str) -> Source:
        return Source(self.folder / name, self.report)

    def bounded(self, src: Source, node: Node, what: str, limit: int, holder: str, hint: str) -> str:
        """A one-line text of at most `limit` characters (a longer one is an error, and cut)."""
        value = src.string(node, what) or ""
        if len(value) > limit:
            src.error(node, f"{what} is {len(value):,} characters long; {holder} at most {limit}", hint)
            return value[:limit]
        return value

    def load(self, name: str) -> tuple[Source, Node | None]:
        """A file of the edition and its composed root (None, with the error reported, if it cannot be read)."""
        src = self.source(name)
        return src, src.load()

    def text(self, src: Source, node: Node, what: str) -> RichText:
        """Parse inline markup of a scalar, pointing errors at the line where the bad markup is."""
        value = src.string(node, what)
        if value is None:
            return RichText([], src.at(node))
        value = " ".join(value.split()) if node.style in (">", "|") else value
        if not value.strip():  # a footnote, list item or cheat-sheet item printed as a bare number or label
            src.error(node, f"{what} is empty", "write its text, or delete it")
        return self._parse(src, node, value, value, 0, what)

    def text_chunk(self, src: Source, node: Node, chunk: str, offset: int, what: str,
                   raw: str | None = None) -> RichText:
        """Parse one piece of a scalar that starts at `offset` in its value (a paragraph block, a list line).

        `raw`: the value from `offset` on as written, when `chunk` has its white space folded, so that
        an error finds its own line."""
        return self._parse(src, node, chunk, node.value, offset, what, raw)

    def _parse(self, src: Source, node: Node, text: str, whole: str, offset: int, what: str,
               raw: str | None = None) -> RichText:
        """Inline markup of `text`; an error points into `whole` (the scalar as read) at `offset` onwards."""
        try:
            rich = parse_inline(text, src.at(node))
        except InlineError as exc:
            at = offset + (_unfolded(raw, exc.offset) if raw is not None else exc.offset)
            self.report.error(markup_position(src, node, whole, at), f"{what}: {exc}", exc.hint)
            rich = salvage(text, src.at(node))
        locate_footnote_refs(src, node, rich)
        return rich


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
    for index, piece in enumerate(re.split(r"\[\^([0-9]+)\]", text)):
        if index % 2:
            nodes.append(FootnoteRef(int(piece)))
        elif piece:
            nodes.append(Text(piece))
    return RichText(nodes, at)


def locate_footnote_refs(src: Source, node: Node, rich: RichText) -> None:
    """Point each footnote reference at its own `[^N]`, and each link at its target, in the file."""
    mark = node.start_mark
    buffer = getattr(mark, "buffer", None)
    cursors = {FootnoteRef: mark.index, Link: mark.index}
    for ref in walk_inline(rich.nodes):
        kind = type(ref)
        if kind not in cursors:
            continue
        ref.position = src.at(node)
        if buffer:
            written = f"[^{ref.number}]" if kind is FootnoteRef else f"({ref.url}"
            where = buffer.find(written, cursors[kind], node.end_mark.index)
            if where != -1:
                where += 0 if kind is FootnoteRef else 1  # a link: its target, after the "("
                line = buffer.count("\n", 0, where) + 1
                ref.position = Position(src.name, line, where - (buffer.rfind("\n", 0, where) + 1) + 1)
                cursors[kind] = where + 1


def _unfolded(raw: str, folded: int) -> int:
    """Where character `folded` of `" ".join(raw.split())` stands in `raw`."""
    seen, space = -1, True  # leading white space folds to nothing
    for index, ch in enumerate(raw):
        if ch.isspace():
            if not space:
                seen, space = seen + 1, True
            continue
        seen, space = seen + 1, False
        if seen >= folded:
            return index
    return len(raw)


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
