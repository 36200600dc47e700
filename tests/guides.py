"""Fixture editions shaped like real study guides on other topics: crowded paragraphs, long notes, lists.

`crowded_guide(root, variant)` writes a project (sources/<name>/ and the repository's styles) whose
paragraphs anchor several notes each, often near the foot of a page, so the layout keeps moving
paragraphs on with their notes and splitting them; words with hyphens of their own ("dry-season",
"cross-border") and long words that hyphenate fall at line ends. `variant` shifts every page break.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

SENTENCES = [
    "United Nations field presences have a growing role in the prevention of water-related disputes",
    "missions in the dry-season months carry early-warning information to remote pastoralist communities",
    "the intergovernmental authority on development monitors cross-border grazing corridors and wells",
    "long-term agreements on transboundary aquifers remain exceptional rather than the rule",
    "environmental degradation, displacement and competition over scarce resources reinforce one another",
    "national adaptation plans increasingly acknowledge the security implications of climate variability",
    "local peace committees, supported by humanitarian organizations, mediate between farmers and herders",
    "the Special Rapporteur on the human rights of internally displaced persons visited the region twice",
    "responsibility-sharing arrangements depend on reliable, disaggregated and publicly available data",
    "post-conflict reconstruction programmes rarely budget for the rehabilitation of irrigation schemes",
]
FRENCH = ("Les missions de terrain des Nations Unies jouent un rôle croissant dans la prévention des "
          "différends liés à l'eau ; les comités de paix locaux, soutenus par des organisations "
          "humanitaires, servent de médiateurs entre agriculteurs et éleveurs.")
PHRASES = ["field presences", "a growing", "missions", "dry-season", "cross-border", "long-term",
           "scarce resources", "climate variability", "peace committees", "displaced persons"]


def _text(start: int, count: int) -> str:
    picked = [SENTENCES[(start + i) % len(SENTENCES)] for i in range(count)]
    return " ".join(s[0].upper() + s[1:] + "." for s in picked)


def _note(phrase: str, length: int) -> str:
    body = f"A note on {phrase}: " + _text(length, max(1, length // 12))
    return body


def crowded_guide(root: Path, variant: int = 0, name: str = "crowded") -> Path:
    """Write the crowded guide's project under `root`; returns the edition folder."""
    folder = root / "sources" / name
    folder.mkdir(parents=True, exist_ok=True)
    if not (root / "styles").exists():
        shutil.copytree(REPO / "styles", root / "styles")
    paragraphs, notes, footnotes = [], [], []
    number = 0
    for block in range(9):
        number += 1  # a filler paragraph whose length moves the next one towards a page foot
        paragraphs.append({"paragraph": number, "text": _text(block, 2 + (block * 3 + variant) % 7)})
        number += 1
        text = _text(block + 3, 4) + " " + _text(0, 2)
        if block == 4:
            text += " " + FRENCH
        if block % 3 == 1:
            footnotes.append({"number": len(footnotes) + 1, "text": _text(block, 2 + block % 3)})
            text += f"[^{len(footnotes)}]"
        paragraph = {"paragraph": number, "text": text}
        if block == 6:
            paragraph["items"] = [{"label": c, "text": _text(block + i, 1 + i % 2)} for i, c in enumerate("abc")]
        paragraphs.append(paragraph)
        for k, phrase in enumerate(p for p in PHRASES if p in text):
            if k < 4:
                notes.append({"kind": ("did-you-know", "think-about", "interesting-facts")[k % 3], "attach": number,
                              "phrase": phrase, "body": _note(phrase, 20 + 17 * ((k + block + variant) % 5))})
    notes.append({"kind": "interesting-facts", "attach": 1,  # longer than a page of margin: it continues
                  "body": "Opening of the long note. " + _text(3, 60) + "\n\n- " + _text(1, 2) + "\n- " + _text(2, 1)})
    report = {"symbol": "A/80/123", "header": {"organs": ["General Assembly"], "distribution": "General"},
              "title": "Water, climate and the prevention of conflict", "subtitle": "Report of the Secretary-General",
              "sections": [{"number": "I", "title": "Introduction", "body": paragraphs[:6]},
                           {"number": "II", "title": "Field presences and early warning", "body": paragraphs[6:]}],
              "footnotes": footnotes}
    edition = {"conference": "Test MUN 2031", "committee": "Second Committee", "title": "Study Guide",
               "organizer": {"name": "Test Org", "address": ["1 Test Street"], "email": "test@example.org"},
               "styles": ["wimun"],
               "parts": ["cover", "contents", {"document": "report.yaml", "notes": "notes.yaml"}, "index"]}
    for file, data in (("handbook.yaml", edition), ("report.yaml", report), ("notes.yaml", {"notes": notes})):
        (folder / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                                   encoding="utf-8")
    return folder
