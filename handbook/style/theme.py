"""Read a style (styles/<name>.yaml or a built-in, with `extends`) into a Theme: geometry, fonts, colours, kinds."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors, pagesizes
from yaml.nodes import MappingNode, Node, ScalarNode

from ..confine import name_problem
from ..errors import HandbookError, Position, Report
from ..sources.yamlfile import Source
from . import typesetting
from .catalogue import find_style
from .families import missing_glyphs, register_family
from .values import Resolver

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
                "section": "length", "footnote_separator": "length", "list_indent": "length",
                "list_bullet": "length", "list_item": "length"},
    "placement": {"split_floor": "length", "max_hole": "size", "window": "int", "feather": "length", "tighten": "size",
                  "target_same_page": "size", "target_within_one": "size"},
    "links": {"qr_size": "length"},
    "index": {"indent": "length"},
    "proportions": {"cover_band": "size", "cover_logo": "size", "header_logo": "size", "cover_gray_ink": "size"},
    "colours": {"primary": "colour", "accent": "colour", "text": "colour", "muted": "colour",
                "highlight": "colour", "rule": "colour", "kinds": "colour-map"},
    "kinds": "kind-map",
    "marks": {"anchor": "anchor-mark", "marker_size": "size", "gray_tint": "size", "underline": "length"},
    "cover": {"layout": "cover-layout", "band": "bool", "show_symbol": "bool"},
    "header": "template", "footer": "template",
    "logo": "path", "logo_on_band": "path", "header_logo": "bool",
    "watermark": "watermark", "grayscale": "bool", "duplex": "bool",
    "cheatsheet": {"orientation": "orientation", "min_font_size": "size", "max_font_size": "size",
                   "columns": "int", "pages": "int", "click_hint": "bool", "leading": "size", "gap": "size",
                   "padding": "size", "title_size": "size", "heading_size": "size", "pillar_width": "size",
                   "step": "size"},
    "typesetting": typesetting.SCHEMA,
    "labels": "label-map",
}


@dataclass
class KindStyle:
    """How one note kind looks: a symbol and a frame shape, so it reads without colour."""

    symbol: str = "●"
    frame: str = "box"  # box | rule | dashed | double
    colour: colors.Color = field(default_factory=lambda: colors.HexColor("#1b4f8a"))


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
    placement: dict = field(default_factory=dict)  # split_floor (pt), max_hole (lines), window (pages) ...
    links: dict = field(default_factory=dict)  # qr_size (pt)
    index: dict = field(default_factory=lambda: {"indent": 9.0})  # indent (pt) of the back-of-book indexes
    proportions: dict = field(default_factory=dict)  # cover_band, cover_logo, header_logo
    typesetting: dict = field(default_factory=lambda: dict(typesetting.DEFAULTS))  # the breaker's rules
    marks: dict = field(default_factory=lambda: dict(anchor="highlight", marker_size=7, gray_tint=0.15, underline=0.9))
    path: Path | None = None
    description: str = ""
    extends: list = field(default_factory=list)  # the styles this one extends, nearest first
    logo_on_band: Path | None = None  # a variant of the logo for the cover's coloured band (e.g. white)
    header_logo: bool = True  # print the logo small in the running header
    logos: object = None  # the loaded, checked images (logo.Logos), attached by build()
    labels: dict = field(default_factory=dict)  # language code -> {label name: words}: the style's own labels
    words: object = None  # the labels this build prints (language.catalogue.Words), attached by build()
    hyphenation_exceptions: tuple = ()  # the edition's own (`hyphenation:` in handbook.yaml), attached by layout
    warnings: list = field(default_factory=list)  # Diagnostics: the style loads but something may print badly
    text_positions: dict = field(default_factory=dict)  # header, footer, watermark -> where the style sets it
    bleed: float = 0.0  # pt the print shop trims off: what touches the page's edge is drawn this far beyond it

    @property
    def text_width(self) -> float:
        width = self.page_size[0] - self.margins["inner"] - self.margins["outer"]
        return width - self.callout_width - self.gutter

    def colour(self, name: str) -> colors.Color:
        return self.colours[name]

    def cover_band_fill(self) -> colors.Color:
        """The cover band's fill: the primary colour, or in grayscale a light tint (ink-light on toner)."""
        if not self.grayscale:
            return self.colours["primary"]
        level = 1 - min(max(self.proportions["cover_gray_ink"], 0.0), 1.0)
        return colors.Color(level, level, level)

    def kind(self, kind_id: str) -> KindStyle:
        return self.kinds.get(kind_id) or KindStyle("○", "box", self.colours["primary"])


