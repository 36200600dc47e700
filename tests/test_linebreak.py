"""Issue 17: the breaker's parts on their own: hyphenation rules, typographic quotes, total fit, splits."""
from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from handbook.layout.flowables import Paragraph
from handbook.layout.hyphenation import hyphenator, pattern_set
from handbook.layout.knuthplass import BOX, GLUE, PENALTY, Items, Rules, break_paragraph
from handbook.layout.typesetting import from_keys
from handbook.language.catalogue import catalogue
from handbook.language.typography import apply as typographic
from handbook.style.typesetting import DEFAULTS


def smarten(text: str, before: str = "") -> str:
    return typographic(text, catalogue("en").typography, before)


def breaks_of(word: str, **kw) -> list[str]:
    return [word[:offset] + "|" for offset, _ in hyphenator(**kw).breaks(word)]


def test_american_patterns_and_the_minimums():
    assert pattern_set("en") == "en_US" and pattern_set("fr") == "fr" and pattern_set("es-MX") == "es"
    assert [b for b in breaks_of("responsibility")] == ["re|", "respon|", "responsi|", "responsibil|"]
    assert breaks_of("political") == ["po|", "polit|", "politi|"]  # never "politic-al" (2 after)
    assert breaks_of("atrocity") == ["atroc|"]
    assert breaks_of("peace") == [] and breaks_of("States") == []  # five letters or fewer: never


def test_words_that_never_break():
    for token in ("A/67/929", "S/2013/399", "2005", "1998–2005", "60/1.", "UNESCO", "Afghanistan"):
        assert hyphenator().breaks(token) in ((), tuple(b for b in hyphenator().breaks(token) if b[1] == "name"))
    assert not hyphenator().breaks("A/67/929") and not hyphenator().breaks("2005")
    assert {kind for _, kind in hyphenator().breaks("Afghanistan")} <= {"name"}  # a country: a last resort only
    assert breaks_of("A/65/877-S/2011/393") == ["A/65/877-|"]  # between two symbols only


def test_urls_break_at_their_own_marks_without_a_hyphen():
    url = "https://www.un.org/en/genocide-prevention/about?x=1"
    found = hyphenator().breaks(url)
    assert found and {kind for _, kind in found} == {"url"}
    heads = [url[:offset] for offset, _ in found]
    assert "https://www.un.org/" in heads and "https://www.un" in heads  # after a slash, before a dot
    assert all(not h.endswith(("ht", "htt", "https:/")) for h in heads)


def test_exceptions_from_the_style_win_over_the_patterns():
    assert breaks_of("responsibility", exceptions=("respon-sibility",)) == ["respon|"]
    assert breaks_of("atrocity", exceptions=("atrocity",)) == []


def test_compounds_break_after_their_own_hyphen():
    found = dict(hyphenator().breaks("Secretary-General"))
    assert found[len("Secretary-")] == "dash"


@pytest.mark.parametrize("source, expected", [
    ('the "atrocity crimes" of', "the \u201catrocity crimes\u201d of"),
    ("Côte d'Ivoire and States' duties", "Côte d\u2019Ivoire and States\u2019 duties"),
    ("('quoted') and '90s", "(\u2018quoted\u2019) and \u201990s"),
    ("2005--2013 --- a dash", "2005\u20132013 \u2014 a dash"),
    ('see https://x.org/a--b\'c "here"', "see https://x.org/a--b'c \u201chere\u201d"),
])
def test_quotes_and_dashes(source, expected):
    assert smarten(source) == expected


def test_a_quote_after_markup_takes_its_context():
    assert smarten('"', before="d") == "\u201d" and smarten('"', before=" ") == "\u201c"


def _items(words: list[float], space: float = 3.0) -> Items:
    items = Items()
    for i, width in enumerate(words):
        items.add(BOX, width, letters=5)
        if i < len(words) - 1:
            items.add(GLUE, space, space * 0.5, space * 0.2)
    items.add(PENALTY, 0.0, penalty=-10_000)
    return items.close()


