"""Read styles/<name>.yaml (with `extends`) into a Theme: page geometry, fonts, colours, callout kinds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors, pagesizes
from reportlab.lib.units import cm, inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError
from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import HandbookError, Position, Report
from .fontcache import load_font
from ..sources.yamlfile import Source

FONT_DIR = Path(__file__).parent / "fonts"
BUILTIN_FONTS = {
    "serif": {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
              "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"},
    "sans": {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf",
             "italic": "LiberationSans-Italic.ttf", "bold_italic": "LiberationSans-BoldItalic.ttf"},
}
PAPERS = {"a4": pagesizes.A4, "letter": pagesizes.LETTER, "a5": pagesizes.A5, "legal": pagesizes.LEGAL}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_UNITS = {"mm": mm, "cm": cm, "in": inch, "pt": 1, None: 1}

# The style schema: key -> nested schema, or a type name for leaves.
SCHEMA: dict = {
    "name": "text", "description": "text", "extends": "text",
    "paper": "paper", "orientation": "orientation",
    "margins": {"top": "length", "bottom": "length", "inner": "length", "outer": "length"},
    "columns": {"callout": "length", "gutter": "length"},
    "fonts": {role: {"family": "text", "regular": "font", "bold": "font", "italic": "font", "bold_italic": "font"}
              for role in ("body", "headings", "callouts")},
    "sizes": {"body": "size", "leading": "size", "heading": "size", "title": "size", "callout": "size",
              "callout_leading": "size", "footnote": "size", "header": "size"},
    "spacing": {"paragraph": "length", "callout_gap": "length", "callout_padding": "length",
                "section": "length"},
    "colours": {"primary": "colour", "accent": "colour", "text": "colour", "muted": "colour",
                "highlight": "colour", "rule": "colour", "kinds": "colour-map"},
    "kinds": "kind-map",
    "cover": {"layout": "cover-layout", "band": "bool", "show_symbol": "bool"},
    "header": "text", "footer": "text",
    "logo": "path", "logo_on_band": "path", "header_logo": "bool",
    "watermark": "text", "grayscale": "bool", "duplex": "bool",
    "cheatsheet": {"orientation": "orientation", "min_font_size": "size", "max_font_size": "size",
                   "columns": "int"},
    "typesetting": {**{k: "size" for k in (
        "tolerance", "emergency_tolerance", "line_penalty", "hyphen_penalty", "explicit_hyphen_penalty",
        "last_word_hyphen_penalty", "proper_name_hyphen_penalty",
        "double_hyphen_demerits", "final_hyphen_demerits", "adjacent_demerits", "hyphen_run_demerits",
        "foot_hyphen_demerits", "short_last_line_demerits", "space_stretch", "space_shrink", "ragged_stretch",
        "emergency_stretch", "emergency_shrink", "loosest_space", "url_penalty")}, **{k: "int" for k in ("max_hyphen_run", "min_last_line", "hyphen_min_left",
                                              "hyphen_min_right", "hyphen_min_word")},
        "language": "language", "hyphenation_exceptions": "words", "smart_quotes": "bool"},
}


@dataclass
class KindStyle:
    """How one note kind looks: a symbol and a frame shape, so it reads without colour."""

    symbol: str = "●"
    frame: str = "box"  # box | rule | dashed | double
    colour: colors.Color = field(default_factory=lambda: colors.HexColor("#1b4f8a"))


@dataclass
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str


@dataclass
class Theme:
    name: str
    page_size: tuple
    margins: dict
    callout_width: float
    gutter: float
    fonts: dict  # role -> FontFamily
    sizes: dict
    spacing: dict
    colours: dict
    kinds: dict  # kind id -> KindStyle
    cover: dict
    header: str
    footer: str
    logo: Path | None
    watermark: str
    grayscale: bool
    duplex: bool
    cheatsheet: dict
    path: Path | None = None
    typesetting: dict = field(default_factory=lambda: dict(DEFAULTS["typesetting"]))
    description: str = ""
    extends: list = field(default_factory=list)  # the styles this one extends, nearest first
    logo_on_band: Path | None = None  # a variant of the logo for the cover's coloured band (e.g. white)
    header_logo: bool = True  # print the logo small in the running header
    logos: object = None  # the loaded, checked images (logo.Logos), attached by build()
    warnings: list = field(default_factory=list)  # Diagnostics: the style loads but something may print badly

    @property
    def text_width(self) -> float:
        width = self.page_size[0] - self.margins["inner"] - self.margins["outer"]
        return width - self.callout_width - self.gutter

    def colour(self, name: str) -> colors.Color:
        return self.colours[name]

    def kind(self, kind_id: str) -> KindStyle:
        return self.kinds.get(kind_id) or KindStyle("○", "box", self.colours["primary"])


DEFAULTS = {
    "paper": "A4", "orientation": "portrait",
    "margins": {"top": "20mm", "bottom": "18mm", "inner": "18mm", "outer": "12mm"},
    "columns": {"callout": "50mm", "gutter": "6mm"},
    "fonts": {"body": {"family": "serif"}, "headings": {"family": "sans"}, "callouts": {"family": "sans"}},
    "sizes": {"body": 10.5, "leading": 13.6, "heading": 12, "title": 17, "callout": 7.9,
              "callout_leading": 9.8, "footnote": 8, "header": 7.5},
    "spacing": {"paragraph": "5pt", "callout_gap": "4pt", "callout_padding": "4pt", "section": "12pt"},
    "colours": {"primary": "#1b4f8a", "accent": "#b5121b", "text": "#111111", "muted": "#5a5a5a",
                "highlight": "#fff1b8", "rule": "#8a8a8a",
                "kinds": {"did-you-know": "#1b6fa8", "think-about": "#a8501b", "interesting-facts": "#2f7d32"}},
    "kinds": {"did-you-know": {"symbol": "●", "frame": "rule"},
              "think-about": {"symbol": "■", "frame": "dashed"},
              "interesting-facts": {"symbol": "▲", "frame": "double"}},
    "cover": {"layout": "centered", "band": True, "show_symbol": True},
    "header": "{conference} · {committee} · {symbol}",
    "footer": "{page}",
    "logo": "", "logo_on_band": "", "header_logo": True, "watermark": "", "grayscale": False, "duplex": False,
    "cheatsheet": {"orientation": "portrait", "min_font_size": 7, "max_font_size": 10, "columns": 2},
    # line breaking (docs/styles.md, "Typesetting"): TeX's weights where TeX has one
    "typesetting": {"tolerance": 100, "emergency_tolerance": 8000, "line_penalty": 10, "hyphen_penalty": 50,
                    "explicit_hyphen_penalty": 50, "last_word_hyphen_penalty": 1000,
                    "proper_name_hyphen_penalty": 500, "double_hyphen_demerits": 3000, "final_hyphen_demerits": 5000,
                    "adjacent_demerits": 5000, "max_hyphen_run": 2, "hyphen_run_demerits": 1e7,
                    "foot_hyphen_demerits": 1e7, "min_last_line": 4, "short_last_line_demerits": 1e7,
                    "space_stretch": 0.5, "space_shrink": 0.2, "ragged_stretch": 3.0, "emergency_stretch": 3.0,
                    "emergency_shrink": 0.33, "loosest_space": 0.7, "url_penalty": 40,
                    "hyphen_min_left": 2, "hyphen_min_right": 3, "hyphen_min_word": 6, "language": "en",
                    "hyphenation_exceptions": [], "smart_quotes": True},
}


def find_style(name: str, styles_dir: Path) -> Path:
    path = styles_dir / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in styles_dir.glob("*.yaml")) if styles_dir.is_dir() else []
        import difflib
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else ("styles: " + ", ".join(known) if known else "")
        raise HandbookError(f"{styles_dir}/: error: unknown style {name!r}" + (f" ({hint})" if hint else ""))
    return path


def load_theme(name: str, styles_dir: Path, grayscale: bool | None = None, duplex: bool | None = None) -> Theme:
    """Read a style and everything it extends; raise HandbookError listing every problem."""
    report = Report()
    parents: list = []
    tree = _load_tree(name, styles_dir, report, chain=[], parents=parents)
    report.raise_if_errors()
    theme = _build(tree, styles_dir / f"{name}.yaml", report)
    report.raise_if_errors()
    theme.extends = parents
    theme.warnings = report.warnings
    if grayscale is not None and grayscale:
        theme.grayscale = True
    if duplex is not None and duplex:
        theme.duplex = True
    if theme.grayscale:
        _to_gray(theme)
    return theme


# A merged tree: key -> (Source, value node) for leaves, or nested dicts for mappings.
def _load_tree(name: str, styles_dir: Path, report: Report, chain: list, parents: list | None = None) -> dict:
    path = find_style(name, styles_dir)
    if name in chain:
        report.error(Position(str(path)), "style extends itself: " + " -> ".join(chain + [name]))
        return {}
    src = Source(path, report)
    root = src.load()
    if root is None:
        return {}
    tree = _to_tree(src, root, SCHEMA, "style")
    base: dict = {}
    if "extends" in tree:
        parent_src, parent_node = tree["extends"]
        parent = parent_src.string(parent_node, "extends")
        if parent:
            if parents is not None:
                parents.append(parent)
            try:
                base = _load_tree(parent, styles_dir, report, chain + [name], parents)
            except HandbookError as exc:
                report.error(parent_src.at(parent_node), f"extends unknown style {parent!r}",
                             exc.diagnostics[0].message.split("unknown style ", 1)[-1])
    return _merge(base, tree)


def _to_tree(src: Source, node: Node, schema: dict, what: str) -> dict:
    keys = src.mapping(node, what, optional=tuple(schema))
    tree: dict = {}
    for key, value in (keys or {}).items():
        sub = schema[key]
        if isinstance(sub, dict):
            tree[key] = _to_tree(src, value, sub, f"{what}.{key}")
        elif sub in _LAYERED:
            tree[key] = [(src, value)]  # maps keyed by note kind merge kind by kind down an `extends` chain
        else:
            tree[key] = (src, value)
    return tree


_LAYERED = ("colour-map", "kind-map")


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        else:
            merged[key] = value
    return merged


class _Resolver:
    """Turns the merged tree plus defaults into typed values, recording errors with positions."""

    def __init__(self, report: Report, style_path: Path):
        self.report = report
        self.style_path = style_path

    def get(self, tree: dict, path: tuple, kind: str):
        node = tree
        for part in path:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        default = DEFAULTS
        for part in path:
            default = default.get(part) if isinstance(default, dict) else None
        if isinstance(node, tuple):
            src, value_node = node
            return self.convert(src, value_node, kind, path)
        if isinstance(node, list):  # layers, base style first: later layers win key by key
            merged: dict = {}
            for src, value_node in node:
                for key, value in (self.convert(src, value_node, kind, path) or {}).items():
                    if isinstance(value, dict):
                        merged[key] = {**merged.get(key, {}), **value}
                    else:
                        merged[key] = value
            return merged
        return self.convert_default(default, kind)

    def convert_default(self, value, kind):
        if kind == "length":
            return _length(str(value))
        if kind == "colour":
            return colors.HexColor(value)
        if kind == "colour-map":  # a style that sets no kind colours gets the default ones, as colours
            return {k: colors.HexColor(v) for k, v in value.items()}
        if kind == "paper":
            return PAPERS[value.lower()]
        return value

    def convert(self, src: Source, node: Node, kind: str, path: tuple):
        what = ".".join(path)
        if kind in ("text", "path", "font", "orientation", "cover-layout"):
            value = src.string(node, what)
            if value is None:
                return None
            if kind in ("path", "font") and value:
                full = (src.path.parent / value).resolve()
                if not full.is_file():
                    src.error(node, f"{what}: file {value!r} not found", f"looked in {src.path.parent}/")
                    return None
                if kind == "path" and path[-1] in ("logo", "logo_on_band"):
                    problem = _image_problem(full)
                    if problem:
                        src.error(node, f"{what}: {value!r} {problem[0]}", problem[1])
                        return None
                if kind == "font":
                    problem = _font_problem(full)
                    if problem:
                        src.error(node, f"{what}: {value!r} {problem[0]}", problem[1])
                        return None
                return full
            if kind == "orientation" and value not in ("portrait", "landscape"):
                src.error(node, f"{what} must be portrait or landscape, not {value!r}")
            if kind == "cover-layout" and value not in ("centered", "left"):
                src.error(node, f"{what} must be centered or left, not {value!r}")
            return value
        if kind == "length":
            raw = node.value if isinstance(node, ScalarNode) else None
            length = _length(raw) if raw is not None else None
            if length is None:
                src.error(node, f"{what} must be a length such as 12mm, 0.5in or 10pt")
            return length
        if kind == "size":
            return src.number(node, what)
        if kind == "int":
            return src.integer(node, what)
        if kind in ("words", "language"):
            return _typesetting_value(src, node, kind, what)
        if kind == "bool":
            return src.boolean(node, what)
        if kind == "colour":
            return _colour(src, node, what)
        if kind == "paper":
            return _paper(src, node)
        if kind == "colour-map":
            if not isinstance(node, MappingNode):
                src.error(node, f"{what} must be a mapping of note kinds to colours")
                return {}
            result = {}
            for key_node, value_node in node.value if isinstance(node, MappingNode) else []:
                colour = _colour(src, value_node, f"{what}.{key_node.value}")
                if colour is not None:
                    result[key_node.value] = colour
            return result
        if kind == "kind-map":
            result = {}
            if not isinstance(node, MappingNode):
                src.error(node, f"{what} must be a mapping of note kinds")
                return result
            for key_node, value_node in node.value:
                k = src.mapping(value_node, f"kinds.{key_node.value}", optional=("symbol", "frame")) or {}
                entry = {}
                if "symbol" in k:
                    entry["symbol"] = src.string(k["symbol"], "symbol")
                if "frame" in k:
                    frame = src.string(k["frame"], "frame")
                    if frame not in ("box", "rule", "dashed", "double"):
                        src.error(k["frame"], f"frame must be box, rule, dashed or double, not {frame!r}")
                    entry["frame"] = frame
                result[key_node.value] = entry
            return result
        raise AssertionError(kind)


def _typesetting_value(src: Source, node: Node, kind: str, what: str):
    """A hyphenation exception list (letters and hyphens) or a language with hyphenation patterns."""
    if kind == "language":
        from ..layout.hyphenation import pattern_set
        value = src.string(node, what)
        try:
            return value and pattern_set(value) and value
        except ValueError:
            src.error(node, f"{what}: no hyphenation patterns for {value!r}", "try en, fr, es, ru or de")
            return None
    words = src.strings(node, what)
    for word in words:
        if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
            src.error(node, f"{what}: {word!r} must be letters, with hyphens where the word may break",
                      "e.g. atroc-ity")
    return words


def _font_problem(path: Path) -> tuple[str, str] | None:
    """Why a font file cannot be embedded (ReportLab embeds TrueType outlines only), or None."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        return f"cannot be read: {exc.strerror}", ""
    if magic in (b"\x00\x01\x00\x00", b"true", b"ttcf"):
        try:  # a damaged or truncated file fails here, at the style key, not mid-build
            from reportlab.pdfbase.ttfonts import TTFontFile
            TTFontFile(str(path), validate=0)
        except Exception as exc:  # noqa: BLE001 - ReportLab raises struct.error, KeyError, TTFError ...
            return (f"cannot be read as a font ({str(exc).replace(str(path), path.name)})",
                    "the file may be damaged; copy it again")
        return None
    if magic == b"OTTO":
        return ("is an OpenType font with PostScript (CFF) outlines, which cannot be embedded",
                "use the TrueType-flavoured .ttf or .otf of the same family")
    if magic in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF)", "use the .ttf or .otf file of the same family"
    return "is not a TrueType or OpenType font file", "fonts must be .ttf or .otf files"