DEFAULTS = {
    "paper": "A4", "orientation": "portrait",
    "margins": {"top": "20mm", "bottom": "18mm", "inner": "18mm", "outer": "12mm"},
    "columns": {"callout": "50mm", "gutter": "6mm"},
    "fonts": {"body": {"family": "serif"}, "headings": {"family": "sans"}, "callouts": {"family": "sans"}},
    "sizes": {"body": 10.5, "leading": 13.6, "heading": 12, "title": 17, "callout": 7.9,
              "callout_leading": 9.8, "footnote": 8, "header": 7.5},
    "spacing": {"paragraph": "5pt", "callout_gap": "4pt", "callout_padding": "4pt", "section": "12pt",
                "footnote_separator": "9pt", "list_indent": "16pt", "list_bullet": "3pt", "list_item": "2.5pt"},
    # below split_floor a split callout piece would be a stub of two or three lines; the planner may end a
    # page at most max_hole body lines early, looking window pages ahead; a page that must end shorter
    # spreads the rest between its paragraphs, up to feather each; tighten: the share by which a crowded
    # page may close up its callouts' padding, gaps and line spacing (0: never); the targets of --strict
    "placement": {"split_floor": "40pt", "max_hole": 3, "window": 3, "feather": "6pt", "tighten": 0,
                  "target_same_page": 90, "target_within_one": 100},
    "links": {"qr_size": "17mm"},  # prints reliably at phone distance: a 33-module code is 0.5 mm a module
    "index": {"indent": "9pt"},  # sub-entries one indent in, turnover lines two: deeper than any sub-entry
    # a grayscale cover band is a light tint (cover_gray_ink of full black), not a solid block of toner
    "proportions": {"cover_band": 0.30, "cover_logo": 0.42, "header_logo": 2.4, "cover_gray_ink": 0.12},
    "colours": {"primary": "#1b4f8a", "accent": "#b5121b", "text": "#111111", "muted": "#5a5a5a",
                "highlight": "#fff1b8", "rule": "#8a8a8a",
                "kinds": {"did-you-know": "#1b6fa8", "think-about": "#a8501b", "interesting-facts": "#2f7d32"}},
    "kinds": {"did-you-know": {"symbol": "●", "frame": "rule"},
              "think-about": {"symbol": "■", "frame": "dashed"},
              "interesting-facts": {"symbol": "▲", "frame": "double"}},
    # anchor phrases: a highlight behind them, or an underline (survives a photocopier); a grayscale
    # highlight is at least gray_tint of black (a paler one vanishes on a mono printer); markers >= marker_size pt
    "marks": {"anchor": "highlight", "marker_size": 7, "gray_tint": 0.15, "underline": "0.9pt"},
    "cover": {"layout": "centered", "band": True, "show_symbol": True},
    "header": "{conference} · {committee} · {symbol}",
    "footer": "{page}",
    "logo": "", "logo_on_band": "", "header_logo": True, "watermark": "", "grayscale": False, "duplex": False,
    # the cheat sheet: shrunk from max to min font size (in `step`s) to fit `pages` pages (2: a two-sided card);
    # leading, gap (between boxes), padding (inside them), title_size (a box's title), heading_size (the
    # sheet's title) are multiples of its font size; pillar_width is a pillar's share of its column
    "cheatsheet": {"orientation": "portrait", "min_font_size": 7, "max_font_size": 10, "columns": 2, "pages": 1,
                   "click_hint": True, "leading": 1.2, "gap": 1.1, "padding": 0.7, "title_size": 1.15,
                   "heading_size": 1.9, "pillar_width": 0.5, "step": 0.25},
    "typesetting": typesetting.DEFAULTS,  # line breaking, hyphenation, quotes (style/typesetting.py)
}


def load_theme(name: str, styles_dir: Path, grayscale: bool | None = None, duplex: bool | None = None) -> Theme:
    """Read a style and everything it extends; raise HandbookError listing every problem."""
    report = Report()
    parents: list = []
    path = find_style(name, styles_dir)
    tree = _load_tree(path, styles_dir, report, chain=[], parents=parents)
    report.raise_if_errors()
    theme = _build(tree, path, report)
    report.raise_if_errors()
    theme.extends = parents
    theme.warnings = report.warnings
    if grayscale:
        theme.grayscale = True
    if duplex:
        theme.duplex = True
    if theme.grayscale:
        _to_gray(theme)
    return theme


