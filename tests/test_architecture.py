"""The package keeps its shape: size limits per module, function and class, and a docstring per module."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "handbook"
MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_within_size_limits(path):
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= 400, "a module holds at most 400 lines: split it by job"
    tree = ast.parse(source)
    assert ast.get_docstring(tree), "every module opens with a docstring saying its role"
    for node in ast.walk(tree):
        span = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert span <= 60, f"{node.name} (line {node.lineno}) is {span} lines; functions hold at most 60"
        if isinstance(node, ast.ClassDef):
            assert span <= 300, f"class {node.name} (line {node.lineno}) is {span} lines; classes hold at most 300"


def test_stage_packages_do_not_reach_backwards():
    """The reader never imports ReportLab; the model imports no other stage."""
    for path in (PACKAGE / "sources").glob("*.py"):
        assert "reportlab" not in path.read_text(encoding="utf-8"), f"{path.name} imports ReportLab"
    model = (PACKAGE / "model.py").read_text(encoding="utf-8")
    for stage in ("sources", "layout", "style", "output", "indexing", "commands"):
        assert f"from .{stage}" not in model


# Scripts the maintainers run to make shipped data (fonts, logos, the states lists), not the tool
MAKERS = {"make_kai.py", "make_emblem.py", "make_states.py"}


def test_every_library_the_package_imports_is_a_declared_dependency():
    """The wheel test installs into a virtualenv that sees the system's packages (no network in CI), so
    a dependency missing from pyproject.toml would pass it and fail a real user's install: this catches
    that without a network."""
    import re
    import sys
    import tomllib
    from importlib.metadata import packages_distributions
    meta = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    declared = {norm(re.match(r"[A-Za-z0-9._-]+", spec)[0]) for spec in meta["dependencies"]}
    owners = packages_distributions()
    missing = {}
    for path in MODULES:
        if path.name in MAKERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "handbook":
                    continue
                dists = {norm(d) for d in owners.get(top, [top])}
                if not dists & declared:
                    missing.setdefault(top, str(path.relative_to(PACKAGE)))
    assert not missing, f"imported but not in [project] dependencies: {missing}"
