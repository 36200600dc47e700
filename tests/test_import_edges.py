"""Regression tests for what the unseen guides of issue 18's audit found the importer getting wrong: each a
short guide with one of those shapes, imported and compared with what a person reading it would expect."""
from __future__ import annotations

from handbook import build
from handbook.importers import import_guide
from handbook.model import FootnoteRef, Link, walk_inline
from handbook.sources.reader import read_edition

from docxbuild import DocBuilder
from importcheck import missing_from_pdf, new_project, run

HEAD = """TEST MUN 2027

STUDY GUIDE

HUMAN RIGHTS COUNCIL

Test Secretariat

The right to food

Report of the Special Rapporteur

I. Introduction

"""


def _import(tmp_path, body: str, suffix: str = ".txt", head: str = HEAD):
    guide = tmp_path / f"guide{suffix}"
    guide.write_text(head + body, encoding="utf-8")
    root = new_project(tmp_path / "project")
    result = import_guide(root, guide, edition="guide")
    model = read_edition(result.folder)[0]
    asked = "\n".join(f"{w.line}: {m}" for w, m in result.report.attention)
    mapped = "\n".join(f"{w.line}: {m}" for w, m in result.report.mapped)
    return root, model, model.documents[0], asked, mapped


def test_a_list_item_cut_by_a_page_break_is_joined_after_the_notes(tmp_path):
    root, model, document, asked, mapped = _import(tmp_path, """\
1. The Special Rapporteur recommends that States:

- (a) Adopt a framework law on the right to food;
- (b) Establish an independent body with a mandate to receive complaints and to review the

1 Something to think about

Who should sit on such a body?

implementation of national strategies;
- (c) Report to the Human Rights Council every year.
""")
    items = document.paragraphs[0].items
    assert [(i.label, i.text.plain) for i in items] == [
        ("a", "Adopt a framework law on the right to food;"),
        ("b", "Establish an independent body with a mandate to receive complaints and to review the "
              "implementation of national strategies;"),
        ("c", "Report to the Human Rights Council every year.")]
    assert "24: continues ¶ 1 (b) after a page break: joined" in mapped and "could not place" not in asked
    built = build("guide", output=tmp_path / "guide.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def test_the_next_paragraph_after_a_numbered_list_in_a_note_is_the_documents(tmp_path):
    """A note's list ends at 2 where the document's next paragraph is 3: a long `3. …` is the paragraph (it
    was swallowed into the note as item 3, with the paragraphs after it), a short one the list's; both asked."""
    _, _, document, asked, _ = _import(tmp_path, """\
1. The right to adequate food is recognized in the Covenant. It binds 171 States.

2. The Special Rapporteur visited **three countries** in the past year.

2 Did you know that...

The three countries visited were:

1. Brazil;
2. Ecuador.

3. The Special Rapporteur thanks the Governments of the countries visited for their cooperation and for the
information they provided before and during the visits.

4. The report is structured as follows.
""")
    assert [p.number for p in document.paragraphs] == [1, 2, 3, 4]
    assert [i.plain for i in document.notes[0].body[1].items] == ["Brazil;", "Ecuador."]
    assert "30: read '4. The report is structured" not in asked  # 3 was the paragraph: 4 follows it, no doubt
    assert "26: read '3. The Special Rapporteur thanks the Governments of the cou…' as paragraph 3 of the " \
           "document, not item 3 of the list in the note" in asked


def test_a_short_numbered_line_after_a_notes_list_stays_in_the_list_and_is_asked(tmp_path):
    _, _, document, asked, _ = _import(tmp_path, """\
1. The right to adequate food is recognized in the Covenant.

2 Did you know that...

Two things matter:

1. availability;
2. access.
""")
    assert [p.number for p in document.paragraphs] == [1]
    assert [i.plain for i in document.notes[0].body[1].items] == ["availability;", "access."]
    assert "item 2 of the list in the note" in asked


def test_what_follows_a_notes_kind_words_on_its_line(tmp_path):
    """A bold or capitalised rest is a tag; a sentence is the note's first words (it was read as a tag: the
    whole note in the tag line, its body '(empty note)')."""
    _, _, document, _, _ = _import(tmp_path, """\
1. The right to adequate food is recognized in the **Covenant**. It binds 171 States.

2. The Special Rapporteur visited three countries in the past year.

1 Did you know that the Covenant was adopted in 1966?

2 Interesting facts... RECENT UPDATES

A fourth visit is planned.

I Something to think about... **LATEST** What is food security?
""")
    notes = [(str(n.attach), n.tag, n.plain) for n in document.notes]
    assert notes == [("§ I", "Latest", "What is food security?"),
                     ("¶ 1", "", "the Covenant was adopted in 1966?"),
                     ("¶ 2", "Recent updates", "A fourth visit is planned.")]
    assert document.notes[1].phrase == "Covenant"


def test_a_block_quote_ends_a_markdown_note(tmp_path):
    """The text after a quoted note is the document's, however it starts (it was kept in the note, unasked)."""
    _, _, document, asked, mapped = _import(tmp_path, """\
1. States parties to the 1954 Convention rose from 83 to 97. More than 30 States adopted procedures to
   **determine statelessness**.

> 1 Did you know that...
>
> UNHCR published a handbook on protection of stateless persons in 2014.

Statelessness determination procedures work best when they are simple and fair.

2. Kyrgyzstan resolved all known cases in 2019.
""", suffix=".md")
    assert document.paragraphs[0].plain.endswith("work best when they are simple and fair.")
    assert document.notes[0].plain == "UNHCR published a handbook on protection of stateless persons in 2014."
    assert "continues ¶ 1 after a page break: joined" in mapped and "as part of the note" not in asked


def test_a_close_call_between_a_note_and_the_cut_paragraph_is_asked(tmp_path):
    _, _, document, asked, _ = _import(tmp_path, """\
1. States parties to the 1954 Convention rose from 83 to 97. More than 30 States adopted procedures to
determine statelessness, which allow stateless persons to be identified.

1 Did you know that...

UNHCR published a handbook on protection of stateless persons in 2014.

Statelessness determination procedures work best when they are simple and fair.

2. Kyrgyzstan resolved all known cases in 2019.
""")
    assert len(document.notes[0].body) == 2  # the words alone cannot tell: kept in the note …
    assert "22: read 'Statelessness determination procedures work best when they…' as part of the note at " in asked
    assert "if it continues the paragraph after a page break, move it there" in asked  # … and asked about


def test_a_one_letter_network_is_a_contact(tmp_path):
    head = HEAD.replace("Test Secretariat\n", "Test Secretariat\n\nX: [@testmun](https://x.com/testmun)\n"
                                              "Y: not a handle\n")
    _, model, _, asked, _ = _import(tmp_path, "1. A paragraph.\n", head=head)
    assert [(s.network, s.handle, s.url) for s in model.organizer.social] == [("X", "@testmun", "https://x.com/testmun")]
    assert "cover line 'Y: not a handle' not placed" in asked  # a one-letter key without a handle is not


def test_words_restarted_list_numbering_is_honoured(tmp_path):
    """Word prints a list restarted at 4 ("Set numbering value") as 4, 5: so does the import (it numbered
    them 1, 2, renumbered them 3, 4 … and asked about each)."""
    b = DocBuilder()
    b.title("A guide")
    b.heading("Introduction", 1)
    b.para("1. The first paragraph, typed.")
    b.para("2. The second paragraph, typed.")
    b.para("3. The third paragraph, typed.")
    b.heading("Numbered by Word", 1)
    b.numbered_from(4, "The fourth paragraph.")
    b.numbered_from(4, "The fifth paragraph.")
    path = b.save(tmp_path / "restarted.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="restarted")
    document = read_edition(result.folder)[0].documents[0]
    assert [(p.number, p.plain) for p in document.paragraphs][3:] == [(4, "The fourth paragraph."),
                                                                      (5, "The fifth paragraph.")]
    assert not [m for _, m in result.report.attention if "paragraph" in m]


def test_endnotes_text_boxes_pictures_and_contents_controls_in_word(tmp_path):
    """Endnotes print as footnotes (their references and texts were dropped without a word); a text box's text
    and a picture are reported (dropped silently); a paragraph inside a content control is read (it was
    skipped); Word's own table of contents is left out, and the report says so."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from PIL import Image
    b = DocBuilder()
    b.title("A guide")
    toc = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                    '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents 1</w:t></w:r></w:p>'
                    '</w:sdtContent></w:sdt>')
    b.heading("Introduction", 1)._p.addprevious(toc)
    b.para("1. The first paragraph.", ("en", "An endnote with its own words."))
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>2. A paragraph in a content '
                        'control.</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    b.doc.element.body.insert(len(b.doc.element.body) - 1, control)
    boxed = b.para("3. A paragraph with a box.", ("fn", "A footnote after the endnote."))
    boxed._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>Boxed words a reader sees.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    b.endnotes.append("An endnote nobody points to.")  # its text was dropped, the report only said so
    Image.new("RGB", (8, 8), "red").save(tmp_path / "dot.png")
    b.doc.add_picture(str(tmp_path / "dot.png"))
    path = b.save(tmp_path / "word.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="word")
    model = read_edition(result.folder)[0]
    document = model.documents[0]
    assert [(p.number, p.plain) for p in document.paragraphs] == [
        (1, "The first paragraph."), (2, "A paragraph in a content control."), (3, "A paragraph with a box.")]
    assert [(f.number, f.text.plain) for f in document.footnotes] == [
        (1, "An endnote with its own words."), (2, "A footnote after the endnote.")]
    assert [[r.number for r in walk_inline(p.blocks[0].nodes) if isinstance(r, FootnoteRef)]
            for p in document.paragraphs] == [[1], [], [2]]
    asked = "\n".join(f"{w.line}: {m}" for w, m in result.report.attention)
    mapped = "\n".join(f"{w.line}: {m}" for w, m in result.report.mapped)
    assert "3: endnote (Word id 1) printed as footnote 1" in mapped
    assert "Word's table of contents: left out" in mapped
    assert "a text box: its text is kept" in asked and "a picture: pictures are not imported" in asked
    unplaced = (result.folder / "unplaced.md").read_text(encoding="utf-8")
    assert "Boxed words a reader sees." in unplaced and "An endnote nobody points to." in unplaced
    assert "an endnote (Word id 2) is never referenced in the body: its text is kept" in asked
    assert "Contents 1" not in "".join(p.read_text(encoding="utf-8") for p in result.folder.iterdir())
    built = build("word", output=tmp_path / "word.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def test_lettered_and_question_sub_headings_windows_lines_tabs_and_no_break_spaces(tmp_path):
    """UN reports letter their sub-headings (`A. Scope`, and `C.` reads like a Roman numeral); a study guide
    may ask one (`What is food security?`): all were folded into the paragraph above, or made section C."""
    body = ("A. Scope of the report\r\n\r\n1.\u00a0The right to adequate food is recognized in the Covenant.\r\n\r\n"
            "What is food security?\r\n\r\n2. Food security exists when all people have access to food.\r\n\r\n"
            "B. Methodology\r\n\r\n3. The report draws on visits.\r\n\r\nC. Challenges\r\n\r\n"
            "4. Access remains unequal.\r\n\r\nD. Structure\r\n\r\n5. The report has two sections.\r\n\r\n"
            "II.\tConclusion\r\n\r\n6. Food is a right.\r\n")
    _, _, document, asked, _ = _import(tmp_path, body)
    assert [(s.number, s.title, [getattr(b, "title", getattr(b, "number", None)) for b in s.body])
            for s in document.sections] == [
        ("I", "Introduction", ["A. Scope of the report", 1, "What is food security?", 2, "B. Methodology", 3,
                               "C. Challenges", 4, "D. Structure", 5]),
        ("II", "Conclusion", [6])]
    assert [p.plain for p in document.paragraphs][:2] == [
        "The right to adequate food is recognized in the Covenant.",
        "Food security exists when all people have access to food."]
    assert asked == ""


def test_a_reply_to_a_comment_is_not_a_note(tmp_path):
    """Word keeps a reply as a comment of its own on the same words: it became a second note ("Agreed, keep
    it."); it is the discussion, kept in unplaced.md and asked about."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    b = DocBuilder()
    b.title("A guide")
    b.heading("Introduction", 1)
    p = b.para("1. The ", ("b", "Water Convention"), " is open to all.")
    runs = [p.runs[1]]
    parent = b.comment(runs, "Did you know that it was adopted in 1992?")
    reply = b.comment(runs, "Agreed, keep it.", author="Second chair")
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    parent.paragraphs[-1]._p.set(f"{{{w14}}}paraId", "0A000001")
    reply.paragraphs[-1]._p.set(f"{{{w14}}}paraId", "0A000002")
    xml = ('<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
           '<w15:commentEx w15:paraId="0A000001" w15:done="0"/>'
           '<w15:commentEx w15:paraId="0A000002" w15:paraIdParent="0A000001" w15:done="0"/></w15:commentsEx>')
    part = Part(PackURI("/word/commentsExtended.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
                xml.encode(), b.doc.part.package)
    b.doc.part.relate_to(part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")
    path = b.save(tmp_path / "replies.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="replies")
    notes = read_edition(result.folder)[0].documents[0].notes
    assert [(str(n.attach), n.phrase, n.plain) for n in notes] == [("¶ 1", "Water Convention", "it was adopted in 1992?")]
    assert "a reply to comment 0: not a note" in "\n".join(m for _, m in result.report.attention)
    assert "Agreed, keep it." in (result.folder / "unplaced.md").read_text(encoding="utf-8")


def test_page_furniture_and_other_ways_of_writing_a_note_header(tmp_path):
    """A text extracted with its pages' job numbers, page numbers and running heads (they were joined into the
    paragraphs they cut), and note headers written `2.`, `(a)`, `Did you know?`, `Interesting fact:` (read
    as a second paragraph 2, as document text, or with '?' as the note's first paragraph)."""
    root, model, document, asked, mapped = _import(tmp_path, """\
1. The Special Rapporteur recommends that States adopt a framework law and establish an independent

13-38959 3/19

A/81/150

monitoring body. They should also:

- (a) Report every year;
- (b) Consult civil society.

2. Food security exists when all people have access to food.

*1338959*

2. Did you know?

The Committee on World Food Security meets every October.

(a) Interesting fact:

Twelve States report every year.

I Something to think about!

Who decides what is adequate?
""")
    assert [p.plain for p in document.paragraphs] == [
        "The Special Rapporteur recommends that States adopt a framework law and establish an independent "
        "monitoring body. They should also: Report every year; Consult civil society.",
        "Food security exists when all people have access to food."]
    assert [(str(n.attach), n.kind.id, n.plain) for n in document.notes] == [
        ("§ I", "think-about", "Who decides what is adequate?"),
        ("¶ 1 (a)", "interesting-facts", "Twelve States report every year."),
        ("¶ 2", "did-you-know", "The Committee on World Food Security meets every October.")]
    assert "page furniture '13-38959 3/19' (a running head or page number): skipped" in mapped
    assert "page furniture 'A/81/150'" in mapped and "page furniture '*1338959*'" in mapped
    assert asked == "" and not (root / "sources" / "guide" / "unplaced.md").exists()


def test_html_superscripts_are_footnote_markers(tmp_path):
    """`<sup>3</sup>`, as converters write a superscript, printed as those very characters."""
    _, _, document, asked, _ = _import(tmp_path, """\
1. The right to food is recognized in the Covenant.<sup>3</sup> It binds 171 States.

<sup>3</sup> International Covenant on Economic, Social and Cultural Rights, art. 11.
""", suffix=".md")
    assert [n.number for n in walk_inline(document.paragraphs[0].blocks[0].nodes) if isinstance(n, FootnoteRef)] \
        == [3]
    assert [(f.number, f.text.plain) for f in document.footnotes] == [
        (3, "International Covenant on Economic, Social and Cultural Rights, art. 11.")]
    assert asked == ""


def test_word_field_links_outline_levels_and_typed_section_numbers(tmp_path):
    """A link Word wrote as a HYPERLINK field (its URL was lost without a word); a heading made by a custom
    style's outline level (read as a paragraph); sections typed `1.`, `2.` (printed "I. 1. Introduction");
    an all-capitals heading whose first word is made of Roman letters (CIVIL read as a section numeral)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    b = DocBuilder()
    b.title("A guide")
    b.heading("1. Introduction", 1)
    p = b.para("1. See the ")
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.fao.org/right-to-food" </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>FAO guidelines</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>', '<w:r><w:t xml:space="preserve"> and the </w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK \\l "annex" </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>annex</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>', '<w:r><w:t>.</w:t></w:r>'):
        p._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    style = b.doc.styles.add_style("Section title", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    b.para("2. Background", style="Section title")
    b.para("2. The second paragraph.")
    b.heading("CIVIL SOCIETY", 1)
    b.para("3. The third paragraph.")
    path = b.save(tmp_path / "fields.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="fields")
    document = read_edition(result.folder)[0].documents[0]
    assert [(s.number, s.title) for s in document.sections] == [
        ("I", "Introduction"), ("II", "Background"), ("III", "CIVIL SOCIETY")]
    first = document.paragraphs[0].blocks[0]
    assert first.plain == "See the FAO guidelines and the annex."
    assert [(n.url, n.children[0].text) for n in walk_inline(first.nodes) if isinstance(n, Link)] == \
        [("https://www.fao.org/right-to-food", "FAO guidelines")]
    asked = "\n".join(m for _, m in result.report.attention)
    assert "the link on 'annex' points inside the Word file" in asked
    assert "section typed 1: numbered I" in "\n".join(m for _, m in result.report.mapped)


def test_superscripts_that_are_not_footnote_markers(tmp_path):
    """In a note or a footnote a superscript prints as it stands (it became a footnote reference there, which
    the sources refuse: the import failed on the files it wrote); after km or m it is an exponent."""
    root, model, document, asked, _ = _import(tmp_path, """\
1. The basin covers 20,000 km² and holds 5m³ of water per person.¹ It is shared.

¹ Data of 2024; the figure for 2023² is lower.

1 Did you know that...

Its area grew by 3 %¹ since 1990, and the notes of [^9] say so.
""")
    paragraph = document.paragraphs[0]
    assert paragraph.plain.startswith("The basin covers 20,000 km² and holds 5m³ of water per person.")
    assert [n.number for n in walk_inline(paragraph.blocks[0].nodes) if isinstance(n, FootnoteRef)] == [1]
    assert document.footnotes[0].text.plain == "Data of 2024; the figure for 2023² is lower."
    assert document.notes[0].plain == "Its area grew by 3 %¹ since 1990, and the notes of [^9] say so."
    built = build("guide", output=tmp_path / "guide.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []


def test_a_paragraph_read_as_the_title_is_kept_not_refused(tmp_path):
    """A title over the sources' limit made the import fail on the report.yaml it had written."""
    head = HEAD.replace("The right to food\n", "The right to food " + "and nutrition " * 30 + "\n")
    root, model, document, asked, _ = _import(tmp_path, "1. A paragraph.\n", head=head)
    assert document.title == "Untitled document"
    assert "the document title would be 437 characters long (at most 300)" in asked
    assert "and nutrition and nutrition" in (root / "sources" / "guide" / "unplaced.md").read_text(encoding="utf-8")


def test_a_comment_on_a_tables_text_says_so(tmp_path):
    """It said the comment "marks no text"; the table's text is kept at the end, the note on the report."""
    b = DocBuilder()
    b.title("A guide")
    b.heading("Introduction", 1)
    b.para("1. First.")
    table = b.doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cell A"
    b.comment(table.rows[0].cells[0].paragraphs[0].runs, "Did you know that the table is kept?")
    b.comment(b.para("Interesting fact: one fact, singular.").runs, "Interesting fact: one kind word, singular.")
    path = b.save(tmp_path / "table.docx")
    result = import_guide(new_project(tmp_path / "project"), path, edition="table")
    notes = read_edition(result.folder)[0].documents[0].notes
    assert [(str(n.attach), n.kind.id, n.plain) for n in notes] == [
        ("report", "did-you-know", "the table is kept?"), ("¶ 1", "interesting-facts", "One kind word, singular.")]
    assert "comment 0 is on a table's text (kept at the end): attached to the whole document" in \
        [m for _, m in result.report.attention]


def highlighted_runs(pdf, style: str = "wimun") -> list[tuple[str, str]]:
    """Each run of words of the text column printed on an anchor phrase's highlight (a run goes on over a line
    end), with the two words printed before it; note markers (●1) left out."""
    import re

    import pdfplumber

    from handbook.style.theme import load_theme

    from conftest import REPO
    theme = load_theme(style, REPO / "styles")
    colour = theme.colour("highlight")
    rgb = (colour.red, colour.green, colour.blue)
    runs = []
    with pdfplumber.open(str(pdf)) as opened:
        for page in opened.pages:
            fills = [r for r in page.rects if r.get("fill") and len(r.get("non_stroking_color") or ()) == 3 and
                     all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], rgb))]
            words = [dict(w, text=re.sub(r"[^\w,.;:'’-]+\d*$", "", w["text"]))
                     for w in page.extract_words(extra_attrs=["size"]) if abs(w["size"] - theme.sizes["body"]) < 0.1]
            marked = [any(f["x0"] - 1 <= (w["x0"] + w["x1"]) / 2 <= f["x1"] + 1 and
                          f["top"] - 1 <= (w["top"] + w["bottom"]) / 2 <= f["bottom"] + 1 for f in fills) for w in words]
            k = 0
            while k < len(words):
                if not marked[k]:
                    k += 1
                    continue
                end = k
                while end < len(words) and marked[end]:
                    end += 1
                runs.append((re.sub(r"(?<=[a-z])- (?=[a-z])", "", " ".join(w["text"] for w in words[k:end])),
                             " ".join(w["text"] for w in words[max(0, k - 2):k])))
                k = end
    return runs


def test_a_word_comment_on_the_second_of_two_like_phrases_says_which(tmp_path):
    """A comment on the second 'Council met in Geneva' of its paragraph became a note on the first (the
    import wrote no `occurrence`, and `check` warned that the phrase stands twice). The occurrence now comes
    from where the comment's range starts; a further paragraph's blocks count too, as `check` counts them."""
    b = DocBuilder()
    b.title("A guide")
    b.heading("Introduction", 1)
    p1 = b.para("1. In March the Council met in Geneva to hear the parties; a year later ",
                "the Council met in Geneva", " again, to adopt the text.")
    b.comment([p1.runs[1]], "Did you know that the text was adopted without a vote?")
    b.para("2. In 2019 the first session opened the debate.")
    b.para("Yet the first session closed it too.")
    p3 = b.para("In the end ", "the first session", " was the only one.")  # a third block of ¶ 2
    b.comment([p3.runs[1]], "Something to think about\nWhy did one session suffice?")
    path = b.save(tmp_path / "twice.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="twice")
    notes_yaml = (result.folder / "notes.yaml").read_text(encoding="utf-8")
    assert "occurrence: 2" in notes_yaml and "occurrence: 3" in notes_yaml, notes_yaml
    notes = read_edition(result.folder)[0].documents[0].notes
    assert [(str(n.attach), n.phrase, n.occurrence) for n in notes] == [
        ("¶ 1", "the Council met in Geneva", 2), ("¶ 2", "the first session", 3)]
    checked = run(root, "check", "twice", "--strict")
    assert checked.exit_code == 0, checked.output
    assert "occurs" not in checked.output and "stands" not in checked.output
    built = build("twice", output=tmp_path / "twice.pdf", root=root)
    runs = [run for run in highlighted_runs(built.path) if not run[0].isdigit()]  # not the paragraph numbers
    assert runs == [("the Council met in Geneva", "year later"), ("the first session", "the end")], runs


def test_a_note_on_a_paragraph_takes_the_bold_phrase_of_one_of_its_items(tmp_path):
    """A note labelled `2` explains a phrase that is bold in item (b) of paragraph 2: it got no phrase (only the
    paragraph's own bold phrases were looked at) and the phrase printed bold. It now takes the item's phrase and
    is attached to 2(b), where the sources find a phrase of an item; a paragraph's own phrase still goes first
    to the note that explains it, and a note labelled with the item keeps its own."""
    for suffix, quote in ((".txt", ""), (".md", "> ")):
        body = f"""\
1. The Special Rapporteur visited **three countries** in the past year.

2. The Special Rapporteur recommends that States, with the help of the **regional commissions**:

- (a) Adopt a **framework law** on the right to food;
- (b) Establish an **independent complaints body** with a mandate to review national strategies;
- (c) Report to the **Human Rights Council** every year.

{quote}2 Did you know that...
{quote}
{quote}Twelve States already have an independent body that hears complaints about food.

{quote}c) Something to think about
{quote}
{quote}What should a yearly report to the Council hold?

{quote}2 Interesting facts...
{quote}
{quote}There are five regional commissions of the United Nations.
"""
        folder = tmp_path / suffix[1:]
        folder.mkdir()
        root, model, document, asked, mapped = _import(folder, body, suffix=suffix)
        assert sorted((str(n.attach), n.phrase) for n in document.notes) == [
            ("¶ 2", "regional commissions"), ("¶ 2 (b)", "independent complaints body"),
            ("¶ 2 (c)", "Human Rights Council")], suffix
        assert "its phrase 'independent complaints body' is in item (b), so it is attached to 2(b)" in mapped
        assert "the bold phrase 'framework law' of ¶ 2(a) explains no note: kept bold" in asked
        items = {i.label: i.text for i in document.paragraphs[1].items}
        assert not [n for n in walk_inline(items["b"].nodes) if type(n).__name__ == "Strong"]  # highlighted instead
        assert [n for n in walk_inline(items["a"].nodes) if type(n).__name__ == "Strong"]
        checked = run(root, "check", "guide", "--strict")
        assert checked.exit_code == 0, checked.output
        built = build("guide", output=folder / "guide.pdf", root=root)
        assert missing_from_pdf(model, built.path, "wimun") == []
        runs = [r for r in highlighted_runs(built.path) if not r[0].isdigit()]
        assert ("independent complaints body", "Establish an") in runs and \
            ("Human Rights Council", "to the") in runs and ("regional commissions", "of the") in runs, runs


def _heading_lines(pdf) -> list[str]:
    """The PDF's lines, as pdfplumber reads them (superscripts as the characters they are)."""
    import pdfplumber
    with pdfplumber.open(str(pdf)) as opened:
        return [" ".join(line.split()) for page in opened.pages for line in (page.extract_text() or "").splitlines()]


def test_superscripts_in_titles_and_sub_headings_are_kept(tmp_path):
    """`I. Introduction²` lost its superscript on import (the title was made plain, footnote markers left out):
    footnote 2 was then never referenced, and a superscript that was no footnote ('2020⁴') vanished. A marker with
    its footnote is now a footnote reference in the title (`[^2]`, which titles hold); one without prints as the
    superscript it was, and the report asks. The report's own title keeps its marker the same way. In the text
    shape, and in Markdown (`^2^`, `<sup>3</sup>`)."""
    bodies = {".txt": "I. Introduction²\n\nBackground of the mandate³\n\n1. The first paragraph.¹\n\n"
                      "II. Measures adopted in 2020⁴\n\n2. The second paragraph.\n\n"
                      "¹ A footnote of the text.\n\n² A footnote on the whole introduction.\n\n"
                      "³ A footnote on the background.\n\n⁵ A footnote on the title of the report.\n",
              ".md": "## I. Introduction^2^\n\n### Background of the mandate<sup>3</sup>\n\n"
                     "1. The first paragraph.[^1]\n\n## II. Measures adopted in 2020^4^\n\n2. The second paragraph.\n\n"
                     "[^1]: A footnote of the text.\n\n[^2]: A footnote on the whole introduction.\n\n"
                     "[^3]: A footnote on the background.\n\n[^5]: A footnote on the title of the report.\n"}
    titles = {".txt": "The right to food⁵\n", ".md": "The right to food^5^\n"}
    for suffix, body in bodies.items():
        folder = tmp_path / suffix[1:]
        folder.mkdir()
        head = HEAD.replace("I. Introduction\n\n", "").replace("The right to food\n", titles[suffix])
        root, model, document, asked, _ = _import(folder, body, suffix=suffix, head=head)
        assert document.title == "The right to food" and \
            [n.number for n in walk_inline(document.title_text.nodes) if isinstance(n, FootnoteRef)] == [5]
        first, second = document.sections
        assert (first.title, second.title) == ("Introduction", "Measures adopted in 2020⁴"), suffix
        assert [n.number for n in walk_inline(first.title_text.nodes) if isinstance(n, FootnoteRef)] == [2]
        sub = first.body[0]
        assert sub.title == "Background of the mandate" and \
            [n.number for n in walk_inline(sub.title_text.nodes) if isinstance(n, FootnoteRef)] == [3]
        assert "superscript 4 has no footnote text: printed as it stands" in asked
        assert "never referenced" not in asked
        checked = run(root, "check", "guide", "--strict")
        assert checked.exit_code == 0, checked.output
        built = build("guide", output=folder / "guide.pdf", root=root)
        assert missing_from_pdf(model, built.path, "wimun") == []
        lines = _heading_lines(built.path)
        assert "I. Introduction2" in lines and "Background of the mandate3" in lines, lines
        assert "II. Measures adopted in 2020⁴" in lines
        assert any(line.endswith("A footnote on the whole introduction.") for line in lines)
        assert any(line.endswith("A footnote on the background.") for line in lines)
        assert "The right to food5" in lines and any(line.endswith("A footnote on the title of the report.") for line in lines)
        assert any(line.startswith("I. Introduction .") for line in lines), lines  # contents: no footnote number


def test_superscripts_in_word_headings_are_kept(tmp_path):
    """A Word heading's footnote reference was dropped with the title made plain (its footnote then referenced
    nowhere), and a typed superscript ('2020' then a raised '2') ran into the number ('20202'). The reference
    stays in the title; typed superscript digits print as superscript characters, there and in the text; raised
    letters, which the sources cannot raise, print on the line and the report says so."""
    b = DocBuilder()
    b._part(b.title("A guide"), ("fn", "A footnote on the title of the report."))
    first = b.heading("I. Introduction", 1)
    b._part(first, ("fn", "A footnote on the whole introduction."))
    sub = b.heading("Background of the mandate", 2)
    b._part(sub, ("fn", "A footnote on the background."))
    b.para("1. The first paragraph.", ("fn", "A footnote of the text."))
    second = b.heading("II. Measures adopted in 2020", 1)
    second.add_run("2").font.superscript = True
    p2 = b.para("2. The basin covers 20,000 km")
    p2.add_run("2").font.superscript = True
    p2.add_run(" and the 1")
    p2.add_run("st").font.superscript = True
    p2.add_run(" survey says so.")
    path = b.save(tmp_path / "heads.docx")
    root = new_project(tmp_path / "project")
    result = import_guide(root, path, edition="heads")
    model = read_edition(result.folder)[0]
    document = model.documents[0]
    first_s, second_s = document.sections
    assert (first_s.title, second_s.title) == ("Introduction", "Measures adopted in 2020²")
    assert [n.number for n in walk_inline(document.title_text.nodes) if isinstance(n, FootnoteRef)] == [1]
    assert [n.number for n in walk_inline(first_s.title_text.nodes) if isinstance(n, FootnoteRef)] == [2]
    assert [n.number for n in walk_inline(first_s.body[0].title_text.nodes) if isinstance(n, FootnoteRef)] == [3]
    assert document.paragraphs[1].plain == "The basin covers 20,000 km² and the 1st survey says so."
    asked = [f"{w}: {m}" for w, m in result.report.attention]
    assert any(line.endswith("heads.docx:6: superscript 'st' prints on the line (the sources raise digits only)")
               for line in asked), asked
    assert [f.text.plain for f in document.footnotes] == ["A footnote on the title of the report.",
        "A footnote on the whole introduction.", "A footnote on the background.", "A footnote of the text."]
    checked = run(root, "check", "heads", "--strict")
    assert checked.exit_code == 0, checked.output
    built = build("heads", output=tmp_path / "heads.pdf", root=root)
    assert missing_from_pdf(model, built.path, "wimun") == []
    lines = _heading_lines(built.path)
    assert "A guide1" in lines and "I. Introduction2" in lines and "Background of the mandate3" in lines and \
        "II. Measures adopted in 2020²" in lines, lines
    assert any(line.endswith("A footnote on the whole introduction.") for line in lines)
