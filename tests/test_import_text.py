"""`handbook import` of the study guide's own text shape: the seed round trip, other guides, Markdown."""
from __future__ import annotations

import pytest

from handbook import build
from handbook.importers import import_guide
from handbook.model import FootnoteRef, Link, Strong, walk_inline
from handbook.sources.reader import read_edition

from conftest import DEFAULT_EDITION, REPO
from importcheck import DATA, missing_from_pdf, new_project, run

# What the importer cannot take from the seed text, each with the reason; the test checks each one.
SEED_DIFFERENCES = {
    "symbol": "the seed has no document symbol (A/67/929–S/2013/399 is printed on the cover of the PDF it "
              "was extracted from, not in its text): the imported report has none",
    "links": "two links lost their targets in the seed ('[Syrian Arab Republic](#)', '[Common article 1 of the "
             "Geneva Conventions](#)'): their words are kept as plain text and the report asks for the URLs",
    "second pillar": "'**second pillar**' in ¶ 2 is bold in the seed but explains no note: it stays bold, the "
                     "default edition prints it plain",
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("seed"))
    result = import_guide(root, DATA / "seed-guide.txt", edition="seed")
    model, _ = read_edition(result.folder)
    return result, model


@pytest.fixture(scope="module")
def default_model():
    return read_edition(REPO / "sources" / DEFAULT_EDITION)[0]


def _refs(rich) -> list:
    return [n.number for n in walk_inline(rich.nodes) if isinstance(n, FootnoteRef)]


def test_seed_round_trip_paragraphs_lists_and_footnotes(seed, default_model):
    _, model = seed
    ours, theirs = model.documents[0], default_model.documents[0]
    assert [p.number for p in ours.paragraphs] == list(range(1, 78))
    for mine, given in zip(ours.paragraphs, theirs.paragraphs, strict=True):
        assert (mine.number, mine.plain) == (given.number, given.plain)
        assert [_refs(b) for b in mine.blocks] == [_refs(b) for b in given.blocks] or \
            sum(map(_refs, mine.blocks), []) == sum(map(_refs, given.blocks), [])
        assert [(i.label, i.text.plain, _refs(i.text)) for i in mine.items] == \
            [(i.label, i.text.plain, _refs(i.text)) for i in given.items]
    assert [(s.number, s.title, [getattr(b, "title", b.__class__.__name__) for b in s.body]) for s in ours.sections] \
        == [(s.number, s.title, [getattr(b, "title", b.__class__.__name__) for b in s.body]) for s in theirs.sections]
    assert [(f.number, f.text.plain) for f in ours.footnotes] == [(f.number, f.text.plain) for f in theirs.footnotes]
    assert len(ours.footnotes) == 5
    assert (ours.title, ours.subtitle, ours.header) == (theirs.title, theirs.subtitle, theirs.header)


def test_seed_round_trip_notes_kinds_attachments_and_phrases(seed, default_model):
    _, model = seed
    ours, theirs = model.documents[0].notes, default_model.documents[0].notes
    assert len(ours) == 32
    assert [(n.number, n.kind.id, str(n.attach), n.phrase, n.occurrence, n.tag, n.plain) for n in ours] == \
        [(n.number, n.kind.id, str(n.attach), n.phrase, n.occurrence, n.tag, n.plain) for n in theirs]
    # a numbered list inside a note stays in the note (note on ¶ 13), bullets too (¶ 42)
    on_13 = next(n for n in ours if str(n.attach) == "¶ 13")
    assert [type(b).__name__ for b in on_13.body] == ["Prose", "ItemList", "Prose"] and on_13.body[1].ordered


def test_seed_round_trip_cover_and_the_listed_differences(seed, default_model):
    result, model = seed
    assert (model.conference, model.committee, model.title, model.organizer) == \
        (default_model.conference, default_model.committee, default_model.title, default_model.organizer)
    ours, theirs = model.documents[0], default_model.documents[0]
    # the differences the importer cannot avoid (SEED_DIFFERENCES says why), each as described
    assert ours.symbol == "" and theirs.symbol == "A/67/929–S/2013/399", SEED_DIFFERENCES["symbol"]
    for number in (4, 6):
        assert not any(isinstance(n, Link) for n in walk_inline(ours.paragraphs[number - 1].blocks[0].nodes))
        assert any(isinstance(n, Link) for n in walk_inline(theirs.paragraphs[number - 1].blocks[0].nodes)), \
            SEED_DIFFERENCES["links"]
    bold = [n for n in walk_inline(ours.paragraphs[1].blocks[0].nodes) if isinstance(n, Strong)]
    assert [n.children[0].text for n in bold] == ["second pillar"], SEED_DIFFERENCES["second pillar"]
    asked = "\n".join(f"{w}: {m}" for w, m in result.report.attention)
    assert "seed-guide.txt:116: the link on 'Syrian Arab Republic' has no usable target" in asked
    assert "seed-guide.txt:120: the link on 'Common article 1 of the Geneva Conventions'" in asked
    assert "the bold phrase 'second pillar' of ¶ 2 explains no note" in asked
    # the seed's own slip: its copies of ¶ 72 differ; the first is kept, which is what the edition prints
    assert "the copies of ¶ 72 differ ('These' / 'Those'); kept the first" in asked
    mapped = "\n".join(f"{w}: {m}" for w, m in result.report.mapped)
    assert "seed-guide.txt:70: UN header block repeated" in mapped
    assert "seed-guide.txt:226: continues ¶ 28 after a page break: joined" in mapped