# A merged tree: key -> (Source, value node) for leaves, or nested dicts for mappings.
def _load_tree(path: Path, styles_dir: Path, report: Report, chain: list, parents: list | None = None) -> dict:
    """The style file at `path` merged over what it extends; `chain` holds the files below it."""
    if path.resolve() in chain:
        names = [p.stem for p in chain] + [path.stem]
        report.error(Position(str(path)), "style extends itself: " + " -> ".join(names))
        return {}
    if _blank(path):
        return {}  # every key is optional: a style with none (or only comments) is the defaults
    src = Source(path, report)
    root = src.load()
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        return {}  # unreadable (reported), or a document with nothing in it: `---`, `~`, `null`
    tree = _to_tree(src, root, SCHEMA, "style")
    base: dict = {}
    if "extends" in tree:
        parent_src, parent_node = tree["extends"]
        parent = parent_src.string(parent_node, "extends")
        if parent and name_problem(parent, "extends"):
            report.error(parent_src.at(parent_node), name_problem(parent, "extends"))
        elif parent:
            if parents is not None:
                parents.append(parent)
            try:
                parent_path = find_style(parent, styles_dir, below=path)
            except HandbookError as exc:
                first = exc.diagnostics[0]
                if first.message.startswith("unknown style"):
                    report.error(parent_src.at(parent_node), f"extends unknown style {parent!r}", first.hint)
                else:  # found, but refused (a style file that leads out of the project)
                    report.diagnostics.extend(exc.diagnostics)
            else:
                base = _load_tree(parent_path, styles_dir, report, chain + [path.resolve()], parents)
    return _merge(base, tree)


