"""Widths and heights of text in a font, measured once per build; fragments that print alike."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

_WIDTHS: dict = {}  # (text, font name, size) -> width: each word measured once per build
_CHARS: dict = {}  # (font name, size) -> {character: width}
_METRICS: dict = {}  # (font name, size) -> (ascent, descent)
_MISSING = object()
_FRAG_STYLE = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f, g) -> bool:
    """Whether two fragments print alike, so the line breaker may merge them (ReportLab's sameFrag).

    ReportLab's C version (rl_accel) raises and clears an AttributeError for every attribute a
    fragment lacks: 7 µs a call, 12,000 calls in the default edition. This is its pure-Python
    fallback, with absent and None kept apart as the C version keeps them: 1.5 µs, same answers.
    """
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    fget, gget = fd.get, gd.get
    for key in _FRAG_STYLE:
        a, b = fget(key, _MISSING), gget(key, _MISSING)
        if a is not b and a != b:  # fragments share their Color objects: identity spares Color.__eq__
            return False
    return True


def reset() -> None:
    """Forget measured widths: a new build may register other fonts under the same names."""
    _WIDTHS.clear()
    _CHARS.clear()
    _METRICS.clear()


def measure(text: str, font: str, size: float) -> float:
    """The width of `text` set in `font` at `size` (each piece once per build, font and size).

    Summed from the widths of its characters, each measured once per font and size: ReportLab sets
    text without kerning, so a string's width is the sum of its glyphs' (equal to stringWidth's within
    1e-10 pt over every word of the default edition), and a call into ReportLab per word piece cost
    more than the rest of the breaker's measuring.
    """
    key = (text, font, size)
    width = _WIDTHS.get(key)
    if width is None:
        chars = _CHARS.get((font, size))
        if chars is None:
            chars = _CHARS[(font, size)] = {}
        try:
            width = sum(map(chars.__getitem__, text))
        except KeyError:  # a character not met yet in this font and size
            for ch in set(text) - chars.keys():
                # a soft hyphen is never drawn (linebreak._put): it takes no room; the hyphen a break
                # there adds is measured as the line-end hyphen it is
                chars[ch] = 0.0 if ch == "\u00ad" else pdfmetrics.stringWidth(ch, font, size)
            width = sum(map(chars.__getitem__, text))
        _WIDTHS[key] = width
    return width


def ascent_descent(font: str, size: float) -> tuple:
    key = (font, size)
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = pdfmetrics.getAscentDescent(font, size)
    return found
