"""Read a Word (.docx) guide with python-docx: headings, numbered paragraphs, lettered lists, footnotes,
and each comment as a note anchored at the text it comments on."""
from __future__ import annotations

import zipfile

from ..errors import HandbookError
from .docxnotes import comment_notes
from .docxtext import DocxAssembler
from .guide import Guide, ImportReport, Where
from .wordxml import ENDNOTE, W, WordParagraph, attr, local, read_spans, to_markup

MAX_XML_BYTES = 64 * 1024 * 1024  # a 500-page report's document.xml is about 10 MB; images (word/media) not counted
MAX_PARTS = 10_000


def read_docx_guide(path, display: str, report: ImportReport, keep_authors: bool = False) -> Guide:
    import docx
    _check_archive(path, display)
    try:
        document = docx.Document(str(path))
        document.part.package.parts  # noqa: B018 -- a malformed package fails here, not halfway through the import
    except Exception as exc:  # noqa: BLE001 -- python-docx raises anything (AttributeError, lxml errors) on a broken file
        known = isinstance(exc, (zipfile.BadZipFile, KeyError, ValueError)) or type(exc).__name__ == "PackageNotFoundError"
        why = " ".join(str(exc).split()) if known else "a part of it is damaged or missing"
        raise HandbookError(f"{display}: error: not a readable Word .docx file ({why})") from None
    guide = Guide()
    rels = _links(document.part)
    body = _body(document, rels, guide, report, display)
    footnote_texts = _footnotes(document.part)
    numbers = _footnote_numbers(body, footnote_texts, report, display)
    _unreferenced(footnote_texts, numbers, guide, report, display)
    for word_id, number in numbers.items():
        place = next(p.index for p in body if any(s.footnote == word_id for s in p.spans))
        guide.footnotes.append(_footnote(number, footnote_texts[word_id], numbers, Where(display, place)))
    assembler = DocxAssembler(guide, report, display, Numbering(document.part), numbers)
    assembler.feed(body)
    guide.notes = comment_notes(document, body, assembler, report, display, keep_authors)
    _summarise(guide, report, display)
    return guide


def _check_archive(path, display: str) -> None:
    """Refuse a zip whose parts would unpack to more than MAX_XML_BYTES of XML (a "zip bomb" of a few KB once
    made the import decode hundreds of MB) or that holds absurdly many parts, from the zip's directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise HandbookError(f"{display}: error: not a readable Word .docx file ({' '.join(str(exc).split())})") \
            from None
    xml = sum(e.file_size for e in entries if not e.filename.startswith("word/media/"))
    if len(entries) > MAX_PARTS or xml > MAX_XML_BYTES:
        raise HandbookError(f"{display}: error: not a Word file handbook will import: {len(entries):,} parts, "
                            f"{xml:,} bytes of XML once unpacked (at most {MAX_PARTS:,} parts and "
                            f"{MAX_XML_BYTES:,} bytes)")


def _links(part) -> dict:
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}


def _body(document, rels: dict, guide: Guide, report: ImportReport, file: str) -> list[WordParagraph]:
    """The body's paragraphs in order; a table's or a text box's text is kept for the end and asked about."""
    out: list[WordParagraph] = []
    styles = {s.style_id: s.name for s in document.styles}
    for index, element in enumerate(_blocks(document.element.body, report, file, [0]), 1):
        if local(element) == "tbl":
            text = " | ".join(" ".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t")).split())
                              for p in element.iter(f"{{{W}}}p"))
            guide.unplaced.append((Where(file, index), text))
            report.ask(Where(file, index), "a table: tables are not part of the source format; its text is kept "
                                           "as plain text at the end")
            continue
        spans, starts, ends, lost = read_spans(element, rels)
        style_id = element.xpath("./w:pPr/w:pStyle/@w:val")
        style = styles.get(style_id[0], style_id[0]) if style_id else "Normal"
        out.append(WordParagraph(index, _outline(element, document, style_id) or style, spans, starts, ends,
                                 _num(element, document, style_id), lost))
        _boxes_and_pictures(element, Where(file, index), guide, report)
    return out


