"""Shared fixtures: the repository's paths, a built default edition, and a tiny-edition factory."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

import pdfminer_spacing  # noqa: F401  (every PDF reading adds character spacing as the PDF specification does)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_EDITION = "wimun-ny-2025-ga-plenary-2"
BUILTIN = REPO / "handbook" / "style" / "builtin"  # the styles that come with the package


@pytest.fixture(scope="module", autouse=True)
def release_pdf_readings():
    """After each test module, drop the PDF readings the helpers cache and hand freed memory back.

    The suite reads hundreds of PDFs with pdfplumber; each reading's temporaries fragment the heap, and
    the readings cached for the module's own tests are of no use to the next module. Without this the
    test process grew to about 15 GB by the end of the suite."""
    yield
    import gc
    import sys
    for name, attribute in (("geometry", "read_pages"), ("placement_figures", "_read")):
        cached = getattr(sys.modules.get(name), attribute, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()
    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util
        try:
            ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): nothing to trim
            pass


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The suite's own disk cache (and its subprocesses'), so a user's ~/.cache is neither read nor written."""
    import os
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("HANDBOOK_CACHE_DIR")
    os.environ["HANDBOOK_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("HANDBOOK_CACHE_DIR", None)
    else:
        os.environ["HANDBOOK_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def default_build(tmp_path_factory):
    """The default edition built once per test session (BuildResult)."""
    from handbook import build
    out = tmp_path_factory.mktemp("default") / "default.pdf"
    return build(DEFAULT_EDITION, output=out, root=REPO)


@pytest.fixture(scope="session")
def default_pdf(default_build) -> Path:
    return default_build.path


@pytest.fixture(scope="session")
def style_builds(tmp_path_factory):
    """The default edition built once per session in each shipped style: style name -> BuildResult."""
    from handbook import build
    out = tmp_path_factory.mktemp("styles")
    return {name: build(DEFAULT_EDITION, style=name, root=REPO, output=out / f"{name}.pdf")
            for name in ("wimun", "print-bw", "pocket", "draft")}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


EDITION_YAML = """
conference: Test MUN 2030
committee: Test Committee
title: Study Guide
organizer:
  name: Test Org
  address: [1 Test Street]
  email: test@example.org
parts:
  - cover
  - contents
  - document: report.yaml
    notes: notes.yaml
  - index
"""

REPORT_YAML = """
symbol: A/1/1
header:
  organs: [General Assembly]
  distribution: General
  date: 1 January 2030
  original: English
title: A test report
subtitle: Report of the Secretary-General
sections:
  - number: I
    title: Introduction
    body:
      - paragraph: 1
        text: The first paragraph speaks of early warning.[^1]
      - paragraph: 2
        text: The second paragraph.
footnotes:
  - number: 1
    text: A footnote.
"""

NOTES_YAML = """
notes:
  - kind: did-you-know
    attach: 1
    phrase: early warning
    body: A note about early warning.
"""


@pytest.fixture
def make_project(tmp_path):
    """Create a throw-away project (sources/test, styles copied from the repo); returns its root.

    Pass file texts to override: make_project(report=..., notes=..., edition=..., extra={"x.yaml": "..."}).
    """
    def factory(report: str = REPORT_YAML, notes: str = NOTES_YAML, edition: str = EDITION_YAML,
                extra: dict | None = None, name: str = "test") -> Path:
        root = tmp_path / "project"
        folder = root / "sources" / name
        write(folder / "handbook.yaml", edition)
        write(folder / "report.yaml", report)
        write(folder / "notes.yaml", notes)
        for rel, text in (extra or {}).items():
            write(folder / rel, text)
        if not (root / "styles").exists():
            shutil.copytree(REPO / "styles", root / "styles")
        return root
    return factory


SHIPPED_STYLES = ("wimun", "print-bw", "pocket", "draft")


@pytest.fixture(scope="session")
def shipped_builds(tmp_path_factory):
    """The default edition in each shipped style, with a 3 mm bleed and a booklet (BuildResult by style)."""
    from handbook import build
    out = tmp_path_factory.mktemp("shipped")
    return {name: build(DEFAULT_EDITION, style=name, root=REPO, output=out / f"{name}.pdf", bleed=3 * 72 / 25.4,
                        booklet=True) for name in SHIPPED_STYLES}


@pytest.fixture(scope="session")
def climate_project(tmp_path_factory) -> Path:
    """A project holding the second guide (tests/guides/climate) and the repository's own styles."""
    root = tmp_path_factory.mktemp("climate")
    shutil.copytree(REPO / "tests" / "guides" / "climate", root / "sources" / "climate")
    shutil.copytree(REPO / "styles", root / "styles")
    return root


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A fresh copy of the corpus's small valid project, with the working directory inside it."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "corpus" / "_base", root)
    monkeypatch.chdir(root)
    return root
