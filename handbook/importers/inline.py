"""Markdown inline text (as the seed's text shape writes it) into the sources' inline markup, escaped."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_RUN = re.compile(f"(?<=\\S)[{SUPERSCRIPTS}]+")
_UNIT = re.compile(r"(?:^|[\s\d])[kcdμ]?m$")  # a length unit a superscript ² or ³ raises to a power
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use placeholders the Markdown parser leaves alone
_PLACEHOLDER = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_TO_ESCAPE = re.compile(r"([\\*\[\]_`|^{}])")
_MD = MarkdownIt("commonmark")


# Markdown's footnote reference, as the text shape's Markdown form writes it; `<sup>3</sup>`, as converters write
# it; `^3^`, Pandoc's superscript
_MD_REF = re.compile(r"\[\^(\d+)\]|<sup>\s*(\d+)\s*</sup>|(?<=\S)\^(\d+)\^", re.I)


def superscript_number(marks: str) -> int:
    if marks.isdigit() and marks.isascii():
        return int(marks)
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in marks))


class _Digits:
    """A `[^12]` reference dressed as a superscript match, so one function numbers both."""

    def __init__(self, digits: str):
        self.digits = digits

    def group(self, *_):
        return self.digits


def escape(text: str) -> str:
    """Plain text made safe for the sources' inline markup (every markup character printed as itself)."""
    return _TO_ESCAPE.sub(r"\\\1", text)


class Converted:
    """One converted run: the markup, its bold phrases (plain), footnote numbers and lost links."""

    def __init__(self, markup: str, bold: list, footnotes: list, lost_links: list):
        self.markup = markup
        self.bold = bold
        self.footnotes = footnotes
        self.lost_links = lost_links


def _mark_footnotes(text: str, footnotes: set | None, used: list) -> str:
    """`text` with each footnote marker (¹, [^1], <sup>1</sup>) replaced by a placeholder the Markdown parser
    leaves alone; the numbers go into `used`."""

    def marker(match: re.Match) -> str:
        number = superscript_number(match.group())
        if footnotes is not None and number not in footnotes:
            return match.group()
        if match.group()[0] in SUPERSCRIPTS and _UNIT.search(match.string, 0, match.start()):
            return match.group()  # km², m³: an exponent, not a footnote
        used.append(number)
        return f"{_MARK_OPEN}{number}{_MARK_CLOSE}"

    def reference(match: re.Match) -> str:
        out = marker(_Digits(match.group(1) or match.group(2) or match.group(3)))
        return out if out.startswith(_MARK_OPEN) else match.group()  # not a footnote here: printed as written

    return _MD_REF.sub(reference, _SUPER_RUN.sub(marker, text))


def footnote_markers(text: str) -> str:
    """Plain text (a title) with its footnote markers (¹, [^1], <sup>1</sup>, ^1^) written `[^N]`, the rest as is."""
    return _PLACEHOLDER.sub(lambda m: f"[^{m.group(1)}]", _mark_footnotes(text, None, []))


def convert(text: str, footnotes: set | None = None) -> Converted:
    """Convert one line of Markdown inline text; superscript digits become `[^N]` references
    when `footnotes` is None (any number) or holds N; other superscripts print as they stand."""
    used: list = []
    prepared = _mark_footnotes(text, footnotes, used)
    out: list[str] = []
    bold: list[str] = []
    lost: list[str] = []
    stack: list = []  # open strong spans collect their plain words; open links their target
    tokens = _MD.parseInline(prepared)[0].children or []
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "html_inline"):
            words = token.content
            out.append(escape(words) if kind != "code_inline" else escape(words))
            for frame in stack:
                frame[1].append(words)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
            for frame in stack:
                frame[1].append(" ")
        elif kind == "strong_open":
            out.append("**")
            stack.append(("strong", []))
        elif kind == "strong_close":
            out.append("**")
            frame = _pop(stack, "strong")
            if frame is not None:
                bold.append("".join(frame[1]).strip())
        elif kind == "em_open" or kind == "em_close":
            out.append("*")
        elif kind == "link_open":
            href = token.attrs.get("href", "")
            stack.append(("link", [], href, len(out)))
            out.append("")  # replaced by "[" when the link keeps a target
        elif kind == "link_close":
            frame = _pop(stack, "link")
            if frame is None:
                continue
            href = str(frame[2])
            if re.match(r"(https?|mailto):", href):
                out[frame[3]] = "["
                out.append(f"]({href})")
            else:
                lost.append("".join(frame[1]).strip())  # the words stay, as plain text
        elif kind == "image":
            out.append(escape(token.content))
    markup = _PLACEHOLDER.sub(lambda m: f"[^{m.group(1)}]", "".join(out))
    return Converted(" ".join(markup.split()), bold, used, lost)


def _pop(stack: list, kind: str):
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == kind:
            return stack.pop(i)
    return None


def strip_bold(markup: str, phrase: str) -> str:
    """Remove the bold markers around the first `**phrase**` (the phrase is highlighted as an anchor instead)."""
    target = f"**{escape(phrase)}**"
    return markup.replace(target, escape(phrase), 1) if target in markup else markup
