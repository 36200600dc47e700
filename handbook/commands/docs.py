"""Where the documentation (README.md, docs/*.md) is: in a checkout, or the copy a wheel installs."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def readme_file() -> Path | None:
    """README.md: the checkout's, or the one installed in share/doc/handbook/; None when neither is there."""
    checkout = PACKAGE.parent / "README.md"
    if checkout.is_file() and (PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return _installed("README.md", "handbook")


def _installed(name: str, folder: str) -> Path | None:
    """A file the wheel installed as data (share/doc/handbook/...), wherever the installer put it."""
    from importlib import metadata
    try:
        files = metadata.distribution("handbook").files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name == name and file.parent.name == folder:
            path = Path(file.locate()).resolve()
            if path.is_file():
                return path
    return None


def docs_folder() -> Path | None:
    """The folder holding styles.md and source-format.md, or None when neither copy is there.

    A wheel installs them as data files (pyproject.toml, [tool.setuptools.data-files]) under the
    environment's share/doc/handbook/docs/, wherever the installer puts that (a virtualenv, --user);
    the installed files list says where, so no install scheme is guessed."""
    checkout = PACKAGE.parent / "docs"
    if (checkout / "styles.md").is_file():
        return checkout
    found = _installed("styles.md", "docs")
    return found.parent if found is not None else None
