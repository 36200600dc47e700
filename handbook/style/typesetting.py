"""The style's `typesetting` keys: line-breaking weights, hyphenation and punctuation (docs/styles.md)."""
from __future__ import annotations

from yaml.nodes import Node

from ..sources.yamlfile import Source

_NUMBERS = ("tolerance", "emergency_tolerance", "line_penalty", "ragged_line_penalty", "hyphen_penalty",
            "explicit_hyphen_penalty", "last_word_hyphen_penalty", "proper_name_hyphen_penalty",
            "double_hyphen_demerits", "final_hyphen_demerits", "adjacent_demerits", "hyphen_run_demerits",
            "foot_hyphen_demerits", "short_last_line_demerits", "space_stretch", "space_shrink", "ragged_stretch",
            "emergency_stretch", "emergency_shrink", "loosest_space", "url_penalty", "loose_ratio", "loose_demerits",
            "letter_spacing")
_WHOLE = ("max_hyphen_run", "min_last_line", "hyphen_min_left", "hyphen_min_right", "hyphen_min_word",
          "repair_reach")

SCHEMA = {**{k: "size" for k in _NUMBERS}, **{k: "int" for k in _WHOLE},
          "language": "language", "hyphenation_exceptions": "words"}

# TeX's weights where TeX has one
DEFAULTS = {"tolerance": 100, "emergency_tolerance": 8000, "line_penalty": 10, "ragged_line_penalty": 50,
            "hyphen_penalty": 50, "explicit_hyphen_penalty": 50, "last_word_hyphen_penalty": 1000,
            "proper_name_hyphen_penalty": 500, "double_hyphen_demerits": 3000, "final_hyphen_demerits": 5000,
            "adjacent_demerits": 5000, "max_hyphen_run": 2, "hyphen_run_demerits": 1e7, "foot_hyphen_demerits": 1e7,
            "min_last_line": 4, "short_last_line_demerits": 1e7, "loose_ratio": 2.0, "loose_demerits": 1e6,
            "space_stretch": 0.5, "space_shrink": 0.2, "ragged_stretch": 3.0, "emergency_stretch": 3.0,
            "emergency_shrink": 0.4, "loosest_space": 0.7, "letter_spacing": 0.01, "url_penalty": 40, "hyphen_min_left": 2,
            "hyphen_min_right": 3, "hyphen_min_word": 6, "repair_reach": 10, "language": "",
            "hyphenation_exceptions": []}


def convert(src: Source, node: Node, kind: str, what: str):
    """A hyphenation exception list (letters and hyphens) or a language with hyphenation patterns."""
    if kind == "language":
        from ..layout.hyphenation import pattern_set
        value = src.string(node, what)
        try:
            return value and pattern_set(value) and value
        except ValueError:
            src.error(node, f"{what}: no hyphenation patterns for {value!r}", "try en, fr, es, ru or de")
            return None
    from ..sources.language import read_hyphenation
    return read_hyphenation(src, node, what)
