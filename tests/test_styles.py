"""Branded editions: style files (extends, errors), fonts, logos, covers, watermark, the shipped styles."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import reportlab
from PIL import Image
from pypdf import PdfReader

from handbook import build
from handbook.errors import HandbookError, Report
from handbook.style.logo import MAX_DPI, cover_logo_height, load_logos
from handbook.style.families import COVERAGE, missing_glyphs
from handbook.style.theme import load_theme

from conftest import BUILTIN, DEFAULT_EDITION, REPO, write
from geometry import chars_outside, overlapping_words, read_pages
from pdftext import normalise, page_texts

SHIPPED = ("wimun", "print-bw", "pocket", "draft")
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # a Latin-only font: no Cyrillic


# ---- reading a PDF's colours, images and fonts -------------------------------------------

def _content_objects(pdf: pikepdf.Pdf):
    """Every page and every form XObject reachable from a page (each once), with its resources."""
    seen = set()

    def forms(resources):
        for _, xobj in (resources.get("/XObject") or {}).items():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                yield xobj
                yield from forms(xobj.get("/Resources") or pikepdf.Dictionary())

    for page in pdf.pages:
        yield page.obj, page.obj.get("/Resources") or pikepdf.Dictionary()
        yield from ((form, form.get("/Resources") or pikepdf.Dictionary())
                    for form in forms(page.obj.get("/Resources") or pikepdf.Dictionary()))


def colour_problems(path: Path) -> list[str]:
    """Every colour that is not a gray: colour operators in content streams (pages and forms) with three
    components that differ or CMYK with any of c, m, y; and images whose colour space or pixels are not gray."""
    problems = []
    with pikepdf.open(path) as pdf:
        for number, (obj, resources) in enumerate(_content_objects(pdf), 1):
            for operands, op in pikepdf.parse_content_stream(obj):
                name = str(op)
                values = [float(v) for v in operands if _is_number(v)]
                if name in ("rg", "RG", "sc", "SC", "scn", "SCN") and len(values) == 3:
                    if max(values) - min(values) > 1e-3:
                        problems.append(f"content {number}: {name} {values}")
                elif name in ("k", "K", "sc", "SC", "scn", "SCN") and len(values) == 4:
                    if any(abs(v) > 1e-3 for v in values[:3]):
                        problems.append(f"content {number}: {name} {values}")
                elif name == "INLINE IMAGE":
                    problems.append(f"content {number}: inline image")
            for key, xobj in (resources.get("/XObject") or {}).items():
                if xobj.get("/Subtype") == "/Image":
                    problems.extend(f"image {key}: {p}" for p in _image_problems(xobj))
    return problems


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def _image_problems(xobj) -> list[str]:
    space = xobj.get("/ColorSpace")
    if space == "/DeviceGray" or xobj.get("/ImageMask"):
        return []
    if isinstance(space, pikepdf.Array) and space[0] == "/ICCBased" and int(space[1].get("/N")) == 1:
        return []
    image = pikepdf.PdfImage(xobj).as_pil_image().convert("RGB")
    r, g, b = image.split()
    if r.tobytes() == g.tobytes() == b.tobytes():
        return []
    return [f"{space} with coloured pixels"]


def large_dark_fills(path: Path, min_area: float = 72 * 72, lightest: float = 0.85) -> list[str]:
    """Filled rectangles of at least `min_area` pt² whose fill is darker than `lightest` (1 = white)."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            stack, fill, scale, rects = [], 0.0, 1.0, []
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "q":
                    stack.append((fill, scale))
                elif name == "Q" and stack:
                    fill, scale = stack.pop()
                elif name == "cm":
                    a, b, c, d = (float(v) for v in operands[:4])
                    scale *= abs(a * d - b * c)
                elif name == "g":
                    fill = float(operands[0])
                elif name == "rg":
                    r, g, b = (float(v) for v in operands)
                    fill = 0.299 * r + 0.587 * g + 0.114 * b
                elif name == "k":
                    c, m, y, k = (float(v) for v in operands)
                    fill = 1 - min(1.0, 0.299 * c + 0.587 * m + 0.114 * y + k)
                elif name == "re":
                    rects.append(abs(float(operands[2]) * float(operands[3])) * scale)
                elif name in ("f", "f*", "F", "B", "B*", "b", "b*"):
                    for area in rects:
                        if area >= min_area and fill < lightest:
                            found.append(f"p. {number}: {area:.0f} pt² filled at gray {fill:.2f}")
                    rects = []
                elif name in ("S", "s", "n"):
                    rects = []
    return found


