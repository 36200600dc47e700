"""Split a guide in the seed's text shape (plain text or Markdown) into classified elements, line by line.

Each line is one of: a section heading (`IV. Title`), a numbered paragraph (`12. Text`), a list
item (`- (a) Text`), a note header (`24 Did you know that...`), a footnote (`¹ Text` or
`[^1]: Text`), a bullet (`- Text`) or plain text. Lines that continue the line above without a
blank line between (hard-wrapped text) are joined to it. A repeated UN header block (a page
extracted twice) is recognised and skipped as a whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .inline import SUPERSCRIPTS

KINDS = (
    ("did-you-know", r"did you know(?: that)?"),
    ("think-about", r"something to think about"),
    ("interesting-facts", r"interesting facts?"),
)
_KIND_WORDS = "|".join(f"(?P<k{i}>{words})" for i, (_, words) in enumerate(KINDS))
# the label: 24, III, b) (also written 24., (b)); the kind words may end in "...", "…", ":", "?" or "!"
NOTE = re.compile(r"^(?P<label>\d{1,3}|[IVXLC]{1,6}|[a-z]\)|\([a-z]\))\.?\s+(?:" + _KIND_WORDS +
                  r")\s*(?:\.\.\.|…|:|\?|!|\.)*\s*(?P<rest>.*)$", re.I)
# a printed page's furniture that extraction keeps: the UN job number and page (13-38959 3/19), the barcode
# (*1338959*), the symbol as a running head (A/67/929 S/2013/399)
FURNITURE = re.compile(r"^(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{1,3}/\d{1,3})?|\d{1,3}/\d{1,3}\s+\d{2}-\d{5}"
                       r"(?:\s*\([A-Z]\))?|\*\d{7}\*|(?:[AES]|[A-Z]{2,6})(?:/[A-Z0-9.]+){2,}"
                       r"(?:\s*[–-]?\s*[A-Z]{1,6}(?:/[A-Z0-9.]+){2,})?)$")
SECTION = re.compile(r"^(?P<number>[IVXLC]{1,6})\.\s+(?P<title>\S.*)$")
PARAGRAPH = re.compile(r"^(?P<number>\d{1,4})\\?\.\s+(?P<text>\S.*)$")
ITEM = re.compile(r"^(?:[-*+•]\s*)?\((?P<label>[a-z])\)\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^[-*+•]\s+(?P<text>\S.*)$")
FOOTNOTE = re.compile(f"^(?:(?P<sup>[{SUPERSCRIPTS}]+)|\\[\\^(?P<md>\\d+)\\]:|<sup>\\s*(?P<html>\\d+)\\s*</sup>)"
                      f"\\s*(?P<text>\\S.*)$", re.I)
DISTRIBUTION = re.compile(r"^distr(?:ibution)?\.?\s*:", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_WRAPPING_BOLD = re.compile(r"^\*\*(.+?)\*\*(.*)$")


@dataclass
class Element:
    kind: str  # section | paragraph | item | note | footnote | bullet | text | page-header | page-furniture
    line: int
    text: str = ""
    number: str = ""  # section numeral, paragraph or footnote number, note label, item label
    note_kind: str = ""
    blank_before: bool = True
    markdown_heading: bool = False
    last_line: int = 0
    quoted: bool = False  # inside a Markdown block quote (`> …`): a note's body in the Markdown form
    raw: str = ""  # the line as written, markers such as `12.` or `- (a)` kept (a quoted note prints it so)


def quoted(line: str) -> bool:
    return bool(_MD_QUOTE.match(line.strip()))


def clean(line: str) -> tuple[str, bool]:
    """The line without Markdown's block markers (`#`, `>`); whether it was a Markdown heading."""
    stripped = _MD_QUOTE.sub("", line.strip())
    heading = bool(_MD_HEADING.match(stripped))
    return _MD_HEADING.sub("", stripped).strip(), heading


def classify(text: str, line: int, blank_before: bool, heading: bool) -> Element:
    bare = text
    wrapped = _WRAPPING_BOLD.match(text)  # `**24 Did you know that...**` in Markdown
    if wrapped and NOTE.match(wrapped.group(1)):
        bare = wrapped.group(1) + wrapped.group(2)
    match = NOTE.match(bare)
    if match:
        kind = next(KINDS[i][0] for i in range(len(KINDS)) if match.group(f"k{i}"))
        label = match.group("label")
        label = label[1:] if label.startswith("(") else label  # (b) is b)
        return Element("note", line, match.group("rest").strip(), label, kind, blank_before)
    if FURNITURE.match(text):
        return Element("page-furniture", line, text, blank_before=blank_before)
    for kind, pattern, key in (("section", SECTION, "title"), ("paragraph", PARAGRAPH, "text"),
                               ("item", ITEM, "text"), ("footnote", FOOTNOTE, "text"), ("bullet", BULLET, "text")):
        match = pattern.match(text)
        if match:
            number = next((v for k, v in match.groupdict().items() if k != key and v), "")
            if kind == "footnote" and match.group("sup"):
                number = str(int("".join(str(SUPERSCRIPTS.index(c)) for c in match.group("sup"))))
            return Element(kind, line, match.group(key).strip(), number, blank_before=blank_before,
                           markdown_heading=heading)
    return Element("text", line, text, blank_before=blank_before, markdown_heading=heading)


def split_front(lines: list[str]) -> int:
    """Index of the first line of the body: the first section heading or numbered paragraph."""
    for i, raw in enumerate(lines):
        text, _ = clean(raw)
        if SECTION.match(text) or PARAGRAPH.match(text):
            return i
    return len(lines)


def lex_body(lines: list[str], first: int) -> list[Element]:
    """Elements of lines[first:], with 1-based line numbers; hard-wrapped lines joined."""
    elements: list[Element] = []
    blank = True
    i = first
    while i < len(lines):
        text, heading = clean(lines[i])
        if not text:
            blank = True
            i += 1
            continue
        if _repeats_header(lines, i):
            end = _header_end(lines, i)
            elements.append(Element("page-header", i + 1, last_line=end))
            i, blank = end, True
            continue
        element = classify(text, i + 1, blank, heading)
        element.quoted, element.raw = quoted(lines[i]), text
        previous = elements[-1] if elements else None
        if (element.kind == "text" and not blank and not heading and previous is not None
                and previous.kind in ("paragraph", "item", "text", "footnote", "bullet")
                and previous.quoted == element.quoted):
            previous.text = f"{previous.text} {text}"  # a hard-wrapped line
            previous.raw = f"{previous.raw} {text}"
            previous.last_line = i + 1
        else:
            element.last_line = i + 1
            elements.append(element)
        blank = False
        i += 1
    return elements


def _repeats_header(lines: list[str], i: int) -> bool:
    """Line i starts a UN header block (organs line followed by a `Distr.:` line)."""
    for j in range(i + 1, min(i + 4, len(lines))):
        text, _ = clean(lines[j])
        if text:
            return bool(DISTRIBUTION.match(text))
    return False


def _header_end(lines: list[str], i: int) -> int:
    """The first line after a header block: the next section heading or numbered paragraph, note or footnote."""
    for j in range(i + 1, len(lines)):
        text, _ = clean(lines[j])
        element = classify(text, j + 1, True, False) if text else None
        if element and element.kind in ("section", "paragraph", "note", "footnote"):
            return j
    return len(lines)
