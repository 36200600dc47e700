"""ReportLab paragraph styles derived from a Theme (every size and colour comes from the theme)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..style.theme import Theme
from . import linebreak
from .hyphenation import dictionary, pattern_set
from .typesetting import for_theme, pattern_name

HYPHENATION_LANG = "en_US"  # the catalogue's patterns when a theme has no language (layout/hyphenation.py says why)


def hyphenate(word: str, lang: str = HYPHENATION_LANG) -> tuple:
    """Break points for `word`, longest head first, as ReportLab wants them.

    pyphen offers "under" + "-development" for a hyphenated compound, and ReportLab then prints
    the hyphen twice ("under-" / "-development"): such a break is moved to just after the hyphen.
    Cached, because the same words are measured again and again while pages are laid out.
    """
    pairs = []
    for head, tail in dictionary(pattern_set(lang)).iterate(word):
        if tail.startswith("-"):
            head, tail = head + "-", tail[1:]
        if head and tail and (head, tail) not in pairs:
            pairs.append((head, tail))
    return tuple(pairs)


@lru_cache(maxsize=None)
def hyphenator(lang: str):
    """The hyphenation function ReportLab calls for a language's words ("" when the language is not hyphenated)."""
    if not lang:
        return ""
    return lru_cache(maxsize=50_000)(lambda word: hyphenate(word, lang))


@dataclass
class Styles:
    body: ParagraphStyle
    continuation: ParagraphStyle
    item: ParagraphStyle
    section: ParagraphStyle
    subheading: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    agenda: ParagraphStyle
    header_small: ParagraphStyle
    footnote: ParagraphStyle
    callout_label: ParagraphStyle
    callout_body: ParagraphStyle
    callout_item: ParagraphStyle
    callout_cont: ParagraphStyle
    part_title: ParagraphStyle
    plain: ParagraphStyle
    prose: ParagraphStyle  # running text of a prose part: the full text width, no paragraph numbers
    prose_item: ParagraphStyle
    prose_heading: ParagraphStyle


def make_styles(theme: Theme) -> Styles:
    # body text, notes and footnotes are hyphenated (headings are not): by our breaker, or by ReportLab's for
    # what ours leaves to it (images, Chinese), which calls `hyphenate`
    hyphenate = hyphenator(pattern_name(theme))
    body_font = theme.fonts["body"]
    note_font = theme.fonts["callouts"]
    size, leading = theme.sizes["body"], theme.sizes["leading"]
    text = theme.colour("text")
    indent = round(size * 3.1)
    body = ParagraphStyle(
        "body", fontName=body_font.regular, fontSize=size, leading=leading, alignment=TA_JUSTIFY,
        textColor=text, leftIndent=indent, bulletIndent=0, bulletFontName=body_font.regular,
        bulletFontSize=size, spaceAfter=theme.spacing["paragraph"], allowWidows=0, allowOrphans=0,
        hyphenationLang=hyphenate, embeddedHyphenation=1, uriWasteReduce=0.3,
    )
    note_size, note_leading = theme.sizes["callout"], theme.sizes["callout_leading"]
    callout_body = ParagraphStyle(
        "callout-body", fontName=note_font.regular, fontSize=note_size, leading=note_leading,
        alignment=TA_LEFT, textColor=text, spaceAfter=note_size * 0.45, hyphenationLang=hyphenate,
        embeddedHyphenation=1, uriWasteReduce=0.3,
    )
    return _line_breaking(theme, Styles(
        body=body,
        continuation=ParagraphStyle("continuation", parent=body),
        item=ParagraphStyle("item", parent=body, leftIndent=indent * 2, bulletIndent=indent),
        **_heading_styles(theme, indent),
        agenda=ParagraphStyle(
            "agenda", fontName=body_font.bold, fontSize=size * 0.92, leading=leading * 0.95, textColor=text,
            spaceAfter=3),
        header_small=ParagraphStyle(
            "header-small", fontName=body_font.regular, fontSize=size * 0.85, leading=size * 1.05, textColor=text),
        footnote=ParagraphStyle(
            "footnote", fontName=body_font.regular, fontSize=theme.sizes["footnote"],
            leading=theme.sizes["footnote"] * 1.25, textColor=text, leftIndent=indent, bulletIndent=indent - 12,
            bulletFontName=body_font.regular, bulletFontSize=theme.sizes["footnote"],
            alignment=TA_LEFT, hyphenationLang=hyphenate, embeddedHyphenation=1, uriWasteReduce=0.3),
        callout_label=ParagraphStyle(
            "callout-label", fontName=note_font.bold, fontSize=note_size, leading=note_leading,
            textColor=text, spaceAfter=note_size * 0.35),
        callout_body=callout_body,
        callout_item=ParagraphStyle("callout-item", parent=callout_body, leftIndent=note_size * 1.3,
                                    bulletIndent=0, spaceAfter=note_size * 0.2, bulletFontName=note_font.regular,
                                    bulletFontSize=note_size),
        callout_cont=ParagraphStyle("callout-cont", parent=callout_body, fontName=note_font.italic,
                                    textColor=theme.colour("muted"), spaceAfter=note_size * 0.3),
        plain=ParagraphStyle("plain", fontName=body_font.regular, fontSize=size, leading=leading, textColor=text),
        # prose parts: the text column's full width, with no paragraph numbers to make room for
        prose=ParagraphStyle("prose", parent=body, leftIndent=0),
        prose_item=ParagraphStyle("prose-item", parent=body, leftIndent=theme.spacing["list_indent"],
                                  bulletIndent=theme.spacing["list_bullet"], spaceAfter=theme.spacing["list_item"]),
    ))


