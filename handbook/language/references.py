"""Cross-references to paragraphs as each language writes them ("paragraphe 17", "párrafos 3 y 4", "第17段")."""
from __future__ import annotations

import re
from functools import cache

from .catalogue import catalogue


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def reference_pattern(code: str) -> re.Pattern[str]:
    """A reference: group 1 the word (or ¶), group 2 the first number, group 3 the further numbers and joins."""
    refs = catalogue(code).references
    words = _alternatives(refs.singular + refs.plural)
    joins = _alternatives(refs.joins)
    # a language without spaces between words ("见第17段") has no word boundary before the reference
    before = "" if catalogue(code).unspaced else r"(?<!\w)"
    head = rf"{before}({words}|¶¶?)" if words else rf"{before}(¶¶?)"
    after = re.escape(refs.after) if refs.after else ""
    return re.compile(rf"{head}\s*(\d+)((?:\s*(?:{joins})\s*\d+)*){after}", re.IGNORECASE)


@cache
def elsewhere_pattern(code: str) -> re.Pattern[str] | None:
    """What follows a reference to another document ("of the World Summit Outcome", "de la résolution")."""
    words = catalogue(code).references.elsewhere
    if not words:
        return None
    parts = [re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"\s+(?:" + "|".join(parts) + ")", re.IGNORECASE)