# Characters that French, Spanish and Russian text needs, plus the typography the layout prints.
COVERAGE = {
    "French": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»",
    "Spanish": "áéíóúñüÁÉÍÓÚÑÜ¿¡",
    "Russian": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№",
    "punctuation": "–—‘’“”…•·§¶€",
}


def missing_glyphs(font_name: str, text: str) -> str:
    """The characters of `text` that the registered TrueType font `font_name` has no glyph for."""
    face = pdfmetrics.getFont(font_name).face
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None:  # a standard Type 1 font: Latin-1 only
        return "".join(ch for ch in dict.fromkeys(text) if ord(ch) > 255)
    return "".join(ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in cmap)


def _length(raw: str):
    match = _LENGTH.match(str(raw))
    if not match:
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def _image_problem(path: Path) -> tuple[str, str] | None:
    """Why a logo file cannot be used (checked at the style key; logo.py checks sharpness), or None."""
    from PIL import Image
    try:
        with Image.open(path) as image:
            if image.format == "PNG":
                image.verify()  # every chunk read and its checksum checked, without decoding (logo.py decodes)
            else:
                image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for damaged files
        return f"cannot be read as an image ({exc.__class__.__name__})", "the logo must be a PNG or JPEG file"
    return None


def _colour(src: Source, node: Node, what: str):
    raw = node.value if isinstance(node, ScalarNode) else None
    if isinstance(raw, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", raw.strip()):
        return colors.HexColor(raw.strip())
    if isinstance(raw, str) and raw.strip().lower() in ("black", "white"):
        return colors.black if raw.strip().lower() == "black" else colors.white
    hint = "write colours as #rrggbb, e.g. #1b4f8a"
    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):  # `primary: #1b4f8a` is a YAML comment
        hint = f'quote it, e.g. {what.rsplit(".", 1)[-1]}: "#1b4f8a"; unquoted, # starts a YAML comment'
    src.error(node, f"{what}: bad colour {raw!r}", hint)
    return None


