"""The language's typography applied to an edition's text: quotation marks, apostrophes, dashes, French spaces."""
from __future__ import annotations

import re

from ..model import Document, ItemList, Prose, RichText, Text
from .catalogue import Typography, catalogue

_OPENS_AFTER = "([{—–-/«“‘„\u00a0\u202f"  # a straight quotation mark after these (or a space) opens a quotation
_CLOSES_SPACED = ")]}»”’…\"'"  # what may stand before a spaced sign, besides letters and digits
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s\"]*[^\s\"'.,;:!?)\]]|[^\s@\"'()]+@[^\s@\"']+\.\w+",
                  re.IGNORECASE)  # left as written (a quotation mark or full stop after one is not its own)


def apply(text: str, rules: Typography, before: str = "", after: str = "") -> str:
    """`text` with the language's quotation marks, apostrophes and spaces, and `--`/`---` as en and em dashes;
    `before`/`after` are the text around it. URLs and e-mail addresses are left as they are."""
    if not text or ('"' not in text and "'" not in text and "--" not in text
                    and not rules.quote_space and not rules.space_before):
        return text
    url = _URL.search(text)
    if url is not None:
        head, tail = text[:url.start()], text[url.end():]
        return apply(head, rules, before, url.group()) + url.group() + apply(tail, rules, url.group(), after)
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    s = before[-1:] + text + after[:1]
    lead = len(before[-1:])
    opens = {i: i == 0 or s[i - 1].isspace() or s[i - 1] in _OPENS_AFTER for i, c in enumerate(s) if c in "\"'"}
    if not rules.quote_space and not rules.space_before:  # only the quotation marks change (_char leaves the rest)
        out = list(text)
        for i in opens:
            if lead <= i < lead + len(text):
                out[i - lead] = _char(s, i, opens, rules)
        return "".join(out)
    out = []
    for i in range(lead, lead + len(text)):
        out.append(_char(s, i, opens, rules))
    return "".join(out)


def _char(s: str, i: int, opens: dict, r: Typography) -> str:
    c, prev, nxt = s[i], s[i - 1] if i else "", s[i + 1] if i + 1 < len(s) else ""
    qs = r.quote_space
    if c == "'":  # an opening single quote after a space or bracket (not before a digit: '90s), else closing or apostrophe
        return r.single[0] if opens[i] and not nxt.isdigit() else r.single[1]
    if c == '"':
        c = r.quotes[0] if opens[i] else r.quotes[1]
    if c == "«" or (c == r.quotes[0] and qs and s[i] == '"'):
        return c + (qs if qs and nxt and not nxt.isspace() else "")
    if c == "»" or (c == r.quotes[1] and qs and s[i] == '"'):
        return (qs if qs and prev and not prev.isspace() else "") + c
    if c in " \u00a0" and qs and (prev == "«" or (prev == '"' and opens.get(i - 1)) or nxt == "»"
                                  or (nxt == '"' and not opens.get(i + 1))):
        return qs
    if c == " " and r.space_before and nxt in r.spaced and _spaced_here(s, i + 1, r):
        return r.space_before
    if c in r.spaced and r.space_before and prev and not prev.isspace() and _spaced_here(s, i, r):
        return r.space_before + c
    return c


def _spaced_here(s: str, i: int, r: Typography) -> bool:
    """Whether the sign at `i` is punctuation closing a clause (not "10:30", "http://", "?!")."""
    before = s[i - 1] if i else ""
    while before in (" ", "\u00a0") and i > 1:  # look past the space being replaced
        i -= 1
        before = s[i - 1]
    after = s[i + 1] if i + 1 < len(s) else ""
    if not before or before in r.spaced or not (before.isalnum() or before in _CLOSES_SPACED):
        return False
    return not after or after.isspace() or after in r.spaced or after in "»\"”)]"


def _rich(rich: RichText, rules: Typography) -> None:
    """Apply the rules across a rich text's nodes, each seeing its neighbours' letters (a quotation may span markup)."""
    texts = [node for node in _walk(rich.nodes)]
    for index, node in enumerate(texts):
        before = texts[index - 1].text if index else ""
        after = texts[index + 1].text if index + 1 < len(texts) else ""
        node.new = apply(node.text, rules, before, after)
    for node in texts:
        node.text = node.__dict__.pop("new")