def test_seed_import_builds_with_every_paragraph_note_and_footnote(seed, tmp_path):
    result, model = seed
    built = build("seed", output=tmp_path / "seed.pdf", root=result.folder.parent.parent)
    assert missing_from_pdf(model, built.path, "wimun") == []
    assert built.pages >= 20


def test_a_climate_guide_in_the_text_shape(tmp_path):
    """Another topic, other numbers: a repeated page, a paragraph cut by notes, a note tag on its own line,
    a numbered list in a note, a note on a section, on the whole report and on a list item."""
    root = new_project(tmp_path)
    result = import_guide(root, DATA / "climate-guide.txt", edition="climate", style="pocket")
    model, _ = read_edition(result.folder)
    document = model.documents[0]
    assert [p.number for p in document.paragraphs] == list(range(1, 11))
    assert (model.conference, model.committee, model.title) == \
        ("OSLO MODEL UNITED NATIONS 2026", "United Nations Environment Assembly", "Background Guide")
    assert model.organizer.email == "secretariat@oslomun.example" and model.organizer.address[-1] == "Norway"
    assert model.organizer.social[0].url == "https://www.instagram.com/oslomun"
    cut = document.paragraphs[3]
    assert len(cut.blocks) == 1 and cut.plain.endswith("that has left several million people in need of "
                                                        "humanitarian assistance.")
    assert [s.title for s in document.sections] == ["Introduction", "Channels of insecurity", "The way forward"]
    assert [getattr(b, "title", None) for b in document.sections[1].body if not hasattr(b, "number")] == \
        ["Migration and displacement"]
    notes = [(n.kind.id, str(n.attach), n.phrase, n.tag) for n in document.notes]
    assert notes == [
        ("did-you-know", "report", "", ""),
        ("interesting-facts", "¶ 2", "", "Recent updates"),  # a note on the paragraph comes before one on a phrase
        ("think-about", "¶ 2", "threat multiplier", ""),
        ("interesting-facts", "§ II", "", ""),
        ("did-you-know", "¶ 4", "Lake Chad basin", ""),
        ("did-you-know", "¶ 9", "", ""),
        ("think-about", "¶ 9 (a)", "early warning systems", ""),
    ]
    think = document.notes[2]
    assert [type(b).__name__ for b in think.body] == ["Prose", "ItemList", "Prose"]
    assert [i.plain for i in think.body[1].items][0] == "its seat at the United Nations;"
    assert [f.number for f in document.footnotes] == [1, 2]
    assert any(isinstance(n, Link) and n.url.startswith("https://www.un.org/")
               for n in walk_inline(document.footnotes[1].text.nodes))
    # the bold phrase of a paragraph without a note stays bold
    assert any(isinstance(n, Strong) for n in walk_inline(document.paragraphs[6].blocks[0].nodes))
    built = build("climate", output=tmp_path / "climate.pdf", root=root)
    assert missing_from_pdf(model, built.path, "pocket") == []


