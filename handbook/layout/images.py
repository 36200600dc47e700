"""Logos drawn as PDF image objects made once per image, not once per page and build.

ReportLab's `drawImage` names an image by an MD5 of all its pixels on every call (the header
logo: once per page) and, the first time in a document, compresses the pixels into an image
object. `draw_image` does what it does, byte for byte, but keeps the name and the compressed
object per image: a build draws the header logo on every page for the price of one, and a warm
process (`handbook watch`), whose prepared logos are the same Pillow images from one rebuild to
the next, never compresses a logo again.
"""
from __future__ import annotations

import copy
from collections import OrderedDict

from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.lib.boxstuff import aspectRatioFix

_KEPT = 8  # images remembered: a style's cover and header logos, and a few a style edit replaced
_made: "OrderedDict[int, tuple]" = OrderedDict()  # id(source) -> (source, name, image object as first made)


def _source(image: ImageReader):
    """What the image's pixels come from: its Pillow image when it has one (kept between builds), else itself."""
    return getattr(image, "_image", None) or image


def _prepared(image: ImageReader) -> tuple:
    """(name, image object) for `image`, as ReportLab's drawImage makes them with mask="auto"."""
    mine = image.__dict__.get("_hb_made")
    if mine is not None:
        return mine
    source = _source(image)
    entry = _made.get(id(source))
    if entry is not None and entry[0] is source:
        _made.move_to_end(id(source))
        image._hb_made = entry[1:]
        return entry[1:]
    rawdata = image.getRGBData()
    smask = image._dataA
    mdata = smask.getRGBData() if smask else b"auto"
    name = _digester(rawdata + mdata)
    made = pdfdoc.PDFImageXObject(name, image, mask="auto")
    made.name = name
    _made[id(source)] = (source, name, made)  # the source is held, so its id is not reused while kept
    while len(_made) > _KEPT:
        _made.popitem(last=False)
    image._hb_made = (name, made)
    return name, made


def _fresh(made):
    """A copy of a kept image object for one document (registering it changes its smask attributes)."""
    mine = copy.copy(made)
    if hasattr(made, "_smask"):
        mine._smask = copy.copy(made._smask)
    return mine


def draw_image(canv, image: ImageReader, x: float, y: float, width: float, height: float) -> None:
    """canv.drawImage(image, x, y, width, height, mask="auto"), with the PDF bytes it would write."""
    canv._currentPageHasImages = 1
    name, made = _prepared(image)
    doc = canv._doc
    reg_name = doc.getXObjectName(name)
    img_obj = doc.idToObject.get(reg_name, None)
    if not img_obj:  # first time in this document: register it as drawImage does
        img_obj = _fresh(made)
        canv._setXObjects(img_obj)
        doc.Reference(img_obj, reg_name)
        doc.addForm(name, img_obj)
        smask = getattr(img_obj, "_smask", None)
        if smask:
            m_reg_name = doc.getXObjectName(smask.name)
            if not doc.idToObject.get(m_reg_name, None):
                canv._setXObjects(smask)
                img_obj.smask = doc.Reference(smask, m_reg_name)
            else:
                img_obj.smask = pdfdoc.PDFObjectReference(m_reg_name)
            del img_obj._smask
    x, y, width, height, _ = aspectRatioFix(False, "c", x, y, width, height, img_obj.width, img_obj.height, False)
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width, height)
    canv._code.append("/%s Do" % reg_name)
    canv.restoreState()
    canv._formsinuse.append(name)