def test_total_fit_balances_lines_that_first_fit_leaves_ragged():
    # first fit would set 30+30+30 (96 of 100) and leave 60 alone; total fit evens them out
    items = _items([30, 30, 30, 30, 30, 30, 30, 30, 30])
    breaks = break_paragraph(items, [100], Rules())
    assert len(breaks) == 3 and breaks[-1] == len(items) - 1


def test_an_unbreakable_word_wider_than_the_line_still_gets_a_line():
    items = _items([50, 500, 50])
    breaks = break_paragraph(items, [100], Rules())
    assert breaks[-1] == len(items) - 1 and len(breaks) >= 2


def test_the_last_pass_counts_loose_lines_as_the_others_do():
    """The last pass (it mends a broken rule) gives every line emergency stretch, which made a line of
    spaces past twice their width look cheap: of "44 44 | 3 20" (loose) and "44 44 3 | 20" (a little
    tight) it chose the loose one, and mended paragraphs took loose lines the other passes avoided."""
    from handbook.layout.knuthplass import INFINITY, _pass
    items = _items([44, 44, 3, 20], space=5.0)
    breaks = _pass(items, items.sums(), [100], Rules(), None, 30.0, True, INFINITY, True, -2.0)[0]
    assert breaks[0] == 5  # after the third word (box, glue, box, glue, box): its spaces shrink a little


def test_words_with_an_apostrophe_hyphenate_in_their_letters():
    assert "Secretary-Gen|" in breaks_of("Secretary-General\u2019s")
    assert breaks_of("l\u2019organisation", language="fr") == ["l\u2019or|", "l\u2019orga|", "l\u2019organi|",
                                                             "l\u2019organisa|"]
    assert breaks_of("R&D\u2019s") == [] and breaks_of("A/67\u2019s") == []


def test_soft_hyphens_are_the_only_breaks_of_their_word_and_measure_nothing():
    from handbook.layout.measure import measure
    hinted = "re\u00adspon\u00adsi\u00adbil\u00adi\u00adty"
    heads = [head.replace("\u00ad", "") for head in breaks_of(hinted)]
    assert heads == ["re|", "respon|", "responsi|", "responsibil|", "responsibili|"]
    assert breaks_of("Ki\u00adsu\u00admu") == ["Ki\u00ad|", "Ki\u00adsu\u00ad|"]  # five letters: patterns never break it
    assert measure(hinted, "Times-Roman", 10) == measure("responsibility", "Times-Roman", 10)


@pytest.fixture
def style():
    settings = from_keys(DEFAULTS)
    s = ParagraphStyle("t", fontName="Times-Roman", fontSize=10, leading=12, alignment=TA_JUSTIFY,
                       hyphenationLang="en", allowWidows=0, allowOrphans=0)
    s.typesetting = settings
    return s


TEXT = ("The presences of international organizations, governmental representatives and humanitarian "
        "institutions were acknowledged; accountability, responsibility and implementation were discussed "
        "at length by the participating delegations, whose contributions demonstrated extraordinary commitment.")


def _line_texts(paragraph) -> list[str]:
    return ["".join(getattr(w, "text", "") or "" for w in line.words) for line in paragraph.blPara.lines]


def test_a_split_carries_the_source_text_and_keeps_its_lines(style):
    whole = Paragraph(TEXT, style)
    whole.wrap(160, 1000)
    lines = _line_texts(whole)
    first, rest = whole.split(160, 12 * 3)
    assert not _line_texts(first)[-1].endswith("-")  # no hyphen at the foot
    assert "".join(f.text for f in rest.frags if hasattr(f, "text")).split()[0] in TEXT.split()
    rest.wrap(160, 1000)
    assert len(_line_texts(first)) + len(_line_texts(rest)) >= len(lines)
    # the rest laid out at another width is broken again from its source words, not from pieces of lines
    again = Paragraph(None, style, frags=rest.frags)
    again.wrap(120, 1000)
    joined = " ".join(_line_texts(again)).replace("- ", "").replace("  ", " ")
    assert "pres- " not in joined and " en- " not in joined
    assert joined.replace("-", "") .split() == " ".join(rest_words(rest)).replace("-", "").split()


