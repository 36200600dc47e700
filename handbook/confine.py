"""Keep every file that sources and styles name inside the project folder (or the package's own data)."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

PACKAGE = Path(__file__).resolve().parent
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def project_root(edition_folder: Path) -> Path:
    """The project an edition belongs to: the folder holding its `sources/` folder."""
    folder = edition_folder.resolve()
    return folder.parent.parent if folder.parent.name == "sources" else folder


def outside(base: Path, name: str, roots: list[Path]) -> str | None:
    """Why `name`, written in a file in `base`, may not be read: it is absolute, or it leads (through
    `..` or a symbolic link) out of every one of `roots`. None when it stays inside.

    A source may only name files of its own project: a shared edition must not be able to print
    /etc/passwd into a handbook or an error message, or read a key from the user's home.
    """
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return f"{name!r} is an absolute path; files are named relative to the file that names them"
    target = (base / name).resolve()
    if any(target.is_relative_to(root.resolve()) for root in roots):
        return None
    how = "a symbolic link" if ".." not in PurePosixPath(name.replace("\\", "/")).parts else "'..'"
    return f"{name!r} leads out of the project through {how}; files must stay inside the project folder"


def name_problem(name: str, what: str) -> str | None:
    """Why `name` cannot be a style or edition name (names, not paths), or None."""
    if _NAME.fullmatch(name) and ".." not in name:
        return None
    return f"{what} {name!r} is not a name: use letters, digits, '-', '_' or '.', no '/' or '..'"
