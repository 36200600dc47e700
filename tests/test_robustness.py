"""Robustness: one-line errors (tracebacks only with --debug), safe loading, atomic output,
reproducible bytes, literal <, > and &, and structurally valid PDFs."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import handbook.output.pdf
from handbook import build
from handbook.commands.cli import REPORTING, cli
from handbook.errors import HandbookError, Report
from handbook.sources.inline import InlineError, parse_inline
from handbook.model import Emphasis, FootnoteRef, Strong, Text
from handbook.sources.yamlfile import MAX_SOURCE_BYTES, Source

from conftest import REPO
from pdftext import normalise, page_texts

BASE = Path(__file__).parent / "corpus" / "_base"
DIAGNOSTIC = re.compile(r"^\S+(:\d+:\d+)?: (error|warning): \S")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A fresh copy of the corpus's small valid project, with the working directory inside it."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(*args: str, **kwargs):
    return CliRunner().invoke(cli, ["-C", ".", *args], **kwargs)


def handbook_process(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "handbook", "-C", ".", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=120)


# ---- one-line errors, exit status 2, tracebacks only with --debug -----------------------------

def test_user_error_is_one_line_without_traceback_and_debug_adds_one(project):
    edit(project / "sources/test/report.yaml", "paragraph: 3", "paragraph: 2")
    plain = handbook_process("check", cwd=project)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr + plain.stdout
    assert plain.stderr.strip().splitlines() == [
        "sources/test/report.yaml:25:9: error: duplicate paragraph number 2 "
        "(first used at sources/test/report.yaml:15:9)"]

    debug = handbook_process("--debug", "check", cwd=project)
    assert debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert "handbook/sources/" in debug.stderr  # the traceback shows where the error was raised
    assert debug.stderr.rstrip().endswith(plain.stderr.strip())  # and still ends with the message


def test_internal_error_is_one_line_exit_3_and_debug_shows_traceback(project, monkeypatch):
    def broken(self):
        raise ZeroDivisionError("a bug, not the user's fault")
    monkeypatch.setattr("handbook.sources.reader._EditionReader.read", broken)
    result = run("check")
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "handbook: internal error: ZeroDivisionError: a bug, not the user's fault (run with --debug for details)",
        f"handbook: this is a bug in handbook {handbook.__version__}, not in your sources: please report it with "
        f"the command you ran and the output of --debug (how: '{REPORTING}' in {REPO / 'README.md'})"]
    debug = CliRunner().invoke(cli, ["-C", ".", "--debug", "check"])
    assert isinstance(debug.exception, ZeroDivisionError)  # --debug lets the traceback through


def test_all_errors_of_a_run_are_reported_together_with_warnings(project):
    edit(project / "sources/test/handbook.yaml", "committee:", "comittee:")
    edit(project / "sources/test/report.yaml", "  - number: 1\n    text: Resolution 60/1.\n",
         "  - number: 1\n    text: Resolution 60/1.\n  - number: 2\n    text: Unused.\n")
    edit(project / "sources/test/notes.yaml", "phrase: early warning", "phrase: late warning")
    edit(project / "sources/test/notes.yaml", "kind: think-about", "kind: think-abuot")
    result = run("check")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert all(DIAGNOSTIC.match(line) for line in lines), lines
    assert [line.split(": ", 2)[1] for line in lines].count("error") == 3
    assert any("warning: footnote 2 is defined but never referenced" in line for line in lines)
    assert any("did you mean 'committee'?" in line for line in lines)
    assert any("did you mean 'think-about'?" in line for line in lines)
    assert any("phrase 'late warning'" in line for line in lines)


def test_warnings_print_in_the_same_format_and_strict_makes_them_errors(project):
    edit(project / "sources/test/report.yaml", "  - number: 1\n    text: Resolution 60/1.\n",
         "  - number: 1\n    text: Resolution 60/1.\n  - number: 2\n    text: Unused.\n")
    expected = "sources/test/report.yaml:30:5: {}: footnote 2 is defined but never referenced"
    for command in ("check", "build"):
        result = run(command)
        assert result.exit_code == 0, result.output
        assert expected.format("warning") in result.stderr.splitlines()
        strict = run(command, "--strict")
        assert strict.exit_code == 1  # warnings under --strict
        assert strict.stderr.strip().splitlines() == [expected.format("error")]


def test_messages_already_formatted_elsewhere_are_not_wrapped_twice():
    error = HandbookError("styles/: error: unknown style 'x' (did you mean 'wimun'?)")
    assert str(error) == "styles/: error: unknown style 'x' (did you mean 'wimun'?)"
    assert error.diagnostics[0].hint == "did you mean 'wimun'?"
    assert str(HandbookError("something broke")) == "handbook: error: something broke"


# ---- inline markup: what a writer types either works or is one precise error ---------------------

@pytest.mark.parametrize("text, expected", [
    ("5 * 3 = 15 and a * b[^1]", [Text("5 * 3 = 15 and a * b"), FootnoteRef(1)]),
    ("x ** y", [Text("x ** y")]),
    ("***both***", [Strong([Emphasis([Text("both")])])]),
    ("**bold *and italic***", [Strong([Text("bold "), Emphasis([Text("and italic")])])]),
    ("a *b **c** d* e", [Text("a "), Emphasis([Text("b "), Strong([Text("c")]), Text(" d")]), Text(" e")]),
    ("<b>R&D</b> &amp; x", [Text("<b>R&D</b> &amp; x")]),
    ("fill in ____ here, snake_case", [Text("fill in ____ here, snake_case")]),
])
def test_inline_text_that_is_fine(text, expected):
    nodes = parse_inline(text).nodes
    for node in nodes:
        if isinstance(node, FootnoteRef):
            node.position = FootnoteRef(0).position
    assert nodes == expected


@pytest.mark.parametrize("text, message, offset", [
    ("an *unclosed italic", "unclosed italic '*'", 3),
    ("**never closed", "unclosed bold '**'", 0),
    ("see [the report] here", "'[' starts a link, but no (url) follows the closing ']'", 4),
    ("a __bold__ word", "unknown markup '__'", 2),
    ("note[^x]", "a footnote reference must look like [^3]", 4),
    ("an [[index mark", "unclosed index mark '[['", 3),
    ("a [link](no url)", "bad link target 'no url'", 8),
    ("stray ] bracket", "unmatched ']'", 6),
])
def test_inline_markup_errors_point_at_the_markup(text, message, offset):
    with pytest.raises(InlineError) as info:
        parse_inline(text)
    assert str(info.value) == message and info.value.offset == offset


# ---- safe loading ---------------------------------------------------------------------------------

def load(path: Path) -> Report:
    report = Report()
    Source(path, report).load()
    return report


def test_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path):
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for prev, name in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")  # 9**25 lols if expanded
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    report = load(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(d) for d in report.errors] == [
        f"{path}:2:8: error: YAML aliases (*name) are not allowed in handbook sources (write the value out in full)"
    ] or report.errors[0].message.startswith("YAML aliases")
    assert seconds < 1.0
    assert peak < 5 * 1024 * 1024


def test_wide_alias_free_file_is_capped_by_node_count(tmp_path, monkeypatch):
    monkeypatch.setattr("handbook.sources.yamlfile.MAX_NODES", 5_000)
    path = tmp_path / "wide.yaml"
    path.write_text("\n".join(f"k{i}: [1, 2, 3, 4, 5, 6, 7, 8, 9]" for i in range(600)) + "\n", encoding="utf-8")
    assert path.stat().st_size < MAX_SOURCE_BYTES
    report = load(path)
    assert [d.message for d in report.errors] == ["too many values (more than 5,000)"]
    assert report.errors[0].position.line == 455  # refused where the count ran out, not at the end


def test_the_largest_real_source_is_far_below_the_limits():
    for path in (REPO / "sources").glob("*/*.yaml"):
        assert path.stat().st_size * 5 < MAX_SOURCE_BYTES, path


def test_no_unsafe_yaml_loading_anywhere_in_the_package():
    for path in (REPO / "handbook").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"yaml\.(load|unsafe_load|full_load|load_all)\(", text), path
        assert "yaml.Loader" not in text and "FullLoader" not in text and "UnsafeLoader" not in text, path


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                                 "!custom value", "!!binary aGVsbG8=", "!!set {a, b}"])
def test_object_constructing_and_unknown_tags_are_refused(tmp_path, tag):
    path = tmp_path / "tagged.yaml"
    path.write_text(f"title: {tag}\n", encoding="utf-8")
    report = load(path)
    assert len(report.errors) == 1
    assert "is not allowed" in report.errors[0].message
    assert str(report.errors[0].position).endswith(":1:8")


def test_a_folder_where_a_source_should_be(project):
    (project / "sources/test/notes.yaml").unlink()
    (project / "sources/test/notes.yaml").mkdir()
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("sources/test/handbook.yaml:14:12: error: notes file 'notes.yaml' "
                                     "is a folder, not a file")


# ---- <, > and & print literally ------------------------------------------------------------------

def test_angle_brackets_and_ampersands_print_literally(project):
    edit(project / "sources/test/handbook.yaml", "conference: Test MUN 2030", "conference: R&D <MUN> 2030")
    edit(project / "sources/test/report.yaml", "title: A test report", "title: Report on <R&D> &amp; more")
    edit(project / "sources/test/report.yaml", "speaks of early", "speaks of <b>bold?</b> & x > y < z &lt; early")
    edit(project / "sources/test/report.yaml", "text: Resolution 60/1.", "text: Resolution <60/1> & A&B.")
    edit(project / "sources/test/report.yaml", "text: Appoint a focal point.", "text: Appoint a <focal> & point.")
    edit(project / "sources/test/notes.yaml", "A note about", "A note <about> &nbsp; & about")
    result = run("build")
    assert result.exit_code == 0, result.output
    text = normalise("\n".join(page_texts(project / "dist/test.pdf")))
    for expected in ("R&D <MUN> 2030", "Report on <R&D> &amp; more", "speaks of <b>bold?</b> & x > y < z &lt; early",
                     "Resolution <60/1> & A&B.", "Appoint a <focal> & point.", "A note <about> &nbsp; & about"):
        assert expected in text, expected


def test_angle_brackets_print_literally_on_the_contents_page(project):
    edit(project / "sources/test/report.yaml", "title: Introduction", "title: Intro <b>R&D</b> & more")
    result = run("build")
    assert result.exit_code == 0, result.output
    contents = normalise(page_texts(project / "dist/test.pdf")[1])
    assert "I. Intro <b>R&D</b> & more" in contents


# ---- atomic output -------------------------------------------------------------------------------

def good_build(project: Path) -> tuple[Path, bytes, float]:
    result = run("build")
    assert result.exit_code == 0, result.output
    pdf = project / "dist/test.pdf"
    os.utime(pdf, (1_000_000_000, 1_000_000_000))
    return pdf, pdf.read_bytes(), pdf.stat().st_mtime


def assert_untouched(pdf: Path, data: bytes, mtime: float) -> None:
    assert pdf.read_bytes() == data
    assert pdf.stat().st_mtime == mtime
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name], "a temporary file was left behind"


def test_a_source_error_leaves_the_previous_pdf_untouched(project):
    pdf, data, mtime = good_build(project)
    edit(project / "sources/test/report.yaml", "paragraph: 3", "paragraph: 2")
    assert run("build").exit_code == 2
    assert_untouched(pdf, data, mtime)


def test_a_failure_midway_through_writing_leaves_the_previous_pdf_untouched(project, monkeypatch):
    pdf, data, mtime = good_build(project)
    real_render = handbook.output.pdf.render
    targets = []

    def render_then_fail(edition, theme, target, **kwargs):
        targets.append(Path(target))
        real_render(edition, theme, target, **kwargs)  # a complete file is written to the temporary path ...
        with open(target, "ab") as handle:
            handle.write(b"half a page")
        raise MemoryError("out of memory on page 400")  # ... and then the build dies

    monkeypatch.setattr(handbook.output.pdf, "render", render_then_fail)
    result = run("build")
    assert result.exit_code == 3 and "MemoryError" in result.stderr
    assert_untouched(pdf, data, mtime)
    # the work went to a temporary file in the same folder (so the final rename is atomic), never to the PDF
    (target,) = targets
    assert target.parent == pdf.parent and target != pdf and not target.exists()


def test_an_interrupt_leaves_the_previous_pdf_untouched(project, monkeypatch):
    pdf, data, mtime = good_build(project)

    def interrupted(edition, theme, target, **kwargs):
        Path(target).write_bytes(b"%PDF-1.4 partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(handbook.output.pdf, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(root=project)
    assert_untouched(pdf, data, mtime)


def test_strict_layout_warnings_leave_the_previous_pdf_untouched(project, monkeypatch):
    pdf, data, mtime = good_build(project)
    real_render = handbook.output.pdf.render

    def render_with_warning(*args, **kwargs):
        result = real_render(*args, **kwargs)
        result.warnings.append("sources/test/notes.yaml:2:5: warning: note 1 starts 2 pages after its anchor")
        return result

    monkeypatch.setattr(handbook.output.pdf, "render", render_with_warning)
    result = run("build", "--strict")
    assert result.exit_code == 1  # a build stopped by a warning under --strict
    assert result.stderr.strip() == "sources/test/notes.yaml:2:5: error: note 1 starts 2 pages after its anchor"
    assert_untouched(pdf, data, mtime)
    assert run("build").exit_code == 0  # without --strict the warning does not stop the build
    assert pdf.read_bytes() == data


def test_the_new_pdf_replaces_the_old_one_with_ordinary_permissions(project):
    pdf, data, mtime = good_build(project)
    edit(project / "sources/test/report.yaml", "about prevention", "about early prevention")
    old_umask = os.umask(0o022)
    try:
        assert run("build").exit_code == 0
    finally:
        os.umask(old_umask)
    assert pdf.read_bytes() != data and pdf.stat().st_mtime != mtime
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o644  # not mkstemp's private 0600
    assert [p.name for p in pdf.parent.iterdir()] == ["test.pdf"]


@pytest.mark.parametrize("args,wrong", [
    (["build", "--bleed", "-3mm"], "Invalid value for --bleed"),
    (["build", "--no-such-option"], "No such option '--no-such-option'"),
    (["preview", "--dpi", "0"], "Invalid value for '--dpi'"),
    (["bild"], "No such command 'bild'"),
    (["build", "--all", "-o", "x.pdf"], "--all builds every edition"),
])
def test_a_usage_error_is_one_line_naming_the_command_and_its_help(project, args, wrong):
    result = CliRunner().invoke(cli, ["-C", ".", *args], prog_name="handbook")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and wrong in lines[0], result.stderr  # click's own form takes four lines
    assert re.fullmatch(r"handbook( \w+)?: error: .+ \(see 'handbook( \w+)? -h'\)", lines[0]), lines[0]


def test_output_paths_that_cannot_be_written_are_user_errors(project):
    (project / "dist").mkdir()
    (project / "dist" / "folder.pdf").mkdir()
    result = run("build", "-o", "dist/folder.pdf")  # one line of ours, not click's three-line usage error
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == "dist/folder.pdf: error: output path is a folder (give a file name ending in .pdf)\n"
    with pytest.raises(HandbookError, match=r"^dist/folder\.pdf: error: output path is a folder"):
        build(root=project, output=Path("dist/folder.pdf"))
    (project / "blocker").write_text("a file, not a folder")
    result = run("build", "-o", "blocker/out.pdf")
    assert result.exit_code == 2
    assert result.stderr.startswith("blocker/out.pdf: error: cannot write the PDF")


# ---- reproducible builds -------------------------------------------------------------------------

def info(pdf: Path) -> dict:
    return dict(PdfReader(str(pdf)).metadata)


def test_two_builds_are_byte_identical(project, tmp_path):
    first = build(root=project, output=tmp_path / "one.pdf")
    time.sleep(1.1)  # a clock-dependent date would now differ
    second = build(root=project, output=tmp_path / "elsewhere" / "two.pdf")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert info(first.path)["/CreationDate"] == info(first.path)["/ModDate"] == "D:20300115000000+00'00'"


def test_builds_in_separate_processes_are_byte_identical(project, tmp_path):
    """A fresh interpreter with another hash seed (set and dict order) still writes the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.pdf"
        done = handbook_process("build", "-o", str(out), cwd=project, env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_source_date_epoch_overrides_the_edition_date_and_is_restored(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    one = build(root=project, output=tmp_path / "a.pdf")
    two = build(root=project, output=tmp_path / "b.pdf")
    assert one.path.read_bytes() == two.path.read_bytes()
    assert info(one.path)["/CreationDate"] == "D:20231114221320+00'00'"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")  # set but empty is unset: the edition's date applies
    four = build(root=project, output=tmp_path / "d.pdf")
    assert info(four.path)["/CreationDate"] == "D:20300115000000+00'00'"
    assert os.environ["SOURCE_DATE_EPOCH"] == ""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    edit(project / "sources/test/handbook.yaml", "date: 2030-01-15\n", "")  # no date: ReportLab's invariant date
    three = build(root=project, output=tmp_path / "c.pdf")
    assert info(three.path)["/CreationDate"] == "D:20000101000000+00'00'"
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_the_default_edition_is_reproducible(default_pdf, tmp_path):
    again = build("wimun-ny-2025-ga-plenary-2", output=tmp_path / "again.pdf", root=REPO)
    assert again.path.read_bytes() == default_pdf.read_bytes()


# ---- a structurally valid PDF --------------------------------------------------------------------

def assert_valid_pdf(path: Path) -> None:
    with pikepdf.open(path) as pdf:
        checker = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert checker() == [], f"{path} has structural problems"
        assert len(pdf.pages) > 0
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors found" in done.stdout


def test_the_default_edition_is_a_structurally_valid_pdf(default_pdf):
    assert_valid_pdf(default_pdf)


def test_a_small_edition_is_a_structurally_valid_pdf(project):
    assert run("build").exit_code == 0
    assert_valid_pdf(project / "dist/test.pdf")


def test_a_link_target_keeps_its_parentheses():
    """Wikipedia's addresses hold pairs of parentheses: the ')' of "Darfur_(region)" once closed the link,
    which then pointed nowhere and printed the ')' in the text."""
    from handbook.model import Link, Text
    from handbook.sources.inline import parse_inline
    rich = parse_inline("see [Darfur](https://en.wikipedia.org/wiki/Darfur_(region)) (the region).")
    links = [node for node in rich.nodes if isinstance(node, Link)]
    assert [link.url for link in links] == ["https://en.wikipedia.org/wiki/Darfur_(region)"]
    assert rich.plain == "see Darfur (the region)."
    assert [n.text for n in rich.nodes if isinstance(n, Text)] == ["see ", " (the region)."]


def test_unprintable_text_in_a_cover_or_header_field_is_flagged_at_that_field(project):
    """Glyph and right-to-left warnings for the cover and header fields named the file's first line."""
    edition, report = project / "sources" / "test" / "handbook.yaml", project / "sources" / "test" / "report.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace(
        "committee: Test Committee", 'committee: "Test Committee \\U0001F600"'), encoding="utf-8")
    report.write_text(report.read_text(encoding="utf-8").replace(
        "subtitle: Report of the Secretary-General", 'subtitle: "Report \\u05D0\\u05D1"'), encoding="utf-8")
    result = run("check", "test")
    line_of = lambda path, key: next(i for i, text in enumerate(  # noqa: E731
        path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(key + ":"))
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert any(w.startswith(f"sources/test/handbook.yaml:{line_of(edition, 'committee')}:12: warning: ")
               and "U+1F600" in w for w in warnings), warnings
    assert any(w.startswith(f"sources/test/report.yaml:{line_of(report, 'subtitle')}:11: warning: right-to-left")
               for w in warnings), warnings
