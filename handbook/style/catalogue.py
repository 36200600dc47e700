"""Where styles come from: the project's styles/ folder first, then the styles built into the package."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..confine import PACKAGE, name_problem, outside
from ..errors import HandbookError

BUILTIN = Path(__file__).resolve().parent / "builtin"  # wimun, print-bw, pocket, draft and their logos


@dataclass(frozen=True)
class StyleFile:
    """A style a project can name: its file, and whether it is the project's own or built in."""

    name: str
    path: Path
    builtin: bool
    overrides: bool = False  # a project style with a built-in's name: the project's wins

    @property
    def origin(self) -> str:
        if self.builtin:
            return "built-in"
        return "project, overrides built-in" if self.overrides else "project"


def is_builtin(path: Path) -> bool:
    return path.resolve().parent == BUILTIN


def find_style(name: str, styles_dir: Path, below: Path | None = None) -> Path:
    """The file of the style called NAME: the project's styles/NAME.yaml, else the built-in one.

    `below` is the style file whose `extends:` names NAME. A style never finds itself, so a
    project's wimun.yaml saying `extends: wimun` extends the built-in wimun; and a built-in style
    extends only built-ins, so a project's override does not change what the others are made of.
    Every style lookup goes through here (names from handbook.yaml, --style and extends)."""
    problem = name_problem(name, "style")  # a name, never a path
    if problem:
        raise HandbookError(f"{styles_dir}/: error: {problem}")
    folders = [BUILTIN] if below is not None and is_builtin(below) else [Path(styles_dir), BUILTIN]
    itself = below.resolve() if below is not None else None
    for folder in folders:
        path = folder / f"{name}.yaml"
        if path.is_file() and path.resolve() != itself:
            leaves = outside(folder, path.name, [Path(styles_dir).parent, PACKAGE])
            if leaves:  # a project's style file that is a symbolic link out of the project
                raise HandbookError(f"{path}: error: the style file {leaves}")
            return path
    known = sorted({s.name for s in style_files(styles_dir)})
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else ("styles: " + ", ".join(known) if known else "")
    raise HandbookError(f"{styles_dir}/: error: unknown style {name!r}" + (f" ({hint})" if hint else ""))


def style_files(styles_dir: Path) -> list[StyleFile]:
    """Every style a project can name, sorted by name: its own (styles/*.yaml) and the built-in ones it
    does not override."""
    own = {p.stem: p for p in Path(styles_dir).glob("*.yaml")} if Path(styles_dir).is_dir() else {}
    builtin = {p.stem: p for p in BUILTIN.glob("*.yaml")}
    files = [StyleFile(name, path, False, name in builtin) for name, path in own.items()]
    files += [StyleFile(name, path, True) for name, path in builtin.items() if name not in own]
    return sorted(files, key=lambda s: s.name)


def style_names(styles_dir: Path) -> list[str]:
    return [s.name for s in style_files(styles_dir)]
