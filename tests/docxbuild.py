"""Write Word files for the import tests with python-docx: headings, numbered and lettered paragraphs,
bold, italics, links, comments, and footnotes (python-docx has no footnote API: the part is raw XML)."""
from __future__ import annotations

from xml.sax.saxutils import escape

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LETTERED_NUM_ID = "90"
RESTARTED_NUM_ID = "91"


class DocBuilder:
    """parts of a paragraph: "text", ("b", text), ("i", text), ("link", text, url), ("fn", footnote text),
    ("en", endnote text)."""

    def __init__(self):
        self.doc = Document()
        self.footnotes: list[str] = []
        self.endnotes: list[str] = []
        self._lettered = False

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level)

    def title(self, text: str, style: str = "Title"):
        return self.doc.add_paragraph(text, style=style)

    def para(self, *parts, style: str | None = None):
        paragraph = self.doc.add_paragraph(style=style)
        for part in parts:
            self._part(paragraph, part)
        return paragraph

    def numbered(self, *parts):
        """A paragraph numbered by Word's own list numbering (style List Number)."""
        return self.para(*parts, style="List Number")

    def numbered_from(self, start: int, *parts):
        """A List Number paragraph in a list Word restarts at `start` ("Set numbering value"): a w:num of the
        style's list with a startOverride, as Word writes it."""
        if not self.doc.part.numbering_part.element.xpath(f'./w:num[@w:numId="{RESTARTED_NUM_ID}"]'):
            style_num = self.doc.styles["List Number"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
            abstract = self.doc.part.numbering_part.element.xpath(
                f'./w:num[@w:numId="{style_num}"]/w:abstractNumId/@w:val')[0]
            self.doc.part.numbering_part.element.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{RESTARTED_NUM_ID}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        paragraph = self.para(*parts, style="List Number")
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{RESTARTED_NUM_ID}"/></w:numPr>'))
        return paragraph

    def lettered(self, *parts):
        """A list item lettered (a), (b) … by Word's numbering (a lowerLetter list defined here)."""
        self._letters()
        paragraph = self.para(*parts)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{LETTERED_NUM_ID}"/></w:numPr>'))
        return paragraph

    def comment(self, runs, text: str, author: str = "Chair"):
        lines = text.split("\n")
        comment = self.doc.add_comment(runs, text=lines[0], author=author, initials=author[:2])
        for line in lines[1:]:
            comment.add_paragraph(line)
        return comment

    def _part(self, paragraph, part):
        if isinstance(part, str):
            return paragraph.add_run(part)
        kind, text = part[0], part[1]
        if kind == "b":
            run = paragraph.add_run(text)
            run.bold = True
        elif kind == "i":
            run = paragraph.add_run(text)
            run.italic = True
        elif kind == "link":
            rid = paragraph.part.relate_to(part[2], RT.HYPERLINK, is_external=True)
            link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:rPr><w:rStyle '
                             f'w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                             '</w:hyperlink>')
            paragraph._p.append(link)
            return None
        elif kind in ("en", "fn"):  # an endnote or a footnote: its text kept, a superscript reference here
            notes, element = (self.endnotes, "endnoteReference") if kind == "en" else (self.footnotes,
                                                                                      "footnoteReference")
            notes.append(text)
            paragraph._p.append(parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:{element} w:id="{len(notes)}"/></w:r>'))
            return None
        else:
            raise ValueError(kind)
        return run

    def _letters(self):
        if self._lettered:
            return
        self._lettered = True
        numbering = self.doc.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LETTERED_NUM_ID}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{LETTERED_NUM_ID}"><w:abstractNumId '
                                   f'w:val="{LETTERED_NUM_ID}"/></w:num>'))

    def save(self, path):
        for tag, texts, content_type, reltype in (("footnote", self.footnotes, CT.WML_FOOTNOTES, RT.FOOTNOTES),
                                                  ("endnote", self.endnotes, CT.WML_ENDNOTES, RT.ENDNOTES)):
            if not texts:
                continue
            notes = "".join(
                f'<w:{tag} w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{tag}Ref/>'
                f'</w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:{tag}>'
                for i, text in enumerate(texts, 1))
            xml = (f'<w:{tag}s {W_NS}><w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                   f'</w:p></w:{tag}><w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                   f'<w:continuationSeparator/></w:r></w:p></w:{tag}>{notes}</w:{tag}s>')
            part = Part(PackURI(f"/word/{tag}s.xml"), content_type, xml.encode("utf-8"), self.doc.part.package)
            self.doc.part.relate_to(part, reltype)
        self.doc.save(str(path))
        return path
