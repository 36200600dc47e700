"""Write an imported guide as a new edition's YAML sources (never over an existing edition), then check it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..errors import HandbookError
from .guide import Guide, ImportReport, Note, Paragraph, Where
from .words import stems

EDITION_FILE = "handbook.yaml"
CHEAT_TERMS = 8  # key terms on the generated cheat sheet: enough to be useful, few enough to fit a page


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks; everything else as PyYAML writes it."""


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def write_edition(guide: Guide, folder: Path, style: str, report: ImportReport, source: str) -> None:
    """Write the files into `folder` (which must not exist); remove it again if they do not read back."""
    if folder.exists():
        raise HandbookError(f"{folder}/: error: an edition or folder with this name already exists; "
                            "choose another with --edition (nothing was written)")
    fit(guide, report, source)
    files = edition_files(guide, style, report, source)
    folder.mkdir(parents=True)
    try:
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        from ..sources.reader import read_edition
        read_edition(folder)  # what we write must pass `handbook check`
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def fit(guide: Guide, report: ImportReport, source: str) -> None:
    """A title or cover line longer than the sources allow (a paragraph read as the title, most likely)
    would fail the check of what was written: its text is kept at the end instead, and asked about."""
    from ..sources.document import MAX_TITLE
    from ..sources.reader import MAX_COVER_TEXT

    def too_long(text: str, limit: int, what: str, where: Where) -> bool:
        if len(text) <= limit:
            return False
        guide.unplaced.append((where, text))
        report.ask(where, f"the {what} would be {len(text):,} characters long (at most {limit}): a paragraph read "
                          "as a title? Its text is kept as plain text at the end")
        return True

    here = Where(source, 1)
    if too_long(guide.doc_title, MAX_TITLE, "document title", here):
        guide.doc_title = "Untitled document"
    if too_long(guide.subtitle, MAX_TITLE, "document subtitle", here):
        guide.subtitle = ""
    for section in guide.sections:
        if too_long(section.title, MAX_TITLE, f"title of section {section.number}", section.where):
            section.title = "Untitled section"
        section.body = [b for b in section.body if isinstance(b, Paragraph)
                        or not too_long(b.title, MAX_TITLE, "sub-heading", b.where)]
    for field in ("conference", "committee", "title"):
        if too_long(getattr(guide, field), MAX_COVER_TEXT, f"cover's {field}", here):
            setattr(guide, field, "")
    organizer = guide.organizer
    if too_long(organizer.name, MAX_COVER_TEXT, "organizer's name", here):
        organizer.name = ""
    organizer.address = [a for a in organizer.address if not too_long(a, MAX_COVER_TEXT, "organizer's address", here)]


def edition_files(guide: Guide, style: str, report: ImportReport, source: str) -> dict[str, str]:
    files = {name: part.markdown for name, part in ((p.file, p) for p in guide.prose)}
    prose_notes = {p.file: p.notes for p in guide.prose if p.notes}
    for name, notes in prose_notes.items():
        files[Path(name).stem + "-notes.yaml"] = dump({"notes": [_note(n) for n in notes]})
    if guide.unplaced:
        files["unplaced.md"] = _unplaced(guide)
    files.update({
        EDITION_FILE: _edition(guide, style, report, source, prose_notes),
        "report.yaml": dump(_document(guide)),
        "notes.yaml": dump({"notes": [_note(n) for n in guide.notes]}),
        "index.yaml": _index(guide),
        "cheatsheet.yaml": dump(_cheatsheet(guide)),
    })
    return files


def _edition(guide: Guide, style: str, report: ImportReport, source: str, prose_notes: dict) -> str:
    organizer = guide.organizer
    if not organizer.name:
        organizer.name = "Conference Secretariat"
        report.ask(Where(source, 1), "no organizer found on the cover: 'Conference Secretariat' written; change it")
    data = {"conference": guide.conference or "Conference", "committee": guide.committee or "Committee",
            "title": guide.title or "Study Guide", "style": style,
            "organizer": {k: v for k, v in (("name", organizer.name), ("address", organizer.address),
                                            ("email", organizer.email), ("phone", organizer.phone)) if v}}
    for missing in ("conference", "committee"):
        if not getattr(guide, missing):
            report.ask(Where(source, 1), f"no {missing} found on the cover: '{data[missing]}' written; change it")
    if organizer.social:
        data["organizer"]["social"] = [{k: v for k, v in (("network", n), ("handle", h), ("url", u)) if v}
                                       for n, h, u in organizer.social]
    parts: list = ["cover", "contents"]
    for part in guide.prose:
        parts.append({"prose": part.file, **({"notes": Path(part.file).stem + "-notes.yaml"}
                                             if part.file in prose_notes else {})})
    parts.append({"document": "report.yaml", "notes": "notes.yaml"})
    if guide.unplaced:
        parts.append({"prose": "unplaced.md"})
    parts += [{"cheatsheet": "cheatsheet.yaml"}, "index"]
    data["parts"] = parts
    data["index"] = "index.yaml"
    return f"# imported from {Path(source).name} by `handbook import`\n" + dump(data)


