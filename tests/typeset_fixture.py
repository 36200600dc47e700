"""A stress edition for line breaking: long words, quotes, dashes, URLs, symbols, country names.

Shaped like a real guide on another topic (climate-related displacement): crowded paragraphs, a
very long one, lists, footnotes, several notes on one paragraph, long notes with URLs.
"""
from __future__ import annotations

from conftest import EDITION_YAML

SENTENCES = [
    "The Secretary-General's report on climate-related displacement (A/76/123) describes "
    "\"slow-onset disasters\" as the least understood driver of internal displacement.",
    "Intergovernmental consultations in Bosnia and Herzegovina, the Democratic Republic of the Congo "
    "and the Lao People's Democratic Republic showed that disaster-preparedness institutions were "
    "underfunded -- sometimes by more than 60 per cent.",
    "Member States stressed the 'shared but differentiated' responsibility of industrialized economies "
    "for counterproductive, uncoordinated and fragmented adaptation programmes.",
    "In its resolution 2417 (2018), the Security Council condemned the starvation of civilians as a "
    "method of warfare; see also S/RES/2573 (2021) and ¶ 4 of the present report.",
    "Telecommunications infrastructure, early-warning arrangements and community-based accountability "
    "mechanisms were identified as \"non-negotiable\" conditions for resilience.",
    "Côte d'Ivoire, Guinea-Bissau and Saint Vincent and the Grenadines shared their experience of "
    "institutionalizing intersectoral coordination --- often with very limited resources.",
    "Representatives' statements emphasized that internationalization of responsibility must not "
    "become a pretext for disengagement by the States most directly concerned.",
    "The Special Rapporteur's 2019 questionnaire (available at https://www.ohchr.org/en/special-procedures/"
    "sr-internally-displaced-persons/annual-thematic-reports) received 74 replies.",
    "Notwithstanding considerable methodological uncertainties, the overwhelming majority of "
    "respondents characterized the phenomenon as irreversible.",
    "Small island developing States warned that \"managed retreat\" was already a reality for "
    "communities whose ancestral lands were disappearing, as noted on p. 12 of the annex.",
]


def paragraph_text(n: int) -> str:
    count = 2 + (n * 7) % 5
    if n == 6:
        count = 14  # a very long paragraph
    return " ".join(SENTENCES[(n * 3 + k) % len(SENTENCES)] for k in range(count))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def report_yaml(paragraphs: int = 16) -> str:
    lines = ["symbol: A/76/123", "header:", "  organs: [General Assembly]", "  distribution: General",
             "  date: 1 March 2030", "  original: English",
             "title: \"Climate-related displacement: prevention, protection and solutions\"",
             "subtitle: Report of the Secretary-General", "sections:"]
    for s, (start, stop) in enumerate(((1, 7), (7, 13), (13, paragraphs + 1))):
        lines += [f"  - number: {'I' * (s + 1)}", f"    title: \"Part {s + 1}: what 'resilience' means\"",
                  "    body:"]
        for n in range(start, stop):
            text = paragraph_text(n)
            if n == 3:
                text += "[^1]"
            lines += [f"      - paragraph: {n}", f"        text: {_quoted(text)}"]
            if n == 9:
                lines += ["        items:"] + [
                    f"          - {{label: {c}, text: {_quoted(SENTENCES[(n + i) % len(SENTENCES)])}}}"
                    for i, c in enumerate("abc")]
    lines += ["footnotes:", "  - {number: 1, text: \"See the 'Guiding Principles on Internal Displacement' "
              "(E/CN.4/1998/53/Add.2).\"}"]
    return "\n".join(lines) + "\n"


def _phrase(paragraph: int, quoted: bool = False) -> str:
    """Words of a paragraph for a note to explain: its first quotation, or words from its middle."""
    text = paragraph_text(paragraph)
    if quoted and '"' in text:
        start = text.index('"')
        return text[start:text.index('"', start + 1) + 1]
    words = text.split()
    middle = len(words) // 2
    return " ".join(words[middle:middle + 3])


def notes_yaml() -> str:
    notes = [(2, True, "did-you-know", 3), (2, False, "think-about", 1), (5, True, "interesting-facts", 2),
             (6, None, "did-you-know", 6), (8, False, "think-about", 2), (11, False, "did-you-know", 1)]
    out = ["notes:"]
    for attach, quoted, kind, size in notes:
        body = " ".join(SENTENCES[(attach + k) % len(SENTENCES)] for k in range(size))
        body += " More: https://www.internal-displacement.org/global-report/grid2023/?utm=guide"
        out += [f"  - kind: {kind}", f"    attach: {attach}"]
        if quoted is not None:
            out.append(f"    phrase: {_quoted(_phrase(attach, quoted))}")
        out.append(f"    body: {_quoted(body)}")
    return "\n".join(out) + "\n"


# the suite's small edition (conftest), under its own name and in every built-in style
EDITION = EDITION_YAML.replace("conference: Test MUN 2030\ncommittee: Test Committee\ntitle: Study Guide\n",
                               "conference: Stress MUN 2030\ncommittee: Sixth Committee\ntitle: Study Guide\n"
                               "styles: [wimun, print-bw, pocket, draft]\n")
