"""Where the reference documentation (docs/*.md) is: a checkout's docs/ folder, or the copy a wheel installs."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def docs_folder() -> Path | None:
    """The folder holding styles.md and source-format.md, or None when neither copy is there.

    A wheel installs them as data files (pyproject.toml, [tool.setuptools.data-files]) under the
    environment's share/doc/handbook/docs/, wherever the installer puts that (a virtualenv, --user);
    the installed files list says where, so no install scheme is guessed."""
    checkout = PACKAGE.parent / "docs"
    if (checkout / "styles.md").is_file():
        return checkout
    from importlib import metadata
    try:
        files = metadata.distribution("handbook").files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name == "styles.md" and file.parent.name == "docs":
            path = Path(file.locate()).resolve()
            if path.is_file():
                return path.parent
    return None
