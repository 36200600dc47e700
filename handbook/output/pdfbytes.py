"""ReportLab's PDF serialisation helpers made quicker, writing the same bytes.

Writing the PDF formats some twenty thousand small values (names, numbers, link rectangles),
each through two helpers of `reportlab.pdfbase.pdfdoc` that its writer looks up by name:
- `pdfdocEnc` encodes text through ReportLab's own PDFDocEncoding codec, a Python charmap codec
  (2.4 µs a call). PDFDocEncoding is ASCII for every ASCII character but 0x18-0x1F, so text
  without those takes Python's ASCII encoder (0.2 µs) and gets the same bytes.
- `PDFName` escapes a name character by character; the same few dozen names come again and
  again, so each is escaped once.
And, in a warm process only (`handbook watch`, which plugs in `compressed` and `links`), what the
last rebuild wrote for the same input is written again: a page's content stream that is byte for
byte the one of then takes the compressed bytes of then (zlib gives the same output for the same
input), and a link annotation with the same rectangle, border, contents and destination (formatted
first, as ReportLab formats it, with the page's object number) the same dictionary: the default
edition has 640 links, formatted value by value, and most pages do not change after an edit.
"""
from __future__ import annotations

import re
import zlib

from reportlab.pdfbase import pdfdoc

_ORIGINAL = {"pdfdocEnc": pdfdoc.pdfdocEnc, "PDFName": pdfdoc.PDFName, "encode": pdfdoc.PDFStreamFilterZCompress.encode,
             "link": pdfdoc.LinkAnnotation.format}
_NOT_ASCII_IN_PDFDOC = re.compile("[\x18-\x1f]")  # ASCII characters PDFDocEncoding maps elsewhere (or not at all)
_names: dict = {}
_NAMES_KEPT = 4096  # a document's names are a few dozen; a bound for a process that builds many

compressed = None  # bytes -> zlib output, a watch.Kept while a warm rebuild runs; None in a cold build
links = None  # a link's values -> its formatted dictionary, likewise


class _NotPlain(Exception):
    """A value whose formatting may depend on the document (an object, a dictionary): not kept."""


def pdfdoc_enc(x):
    """pdfdoc.pdfdocEnc: text in PDFDocEncoding, bytes as they are."""
    if isinstance(x, str):
        if x.isascii() and _NOT_ASCII_IN_PDFDOC.search(x) is None:
            return x.encode("ascii")
        return x.encode("extpdfdoc")
    return x


def pdf_name(data, lo=chr(0x21), hi=chr(0x7e)):
    """pdfdoc.PDFName, each name escaped once."""
    if lo != "!" or hi != "~" or not isinstance(data, str):
        return _ORIGINAL["PDFName"](data, lo, hi)
    name = _names.get(data)
    if name is None:
        if len(_names) >= _NAMES_KEPT:
            _names.clear()
        name = _names[data] = _ORIGINAL["PDFName"](data)
    return name


def zcompress(self, text):
    """PDFStreamFilterZCompress.encode, taking the bytes of the last rebuild for an unchanged stream."""
    kept = compressed
    if isinstance(text, str):
        text = text.encode("utf8")
    if kept is None:
        return zlib.compress(text)
    return kept.made(text, zlib.compress)


def _plain(value):
    """A value formatted the same in any document, as a hashable key (with its type: 1 and 1.0, True and 1
    are equal keys in Python), or _NotPlain."""
    if value is None or isinstance(value, (str, bytes, int, float)):
        return (type(value).__name__, value)
    if type(value) in (pdfdoc.PDFArray, pdfdoc.PDFArrayCompact, list, tuple):
        items = value.sequence if isinstance(value, pdfdoc.PDFArray) else value
        return (type(value).__name__, tuple(_plain(item) for item in items))
    raise _NotPlain


def link_format(self, document):
    """LinkAnnotation.format, taking the bytes of the last rebuild for a link that did not change."""
    kept = links
    if kept is None:
        return _ORIGINAL["link"](self, document)
    try:
        # the destination first, as the dictionary formats it (a page reference; nothing new registered)
        key = (type(self), _plain(self.Border), _plain(self.Rect), _plain(self.Contents),
               pdfdoc.format(self.Destination, document),
               tuple(sorted((name, _plain(value)) for name, value in self.otherkw.items())))
    except _NotPlain:
        return _ORIGINAL["link"](self, document)
    return kept.made(key, lambda _: _ORIGINAL["link"](self, document))


pdfdoc.pdfdocEnc = pdfdoc_enc
pdfdoc.PDFName = pdf_name
pdfdoc.PDFStreamFilterZCompress.encode = zcompress
pdfdoc.LinkAnnotation.format = link_format
