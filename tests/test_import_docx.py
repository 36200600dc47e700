"""`handbook import` of Word files: headings, numbering, lists, footnotes, links and comments as notes."""
from __future__ import annotations

from handbook import build
from handbook.importers import import_guide
from handbook.model import Emphasis, FootnoteRef, Link, Strong, walk_inline
from handbook.sources.reader import read_edition

from docxbuild import DocBuilder
from importcheck import DATA, missing_from_pdf, new_project, run


def _nodes(rich, kind) -> list:
    return [n for n in walk_inline(rich.nodes) if isinstance(n, kind)]


def test_a_word_guide_imports_with_everything_in_place(tmp_path):
    root = new_project(tmp_path)
    result = import_guide(root, DATA / "disarmament-guide.docx", edition="vienna")
    model, _ = read_edition(result.folder)
    document = model.documents[0]
    assert (model.conference, model.committee, model.title) == ("VIENNA MUN 2026", "First Committee", "Study Guide")
    assert model.organizer.name == "Vienna Model United Nations"
    assert model.organizer.address == ["Universitätsring 1", "1010 Vienna"]
    assert (document.title, document.subtitle) == ("Nuclear disarmament verification",
                                                   "Report of the Secretary-General")
    assert [(s.number, s.title) for s in document.sections] == [("I", "Introduction"),
                                                                ("II", "Verification in practice")]
    assert document.sections[0].body[2].title == "Submissions received"
    from docxsamples import PARAGRAPHS
    assert {p.number: " ".join(b.plain for b in p.blocks) for p in document.paragraphs} == PARAGRAPHS
    first, second, third, fourth, fifth = document.paragraphs[:5]
    assert [n.children[0].text for n in _nodes(first.blocks[0], Strong)] == ["nuclear disarmament verification"]
    assert [n.children[0].text for n in _nodes(second.blocks[0], Emphasis)] == ["confidence"]
    assert [n.url for n in _nodes(fourth.blocks[0], Link)] == ["https://www.ipndv.org/"]
    assert [(i.label, i.text.plain) for i in fifth.items] == [
        ("a", "Inspections with managed access to sensitive sites;"),
        ("b", "Radiation measurements behind information barriers;")]
    refs = [[r.number for r in _nodes(t, FootnoteRef)] for t in (first.blocks[0], third.blocks[0], fifth.items[1].text)]
    assert refs == [[1], [2], [3]]
    assert [f.text.plain for f in document.footnotes] == [
        "Resolution 80/241.", "The submissions are on the website of the Office for Disarmament Affairs.",
        "See the IPNDV phase II report."]
    notes = [(n.kind.id, str(n.attach), n.phrase) for n in document.notes]
    assert notes == [
        ("did-you-know", "§ I", ""),
        ("think-about", "¶ 1", "nuclear disarmament verification"),
        ("did-you-know", "¶ 2", "confidence"),  # no opening words: the default kind, and the report asks
        ("interesting-facts", "¶ 4", "has brought together more than twenty-five States since 2014"),
        ("did-you-know", "¶ 5 (a)", ""),  # the comment covers the whole item
    ]
    think = document.notes[1]
    assert think.body[0].text.plain.startswith("Can a State prove") and \
        [i.plain for i in think.body[1].items] == ["information barriers", "trusted equipment"]
    facts = document.notes[3]
    assert facts.body[0].ordered and len(facts.body[0].items) == 2  # a numbered list in a comment
    assert document.notes[4].plain.startswith("managed access was first tried")  # "Did you know that" is the label
    assert all("Ana Chair" not in n.plain and "Chair" != n.plain for n in document.notes)  # authors left out
    asked = "\n".join(f"{w}: {m}" for w, m in result.report.attention)
    assert "disarmament-guide.docx:13: comment without opening words" in asked
    built = build("vienna", output=tmp_path / "vienna.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def _typed_guide(path):
    b = DocBuilder()
    b.para("GENEVA MUN 2027")
    b.para("Study Guide")
    b.para("Human Rights Council")
    b.title("The right to privacy in the digital age")
    b.heading("Introduction", 1)  # no numeral: the importer numbers sections I, II …
    p1 = b.para("1. Everyone has the right to privacy, online as offline.", ("fn", "Resolution 68/167."))
    p2 = b.para("2. States collect data for many reasons:")
    b.para("(a) to provide public services;")
    item = b.para("(b) to keep their populations safe.")
    b.para("These reasons do not make every collection lawful.")  # after a list: kept, and asked about
    b.heading("Surveillance", 1)
    b.heading("Mass surveillance", 2)
    p3 = b.para("3. Mass surveillance interferes with the privacy of everyone whose data is collected, ",
                ("i", "whether or not"), " the data is ever read.")
    p3b = b.para("The interference must be necessary and proportionate.")
    table = b.doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Country"
    table.rows[0].cells[1].text = "Law"
    b.comment(p1.runs[0], "Interesting facts: the resolution was adopted without a vote.", author="Lea Moderator")
    b.comment([p2.runs[0], item.runs[0]], "RECENT UPDATES\nSeveral States have new data protection laws.")
    b.comment([p3.runs[1]], "Did you know that the Council appointed a Special Rapporteur on privacy in 2015?")
    b.comment(p3b.runs[0], "Something to think about...\nWho decides what is proportionate?")
    return b.save(path)


def test_typed_numbers_letters_and_what_needs_a_person(tmp_path):
    root = new_project(tmp_path)
    path = _typed_guide(tmp_path / "privacy.docx")
    result = run(root, "import", str(path), "--keep-authors")
    assert result.exit_code == 0, result.output
    model, _ = read_edition(root / "sources" / "privacy")
    document = model.documents[0]
    assert [(s.number, s.title) for s in document.sections] == [("I", "Introduction"), ("II", "Surveillance")]
    assert [p.number for p in document.paragraphs] == [1, 2, 3]
    assert [i.label for i in document.paragraphs[1].items] == ["a", "b"]
    assert document.paragraphs[2].blocks[1].plain == "The interference must be necessary and proportionate."
    notes = [(n.kind.id, str(n.attach), n.phrase, n.tag) for n in document.notes]
    assert notes == [
        ("interesting-facts", "¶ 1", "", ""),
        ("did-you-know", "¶ 2", "", "Recent updates"),  # a comment from ¶ 2 into its item (b): on ¶ 2, asked
        ("did-you-know", "¶ 3", "whether or not", ""),
        # a comment on a whole further paragraph of ¶ 3 is anchored at that paragraph's words
        ("think-about", "¶ 3", "The interference must be necessary and proportionate", ""),
    ]
    assert document.notes[0].body[-1].text.plain == "Lea Moderator"  # --keep-authors
    assert document.notes[0].plain.startswith("The resolution was adopted without a vote")
    out = result.output
    assert "privacy.docx:10: check: an unnumbered paragraph with no numbered paragraph to continue" in out
    assert "a table: tables are not part of the source format" in out
    assert "the commented text runs on past its paragraph" in out
    unplaced = (root / "sources" / "privacy" / "unplaced.md").read_text()
    assert "privacy.docx:15: Country \\| Law" in unplaced and "privacy.docx:10: These reasons" in unplaced
    built = build("privacy", output=tmp_path / "privacy.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def test_a_broken_word_file_is_one_error_and_writes_nothing(tmp_path):
    root = new_project(tmp_path)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(root, "import", str(bad))
    assert result.exit_code == 2 and "not a readable Word .docx file" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert list((root / "sources").iterdir()) == []


def _rezip(source, target, *, drop=(), document=None, extra=()):
    """A copy of the Word file `source` with parts left out, word/document.xml changed, or parts added."""
    import zipfile
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            data = old.read(info.filename)
            new.writestr(info.filename, document(data) if document and info.filename == "word/document.xml" else data)
        for name, data in extra:
            new.writestr(name, data)


def test_damaged_word_packages_are_one_error_never_an_internal_error(tmp_path):
    """Broken [Content_Types].xml, a truncated document.xml, an entity bomb, a zip bomb: each once gave exit 3
    (AttributeError from python-docx) or decoded hundreds of MB; each is one line, exit 2, nothing written."""
    builder = DocBuilder()
    builder.title("A guide")
    builder.numbered("The first paragraph.")
    good = tmp_path / "good.docx"
    builder.doc.save(good)
    laughs = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (bytes([ord("b") + i]), (b"&%c;" % (ord("a") + i)) * 10) for i in range(6)) + b"]>"
    cases = {
        "types.docx": dict(drop=("[Content_Types].xml",), extra=(("[Content_Types].xml", "<Types/>"),)),
        "truncated.docx": dict(document=lambda data: data[:len(data) // 2]),
        "laughs.docx": dict(document=lambda data: data.replace(b"?>", b"?>" + laughs, 1)
                            .replace(b"The first paragraph.", b"&g;" * 10)),
        "bomb.docx": dict(extra=(("word/padding.xml", "<a>" + "x" * 70_000_000 + "</a>"),)),
    }
    root = new_project(tmp_path / "project")
    for name, change in cases.items():
        _rezip(good, tmp_path / name, **change)
        result = run(root, "import", str(tmp_path / name))
        assert result.exit_code == 2, (name, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and f"{name}: error: not a" in lines[0], (name, result.output)
        assert list((root / "sources").iterdir()) == [], name


def test_an_external_entity_in_a_word_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-WORDS")
    builder = DocBuilder()
    builder.title("A guide")
    builder.numbered("The first paragraph.")
    good = tmp_path / "good.docx"
    builder.doc.save(good)
    entity = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file://%s">]>' % str(secret).encode()
    _rezip(good, tmp_path / "xxe.docx",
           document=lambda data: data.replace(b"?>", b"?>" + entity, 1).replace(b"first paragraph.", b"&x;"))
    root = new_project(tmp_path / "project")
    result = run(root, "import", str(tmp_path / "xxe.docx"))
    assert "TOP-SECRET" not in result.output
    for path in (root / "sources").rglob("*"):
        assert path.is_dir() or "TOP-SECRET" not in path.read_text(encoding="utf-8")
