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