def _paper(src: Source, node: Node):
    if isinstance(node, ScalarNode) and node.value.lower() in PAPERS:
        return PAPERS[node.value.lower()]
    if not isinstance(node, ScalarNode) and len(getattr(node, "value", [])) == 2:
        sizes = [_length(n.value) if isinstance(n, ScalarNode) else None for n in node.value]
        if all(sizes) and all(s > 100 for s in sizes):
            return tuple(sizes)
    src.error(node, "paper must be A4, Letter, A5, Legal or [width, height] such as [148mm, 210mm]")
    return None


def _register_family(role: str, spec: dict, style_path: Path, report: Report) -> FontFamily:
    family = spec.get("family", "serif")
    base = BUILTIN_FONTS.get(family)
    names, paths = {}, {}
    for face in ("regular", "bold", "italic", "bold_italic"):
        path = paths[face] = spec.get(face) or (FONT_DIR / base[face] if base else None)
        if path is None:
            report.error(Position(str(style_path)), f"fonts.{role}: family {family!r} is not built in",
                         "built-in families: serif, sans; or give regular/bold/italic/bold_italic files")
            return FontFamily(*["Helvetica"] * 4)
        font_name = f"hb-{Path(path).stem}"
        if Path(path).parent.resolve() != FONT_DIR.resolve():  # two styles' "Regular.ttf" must not collide
            import hashlib
            font_name += "-" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:6]
        if font_name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(load_font(font_name, Path(path)))
            except (TTFError, OSError, ValueError) as exc:
                report.error(Position(str(path)), f"fonts.{role}.{face}: cannot read font: {exc}")
                return FontFamily(*["Helvetica"] * 4)
        names[face] = font_name
    from reportlab.lib.fonts import addMapping
    addMapping(names["regular"], 0, 0, names["regular"])
    addMapping(names["regular"], 1, 0, names["bold"])
    addMapping(names["regular"], 0, 1, names["italic"])
    addMapping(names["regular"], 1, 1, names["bold_italic"])
    for face, font_name in names.items():
        gaps = {lang: missing_glyphs(font_name, chars) for lang, chars in COVERAGE.items()}
        gaps = {lang: chars for lang, chars in gaps.items() if chars}
        if gaps:
            report.warning(Position(str(style_path)), f"fonts.{role}.{face}: {Path(paths[face]).name} "
                           "has no glyphs for " + "; ".join(f"{lang} {chars}" for lang, chars in gaps.items()),
                           "such characters would print as empty boxes")
    return FontFamily(names["regular"], names["bold"], names["italic"], names["bold_italic"])