def test_the_text_shape_in_markdown(tmp_path):
    root = new_project(tmp_path)
    result = import_guide(root, DATA / "ocean-guide.md")
    assert result.folder.name == "ocean-guide"
    model, _ = read_edition(result.folder)
    document = model.documents[0]
    assert [p.number for p in document.paragraphs] == [1, 2, 3, 4]
    assert document.paragraphs[0].plain.startswith("The oceans cover more than seventy per cent of the surface of "
                                                   "the Earth and sustain")  # hard-wrapped lines joined
    assert _refs(document.paragraphs[0].blocks[0]) == [1] and len(document.footnotes) == 1
    assert [(str(n.attach), n.kind.id) for n in document.notes] == [
        ("¶ 1", "did-you-know"), ("¶ 2", "think-about"), ("¶ 3", "interesting-facts"), ("¶ 4 (b)", "did-you-know")]
    assert document.sections[1].body[0].title == "The high seas"
    built = build("ocean-guide", output=tmp_path / "ocean.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def test_import_command_prints_file_lines_and_never_overwrites(tmp_path):
    root = new_project(tmp_path)
    result = run(root, "import", str(DATA / "climate-guide.txt"), "--edition", "oslo", "--style", "print-bw")
    assert result.exit_code == 0, result.output
    assert "climate-guide.txt:49: note think-about on 2, phrase 'threat multiplier'" in result.output
    assert "needs a person's attention" in result.output and "climate-guide.txt:49: check:" in result.output
    assert "created" in result.output and "10 paragraphs, 2 footnotes, 7 notes" in result.output
    handbook_yaml = root / "sources" / "oslo" / "handbook.yaml"
    assert "style: print-bw" in handbook_yaml.read_text()
    before = {p.name: p.read_bytes() for p in handbook_yaml.parent.iterdir()}
    again = run(root, "import", str(DATA / "ocean-guide.md"), "--edition", "oslo")
    assert again.exit_code == 2 and "already exists" in again.output
    assert {p.name: p.read_bytes() for p in handbook_yaml.parent.iterdir()} == before
    built = run(root, "build", "oslo")
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize("name, text, message", [
    ("guide.pdf", "%PDF-1.4", "cannot import '.pdf' files"),
    ("guide.txt", b"\xff\xfe\x00broken", "not UTF-8 text"),
])
def test_import_refuses_what_it_cannot_read(tmp_path, name, text, message):
    root = new_project(tmp_path)
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    result = run(root, "import", str(path))
    assert result.exit_code == 2 and message in result.output, result.output
    assert list((root / "sources").iterdir()) == []


def test_text_it_cannot_place_is_kept_and_reported(tmp_path):
    root = new_project(tmp_path)
    guide = tmp_path / "odd.txt"
    guide.write_text("TEST MUN 2026\n\nSTUDY GUIDE\n\nHISTORICAL SECURITY COUNCIL\n\nTest Secretariat\n\n"
                     "A report\n\nI. Opening\n\n1. The first paragraph.\n\n3. A paragraph out of order.\n\n"
                     "2. The second paragraph, numbered after the third.\n\n"
                     "7 Did you know that...\n\nA note on a paragraph that does not exist.\n", encoding="utf-8")
    result = run(root, "import", str(guide))
    assert result.exit_code == 0, result.output
    assert "odd.txt:17: check: paragraph 2 after paragraph 3: numbers must ascend; kept as plain text" in result.output
    assert "odd.txt:19: check: note label '7' names nothing in the document" in result.output
    folder = root / "sources" / "odd"
    assert "2\\. The second paragraph, numbered after the third." in (folder / "unplaced.md").read_text() or \
        "2. The second paragraph, numbered after the third." in (folder / "unplaced.md").read_text()
    model, _ = read_edition(folder)
    assert [p.kind for p in model.parts] == ["cover", "contents", "document", "prose", "cheatsheet", "index"]
    built = build("odd", output=tmp_path / "odd.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


MUTATIONS = ["", "**", "[x](", "¹²", "- ", "1.", "IV.", "a) Did you know that...", "0 Something to think about",
             "RECENT", "> ", "#", "[^9]", "Distr.: General", "\\", "*a", "__b__", "C. Heading", "13-38959 3/19",
             "<sup>4</sup> x", "(b) Interesting fact:", "3. short", "> 4. quoted", "A/81/1"]
GUIDES = ["ocean-guide.md", "climate-guide.txt", "pandemic-guide.txt", "statelessness-guide.md"]


@pytest.mark.parametrize("seed_number", range(16))
def test_damaged_guides_import_or_refuse_in_one_line(tmp_path, seed_number):
    """Lines deleted, repeated, cut short or replaced by stray markup: the import writes an edition that
    reads back (write_edition checks it) or refuses with one error; never a traceback."""
    import random
    from handbook.errors import HandbookError
    rnd = random.Random(seed_number)
    source = DATA / GUIDES[seed_number % len(GUIDES)]
    lines = source.read_text(encoding="utf-8").splitlines()
    for _ in range(rnd.randint(3, 25)):
        j, op = rnd.randrange(len(lines)), rnd.random()
        if op < 0.3:
            del lines[j]
        elif op < 0.6:
            lines.insert(j, lines[rnd.randrange(len(lines))])
        elif op < 0.8:
            lines[j] = lines[j][:rnd.randrange(len(lines[j]) + 1)]
        else:
            lines.insert(j, rnd.choice(MUTATIONS))
    guide = tmp_path / f"damaged{source.suffix}"
    guide.write_text("\n".join(lines), encoding="utf-8")
    root = new_project(tmp_path / "project")
    try:
        result = import_guide(root, guide, edition="damaged")
    except HandbookError as exc:
        assert "found no numbered paragraph" in str(exc) and len(str(exc).splitlines()) == 1
        return
    assert read_edition(result.folder)[0].documents[0].paragraphs
