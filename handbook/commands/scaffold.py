"""`handbook new NAME`: start a project's edition that builds at once (its files and a starter style)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from ..errors import HandbookError, relative
from ..language.support import printable_languages
from ..sources.project import Project
from ..sources.reader import EDITION_FILE
from ..style.catalogue import BUILTIN
from ..style.theme import load_theme

NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
MAX_NAME = 64  # characters: a folder name, and with a style's name a PDF file name, well within 255 bytes


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


EDITION = """\
# The edition file: what this study guide is and how it prints (docs/source-format.md: `handbook new` said where).
conference: {conference}
committee: {committee}
title: {title}
language: {language}                  # {languages}: every word the tool prints (docs/languages.md)
style: {style}                 # styles/{style}.yaml, or a built-in (`handbook styles` lists them); or styles: [a, b]
organizer:                     # printed on the cover
  name: {organizer}
  address:
{address}
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
index: index.yaml              # the subject index's terms
"""

STYLE = """\
# This conference's style: the `{base}` style, changed only by the keys set here.
# `handbook styles` lists the styles; docs/styles.md (`handbook new` said where) describes every
# key. A file this style names (a logo, a font) is found beside it, e.g. styles/logos/.
extends: {base}
name: {title}
description: {description}

# The keys an organizer changes first. To use one, remove the "# " at the start of its line
# (for colours, of the `colours:` line too). The values shown are the ones `{base}` has now.
# logo: logos/our-logo.png   # PNG or JPEG, sharp at print size: 600 px across or more
# logo_on_band: ""           # the logo on the cover's coloured band: a light version, or "" for logo
# colours:
#   primary: "{primary}"     # cover band, headings, rules (quoted: an unquoted # starts a comment)
#   accent: "{accent}"      # the second colour
#   highlight: "{highlight}"   # behind the phrases the notes explain
# paper: {paper}               # A4, Letter, A5, Legal, or [width, height] such as [170mm, 240mm]
# watermark: DRAFT           # printed across every page, for review copies
"""

STARTERS = Path(__file__).resolve().parent / "starters"  # per language: the defaults and the files' text
FILES = ("letter.md", "letter-notes.yaml", "report.yaml", "notes.yaml", "index.yaml", "cheatsheet.yaml")


def starter(language: str) -> dict:
    """The starter's defaults and texts in `language` (starters/CODE.yaml), English for one without its own."""
    import yaml
    path = STARTERS / f"{language}.yaml"
    if not path.is_file():
        path = STARTERS / "en.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    """`text` as a YAML scalar: as it is where YAML reads it back unchanged, else quoted."""
    import yaml
    try:
        same = yaml.safe_load(text) == text and "#" not in text
    except yaml.YAMLError:
        same = False
    return text if same else _q(text)


def new_edition(root: Path | str, name: str, conference: str | None = None, committee: str | None = None,
                style: str = "wimun", organizer: str | None = None, language: str = "en") -> Path:
    """Write sources/NAME/ (edition file, an example document with notes, index, cheat-sheet stub) and a
    starter styles/NAME.yaml extending `style`; check that it all builds, and write nothing if not, or if
    anything would be overwritten. Returns the edition's folder."""
    project = Project(Path(root))
    if len(name) > MAX_NAME:
        raise HandbookError(f"the edition name is {len(name)} characters long; at most {MAX_NAME} "
                            "(it names a folder and the PDF files built from it)")
    if not NAME.fullmatch(name):
        raise HandbookError(f"{name!r} is not a usable edition name: use lowercase letters, digits and '-', "
                            "such as vienna-2026-unsc")
    folder, style_file = project.sources / name, project.styles / f"{name}.yaml"
    if folder.exists():
        what = "an edition" if (folder / EDITION_FILE).exists() else "a folder"
        raise HandbookError(f"{folder}/: error: {what} named {name!r} already exists; "
                            "choose another name (nothing was written)")
    if style_file.exists():
        raise HandbookError(f"{style_file}: error: a style named {name!r} already exists; "
                            "choose another name (nothing was written)")
    if (BUILTIN / f"{name}.yaml").is_file():  # `new draft` silently took the DRAFT watermark off every edition
        raise HandbookError(f"{style_file}: error: {name!r} is a built-in style, and a project style of that name "
                            "would replace it for every edition; choose another name (nothing was written)")
    base = load_theme(style, project.styles)  # the style to extend must load, before anything is written
    words = name.replace("_", "-").split("-")
    conference = conference or " ".join(w.upper() if len(w) <= 4 and not w.isdigit() else w.capitalize()
                                        for w in words if w)
    texts = starter(language)
    committee = committee or texts["committee"]
    files = {
        folder / EDITION_FILE: EDITION.format(
            conference=_q(conference), committee=_q(committee), style=name, title=_plain(texts["title"]),
            organizer=_q(organizer or texts["organizer"]), language=language,
            address="\n".join(f"    - {_plain(line)}" for line in texts["address"]),
            languages=", ".join(printable_languages())),
        **{folder / file: texts["files"][file].format(committee=committee,
                                                      title=_q(texts["glance"].format(committee=committee)))
           for file in FILES},
        style_file: starter_style(base, style, conference),
    }
    _write_checked(project, folder, name, files)
    return folder


def starter_style(base, base_name: str, conference: str) -> str:
    """A style extending `base_name` that shows, commented out, the keys an organizer changes first,
    each with the value it has now."""
    def hex_of(key: str) -> str:
        return "#" + base.colour(key).hexval()[2:].lower()

    return STYLE.format(base=base_name, title=_q(conference), description=_q(f"{conference}: {base_name}, "
                        "with this conference's own changes."), primary=hex_of("primary"), accent=hex_of("accent"),
                        highlight=hex_of("highlight"), paper=_paper(base.page_size))


def _paper(size: tuple) -> str:
    """The style's paper as the `paper:` key writes it."""
    from ..style.values import paper_name
    name = paper_name(*size).split()[0]
    if name in ("A4", "Letter", "A5", "Legal"):
        return name
    return f"[{size[0] / 72 * 25.4:.0f}mm, {size[1] / 72 * 25.4:.0f}mm]"


def _write_checked(project: Project, folder: Path, name: str, files: dict) -> None:
    """Write the files; what we scaffold must pass `handbook check` and load as a style, else it is removed."""
    from ..sources.reader import read_edition
    written: list[Path] = []
    new_styles_dir = not project.styles.exists()
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise HandbookError(f"{relative(folder)}/: error: cannot create the edition folder: {exc.strerror or exc}")
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
        read_edition(folder)
        load_theme(name, project.styles)
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        for path in written:
            if not path.is_relative_to(folder):
                path.unlink(missing_ok=True)
        if new_styles_dir and project.styles.is_dir() and not any(project.styles.iterdir()):
            project.styles.rmdir()
        if isinstance(exc, OSError):  # a full disk or a read-only folder: one line, and nothing half-written left
            raise HandbookError(f"{relative(folder)}/: error: cannot write the new edition: {exc.strerror or exc} "
                                "(nothing was written)") from exc
        raise
