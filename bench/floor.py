"""The benchmark's yardstick: the same text as plain justified ReportLab paragraphs, one pass, nothing else."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONTS = Path(__file__).resolve().parent.parent / "handbook" / "style" / "fonts"


def main(text_file: str, pdf_file: str) -> None:
    paragraphs = json.loads(Path(text_file).read_text(encoding="utf-8"))
    pdfmetrics.registerFont(TTFont("Serif", str(FONTS / "LiberationSerif-Regular.ttf")))
    style = ParagraphStyle("body", fontName="Serif", fontSize=10.5, leading=13.6, alignment=TA_JUSTIFY,
                           spaceAfter=5)
    doc = SimpleDocTemplate(pdf_file, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, invariant=1)
    doc.build([Paragraph(escape(p), style) for p in paragraphs])


if __name__ == "__main__":
    main(*sys.argv[1:3])
