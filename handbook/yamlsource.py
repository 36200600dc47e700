"""Safe, strict YAML loading that keeps every value's file:line, shared by sources and styles."""
from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Diagnostic, HandbookError, Position, Report, relative

MAX_SOURCE_BYTES = 2 * 1024 * 1024  # far above any real study guide; refuses runaway files
MAX_NODES = 200_000
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class _StrictComposer(yaml.SafeLoader):
    """A SafeLoader whose composer refuses aliases (no alias bombs) and caps the node count."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "YAML aliases (*name) are not supported in handbook sources",
                                       event.start_mark)
        self._count = getattr(self, "_count", 0) + 1
        if self._count > MAX_NODES:
            raise yaml.MarkedYAMLError(None, None, f"too many YAML nodes (more than {MAX_NODES})",
                                       self.peek_event().start_mark)
        return super().compose_node(parent, index)


def position(path: str, node: Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


class Source:
    """One YAML file, composed into nodes; typed accessors record errors in a shared Report."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.name = relative(path)
        self.report = report
        self.root: Node | None = None

    def load(self) -> Node | None:
        """Read and compose the file; on failure record one error and return None."""
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
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            self.report.error(Position(self.name, line, col), "file is not valid UTF-8",
                              "save the file with UTF-8 encoding")
            return None
        if not text.strip():
            self.report.error(Position(self.name, 1, 1), "file is empty")
            return None
        try:
            loader = _StrictComposer(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = exc.problem or exc.context or "invalid YAML"
            hint = ""
            if "\t" in text and ("tab" in message or "found character '\\t'" in str(exc)):
                hint = "indent with spaces, not tabs"
            where = Position(self.name, mark.line + 1, mark.column + 1) if mark else Position(self.name)
            self.report.error(where, f"YAML syntax error: {message}", hint)
            return None
        except yaml.YAMLError as exc:
            self.report.error(Position(self.name), f"YAML error: {exc}")
            return None
        if root is None:
            self.report.error(Position(self.name, 1, 1), "file is empty")
            return None
        if not self._tags_ok(root):
            return None
        self.root = root
        return root

    def _tags_ok(self, root: Node) -> bool:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.tag not in _PLAIN_TAGS:
                self.report.error(self.at(node), f"YAML tag {node.tag!r} is not allowed",
                                  "sources are plain data; remove the tag")
                return False
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                for k, v in node.value:
                    stack.extend((k, v))
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
            self.error(node, f"{what} must be a mapping of keys to values, not {describe(node)}")
            return None
        allowed = list(required) + list(optional)
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.error(key_node, f"{what}: keys must be plain words")
                continue
            if key in found:
                self.error(key_node, f"{what}: key {key!r} appears twice")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "allowed keys: " + ", ".join(allowed)
                self.error(key_node, f"{what}: unknown key {key!r}", hint)
                continue
            found[key] = value_node
        for key in required:
            if key not in found:
                self.error(node, f"{what}: missing required key {key!r}")
        return found

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {describe(node)}")
            return []
        return list(node.value)

    def string(self, node: Node, what: str, allow_numbers: bool = True) -> str | None:
        if isinstance(node, ScalarNode) and node.tag in ("tag:yaml.org,2002:str",) :
            return node.value
        if allow_numbers and isinstance(node, ScalarNode) and node.tag in (
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"):
            return node.value
        self.error(node, f"{what} must be text, not {describe(node)}")
        return None

    def integer(self, node: Node, what: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            try:
                return int(node.value, 0) if not node.value.isdigit() else int(node.value)
            except ValueError:
                pass
        self.error(node, f"{what} must be a whole number, not {describe(node)}")
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
