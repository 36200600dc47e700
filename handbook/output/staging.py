"""Stage a build's files beside their targets and move them into place together, only when all are made."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import BuildFailed, Diagnostic, HandbookError, Position, relative


def _file_mode() -> int:
    """The mode a newly created file gets under the current umask (mkstemp's own 0600 is too private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def cannot_write(target: Path, exc: OSError, what: str = "the PDF") -> BuildFailed:
    """The system refused a write (a full disk, no permission): a failed build, exit status 1."""
    reason = exc.strerror or str(exc)
    hint = ("is the PDF open in another program, or the folder read-only?" if isinstance(exc, PermissionError)
            else "free some disk space and build again" if getattr(exc, "errno", None) == 28 else "")
    return BuildFailed(Diagnostic("error", Position(relative(target)), f"cannot write {what}: {reason}", hint))


def _name_hint(what: str) -> str:
    return "give a file name ending in .pdf" if "PDF" in what else "give a file name"


def _special(target: Path) -> bool:
    """Whether `target` exists and is neither a regular file nor a symbolic link (which the rename replaces)."""
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))


class Staging:
    """Temporary files, one per output, created exclusively (O_EXCL, never through a symbolic link) with
    unique names in the target's own folder, so the final rename is atomic and two builds of the same
    output never share a temporary file. `commit()` renames them all over their targets; leaving the
    `with` block without committing removes them, so a failure anywhere leaves every old file as it was.
    """

    def __init__(self, protected: list[Path] = ()):
        self.staged: dict[Path, Path] = {}  # target -> temporary file
        self.protected = {self._key(p) for p in protected}

    @staticmethod
    def _key(path: Path) -> Path:
        return Path(os.path.realpath(path))

    def reserve(self, target: Path, what: str = "the PDF") -> Path:
        """A fresh temporary file beside `target`, which must not be a source or another output."""
        target = Path(target)
        key = self._key(target)
        if key in self.protected:
            raise HandbookError(Diagnostic("error", Position(relative(target)),
                                           f"will not write {what} over a source file", "choose another name"))
        if key in {self._key(t) for t in self.staged}:
            raise HandbookError(Diagnostic("error", Position(relative(target)),
                                           f"{what} would overwrite another output of this build",
                                           "give each output its own name"))
        if target.is_dir():
            raise HandbookError(Diagnostic("error", Position(relative(target)), "output path is a folder",
                                           _name_hint(what)))
        if _special(target):  # a rename would replace the device or pipe itself (as root, /dev/null)
            raise HandbookError(Diagnostic("error", Position(relative(target)),
                                           f"will not write {what} over a device, pipe or socket",
                                           _name_hint(what)))
        blocked = next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), None)
        if blocked is not None:
            raise HandbookError(Diagnostic("error", Position(relative(target)),
                                           f"cannot write {what}: {relative(blocked)!r} is a file, not a folder"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f"{target.suffix}.part",
                                            dir=target.parent)
        except OSError as exc:
            raise cannot_write(target, exc, what) from exc
        os.close(handle)
        self.staged[target] = Path(name)
        return Path(name)

    def commit(self) -> None:
        mode = _file_mode()
        for target, tmp in list(self.staged.items()):
            try:
                os.chmod(tmp, mode)
                os.replace(tmp, target)
            except OSError as exc:
                raise cannot_write(target, exc) from exc
            del self.staged[target]

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        for tmp in self.staged.values():
            tmp.unlink(missing_ok=True)
        self.staged.clear()
