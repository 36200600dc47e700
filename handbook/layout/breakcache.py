"""Paragraphs parsed and broken into lines once per content, style and width, kept while a warm process lives.

A cold build never uses this (nothing is active, ReportLab runs as it always did). `handbook watch`
activates a BreakCache: a paragraph whose markup and style were seen in an earlier rebuild takes
its parsed fragments from there, and its line breaks for a width it was already broken at.

The cache hooks three methods of ReportLab's Paragraph (the base class, so every paragraph of the
layout is covered): `_setup` (markup -> fragments), `breakLines` (fragments -> lines) and `split`.
Kept objects are shared between rebuilds, so nothing may change them: ReportLab's `split` does
(it appends a space to a line's last word, it re-classes a hyphenated word), so a paragraph
splits a private copy of its cached lines. If the layout's own Paragraph class replaces
`breakLines` (a line breaker of its own), the hook simply never sees its breaks: slower, same PDF.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from reportlab.lib.colors import Color
from reportlab.platypus import paragraph as _rl

_ORIGINAL = {name: getattr(_rl.Paragraph, name) for name in ("_setup", "breakLines", "split")}
_active: "BreakCache | None" = None
_STYLE_TOKENS: dict = {}  # a style's values -> their token (equal values, one token), for the process's life


@dataclass
class BreakCache:
    """Parsed fragments by (markup, style, bullet); broken lines by (that, widths). Old entries are swept."""

    parsed: dict = field(default_factory=dict)
    broken: dict = field(default_factory=dict)
    used: set = field(default_factory=set)  # keys looked up since the last sweep
    hits: int = 0
    misses: int = 0

    def sweep(self) -> None:
        """Forget what the last rebuild did not use (an edited paragraph's old text, an old style)."""
        self.parsed = {k: v for k, v in self.parsed.items() if k in self.used}
        self.broken = {k: v for k, v in self.broken.items() if k in self.used}
        self.used = set()

    def clear(self) -> None:
        self.parsed.clear()
        self.broken.clear()
        self.used = set()


def activate(cache: BreakCache | None) -> None:
    """Use `cache` for every paragraph from now on (None: back to plain ReportLab)."""
    global _active
    _active = cache
    hooked = cache is not None
    _rl.Paragraph._setup = _setup if hooked else _ORIGINAL["_setup"]
    _rl.Paragraph.breakLines = _break_lines if hooked else _ORIGINAL["breakLines"]
    _rl.Paragraph.split = _split if hooked else _ORIGINAL["split"]


def style_key(style) -> tuple:
    """Everything a paragraph style says, as a hashable value (colours by their components, exactly)."""
    cached = style.__dict__.get("_hb_key")
    if cached is not None and cached[0] == id(style):
        return cached[1]
    items = []
    for name, value in sorted(style.__dict__.items()):
        if name in ("parent", "name") or name.startswith("_hb"):
            continue  # our own memos on the style (its key, the line breaker's lines) say nothing of it
        if isinstance(value, Color):
            value = (type(value).__name__, tuple(sorted(value.__dict__.items())))
        try:
            hash(value)
        except TypeError:
            value = repr(value)
        items.append((name, value))
    # a small token stands for the values: every cache key holds one, and a tuple's hash is never kept,
    # so a key holding the values themselves was hashed value by value at every lookup and every sweep
    key = _STYLE_TOKENS.setdefault(tuple(items), len(_STYLE_TOKENS))
    # kept on the style, which does not change once made; a copy (ReportLab's split deep-copies a
    # style to change its first-line indent) has another id, so its key is worked out afresh
    style.__dict__["_hb_key"] = (id(style), key)
    return key


def _setup(self, text, style, bulletText, frags, cleaner):
    cache = _active
    if frags is not None or cache is None or not isinstance(text, str) or not isinstance(bulletText, (str, type(None))):
        return _ORIGINAL["_setup"](self, text, style, bulletText, frags, cleaner)
    key = (text, style_key(style), bulletText, self.caseSensitive)
    cache.used.add(key)
    entry = cache.parsed.get(key)
    if entry is None:
        cache.misses += 1
        _ORIGINAL["_setup"](self, text, style, bulletText, frags, cleaner)
        # the parser may hand back a new style (from <para> attributes): keep it only then
        entry = cache.parsed[key] = (self.text, self.frags, self.style if self.style is not style else None,
                                     self.bulletText)
    else:
        cache.hits += 1
        self.text, self.frags, parsed_style, self.bulletText = entry
        self.style = parsed_style or style
        self.debug = 0
    self._hb_key = key
    return None


def _content_key(self, cache):
    """What this paragraph's fragments are, if known: its parsed markup, or the rest of a known
    paragraph after a split at a given line (the rest's fragments are the same whatever splits
    were tried before: a split changes the words of every line of a part but its last)."""
    d = self.__dict__
    key = d.get("_hb_key")
    if key is not None and cache.parsed.get(key, (None, None))[1] is self.frags:
        return key
    rest = d.get("_hb_rest")
    if rest is not None and d.get("_hb_rest_frags") is self.frags:
        return rest
    known = d.get("_hb_frags")  # broken before (at another width): its fragments are those that break made
    if known is not None and known[1] is self.frags:
        return known[0]
    return None


def _break_lines(self, width):
    cache = _active
    key = _content_key(self, cache) if cache is not None else None
    if key is None:
        return _ORIGINAL["breakLines"](self, width)
    widths = tuple(width) if isinstance(width, (list, tuple)) else (width,)
    lines_key = (key, widths)
    cache.used.add(lines_key)
    entry = cache.broken.get(lines_key)
    if entry is None:
        # breaking also sets attributes of the paragraph (its fragments become word lists, which
        # decide how it splits later): they are kept with the lines and set again on every hit
        before = dict(self.__dict__)
        lines = _ORIGINAL["breakLines"](self, width)
        effects = {k: v for k, v in self.__dict__.items() if k not in before or before[k] is not v}
        entry = cache.broken[lines_key] = (lines, effects)
    else:
        self.__dict__.update(entry[1])
    self._hb_shared = entry
    self._hb_lines_key = lines_key
    if "frags" in entry[1]:  # breaking again, at another width, starts from these: known by this break
        self._hb_frags = (("broken", lines_key), self.frags)
    return entry[0]


def _split(self, availWidth, availHeight):
    shared = self.__dict__.get("_hb_shared")
    if shared is not None:  # ReportLab's split changes the lines and word lists it splits: split copies
        lines, effects = shared
        if self.__dict__.get("blPara") is lines:
            self.blPara = private_lines(lines)
        if "frags" in effects and self.frags is effects["frags"]:
            self.frags = [copy.copy(word) for word in self.frags]
    parts = _ORIGINAL["split"](self, availWidth, availHeight)
    lines_key = self.__dict__.get("_hb_lines_key")
    if lines_key is not None and len(parts) == 2 and "blPara" in parts[0].__dict__:
        rest = parts[1]  # known by where its parent was split, so its own line breaks are kept too
        rest._hb_rest = ("rest", lines_key, len(parts[0].blPara.lines), style_key(rest.style))
        rest._hb_rest_frags = rest.frags
    return parts


def private_lines(lines):
    """A copy of a broken-lines structure that shares no object a split may change."""
    out = copy.copy(lines)
    if lines.kind == 0:
        out.lines = [(extra, [copy.copy(word) for word in words]) for extra, words in lines.lines]
    else:
        out.lines = []
        for line in lines.lines:
            mine = copy.copy(line)
            mine.words = [copy.copy(word) for word in line.words]
            out.lines.append(mine)
    return out
