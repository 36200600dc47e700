"""The tool as users meet it: a wheel installed into a fresh virtualenv, run in an empty folder; and an
sdist that carries what the test suite needs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import DEFAULT_EDITION, REPO

PARTS = ("handbook", "tests", "docs", "sources", "styles", "bench", "dist")
FILES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in")
pytestmark = pytest.mark.slow


def _checkout(tmp_path: Path) -> Path:
    """A clean copy of the project to build from (a build leaves build/ and *.egg-info behind)."""
    copy = tmp_path / "checkout"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pdf", "*.part", ".hypothesis", "*.egg-info")
    for part in PARTS:
        shutil.copytree(REPO / part, copy / part, ignore=junk)
    for name in FILES:
        shutil.copy(REPO / name, copy / name)
    return copy


def _build(tmp_path: Path, kind: str) -> Path:
    """Build a wheel or an sdist with setuptools' own PEP 517 backend; any warning fails the test."""
    source, out = _checkout(tmp_path), tmp_path / "out"
    out.mkdir()
    code = (f"import warnings; warnings.simplefilter('error'); from setuptools import build_meta; "
            f"print(build_meta.build_{kind}({str(out)!r}))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Deprecat" not in proc.stderr, proc.stderr
    return out / proc.stdout.strip().splitlines()[-1]


def _venv_bin(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def test_the_wheel_in_a_fresh_virtualenv_starts_builds_and_checks_a_project(tmp_path):
    wheel = _build(tmp_path, "wheel")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"handbook/style/builtin/wimun.yaml", "handbook/style/builtin/logos/emblem.png",
            "handbook/style/fonts/LICENSE-Liberation.txt", "handbook/indexing/states.yaml"} <= names
    for licence in ("LICENSE", "handbook/style/fonts/LICENSE-Liberation.txt",
                    "handbook/style/fonts/LICENSE-HandbookKai.txt"):
        assert any(n.endswith(".dist-info/licenses/" + licence) for n in names), licence
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    from handbook import __version__
    assert wheel.name == f"handbook-{__version__}-py3-none-any.whl" and f"Version: {__version__}" in metadata.splitlines()
    assert "License-Expression: MIT AND OFL-1.1" in metadata.splitlines()
    assert "Author: The handbook maintainers" in metadata.splitlines() and "Project-URL" not in metadata
    package = {p.relative_to(REPO).as_posix() for p in (REPO / "handbook").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert not package - names, f"left out of the wheel: {sorted(package - names)}"  # every module and data file
    venv = tmp_path / "venv"
    # the system's packages (reportlab, ...) are seen, so nothing is downloaded; handbook comes from the wheel
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    python = _venv_bin(venv) / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--ignore-installed",
                    str(wheel)], check=True, env=env, timeout=300, cwd=tmp_path)
    where = subprocess.run([str(python), "-c", "import handbook; print(handbook.__file__)"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where  # not the checkout, not an editable install
    folder = tmp_path / "Genève MUN 2026"  # an empty folder, its name with a space and a non-ASCII letter
    folder.mkdir()

    def handbook(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(_venv_bin(venv) / "handbook"), *args], cwd=folder, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        return proc

    assert handbook("--version").stdout.strip() == f"handbook {__version__}"
    started = handbook("new", "x").stdout
    # the reference documentation came with the wheel, and `new` says where (the checkout is not seen)
    reference = next(line for line in started.splitlines() if line.startswith("reference: "))
    styles_md = Path(reference.split(", ")[1].removesuffix(" (the style)"))
    assert styles_md.is_file() and styles_md.resolve().is_relative_to(venv.resolve()), reference
    assert styles_md.read_bytes() == (REPO / "docs" / "styles.md").read_bytes()
    assert any(n.endswith(".data/data/share/doc/handbook/docs/source-format.md") for n in names)
    # the line after an internal error names the installed README, which says how to report a bug
    line = subprocess.run([str(python), "-c", "from handbook.commands.cli import report_line; print(report_line())"],
                          env=env, cwd=folder, capture_output=True, text=True, encoding="utf-8", check=True).stdout
    readme = Path(line.strip().rsplit(" in ", 1)[1].rstrip(")"))
    assert readme.resolve().is_relative_to(venv.resolve()), line
    assert "\n## Reporting problems\n" in readme.read_text(encoding="utf-8")
    assert (folder / "sources" / "x" / "handbook.yaml").is_file() and (folder / "styles" / "x.yaml").is_file()
    built = handbook("build")
    assert built.stdout.startswith(os.path.join("dist", "x.pdf"))
    assert (folder / "dist" / "x.pdf").stat().st_size > 10_000
    listed = handbook("styles").stdout
    for name in ("wimun", "print-bw", "pocket", "draft"):
        assert any(line.startswith(name + " ") and line.endswith("built-in") for line in listed.splitlines()), listed
    assert any(line.startswith("x ") and "project: styles/x.yaml" in line for line in listed.splitlines())
    assert handbook("check").stdout.rstrip().endswith("ok")
    handbook("build", "--style", "pocket")
    handbook("build", "--grayscale", "--duplex")
    handbook("cheatsheet", "-s", "pocket", "-s", "print-bw")
    assert sorted(p.name for p in (folder / "dist").glob("*.pdf")) == [
        "x-gray-duplex.pdf", "x-pocket-cheatsheet.pdf", "x-pocket.pdf", "x-print-bw-cheatsheet.pdf", "x.pdf"]
    assert handbook("-q", "styles").stdout.split() == ["draft", "pocket", "print-bw", "wimun", "x"]
    # the starters' texts came with the wheel: a French starter is written in French, and it builds
    handbook("new", "y", "--language", "fr")
    assert "Bienvenue dans votre comité : Assemblée générale." in (folder / "sources" / "y" / "letter.md").read_text(
        encoding="utf-8")
    handbook("build", "y")


def test_the_sdist_carries_the_tests_their_corpus_docs_styles_and_sources(tmp_path):
    sdist = _build(tmp_path, "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    root = next((tmp_path / "unpacked").iterdir())
    for rel in ("LICENSE", "README.md", "tests/conftest.py", "tests/test_anywhere.py", "docs/styles.md",
                "styles/README.md", "bench/run.py", f"sources/{DEFAULT_EDITION}/handbook.yaml",
                "handbook/style/builtin/wimun.yaml", "handbook/style/builtin/logos/make_emblem.py"):
        assert (root / rel).is_file(), rel
    corpus = {p.name for p in (REPO / "tests" / "corpus").iterdir()}
    assert corpus and corpus == {p.name for p in (root / "tests" / "corpus").iterdir()}
    # the suite runs from the unpacked sdist: here its quick structural part, against the sdist's own package
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           "tests/test_architecture.py", "tests/test_corpus.py"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