def _blocks(parent, report: ImportReport, file: str, count: list):
    """The paragraphs and tables of the body, those inside content controls too; a table of contents Word
    made (a content control of the gallery 'Table of Contents') is left out: the handbook makes its own."""
    for element in parent:
        name = local(element)
        if name in ("p", "tbl"):
            count[0] += 1
            yield element
        elif name == "sdt":
            gallery = element.find(f"{{{W}}}sdtPr/{{{W}}}docPartObj/{{{W}}}docPartGallery")
            if gallery is not None and "contents" in (attr(gallery, "val") or "").lower():
                report.map(Where(file, count[0] + 1), "Word's table of contents: left out (the handbook makes its "
                                                      "own contents)")
                continue
            for content in element.iter(f"{{{W}}}sdtContent"):
                yield from _blocks(content, report, file, count)
                break


def _boxes_and_pictures(p, where: Where, guide: Guide, report: ImportReport) -> None:
    """A text box's text is kept (at the end) and asked about; a picture without text is reported as left out."""
    seen: set = set()
    for box in p.iter(f"{{{W}}}txbxContent"):
        text = " ".join(" ".join("".join(t.text or "" for t in q.iter(f"{{{W}}}t")).split())
                        for q in box.iter(f"{{{W}}}p")).strip()
        if text and text not in seen:  # Word writes a box twice (DrawingML and its VML fallback)
            seen.add(text)
            guide.unplaced.append((where, text))
            report.ask(where, "a text box: its text is kept as plain text at the end; make it a note or a "
                              "paragraph")
    if not seen and any(local(e) in ("drawing", "pict") for e in p.iter()):
        report.ask(where, "a picture: pictures are not imported; add it to the style or a prose part if needed")


def _outline(p, document, style_id: list) -> str:
    """'Heading N' for a paragraph whose own or style's outline level makes it a heading in Word's navigation
    (a custom style such as 'Section title'); '' otherwise, and for the heading styles themselves."""
    level = p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if not level and style_id:
        style = document.styles.element.xpath(f'./w:style[@w:styleId="{style_id[0]}"]')
        level = style[0].xpath("./w:pPr/w:outlineLvl/@w:val") if style else []
    if not level or not level[0].isdigit() or int(level[0]) > 8:
        return ""
    return f"Heading {int(level[0]) + 1}"


def _num(p, document, style_id: list) -> tuple | None:
    """(numId, level) from the paragraph's own numbering, else from its style's."""
    num = p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    level = p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    if not num and style_id:
        style = document.styles.element.xpath(f'./w:style[@w:styleId="{style_id[0]}"]')
        if style:
            num = style[0].xpath("./w:pPr/w:numPr/w:numId/@w:val")
            level = style[0].xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    if not num or num[0] == "0":
        return None
    return num[0], int(level[0]) if level else 0


class Numbering:
    """Word's list definitions: the format (decimal, lowerLetter, bullet …) and start of each level."""

    def __init__(self, part):
        self.formats: dict = {}
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {attr(a, "abstractNumId"): a for a in root.iter(f"{{{W}}}abstractNum")}
        for num in root.iter(f"{{{W}}}num"):
            ref = num.find(f"{{{W}}}abstractNumId")
            definition = abstract.get(attr(ref, "val")) if ref is not None else None
            for lvl in definition.iter(f"{{{W}}}lvl") if definition is not None else []:
                self._level(attr(num, "numId"), lvl)
            # a list Word restarts ("Set numbering value", "Restart at 1") overrides its definition's levels
            for override in num.iter(f"{{{W}}}lvlOverride"):
                key = (attr(num, "numId"), _int(attr(override, "ilvl"), 0))
                lvl = override.find(f"{{{W}}}lvl")
                if lvl is not None:
                    self._level(key[0], lvl, key[1])
                start = override.find(f"{{{W}}}startOverride")
                if start is not None:
                    self.formats[key] = (self.formats.get(key, ("decimal", 1))[0], _int(attr(start, "val"), 1))

    def _level(self, num_id: str, lvl, level: int | None = None) -> None:
        fmt = lvl.find(f"{{{W}}}numFmt")
        start = lvl.find(f"{{{W}}}start")
        self.formats[(num_id, _int(attr(lvl, "ilvl"), 0) if level is None else level)] = (
            attr(fmt, "val") if fmt is not None else "decimal",
            _int(attr(start, "val"), 1) if start is not None else 1)

    def format(self, num: tuple | None) -> tuple[str, int]:
        if num is None:
            return "", 1
        return self.formats.get(num, ("decimal", 1))


