"""The front of a guide in the text shape: the cover block and the UN header block above the first section."""
from __future__ import annotations

import re

from .guide import Guide, ImportReport, Where
from .inline import footnote_markers
from .textlines import DISTRIBUTION, clean

ORGANS = ("General Assembly", "Security Council", "Economic and Social Council", "Human Rights Council",
          "Trusteeship Council", "International Court of Justice", "Secretariat", "Conference on Disarmament")
_CONTACT = re.compile(r"^(?P<key>[A-Za-z][\w .-]{0,20}?)\s*:\s*(?P<value>\S.*)$")
_EMAIL_KEYS = {"email", "e-mail", "mail"}
_PHONE_KEYS = {"phone", "tel", "telephone", "mobile"}
_GUIDE_TITLE = re.compile(r"\b(study|background|delegate)\s+guide\b|\bhandbook\b", re.I)
_SUBTITLE = re.compile(r"^(report|note|letter|resolution|draft resolution|statement)\s+(of|by|from|adopted)\b", re.I)
_DATE = re.compile(r"^\d{1,2}\s+[A-Z][a-z]+\s+\d{4}$")
_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[A-Z0-9.]+){2,}(?:\s*[–-]\s*[A-Z]{1,6}(?:/[A-Z0-9.]+){2,})*$")
_SMALL_WORDS = {"of", "and", "the", "on", "for", "in", "to", "a", "an", "at", "by"}


def groups(lines: list[str], start: int, end: int) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines in lines[start:end], each line with its 1-based number."""
    out: list[list[tuple[int, str]]] = [[]]
    for i in range(start, end):
        text, _ = clean(lines[i])
        if text:
            out[-1].append((i + 1, text))
        elif out[-1]:
            out.append([])
    return [g for g in out if g]


def title_case(text: str) -> str:
    """An ALL-CAPS cover line in title case; short all-caps words (acronyms such as UNSC) stay."""
    if text != text.upper() or not any(c.isalpha() for c in text):
        return text
    words = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            words.append(lower)
        elif len(word) <= 4 and word.isalpha():
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


def read_front(lines: list[str], end: int, guide: Guide, report: ImportReport, file: str) -> None:
    """Fill the guide's cover and header from lines[:end] (everything above the first section)."""
    distr = next((i for i in range(end) if DISTRIBUTION.match(clean(lines[i])[0])), None)
    if distr is not None:
        organs = next(i for i in range(distr - 1, -1, -1) if clean(lines[i])[0]) if distr else distr
        read_cover(groups(lines, 0, organs), guide, report, file)
        read_header(groups(lines, organs, end), guide, report, file)
        return
    front = groups(lines, 0, end)
    titles = _title_groups(front)
    read_cover(front[:len(front) - titles], guide, report, file)
    read_titles(front[len(front) - titles:], guide, report, file)


def _title_groups(front: list) -> int:
    """How many of the last groups are the document's title (and subtitle): none, one or two."""
    if not front:
        return 0
    if len(front) >= 2 and _SUBTITLE.match(front[-1][0][1]):
        return 2
    return 1


def read_cover(front: list, guide: Guide, report: ImportReport, file: str) -> None:
    """Cover lines: the guide's title ("Study Guide"), then conference and committee, then the
    organizer's name and address; `Key: value` lines are the organizer's contacts."""
    org_lines: list[tuple[int, str]] = []
    for group in front:
        plain = [(n, t) for n, t in group if not _contact(n, t, guide, report, file)]
        if org_lines and plain:  # only one organizer block: the rest is kept, and asked about
            for n, t in plain:
                guide.unplaced.append((Where(file, n), t))
                report.ask(Where(file, n), f"cover line {t!r} not placed (kept as plain text at the end)")
            continue
        for n, t in plain:
            if guide.committee:
                org_lines.append((n, t))
            elif _GUIDE_TITLE.search(t):
                guide.title = title_case(t)
                report.map(Where(file, n), f"cover title: {guide.title}")
            elif not guide.conference:
                guide.conference = t
                report.map(Where(file, n), f"cover conference: {t}")
            else:
                guide.committee = title_case(t)
                report.map(Where(file, n), f"cover committee: {guide.committee}")
    if org_lines:
        guide.organizer.name = org_lines[0][1]
        guide.organizer.address = [t for _, t in org_lines[1:]]
        report.map(Where(file, org_lines[0][0]), f"organizer: {guide.organizer.name}"
                   + (f", {len(org_lines) - 1} address lines" if len(org_lines) > 1 else ""))


