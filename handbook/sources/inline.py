"""Parse the light inline markup of source text into inline nodes (no regex-to-markup shortcuts)."""
from __future__ import annotations

import re

from ..errors import Position
from ..model import Emphasis, FootnoteRef, IndexMark, Link, RichText, Strong, Text, plain_text, walk_inline

ESCAPABLE = frozenset("\\*[]()_`|^{}#!")
_UNDERSCORE_BOLD = re.compile(r"__(?=[^\W_])[^\n]*?(?<=[^\W_])__")
_NAMES = {"**": "bold '**'", "*": "italic '*'", "]": "'['", "]]": "index mark '[['"}


DIGITS_HINT = "write the number with the digits 0-9"  # not ¹, ١ or other digit forms

_PLAIN_RUN = re.compile(r"[^\\*_\[\]|]+")  # characters that can neither open nor close any markup


class InlineError(ValueError):
    """Bad inline markup; `offset` is the character index in the source string."""

    def __init__(self, message: str, offset: int, hint: str = ""):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


def parse_inline(source: str, position: Position | None = None) -> RichText:
    """Parse `source` into a RichText; raises InlineError on unclosed or unknown markup."""
    parser = _Parser(source)
    nodes, _ = parser.parse_until((), 0)
    return RichText(nodes, position or Position("<text>"))


class _Parser:
    def __init__(self, source: str):
        self.src = source
        self.i = 0

    def parse_until(self, closers: tuple, opened_at: int) -> tuple[list, str]:
        """Parse nodes until one of `closers` (consumed, and returned) or the end of input."""
        nodes: list = []
        buf: list[str] = []
        src = self.src

        def flush():
            if buf:
                nodes.append(Text("".join(buf)))
                buf.clear()

        while self.i < len(src):
            plain = _PLAIN_RUN.match(src, self.i)
            if plain:  # most text is ordinary characters: take a whole run at once
                buf.append(plain.group())
                self.i = plain.end()
                continue
            for closer in closers:
                # `*` closes italic unless it begins a `**`; in `***` it closes italic first
                if src.startswith(closer, self.i) and not (
                        closer == "*" and src.startswith("**", self.i) and not src.startswith("***", self.i)):
                    self.i += len(closer)
                    flush()
                    return nodes, closer
            c = src[self.i]
            if c == "\\" and src[self.i + 1:self.i + 2] in ESCAPABLE and self.i + 1 < len(src):
                buf.append(src[self.i + 1])
                self.i += 2
            elif c == "*" and not self._opens(self.i):
                # a `*` or `**` followed by a space opens nothing: `5 * 3` prints as written
                rest = src[self.i:]
                run = len(rest) - len(rest.lstrip("*"))
                buf.append(src[self.i:self.i + run])
                self.i += run
            elif src.startswith("**", self.i):
                flush()
                start, self.i = self.i, self.i + 2
                nodes.append(Strong(self.parse_until(("**",), start)[0]))
            elif c == "*":
                flush()
                start, self.i = self.i, self.i + 1
                nodes.append(Emphasis(self.parse_until(("*",), start)[0]))
            elif src.startswith("__", self.i) and self._underscore_pair(self.i):
                raise InlineError("unknown markup '__'", self.i,
                                  "bold is **words**, italic *words*; write \\_\\_ for literal underscores")
            elif c == "[":
                flush()
                nodes.append(self.parse_bracket())
            elif c == "]":
                raise InlineError("unmatched ']'", self.i, "write \\] for a literal bracket")
            else:
                buf.append(c)
                self.i += 1
        if closers:
            main = closers[-1]
            hint = (f"close it with {main!r}, or write {chr(92)}* for a literal asterisk" if main in ("**", "*")
                    else "close it with ']]'" if main == "]]" else "")
            raise InlineError(f"unclosed {_NAMES.get(main, main)}", opened_at, hint)
        flush()
        return nodes, ""

    def _opens(self, i: int) -> bool:
        """Whether the run of asterisks at `i` can open bold or italic: it must touch a word."""
        j = i
        while j < len(self.src) and self.src[j] == "*":
            j += 1
        return j < len(self.src) and not self.src[j].isspace()

    def _underscore_pair(self, i: int) -> bool:
        """`__words__`, Markdown's other bold, which this format does not have."""
        return bool(_UNDERSCORE_BOLD.match(self.src, i))

    def parse_bracket(self):
        src, start = self.src, self.i
        if src.startswith("[^", start):
            end = src.find("]", start)
            label = src[start + 2:end] if end != -1 else ""
            if not (label.isascii() and label.isdigit()):
                raise InlineError("a footnote reference must look like [^3]", start,
                                  DIGITS_HINT if any(ch.isdigit() or ch.isnumeric() for ch in label) else "")
            self.i = end + 1
            return FootnoteRef(int(label))
        if src.startswith("[[", start):
            self.i = start + 2
            children, closer = self.parse_until(("|", "]]"), start)
            term = plain_text(children).strip()
            if closer == "|":
                if not plain_text(children).strip():  # it indexed a place that prints nothing
                    raise InlineError("index mark with no words to print", start,
                                      "write the words it marks before the '|': [[words|Index term]]")
                end = src.find("]]", self.i)
                if end == -1:
                    raise InlineError("unclosed index mark '[['", start)
                term = src[self.i:end].strip()
                self.i = end + 2
            if not term:
                raise InlineError("empty index mark", start)
            return IndexMark(term, children)
        self.i = start + 1
        children, _ = self.parse_until(("]",), start)
        if not src.startswith("(", self.i):
            raise InlineError("'[' starts a link, but no (url) follows the closing ']'", start,
                              "write [words](https://...) for a link, or \\[ for a literal bracket")
        end = _closing_paren(src, self.i)
        if end == -1:
            raise InlineError("unclosed link target '('", self.i)
        if any(isinstance(node, Link) for node in walk_inline(children)):
            raise InlineError("a link inside a link", start, "a link's words cannot hold another link; "
                              "give each link its own words")
        url = src[self.i + 1:end].strip()
        if not url or any(ch.isspace() for ch in url):
            raise InlineError(f"bad link target {url!r}", self.i, "a link target is a URL with no spaces")
        problem = link_problem(url)
        if problem:
            raise InlineError(problem[0], self.i + 1, problem[1])
        self.i = end + 1
        return Link(url, children)