def _blank(path: Path) -> bool:
    """True for a style file holding nothing but blank lines and comments."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False  # Source reports why it cannot be read
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


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


_LAYERED = ("colour-map", "kind-map", "label-map")


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


def _build(tree: dict, style_path: Path, report: Report) -> Theme:
    r = Resolver(report, style_path, DEFAULTS)
    get = r.get
    page = get(tree, ("paper",), "paper") or pagesizes.A4
    if get(tree, ("orientation",), "orientation") == "landscape":
        page = pagesizes.landscape(page)
    fonts = _fonts(get, tree, style_path, report)
    colours = {k: get(tree, ("colours", k), "colour") for k in ("primary", "accent", "text", "muted", "highlight", "rule")}
    kinds = _kinds(get, tree, colours)
    logo = get(tree, ("logo",), "path")
    for kind_id, kind in kinds.items():
        lacking = "".join(dict.fromkeys(missing_glyphs(fonts["callouts"].bold, kind.symbol)
                                        + missing_glyphs(fonts["callouts"].regular, kind.symbol)))
        if lacking and fonts["callouts"].regular != "Helvetica":
            report.warning(_symbol_position(tree, style_path, kind_id, kind.symbol),
                           f"kinds.{kind_id}.symbol: the callout font has no glyph "
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
        header=get(tree, ("header",), "template") or "", footer=get(tree, ("footer",), "template") or "",
        logo=logo if logo else None, watermark=get(tree, ("watermark",), "watermark") or "",
        logo_on_band=get(tree, ("logo_on_band",), "path") or None,
        header_logo=bool(get(tree, ("header_logo",), "bool")),
        description=get(tree, ("description",), "text") or "",
        grayscale=bool(get(tree, ("grayscale",), "bool")), duplex=bool(get(tree, ("duplex",), "bool")),
        cheatsheet={k: get(tree, ("cheatsheet", k), SCHEMA["cheatsheet"][k]) for k in DEFAULTS["cheatsheet"]},
        placement={k: get(tree, ("placement", k), SCHEMA["placement"][k]) for k in DEFAULTS["placement"]},
        links={k: get(tree, ("links", k), "length") for k in DEFAULTS["links"]},
        index={k: get(tree, ("index", k), "length") for k in DEFAULTS["index"]},
        proportions={k: get(tree, ("proportions", k), "size") for k in DEFAULTS["proportions"]},
        typesetting={k: get(tree, ("typesetting", k), kind) for k, kind in typesetting.SCHEMA.items()},
        marks={k: get(tree, ("marks", k), SCHEMA["marks"][k]) for k in DEFAULTS["marks"]},
        path=style_path, labels=get(tree, ("labels",), "label-map") or {},
    )
    if not report.errors:
        _check_geometry(theme, tree, style_path, report)
    theme.text_positions = {key: key_position(tree, style_path, (key,)) for key in ("header", "footer", "watermark")}
    if not report.errors and theme.sizes["body"] < 9.5:
        report.warning(Position(str(style_path)), "body text below 9.5 pt is hard to read on paper")
    return theme


def key_position(tree: dict, style_path: Path, *paths) -> Position:
    """Where the first of these keys is set (in the style or one it extends), else the style file."""
    for path in paths:
        node = tree
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, tuple):
            return node[0].at(node[1])
    return Position(str(style_path))


def _symbol_position(tree: dict, style_path: Path, kind_id: str, symbol: str) -> Position:
    """Where a style (or one it extends) sets `kinds.<kind_id>.symbol` to `symbol`, else the style file."""
    for src, node in tree.get("kinds") or []:
        for key, spec in node.value if isinstance(node, MappingNode) else []:
            for name, value in spec.value if key.value == kind_id and isinstance(spec, MappingNode) else []:
                if name.value == "symbol" and value.value == symbol:
                    return src.at(value)
    return Position(str(style_path))


def _check_geometry(theme: Theme, tree: dict, style_path: Path, report: Report) -> None:
    """Values each in range can still leave no page: the text column and height must keep room."""
    def where(*paths) -> Position:
        return key_position(tree, style_path, *paths)
    height = theme.page_size[1] - theme.margins["top"] - theme.margins["bottom"]
    if theme.text_width < 150:
        report.error(where(("columns", "callout"), ("margins", "inner"), ("margins", "outer"), ("paper",)),
                     f"the text column is only {theme.text_width:.0f} pt wide", "reduce the margins or the callout column")
    if height < 200:
        report.error(where(("margins", "top"), ("margins", "bottom"), ("paper",)),
                     f"the margins leave only {height:.0f} pt of the page's height for text",
                     "reduce the top and bottom margins")
    if theme.cheatsheet["min_font_size"] > theme.cheatsheet["max_font_size"]:
        report.error(where(("cheatsheet", "min_font_size"), ("cheatsheet", "max_font_size")),
                     "cheatsheet.min_font_size is larger than cheatsheet.max_font_size")
    if not 1 <= (theme.cheatsheet["pages"] or 0) <= 2:
        report.error(where(("cheatsheet", "pages")), "cheatsheet.pages must be 1 (one page) or 2 (a two-sided card)")


def _fonts(get, tree: dict, style_path: Path, report: Report) -> dict:
    """The three font roles, registered with ReportLab; an incomplete family borrows faces from its regular."""
    fonts = {}
    for role in ("body", "headings", "callouts"):
        spec = {face: get(tree, ("fonts", role, face), "font") for face in ("regular", "bold", "italic", "bold_italic")}
        spec = {k: v for k, v in spec.items() if v}
        spec["family"] = get(tree, ("fonts", role, "family"), "text") or DEFAULTS["fonts"][role]["family"]
        if any(spec.get(f) for f in ("regular", "bold", "italic", "bold_italic")):
            missing = [f for f in ("regular", "bold", "italic", "bold_italic") if not spec.get(f)]
            for face in missing:  # an incomplete family borrows the faces it lacks from its regular face
                spec[face] = spec.get("regular") or next(v for k, v in spec.items() if k != "family" and v)
        fonts[role] = register_family(role, spec, style_path, report)
    return fonts


def _kinds(get, tree: dict, colours: dict) -> dict:
    """Each note kind's symbol, frame and colour: the defaults, then the style's own, kind by kind."""
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
    return kinds


def _gray(colour: colors.Color) -> colors.Color:
    r, g, b = colour.red, colour.green, colour.blue
    level = 0.299 * r + 0.587 * g + 0.114 * b
    return colors.Color(level, level, level)


def _to_gray(theme: Theme) -> None:
    """A grayscale theme keeps its contrast but loses its hue, so print-bw pages use no colour ink."""
    theme.colours = {k: _gray(v) for k, v in theme.colours.items()}
    darkest = 1 - theme.marks["gray_tint"]  # a highlight paler than this vanishes on a mono printer
    if theme.colours["highlight"].red > darkest:
        theme.colours["highlight"] = colors.Color(darkest, darkest, darkest)
    for kind in theme.kinds.values():
        kind.colour = _gray(kind.colour)