def _line_breaking(theme: Theme, styles: Styles) -> Styles:
    """The total-fit breaker's settings on every style; a language without spaces between words (Chinese)
    breaks lines between characters, as ReportLab's CJK mode does."""
    linebreak.reset()  # a new build: fonts may be registered anew under their names
    settings = for_theme(theme)
    for shapes in settings.shapes.values():  # words measured in the last build's fonts
        shapes.clear()
    for style in vars(styles).values():
        style.typesetting = settings  # how the total-fit breaker sets it (flowables.Paragraph)
    if theme.words is not None and theme.words.catalogue.unspaced:
        from .cjk import enable
        enable()
        for style in vars(styles).values():
            style.wordWrap = "CJK"
    return styles


def _heading_styles(theme: Theme, indent: float) -> dict:
    """Section headings, sub-headings, titles and part titles, all in the headings font."""
    head_font, text = theme.fonts["headings"], theme.colour("text")
    return dict(
        section=ParagraphStyle(
            "section", fontName=head_font.bold, fontSize=theme.sizes["heading"],
            leading=theme.sizes["heading"] * 1.25, textColor=theme.colour("primary"), keepWithNext=0,  # kept with 2 lines by the planner, not the whole paragraph
            spaceBefore=theme.spacing["section"], spaceAfter=theme.spacing["paragraph"] * 1.4,
            leftIndent=indent, firstLineIndent=-indent),
        subheading=ParagraphStyle(
            "subheading", fontName=head_font.bold_italic if hasattr(head_font, "bold_italic") else head_font.bold,
            fontSize=theme.sizes["heading"] * 0.9, leading=theme.sizes["heading"] * 1.15,
            textColor=theme.colour("primary"), keepWithNext=0, spaceBefore=theme.spacing["section"] * 0.6,
            spaceAfter=theme.spacing["paragraph"], leftIndent=indent),
        prose_heading=ParagraphStyle(
            "prose-heading", fontName=head_font.bold, fontSize=theme.sizes["heading"] * 0.95,
            leading=theme.sizes["heading"] * 1.2, textColor=theme.colour("primary"), keepWithNext=1,
            spaceBefore=theme.spacing["section"] * 0.6, spaceAfter=theme.spacing["paragraph"]),
        title=ParagraphStyle(
            "title", fontName=head_font.bold, fontSize=theme.sizes["title"], leading=theme.sizes["title"] * 1.2,
            textColor=text, spaceBefore=6, spaceAfter=4, keepWithNext=1),
        subtitle=ParagraphStyle(
            "subtitle", fontName=head_font.bold, fontSize=theme.sizes["heading"], leading=theme.sizes["heading"] * 1.3,
            textColor=theme.colour("muted"), spaceAfter=theme.spacing["section"]),
        part_title=ParagraphStyle(
            "part-title", fontName=head_font.bold, fontSize=theme.sizes["title"], leading=theme.sizes["title"] * 1.25,
            textColor=theme.colour("primary"), spaceAfter=theme.spacing["section"]),
    )


ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}
