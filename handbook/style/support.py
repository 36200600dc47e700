"""Text a style cannot print as written: characters its fonts lack, right-to-left scripts, invisible controls.

Each is a warning with the file:line:col of the text that holds it, so nothing misprints unnoticed:
a missing glyph would print as a blank, Hebrew or Arabic with its letters in reverse order, and a
word joiner or a bidi override as a gap or not at all.
"""
from __future__ import annotations

import unicodedata

from ..errors import Diagnostic, Position, relative
from ..model import Edition, Heading, Prose, ProseHeading

SOFT_HYPHEN = "\u00ad"  # a hyphenation hint the line breaker honours: the one format character that is fine


def unsupported_text(edition: Edition, theme) -> list[Diagnostic]:
    """Warnings for every text of `edition` that `theme` would not print as written."""
    out: list[Diagnostic] = []
    for role, position, text in [*edition_texts(edition), *_style_texts(theme)]:
        chars = set(text)
        if chars <= _ASCII:
            continue
        out += right_to_left(edition, position, text, chars)
        out += invisible(position, chars)
        out += missing_glyphs(theme, role, position, text, chars)
    return out


_ASCII = {chr(i) for i in range(32, 127)}


def right_to_left(edition: Edition, position: Position, text: str, chars: set) -> list[Diagnostic]:
    """Right-to-left letters (Hebrew, Arabic…): the layout sets every line left to right, so they would
    print reversed. The one place to lift when an edition's language is set right to left."""
    letters = [ch for ch in chars if unicodedata.bidirectional(ch) in ("R", "AL")]
    if not letters:
        return []
    start = min(text.find(ch) for ch in letters)
    end = start
    while end < len(text) and end - start < 40 and (unicodedata.bidirectional(text[end]) in ("R", "AL", "NSM")
                                                    or text[end] == " "):
        end += 1
    sample = text[start:end].strip()
    script = unicodedata.name(text[start], "").split(" ")[0].title() or "right-to-left"
    return [Diagnostic("warning", position, f"right-to-left text ({script} {sample!r}) would print with its "
                       "letters in reverse order", "handbook sets left-to-right scripts only; "
                       "give a transliteration or leave it out")]


def invisible(position: Position, chars: set) -> list[Diagnostic]:
    """Format characters (zero-width spaces and joiners, bidi embeddings and overrides, byte-order marks)."""
    found = sorted(ch for ch in chars if unicodedata.category(ch) == "Cf" and ch != SOFT_HYPHEN)
    if not found:
        return []
    shown = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER').lower()}" for ch in found[:4])
    return [Diagnostic("warning", position, f"invisible format character {shown} would print as a gap or "
                       "not at all", "delete it; for a space that must not break, use a no-break space")]


def missing_glyphs(theme, role: str, position: Position, text: str, chars: set) -> list[Diagnostic]:
    """Characters the role's font has no glyph for (they would print as blanks)."""
    from reportlab.pdfbase import pdfmetrics
    family = theme.fonts.get(role)
    try:
        font = pdfmetrics.getFont(family.regular)
    except (KeyError, AttributeError):
        return []
    cmap = getattr(getattr(font, "face", None), "charToGlyph", None)
    if cmap is None:  # a standard PDF font: it draws Latin-1 only
        missing = [ch for ch in dict.fromkeys(text) if ord(ch) > 255]
    else:
        missing = [ch for ch in dict.fromkeys(text) if ch not in _ASCII and ord(ch) not in cmap
                   and not ch.isspace() and unicodedata.category(ch) != "Cf"]
    if not missing:
        return []
    shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:5]) + (" ..." if len(missing) > 5 else "")
    return [Diagnostic("warning", position,
                       f"the {role} font {font.fontName.removeprefix('hb-')} has no glyph for {shown}",
                       "it would print as a blank; choose a style font that has it, or leave the character out")]


