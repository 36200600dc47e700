"""Word comments into notes: anchored at the commented words, kind from the opening words, author optional."""
from __future__ import annotations

import re

from .guide import ImportReport, Note, Where
from .wordxml import Span, read_spans, to_markup
from .words import plain

_OPENING = re.compile(r"^\s*(?:(?P<k0>did you know(?: that)?)|(?P<k1>something to think about)|"
                      r"(?P<k2>interesting facts?))\s*(?P<stop>\.\.\.|…|:|\?|\.)?\s*", re.I)
KINDS = ("did-you-know", "think-about", "interesting-facts")
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
DEFAULT_KIND = "did-you-know"
WHOLE = 0.9  # a comment on this much of a paragraph is a note on the paragraph, not on a phrase
PHRASE_WORDS = 12  # a longer commented further paragraph is anchored at its first half-dozen words
_TYPED_LIST = re.compile(r"^(?:(?P<bullet>[-•*])|(?P<number>\d{1,2})[.)])\s+")


def comment_notes(document, body: list, assembler, report: ImportReport, file: str, keep_authors: bool) -> list:
    ranges = _ranges(body)
    comments = list(document.comments)
    rels = {}
    try:
        part = document.part._comments_part
        rels = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
    except (AttributeError, KeyError):
        pass
    order = {str(c.comment_id): i for i, c in enumerate(comments)}
    comments.sort(key=lambda c: (ranges[str(c.comment_id)][0].index, ranges[str(c.comment_id)][1])
                  if str(c.comment_id) in ranges else (10 ** 9, order[str(c.comment_id)]))
    notes = []
    replies = _replies(document, comments)
    for comment in comments:
        if comment.comment_id in replies:  # a chair answering a chair: not a note of its own
            where = Where(file, ranges[str(comment.comment_id)][0].index) if str(comment.comment_id) in ranges \
                else Where(file)
            assembler.guide.unplaced.append((where, " ".join(comment.text.split())))
            report.ask(where, f"a reply to comment {replies[comment.comment_id]}: not a note; its text is kept as "
                              "plain text at the end (add it to the note if it belongs there)")
            continue
        note = _note(comment, ranges.get(str(comment.comment_id)), assembler, report, file, rels)
        if keep_authors and comment.author:
            note.author = comment.author
        notes.append(note)
    if not keep_authors and any(c.author for c in comments):
        report.map(notes[0].where if notes else Where(file), "comments' authors left out (--keep-authors prints "
                                                             "each under its note)")
    return notes


def _replies(document, comments: list) -> dict:
    """Reply comment id -> the id of the comment it answers, from Word's commentsExtended part (a reply's
    last paragraph's w14:paraId has a w15:paraIdParent); {} when the file has none."""
    from docx.oxml import parse_xml
    parts = [rel.target_part for rel in document.part.rels.values()
             if rel.reltype.endswith("/commentsExtended") and not rel.is_external]
    if not parts:
        return {}
    by_para = {}
    for comment in comments:
        if comment.paragraphs:
            by_para[comment.paragraphs[-1]._p.get(f"{{{W14}}}paraId")] = comment.comment_id
    try:
        root = parse_xml(parts[0].blob)
    except Exception:  # noqa: BLE001 -- a damaged part: no replies known, every comment becomes a note
        return {}
    out = {}
    for entry in root.iter(f"{{{W15}}}commentEx"):
        child, parent = by_para.get(entry.get(f"{{{W15}}}paraId")), by_para.get(entry.get(f"{{{W15}}}paraIdParent"))
        if child is not None and parent is not None:
            out[child] = parent
    return out


def _ranges(body: list) -> dict:
    """Comment id -> [start paragraph, start offset, end paragraph, end offset]."""
    out: dict = {}
    for paragraph in body:
        for cid, offset in paragraph.starts.items():
            out.setdefault(cid, [paragraph, offset, None, None])
        for cid, offset in paragraph.ends.items():
            if cid in out:
                out[cid][2:] = [paragraph, offset]
    return out


def _note(comment, place, assembler, report: ImportReport, file: str, rels: dict) -> Note:
    kind, blocks, tag = _body(comment, assembler.numbering, rels)
    where = Where(file, place[0].index) if place else Where(file)
    note = Note(kind or DEFAULT_KIND, "document", blocks, where, tag=tag)
    if not blocks:
        note.body = [("p", "(empty comment)")]
        report.ask(where, "an empty comment: its note says '(empty comment)'")
    if kind is None:
        report.ask(where, f"comment without opening words ('Did you know', 'Something to think about', "
                          f"'Interesting facts'): kind {DEFAULT_KIND}, the default; change 'kind' if wrong")
    if place is None:
        in_table = comment.part.package.main_document_part.element.body.xpath(
            f'.//w:tbl//w:commentRangeStart[@w:id="{comment.comment_id}"]')
        report.ask(where, f"comment {comment.comment_id} " + ("is on a table's text (kept at the end)" if in_table
                                                               else "marks no text") +
                   ": attached to the whole document")
        return note
    _anchor(note, place, assembler, report)
    return note