def _walk(nodes: list):
    for node in nodes:
        if isinstance(node, Text):
            yield node
        else:  # bold, italic, index marks, and a link's words (its address is not touched)
            yield from _walk(getattr(node, "children", None) or [])


def typeset(edition) -> None:
    """Give every text of `edition` its language's quotation marks and spacing (note phrases too, so they still match)."""
    rules = catalogue(edition.language).typography
    for document in edition.documents:
        _document(document, rules)
    for page in getattr(edition, "prose_pages", []):
        _prose(page, rules)
    for term in getattr(edition, "index_terms", []):
        _term(term, rules)
    sheet = edition.cheatsheet
    if sheet is not None:
        sheet.title, sheet.subtitle = apply(sheet.title, rules), apply(sheet.subtitle, rules)
        for block in sheet.blocks:
            block.title, block.source = apply(block.title, rules), apply(block.source, rules)
            stack = list(block.items)
            while stack:
                item = stack.pop()
                item.title = apply(item.title, rules)
                _rich(item.text, rules)
                stack.extend(item.items)


def _document(document: Document, rules: Typography) -> None:
    # a phrase is set with the letters around it in its text, so that a quotation mark it starts or ends
    # with opens or closes as it does there (a phrase may begin with a closing mark)
    phrases = [(note, _context(document, note)) for note in document.notes if note.phrase]
    document.title, document.subtitle = apply(document.title, rules), apply(document.subtitle, rules)
    if document.title_text is not None:
        _rich(document.title_text, rules)
    for section in document.sections:
        for block in [section, *section.body]:
            if hasattr(block, "blocks"):
                for rich in block.blocks:
                    _rich(rich, rules)
                for item in block.items:
                    _rich(item.text, rules)
                continue
            block.title = apply(block.title, rules)
            if block.title_text is not None:  # a title with footnote references prints from this
                _rich(block.title_text, rules)
    _footnotes_and_notes(document.footnotes, document.notes, phrases, rules)


def _prose(page, rules: Typography) -> None:
    """A prose part (a letter, background): its title, headings, paragraphs, lists, footnotes and notes."""
    texts = page.paragraphs()
    phrases = [(note, _around(texts[note.attach.paragraph - 1].plain, note.phrase)) for note in page.notes
               if note.phrase and 0 < note.attach.paragraph <= len(texts)]
    page.title = apply(page.title, rules)
    for block in page.blocks:
        for rich in block.items if isinstance(block, ItemList) else [block.text]:
            _rich(rich, rules)
    _footnotes_and_notes(page.footnotes, page.notes, phrases, rules)


def _footnotes_and_notes(footnotes: list, notes: list, phrases: list, rules: Typography) -> None:
    """A part's footnotes and notes; each note's phrase with the letters around it in its text, so it still matches."""
    for footnote in footnotes:
        _rich(footnote.text, rules)
    for note, (before, after) in phrases:
        note.phrase = apply(note.phrase, rules, before, after)
    for note in notes:
        note.tag = apply(note.tag, rules)
        for block in note.body:
            for rich in [block.text] if isinstance(block, Prose) else block.items:
                _rich(rich, rules)


def _context(document: Document, note) -> tuple[str, str]:
    """The characters just before and after a note's phrase in the text it is attached to."""
    from ..sources.notes import attachment_text
    return _around(attachment_text(document, note.attach), note.phrase)


def _around(text: str, phrase: str) -> tuple[str, str]:
    at = text.find(phrase)
    if at < 0:
        return "", ""
    return text[at - 1:at] if at else "", text[at + len(phrase):at + len(phrase) + 1]


def _term(term, rules: Typography) -> None:
    """An index term, its readings and cross-references, set as the text they are found in is set."""
    term.term = apply(term.term, rules)
    term.aliases = [apply(alias, rules) for alias in term.aliases]
    term.see_also = [apply(other, rules) for other in term.see_also]
    for sub in term.subentries:
        _term(sub, rules)