def _build(tree: dict, style_path: Path, report: Report) -> Theme:
    r = _Resolver(report, style_path)
    get = r.get
    page = get(tree, ("paper",), "paper") or pagesizes.A4
    if get(tree, ("orientation",), "orientation") == "landscape":
        page = pagesizes.landscape(page)
    fonts = {}
    for role in ("body", "headings", "callouts"):
        spec = {face: get(tree, ("fonts", role, face), "font") for face in ("regular", "bold", "italic", "bold_italic")}
        spec = {k: v for k, v in spec.items() if v}
        spec["family"] = get(tree, ("fonts", role, "family"), "text") or DEFAULTS["fonts"][role]["family"]
        if any(spec.get(f) for f in ("regular", "bold", "italic", "bold_italic")):
            missing = [f for f in ("regular", "bold", "italic", "bold_italic") if not spec.get(f)]
            for face in missing:  # an incomplete family borrows the faces it lacks from its regular face
                spec[face] = spec.get("regular") or next(v for k, v in spec.items() if k != "family" and v)
        fonts[role] = _register_family(role, spec, style_path, report)
    colours = {k: get(tree, ("colours", k), "colour") for k in ("primary", "accent", "text", "muted", "highlight", "rule")}
    kind_colours = {k: colors.HexColor(v) for k, v in DEFAULTS["colours"]["kinds"].items()}
    kind_colours.update(get(tree, ("colours", "kinds"), "colour-map") or {})
    kind_specs = {k: dict(v) for k, v in DEFAULTS["kinds"].items()}
    for k, v in (get(tree, ("kinds",), "kind-map") or {}).items():
        kind_specs.setdefault(k, {}).update({a: b for a, b in v.items() if b})
    kinds = {}
    for kind_id in set(kind_specs) | set(kind_colours):
        spec = kind_specs.get(kind_id, {})
        kinds[kind_id] = KindStyle(spec.get("symbol", "○"), spec.get("frame", "box"),
                                   kind_colours.get(kind_id, colours["primary"]))
    logo = get(tree, ("logo",), "path")
    for kind_id, kind in kinds.items():
        lacking = "".join(dict.fromkeys(missing_glyphs(fonts["callouts"].bold, kind.symbol)
                                        + missing_glyphs(fonts["callouts"].regular, kind.symbol)))
        if lacking and fonts["callouts"].regular != "Helvetica":
            report.warning(Position(str(style_path)), f"kinds.{kind_id}.symbol: the callout font has no glyph "
                           f"for {lacking!r}", "choose a symbol the font has, such as ● ■ ▲ ◆ ★")
    theme = Theme(
        name=style_path.stem, page_size=tuple(page),
        margins={k: get(tree, ("margins", k), "length") for k in ("top", "bottom", "inner", "outer")},
        callout_width=get(tree, ("columns", "callout"), "length"),
        gutter=get(tree, ("columns", "gutter"), "length"),
        fonts=fonts,
        sizes={k: get(tree, ("sizes", k), "size") for k in DEFAULTS["sizes"]},
        spacing={k: get(tree, ("spacing", k), "length") for k in DEFAULTS["spacing"]},
        colours=colours, kinds=kinds,
        cover={k: get(tree, ("cover", k), "bool" if k != "layout" else "cover-layout") for k in DEFAULTS["cover"]},
        header=get(tree, ("header",), "text") or "", footer=get(tree, ("footer",), "text") or "",
        logo=logo if logo else None, watermark=get(tree, ("watermark",), "text") or "",
        logo_on_band=get(tree, ("logo_on_band",), "path") or None,
        header_logo=bool(get(tree, ("header_logo",), "bool")),
        description=get(tree, ("description",), "text") or "",
        grayscale=bool(get(tree, ("grayscale",), "bool")), duplex=bool(get(tree, ("duplex",), "bool")),
        cheatsheet={k: get(tree, ("cheatsheet", k), "size" if "size" in k else ("int" if k == "columns" else "orientation"))
                    for k in DEFAULTS["cheatsheet"]},
        path=style_path,
        typesetting={k: get(tree, ("typesetting", k), kind) for k, kind in SCHEMA["typesetting"].items()},
    )
    if not report.errors and theme.text_width < 150:
        report.error(Position(str(style_path)), f"the text column is only {theme.text_width:.0f} pt wide",
                     "reduce the margins or the callout column")
    if not report.errors and theme.sizes["body"] < 9.5:
        report.warning(Position(str(style_path)), "body text below 9.5 pt is hard to read on paper")
    return theme


def _gray(colour: colors.Color) -> colors.Color:
    r, g, b = colour.red, colour.green, colour.blue
    level = 0.299 * r + 0.587 * g + 0.114 * b
    return colors.Color(level, level, level)


def _to_gray(theme: Theme) -> None:
    """A grayscale theme keeps its contrast but loses its hue, so print-bw pages use no colour ink."""
    theme.colours = {k: _gray(v) for k, v in theme.colours.items()}
    for kind in theme.kinds.values():
        kind.colour = _gray(kind.colour)