def rest_words(paragraph) -> list[str]:
    return "".join(f.text for f in paragraph.frags if hasattr(f, "text")).split()


def test_no_line_ends_with_three_hyphens_in_a_row(style):
    text = " ".join(["internationalization accountability responsibility"] * 12)
    paragraph = Paragraph(text, style)
    paragraph.wrap(140, 10_000)
    run = longest = 0
    for line in _line_texts(paragraph):
        run = run + 1 if line.rstrip().endswith("-") else 0
        longest = max(longest, run)
    assert longest <= 2


def test_paragraph_and_page_references_never_break_at_their_space(style):
    text = "See " + " ".join(f"word{i} and ¶ 12, p. 29 more" for i in range(12))
    paragraph = Paragraph(text, style)
    paragraph.wrap(120, 10_000)
    for line in _line_texts(paragraph):
        assert not line.rstrip().endswith(("¶", " p.")), line


def test_a_url_in_a_narrow_ragged_column_never_runs_past_it():
    s = ParagraphStyle("n", fontName="Helvetica", fontSize=8, leading=10, alignment=TA_LEFT)
    s.typesetting = from_keys(DEFAULTS)
    paragraph = Paragraph("More: https://www.internal-displacement.org/global-report/grid2023/?utm=guide", s)
    paragraph.wrap(90, 1000)
    for line in paragraph.blPara.lines:
        assert line.extraSpace >= -0.01, _line_texts(paragraph)


def test_a_justified_line_broken_inside_a_url_is_never_wider_than_its_column(style):
    """A break inside a URL sets its line flush left (no hyphen, no stretched spaces); the breaker may have
    shrunk that line's spaces, and at its natural width it ran up to 1.5 pt past the column's edge, where
    the text read back from the PDF lost the URL's last letters."""
    cycle = ("Prevention of atrocity crimes requires national resilience, early-warning mechanisms and "
             "accountable institutions that communities trust; see https://www.un.org/en/genocideprevention/ "
             "for the framework of analysis. ")
    text = "national resilience, " + cycle * 4
    for width in [150 + 7.5 * i for i in range(30)]:
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 10_000)
        for line in paragraph.blPara.lines:
            assert not (line.lineBreak and line.extraSpace < -1e-6), (width, _line_texts(paragraph))


def test_a_footnote_number_right_after_a_note_marker_is_set_apart():
    from reportlab.lib.colors import HexColor

    from handbook.layout.markup import Marker, MarkupRenderer
    from handbook.model import FootnoteRef, RichText, Text
    renderer = MarkupRenderer(HexColor("#000000"), HexColor("#ffff00"))
    rich = RichText([Text("the Mechanism"), FootnoteRef(2), Text(" works")])
    marker = Marker(4, 13, "<super>\u25cf10</super>", "n10")
    out = renderer.render(rich, [marker])
    assert out.index("\u25cf10") < out.index("\u00a0</super>") < out.index(">2</super>")
    apart = renderer.render(RichText([Text("the Mechanism works"), FootnoteRef(2)]), [Marker(4, 13, "<super>m</super>", "n1")])
    assert "\u00a0</super>" not in apart  # a footnote number elsewhere needs nothing