def _contact(n: int, text: str, guide: Guide, report: ImportReport, file: str) -> bool:
    match = _CONTACT.match(text)
    if not match or len(text) > 200:
        return False
    key, value = match.group("key").strip(), match.group("value").strip()
    lower = key.lower()
    if lower in _EMAIL_KEYS:
        guide.organizer.email = value
    elif lower in _PHONE_KEYS:
        guide.organizer.phone = value
    elif _network(key, value) and not _SUBTITLE.match(text):
        link = re.search(r"\[(?P<handle>[^\]]+)\]\((?P<url>[^)]+)\)", value)
        handle = link.group("handle") if link else value
        url = link.group("url") if link else (value if value.startswith("http") else "")
        guide.organizer.social.append((key, handle, url))
    else:
        return False
    report.map(Where(file, n), f"organizer {lower}: {value}")
    return True


def _network(key: str, value: str) -> bool:
    """`Instagram: @handle`; a one-letter network (`X: @handle`) only with a handle or a link after it."""
    if re.fullmatch(r"[A-Za-z][A-Za-z ]{1,20}", key):
        return True
    return bool(re.fullmatch(r"[A-Za-z]", key)) and bool(re.match(r"@|https?://|\[", value))


def read_header(front: list, guide: Guide, report: ImportReport, file: str) -> None:
    header = guide.header
    (n, organs_line), *rest = front[0]
    header.organs = split_organs(organs_line)
    report.map(Where(file, n), f"header organs: {', '.join(header.organs)}")
    remaining: list = [rest] if rest else []
    remaining += front[1:]
    titles: list = []
    for group in remaining:
        leftover = []
        for n, t in group:
            if DISTRIBUTION.match(t):
                header.distribution = t.split(":", 1)[1].strip()
            elif t.lower().startswith("original:"):
                header.original = t.split(":", 1)[1].strip()
            elif _DATE.match(t) and not header.date:
                header.date = t
            elif _SYMBOL.match(t.replace(" ", "")) and not guide.symbol:
                guide.symbol = t
                report.map(Where(file, n), f"document symbol: {t}")
            else:
                leftover.append((n, t))
        if not leftover:
            continue
        if leftover[0][1] in ORGANS and len(leftover) > 1 and not titles:
            header.sessions.append((leftover[0][1], [t for _, t in leftover[1:]]))
            report.map(Where(file, leftover[0][0]), f"header session: {leftover[0][1]}")
        else:
            titles.append(leftover)
    _agenda_and_title(titles, guide, report, file)


def _agenda_and_title(titles: list, guide: Guide, report: ImportReport, file: str) -> None:
    count = _title_groups(titles)
    for group in titles[:len(titles) - count]:
        guide.header.agenda.append(" ".join(t for _, t in group))
        report.map(Where(file, group[0][0]), f"agenda item: {guide.header.agenda[-1]}")
    read_titles(titles[len(titles) - count:], guide, report, file)


def read_titles(groups_: list, guide: Guide, report: ImportReport, file: str) -> None:
    if not groups_:
        report.ask(Where(file, 1), "no document title found; the edition's report.yaml says 'Untitled document'")
        guide.doc_title = "Untitled document"
        return
    guide.doc_title = footnote_markers(" ".join(t for _, t in groups_[0]))  # a title's marker stays there
    guide.title_where = Where(file, groups_[0][0][0])
    report.map(Where(file, groups_[0][0][0]), f"document title: {guide.doc_title}")
    if len(groups_) > 1:
        guide.subtitle = " ".join(t for _, t in groups_[1])
        report.map(Where(file, groups_[1][0][0]), f"document subtitle: {guide.subtitle}")


def split_organs(line: str) -> list[str]:
    """'General Assembly Security Council' into the organs it names, in order."""
    found = sorted((line.find(o), o) for o in ORGANS if o in line)
    return [o for _, o in found] or [line]