def _anchor(note: Note, place: list, assembler, report: ImportReport) -> None:
    start_p, start, end_p, end = place
    target = assembler.targets.get(start_p.index, ("document",))
    if target[0] == "unplaced":
        report.ask(note.where, "comment on text that could not be placed: attached to the whole document")
        return
    note.attach = {"paragraph": lambda: str(target[1]), "item": lambda: f"{target[1]}({target[2]})",
                   "section": lambda: target[1]}.get(target[0], lambda: "document")()
    if target[0] not in ("paragraph", "item"):
        return
    if end_p is not start_p:
        report.ask(note.where, "the commented text runs on past its paragraph: the note's phrase stops there")
        end = len(start_p.plain)
    phrase = " ".join(start_p.plain[start:end].split()).strip(" ,;:.")
    holder = " ".join(plain(assembler.holders[start_p.index]).split())
    if not phrase or (len(phrase) >= WHOLE * len(holder) and start_p.index not in assembler.continuations):
        return  # on the whole paragraph: the note's marker stands at its number
    if len(phrase) >= WHOLE * len(holder):  # a whole further paragraph: marked at its first words
        words = holder.split()
        phrase = (holder if len(words) <= PHRASE_WORDS else " ".join(words[:PHRASE_WORDS // 2])).strip(" ,;:.")
    if phrase not in holder:
        report.ask(note.where, f"the commented words {phrase!r} could not be found as printed: the note is on the "
                               "whole paragraph; add a 'phrase' by hand")
        return
    note.phrase = phrase
    before = _earlier_blocks(assembler, target, assembler.holders[start_p.index])
    total = sum(" ".join(plain(b).split()).count(phrase) for b in before) + holder.count(phrase)
    if total > 1:
        _which(note, start_p.plain, start, holder, total - holder.count(phrase), report)


def _earlier_blocks(assembler, target: tuple, markup: str) -> list:
    """The blocks of a numbered paragraph before the one a comment is in (a further unnumbered paragraph is its
    own block): `occurrence` counts over all of them, as `check` does."""
    if target[0] != "paragraph":
        return []
    paragraph = next((p for p in assembler.guide.paragraphs if p.number == target[1]), None)
    blocks = paragraph.blocks if paragraph else []
    k = next((i for i, b in enumerate(blocks) if b is markup), None)
    return blocks[:k] if k is not None else []


def _which(note: Note, raw: str, start: int, holder: str, earlier: int, report: ImportReport) -> None:
    """A phrase standing more than once: which occurrence the comment's range covers, counted from where the
    range starts in its Word paragraph (spaces folded as in `holder`), after the `earlier` ones of the blocks
    before it."""
    phrase = note.phrase
    text = " ".join(raw.split())
    at = len(" ".join((raw[:start] + "|").split())) - 1  # the range's start, in the folded text
    starts = [m.start() for m in re.finditer(f"(?={re.escape(phrase)})", text)]
    total = earlier + holder.count(phrase)
    # a typed number left out of `holder` holding the phrase would count differently: then ask, as before
    if len(starts) != holder.count(phrase):
        report.ask(note.where, f"{phrase!r} occurs {total} times in ¶ {note.attach}: the note marks the first; "
                               "set 'occurrence' if that is the wrong one")
        return
    note.occurrence = earlier + 1 + sum(1 for s in starts if s < at)
    report.map(note.where, f"{phrase!r} occurs {total} times in ¶ {note.attach}: the comment is on occurrence "
                           f"{note.occurrence}")


def _body(comment, numbering, rels: dict) -> tuple[str | None, list, str]:
    """(kind from the opening words or None, body blocks, tag) of a comment."""
    paragraphs = []
    for p in comment.paragraphs:
        spans = read_spans(p._p, rels)[0]
        if "".join(s.text for s in spans).strip():
            num = p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            paragraphs.append((spans, numbering.format((num[0], 0))[0] if num else ""))
    kind = None
    if paragraphs:
        text = "".join(s.text for s in paragraphs[0][0])
        match = _OPENING.match(text)
        if match:
            kind = KINDS[next(i for i in range(3) if match.group(f"k{i}"))]
            rest = text[match.end():]
            # the callout prints the kind's label: the words are dropped when they are only the label, or
            # when the text reads on after it ("Did you know that… the ICC …"); "Interesting facts about X" stays
            if not rest.strip() or match.group("stop") or match.group("k0"):
                spans = _drop(paragraphs[0][0], match.end())
                if match.group("stop") and spans:  # "Interesting facts: the …" starts a sentence of its own
                    spans[0].text = spans[0].text[:1].upper() + spans[0].text[1:]
                paragraphs[0] = (spans, paragraphs[0][1])
            if not "".join(s.text for s in paragraphs[0][0]).strip():
                paragraphs.pop(0)
    tag = ""
    if paragraphs:
        first = "".join(s.text for s in paragraphs[0][0]).strip()
        if first.isupper() and len(first.split()) <= 5:
            tag = first.capitalize()
            paragraphs.pop(0)
    return kind, _blocks(paragraphs), tag


def _drop(spans: list, count: int) -> list:
    """The spans without their first `count` characters."""
    out = []
    for span in spans:
        if count >= len(span.text) and span.footnote is None:
            count -= len(span.text)
            continue
        out.append(Span(span.text[count:], span.bold, span.italic, span.url, span.footnote))
        count = 0
    return out


def _blocks(paragraphs: list) -> list:
    blocks: list = []
    for spans, fmt in paragraphs:
        markup = to_markup(spans, {})
        typed = _TYPED_LIST.match(markup)
        kind = ("ul" if fmt == "bullet" or (typed and typed.group("bullet")) else
                "ol" if fmt or (typed and typed.group("number")) else "p")
        if typed and kind != "p":
            markup = markup[typed.end():]
        if kind == "p":
            blocks.append(("p", markup))
        elif blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(markup)
        else:
            blocks.append((kind, [markup]))
    return blocks