@pytest.mark.parametrize("letter_spacing", [0.0, 0.01], ids=["spaces-only", "tracked"])
def test_a_highlight_reaches_the_last_letter_of_a_stretched_line(style, tmp_path, letter_spacing):
    """ReportLab ended a highlight at a justified line's end one word space short ("no-regre|ts"). On a
    line loose enough to be tracked, the highlight and the link still cover their words, letter for letter."""
    import pdfplumber
    from reportlab.pdfgen.canvas import Canvas
    style.typesetting = from_keys({**DEFAULTS, "letter_spacing": letter_spacing})
    text = ("words " * 3) + '<a href="https://un.org/">linked</a> <span backColor="#ffff00">no-regrets</span> ' \
        + ("unbreakable " * 6)
    paragraph = Paragraph(text, style)
    canvas = Canvas(str(tmp_path / "h.pdf"), pagesize=(300, 300))
    paragraph.wrap(157, 300)
    first = paragraph.blPara.lines[0]
    tracking = getattr(first, "tracking", 0.0)
    glyphs = sum(len(w.text) for w in first.words)
    assert first.words[-1].text == "no-regrets" and first.extraSpace + tracking * (glyphs - 1) > 6  # stretched
    assert (tracking > 0) == bool(letter_spacing) and tracking <= letter_spacing * 10 + 1e-9
    paragraph.drawOn(canvas, 20, 100)
    canvas.save()
    with pdfplumber.open(str(tmp_path / "h.pdf")) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        highlight = [r for r in page.rects if r.get("non_stroking_color") not in (None, (0,), [0])]
        assert highlight
        row = [c for c in chars if abs(c["top"] - highlight[0]["top"]) < 8]
        assert max(c["x1"] for c in row) == pytest.approx(20 + 157, abs=0.3)  # justified to the edge
        start = "".join(c["text"] for c in row).index("no-regrets")
        assert min(r["x0"] for r in highlight) == pytest.approx(row[start]["x0"], abs=0.5)
        assert max(r["x1"] for r in highlight) >= row[-1]["x1"] - 0.5
        link = [a for a in page.annots if a.get("uri") == "https://un.org/"]
        begin = "".join(c["text"] for c in row).index("linked")
        assert link and link[0]["x0"] == pytest.approx(row[begin]["x0"], abs=0.5)
        assert link[0]["x1"] == pytest.approx(row[begin + 5]["x1"], abs=1.0)


