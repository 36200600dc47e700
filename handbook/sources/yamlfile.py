"""Safe, strict YAML loading that keeps every value's file:line, shared by sources and styles."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Diagnostic, HandbookError, Position, Report, relative
from .yamlhints import _ODD_SPACES, _odd_space, _syntax_hint

MAX_SOURCE_BYTES = 8 * 1024 * 1024  # a report twenty times the default guide is 1.3 MB; refuses runaway files
MAX_NODES = 50_000  # a real source has a few hundred
MAX_DEPTH = 64  # nesting levels; real sources use fewer than ten
# what a value may not hold once YAML has decoded its escapes: the characters the YAML reader refuses in the
# raw text (C0 and C1 controls, DEL, surrogates, U+FFFE/U+FFFF), and the line breaks NEL, LS and PS
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that handbook sources do not accept (aliases, runaway size or nesting)."""

    def __init__(self, problem: str, mark, hint: str = ""):
        super().__init__(None, None, problem, mark)
        self.hint = hint


class _StrictComposer(yaml.SafeLoader):
    """A SafeLoader whose composer refuses aliases (no alias bombs) and caps node count and depth.

    Anchors alone are harmless; the first alias is refused before anything is expanded, so
    an alias bomb costs no more than reading its few lines.
    """

    _count = 0
    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not allowed in handbook sources", self.peek_event().start_mark,
                           "write the value out in full")
        self._count += 1
        if self._count > MAX_NODES:
            raise _Refused(f"too many values (more than {MAX_NODES:,})", self.peek_event().start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _fast_compose(text: str) -> Node | None:
    """Compose with libyaml when it is there (about ten times faster), under the same limits.

    Returns None when the text has anything to report (a syntax error, an alias, too many or too
    deeply nested values): the pure-Python composer then finds the same problem and says where.
    """
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    try:
        count = depth = 0
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent):
                return None
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                count += 1
                if count > MAX_NODES:
                    return None
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        root = yaml.compose(text, Loader=loader_class)
    except (yaml.YAMLError, ValueError):
        return None
    if root is None:
        return None
    # libyaml's marks carry no text (and cannot be given it): swap in marks that quote from the buffer
    for node in all_nodes(root):
        for attr in ("start_mark", "end_mark"):
            mark = getattr(node, attr)
            setattr(node, attr, yaml.Mark(mark.name, mark.index, mark.line, mark.column, text, mark.index))
    return root


