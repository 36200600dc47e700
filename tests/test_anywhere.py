"""Working in any folder: built-in styles, `handbook new` in an empty folder, check against build, output
names that never overwrite, command-line conventions, portability, and odd paths."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handbook.commands.cli import cli
from handbook.errors import HandbookError
from handbook.style.catalogue import BUILTIN, find_style, style_files
from handbook.style.theme import load_theme

from conftest import REPO, write

SHIPPED = ("wimun", "print-bw", "pocket", "draft")
ONE_LINE = re.compile(r"^\S.*?(:\d+:\d+)?: error: .+$")  # path[:line:col]: error: message (hint)


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def hex_of(colour) -> str:
    return colour.hexval()[2:].lower()


@pytest.fixture
def started(tmp_path) -> Path:
    """An empty folder in which `handbook new conf` has started a project."""
    root = tmp_path / "empty"
    root.mkdir()
    result = run(root, "new", "conf")
    assert result.exit_code == 0, result.output
    return root


# ---- 1. built-in styles travel with the package ------------------------------------------

@pytest.mark.parametrize("name", SHIPPED)
def test_every_built_in_style_loads_from_a_folder_without_styles(tmp_path, name):
    theme = load_theme(name, tmp_path / "styles")  # the folder does not even exist
    assert theme.path == BUILTIN / f"{name}.yaml"
    assert theme.logo is not None and theme.logo.is_file() and theme.logo.parent == BUILTIN / "logos"


def test_the_repository_styles_folder_holds_no_copies_of_the_built_ins():
    assert {p.stem for p in (REPO / "styles").glob("*.yaml")}.isdisjoint(SHIPPED)
    assert (REPO / "styles" / "README.md").is_file()
    assert load_theme("letter", REPO / "styles").extends == ["wimun"]


def test_a_project_style_named_like_a_built_in_overrides_it_and_extends_the_built_in(tmp_path):
    styles = tmp_path / "styles"
    write(styles / "wimun.yaml", 'extends: wimun\ncolours: {primary: "#0a5c36"}\n')
    theme = load_theme("wimun", styles)
    assert theme.path == styles / "wimun.yaml" and theme.extends == ["wimun"]
    assert hex_of(theme.colour("primary")) == "0a5c36"
    builtin = load_theme("wimun", tmp_path / "nothing")
    assert hex_of(theme.colour("accent")) == hex_of(builtin.colour("accent"))  # the rest from the built-in
    assert theme.logo == builtin.logo  # its logo path, resolved beside the built-in file
    # a built-in style extends the built-ins only: the project's override does not change what draft is
    draft = load_theme("draft", styles)
    assert hex_of(draft.colour("primary")) == hex_of(builtin.colour("primary"))
    assert [(s.name, s.origin) for s in style_files(styles) if s.name == "wimun"] == [
        ("wimun", "project, overrides built-in")]


def test_project_styles_extend_each_other_and_loops_are_still_caught(tmp_path):
    styles = tmp_path / "styles"
    write(styles / "base.yaml", "extends: pocket\nwatermark: SAMPLE\n")
    write(styles / "child.yaml", "extends: base\npaper: Letter\n")
    child = load_theme("child", styles)
    assert child.extends == ["base", "pocket", "wimun"] and child.watermark == "SAMPLE"
    write(styles / "loop-a.yaml", "extends: loop-b\n")
    write(styles / "loop-b.yaml", "extends: loop-a\n")
    with pytest.raises(HandbookError, match="style extends itself: loop-a -> loop-b -> loop-a"):
        load_theme("loop-a", styles)


def test_an_unknown_style_names_the_built_ins(tmp_path):
    with pytest.raises(HandbookError, match=r"unknown style 'wimum' \(did you mean 'wimun'\?\)"):
        find_style("wimum", tmp_path / "styles")
    write(tmp_path / "styles" / "child.yaml", "extends: nowhere\n")
    with pytest.raises(HandbookError, match=r"child\.yaml:1:10: error: extends unknown style 'nowhere'"):
        load_theme("child", tmp_path / "styles")


def test_styles_lists_built_ins_and_project_styles_saying_where_each_comes_from(tmp_path):
    empty = run(tmp_path, "styles")
    assert empty.exit_code == 0, empty.output
    names = {line.split()[0]: line for line in empty.output.splitlines() if line[:1].strip()}
    assert set(names) == set(SHIPPED) and all(line.endswith("built-in") for line in names.values())
    write(tmp_path / "styles" / "mine.yaml", "extends: print-bw\n")
    write(tmp_path / "styles" / "pocket.yaml", "extends: pocket\nwatermark: X\n")
    both = run(tmp_path, "styles")
    names = {line.split()[0]: line for line in both.output.splitlines() if line[:1].strip()}
    assert re.search(r"Letter\s+grayscale\s+extends print-bw > wimun\s+project: styles/mine\.yaml$", names["mine"])
    assert names["pocket"].endswith("project, overrides built-in: styles/pocket.yaml")
    assert re.search(r"A5\s+colour\s+extends pocket \(built-in\) > wimun\s+project, overrides", names["pocket"])
    assert names["wimun"].endswith("built-in")
    write(tmp_path / "styles" / "wimun.yaml", "extends: wimun\n")
    write(tmp_path / "styles" / "ours.yaml", "extends: wimun\n")
    chained = run(tmp_path, "styles")
    names = {line.split()[0]: line for line in chained.output.splitlines() if line[:1].strip()}
    assert "extends wimun > wimun (built-in) " in names["ours"]  # the project's wimun, then the built-in
    assert "extends wimun (built-in) " in names["wimun"] and "extends print-bw > wimun (built-in) " in names["mine"]


# ---- 2. handbook new in an empty folder ----------------------------------------------------

def test_new_starts_a_whole_project_that_builds_at_once(started):
    edition = started / "sources" / "conf"
    assert sorted(p.name for p in edition.iterdir()) == ["cheatsheet.yaml", "handbook.yaml", "index.yaml",
                                                         "letter-notes.yaml", "letter.md", "notes.yaml", "report.yaml"]
    style = (started / "styles" / "conf.yaml").read_text(encoding="utf-8")
    assert re.search(r"^extends: wimun$", style, re.M)
    for key in ("# logo: ", "# colours:", '#   primary: "#1b4f8a"', "# paper: A4"):
        assert key in style, key  # the keys an organizer changes first, commented, with today's values
    assert "style: conf " in (edition / "handbook.yaml").read_text(encoding="utf-8")
    built = run(started, "build")
    assert built.exit_code == 0, built.output
    pdf = started / "dist" / "conf.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Early warning" in text and "Index" in text  # the index file's term is in the index
    assert run(started, "check").exit_code == 0


@pytest.mark.parametrize("style", SHIPPED)
def test_the_starter_cheat_sheet_starts_in_the_first_column(started, style):
    """Its one block sat in the right-hand column with the left one blank (a tie in the column split)."""
    import pdfplumber
    assert run(started, "cheatsheet", "-s", style).exit_code == 0
    with pdfplumber.open(started / "dist" / f"conf-{style}-cheatsheet.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
    title = next(w for w in words if w["text"] == "Key")
    glance = next(w for w in words if w["text"] == "glance")  # the sheet's title, from the left margin
    left = min(w["x0"] for w in words if abs(w["top"] - glance["top"]) < 2)
    assert title["x0"] < page.width / 2 and abs(title["x0"] - left) < 20, (title, left)


def test_uncommenting_the_starter_keys_gives_a_working_style(started):
    path = started / "styles" / "conf.yaml"
    text = path.read_text(encoding="utf-8")
    for key in ("colours:", "  primary:", "paper:"):
        text = text.replace(f"# {key.strip()}" if not key.startswith(" ") else f"#   {key.strip()}", key.rstrip(), 1)
    text = text.replace('primary: "#1b4f8a"', 'primary: "#0a5c36"').replace("paper: A4", "paper: Letter")
    path.write_text(text, encoding="utf-8")
    theme = load_theme("conf", started / "styles")
    assert hex_of(theme.colour("primary")) == "0a5c36" and round(theme.page_size[0]) == 612


def test_an_empty_style_that_new_accepts_builds(tmp_path):
    write(tmp_path / "styles" / "blank.yaml", "# nothing yet\n")
    assert run(tmp_path, "new", "conf", "--style", "blank").exit_code == 0
    (tmp_path / "styles" / "conf.yaml").write_text("", encoding="utf-8")  # an organizer empties it too
    assert run(tmp_path, "check").exit_code == 0
    result = run(tmp_path, "build")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "conf.pdf").is_file()


@pytest.mark.parametrize("empty", ["", "   \n\t\n", "\ufeff", "---\n", "---\n...\n", "~\n", "null\n", "{}\n",
                                   "# only a comment\n---\n"])
def test_a_style_with_nothing_in_it_is_the_defaults_for_new_check_and_build(tmp_path, empty):
    write(tmp_path / "styles" / "blank.yaml", empty)
    made = run(tmp_path, "new", "conf", "--style", "blank")
    assert made.exit_code == 0, made.output
    (tmp_path / "styles" / "conf.yaml").write_text(empty, encoding="utf-8")
    for command in ("check", "build"):
        result = CliRunner().invoke(cli, ["-C", str(tmp_path), command])
        assert result.exit_code == 0, (command, result.output)
    assert load_theme("conf", tmp_path / "styles").page_size == load_theme("blank", tmp_path / "styles").page_size


def test_new_writes_nothing_when_its_style_exists_or_its_base_is_broken(tmp_path):
    write(tmp_path / "styles" / "conf.yaml", "paper: A5\n")
    taken = CliRunner().invoke(cli, ["-C", str(tmp_path), "new", "conf"])
    assert taken.exit_code == 2 and "a style named 'conf' already exists" in taken.output
    write(tmp_path / "styles" / "bad.yaml", "colours: {primary: nope}\n")
    broken = CliRunner().invoke(cli, ["-C", str(tmp_path), "new", "other", "--style", "bad"])
    assert broken.exit_code == 2 and ONE_LINE.match(broken.output.splitlines()[0]), broken.output
    assert not (tmp_path / "sources").exists() and not (tmp_path / "styles" / "other.yaml").exists()
    assert (tmp_path / "styles" / "conf.yaml").read_text() == "paper: A5\n"


# ---- 3. check validates what build reads ---------------------------------------------------

def test_check_refuses_a_style_build_would_refuse(started):
    style = started / "styles" / "conf.yaml"
    style.write_text(style.read_text() + "logo: logos/missing.png\n", encoding="utf-8")
    for command in ("check", "build"):
        result = CliRunner().invoke(cli, ["-C", str(started), command])
        assert result.exit_code == 2, (command, result.output)
        assert re.search(r"conf\.yaml:\d+:\d+: error: logo: file 'logos/missing\.png' not found", result.output)


def test_check_refuses_a_broken_logo_and_a_broken_font(started):
    (started / "styles" / "logos").mkdir()
    (started / "styles" / "logos" / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (started / "styles" / "bad.ttf").write_bytes(b"not a font at all")
    style = started / "styles" / "conf.yaml"
    style.write_text(style.read_text() + "logo: logos/bad.png\nfonts:\n  body: {regular: bad.ttf}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(started), "check"])
    assert result.exit_code == 2 and "ok" not in result.output.split()
    assert re.search(r"error: logo: 'logos/bad\.png' cannot be read as an image", result.output)
    assert re.search(r"error: fonts\.body\.regular: 'bad\.ttf' ", result.output)
    assert all(ONE_LINE.match(line) for line in result.output.splitlines()), result.output


def test_check_reports_logo_warnings_and_counts_them_under_strict(started):
    from PIL import Image
    (started / "styles" / "logos").mkdir()
    Image.new("RGB", (40, 40), (20, 60, 120)).save(started / "styles" / "logos" / "tiny.png")
    style = started / "styles" / "conf.yaml"
    style.write_text(style.read_text() + 'logo: logos/tiny.png\nlogo_on_band: ""\n', encoding="utf-8")
    plain = CliRunner().invoke(cli, ["-C", str(started), "check"])
    assert plain.exit_code == 0 and re.search(r"warning: .*dpi", plain.output), plain.output
    strict = CliRunner().invoke(cli, ["-C", str(started), "check", "--strict"])
    assert strict.exit_code == 1 and re.search(r"error: .*dpi", strict.output), strict.output


def test_check_checks_every_style_the_edition_lists(started):
    edition = started / "sources" / "conf" / "handbook.yaml"
    edition.write_text(edition.read_text().replace("style: conf ", "styles: [conf, pocket, broken] "))
    write(started / "styles" / "broken.yaml", "extends: wimun\nmargins: {outer: 200mm}\n")
    result = CliRunner().invoke(cli, ["-C", str(started), "check"])
    # a 200 mm margin is out of its range (1-100 mm), which is said at the key before the column is measured
    assert result.exit_code == 2 and re.search(r"broken\.yaml:2:18: error: margins\.outer must be between 1 mm and "
                                               r"100 mm, not 200mm", result.output)
    assert run(started, "check", "--style", "pocket").output.rstrip().endswith("ok")


def test_check_warns_of_characters_the_style_fonts_cannot_draw_as_build_does(started):
    notes = started / "sources" / "conf" / "notes.yaml"
    notes.write_text(notes.read_text().replace("means noticing", "means ✓ noticing"), encoding="utf-8")
    checked = CliRunner().invoke(cli, ["-C", str(started), "check"])
    built = CliRunner().invoke(cli, ["-C", str(started), "build"])
    warning = re.compile(r"notes\.yaml:\d+:\d+: warning: the callouts font \S+ has no glyph for '✓'")
    assert checked.exit_code == 0 and warning.search(checked.stderr), checked.output
    assert built.exit_code == 0 and warning.search(built.stderr), built.output
    assert CliRunner().invoke(cli, ["-C", str(started), "check", "--strict"]).exit_code == 1


# ---- 4. no silent overwrites ---------------------------------------------------------------

def test_each_variant_gets_its_own_file(started):
    dist = started / "dist"
    assert run(started, "build").exit_code == 0
    colour = (dist / "conf.pdf").read_bytes()
    assert run(started, "build", "--grayscale", "--duplex").exit_code == 0
    assert run(started, "build", "--grayscale").exit_code == 0
    assert run(started, "build", "-s", "print-bw", "--grayscale", "--booklet").exit_code == 0
    assert run(started, "build", "--bleed", "3mm", "--crop-marks").exit_code == 0
    assert run(started, "cheatsheet").exit_code == 0
    assert run(started, "cheatsheet", "-s", "pocket").exit_code == 0
    assert sorted(p.name for p in dist.glob("*.pdf")) == [
        "conf-bleed-cropmarks.pdf", "conf-cheatsheet.pdf", "conf-gray-duplex.pdf", "conf-gray.pdf",
        "conf-pocket-cheatsheet.pdf", "conf-print-bw-gray-booklet.pdf", "conf-print-bw-gray.pdf", "conf.pdf"]
    assert (dist / "conf.pdf").read_bytes() == colour  # the colour edition was never replaced
    sizes = {p.name: round(float(PdfReader(str(p)).pages[0].mediabox[2])) for p in dist.glob("*cheatsheet.pdf")}
    assert sizes == {"conf-cheatsheet.pdf": 595, "conf-pocket-cheatsheet.pdf": 420}


def test_cheatsheet_writes_one_file_for_each_style_given(started):
    dist = started / "dist"
    result = CliRunner().invoke(cli, ["-C", str(started), "-v", "cheatsheet", "-s", "print-bw", "-s", "pocket",
                                      "-s", "print-bw"])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]  # in the order given
    assert "conf-print-bw-cheatsheet.pdf  1 page" in first and "conf-pocket-cheatsheet.pdf  " in second
    assert len(result.stdout.splitlines()) == 2  # a style given twice is written once
    assert "style pocket: built-in" in result.stderr and "style print-bw: built-in" in result.stderr
    sizes = {p.name: round(float(PdfReader(str(p)).pages[0].mediabox[2])) for p in dist.glob("*.pdf")}
    assert sizes == {"conf-print-bw-cheatsheet.pdf": 612, "conf-pocket-cheatsheet.pdf": 420}  # Letter, A5
    both = CliRunner().invoke(cli, ["-C", str(started), "cheatsheet", "-s", "wimun", "-s", "pocket",
                                    "-o", str(started / "one.pdf")], prog_name="handbook")
    assert both.exit_code == 2 and not (started / "one.pdf").exists()
    assert both.output.strip().splitlines() == [
        "handbook cheatsheet: error: -o/--output names one file: give one --style with it "
        "(see 'handbook cheatsheet -h')"]


def test_build_all_with_print_options_keeps_the_colour_editions(started):
    assert run(started, "new", "second").exit_code == 0
    assert run(started, "build", "--all", "-j", "1").exit_code == 0
    before = {p.name: p.read_bytes() for p in (started / "dist").glob("*.pdf")}
    assert sorted(before) == ["conf.pdf", "second.pdf"]
    result = run(started, "build", "--all", "-j", "1", "--grayscale", "--duplex", "--booklet")
    assert result.exit_code == 0, result.output
    after = {p.name: p.read_bytes() for p in (started / "dist").glob("*.pdf")}
    assert sorted(after) == ["conf-gray-duplex-booklet.pdf", "conf-gray-duplex.pdf", "conf.pdf",
                             "second-gray-duplex-booklet.pdf", "second-gray-duplex.pdf", "second.pdf"]
    assert all(after[name] == data for name, data in before.items())


# ---- 5. command-line conventions -----------------------------------------------------------

def test_version_quiet_and_verbose(started):
    from handbook import __version__
    assert run(started, "--version").output.strip() == f"handbook {__version__}"
    quiet = run(started, "-q", "build")
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = CliRunner().invoke(cli, ["-C", str(started), "-v", "build"])
    assert verbose.exit_code == 0
    assert "style conf: project, " in verbose.stderr and "conf.pdf" in verbose.stdout
    builtin = CliRunner().invoke(cli, ["-C", str(started), "-v", "build", "-s", "pocket"])
    assert re.search(r"style pocket: built-in, \S+builtin[/\\]pocket\.yaml", builtin.stderr)
    quiet_preview = CliRunner().invoke(cli, ["-C", str(started), "-q", "preview", "--png", str(started / "p1.png")])
    assert quiet_preview.exit_code == 0 and quiet_preview.output == "" and (started / "p1.png").is_file()
    loud_preview = CliRunner().invoke(cli, ["-C", str(started), "-v", "preview", "-s", "pocket"])
    assert loud_preview.exit_code == 0 and "style pocket: built-in" in loud_preview.stderr
    assert "conf-pocket-p001.png" in loud_preview.stdout
    names = run(started, "-q", "styles")
    assert names.exit_code == 0 and names.output.splitlines() == sorted(["conf", *SHIPPED])
    both = CliRunner().invoke(cli, ["-C", str(started), "-q", "-v", "styles"])
    assert both.exit_code == 2 and "not both" in both.output


def test_quiet_leaves_only_errors_and_warnings_in_every_command(started):
    """-q: a command that succeeds prints nothing but what needs the user (an import's 'check' lines,
    on stderr); `styles` its names alone."""
    guide = REPO / "tests" / "data" / "climate-guide.txt"
    for args in (["check"], ["build"], ["cheatsheet", "-s", "pocket", "-s", "wimun"], ["preview", "-p", "1"],
                 ["new", "other"], ["build", "--all", "-j", "1"], ["import", str(guide)]):
        result = CliRunner().invoke(cli, ["-C", str(started), "-q", *args])
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout == "", (args, result.stdout)
        assert all(": check: " in line for line in result.stderr.splitlines()), (args, result.stderr)
    assert "climate-guide.txt:49: check: anchored to the bold phrase" in result.stderr  # the import's one
    assert (started / "sources" / "climate-guide" / "handbook.yaml").is_file()


def test_exit_status_one_for_a_failed_build_and_strict_warnings(started):
    from PIL import Image
    cheatsheet = started / "sources" / "conf" / "cheatsheet.yaml"
    original = cheatsheet.read_text(encoding="utf-8")
    long_item = "      - title: More\n        text: " + "A long sentence that fills the page. " * 60 + "\n"
    cheatsheet.write_text(original + long_item * 12, encoding="utf-8")
    over = CliRunner().invoke(cli, ["-C", str(started), "cheatsheet"])
    assert over.exit_code == 1 and "does not fit on one page" in over.output, over.output
    cheatsheet.write_text(original, encoding="utf-8")
    (started / "styles" / "logos").mkdir()
    Image.new("RGB", (40, 40), (20, 60, 120)).save(started / "styles" / "logos" / "tiny.png")
    style = started / "styles" / "conf.yaml"
    style.write_text(style.read_text() + 'logo: logos/tiny.png\nlogo_on_band: ""\n', encoding="utf-8")
    assert run(started, "build").exit_code == 0  # a warning only
    strict = CliRunner().invoke(cli, ["-C", str(started), "build", "--strict"])
    assert strict.exit_code == 1 and re.search(r"tiny\.png: error: .*dpi", strict.output), strict.output
    report = started / "sources" / "conf" / "report.yaml"
    report.write_text(report.read_text().replace("paragraph: 2", "paragraph: 1"), encoding="utf-8")
    source_error = CliRunner().invoke(cli, ["-C", str(started), "build", "--strict"])
    assert source_error.exit_code == 2 and ONE_LINE.match(source_error.output.splitlines()[0]), source_error.output


def test_an_internal_error_exits_three_and_asks_for_a_report(started, monkeypatch):
    import handbook
    monkeypatch.setattr(handbook, "build", lambda *a, **k: 1 / 0)
    result = CliRunner().invoke(cli, ["-C", str(started), "build"])
    assert result.exit_code == 3
    first, second = result.output.strip().splitlines()
    assert first.startswith("handbook: internal error: ZeroDivisionError: division by zero")
    assert "this is a bug in handbook" in second and "please report it" in second


def test_every_command_gives_one_line_errors(tmp_path):
    write(tmp_path / "styles" / "bad.yaml", "paper: B7\n")
    for args in (["styles"], ["cheatsheet"], ["new", "x", "--style", "nope"], ["check"], ["build"],
                 ["build", "--all"]):
        result = CliRunner().invoke(cli, ["-C", str(tmp_path), *args])
        assert result.exit_code == 2, (args, result.output)
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        assert errors and all(ONE_LINE.match(line) for line in errors), (args, result.output)
        assert "Traceback" not in result.output


def test_every_command_names_itself_or_the_file_in_its_one_line_error(started):
    """Unknown style, unknown edition, a bad name, bad YAML, a missing file: one line each, naming the file
    (path:line:col) or the command, exit status 2, from every command."""
    (started / "styles" / "broken.yaml").write_text("paper: [A4\n", encoding="utf-8")
    cases = [
        (["build", "-s", "nope"], "styles/: error: unknown style 'nope'"),
        (["cheatsheet", "-s", "nope"], "styles/: error: unknown style 'nope'"),
        (["check", "-s", "nope"], "styles/: error: unknown style 'nope'"),
        (["preview", "-s", "nope"], "styles/: error: unknown style 'nope'"),
        (["new", "x", "-s", "nope"], "styles/: error: unknown style 'nope'"),
        (["build", "nope"], "sources/: error: unknown edition 'nope'"),
        (["cheatsheet", "nope"], "sources/: error: unknown edition 'nope'"),
        (["preview", "nope"], "sources/: error: unknown edition 'nope'"),
        (["new", "Bad/Name"], "handbook new: error: 'Bad/Name' is not a usable edition name"),
        (["import", str(started / "missing.txt")], "missing.txt: error: no such file"),
        (["build", "-s", "broken"], "broken.yaml:2:1: error: YAML syntax error"),
        (["check", "-s", "broken"], "broken.yaml:2:1: error: YAML syntax error"),
        (["cheatsheet", "-s", "broken"], "broken.yaml:2:1: error: YAML syntax error"),
        (["styles"], "broken.yaml:2:1: error: YAML syntax error"),
        (["build", "--bleed", "x"], "handbook build: error: Invalid value for --bleed"),
        (["build", "--all", "-s", "nope"], "styles/: error: unknown style 'nope'"),
    ]
    for args, expected in cases:
        result = CliRunner().invoke(cli, ["-C", str(started), *args], prog_name="handbook")
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        assert result.exit_code == 2, (args, result.output)
        assert len(errors) == 1 and expected in errors[0] and ONE_LINE.match(errors[0]), (args, result.output)
    notes = started / "sources" / "conf" / "notes.yaml"
    notes.rename(notes.with_name("gone.yaml"))
    for command in ("build", "check", "cheatsheet", "preview"):
        result = run_quietly(started, command)
        assert result.exit_code == 2 and re.match(r"^\S*handbook\.yaml:\d+:\d+: error: notes file 'notes\.yaml' not "
                                                  r"found", result.output), (command, result.output)


def run_quietly(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), *args])


class _Outcome:
    def __init__(self, ok: bool, name: str):
        self.ok, self.name = ok, name

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}  1.0 s"


def test_build_all_progress_on_a_terminal_and_lines_elsewhere():
    from handbook.commands.progress import Progress
    screen = io.StringIO()
    progress = Progress(3, 2, tty=True, stream=screen)
    for outcome in (_Outcome(True, "a"), _Outcome(False, "b"), _Outcome(True, "c")):
        progress.finished(outcome)
    progress.close()
    shown = screen.getvalue()
    assert "0/3 built, 2 running" in shown and "2/3 built, 1 failed, 1 running" in shown
    assert re.search(r"\r +\r$", shown) and shown.count("\n") == 3  # the status line is blanked at the end
    assert re.search(r"\r +\rFAIL  b  1\.0 s\n", shown)  # each finished line replaces the status line
    log = io.StringIO()
    progress = Progress(2, 2, tty=False, stream=log)
    progress.finished(_Outcome(True, "a"))
    progress.finished(_Outcome(False, "b"))
    progress.close()
    assert log.getvalue() == "ok    a  1.0 s\nFAIL  b  1.0 s\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal from the pty module")
def test_build_all_shows_progress_when_its_output_is_a_terminal(started):
    import pty
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "handbook", "-C", str(started), "build", "--all", "-j", "1"],
                          stdout=follower, stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode("utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "0/1 built, 1 running" in text and "1/1 built, 0 running" in text
    assert re.search(r"\r +\rok    conf \[conf\]  \d+ pages", text) and "built 1 of 1 PDF in" in text
    piped = subprocess.run([sys.executable, "-m", "handbook", "-C", str(started), "build", "--all", "-j", "1"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert "running" not in piped.stdout and "\r" not in piped.stdout
    assert re.match(r"ok    conf \[conf\]  \d+ pages  \d+\.\d s  \S+conf\.pdf\n", piped.stdout), piped.stdout


def test_shell_completion_offers_editions_and_styles(started):
    write(started / "styles" / "extra.yaml", "extends: wimun\n")

    def complete(words: str) -> list[str]:
        env = {"_HANDBOOK_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        result = CliRunner().invoke(cli, [], env=env, prog_name="handbook")
        return [line.split(",", 1)[1] for line in result.output.splitlines()]

    assert complete(f"handbook -C {started} build ") == ["conf"]
    assert complete(f"handbook -C {started} build -s p") == ["pocket", "print-bw"]
    assert set(complete(f"handbook -C {started} check --style ")) == {"conf", "extra", *SHIPPED}
    for command in ("watch", "preview", "cheatsheet", "check"):
        assert complete(f"handbook -C {started} {command} ") == ["conf"], command
        assert complete(f"handbook -C {started} {command} -s po") == ["pocket"], command


def test_every_edition_argument_and_style_option_completes_names():
    from handbook.commands.completion import complete_edition, complete_style
    seen = set()
    for name, command in cli.commands.items():
        for param in command.params:
            if param.name == "edition" and isinstance(param, click.Argument):  # import -e names a new one
                assert param._custom_shell_complete is complete_edition, name
                seen.add((name, "edition"))
            if "--style" in getattr(param, "opts", []):
                assert param._custom_shell_complete is complete_style, name
                seen.add((name, "style"))
    assert {c for c, _ in seen} >= {"build", "check", "cheatsheet", "watch", "preview", "new", "import"}


# ---- 6. portable ---------------------------------------------------------------------------

def test_the_cache_lives_in_the_platform_cache_folder(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir
    from handbook import diskcache
    monkeypatch.delenv("HANDBOOK_CACHE_DIR", raising=False)
    assert diskcache.cache_dir() == Path(user_cache_dir("handbook", appauthor=False))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert diskcache.cache_dir() == tmp_path / "handbook"
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "mine"))
    assert diskcache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", "")
    assert diskcache.cache_dir() is None


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_the_cheat_sheet_helper_does_not_fork_on_macos_or_windows(monkeypatch, platform):
    from handbook.layout import background
    monkeypatch.delenv(background.ENV, raising=False)
    monkeypatch.setattr(background.sys, "platform", platform)
    monkeypatch.setattr(background.os, "fork", lambda: pytest.fail("forked"), raising=False)
    helper = background.Background(lambda: 42)
    assert helper.pid is None and helper.result() == 42  # computed here, in one process


@pytest.mark.parametrize("platform, method", [("linux", "fork"), ("darwin", "spawn"), ("win32", "spawn")])
def test_build_all_names_how_its_workers_start(monkeypatch, platform, method):
    from handbook.commands import batch
    monkeypatch.setattr(batch.sys, "platform", platform)
    assert batch.pool_context().get_start_method() == method


def test_build_all_builds_in_spawned_workers_as_on_macos(started, monkeypatch):
    """Spawned workers start from nothing (no inherited modules or state): the jobs must carry all they need."""
    from handbook.commands import batch
    from handbook.layout import background
    assert run(started, "new", "second").exit_code == 0
    monkeypatch.setattr(batch.sys, "platform", "darwin")
    monkeypatch.setattr(background, "idle_now", lambda seconds=0.1: 2.0)  # two workers, even on a busy machine
    contexts = []
    real = batch.pool_context
    monkeypatch.setattr(batch, "pool_context", lambda: contexts.append(real()) or contexts[-1])
    result = batch.build_all(started, jobs=2, grayscale=True)
    assert [c.get_start_method() for c in contexts] == ["spawn"] and result.workers == 2
    assert all(o.ok for o in result.outcomes), [o.message for o in result.outcomes]
    assert sorted(p.name for p in (started / "dist").glob("*.pdf")) == ["conf-gray.pdf", "second-gray.pdf"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is for Linux only")
def test_the_cheat_sheet_helper_forks_on_linux(monkeypatch):
    import threading
    from handbook.layout import background
    monkeypatch.delenv(background.ENV, raising=False)
    monkeypatch.setattr(background, "idle_cores", lambda: 2.0)  # a core to spare (busy cores: test_fast_paths)
    helper = background.Background(lambda: 6 * 7)
    forked = helper.pid is not None
    assert helper.result() == 42
    assert forked == (threading.active_count() == 1)  # forks unless other threads run (their locks)


def test_a_project_in_a_folder_with_spaces_and_accents(tmp_path):
    from PIL import Image
    root = tmp_path / "Genève MUN 2026"
    root.mkdir()
    assert run(root, "new", "hrc").exit_code == 0
    logos = root / "styles" / "logos à jour"
    logos.mkdir()
    Image.new("RGB", (900, 900), (10, 90, 50)).save(logos / "émblème genève.png")
    style = root / "styles" / "hrc.yaml"
    style.write_text(style.read_text() + 'logo: "logos à jour/émblème genève.png"\nlogo_on_band: ""\n',
                     encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for args in (["check"], ["build"], ["cheatsheet"], ["styles"]):
        proc = subprocess.run([sys.executable, "-m", "handbook", *args], cwd=root, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    assert (root / "dist" / "hrc.pdf").is_file() and (root / "dist" / "hrc-cheatsheet.pdf").is_file()
    reader = PdfReader(str(root / "dist" / "hrc.pdf"))
    assert any("/Image" in str(x.get("/Subtype")) for x in reader.pages[0]["/Resources"]["/XObject"].values())


def test_the_metadata_and_the_report_line_name_no_address_that_does_not_exist():
    """The project has no public home: no made-up URL or e-mail in the metadata, and the line after an
    internal error points at the README section that says how to report, which exists."""
    import tomllib
    from handbook.commands.cli import REPORTING, report_line
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    meta = tomllib.loads(text)["project"]
    assert "urls" not in meta and all(set(author) == {"name"} for author in meta["authors"])
    assert "version" not in meta and meta["dynamic"] == ["version"]  # one version: handbook.__version__
    assert tomllib.loads(text)["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "handbook.__version__"}
    assert not re.search(r"[\w.-]+\.(example|invalid|test)\b", text), "a placeholder address in pyproject.toml"
    assert report_line().endswith(f"(how: '{REPORTING}' in {REPO / 'README.md'})")  # this checkout's README
    section = re.search(rf"^## {REPORTING}\n(.+?)(?=^## |\Z)", (REPO / "README.md").read_text(encoding="utf-8"),
                        re.M | re.S)
    assert section, f"README.md has no '{REPORTING}'"
    assert "--debug" in section.group(1) and "handbook --version" in section.group(1)


def test_the_licences_cover_the_code_and_every_bundled_font():
    import tomllib
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT AND OFL-1.1" and "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    fonts = REPO / "handbook" / "style" / "fonts"
    licences = sorted(p.relative_to(REPO).as_posix() for p in fonts.glob("LICENSE-*.txt"))
    assert sorted(meta["license-files"]) == sorted(["LICENSE", *licences])
    for font in fonts.glob("*.ttf"):  # each bundled family has its licence beside it, under the OFL
        family = font.stem.split("-")[0].replace("Serif", "").replace("Sans", "")
        licence = fonts / f"LICENSE-{family}.txt"
        assert licence.is_file(), font.name
        assert "SIL OPEN FONT LICENSE" in licence.read_text(encoding="utf-8").upper(), licence.name


def test_an_internal_error_in_build_all_exits_three_after_the_others_finish(started, monkeypatch):
    import handbook
    real = handbook.build

    def build(edition=None, **kwargs):
        if edition == "conf":
            raise KeyError("a bug")
        return real(edition, **kwargs)

    assert run(started, "new", "second").exit_code == 0
    monkeypatch.setattr(handbook, "build", build)
    result = CliRunner().invoke(cli, ["-C", str(started), "build", "--all", "-j", "1"])
    assert result.exit_code == 3, result.output
    assert "FAIL  conf [conf]: internal error: KeyError" in result.output and "ok    second" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("handbook: this is a bug in handbook")
    assert (started / "dist" / "second.pdf").is_file()


def test_every_placement_number_has_a_range_that_check_and_build_enforce(started):
    write(started / "styles" / "conf.yaml", "extends: wimun\nplacement:\n  feather: -5pt\n  target_same_page: 140\n"
          "  target_within_one: -1\n")
    for command in ("check", "build"):
        result = CliRunner().invoke(cli, ["-C", str(started), command])
        assert result.exit_code == 2, result.output
        for key, shown in (("feather", r"0 pt and 36 pt, not -5pt"), ("target_same_page", "0 and 100, not 140"),
                           ("target_within_one", "0 and 100, not -1")):
            assert re.search(rf"conf\.yaml:\d+:\d+: error: placement\.{key} must be between {shown}", result.output), \
                result.output
