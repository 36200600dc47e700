"""Checks across an edition's files that no single reader can make: every reference lands on something."""
from __future__ import annotations

import re

from ..errors import Report
from ..model import Document, Edition, FootnoteRef, Link, Prose, ProseHeading, RichText, walk_inline

_PLACE = re.compile(r"#(?:para-(?P<para>[0-9]+)|sec-(?P<sec>[IVXLC]+)|fn-(?P<fn>[0-9]+))")
PLACES_HINT = "a link inside the document is #para-12, #sec-III or #fn-3, to a paragraph, section or footnote it has"


def check_references(edition: Edition, report: Report) -> None:
    """Links to the document's own places, footnote references and cheat-sheet ¶ references must resolve."""
    for document in edition.documents:
        for rich in _paragraph_texts(document):
            _check_links(rich, document, report)
        for footnote in document.footnotes:
            _check_links(footnote.text, document, report)
            _no_footnote_refs(footnote.text, "a footnote", report)
        for note in document.notes:
            for rich in note_texts(note):
                _check_links(rich, document, report)
                _no_footnote_refs(rich, "a note", report)
    for page in edition.prose_pages:
        _check_prose(page, report)
    sheet = edition.cheatsheet
    if sheet is not None:
        first = edition.documents[0] if edition.documents else None
        numbers = {p.number for p in first.paragraphs} if first else set()
        for item in _cheat_items(sheet.blocks):
            _check_links(item.text, first, report)
            _no_footnote_refs(item.text, "the cheat sheet", report)
            for number, at in zip(item.refs, item.ref_positions):
                if number not in numbers:
                    report.error(at, f"the cheat sheet refers to paragraph {number}, which does not exist",
                                 f"the report's paragraphs run {_span(numbers)}" if numbers else
                                 "the edition has no document to refer to")


PROSE_HINT = "a link inside a prose part is #fn-3, to one of its own footnotes"


def _check_prose(page, report: Report) -> None:
    """A prose part's own places are its footnotes: an in-part link must name one that exists."""
    footnotes = {f.number for f in page.footnotes}
    texts = [(rich, "") for rich in page.paragraphs()]
    texts += [(b.text, "") for b in page.blocks if isinstance(b, ProseHeading)]
    texts += [(f.text, "a footnote") for f in page.footnotes]
    texts += [(rich, "a note") for note in page.notes for rich in note_texts(note)]
    for rich, holder in texts:
        for node in walk_inline(rich.nodes):
            if isinstance(node, Link) and node.url.startswith("#"):
                place = re.fullmatch(r"#fn-([0-9]+)", node.url)
                if place is None or int(place.group(1)) not in footnotes:
                    report.error(node.position if node.position.line else rich.position,
                                 f"link target {node.url!r} is not a place in the prose part {page.name}", PROSE_HINT)
        if holder:
            _no_footnote_refs(rich, holder, report)


def note_texts(note) -> list[RichText]:
    """Each run of text in a note's body, prose and list items alike."""
    texts = []
    for block in note.body:
        texts += [block.text] if isinstance(block, Prose) else list(block.items)
    return texts


def _paragraph_texts(document: Document) -> list[RichText]:
    return [b for p in document.paragraphs for b in p.blocks] + [i.text for p in document.paragraphs for i in p.items]


def _cheat_items(blocks):
    for block in blocks:
        for item in block.items:
            yield item
            yield from item.items


def _span(numbers: set) -> str:
    return f"from {min(numbers)} to {max(numbers)}"


def _check_links(rich: RichText, document: Document | None, report: Report) -> None:
    for node in walk_inline(rich.nodes):
        if not isinstance(node, Link) or not node.url.startswith("#"):
            continue
        place = _PLACE.fullmatch(node.url)
        exists = document is not None and place is not None and (
            (place["para"] is not None and int(place["para"]) in {p.number for p in document.paragraphs}) or
            (place["sec"] is not None and place["sec"] in {s.number for s in document.sections}) or
            (place["fn"] is not None and int(place["fn"]) in {f.number for f in document.footnotes}))
        if not exists:
            where = node.position if node.position.line else rich.position
            report.error(where, f"link target {node.url!r} is not a place in this document", PLACES_HINT)


def _no_footnote_refs(rich: RichText, where: str, report: Report) -> None:
    for node in walk_inline(rich.nodes):
        if isinstance(node, FootnoteRef):
            report.error(node.position if node.position.line else rich.position,
                         f"footnote reference [^{node.number}] in {where}: footnotes belong to the document's "
                         "paragraphs", "write the footnote's words into the text, or move the reference")
