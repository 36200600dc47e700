"""Style values: lengths, colours, paper sizes and files, converted from YAML with positioned errors."""
from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib import colors, pagesizes
from reportlab.lib.units import cm, inch, mm
from yaml.nodes import MappingNode, Node, ScalarNode

from ..confine import PACKAGE, outside
from ..errors import Report
from ..sources.yamlfile import Source
from .families import font_problem

PAPERS = {"a4": pagesizes.A4, "letter": pagesizes.LETTER, "a5": pagesizes.A5, "legal": pagesizes.LEGAL}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_UNITS = {"mm": mm, "cm": cm, "in": inch, "pt": 1, None: 1}


# The sensible range of every number a style sets, by key (or by group): (lowest, highest, unit).
# A zero or negative size or margin used to print mirrored or overlapping text; a value outside its
# range is an error at the style key. Lengths are in points here and shown in millimetres.
LIMITS = {
    "margins": (1 * mm, 100 * mm, "mm"),
    ("columns", "callout"): (15 * mm, 120 * mm, "mm"),
    ("columns", "gutter"): (0, 30 * mm, "mm"),
    ("sizes", "leading"): (4, 96, "pt"), ("sizes", "callout_leading"): (4, 96, "pt"),
    "sizes": (4, 72, "pt"),
    ("spacing", "callout_gap"): (0, 30 * mm, "mm"),
    "spacing": (0, 50 * mm, "mm"),
    ("placement", "split_floor"): (0, 300, "pt"), ("placement", "tighten"): (0, 0.5, ""),
    ("placement", "max_hole"): (0, 40, ""), ("placement", "window"): (1, 10, ""),
    ("placement", "feather"): (0, 36, "pt"), ("placement", "target_same_page"): (0, 100, ""),
    ("placement", "target_within_one"): (0, 100, ""),
    ("links", "qr_size"): (8 * mm, 60 * mm, "mm"),
    ("proportions", "cover_band"): (0.05, 0.9, ""), ("proportions", "cover_logo"): (0.05, 1, ""),
    ("proportions", "header_logo"): (0.5, 10, ""),
    ("cheatsheet", "min_font_size"): (4, 30, "pt"), ("cheatsheet", "max_font_size"): (4, 30, "pt"),
    ("cheatsheet", "columns"): (1, 4, ""), ("cheatsheet", "pages"): (1, 2, ""),
    ("cheatsheet", "leading"): (1, 3, ""), ("cheatsheet", "gap"): (0, 5, ""), ("cheatsheet", "padding"): (0, 3, ""),
    ("cheatsheet", "title_size"): (0.5, 4, ""), ("cheatsheet", "heading_size"): (0.5, 5, ""),
    ("cheatsheet", "pillar_width"): (0.1, 1, ""), ("cheatsheet", "step"): (0.05, 2, ""),
    ("index", "indent"): (2, 15 * mm, "mm"), ("proportions", "cover_gray_ink"): (0, 1, ""),
    ("typesetting", "repair_reach"): (0, 1000, ""),
    # ems after each letter of a loose line: past a tenth of an em the words fall apart into letters
    ("typesetting", "letter_spacing"): (0, 0.1, ""),
    # issue 20: marks must survive a photocopier, so no style may set them fainter or smaller than this
    ("marks", "marker_size"): (7, 30, "pt"), ("marks", "gray_tint"): (0.15, 1, ""), ("marks", "underline"): (0.3, 4, "pt"),
}


def in_range(src: Source, node: Node, path: tuple, value):
    """`value` if it lies in its key's range, else None with an error at the key."""
    limits = LIMITS.get(tuple(path)) or LIMITS.get(path[0])
    if value is None or limits is None:
        return value
    low, high, unit = limits
    if low <= value <= high:
        return value
    scale = mm if unit == "mm" else 1
    shown = lambda v: f"{v / scale:g}{' ' + unit if unit else ''}"  # noqa: E731
    given = node.value if isinstance(node, ScalarNode) else value
    src.error(node, f"{'.'.join(path)} must be between {shown(low)} and {shown(high)}, not {given}",
              "a size or length of zero or less cannot be printed" if value <= 0 and unit else "")
    return None


class Resolver:
    """Turns the merged tree plus defaults into typed values, recording errors with positions."""

    def __init__(self, report: Report, style_path: Path, defaults: dict):
        self.report = report
        self.style_path = style_path
        self.defaults = defaults

    def get(self, tree: dict, path: tuple, kind: str):
        node = tree
        for part in path:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        default = self.defaults
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
        if kind in ("text", "path", "font", "orientation", "cover-layout", "template", "anchor-mark", "watermark"):
            return self.convert_text(src, node, kind, path)
        if kind == "length":
            raw = node.value if isinstance(node, ScalarNode) else None
            length = _length(raw) if raw is not None else None
            if length is None:
                src.error(node, f"{what} must be a length such as 12mm, 0.5in or 10pt")
            return in_range(src, node, path, length)
        if kind == "size":
            return in_range(src, node, path, src.number(node, what))
        if kind == "int":
            return in_range(src, node, path, src.integer(node, what))
        if kind in ("words", "language"):
            from .typesetting import convert
            return convert(src, node, kind, what)
        if kind == "bool":
            return src.boolean(node, what)
        if kind == "colour":
            return _colour(src, node, what)
        if kind == "paper":
            return _paper(src, node)
        if kind == "colour-map":
            return _colour_map(src, node, what)
        if kind == "kind-map":
            return _kind_map(src, node, what)
        if kind == "label-map":
            from ..sources.language import read_style_labels
            return read_style_labels(src, node)
        raise AssertionError(kind)

    def convert_text(self, src: Source, node: Node, kind: str, path: tuple):
        """A text value; for paths and fonts, the checked file it names."""
        what = ".".join(path)
        value = src.string(node, what)
        if value is None:
            return None
        if kind in ("path", "font") and value:
            return _style_file(src, node, value, kind, path)
        if kind == "orientation" and value not in ("portrait", "landscape"):
            src.error(node, f"{what} must be portrait or landscape, not {value!r}")
        if kind == "template":
            problem = template_problem(value)
            if problem:
                src.error(node, f"{what}: {problem[0]}", problem[1])
                return None
        if kind == "watermark":
            problem = watermark_problem(value)
            if problem:
                src.error(node, f"{what}: {problem[0]}", problem[1])
                return None
        if kind == "cover-layout" and value not in ("centered", "left"):
            src.error(node, f"{what} must be centered or left, not {value!r}")
        if kind == "anchor-mark" and value not in ("highlight", "underline"):
            src.error(node, f"{what} must be highlight or underline, not {value!r}")
        return value


