"""The back-of-book indexes: subjects, then countries and territories, with real, linked page numbers."""
from __future__ import annotations


from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from .flowables import Paragraph
from ..language.typography import apply as typographic
from .typesetting import for_theme

from ..indexing.subject import IndexCatalogue, page_ranges
from ..language.collation import collation, initial
from ..style.theme import Theme
from .markup import escape, hexcolour
from .styles import Styles


class IndexPart(Flowable):
    """Stands in for an index until it is laid out; then becomes the entries the pages so far have earned.

    The index comes after everything it lists, so by the time the frame reaches it every page number
    of this pass is known: it splits itself into real paragraphs at that moment.
    """

    def __init__(self, build_entries):
        super().__init__()
        self.build_entries = build_entries

    def wrap(self, aw, ah):
        return aw, ah + 1  # never fits: the frame asks us to split into the real content

    def split(self, aw, ah):
        return self.build_entries()

    def draw(self):
        pass


def index_story(catalogue: IndexCatalogue, theme: Theme, styles: Styles, state_source) -> list:
    from .story import OutlinedParagraph

    def build():
        hits = state_source().index_hits
        words = theme.words
        story: list = [OutlinedParagraph(f'<a name="index"/>{escape(words("index"))}', styles.part_title,
                                         (words("index"), "index", 0))]
        story += subject_entries(catalogue, hits, theme, styles)
        story.append(Spacer(1, theme.spacing["section"]))
        story.append(OutlinedParagraph(f'<a name="countries"/>{escape(words("countries"))}', styles.part_title,
                                       (words("countries"), "countries", 0)))
        story += country_entries(catalogue, hits, theme, styles)
        return story
    return [IndexPart(build)]


def _styles(theme: Theme):
    size = theme.sizes["body"] * 0.9
    body = theme.fonts["body"]
    styles = {
        "entry": ParagraphStyle("ix", fontName=body.regular, fontSize=size, leading=size * 1.25, leftIndent=12,
                                firstLineIndent=-12, textColor=theme.colour("text")),
        "sub": ParagraphStyle("ix-sub", fontName=body.regular, fontSize=size, leading=size * 1.25, leftIndent=24,
                              firstLineIndent=-12, textColor=theme.colour("text")),
        "letter": ParagraphStyle("ix-letter", fontName=theme.fonts["headings"].bold, fontSize=size * 1.25,
                                 leading=size * 1.7, spaceBefore=size * 0.6, textColor=theme.colour("primary"),
                                 keepWithNext=1),
    }
    settings = for_theme(theme)
    for style in styles.values():
        style.typesetting = settings
    return styles


def _printed(name: str, theme: Theme) -> str:
    """A country's name with the language's quotation marks and apostrophes ("Côte d’Ivoire"), as the text prints it."""
    return typographic(name, theme.words.catalogue.typography) if theme.words is not None else name


def _initial(heading: str, theme: Theme) -> str:
    first = initial(heading, theme.words.code)
    return first if first.isalpha() else theme.words("digits")


def pages_markup(pages, theme: Theme) -> str:
    link = hexcolour(theme.colour("primary"))
    out = []
    for first, last in page_ranges(pages):
        label = f"{first}–{last}" if last > first else f"{first}"
        out.append(f'<a href="#page-{first}" color="{link}">{label}</a>')
    return ", ".join(out)


def _columns(flowables: list) -> list:
    # the index part's page template has two column frames: entries simply flow down them in turn
    return flowables


def subject_entries(catalogue: IndexCatalogue, hits: dict, theme: Theme, styles: Styles) -> list:
    st = _styles(theme)
    by_heading: dict = {}
    for entry in catalogue.entries.values():
        by_heading.setdefault(entry.heading, []).append(entry)
    flow: list = []
    letter = None
    order = collation(theme.words.code)
    for heading in sorted(by_heading, key=order):
        entries = by_heading[heading]
        main = next((e for e in entries if not e.sub), None)
        subs = sorted((e for e in entries if e.sub and hits.get(e.key)), key=lambda e: order(e.sub))
        main_pages = hits.get(main.key, set()) if main else set()
        if not main_pages and not subs:
            continue  # a term the text never uses earns no entry
        initial = _initial(heading, theme)
        if initial != letter:
            letter = initial
            if letter:  # Chinese files by character, not letter: no headings
                flow.append(Paragraph(escape(letter), st["letter"]))
        text = escape(heading)
        if main_pages:
            text += ", " + pages_markup(main_pages, theme)
        see = [s for s in (main.see_also if main else []) if s]
        if see:
            text += f"; <i>{escape(theme.words('see_also'))}</i> " + ", ".join(escape(s) for s in see)
        flow.append(Paragraph(text, st["entry"]))
        for sub in subs:
            flow.append(Paragraph(f"{escape(sub.sub)}, {pages_markup(hits[sub.key], theme)}", st["sub"]))
    return _columns(flow)


def country_entries(catalogue: IndexCatalogue, hits: dict, theme: Theme, styles: Styles) -> list:
    st = _styles(theme)
    found = [(catalogue.states[key[2:]], pages) for key, pages in hits.items() if key.startswith("c:")]
    flow: list = []
    letter = None
    order = collation(theme.words.code)
    for state, pages in sorted(found, key=lambda sp: order(sp[0].display)):
        initial = _initial(state.display, theme)
        if initial != letter:
            letter = initial
            if letter:  # Chinese files by character, not letter: no headings
                flow.append(Paragraph(escape(letter), st["letter"]))
        flow.append(Paragraph(f"{escape(_printed(state.display, theme))}, {pages_markup(pages, theme)}", st["entry"]))
    if not flow:
        flow.append(Paragraph(escape(theme.words("no_countries")), styles.plain))
    return _columns(flow)
