"""Word's paragraph XML into runs of text with their formatting, links, footnote references and comment ranges."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sources.inline import link_problem
from .inline import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFF = {"0", "false", "off", "none"}
ENDNOTE = 1_000_000  # endnotes' ids are offset by this to share the footnotes' numbering (the handbook has no endnotes)
_RECURSE = {"ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo", "dir", "bdo"}
_SKIP = {"del", "moveFrom", "pPr", "proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd"}


def local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(element, name: str, ns: str = W) -> str | None:
    return element.get(f"{{{ns}}}{name}")


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""
    footnote: int | None = None  # Word's footnote id, for a footnote reference
    raised: bool = False  # superscript Word raised that prints on the line ("st" of "1st"): reported


@dataclass
class WordParagraph:
    """One paragraph of the body, a footnote or a comment, read from its XML."""

    index: int  # its place in the body (1 = the first paragraph), printed as FILE:index
    style: str
    spans: list
    starts: dict = field(default_factory=dict)  # comment id -> offset in `plain` where its range starts
    ends: dict = field(default_factory=dict)
    num: tuple | None = None  # (numId, level) of Word's list numbering
    lost_links: list = field(default_factory=list)  # words of links whose target is inside the document

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.spans)


def read_spans(p, rels: dict) -> tuple[list, dict, dict, list]:
    """(spans, comment starts, comment ends, lost links) of a w:p element; `rels` maps rId -> URL."""
    spans: list[Span] = []
    starts: dict = {}
    ends: dict = {}
    lost: list = []
    length = [0]
    fields: list = []  # open complex fields (Word's older links): [instruction, showing its result, URL]

    def walk(element, url: str) -> None:
        for child in element:
            name = local(child)
            if name == "r":
                run(child, url)
            elif name == "hyperlink":
                rid = attr(child, "id", R)
                target = rels.get(rid, "") if rid else ""
                if target and link_problem(target):  # a file: or other unsafe link: a handout prints web links only
                    target = ""
                if not target:  # a link to a place inside the Word file: its words stay, the target cannot
                    before = len(spans)
                    walk(child, "")
                    words = "".join(s.text for s in spans[before:]).strip()
                    if words:
                        lost.append(words)
                else:
                    walk(child, target)
            elif name == "commentRangeStart":
                starts[attr(child, "id")] = length[0]
            elif name == "commentRangeEnd":
                ends[attr(child, "id")] = length[0]
            elif name in _RECURSE:
                walk(child, url)

    def run(r, url: str) -> None:
        props = r.find(f"{{{W}}}rPr")
        bold, italic = _flag(props, "b", "Strong"), _flag(props, "i", "Emphasis")
        align = props.find(f"{{{W}}}vertAlign") if props is not None else None
        raised = align is not None and attr(align, "val") == "superscript"
        for child in r:
            name = local(child)
            text = {"t": child.text or "", "tab": " ", "br": " ", "cr": " ", "noBreakHyphen": "-"}.get(name)
            if name in ("fldChar", "instrText"):
                _field(fields, child, lost, spans)
                continue
            if fields and fields[-1][1] and fields[-1][2] and not url:
                url = fields[-1][2]  # the words a HYPERLINK field shows
            if name in ("footnoteReference", "endnoteReference"):
                number = _id(attr(child, "id"))
                spans.append(Span("", footnote=number if name == "footnoteReference" else ENDNOTE + number))
            elif text:
                shown = _raised(text) if raised else text
                spans.append(Span(shown, bold, italic, url, raised=raised and shown == text and bool(text.strip())))
                length[0] += len(text)

    walk(p, "")
    return spans, starts, ends, lost


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _raised(text: str) -> str:
    """Typed superscript digits (not a footnote reference: "2020²", "km²") as the superscript characters they
    print as; other raised text ("1st") keeps its letters, which read the same on the line."""
    return text.translate(_SUPERSCRIPT) if text.strip().isdigit() and text.strip().isascii() else text


_HYPERLINK = re.compile(r'^\s*HYPERLINK\b(?P<switches>(?:\s+\\[a-z](?:\s+"[^"]*")?)*)\s+"(?P<url>[^"]+)"', re.I)


def _field(fields: list, child, lost: list, spans: list) -> None:
    """A complex field's parts (begin, instruction, separate, end): a HYPERLINK field's result is a link to
    its URL; one to a place inside the file (`\\l`) or to an unsafe target keeps its words, reported."""
    name, kind = local(child), attr(child, "fldCharType")
    if name == "instrText" and fields:
        fields[-1][0] += child.text or ""
    elif kind == "begin":
        fields.append(["", False, "", len(spans)])
    elif kind == "separate" and fields:
        match = _HYPERLINK.match(fields[-1][0])
        fields[-1][1] = True
        if match and "\\l" not in match.group("switches") and not link_problem(match.group("url")):
            fields[-1][2] = match.group("url")
        elif match:
            fields[-1][2] = ""
            fields[-1][3] = -1 - len(spans)  # its words, from here, are a lost link
    elif kind == "end" and fields:
        field = fields.pop()
        if field[3] < 0:
            words = "".join(s.text for s in spans[-1 - field[3]:]).strip()
            if words:
                lost.append(words)


def _id(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:  # a damaged id: the reference then names no note text, and the report says so
        return -1


def _flag(props, tag: str, char_style: str) -> bool:
    if props is None:
        return False
    element = props.find(f"{{{W}}}{tag}")
    if element is not None:
        return (attr(element, "val") or "true").lower() not in _OFF
    style = props.find(f"{{{W}}}rStyle")
    return style is not None and (attr(style, "val") or "") in (char_style, char_style.lower())


def to_markup(spans: list, footnotes: dict) -> str:
    """Spans into the sources' inline markup; `footnotes` maps Word's footnote ids to printed numbers."""
    out: list[str] = []
    group: list[Span] = []

    def flush():
        if not group:
            return
        text = "".join(s.text for s in group)
        head = text[:len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()):]
        core = escape(text.strip())
        first = group[0]
        if core:
            if first.italic:
                core = f"*{core}*"
            if first.bold:
                core = f"**{core}**"
            if first.url:
                core = f"[{core}]({first.url})"
        out.append(head + core + tail if core else text)
        group.clear()

    for span in spans:
        if span.footnote is not None:
            flush()
            if span.footnote in footnotes:
                out.append(f"[^{footnotes[span.footnote]}]")
            continue
        if group and (group[0].bold, group[0].italic, group[0].url) != (span.bold, span.italic, span.url):
            flush()
        group.append(span)
    flush()
    return re.sub(r"\s+", " ", "".join(out)).strip()