def _closing_paren(src: str, i: int) -> int:
    """The ')' that closes the '(' at `i`, counting pairs inside the URL (Wikipedia's /wiki/Darfur_(region)
    once lost its ')' to the text); where the pairs do not balance before a space, the first ')', or -1."""
    depth = 0
    for j in range(i, len(src)):
        if src[j].isspace():
            break
        depth += (src[j] == "(") - (src[j] == ")")
        if depth == 0:
            return j
    return src.find(")", i)


LINK_SCHEMES = ("http", "https", "mailto")


def link_problem(url: str) -> tuple[str, str] | None:
    """Why a link target may not be printed as a link: (message, hint), or None.

    Only web and e-mail links (and the document's own #anchors) are safe to hand a reader: a
    javascript:, file: or data: link in a handout would run or open something on the reader's machine.
    """
    if url.startswith("#"):
        return None
    scheme, colon, rest = url.partition(":")
    if not colon or not scheme.replace("+", "").replace("-", "").replace(".", "").isalnum():
        hint = f"write https://{url}" if "." in url.split("/")[0] else "links are https://…, mailto:… or #anchor"
        return f"link target {url!r} has no scheme", hint
    if scheme.lower() not in LINK_SCHEMES:
        return (f"link scheme {scheme.lower() + ':'!r} is not allowed",
                "links may be http:, https:, mailto: or the document's own #anchors")
    if scheme.lower() in ("http", "https") and not rest.startswith("//"):
        return f"link target {url!r} is not a web address", f"write {scheme.lower()}://…"
    return None