def font_problems(path: Path) -> list[str]:
    """Fonts that are not embedded, or embedded whole rather than as a subset."""
    problems = []
    with pikepdf.open(path) as pdf:
        for _, resources in _content_objects(pdf):
            for key, font in (resources.get("/Font") or {}).items():
                fonts = list(font.get("/DescendantFonts") or []) or [font]
                for f in fonts:
                    base = str(f.get("/BaseFont"))
                    descriptor = f.get("/FontDescriptor")
                    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        problems.append(f"{base}: not embedded")
                    elif not re.match(r"^/[A-Z]{6}\+", base):
                        problems.append(f"{base}: embedded whole, not as a subset")
    return sorted(set(problems))


def page_sizes(path: Path) -> set:
    return {(round(float(p.mediabox[2]) - float(p.mediabox[0])), round(float(p.mediabox[3]) - float(p.mediabox[1])))
            for p in PdfReader(str(path)).pages}


# ---- each shipped style builds the default edition ---------------------------------------

@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_style_builds_with_margin_callouts(style_builds, name):
    result = style_builds[name]
    theme = load_theme(name, REPO / "styles")
    assert result.pages > 10
    # every note is printed as a callout, in the margin column of its page
    assert {number for _, number, *_ in result.layout.callout_boxes} == set(range(1, result.notes_total + 1))
    assert result.notes_total == 32
    m = theme.margins
    for page, number, x, top, width, height in result.layout.callout_boxes:
        expected = m["inner"] + theme.text_width + theme.gutter if page % 2 else m["outer"]
        assert abs(x - expected) < 0.01 and abs(width - theme.callout_width) < 0.01, (page, number)
        # below the running header, and clear of the page number in the foot (exact margins: test_layout.py)
        footer_top = m["bottom"] - (theme.sizes["header"] + 1) * 1.6
        assert top <= theme.page_size[1] - m["top"] + 0.5 and top - height >= footer_top, (page, number)
    if name in ("wimun", "draft"):
        return  # the default geometry is test_layout.py's; draft is wimun under a watermark (checked below)
    for page in read_pages(result.path):
        mark = [c for c in page.chars if c.size >= 60]  # the watermark lies under the text on purpose
        assert all(0 < (c.x0 + c.x1) / 2 < page.width and 0 < (c.top + c.bottom) / 2 < page.height for c in mark)
        page = dataclasses.replace(page, words=[w for w in page.words if w.size < 60],
                                   chars=[c for c in page.chars if c.size < 60])
        assert not overlapping_words(page), f"{name}: words overlap on p. {page.number}"
        assert not chars_outside(page), f"{name}: a glyph is outside the page on p. {page.number}"


def test_paper_sizes(style_builds):
    assert page_sizes(style_builds["wimun"].path) == {(595, 842)}
    assert page_sizes(style_builds["print-bw"].path) == {(612, 792)}  # US Letter
    assert page_sizes(style_builds["pocket"].path) == {(420, 595)}  # A5


def test_pocket_keeps_readable_sizes():
    theme = load_theme("pocket", REPO / "styles")
    assert theme.sizes["body"] >= 9.5 and theme.sizes["callout"] >= 7.5
    assert theme.text_width >= 230 and theme.callout_width >= 100


def test_print_bw_has_no_colour_anywhere(style_builds):
    assert colour_problems(style_builds["print-bw"].path) == []


def test_colour_scanner_sees_colour_in_the_colour_style(style_builds):
    """The check above is only worth something if it finds the colour that wimun does print."""
    problems = colour_problems(style_builds["wimun"].path)
    assert any(p.startswith("content") for p in problems)
    assert large_dark_fills(style_builds["wimun"].path)  # the cover band


def test_print_bw_is_light_on_ink(style_builds):
    assert large_dark_fills(style_builds["print-bw"].path) == []  # no cover band, no solid blocks
    theme = load_theme("print-bw", REPO / "styles")
    assert not theme.cover["band"]
    highlight = theme.colour("highlight")
    assert highlight.red >= 0.85  # the phrase highlight is a pale gray
    assert all(kind.frame != "rule" for kind in theme.kinds.values())  # thin frames, no 2 pt bars


def test_grayscale_flag_turns_any_style_gray(make_project):
    root = make_project()
    colour = build("test", style="wimun", root=root, output=root / "colour.pdf")
    assert colour_problems(colour.path)
    gray = build("test", style="wimun", root=root, output=root / "gray.pdf", grayscale=True)
    assert colour_problems(gray.path) == []