def _int(text: str | None, default: int) -> int:
    """A number attribute of Word's XML; a missing or damaged one is the default."""
    try:
        return int(text or default)
    except ValueError:
        return default


def _footnotes(part) -> dict:
    """Word's footnote id -> its paragraphs (the separators Word keeps as footnotes left out); endnotes too,
    their ids offset by ENDNOTE: the handbook prints them as footnotes, numbered in reading order with the rest."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    out: dict = {}
    for rel in part.rels.values():
        kinds = {RT.FOOTNOTES: ("footnote", 0), RT.ENDNOTES: ("endnote", ENDNOTE)}
        if rel.reltype not in kinds or rel.is_external:
            continue
        tag, offset = kinds[rel.reltype]
        target = rel.target_part
        root = getattr(target, "element", None)
        root = root if root is not None else parse_xml(target.blob)
        rels = _links(target)
        for note in root.iter(f"{{{W}}}{tag}"):
            if attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            out[offset + _int(attr(note, "id"), -1)] = [WordParagraph(0, "", *read_spans(p, rels)[:1])
                                                         for p in note.iter(f"{{{W}}}p")]
    return out


def _footnote_numbers(body: list, texts: dict, report: ImportReport, file: str) -> dict:
    """Word's footnote ids numbered 1, 2, 3 … in the order they are first referenced, as Word prints them."""
    numbers: dict = {}
    for paragraph in body:
        for span in paragraph.spans:
            if span.footnote is None or span.footnote in numbers:
                continue
            kind, shown = _kind(span.footnote)
            if span.footnote not in texts:
                report.ask(Where(file, paragraph.index), f"{kind} reference (Word id {shown}) whose text is "
                                                          "missing: left out")
                continue
            numbers[span.footnote] = len(numbers) + 1
            if span.footnote >= ENDNOTE:
                report.map(Where(file, paragraph.index), f"endnote (Word id {shown}) printed as footnote "
                                                          f"{numbers[span.footnote]}")
    return numbers


def _kind(word_id: int) -> tuple[str, int]:
    return ("an endnote", word_id - ENDNOTE) if word_id >= ENDNOTE else ("a footnote", word_id)


def _unreferenced(texts: dict, numbers: dict, guide: Guide, report: ImportReport, file: str) -> None:
    """A footnote or endnote no reference points to: its text is kept at the end, and asked about."""
    for word_id, paragraphs in texts.items():
        if word_id not in numbers:
            kind, shown = _kind(word_id)
            guide.unplaced.append((Where(file), " ".join(" ".join(p.plain for p in paragraphs).split())))
            report.ask(Where(file), f"{kind} (Word id {shown}) is never referenced in the body: its text is kept "
                                    "as plain text at the end")


def _footnote(number: int, paragraphs: list, numbers: dict, where: Where):
    from .guide import Footnote
    text = " ".join(to_markup(p.spans, numbers) for p in paragraphs)
    return Footnote(number, " ".join(text.split()) or "(empty footnote)", where)


def _summarise(guide: Guide, report: ImportReport, file: str) -> None:
    for section in guide.sections:
        numbers = [b.number for b in section.body if hasattr(b, "number")]
        span = f", ¶ {numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else (f", ¶ {numbers[0]}" if numbers else "")
        report.map(section.where, f"section {section.number}: {section.title}{span}")
    for footnote in guide.footnotes:
        report.map(footnote.where, f"footnote {footnote.number}")
    for note in guide.notes:
        phrase = f", phrase {note.phrase!r}" if note.phrase else ""
        report.map(note.where, f"comment → note {note.kind} on {note.attach}{phrase}")
    report.mapped.sort(key=lambda m: (m[0].line, m[1]))
    if not guide.sections:
        report.ask(Where(file), "no heading (Word style 'Heading 1') found: nothing became a section")