def _style_texts(theme):
    """The texts a style prints itself: its running header and footer, and its watermark."""
    for key in ("header", "footer", "watermark"):
        at = theme.text_positions.get(key) or Position(relative(theme.path) if theme.path else "style")
        yield "headings", at, getattr(theme, key)


def edition_texts(edition: Edition):
    """(font role, position, text) for every text the sources give, with where it came from."""
    organizer = edition.organizer
    at = lambda key: edition.field_positions.get(key, edition.position)  # noqa: E731
    yield "headings", at("conference"), edition.conference
    yield "headings", at("committee"), edition.committee
    yield "headings", at("title"), edition.title
    yield "headings", at("organizer"), " ".join((organizer.name, *organizer.address, organizer.email,
                                                 organizer.phone, *(s.handle for s in organizer.social),
                                                 *(s.network for s in organizer.social)))
    yield "headings", at("note_kinds"), " ".join(k.label for k in edition.note_kinds)
    yield "headings", at("labels"), " ".join(str(words) for words in edition.labels.values())
    for document in edition.documents:
        yield from _document_texts(document)
    for page in edition.prose_pages:
        yield "headings", page.position, page.title
        for block in page.blocks:
            for rich in [block.text] if isinstance(block, (Prose, ProseHeading)) else block.items:
                yield "body", _at(rich, page.position), _printed(rich)
        for footnote in page.footnotes:
            yield "body", _at(footnote.text, footnote.position), _printed(footnote.text)
        for note in page.notes:
            for block in note.body:
                for rich in [block.text] if isinstance(block, Prose) else block.items:
                    yield "callouts", _at(rich, note.position), _printed(rich)
    sheet = edition.cheatsheet
    if sheet is not None:
        def flat(items):
            for item in items:
                yield item.title + " " + _printed(item.text)
                yield from flat(item.items)
        yield "headings", sheet.position, sheet.title + " " + sheet.subtitle
        for block in sheet.blocks:
            yield "body", block.position, " ".join((block.title, block.source, *flat(block.items)))
    for term in edition.index_terms:
        words = [term.term, *term.see_also, *(s.term for s in term.subentries)]
        yield "body", term.position, " ".join(words)


def _document_texts(document):
    header = document.header
    at = lambda key: document.field_positions.get(key, document.position)  # noqa: E731
    yield "headings", at("title"), document.title
    yield "headings", at("subtitle"), document.subtitle
    yield "headings", at("symbol"), document.symbol
    yield "headings", at("header"), " ".join(
        (*header.organs, header.distribution, header.date, header.original, *header.agenda,
         *(" ".join([s.organ, *s.lines]) for s in header.sessions)))
    for section in document.sections:
        yield "headings", section.position, section.title
        for block in section.body:
            if isinstance(block, Heading):
                yield "headings", block.position, block.title
                continue
            for rich in block.blocks:
                yield "body", _at(rich, block.position), _printed(rich)
            for item in block.items:
                yield "body", _at(item.text, item.position), _printed(item.text)
    for footnote in document.footnotes:
        yield "body", _at(footnote.text, footnote.position), _printed(footnote.text)
    for note in document.notes:
        yield "callouts", note.position, note.tag
        for block in note.body:
            for rich in [block.text] if isinstance(block, Prose) else block.items:
                yield "callouts", _at(rich, note.position), _printed(rich)


def _printed(rich) -> str:
    """The words of `rich` as the reader sees them, and the index terms its marks file them under
    (`[[words|Term]]` prints Term in the index)."""
    from ..model import IndexMark, walk_inline
    terms = [node.term for node in walk_inline(rich.nodes) if isinstance(node, IndexMark)]
    return " ".join([rich.plain, *terms]) if terms else rich.plain


def _at(rich, fallback: Position) -> Position:
    """Where a text is written (the start of its scalar), else where the thing holding it is."""
    return rich.position if rich.position.line else fallback
