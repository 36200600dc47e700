"""Import a guide written elsewhere (the seed's text shape, Markdown, Word) as a new edition's sources."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import HandbookError
from .guide import Guide, ImportReport

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
WORD_SUFFIXES = (".docx",)


@dataclass
class ImportResult:
    folder: Path
    guide: Guide
    report: ImportReport


def read_guide(path: Path, display: str | None = None, keep_authors: bool = False,
               report: ImportReport | None = None) -> tuple[Guide, ImportReport]:
    """The intermediate model of the guide in `path`, and what the reading noticed."""
    report = report or ImportReport()
    display = display or str(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise HandbookError(f"{path}: error: is a folder, not a file (give a .txt, .md or .docx guide)")
    if not path.is_file():
        raise HandbookError(f"{path}: error: no such file (give a .txt, .md or .docx guide)")
    if suffix in WORD_SUFFIXES:
        from .docx import read_docx_guide
        return read_docx_guide(path, display, report, keep_authors=keep_authors), report
    if suffix in TEXT_SUFFIXES or not suffix:
        from .textguide import read_text_guide
        try:
            _refuse_control_characters(path.read_bytes().decode("utf-8-sig"), display)
            return read_text_guide(path, display, report), report
        except UnicodeDecodeError as exc:
            raise HandbookError(f"{display}: error: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    raise HandbookError(f"{display}: error: cannot import {suffix!r} files (give a .txt, .md or .docx guide)")


def _refuse_control_characters(text: str, display: str) -> None:
    """A control character in the guide would be written into the new sources, which then fail to check
    (with messages about files the failed import never kept): refused here, at its place in the guide."""
    from ..sources.prose import _UNPRINTABLE_PROSE
    bad = _UNPRINTABLE_PROSE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - text.rfind("\n", 0, bad.start())
        raise HandbookError(f"{display}:{line}:{col}: error: invalid character U+{ord(bad.group()):04X} in the text "
                            "(delete it: control characters cannot appear in sources)")


def import_guide(root: Path, path: Path, edition: str | None = None, style: str = "wimun",
                 keep_authors: bool = False) -> ImportResult:
    """Read `path` and write it as sources/EDITION/ under the project `root`; never overwrites."""
    from ..sources.project import Project
    from ..style.theme import find_style
    from .writer import write_edition
    project = Project(Path(root))
    name = edition or slug(path.stem)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise HandbookError(f"{name!r} is not a usable edition name: use lowercase letters, digits and '-' "
                            "(--edition NAME)")
    folder = project.sources / name
    if folder.exists():
        raise HandbookError(f"{folder}/: error: an edition or folder named {name!r} already exists; choose "
                            "another with --edition NAME (nothing was written)")
    find_style(style, project.styles)  # an unknown style is an error before anything is read or written
    guide, report = read_guide(path, str(path), keep_authors=keep_authors)
    if not guide.paragraphs:
        raise HandbookError(f"{path}: error: found no numbered paragraph ('1. Text' in the text shape, a numbered "
                            "paragraph in Word): nothing was written (a page of prose can be a prose part: "
                            "'- prose: FILE.md' in handbook.yaml)")
    write_edition(guide, folder, style, report, str(path))
    return ImportResult(folder, guide, report)


def slug(stem: str) -> str:
    words = re.findall(r"[a-z0-9]+", stem.lower())
    return "-".join(words)[:60].strip("-") or "imported-guide"
