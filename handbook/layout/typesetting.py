"""The line-breaking settings of a build: the style's `typesetting` keys as breaker rules and hyphenator."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from .hyphenation import Hyphenator, hyphenator
from .knuthplass import Rules

# style key -> Rules field (the rest of the keys shape word spaces, hyphenation and URLs)
RULE_KEYS = ("tolerance", "emergency_tolerance", "line_penalty", "hyphen_penalty", "explicit_hyphen_penalty",
             "last_word_hyphen_penalty", "proper_name_hyphen_penalty",
             "double_hyphen_demerits", "final_hyphen_demerits", "adjacent_demerits", "max_hyphen_run",
             "hyphen_run_demerits", "foot_hyphen_demerits", "min_last_line", "short_last_line_demerits",
             "loose_ratio", "loose_demerits", "repair_reach")


@dataclass(frozen=True)
class Typesetting:
    """How a build breaks lines: the breaker's rules, word-space limits, the hyphenator."""

    rules: Rules = field(default_factory=Rules)
    # ragged-right text (notes, index, cheat sheet): every line costs more, so that a narrow column is not
    # made a line longer to spare a hyphen (a callout's height decides where it can go)
    ragged_rules: Rules = field(default_factory=lambda: Rules(line_penalty=50))
    hyphenator: Hyphenator = field(default_factory=hyphenator)
    stretch: float = 0.5  # word spaces stretch to 1.5 x natural within tolerance...
    shrink: float = 0.2  # ...and shrink to 0.8 x
    ragged: float = 3.0  # ems a ragged-right line may fall short at no cost beyond its badness
    url_penalty: float = 40
    emergency: float = 3.0  # ems of stretch every line gets in the last pass
    emergency_shrink: float = 0.4  # word spaces may shrink this much when the paragraph allows no better
    loosest: float = 0.7  # ems: a justified line whose spaces would be wider is set flush left instead
    tracking: float = 0.01  # ems a loose justified line may add after each letter before its spaces pass 1.5 x
    # (font, size) -> word -> its items, for hyphenated (True) and unhyphenated (False) text
    shapes: dict = field(default_factory=lambda: {True: {}, False: {}}, compare=False, hash=False, repr=False)

    def __deepcopy__(self, memo):  # ReportLab deep-copies styles (<para> attributes, splits): share, never copy
        return self


def from_keys(keys: dict, language: str = "en", exceptions: tuple = ()) -> Typesetting:
    """Settings from a theme's `typesetting` mapping (every key has a default in the theme).

    One object per distinct mapping: its word cache then serves every paragraph style of the build
    (the cheat sheet makes new styles for each size it tries).
    """
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in keys.items()))
    return _settings(frozen, language, tuple(exceptions))


def pattern_name(theme) -> str:
    """The hyphenation patterns of a build: the style's `typesetting.language` when it names one, else the
    edition's language's (its catalogue's `hyphenation`); "" for a language that is not hyphenated."""
    chosen = theme.typesetting.get("language")
    if chosen:
        return chosen
    words = getattr(theme, "words", None)
    return words.catalogue.hyphenation if words is not None else "en"


def for_theme(theme, edition_words=()) -> Typesetting:
    """The settings of a build: the style's keys, the edition's language, and the hyphenation exceptions of
    the style and of the edition (`edition_words`, or those layout attached to the theme)."""
    words = tuple(edition_words) or tuple(getattr(theme, "hyphenation_exceptions", ()))
    return from_keys(theme.typesetting, pattern_name(theme) or "en", words)


@lru_cache(maxsize=8)
def _settings(frozen: tuple, language: str, exceptions: tuple) -> Typesetting:
    keys = {k: list(v) if isinstance(v, tuple) else v for k, v in frozen}
    rules = Rules(**{k: keys[k] for k in RULE_KEYS if k in keys})
    words = tuple(exceptions) + tuple(keys.get("hyphenation_exceptions") or ())
    hyph = hyphenator(keys.get("language") or language, words, int(keys.get("hyphen_min_left", 2)),
                      int(keys.get("hyphen_min_right", 3)), int(keys.get("hyphen_min_word", 6)))
    ragged_rules = replace(rules, line_penalty=keys.get("ragged_line_penalty", 50))
    return Typesetting(rules, ragged_rules, hyph, keys.get("space_stretch", 0.5), keys.get("space_shrink", 0.2),
                       keys.get("ragged_stretch", 3.0), keys.get("url_penalty", 40),
                       keys.get("emergency_stretch", 3.0), keys.get("emergency_shrink", 0.4),
                       keys.get("loosest_space", 0.7), keys.get("letter_spacing", 0.01))


@lru_cache(maxsize=1)
def default() -> Typesetting:
    """The settings for paragraphs whose style carries none (built-in defaults, English)."""
    return Typesetting()
