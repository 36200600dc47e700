"""The back-of-book indexes: subjects, then countries and territories, with real, linked page numbers."""
from __future__ import annotations

import copy


from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.flowables import BalancedColumns

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
        story.append(_balanced(subject_entries(catalogue, hits, theme, styles), theme))
        story.append(Spacer(1, theme.spacing["section"]))
        story.append(OutlinedParagraph(f'<a name="countries"/>{escape(words("countries"))}', styles.part_title,
                                       (words("countries"), "countries", 0)))
        story.append(_balanced(country_entries(catalogue, hits, theme, styles), theme))
        return story
    return [IndexPart(build)]


def _balanced(flowables: list, theme: Theme):
    """Two columns that fill each page in turn and end level on the last one."""
    if not flowables:
        return Spacer(1, 0)
    return BalancedColumns(flowables, nCols=2, innerPadding=theme.gutter, leftPadding=0, rightPadding=0,
                           topPadding=0, bottomPadding=0, needed=theme.sizes["body"] * 6)


def _styles(theme: Theme):
    """Entries start flush, sub-entries one indent in; every turnover line two indents in, deeper than both."""
    size = theme.sizes["body"] * 0.9
    body = theme.fonts["body"]
    step = theme.index["indent"]
    base = dict(fontName=body.regular, fontSize=size, leading=size * 1.25, textColor=theme.colour("text"))
    styles = {
        "entry": ParagraphStyle("ix", leftIndent=2 * step, firstLineIndent=-2 * step, **base),
        "sub": ParagraphStyle("ix-sub", leftIndent=2 * step, firstLineIndent=-step, **base),
        "letter": ParagraphStyle("ix-letter", fontName=theme.fonts["headings"].bold, fontSize=size * 1.25,
                                 leading=size * 1.7, spaceBefore=size * 0.6, textColor=theme.colour("primary")),
    }
    settings = for_theme(theme)
    for style in styles.values():
        style.typesetting = settings
    return styles


def _printed(name: str, theme: Theme) -> str:
    """A country's name with the language's quotation marks and apostrophes ("Côte d’Ivoire"), as the text prints it."""
    return typographic(name, theme.words.catalogue.typography) if theme.words is not None else name


class IndexGroup(Flowable):
    """One entry with its sub-entries (and the letter heading before it, if any), kept in one piece
    where it fits; split between lines elsewhere, the part in the next column opens with the
    entry's heading and "(continued)", so a reader there knows what the sub-entries belong to."""

    def __init__(self, heading: str, paragraphs: list, style, continued: str, lead: int = 0):
        super().__init__()
        self.heading, self.paragraphs, self.style, self.continued = heading, paragraphs, style, continued
        self.lead = lead  # how many paragraphs open the group without being the entry (a letter heading)
        self.spaceBefore = paragraphs[0].getSpaceBefore() if paragraphs else 0

    def _heights(self, aw):
        # balancing the columns measures every group many times at one width: measure once
        cached = self.__dict__.get("_measured")
        if cached is None or cached[0] != aw:
            cached = self._measured = (aw, [p.wrap(aw, 10 ** 6)[1] + (p.getSpaceBefore() if i else 0)
                                            for i, p in enumerate(self.paragraphs)])
        return cached[1]

    def wrap(self, aw, ah):
        self.width, self.height = aw, sum(self._heights(aw))
        return self.width, self.height

    def split(self, aw, ah):
        first, used = [], 0.0
        for i, (p, h) in enumerate(zip(self.paragraphs, self._heights(aw))):
            if used + h <= ah:
                first.append(p)
                used += h
                continue
            parts = p.split(aw, ah - used) if i >= self.lead else []
            rest = self.paragraphs[i:] if len(parts) != 2 else [parts[1], *self.paragraphs[i + 1:]]
            if len(parts) == 2:
                first.append(parts[0])
            break
        else:
            return [self]
        if len(first) <= self.lead:
            return []  # only a letter heading would stay behind: the whole entry moves on
        cont = Paragraph(f"{escape(self.heading)} <i>{escape(self.continued)}</i>", self.style)
        return [IndexGroup(self.heading, first, self.style, self.continued, self.lead),
                IndexGroup(self.heading, [cont, *rest], self.style, self.continued)]

    def deepcopy(self):
        """The copy ReportLab's column balancing splits: the paragraphs are shared (a split never
        changes them), so no canvas, frame or style is copied along with them."""
        twin = copy.copy(self)
        twin.paragraphs = list(self.paragraphs)
        return twin

    def draw(self):
        y = self.height
        for i, p in enumerate(self.paragraphs):
            y -= p.height + (p.getSpaceBefore() if i else 0)
            p.drawOn(self.canv, 0, y)


def _initial(heading: str, theme: Theme) -> str:
    first = initial(heading, theme.words.code)
    if not first:  # a character with no reading to file it under: no heading (not "0–9")
        return ""
    return first if first.isalpha() else theme.words("digits")


def pages_markup(pages, theme: Theme) -> str:
    link = hexcolour(theme.colour("primary"))
    out = []
    for first, last in page_ranges(pages):
        label = f"{first}–{last}" if last > first else f"{first}"
        out.append(f'<a href="#page-{first}" color="{link}">{label}</a>')
    return ", ".join(out)


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
        lead = []
        initial = _initial(heading, theme)
        if initial != letter:
            letter = initial
            if letter:
                lead = [Paragraph(escape(letter), st["letter"])]
        text = escape(heading)
        if main_pages:
            text += ", " + pages_markup(main_pages, theme)
        see = [s for s in (main.see_also if main else []) if s]
        if see:
            text += f"; <i>{escape(theme.words('see_also'))}</i> " + ", ".join(escape(s) for s in see)
        lines = [Paragraph(text, st["entry"])]
        lines += [Paragraph(f"{escape(sub.sub)}, {pages_markup(hits[sub.key], theme)}", st["sub"]) for sub in subs]
        flow.append(IndexGroup(heading, lead + lines, st["entry"], theme.words("continued"), len(lead)))
    return flow


def country_entries(catalogue: IndexCatalogue, hits: dict, theme: Theme, styles: Styles) -> list:
    st = _styles(theme)
    found = [(catalogue.states[key[2:]], pages) for key, pages in hits.items() if key.startswith("c:")]
    flow: list = []
    letter = None
    order = collation(theme.words.code)
    for state, pages in sorted(found, key=lambda sp: order(sp[0].display)):
        lead = []
        initial = _initial(state.display, theme)
        if initial != letter:
            letter = initial
            if letter:
                lead = [Paragraph(escape(letter), st["letter"])]
        name = _printed(state.display, theme)  # "Côte d’Ivoire", as the text prints it
        line = Paragraph(f"{escape(name)}, {pages_markup(pages, theme)}", st["entry"])
        flow.append(IndexGroup(name, lead + [line], st["entry"], theme.words("continued"), len(lead)))
    if not flow:
        flow.append(Paragraph(escape(theme.words("no_countries")), styles.plain))
    return flow
