"""Issue 21: `handbook watch` rebuilds in a warm process, byte-identical to a cold build; the last good PDF stays."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook import build
from handbook.layout import breakcache
from handbook.watch import Kept, WarmBuilder, source_filter

from conftest import BUILTIN, DEFAULT_EDITION, REPO

STYLES = ("wimun", "print-bw", "pocket", "draft")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's default edition and styles, free to edit."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "sources" / DEFAULT_EDITION, root / "sources" / DEFAULT_EDITION)
    shutil.copytree(REPO / "styles", root / "styles")
    shutil.copytree(BUILTIN, root / "styles", dirs_exist_ok=True)  # the built-in styles, as project styles to edit
    return root


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def report_file(root: Path) -> Path:
    return root / "sources" / DEFAULT_EDITION / "report.yaml"


def notes_file(root: Path) -> Path:
    return root / "sources" / DEFAULT_EDITION / "notes.yaml"


def cold(root: Path, out: Path, **options) -> bytes:
    build(DEFAULT_EDITION, root=root, output=out, **options)
    return out.read_bytes()


LONG_NOTE = """
  - kind: think-about
    attach: 10
    body: |
      Une note très longue, en français, pour remplir la marge : les États membres ont-ils les moyens
      d'agir tôt ? """ + "La prévention coûte moins cher que la réaction, et les délégués le savent bien. " * 12 + """

      - Quels mécanismes d'alerte précoce existent dans votre région ?
      - Qui finance la médiation, et avec quelles garanties d'impartialité ?
