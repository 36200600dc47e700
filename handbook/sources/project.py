"""Where a project's editions and styles live, and which edition is the default."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..errors import HandbookError
from .reader import EDITION_FILE


@dataclass
class Project:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    def source_files(self) -> list[Path]:
        """Every file of the project's sources and styles: no output may be written over one of them."""
        return [p for folder in (self.sources, self.styles) if folder.is_dir()
                for p in folder.rglob("*") if p.is_file()]

    def editions(self) -> list[str]:
        if not self.sources.is_dir():
            return []
        return sorted(p.parent.name for p in self.sources.glob(f"*/{EDITION_FILE}"))

    def style_names(self) -> list[str]:
        """The styles the project can name: its own and the built-in ones."""
        from ..style.catalogue import style_names
        return style_names(self.styles)

    def edition_folder(self, name: str | None) -> Path:
        names = self.editions()
        if not names:
            raise HandbookError(f"{self.sources}/: error: no editions found (each is a folder with {EDITION_FILE}); "
                                "run 'handbook new NAME' to start one")
        if name is None:
            name = self.default_edition(names)
        folder = Path(name)
        if folder.is_dir() and (folder / EDITION_FILE).is_file():
            return folder  # a path to an edition folder works too
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (editions: {', '.join(names)})"
            raise HandbookError(f"{self.sources}/: error: unknown edition {name!r}{hint}")
        folder = self.sources / name
        if not folder.resolve().is_relative_to(self.root.resolve()):  # its files would be read from elsewhere
            raise HandbookError(f"{folder}/: error: the edition folder leads out of the project through a symbolic "
                                "link; files must stay inside the project folder")
        return folder

    def default_edition(self, names: list[str]) -> str:
        """The only edition, or the one whose handbook.yaml says `default: true`."""
        if len(names) == 1:
            return names[0]
        for name in names:
            text = (self.sources / name / EDITION_FILE).read_text(encoding="utf-8", errors="replace")
            if any(line.strip().replace(" ", "") == "default:true" for line in text.splitlines()):
                return name
        raise HandbookError(f"{self.sources}/: error: several editions and none marked 'default: true' "
                            f"(editions: {', '.join(names)}); name one")