def test_shipped_styles_embed_font_subsets_only(style_builds):
    for name in ("wimun", "print-bw"):
        problems = font_problems(style_builds[name].path)
        assert not [p for p in problems if "Liberation" in p], problems


def test_every_font_in_the_default_edition_is_an_embedded_subset(style_builds):
    assert font_problems(style_builds["wimun"].path) == []


# ---- fonts: French, Spanish, Russian ------------------------------------------------------

SAMPLES = {
    "French": "Les États membres doivent prévenir les crimes ; « protéger » est un devoir cœur — Noël à l’ONU.",
    "Spanish": "¿Quién protegerá a la población? ¡La señora Muñoz pidió una reunión urgente en Año Nuevo!",
    "Russian": "Ответственность по защите: государства обязаны предотвращать геноцид и этнические чистки.",
}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_fonts_cover_french_spanish_russian(name):
    theme = load_theme(name, REPO / "styles")
    text = "".join(SAMPLES.values()) + "".join(COVERAGE.values())
    for role, family in theme.fonts.items():
        for face in ("regular", "bold", "italic", "bold_italic"):
            assert missing_glyphs(getattr(family, face), text) == "", (name, role, face)
    assert theme.warnings == []


def test_french_spanish_russian_text_prints(make_project):
    report = f"""
    symbol: A/1/1
    title: "{SAMPLES['French']}"
    sections:
      - number: I
        title: "{SAMPLES['Spanish']}"
        body:
          - paragraph: 1
            text: "{SAMPLES['French']} **{SAMPLES['Spanish']}**"
          - paragraph: 2
            text: "*{SAMPLES['Russian']}*"
    """
    notes = f"""
    notes:
      - kind: think-about
        attach: 2
        body: "{SAMPLES['Russian']}"
    """
    root = make_project(report=report, notes=notes)
    result = build("test", root=root, output=root / "langs.pdf")
    text = normalise(" ".join(page_texts(result.path)))
    for sample in SAMPLES.values():
        for word in sample.split():
            assert word.strip("*") in text, word
    assert not [p for p in font_problems(result.path) if "Liberation" in p]


def test_a_font_without_cyrillic_gets_a_warning(tmp_path):
    styles = tmp_path / "styles"
    shutil.copy(VERA, tmp_path / "Vera.ttf")
    write(styles / "latin.yaml", """
        extends: wimun
        fonts:
          body: {regular: ../Vera.ttf}
        """)
    theme = load_theme("latin", styles)
    messages = [str(w) for w in theme.warnings]
    assert any("fonts.body.regular" in m and "Russian" in m and "Ж" in m for m in messages), messages


def test_custom_ttf_and_otf_files(make_project):
    root = make_project()
    fonts = root / "styles" / "fonts"
    fonts.mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(REPO / "handbook" / "style" / "fonts" / f"LiberationSans-{face}.ttf", fonts / f"Body-{face}.otf")
    write(root / "styles" / "custom.yaml", """
        extends: wimun
        fonts:
          body: {regular: fonts/Body-Regular.otf, bold: fonts/Body-Bold.otf,
                 italic: fonts/Body-Italic.otf, bold_italic: fonts/Body-BoldItalic.otf}
        """)
    theme = load_theme("custom", root / "styles")
    assert theme.fonts["body"].regular.startswith("hb-Body-Regular")
    result = build("test", style="custom", root=root, output=root / "custom.pdf")
    fonts_used = {c.font for page in read_pages(result.path) for c in page.chars}
    assert any("LiberationSans" in f for f in fonts_used)
    assert not any("LiberationSerif" in f for f in fonts_used)  # the body is no longer the serif