"""


@pytest.mark.parametrize("style", STYLES)
def test_warm_rebuilds_after_edits_match_a_cold_build(project, tmp_path, style):
    out = tmp_path / "warm.pdf"
    builder = WarmBuilder(project, DEFAULT_EDITION, style=style, output=out)
    assert builder.rebuild().ok
    # a paragraph that splits across pages in the default edition, and a crowded margin beside it
    edit(report_file(project), "In addition to written submissions",
         "In addition to many written submissions from Member States")
    notes = notes_file(project)
    notes.write_text(notes.read_text(encoding="utf-8").rstrip("\n") + "\n" + LONG_NOTE, encoding="utf-8")
    first = builder.rebuild([report_file(project), notes])
    assert first.ok, first.errors
    second = builder.rebuild([report_file(project)])  # nothing changed: everything comes from the warm state
    assert second.ok
    assert out.read_bytes() == cold(project, tmp_path / "cold.pdf", style=style)
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "many written submissions" in text and "Une note très longue" in text


def test_a_style_edit_rebuilds_the_same_as_a_cold_build(project, tmp_path):
    out = tmp_path / "warm.pdf"
    builder = WarmBuilder(project, DEFAULT_EDITION, output=out)
    assert builder.rebuild().ok
    # wider callouts and another colour: every paragraph in the margin breaks anew
    style = edit(project / "styles" / "wimun.yaml", "columns: {callout: 53mm, gutter: 5mm}",
                 "columns: {callout: 56mm, gutter: 5mm}")
    edit(style, 'primary: "#1b4f8a"', 'primary: "#7a1b8a"')
    changed = builder.rebuild([style])
    assert changed.ok
    assert out.read_bytes() == cold(project, tmp_path / "cold.pdf")


def test_warm_state_is_reused_and_only_the_edit_is_redone(project, tmp_path):
    builder = WarmBuilder(project, DEFAULT_EDITION, output=tmp_path / "warm.pdf")
    builder.rebuild()
    misses = builder.breaks.misses
    builder.rebuild()
    assert builder.breaks.misses == misses  # an unchanged edition parses no paragraph again
    assert builder.fitted.sizes and builder.logos and builder.composed  # sheet size, logos, YAML kept
    # a word for one of the same length: the paragraph keeps its lines, so no page break moves and no
    # page number changes elsewhere (an edit that reflows the pages redoes the index and "from p." lines)
    edit(report_file(project), "In addition to written submissions", "In addition to printed submissions")
    builder.rebuild([report_file(project)])
    assert 1 <= builder.breaks.misses - misses <= 3  # the edited paragraph (and its split rest)
    assert len(builder.composed) <= 8  # the report's old text was swept out: memory stays one edition's


def test_an_error_keeps_the_last_good_pdf_and_says_where(project, tmp_path):
    out = tmp_path / "warm.pdf"
    builder = WarmBuilder(project, DEFAULT_EDITION, output=out)
    assert builder.rebuild().ok
    good = out.read_bytes()
    edit(report_file(project), "      - paragraph: 10\n", "      - paragraph: 10\n        bogus: [\n")
    broken = builder.rebuild([report_file(project)])
    assert not broken.ok and broken.line().endswith("error: 1 error; the last good PDF is kept")
    assert broken.errors[0].startswith("sources/") or ":" in broken.errors[0]
    path, line, col = broken.errors[0].split(":")[:3]
    assert path.endswith("report.yaml") and int(line) > 1 and int(col) >= 1
    assert out.read_bytes() == good
    assert builder.last_good is not None and builder.last_good.path == out
    edit(report_file(project), "        bogus: [\n", "")
    fixed = builder.rebuild([report_file(project)])
    assert fixed.ok and out.read_bytes() == good  # back to the same sources: the same bytes


def test_the_warm_state_is_unplugged_between_rebuilds(project, tmp_path):
    from reportlab.platypus import paragraph
    from handbook.layout import cheatsheet
    from handbook.sources import yamlfile
    from handbook.style import logo
    builder = WarmBuilder(project, DEFAULT_EDITION, output=tmp_path / "warm.pdf")
    builder.rebuild()
    assert paragraph.Paragraph.breakLines is breakcache._ORIGINAL["breakLines"]
    assert paragraph.Paragraph._setup is breakcache._ORIGINAL["_setup"]
    assert cheatsheet.fitted_sizes is None and yamlfile.composed is None and logo.prepared is None
    from handbook.layout import footnotes
    from handbook.output import pdfbytes
    assert pdfbytes.compressed is None and pdfbytes.links is None and footnotes.kept_scans is None
    assert builder.compressed and builder.scans and builder.links  # kept in the builder for the next rebuild


def test_kept_entries_not_used_are_swept():
    kept = Kept()
    kept["a"], kept["b"] = 1, 2
    kept.sweep()
    assert "a" in kept
    kept.sweep()  # "a" was looked up since the last sweep, "b" was not
    assert set(kept) == {"a"}


def test_source_filter_skips_our_own_outputs_and_temporary_files(tmp_path):
    wanted = source_filter([tmp_path / "dist" / "x.pdf", tmp_path / "png"])
    assert wanted(None, str(tmp_path / "sources" / "e" / "report.yaml"))
    assert wanted(None, str(tmp_path / "styles" / "logos" / "logo.png"))
    assert wanted(None, str(tmp_path / "sources" / "e" / "letter.md"))  # a prose part
    assert not wanted(None, str(tmp_path / "png" / "x-p001.png"))
    assert not wanted(None, str(tmp_path / "sources" / "e" / ".report.yaml.swp"))
    assert not wanted(None, str(tmp_path / "sources" / "e" / "notes.txt"))


# --- the real command --------------------------------------------------------------------------


class Lines:
    """A child's output lines, read by threads, waited for with a deadline (a stuck child fails the test)."""

    def __init__(self, child: subprocess.Popen):
        self.queue: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        for stream in (child.stdout, child.stderr):
            threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream) -> None:
        for line in stream:
            self.queue.put(line.rstrip("\n"))

    def wait_for(self, predicate, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"no such line within {timeout} s; saw: {self.seen}")

    def wait_for_all(self, *predicates, timeout: float = 60) -> list[str]:
        """Lines meeting each predicate, in whatever order they come (stdout and stderr are read apart)."""
        found: dict = {}
        for line in self.seen:
            for i, predicate in enumerate(predicates):
                if i not in found and predicate(line):
                    found[i] = line
        deadline = time.monotonic() + timeout
        while len(found) < len(predicates):
            line = self.wait_for(lambda text: any(i not in found and p(text) for i, p in enumerate(predicates)),
                                 max(0.1, deadline - time.monotonic()))
            found.update({i: line for i, p in enumerate(predicates) if i not in found and p(line)})
        return [found[i] for i in range(len(predicates))]