def all_nodes(root: Node):
    """Every node under `root` (keys, values and items), depth first."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def position(path: str, node: Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


composed = None  # a warm process (watch.py) keeps nodes by file text: made(text, make); they are never changed


class Source:
    """One YAML file, composed into nodes; typed accessors record errors in a shared Report."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.name = relative(path)
        self.report = report
        self.root: Node | None = None

    def load(self) -> Node | None:
        """Read and compose the file; on failure record one error and return None."""
        text = self._read_text()
        if text is None:
            return None
        root = _fast_compose(text) if composed is None else composed.made(text, _fast_compose)
        if root is None:  # the C loader found something wrong: this one says what, and where
            root = self._compose_strictly(text)
            if root is None:
                return None
        if not self._tags_ok(root):
            return None
        self.root = root
        return root

    def _read_text(self) -> str | None:
        """The file's text, within the size limit and decoded; or None with an error recorded."""
        at = Position(self.name)
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            self.report.error(at, "file not found")
            return None
        except OSError as exc:
            self.report.error(at, f"cannot read file: {exc.strerror}")
            return None
        if size > MAX_SOURCE_BYTES:
            self.report.error(at, f"file is {size:,} bytes; sources are limited to {MAX_SOURCE_BYTES:,} bytes")
            return None
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            self.report.error(at, f"cannot read file: {exc.strerror}")
            return None
        text = self._decode(raw)
        if text is not None and not text.strip():
            self.report.error(Position(self.name, 1, 1), "file is empty")
            return None
        return text

    def _compose_strictly(self, text: str) -> Node | None:
        """Compose with the pure-Python loader, turning its exceptions into one positioned error."""
        try:
            loader = _StrictComposer(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
        except _Refused as exc:
            self.report.error(self._mark(exc.problem_mark), exc.problem, exc.hint)
            return None
        except yaml.MarkedYAMLError as exc:
            self._syntax_error(text, exc)
            return None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            char = exc.character if isinstance(exc.character, str) else chr(exc.character)
            self.report.error(Position(self.name, line, col), f"invalid character U+{ord(char):04X} in the text",
                              "delete it: control characters cannot appear in sources")
            return None
        except yaml.YAMLError as exc:
            self.report.error(Position(self.name), "YAML error: " + " ".join(str(exc).split()))
            return None
        if root is None:
            self.report.error(Position(self.name, 1, 1), "file is empty", "it holds only comments")
        return root

    def _syntax_error(self, text: str, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        odd = _odd_space(text, mark)
        if odd is not None:  # invisible, and not a space to YAML: by far the likeliest cause
            line, column, char = odd
            self.report.error(Position(self.name, line, column),
                              f"a {_ODD_SPACES[char]} (U+{ord(char):04X}) where YAML needs an ordinary space",
                              "often pasted from Word or a web page; type an ordinary space instead")
            return
        hint = _syntax_hint(text, mark, message)
        opened = exc.context_mark if exc.context and "flow" in exc.context else None
        if opened is not None and not hint:
            bracket = "]" if "sequence" in exc.context else "}"
            hint = f"the {text[opened.index]!r} at line {opened.line + 1} is never closed with {bracket!r}"
        self.report.error(self._mark(mark), f"YAML syntax error: {message}", hint)

    def _decode(self, raw: bytes) -> str | None:
        """The file's text; an encoding problem is one error pointing at the first bad byte."""
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.report.error(Position(self.name, 1, 1), "file is UTF-16, not UTF-8",
                              "save it again choosing the UTF-8 encoding")
            return None
        if raw.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")):
            self.report.error(Position(self.name, 1, 1), "file is a PDF, Word or other binary document, not YAML text",
                              "sources are plain-text .yaml files; copy the text into one")
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
            self.report.error(Position(self.name, line, col), f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                              "save the file with UTF-8 encoding")
            return None

    def _mark(self, mark) -> Position:
        return Position(self.name, mark.line + 1, mark.column + 1) if mark else Position(self.name)

    def _tags_ok(self, root: Node) -> bool:
        for node in all_nodes(root):
            if node.tag not in _PLAIN_TAGS:
                self.report.error(self.at(node), f"YAML tag {node.tag!r} is not allowed",
                                  "sources are plain data; remove the tag")
                return False
            bad = _UNPRINTABLE.search(node.value) if isinstance(node, ScalarNode) else None
            if bad:  # written as an escape ("\0", "\x07", "\uD800") the YAML reader's own check never sees it
                self.report.error(self.at(node), f"invalid character U+{ord(bad.group()):04X} in the text",
                                  "delete it, or its escape such as \\0 or \\x07: control characters "
                                  "cannot appear in sources")
                return False
        return True

    # ---- typed access ------------------------------------------------------------------

    def at(self, node: Node) -> Position:
        return position(self.name, node)

    def error(self, node: Node, message: str, hint: str = "") -> None:
        self.report.error(self.at(node), message, hint)

    def warning(self, node: Node, message: str, hint: str = "") -> None:
        self.report.warning(self.at(node), message, hint)

    def mapping(self, node: Node, what: str, required=(), optional=()) -> dict[str, Node] | None:
        """The keys of a mapping; unknown keys and missing required keys are errors."""
        if not isinstance(node, MappingNode):
            hint = ""
            if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str" and ":" in node.value:
                hint = "put a space after each ':'"
            self.error(node, f"{what} must be a mapping of keys to values, not {describe(node)}", hint)
            return None
        allowed = list(required) + list(optional)
        found: dict[str, Node] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or not isinstance(key_node, ScalarNode) or not key:
                self.error(key_node, f"{what}: keys must be plain words, not {describe(key_node)}")
                continue
            if key in found:
                self.error(key_node, f"{what}: key {key!r} appears twice")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
                if close and close[0] not in found:
                    suggested.add(close[0])
                hint = f"did you mean {close[0]!r}?" if close else "allowed keys: " + ", ".join(allowed)
                self.error(key_node, f"{what}: unknown key {key!r}", hint)
                continue
            found[key] = value_node
        for key in required:
            if key not in found and key not in suggested:  # a misspelt key was already reported
                self.error(node, f"{what}: missing required key {key!r}")
        return found

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {describe(node)}")
            return []
        return list(node.value)

    def string(self, node: Node, what: str, allow_numbers: bool = True) -> str | None:
        if isinstance(node, ScalarNode) and node.tag in ("tag:yaml.org,2002:str",):
            return node.value
        # plain words that YAML would read as a number, date or yes/no are text where text is wanted
        # (`original: No`, `date: 2025-03-01`), written exactly as they stand in the file
        if allow_numbers and isinstance(node, ScalarNode) and node.tag in (
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp",
                "tag:yaml.org,2002:bool"):
            return node.value
        self.error(node, f"{what} must be text, not {describe(node)}")
        return None

    def integer(self, node: Node, what: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:str"):
            value = node.value.strip()
            if value.isascii() and value.isdigit():  # 08 and "8" are 8, as a reader means them
                return int(value)
        hint = ""
        if isinstance(node, ScalarNode) and re.fullmatch(r"\s*\d+(?:_\d+)+\s*", node.value):
            # YAML reads 1_0 as 10: a slip that would print a number the author never wrote
            hint = f"write the digits alone, e.g. {node.value.strip().replace('_', '')}"
        elif isinstance(node, ScalarNode) and re.fullmatch(r"\s*\d+\s*\([a-z]\)\s*|\s*\d+[.)]\s*", node.value):
            hint = "write the number alone, e.g. 12"
        elif isinstance(node, ScalarNode) and any(ch.isnumeric() and not ch.isascii() for ch in node.value):
            hint = "write the number with the digits 0-9"
        self.error(node, f"{what} must be a whole number, not {describe(node)}", hint)
        return None

    def number(self, node: Node, what: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            try:
                return float(node.value)
            except ValueError:
                pass
        self.error(node, f"{what} must be a number, not {describe(node)}")
        return None

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        self.error(node, f"{what} must be true or false, not {describe(node)}")
        return None

    def strings(self, node: Node, what: str) -> list[str]:
        """A list of text, or a single text taken as a one-item list."""
        if isinstance(node, ScalarNode):
            value = self.string(node, what)
            return [value] if value is not None else []
        return [s for s in (self.string(n, what) for n in self.sequence(node, what)) if s is not None]


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null":
        return "empty"
    names = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "timestamp": "a date"}
    return f"{names.get(kind, kind)} {node.value!r}"


def fail_fast(report: Report) -> None:
    """Raise now if the report holds errors (used where later steps cannot go on)."""
    if report.errors:
        raise HandbookError(report.errors)


__all__ = ["Source", "Diagnostic", "position", "describe", "fail_fast"]
