"""pdfminer's reading of character spacing made the PDF specification's, for every test that reads a PDF.

PDF 32000-1, 9.3.2: the character spacing (Tc) is added after every glyph. pdfminer adds it between the
glyphs of one string only, so each string after the first on a line reads a little left of where it
prints: on a tracked line (linebreak._tracking) by the tracking at each change of font, link or highlight.
"""
from __future__ import annotations

from pdfminer.pdfdevice import PDFTextDevice

_render = PDFTextDevice.render_string_horizontal


def _render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, *rest):
    x, y = _render(self, seq, matrix, pos, font, fontsize, scaling, charspace, *rest)
    if charspace and any(isinstance(obj, bytes) and obj for obj in seq):
        x += charspace  # the last glyph's, which pdfminer leaves out (charspace is already scaled)
    return x, y


PDFTextDevice.render_string_horizontal = _render_string_horizontal
