"""Words the layout itself prints (not the sources): kept in one table so an edition can be translated."""
from __future__ import annotations

# {place} is where the note is attached ("¶ 24", "¶ 71 (b)", "III"); {page} a page number;
# {mark} a note's symbol and number ("● 12")
LABELS = {
    "continued_on": "continued on p. {page}",  # at the foot of a callout that breaks across pages
    "resumed": "{mark} (continued) from {place}, p. {page}",  # at the top of the part that resumes it
    "moved": "from {place}, p. {page}",  # under the label of a note printed after its anchor's page
    "link": "Link",  # label of a link's QR code callout
}


def label(key: str, **fields) -> str:
    """The label `key` with its fields filled in (plain text: escape it before it enters markup)."""
    return LABELS[key].format(**fields)
