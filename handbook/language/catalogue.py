"""The per-language catalogues shipped with the package: every word the tool prints, and the language's rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

CATALOGUES = Path(__file__).resolve().parent / "catalogues"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")  # the six official languages of the United Nations
DEFAULT = "en"


@dataclass(frozen=True)
class Typography:
    """What a straight quotation mark becomes, and the spaces the language puts around punctuation."""

    quotes: tuple = ("“", "”")
    single: tuple = ("‘", "’")  # what a straight ' becomes: opening single quote, closing one and apostrophe
    quote_space: str = ""  # inside the quotation marks (French: a narrow no-break space)
    space_before: str = ""  # before each character of `spaced` (French: a narrow no-break space)
    spaced: str = ""


@dataclass(frozen=True)
class References:
    """The words of a cross-reference to paragraphs: "paragraphe 17", "párrafos 3 y 4", "пункты 5–7"."""

    singular: tuple = ()
    plural: tuple = ()
    joins: tuple = ()  # between numbers: "and", "to", commas and dashes
    elsewhere: tuple = ()  # after the numbers, these words name another document: the reference is left alone
    after: str = ""  # a word after the number, for languages that wrap it ("第17段")


@dataclass(frozen=True)
class Catalogue:
    code: str
    name: str
    hyphenation: str  # a pyphen dictionary name, or "" for a language that is not hyphenated
    direction: str  # ltr | rtl
    babel: str  # the locale dates are written in
    labels: dict = field(default_factory=dict)
    typography: Typography = Typography()
    references: References = References()
    fonts: str = ""  # a bundled family the language needs whatever the style's fonts (its script is not in them)
    unspaced: bool = False  # words are not separated by spaces (Chinese): lines break between characters
    elision: tuple = ()  # elided words written onto the next one ("l'", "d'"): an index term may follow them
    articles: tuple = ()  # a note phrase's leading article, dropped from its index heading ("la", "l'", "los")


def language_names() -> str:
    return ", ".join(LANGUAGES)


@cache
def catalogue(code: str) -> Catalogue:
    """The catalogue of one of LANGUAGES (read once); ValueError for another code."""
    if code not in LANGUAGES:
        raise ValueError(f"no catalogue for language {code!r} (there are: {language_names()})")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)((CATALOGUES / f"{code}.yaml").read_text(encoding="utf-8"))
    try:  # the safe loader, libyaml's when present
        raw = loader.get_single_data()
    finally:
        loader.dispose()
    typo, refs = raw.get("typography") or {}, raw.get("references") or {}
    return Catalogue(
        code=code, name=raw["name"], hyphenation=raw.get("hyphenation") or "", direction=raw.get("direction", "ltr"),
        babel=raw.get("babel") or code, labels={str(k): str(v) for k, v in raw["labels"].items()},
        typography=Typography(tuple(typo.get("quotes") or ("“", "”")), tuple(typo.get("single_quotes") or ("‘", "’")),
                              typo.get("quote_space") or "",
                              typo.get("space_before") or "", typo.get("spaced") or ""),
        references=References(tuple(refs.get("singular") or ()), tuple(refs.get("plural") or ()),
                              tuple(str(j) for j in refs.get("joins") or ()), tuple(refs.get("elsewhere") or ()),
                              refs.get("after") or ""),
        fonts=raw.get("fonts") or "", unspaced=bool(raw.get("unspaced")),
        elision=tuple(sorted((str(e).casefold().replace("’", "'") for e in raw.get("elision") or ()), key=len, reverse=True)),
        articles=tuple(sorted((str(a).casefold().replace("’", "'") for a in raw.get("articles") or ()), key=len, reverse=True)),
    )


def label_keys() -> tuple[str, ...]:
    """Every label a catalogue holds (the English catalogue is the reference: the others have the same keys)."""
    return tuple(catalogue(DEFAULT).labels)


class Words:
    """The labels one build prints: the language's catalogue, then the style's, then the edition's overrides."""

    def __init__(self, code: str = DEFAULT, *overrides: dict):
        self.catalogue = catalogue(code)
        self.code = code
        self.labels = dict(self.catalogue.labels)
        for layer in overrides:
            self.labels.update(layer or {})

    def __call__(self, key: str, **fields) -> str:
        """The label `key`, with its {fields} filled in."""
        text = self.labels[key]
        return text.format(**fields) if fields else text

    def fill(self, text: str) -> str:
        """`text` with each `{label}` it names replaced by the label (a watermark "{draft}" prints "PROJET")."""
        return re.sub(r"\{([\w.-]+)\}", lambda m: self.labels.get(m.group(1), m.group(0)), text) if "{" in text else text

    def kind(self, kind_id: str, fallback: str) -> str:
        """A note kind's label: the catalogue's for a built-in kind, else the label the edition gave it."""
        return self.labels.get(f"kind.{kind_id}", fallback)

    def attachment(self, attach) -> str:
        """What a note is attached to, as the callout's label and continuation mark print it."""
        if attach.target == "prose":  # a paragraph of a prose part: the part's title
            return attach.part
        if attach.target == "document":
            return self("attach_document")
        if attach.target == "section":
            return self("attach_section", section=attach.section)
        if attach.target == "item":
            return self("attach_item", paragraph=attach.paragraph, item=attach.item)
        return self("attach_paragraph", paragraph=attach.paragraph)

    def date(self, iso: str) -> str:
        """An ISO date (YYYY-MM-DD) written out in the language, through babel ("1er mars 2025")."""
        import datetime

        from babel.dates import format_date
        text = format_date(datetime.date.fromisoformat(iso), format="long", locale=self.catalogue.babel)
        return self("date", date=text)

    @property
    def direction(self) -> str:
        return self.catalogue.direction