def test_postscript_otf_and_missing_font_are_file_line_errors(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(REPO / "styles", styles)
    (styles / "cff.otf").write_bytes(b"OTTO" + b"\0" * 200)
    write(styles / "bad-fonts.yaml", """
        extends: wimun
        fonts:
          body: {regular: cff.otf}
          headings: {regular: nowhere.ttf}
        """)
    with pytest.raises(HandbookError) as caught:
        load_theme("bad-fonts", styles)
    message = caught.value.format_message()
    assert re.search(r"bad-fonts\.yaml:3:\d+: error: fonts\.body\.regular: 'cff\.otf' is an OpenType font with "
                     r"PostScript \(CFF\) outlines", message), message
    assert re.search(r"bad-fonts\.yaml:4:\d+: error: fonts\.headings\.regular: file 'nowhere\.ttf' not found",
                     message), message


# ---- style files: extends, errors, paper ------------------------------------------------

@pytest.fixture
def styles_dir(tmp_path) -> Path:
    styles = tmp_path / "styles"
    shutil.copytree(BUILTIN, styles)  # the built-ins copied into a project: its own wimun, print-bw, ...
    return styles


def test_a_style_inherits_the_keys_it_does_not_override(styles_dir):
    wimun = styles_dir / "wimun.yaml"
    wimun.write_text(wimun.read_text().replace('interesting-facts: "#2f7d32"', 'interesting-facts: "#00aa00"'))
    write(styles_dir / "child.yaml", """
        extends: wimun
        paper: A5
        colours:
          accent: "#00ff00"
          kinds:
            think-about: "#123456"
        kinds:
          did-you-know: {frame: box}
        """)
    write(styles_dir / "grandchild.yaml", """
        extends: child
        margins: {outer: 9mm}
        kinds:
          did-you-know: {symbol: "◆"}
        """)
    base = load_theme("wimun", styles_dir)
    child = load_theme("child", styles_dir)
    grandchild = load_theme("grandchild", styles_dir)
    assert child.extends == ["wimun"] and grandchild.extends == ["child", "wimun"]
    assert round(child.page_size[0]) == 420 and round(grandchild.page_size[0]) == 420
    assert child.colour("accent").hexval() == "0x00ff00"
    assert child.colour("primary") == base.colour("primary")  # a nested key not overridden is inherited
    assert child.colour("highlight") == base.colour("highlight")
    assert child.kind("think-about").colour.hexval() == "0x123456"
    assert child.kind("did-you-know").colour == base.kind("did-you-know").colour
    assert grandchild.kind("think-about").colour.hexval() == "0x123456"
    assert grandchild.kind("interesting-facts").colour.hexval() == "0x00aa00"  # from wimun, not the default
    assert (grandchild.kind("did-you-know").symbol, grandchild.kind("did-you-know").frame) == ("◆", "box")
    assert child.logo == base.logo and child.logo_on_band == base.logo_on_band
    assert child.header == base.header and child.fonts == base.fonts and child.margins == base.margins
    assert grandchild.margins["outer"] == pytest.approx(9 * 72 / 25.4)
    assert grandchild.margins["inner"] == base.margins["inner"]
    assert grandchild.colour("accent").hexval() == "0x00ff00"


def test_unknown_key_is_a_file_line_error(styles_dir):
    write(styles_dir / "typo.yaml", """
        extends: wimun
        colours:
          primry: "#000000"
        papr: A4
        """)
    with pytest.raises(HandbookError) as caught:
        load_theme("typo", styles_dir)
    message = caught.value.format_message()
    assert re.search(r"typo\.yaml:3:3: error: style\.colours: unknown key 'primry' \(did you mean 'primary'\?\)",
                     message), message
    assert re.search(r"typo\.yaml:4:1: error: style: unknown key 'papr' \(did you mean 'paper'\?\)", message), message


@pytest.mark.parametrize("bad", ['"#12345"', "blue-ish", '"#gg0000"'])
def test_bad_colour_is_a_file_line_error(styles_dir, bad):
    write(styles_dir / "colour.yaml", f"""
        extends: wimun
        colours:
          kinds:
            did-you-know: "#123456"
            think-about: {bad}
        """)
    with pytest.raises(HandbookError) as caught:
        load_theme("colour", styles_dir)
    assert re.search(r"colour\.yaml:5:\d+: error: colours\.kinds\.think-about: bad colour",
                     caught.value.format_message()), caught.value.format_message()


def test_extends_errors(styles_dir):
    write(styles_dir / "orphan.yaml", "extends: nosuchstyle\n")
    with pytest.raises(HandbookError, match=r"orphan\.yaml:1:10: error: extends unknown style 'nosuchstyle'"):
        load_theme("orphan", styles_dir)
    write(styles_dir / "loop-a.yaml", "extends: loop-b\n")
    write(styles_dir / "loop-b.yaml", "extends: loop-a\n")
    with pytest.raises(HandbookError, match="style extends itself: loop-a -> loop-b -> loop-a"):
        load_theme("loop-a", styles_dir)


def test_custom_paper_and_landscape(styles_dir):
    write(styles_dir / "square.yaml", "extends: wimun\npaper: [200mm, 200mm]\n")
    theme = load_theme("square", styles_dir)
    assert theme.page_size == pytest.approx((200 * 72 / 25.4, 200 * 72 / 25.4))
    write(styles_dir / "wide.yaml", "extends: wimun\npaper: Letter\norientation: landscape\n")
    assert load_theme("wide", styles_dir).page_size == (792, 612)
    write(styles_dir / "nopaper.yaml", "extends: wimun\npaper: B7\n")
    with pytest.raises(HandbookError, match=r"nopaper\.yaml:2:8: error: paper must be A4, Letter, A5"):
        load_theme("nopaper", styles_dir)


def test_build_style_option_overrides_the_editions_style(make_project):
    root = make_project()  # the edition names no style: wimun
    result = build("test", style="pocket", root=root)
    assert result.style == "pocket" and result.path.name == "test-pocket.pdf"
    assert page_sizes(result.path) == {(420, 595)}


def test_header_and_footer_templates(make_project):
    root = make_project()
    write(root / "styles" / "fields.yaml", """
        extends: wimun
        header: "{conference} / {committee} / {symbol} / {title}"
        footer: "Page {page} of {conference}"
        """)
    result = build("test", style="fields", root=root, output=root / "fields.pdf")
    texts = page_texts(result.path)
    body = next(i for i, t in enumerate(texts) if "The first paragraph" in t)
    assert "Test MUN 2030 / Test Committee / A/1/1 / Study Guide" in texts[body]
    assert f"Page {body + 1} of Test MUN 2030" in texts[body]


# ---- logos --------------------------------------------------------------------------------

def _logo(path: Path, size=(600, 600), colour=(27, 79, 138, 255), mode="RGBA", fmt=None) -> Path:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    inner = Image.new("RGBA", (size[0] // 2, size[1] // 2), colour)
    image.paste(inner, (size[0] // 4, size[1] // 4))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.convert(mode).save(path, format=fmt)
    return path


def _logo_style(styles_dir: Path, logo: str, extra: str = "") -> str:
    write(styles_dir / "branded.yaml", f"extends: wimun\nlogo: {logo}\nlogo_on_band: {logo}\n{extra}")
    return "branded"


def test_unreadable_and_wrong_format_logos_are_errors(styles_dir):
    (styles_dir / "logos" / "broken.png").write_text("not a picture")
    with pytest.raises(HandbookError, match=r"branded\.yaml:2:7: error: logo: 'logos/broken\.png' cannot be read"):
        load_theme(_logo_style(styles_dir, "logos/broken.png"), styles_dir)
    report = Report()  # a file that goes bad after the style was read is still caught where it is opened
    theme = load_theme("wimun", styles_dir)
    theme.logo = styles_dir / "logos" / "broken.png"
    load_logos(theme, report)
    assert any("cannot read logo" in d.message and "broken.png" in str(d) for d in report.errors)
    _logo(styles_dir / "logos" / "anim.gif", mode="P", fmt="GIF")
    report = Report()
    load_logos(load_theme(_logo_style(styles_dir, "logos/anim.gif"), styles_dir), report)
    assert any("logo must be a PNG or JPEG file, not GIF" in d.message for d in report.errors)


def test_a_broken_logo_stops_the_build_with_its_path(make_project):
    root = make_project()
    (root / "styles" / "logos").mkdir()
    (root / "styles" / "logos" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    _logo_style(root / "styles", "logos/broken.png")
    with pytest.raises(HandbookError, match=r"branded\.yaml:2:\d+: error: logo: 'logos/broken\.png' cannot be read"):
        build("test", style="branded", root=root)


def test_low_resolution_logo_warns(make_project):
    root = make_project()
    _logo(root / "styles" / "logos" / "tiny.png", size=(60, 60))
    _logo_style(root / "styles", "logos/tiny.png")
    result = build("test", style="branded", root=root)
    messages = [str(w) for w in result.warnings]
    assert any("tiny.png" in m and "dpi" in m and "below 200 dpi" in m for m in messages), messages


def test_sharp_logo_does_not_warn_and_is_sized_for_print(styles_dir):
    _logo(styles_dir / "logos" / "huge.png", size=(2000, 2000))
    theme = load_theme(_logo_style(styles_dir, "logos/huge.png"), styles_dir)
    report = Report()
    logos = load_logos(theme, report)
    assert report.diagnostics == []
    width, height = logos.cover.getSize()
    assert height <= MAX_DPI * cover_logo_height(theme) / 72 + 1  # scaled down to what print can use
    assert logos.header.getSize()[1] < height


def test_jpeg_logo_and_grayscale_conversion(styles_dir):
    Image.new("CMYK", (500, 300), (200, 10, 30, 0)).save(styles_dir / "logos" / "photo.jpg", quality=90)
    theme = load_theme(_logo_style(styles_dir, "logos/photo.jpg"), styles_dir)
    logos = load_logos(theme, Report())
    assert logos.cover._image.mode == "RGB"
    gray = load_theme(_logo_style(styles_dir, "logos/photo.jpg", "grayscale: true\n"), styles_dir)
    logos = load_logos(gray, Report())
    assert logos.cover._image.mode == "L" and logos.header._image.mode == "L"
    _logo(styles_dir / "logos" / "alpha.png")
    logos = load_logos(load_theme(_logo_style(styles_dir, "logos/alpha.png", "grayscale: true\n"), styles_dir), Report())
    assert logos.cover._image.mode == "LA"  # transparency kept


def test_a_white_logo_is_tinted_where_the_paper_is_white(styles_dir):
    _logo(styles_dir / "logos" / "white.png", colour=(255, 255, 255, 255))
    write(styles_dir / "plain.yaml", "extends: wimun\nlogo: logos/white.png\ncover: {band: false}\n")
    logos = load_logos(load_theme("plain", styles_dir), Report())
    for image in (logos.cover, logos.header):
        pixels = image._image.convert("RGBA")
        r, g, b, a = pixels.getpixel((pixels.width // 2, pixels.height // 2))
        assert a == 255 and (r, g, b) == (27, 79, 138)  # the primary colour
    banded = load_logos(load_theme(_logo_style(styles_dir, "logos/white.png"), styles_dir), Report())
    pixels = banded.cover._image.convert("RGBA")
    assert pixels.getpixel((pixels.width // 2, pixels.height // 2)) == (255, 255, 255, 255)  # white on the band


def _image_counts(path: Path) -> list[int]:
    with pikepdf.open(path) as pdf:
        return [sum(1 for _, x in (p.obj.Resources.get("/XObject") or {}).items() if x.get("/Subtype") == "/Image")
                for p in pdf.pages]


def test_logo_on_the_cover_and_in_the_running_header(style_builds, make_project):
    counts = _image_counts(style_builds["wimun"].path)
    texts = page_texts(style_builds["wimun"].path)
    assert counts[0] >= 1  # the cover
    # the running header of every other page (the pull-out cheat sheet draws its own, without the logo)
    assert all(c >= 1 for c, t in zip(counts[1:], texts[1:]) if "at a glance" not in t[:200])
    assert sum(1 for c in counts if c == 0) <= 1
    root = make_project()
    write(root / "styles" / "nologo.yaml", "extends: wimun\nheader_logo: false\n")
    result = build("test", style="nologo", root=root, output=root / "nologo.pdf")
    counts = _image_counts(result.path)
    assert counts[0] == 1 and all(c == 0 for c in counts[1:])


# ---- the cover and the watermark ----------------------------------------------------------

def test_cover_carries_the_edition_file(style_builds):
    for name in ("wimun", "print-bw", "pocket"):
        cover = normalise(PdfReader(str(style_builds[name].path)).pages[0].extract_text())
        for expected in ("WIMUN NY 2025", "General Assembly Plenary 2", "STUDY GUIDE",
                         "Responsibility to protect: State responsibility and prevention", "A/67/929–S/2013/399",
                         "WFUNA", "801 First Avenue", "New York, NY, 10017", "wimun@wfuna.org",
                         "+41 (0) 22 917 32 74", "Instagram: @wimunsecretariat"):
            assert expected in cover, (name, expected)


def test_watermark_on_every_page_behind_readable_text(style_builds):
    draft = style_builds["draft"]
    texts = page_texts(draft.path)
    assert all("DRAFT" in t for t in texts)
    assert not any("DRAFT" in t for t in page_texts(style_builds["wimun"].path))
    # the text still reads, and the watermark is light: a pale tint, drawn before the page's text
    assert "Responsibility to protect" in normalise(texts[0])
    with pdfplumber.open(draft.path) as pdf:
        chars = pdf.pages[2].chars
    mark = [i for i, c in enumerate(chars) if c["size"] > 60]
    assert "".join(chars[i]["text"] for i in mark) == "DRAFT"
    assert mark[0] == 0 or all(c["size"] > 60 for c in chars[:mark[0]])  # nothing drawn under it but itself
    colour = chars[mark[0]]["non_stroking_color"]
    assert min(colour) >= 0.8, colour
    assert any(c["size"] < 20 for c in chars[mark[-1]:])