def _style_file(src: Source, node: Node, value: str, kind: str, path: tuple) -> Path | None:
    """A logo or font file named by a style, checked where the style names it."""
    what = ".".join(path)
    base = src.path.parent
    problem = outside(base, value, [base.parent, PACKAGE])  # the project holding styles/, or built-in data
    if problem:
        src.error(node, f"{what}: {problem}")
        return None
    full = (base / value).resolve()
    if not full.is_file():
        src.error(node, f"{what}: file {value!r} not found", f"looked in {src.path.parent}/")
        return None
    problem = None
    if kind == "path" and path[-1] in ("logo", "logo_on_band"):
        problem = _image_problem(full)
    if kind == "font":
        problem = font_problem(full)
    if problem:
        src.error(node, f"{what}: {value!r} {problem[0]}", problem[1])
        return None
    return full


def _colour_map(src: Source, node: Node, what: str) -> dict:
    if not isinstance(node, MappingNode):
        src.error(node, f"{what} must be a mapping of note kinds to colours")
        return {}
    result = {}
    for key_node, value_node in node.value:
        colour = _colour(src, value_node, f"{what}.{key_node.value}")
        if colour is not None:
            result[key_node.value] = colour
    return result


def _kind_map(src: Source, node: Node, what: str) -> dict:
    result: dict = {}
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


def paper_name(width: float, height: float) -> str:
    """A page size as people name it: A4, Letter landscape, or millimetres."""
    for label in ("A4", "Letter", "A5", "Legal"):
        pw, ph = PAPERS[label.lower()]
        if {round(width), round(height)} == {round(pw), round(ph)}:
            return f"{label}{' landscape' if width > height else ''}"
    return f"{width / 72 * 25.4:.0f}×{height / 72 * 25.4:.0f} mm"


def _length(raw: str):
    match = _LENGTH.match(str(raw))
    if not match:
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def _image_problem(path: Path) -> tuple[str, str] | None:
    """Why a logo file cannot be used (checked at the style key; logo.py checks sharpness), or None."""
    from PIL import Image

    from .logo import open_image, too_many_pixels
    try:
        with open_image(path) as image:  # the header only: a decompression bomb is refused before decoding
            problem = too_many_pixels(image)
            if problem:
                return problem
            if image.format == "PNG":
                image.verify()  # every chunk read and its checksum checked, without decoding (logo.py decodes)
            else:
                image.load()
    except Image.DecompressionBombError as exc:  # Pillow's own limit, should ours ever be raised above it
        return f"is too large to read ({exc})", "scale the logo down: 2000 pixels across is plenty for print"
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
        if all(sizes) and all(100 < s <= 200 * inch for s in sizes):  # a PDF page is at most 200 inches
            return tuple(sizes)
    src.error(node, "paper must be A4, Letter, A5, Legal or [width, height] such as [148mm, 210mm]")
    return None


# The fields a running header or footer may name. Templates are filled by plain substitution,
# never by str.format: "{conference.__class__}" must not reach Python's attribute lookup.
TEMPLATE_FIELDS = ("conference", "committee", "title", "symbol", "page")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def template_problem(template: str) -> tuple[str, str] | None:
    """Why a header or footer template cannot be filled: (message, hint), or None."""
    for match in _FIELD.finditer(template):
        token, name = match.group(), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None:
            return f"unmatched {token!r} in {template!r}", "write {{ or }} for a literal brace"
        if name not in TEMPLATE_FIELDS:
            return (f"unknown field {{{name}}} in {template!r}",
                    "fields: " + ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS))
    return None


def watermark_problem(text: str) -> tuple[str, str] | None:
    """Why a watermark's {label} cannot be filled (a misspelt "{drfat}" printed as written), or None."""
    import difflib

    from ..language.catalogue import catalogue
    names = catalogue("en").labels
    for name in re.findall(r"\{([\w.-]+)\}", text):  # the labels Words.fill replaces
        if name not in names:
            close = difflib.get_close_matches(name, list(names), n=1)
            return (f"unknown label {{{name}}} in {text!r}",
                    f"did you mean {{{close[0]}}}?" if close else "labels: see docs/languages.md")
    return None


def fill_template(template: str, fields: dict) -> str:
    """`template` with each {field} replaced by its value (an absent value prints empty)."""
    def value(match: re.Match) -> str:
        token = match.group()
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        return str(fields.get(name, "")) if name in TEMPLATE_FIELDS else ""
    return _FIELD.sub(value, template)