def _document(guide: Guide) -> dict:
    header = guide.header
    head = {k: v for k, v in (("organs", header.organs), ("distribution", header.distribution),
                              ("date", header.date), ("original", header.original)) if v}
    if header.sessions:
        head["sessions"] = [{"organ": organ, "lines": lines} for organ, lines in header.sessions]
    if header.agenda:
        head["agenda"] = header.agenda
    data: dict = {}
    if guide.symbol:
        data["symbol"] = guide.symbol
    if head:
        data["header"] = head
    data["title"] = guide.doc_title or "Untitled document"
    if guide.subtitle:
        data["subtitle"] = guide.subtitle
    data["sections"] = [{"number": s.number, "title": s.title, "body": [_block(b) for b in s.body]}
                        for s in guide.sections]
    if guide.footnotes:
        data["footnotes"] = [{"number": f.number, "text": f.text} for f in guide.footnotes]
    return data


def _block(block) -> dict:
    if not isinstance(block, Paragraph):
        return {"heading": block.title}
    out: dict = {"paragraph": block.number, "text": "\n\n".join(block.blocks)}
    if block.items:
        out["items"] = [{"label": i.label, "text": i.text} for i in block.items]
    return out


def _note(note: Note) -> dict:
    out: dict = {"kind": note.kind, "attach": note.attach}
    if note.phrase:
        out["phrase"] = note.phrase
    if note.phrase and note.occurrence:  # the phrase stands more than once: say which is the anchor
        out["occurrence"] = note.occurrence
    if note.tag:
        out["tag"] = note.tag
    out["body"] = note_body(note)
    return out


def note_body(note: Note) -> str:
    blocks = []
    for kind, payload in note.body:
        if kind == "p":
            blocks.append(payload)
        elif kind == "ul":
            blocks.append("\n".join(f"- {line}" for line in payload))
        else:
            blocks.append("\n".join(f"{n}. {line}" for n, line in enumerate(payload, 1)))
    if note.author:
        blocks.append(f"*{note.author}*")
    return "\n\n".join(blocks) + "\n" if blocks else "(empty note)\n"


def _index(guide: Guide) -> str:
    """The subject index starts from the phrases the notes explain (they are indexed anyway); a person adds more."""
    terms = []
    for note in guide.notes:
        term = note.phrase.strip("\"'“”‘’ ")
        if term and len(stems(term)) > 1 and term.lower() not in {t["term"].lower() for t in terms}:
            terms.append({"term": term[:1].upper() + term[1:]})
    head = "# subject-index terms: add the edition's key terms, aliases and see-also references\n"
    return head + dump({"terms": terms}) if terms else head + "terms: []\n"


def _cheatsheet(guide: Guide) -> dict:
    sections = {"id": "sections", "title": "The document at a glance", "kind": "list",
                "items": [_section_item(s) for s in guide.sections] or [{"text": "No sections."}]}
    blocks = [sections]
    terms = []
    for note in guide.notes:
        if note.phrase and len(terms) < CHEAT_TERMS and note.attach[:1].isdigit():
            first = next((p for k, p in note.body if k == "p"), "")
            sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
            terms.append({"title": note.phrase.strip("\"“”"), "text": sentence[:160].rstrip() or note.phrase,
                          "refs": [int(re.match(r"\d+", note.attach).group())]})
    if terms:
        blocks.append({"id": "terms", "title": "Key terms", "kind": "terms", "items": terms})
    subtitle = " ".join(re.sub(r"\[\^\d+\]", "", guide.doc_title).split())
    return {"title": f"{guide.committee or 'Committee'} at a glance", "subtitle": subtitle, "blocks": blocks}


def _section_item(section) -> dict:
    numbers = [b.number for b in section.body if isinstance(b, Paragraph)]
    title = " ".join(re.sub(r"\[\^\d+\]", "", section.title).split())  # a sheet's titles hold no footnotes
    item: dict = {"title": f"{section.number}. {title}",
                  "text": f"Paragraphs {numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else
                  (f"Paragraph {numbers[0]}" if numbers else "No numbered paragraphs")}
    if numbers:
        item["refs"] = [numbers[0]]
    return item


def _unplaced(guide: Guide) -> str:
    from .inline import escape
    lines = ["# Text the importer could not place", "",
             "Each passage is printed as it stands, with where it was in the imported file; move it into "
             "the document or the notes, then remove this part from handbook.yaml.", ""]
    for where, text in guide.unplaced:
        place = f"{Path(where.path).name}:{where.line}" if where.line else Path(where.path).name
        lines += [f"{escape(place)}: {escape(text)}", ""]
    return "\n".join(lines)