def test_a_loose_line_spreads_its_room_over_letters_a_little_and_never_a_line_within_its_stretch(style):
    """Tracking only where word spaces would pass 1.5 x natural, at most `letter_spacing` em a glyph, and the
    line's width is unchanged: natural + spaces + tracking = the measure."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    loose = Paragraph("See A/67/929 and S/2013/399, then A/66/874 and S/2012/578, or A/65/877 and S/2011/393 on "
                      "the responsibility to protect.", style)  # document symbols never break: loose lines
    loose.wrap(130, 1000)
    tracked = [line for line in loose.blPara.lines if getattr(line, "tracking", 0)]
    assert tracked
    for line in tracked:
        text = "".join(w.text for w in line.words)
        natural = stringWidth(text, "Times-Roman", 10)
        assert 0 < line.tracking <= 0.1 + 1e-9
        assert natural + line.extraSpace + line.tracking * (len(text) - 1) == pytest.approx(130, abs=1e-6)
        assert not line.lineBreak
    calm = Paragraph(TEXT, style)
    calm.wrap(300, 1000)
    for line in calm.blPara.lines[:-1]:
        gaps = line.wordCount - 1
        assert stringWidth(" ", "Times-Roman", 10) * 0.5 >= line.extraSpace / gaps - 1e-6  # within stretch
        assert not getattr(line, "tracking", 0)


def test_an_edition_adds_hyphenation_exceptions_to_the_style(make_project):
    """`hyphenation:` in handbook.yaml joins the style's `typesetting.hyphenation_exceptions`; a bad entry is an
    error at its place, in check as in build."""
    from pathlib import Path

    from handbook.errors import HandbookError
    from handbook.layout.typesetting import for_theme
    from handbook.sources.reader import read_edition
    from handbook.style.theme import load_theme
    from conftest import EDITION_YAML
    root = make_project(edition=EDITION_YAML + "hyphenation: [respon-sibility, Secretary]\n")
    model, _ = read_edition(root / "sources" / "test")
    assert model.hyphenation == ["respon-sibility", "Secretary"]
    theme = load_theme("wimun", Path(root / "styles"))
    assert [b for b, _ in for_theme(theme).hyphenator.breaks("responsibility")] != [6]  # the patterns alone
    theme.hyphenation_exceptions = tuple(model.hyphenation)
    settings = for_theme(theme)
    assert [b for b, _ in settings.hyphenator.breaks("responsibility")] == [6]
    assert settings.hyphenator.breaks("Secretary") == ()
    bad = make_project(edition=EDITION_YAML + "hyphenation: [atroc1ty]\n")
    with pytest.raises(HandbookError) as raised:
        read_edition(bad / "sources" / "test")
    assert "handbook.yaml:" in str(raised.value) and "'atroc1ty' must be letters" in str(raised.value)


def test_an_edition_exception_reaches_the_printed_page(make_project):
    """The same paragraph built twice: the patterns break "na-tional"; an edition that lists `national` (no
    hyphen: never broken) gets no break inside it, and the text still prints whole."""
    from handbook import build
    from conftest import EDITION_YAML, REPORT_YAML
    from pdftext import page_texts
    word = "internationalization"
    fillers = ["a", "its", "the", "every", "shared", "a", "national", "of", "and", "regional", "in", "to"]
    text = " ".join(f"{fillers[i % len(fillers)]} {word}" for i in range(60)) + "."
    report = REPORT_YAML.replace("The second paragraph.", text)

    def line_ends(edition: str) -> list[str]:
        root = make_project(edition=edition, report=report)
        pdf = build("test", root=root, output=root / "x.pdf").path
        return [line.split()[-1] for page in page_texts(pdf) for line in page.splitlines() if line.strip()]
    assert "na-" in line_ends(EDITION_YAML)
    ends = line_ends(EDITION_YAML + "hyphenation: [national]\n")
    assert "na-" not in ends and "nation-" not in ends and any(end.endswith(word) for end in ends)


def test_the_lines_a_broken_rule_is_mended_over_come_from_the_style():
    from handbook.layout.knuthrepair import mend
    assert from_keys(DEFAULTS).rules.repair_reach == 10
    assert from_keys({**DEFAULTS, "repair_reach": 3}).rules.repair_reach == 3
    breaks = list(range(0, 400, 10))  # 40 lines; line 20 breaks a rule until it is mended
    spans = []

    def run(first, stop):
        spans.append((first[1] if first else 0, stop))
        return breaks[(first[1] if first else 0):breaks.index(stop) + 1], 0

    def broken(candidate):
        return [] if spans else [20]
    mend(breaks, broken, run, lambda candidate, j: 0, reach=3)
    assert spans == [(17, breaks[23])]  # set again from line 17 to line 23, not the whole paragraph


def test_no_page_ends_inside_a_marked_phrase():
    """A highlighted (or underlined) anchor phrase that runs on into the next line keeps that line with it:
    its start and its note marker on two pages put the callout a page before its marker (issue 17)."""
    from types import SimpleNamespace as Word

    from handbook.layout.splitting import foot_flags, foot_lines
    yellow = "#fff3a0"
    lines = [Word(words=[Word(text="The first line ends ")]),
             Word(words=[Word(text="plainly and then "), Word(text="International", backColor=yellow)]),
             Word(words=[Word(text="Health Regulations", backColor=yellow), Word(text="● 4 follow.")]),
             Word(words=[Word(text="An "), Word(text="underlined", us_lines=[("u", 0.5)])]),
             Word(words=[Word(text="phrase", us_lines=[("u", 0.5)]), Word(text=" ends here.")]),
             Word(words=[Word(text="Last line.")])]
    assert foot_flags(lines) == (False, True, False, True, False, False)
    # the page ends before "International", which goes overleaf with its marker; with two lines that must
    # stay together at a paragraph's start, the paragraph starts overleaf
    assert foot_lines(lines, 2, least=1) == 1 and foot_lines(lines, 2) == 0
    assert foot_lines(lines, 3) == 3 and foot_lines(lines, 4) == 3


def test_the_rest_of_a_split_indented_paragraph_shares_the_breakers_memos(style):
    """The rest of a paragraph with a first-line indent gets a copy of its style without the indent; the
    breaker's memos on the style are shared, not deep-copied (a deep copy took a second a split at 20x)."""
    from copy import copy
    indented = copy(style)
    indented.firstLineIndent = 12
    whole = Paragraph(TEXT, indented)
    whole.wrap(160, 1000)
    first, rest = whole.split(160, 12 * 3)
    assert rest.style is not indented and rest.style.firstLineIndent == 0 and indented.firstLineIndent == 12
    memo = indented.__dict__.get("_hb_lines")
    assert memo is not None and rest.style.__dict__.get("_hb_lines") is memo
