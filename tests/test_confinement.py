"""Sources and styles read nothing outside the project: symbolic links, '..' and absolute paths are refused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.commands.cli import cli
from handbook.confine import name_problem, outside
from handbook.style.values import fill_template, template_problem





@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project whose words must never reach the output."""
    path = tmp_path / "secret.yaml"
    path.write_text("title: TOP-SECRET-WORDS\nsections: []\n", encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, ["-C", ".", *args])


def test_document_symlinked_out_of_the_project_is_refused_unread(project, secret):
    (project / "sources/test/report.yaml").unlink()
    (project / "sources/test/report.yaml").symlink_to(secret)
    for command in ("check", "build"):
        result = run(command)
        assert result.exit_code == 2, result.output
        assert "sources/test/handbook.yaml:13:15: error: document file: 'report.yaml' leads out of the project " \
               "through a symbolic link" in result.stderr
        assert "TOP-SECRET" not in result.output
    assert not (project / "dist").exists() or not list((project / "dist").iterdir())


def test_logo_symlinked_out_of_the_project_is_refused(project, tmp_path):
    outside_logo = tmp_path / "logo.png"
    shutil.copyfile(Path(__file__).parent.parent / "handbook/style/builtin/logos/emblem.png", outside_logo)
    (project / "styles/logos").mkdir()
    (project / "styles/logos/logo.png").symlink_to(outside_logo)
    style = project / "styles/plain.yaml"
    style.write_text(style.read_text() + "logo: logos/logo.png\n")
    result = run("build")
    assert result.exit_code == 2
    assert "error: logo: 'logos/logo.png' leads out of the project through a symbolic link" in result.stderr


def test_style_file_symlinked_out_of_the_project_is_refused(project, tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("paper: A5\n")
    (project / "styles/plain.yaml").unlink()
    (project / "styles/plain.yaml").symlink_to(elsewhere)
    result = run("build")
    assert result.exit_code == 2
    assert "error: the style file 'plain.yaml' leads out of the project through a symbolic link" in result.stderr


def test_edition_folder_symlinked_out_of_the_project_is_refused(project, tmp_path):
    """sources/<edition> itself a link to a folder elsewhere: its files (and the styles beside them) would be
    read from outside; it once gave a misleading "unknown style" instead."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "sources/test", elsewhere)
    (project / "sources/test").symlink_to(elsewhere)
    for command in ("check", "build"):
        result = run(command)
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == ("sources/test/: error: the edition folder leads out of the project through "
                                         "a symbolic link; files must stay inside the project folder")
    assert not (project / "dist").exists() or not list((project / "dist").iterdir())


def test_paths_inside_the_project_are_accepted(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert outside(tmp_path / "a" / "b", "../b/x.yaml", [tmp_path]) is None
    assert outside(tmp_path / "a", "b/x.yaml", [tmp_path]) is None
    assert "absolute" in outside(tmp_path, "/etc/passwd", [tmp_path])
    assert "absolute" in outside(tmp_path, "C:\\Windows\\win.ini", [tmp_path])
    assert "'..'" in outside(tmp_path / "a", "../../x", [tmp_path])


@pytest.mark.parametrize("name", ["wimun", "print-bw", "my_style.v2"])
def test_style_names_are_names(name):
    assert name_problem(name, "style") is None


@pytest.mark.parametrize("name", ["../x", "/etc/x", "a/b", "..", "x..y", "", "-x", "a b"])
def test_style_paths_are_not_names(name):
    assert name_problem(name, "style") is not None


def test_templates_fill_fields_without_evaluating_them():
    fields = {"conference": "MUN", "page": 3}
    assert fill_template("{conference} · p. {page} {{x}}", fields) == "MUN · p. 3 {x}"
    assert fill_template("{conference.__class__}", fields) == ""  # refused by the style check first
    assert template_problem("{conference.__class__}") is not None
    assert template_problem("{0}") is not None and template_problem("{}") is not None
    assert template_problem("{conference} · {committee} · {symbol}") is None
