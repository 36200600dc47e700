"""The contents page, set in a single pass: rows are drawn at once, their page numbers filled in at the end.

Each row's page number is a form XObject that the row uses before it is defined; the document
defines every form when the last page is done, so contents never cost a second layout pass.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..style.theme import Theme
from .flowables import Paragraph
from .markup import escape
from .styles import Styles

NUMBER_ROOM = "0000"  # width kept free at the right for a page number


class ContentsRow(Flowable):
    """One contents line: title, dot leader, and the page number (a form filled in after layout)."""

    def __init__(self, title: str, key: str, level: int, style: ParagraphStyle, theme: Theme):
        super().__init__()
        self.title, self.key, self.level, self.style, self.theme = title, key, level, style, theme

    def wrap(self, aw, ah):
        self.width = aw
        room = stringWidth(NUMBER_ROOM, self.style.fontName, self.style.fontSize)
        self.para = Paragraph(escape(self.title), self.style)
        self.text_width = aw - room - 8
        _, h = self.para.wrap(self.text_width, ah)
        self.height = h
        return aw, h

    def draw(self):
        canv, style = self.canv, self.style
        self.para.drawOn(canv, 0, 0)
        lines = self.para.blPara.lines
        last = lines[-1]
        extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]  # room left on the last line
        end = self.text_width - style.rightIndent - extra + 4
        right = self.width
        number_left = right - stringWidth(NUMBER_ROOM, style.fontName, style.fontSize)
        canv.saveState()
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(self.theme.colour("muted"))
        dot = stringWidth(" .", style.fontName, style.fontSize)
        x = end + (dot - (end % dot))  # leaders on a common grid line up from row to row
        count = int((number_left - x) // dot)
        baseline = self.height - style.fontSize - (len(lines) - 1) * style.leading  # of the title's last line
        if count > 0:
            canv.drawString(x, baseline, " ." * count)
        canv.restoreState()
        canv.saveState()
        canv.translate(right, baseline)
        canv.doForm(form_name(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, right, self.height), relative=1)


def form_name(key: str) -> str:
    return "toc-" + key.replace(" ", "_")


def contents_story(theme: Theme, styles: Styles, entries: list[tuple[int, str, str]]) -> list:
    """`entries`: (level, title, destination key) in print order."""
    from .story import OutlinedParagraph
    head = theme.fonts["headings"]
    size = theme.sizes["body"]
    levels = [
        ParagraphStyle("toc0", fontName=head.bold, fontSize=size, leading=size * 1.6, textColor=theme.colour("text")),
        ParagraphStyle("toc1", fontName=theme.fonts["body"].regular, fontSize=size * 0.95, leading=size * 1.35,
                       leftIndent=18, textColor=theme.colour("text")),
        ParagraphStyle("toc2", fontName=theme.fonts["body"].italic, fontSize=size * 0.9, leading=size * 1.3,
                       leftIndent=36, textColor=theme.colour("text")),
    ]
    word = theme.words("contents")
    title = OutlinedParagraph(f'<a name="contents"/>{escape(word)}', styles.part_title, (word, "contents", 0))
    return [title] + [ContentsRow(text, key, level, levels[min(level, 2)], theme) for level, text, key in entries]


def define_page_forms(canv, theme: Theme, entries: list[tuple[int, str, str]], pages: dict) -> None:
    """Define every row's page-number form now that the pages are known (call before saving)."""
    size = theme.sizes["body"]
    for level, _, key in entries:
        # the number is set right-aligned at the form's origin, so its box reaches left of 0
        canv.beginForm(form_name(key), lowerx=-200, lowery=-size, upperx=size, uppery=2 * size)
        canv.setFont(theme.fonts["headings"].bold if level == 0 else theme.fonts["body"].regular,
                     size if level == 0 else size * 0.95)
        canv.setFillColor(theme.colour("text"))
        canv.drawRightString(0, 0, str(pages.get(key, "")))
        canv.endForm()
