"""`handbook new NAME`: start an edition that builds at once (edition file, example document, cheat sheet)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from ..errors import HandbookError
from ..sources.project import Project
from ..sources.reader import EDITION_FILE
from ..style.theme import find_style

NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


EDITION = """\
# The edition file: what this study guide is and how it prints (see docs/source-format.md).
conference: {conference}
committee: {committee}
title: Study Guide
style: {style}                 # a style from styles/ (`handbook styles` lists them); or styles: [a, b]
organizer:                     # printed on the cover
  name: {organizer}
  address:
    - 1 Example Street
    - Example City
  email: secretariat@example.org
  phone: "+00 000 000 000"
  social:
    - network: Instagram
      handle: "@example"
      url: https://www.instagram.com/example
parts:                         # in print order
  - cover
  - contents
  - prose: letter.md           # a page of running text in Markdown, not the annotated document
    notes: letter-notes.yaml   # notes in its margin, anchored to a phrase of a paragraph
  - document: report.yaml
    notes: notes.yaml
  - cheatsheet: cheatsheet.yaml
  - index
"""

LETTER = """\
# Letter from the chairs

Dear delegates,

Welcome to the {committee}. This guide reprints the report your committee will debate, with
notes in the margin from your chairs. Read it once through, then again with the questions below
in mind.[^1]

## Before the conference

1. Read the report and mark the paragraphs your country would quote.
2. Find your country's **position** on the topic, and who shares it.
3. Draft two clauses you would like a resolution to contain.

We look forward to meeting you, and to a debate that is *courteous* and well prepared.

[^1]: The questions are also on the cheat sheet at the back of this guide.
"""

LETTER_NOTES = """\
# Notes in the margin of letter.md: each is anchored to a phrase of one of its paragraphs.
notes:
  - kind: think-about
    phrase: who shares it      # words of a paragraph or list item of letter.md
    body: |
      Blocs form early: list three states likely to vote as yours does, and one that will not.
"""

REPORT = """\
# The document the guide reprints: its symbol, sections and numbered paragraphs.
symbol: A/00/1
header:
  organs: [General Assembly]
  distribution: General
  date: 1 January 2026
  original: English
title: Title of the report
subtitle: Report of the Secretary-General
sections:
  - number: I
    title: Introduction
    body:
      - paragraph: 1
        text: >-
          The first paragraph of the report. Replace it with the report's own words; write
          **bold**, *italic*, links such as [the United Nations](https://www.un.org) and
          footnote markers such as this one.[^1]
      - paragraph: 2
        text: >-
          The second paragraph. A note in the margin can explain a hard phrase such as
          early warning to delegates.
footnotes:
  - number: 1
    text: A footnote, printed at the foot of the page that refers to it.
"""

NOTES = """\
# Notes printed in the margin beside what they are attached to.
notes:
  - kind: did-you-know          # did-you-know | think-about | interesting-facts
    attach: 2                   # document | a section (I) | a paragraph (2) | a list item (2(a))
    phrase: early warning       # optional: the exact words the note explains
    body: |
      **Early warning** means noticing the signs of coming violence in time to act.

      - Who should act on a warning?
      - What makes a warning credible?
"""

CHEATSHEET = """\
# The one-page cheat sheet: short blocks a delegate can read in a minute.
title: {title}
subtitle: The key points of the report
blocks:
  - id: key-points
    title: Key points
    kind: list                  # pillars | list | numbered | lettered | timeline | terms
    items:
      - title: First point
        text: One sentence that sums up paragraph 1.
        refs: [1]
      - title: Second point
        text: One sentence that sums up paragraph 2.
        refs: [2]
"""


def new_edition(root: Path | str, name: str, conference: str | None = None, committee: str | None = None,
                style: str = "wimun", organizer: str | None = None) -> Path:
    """Write sources/NAME/ with an edition file, an example document with notes and a cheat-sheet stub;
    refuse to overwrite anything. Returns the new folder."""
    project = Project(Path(root))
    if not NAME.fullmatch(name):
        raise HandbookError(f"{name!r} is not a usable edition name: use lowercase letters, digits and '-', "
                            "such as vienna-2026-unsc")
    folder = project.sources / name
    if folder.exists():
        what = "an edition" if (folder / EDITION_FILE).exists() else "a folder"
        raise HandbookError(f"{folder}/: error: {what} named {name!r} already exists; "
                            "choose another name (nothing was written)")
    find_style(style, project.styles)  # an unknown style is an error before anything is written
    words = name.replace("_", "-").split("-")
    conference = conference or " ".join(w.upper() if len(w) <= 4 and not w.isdigit() else w.capitalize()
                                        for w in words if w)
    committee = committee or "General Assembly"
    organizer = organizer or "Conference Secretariat"
    files = {
        EDITION_FILE: EDITION.format(conference=_q(conference), committee=_q(committee), style=style,
                                     organizer=_q(organizer)),
        "letter.md": LETTER.format(committee=committee),
        "letter-notes.yaml": LETTER_NOTES,
        "report.yaml": REPORT,
        "notes.yaml": NOTES,
        "cheatsheet.yaml": CHEATSHEET.format(title=_q(f"{committee} at a glance")),
    }
    folder.mkdir(parents=True)
    try:
        for filename, text in files.items():
            (folder / filename).write_text(text, encoding="utf-8")
        from ..sources.reader import read_edition
        read_edition(folder)  # what we scaffold must pass `handbook check`
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder
