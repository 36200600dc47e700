"""Typographic punctuation on the model's text: curly quotes and apostrophes, en and em dashes.

One function, `smarten`, decides every character; `apply` runs it over an edition (texts, titles,
headings, note phrases, index terms), carrying the character before each text across markup, so
that "**bold**" in quotes gets the right marks. Languages differ in their marks: QUOTES holds them
per language, and a language that sets its marks apart (French « guillemets » with thin spaces)
gets its own entry in SMARTENERS.
"""
from __future__ import annotations

import re

from ..model import Prose, RichText, Text

# opening double, closing double, opening single, closing single (also the apostrophe)
QUOTES = {"en": ("\u201c", "\u201d", "\u2018", "\u2019")}
_OPENERS = set(" \t\n\u00a0([{\u2014\u2013/\u201c\u2018-") | {""}
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


def smarten(text: str, language: str = "en", before: str = "") -> str:
    """`text` with straight quotes curled and -- / --- as en / em dashes; `before` is the character
    that precedes it (across markup). URLs and e-mail addresses are left as they are."""
    if '"' not in text and "'" not in text and "--" not in text:
        return text
    smartener = SMARTENERS.get(language.split("_")[0].split("-")[0], _english)
    out, cursor = [], 0
    for match in _URL.finditer(text):
        out.append(smartener(text[cursor:match.start()], before, language))
        out.append(match.group())
        before = match.group()[-1]
        cursor = match.end()
    out.append(smartener(text[cursor:], before, language))
    return "".join(out)


def _english(text: str, before: str, language: str) -> str:
    """The usual English rules: a quote after a space or an opening bracket opens, otherwise it closes;
    a single quote between letters, or before a digit ('90s), is an apostrophe."""
    open_double, close_double, open_single, close_single = QUOTES.get(language, QUOTES["en"])
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    out = []
    previous = before
    for i, ch in enumerate(text):
        if ch == '"':
            ch = open_double if previous in _OPENERS else close_double
        elif ch == "'":
            following = text[i + 1:i + 2]
            if previous in _OPENERS and not following.isdigit():
                ch = open_single
            else:
                ch = close_single
        out.append(ch)
        previous = ch
    return "".join(out)


# language -> function(text, character before, language): the hook for languages with other rules
SMARTENERS = {"en": _english}


def smarten_rich(rich: RichText, language: str = "en") -> None:
    """Curl the quotes of every text node of `rich`, in reading order, in place."""
    _nodes(rich.nodes, language, [""])


def _nodes(nodes: list, language: str, before: list) -> None:
    for node in nodes:
        if isinstance(node, Text):
            node.text = smarten(node.text, language, before[0])
            if node.text:
                before[0] = node.text[-1]
        elif getattr(node, "children", None):  # a link's words are text (its address is not)
            if isinstance(getattr(node, "term", None), str):  # an index mark names its term as the index does
                node.term = smarten(node.term, language)
            _nodes(node.children, language, before)
        elif hasattr(node, "number"):  # a footnote reference reads as a closing mark
            before[0] = "1"


def apply(edition, language: str = "en") -> None:
    """Typographic punctuation for every text of an edition that prints, in place."""
    from .notes import attachment_text
    for document in edition.documents:
        _notes_and_texts(document.notes, lambda a, d=document: attachment_text(d, a),
                         list(_rich_texts(document)), language)
        _strings(document, language)
    for page in edition.prose_pages:
        texts = page.paragraphs() + [b.text for b in page.blocks if hasattr(b, "level")]
        texts += [f.text for f in page.footnotes] + [t for n in page.notes for t in _note_texts(n)]
        _notes_and_texts(page.notes, lambda a, p=page: _prose_text(p, a), texts, language)
        page.title = smarten(page.title, language)
    for term in edition.index_terms:
        _term(term, language)
    sheet = edition.cheatsheet
    if sheet is not None:
        sheet.title, sheet.subtitle = smarten(sheet.title, language), smarten(sheet.subtitle, language)
        for block in sheet.blocks:
            block.title = smarten(block.title, language)
            _cheat_items(block.items, language)


def _cheat_items(items, language) -> None:
    for item in items:
        smarten_rich(item.text, language)
        item.title = smarten(item.title, language)
        _cheat_items(item.items, language)


def _notes_and_texts(notes, text_of, texts, language) -> None:
    """Curl `texts` and the notes' phrases and tags; a phrase is curled in its own context in the text,
    so that it still matches the text it explains."""
    phrases = {}
    for note in notes:
        if note.phrase:
            plain = text_of(note.attach)
            at = plain.find(note.phrase)
            phrases[id(note)] = smarten(note.phrase, language, plain[at - 1] if at > 0 else "")
    for rich in texts:
        smarten_rich(rich, language)
    for note in notes:
        if note.phrase:
            note.phrase = phrases[id(note)]
        note.tag = smarten(note.tag, language)


def _prose_text(page, attach) -> str:
    texts = page.paragraphs()
    return texts[attach.paragraph - 1].plain if 0 < attach.paragraph <= len(texts) else ""


def _note_texts(note):
    for block in note.body:
        yield from ([block.text] if isinstance(block, Prose) else block.items)


def _rich_texts(document):
    for paragraph in document.paragraphs:
        yield from paragraph.blocks
        yield from (i.text for i in paragraph.items)
    yield from (f.text for f in document.footnotes)
    for note in document.notes:
        yield from _note_texts(note)


def _strings(document, language) -> None:
    document.title = smarten(document.title, language)
    document.subtitle = smarten(document.subtitle, language)
    for section in document.sections:
        section.title = smarten(section.title, language)
        for block in section.body:
            if hasattr(block, "title"):
                block.title = smarten(block.title, language)


def _term(term, language) -> None:
    term.term = smarten(term.term, language)
    term.aliases = [smarten(a, language) for a in term.aliases]
    term.see_also = [smarten(s, language) for s in term.see_also]
    for sub in term.subentries:
        _term(sub, language)
