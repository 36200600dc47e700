"""Issue 21's quicker stand-ins for ReportLab's PDF writing and image drawing write the very bytes ReportLab does."""
from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from handbook.layout import images
from handbook.output import pdfbytes

TEXTS = ["", "/Type /Annot /Subtype /Link", "0 0 612 792", "(Résolution 60/1)", "tab\tand\nnewline",
         "control \x18 and \x1f", "\x7f", "“quotes” — dash", "Ελληνικά", "ü" * 40, "a\x00b"]


def outcome(function, value):
    try:
        return function(value)
    except Exception as exc:  # noqa: BLE001  an error must be the same error
        return type(exc)


@pytest.mark.parametrize("text", TEXTS)
def test_text_encoding_is_reportlabs(text):
    assert outcome(pdfbytes.pdfdoc_enc, text) == outcome(pdfbytes._ORIGINAL["pdfdocEnc"], text)


def test_every_ascii_character_encodes_as_reportlab_does():
    for code in range(128):
        char = chr(code)
        assert outcome(pdfbytes.pdfdoc_enc, char * 3) == outcome(pdfbytes._ORIGINAL["pdfdocEnc"], char * 3), code
    assert pdfbytes.pdfdoc_enc(b"bytes \x18") == b"bytes \x18"


@pytest.mark.parametrize("name", ["Type", "Annot", "F1+0", "a b", "x#y", "(paren)", "é", "Im0", "[x]"])
def test_names_are_escaped_as_reportlab_does(name):
    assert pdfbytes.pdf_name(name) == pdfbytes._ORIGINAL["PDFName"](name)
    assert pdfbytes.pdf_name(name) == pdfbytes._ORIGINAL["PDFName"](name)  # the second time from the memo
    assert pdfbytes.pdf_name(name, "a", "z") == pdfbytes._ORIGINAL["PDFName"](name, "a", "z")


def test_the_helpers_are_what_reportlabs_writer_calls():
    assert pdfdoc.pdfdocEnc is pdfbytes.pdfdoc_enc and pdfdoc.PDFName is pdfbytes.pdf_name
    assert pdfdoc.PDFStreamFilterZCompress.encode is pdfbytes.zcompress


def test_kept_compression_gives_zlibs_bytes():
    from handbook.watch import Kept
    data = b"BT /F1 12 Tf (hello) Tj ET\n" * 50
    assert pdfdoc.PDFZCompress.encode(data) == zlib.compress(data)
    pdfbytes.compressed = Kept()
    try:
        first = pdfdoc.PDFZCompress.encode(data)
        again = pdfdoc.PDFZCompress.encode(bytes(data))  # equal bytes, another object
        text = pdfdoc.PDFZCompress.encode("é text")
    finally:
        pdfbytes.compressed = None
    assert first == again == zlib.compress(data) and text == zlib.compress("é text".encode("utf8"))


def _logos() -> dict:
    """Logos of every kind a style may have: transparent, opaque, gray, gray with alpha, a JPEG photo."""
    rgba = Image.new("RGBA", (40, 20), (27, 79, 138, 255))
    rgba.putpixel((3, 3), (255, 0, 0, 0))
    gray_alpha = Image.merge("LA", (rgba.convert("L"), rgba.getchannel("A")))
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 120, 10)).save(buffer, format="JPEG", quality=92)
    return {"rgba": rgba, "rgb": rgba.convert("RGB"), "gray": rgba.convert("L"), "gray-alpha": gray_alpha,
            "jpeg": buffer.getvalue()}


def _reader(kind: str, source):
    return ImageReader(io.BytesIO(source)) if kind == "jpeg" else ImageReader(source)


def _pdf(draw) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    draw(canvas)
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("kind", list(_logos()))
def test_logos_draw_as_reportlab_draws_them(kind):
    source = _logos()[kind]

    def ours(canvas):
        reader = _reader(kind, source)  # one reader for the document, as a build has
        for page in range(3):  # the header logo on every page, at two sizes
            images.draw_image(canvas, reader, 50, 700, 80, 40)
            images.draw_image(canvas, reader, 300 + page, 100, 40, 20)
            canvas.showPage()

    def reportlabs(canvas):
        reader = _reader(kind, source)
        for page in range(3):
            canvas.drawImage(reader, 50, 700, 80, 40, mask="auto")
            canvas.drawImage(reader, 300 + page, 100, 40, 20, mask="auto")
            canvas.showPage()
    expected = _pdf(reportlabs)
    assert _pdf(ours) == expected
    assert _pdf(ours) == expected  # a second document, from the image object kept for this image


def test_a_kept_logo_is_not_compressed_again(monkeypatch):
    image = _logos()["rgba"]
    _pdf(lambda canvas: images.draw_image(canvas, ImageReader(image), 0, 0, 10, 10))
    calls = []
    monkeypatch.setattr(pdfdoc.PDFImageXObject, "__init__",
                        lambda *args, **kwargs: calls.append(1) or pytest.fail("made again"))
    _pdf(lambda canvas: images.draw_image(canvas, ImageReader(image), 0, 0, 10, 10))  # a new reader, same image
    assert calls == []


class Forgetful(dict):
    """A memo that never remembers: every page plan, fill and footnote room worked out afresh."""

    def get(self, key, default=None):
        return default

    def __setitem__(self, key, value):
        pass


@pytest.mark.parametrize("style", ["wimun", "pocket"])
def test_the_planners_memos_change_no_byte(tmp_path, monkeypatch, style):
    """Pages crowded with notes near their foot, footnotes, splits: the planner's memos (a page's margin
    plan, its fills, its footnote room) give the PDF that planning everything again gives."""
    from guides import crowded_guide
    from handbook import build
    from handbook.layout import planner
    root = tmp_path / "project"
    crowded_guide(root, variant=1)
    remembered = build("crowded", style=style, root=root, output=tmp_path / "memo.pdf").path.read_bytes()
    monkeypatch.setattr(planner, "_memo", Forgetful)
    afresh = build("crowded", style=style, root=root, output=tmp_path / "afresh.pdf").path.read_bytes()
    assert afresh == remembered