def test_watch_command_rebuilds_on_save_and_keeps_the_last_good_pdf(project, tmp_path):
    out = tmp_path / "out" / "guide.pdf"
    png = tmp_path / "png"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-m", "handbook", "-C", str(project), "watch", DEFAULT_EDITION,
                              "-o", str(out), "--png", str(png), "--dpi", "30"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             # as from a terminal: Ctrl-C reaches it (a shell's background job ignores SIGINT)
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = Lines(child)
    try:
        first = lines.wait_for(lambda line: "pages" in line)
        pages = len(PdfReader(out).pages)
        assert f"{pages} pages" in first and "notes beside their anchor" in first and "0 warnings" in first
        assert len(list(png.glob("*.png"))) == pages
        first_pdf = out.read_bytes()
        edit(report_file(project), "In addition to written submissions", "In addition to cabled submissions")
        second = lines.wait_for(lambda line: "pages" in line or "error" in line)
        assert "pages" in second and "redrawn" in second, second
        assert "cabled submissions" in "".join(p.extract_text() for p in PdfReader(str(out)).pages)
        assert out.read_bytes() != first_pdf
        good = out.read_bytes()
        edit(report_file(project), "      - paragraph: 10\n", "      - paragraph: 10\n        bogus: [\n")
        lines.seen.clear()
        error, _ = lines.wait_for_all(lambda line: "report.yaml:" in line and "error:" in line,
                                      lambda line: "last good PDF is kept" in line)
        assert error.split("report.yaml:")[1].split(":")[0].isdigit()  # path:line:col
        assert error.split("report.yaml:")[1].split(":")[1].isdigit()
        assert out.read_bytes() == good
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == 0
    lines.wait_for(lambda line: line.startswith("stopped after 3 builds"), timeout=10)


def test_style_keys_follow_every_value_and_a_changed_copy():
    import copy
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle
    from handbook.layout.breakcache import style_key
    base = ParagraphStyle("a", fontSize=10, textColor=Color(0.1, 0.2, 0.3))
    same = ParagraphStyle("b", fontSize=10, textColor=Color(0.1, 0.2, 0.3))
    assert style_key(base) == style_key(same)  # the name does not matter, the values do
    assert style_key(ParagraphStyle("c", fontSize=10, textColor=Color(0.1, 0.2, 0.3000001))) != style_key(base)
    changed = copy.deepcopy(base)  # as ReportLab's split does before setting firstLineIndent = 0
    changed.firstLineIndent = 12
    assert style_key(changed) != style_key(base)


def test_an_internal_failure_is_one_line_and_the_session_goes_on(project, tmp_path, monkeypatch):
    out = tmp_path / "warm.pdf"
    builder = WarmBuilder(project, DEFAULT_EDITION, output=out)
    assert builder.rebuild().ok
    good = out.read_bytes()
    import handbook.output.pdf as pdf

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")
    monkeypatch.setattr(pdf, "render", broken)
    failed = builder.rebuild([report_file(project)])
    assert not failed.ok and failed.errors == [
        "handbook: internal error: RuntimeError: boom second line (run 'handbook --debug build' for details)"]
    assert out.read_bytes() == good
    monkeypatch.undo()
    assert builder.rebuild([report_file(project)]).ok and out.read_bytes() == good


def test_a_prose_part_edit_rebuilds_the_same_as_a_cold_build(tmp_path):
    """An edition made by `handbook new` (a Markdown letter with a margin note, a report, notes)."""
    from click.testing import CliRunner
    from handbook.commands.cli import cli
    root = tmp_path / "project"
    shutil.copytree(REPO / "styles", root / "styles")
    made = CliRunner().invoke(cli, ["-C", str(root), "new", "mun-2031"])
    assert made.exit_code == 0, made.output
    letters = list((root / "sources" / "mun-2031").glob("*.md"))
    assert letters, "handbook new writes a prose part"
    out = tmp_path / "warm.pdf"
    builder = WarmBuilder(root, "mun-2031", output=out)
    assert builder.rebuild().ok
    letter = letters[0]
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.rstrip("\n") + "\n\nA second paragraph the chairs added, on **early warning**.\n",
                      encoding="utf-8")
    again = builder.rebuild([letter])
    assert again.ok, again.errors
    build("mun-2031", root=root, output=tmp_path / "cold.pdf")
    assert out.read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    assert "A second paragraph the chairs added" in "".join(p.extract_text() for p in PdfReader(str(out)).pages)
