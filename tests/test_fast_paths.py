"""The speed-ups of issue 9 change how fast a handbook is built, never what is printed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook import diskcache
from handbook.errors import HandbookError
from handbook.layout.background import Background

from conftest import BUILTIN, DEFAULT_EDITION, REPO


# --- the disk cache ---------------------------------------------------------------


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV, str(folder))
    return folder


def counting(value):
    calls = []

    def make():
        calls.append(1)
        return value
    return make, calls


def test_cache_remembers_a_value(cache):
    make, calls = counting({"a": (1, 2)})
    assert diskcache.cached("t", "k", make) == {"a": (1, 2)}
    assert diskcache.cached("t", "k", make) == {"a": (1, 2)}
    assert len(calls) == 1
    assert len(list(cache.glob("t-*.marshal"))) == 1


def test_cache_key_and_name_separate_values(cache):
    assert diskcache.cached("t", "one", lambda: 1) == 1
    assert diskcache.cached("t", "two", lambda: 2) == 2
    assert diskcache.cached("u", "one", lambda: 3) == 3
    assert diskcache.cached("t", "one", lambda: 99) == 1


def test_file_stamp_changes_with_the_file(tmp_path, cache):
    source = tmp_path / "data.txt"
    source.write_text("first")
    make = lambda: source.read_text()  # noqa: E731
    assert diskcache.cached("f", diskcache.file_stamp(source), make) == "first"
    source.write_text("second, longer")
    assert diskcache.cached("f", diskcache.file_stamp(source), make) == "second, longer"


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xff" * 3])
def test_damaged_cache_file_is_recomputed_and_replaced(cache, damage):
    diskcache.cached("t", "k", lambda: [1, 2, 3])
    (path,) = cache.glob("t-*.marshal")
    path.write_bytes(damage)
    make, calls = counting([1, 2, 3])
    assert diskcache.cached("t", "k", make) == [1, 2, 3]
    assert calls == [1]
    assert diskcache.cached("t", "k", make) == [1, 2, 3] and calls == [1]  # the file was written again


def test_value_the_caller_rejects_is_recomputed(cache):
    diskcache.cached("t", "k", lambda: "not a list")
    make, calls = counting([1])
    assert diskcache.cached("t", "k", make, valid=lambda v: isinstance(v, list)) == [1]
    assert calls == [1]


def test_unwritable_cache_never_breaks_a_build(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.ENV, str(blocker / "cache"))
    make, calls = counting(42)
    assert diskcache.cached("t", "k", make) == 42
    assert diskcache.cached("t", "k", make) == 42
    assert len(calls) == 2


def test_value_marshal_cannot_hold_is_returned_uncached(cache):
    value = object()
    assert diskcache.cached("t", "k", lambda: value) is value
    assert not list(cache.glob("*"))  # no file, and no temporary left behind


def test_empty_setting_switches_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    make, calls = counting(7)
    diskcache.cached("t", "k", make)
    diskcache.cached("t", "k", make)
    assert len(calls) == 2 and not list(tmp_path.rglob("*.marshal"))


def test_default_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(diskcache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.cache_dir() == tmp_path / "handbook"


# --- cached fonts and hyphenation equal freshly parsed ones --------------------------------


@pytest.mark.parametrize("face", sorted(p.name for p in (REPO / "handbook" / "style" / "fonts").glob("*.ttf")))
def test_cached_font_equals_a_freshly_parsed_one(cache, face):
    from reportlab.pdfbase.ttfonts import TTFont

    from handbook.style.fontcache import load_font
    path = REPO / "handbook" / "style" / "fonts" / face
    fresh = TTFont("probe", str(path))
    first, second = load_font("probe", path), load_font("probe", path)  # a miss, then a hit
    assert list(cache.glob("font-*.marshal"))
    for font in (first, second):
        assert set(vars(font)) == set(vars(fresh))
        assert (font.fontName, font._asciiReadable, font._shapable) == (
            fresh.fontName, fresh._asciiReadable, fresh._shapable)
        ours, theirs = vars(font.face), vars(fresh.face)
        assert set(ours) == set(theirs)
        for key, value in theirs.items():
            if key == "_pdfScale":
                assert ours[key](1234) == value(1234)
            else:
                assert type(ours[key]) is type(value) and ours[key] == value, key
        assert font.stringWidth("Responsibility to protect — Côte d’Ivoire", 10.5) == \
            fresh.stringWidth("Responsibility to protect — Côte d’Ivoire", 10.5)


HYPHENATE = """
import json, sys
import pyphen
from handbook.layout.hyphenation import dictionary, pattern_set
words = sys.argv[1:]
ours = dictionary(pattern_set("en"))
fresh = pyphen.Pyphen(filename=pyphen.LANGUAGES[pattern_set("en")], cache=False)
print(json.dumps([[ours.inserted(w), fresh.inserted(w)] for w in words]))
"""


def test_hyphenation_from_the_cache_equals_parsing_the_dictionary(tmp_path):
    words = ["responsibility", "international", "humanitarian", "accountability", "prevention",
             "Secretary-General", "implementation", "atrocities"]
    env = {**os.environ, diskcache.ENV: str(tmp_path)}
    runs = []
    for _ in range(2):  # the first run parses and writes the cache, the second reads it
        out = subprocess.run([sys.executable, "-c", HYPHENATE, *words], env=env, cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
        runs.append(out)
        assert list(tmp_path.glob("hyphenation-*.marshal"))
    import json
    for ours, fresh in json.loads(runs[1]):
        assert ours == fresh
    assert runs[0] == runs[1]
    assert json.loads(runs[1])[0][0] == "re-spon-si-bil-i-ty"  # the American patterns (hyphenation.py)


# --- the same PDF however it was computed ---------------------------------------------------


def _build(out: Path, env: dict) -> bytes:
    subprocess.run([sys.executable, "-m", "handbook", "build", DEFAULT_EDITION, "-o", str(out)],
                   cwd=REPO, env={**os.environ, **env}, check=True, capture_output=True)
    return out.read_bytes()


def test_same_pdf_with_a_cold_cache_a_warm_cache_no_cache_and_no_fork(tmp_path):
    cache = str(tmp_path / "cache")
    cold = _build(tmp_path / "cold.pdf", {diskcache.ENV: cache})
    names = sorted(p.name.split("-")[0] for p in Path(cache).glob("*.marshal"))
    assert {"font", "hyphenation", "qr", "states"} <= set(names)
    warm = _build(tmp_path / "warm.pdf", {diskcache.ENV: cache})
    none = _build(tmp_path / "none.pdf", {diskcache.ENV: "", "HANDBOOK_NO_FORK": "1"})
    assert cold == warm == none


# --- the background child ------------------------------------------------------------------------


@pytest.fixture
def idle_machine(monkeypatch):
    """A machine with cores to spare, whatever the shared test machine is doing right now."""
    from handbook.layout import background
    monkeypatch.setattr(background, "idle_cores", lambda: 2.0)
    monkeypatch.setattr(background, "idle_now", lambda seconds=0.1: 2.0)


def test_background_returns_what_compute_returns(idle_machine):
    job = Background(lambda: {"size": 7.75, "pid": os.getpid()})
    value = job.result()
    assert value["size"] == 7.75
    if hasattr(os, "fork"):
        assert value["pid"] != os.getpid()  # it really ran in a child


def test_background_without_fork_computes_inline(monkeypatch):
    monkeypatch.setenv("HANDBOOK_NO_FORK", "1")
    job = Background(lambda: os.getpid())
    assert job.pid is None
    assert job.result() == os.getpid()


def test_background_error_is_raised_in_the_parent():
    def fails():
        raise HandbookError("cheatsheet.yaml:1: error: does not fit")
    job = Background(fails)
    with pytest.raises(HandbookError, match="does not fit"):
        job.result()


def test_background_value_marshal_cannot_carry_is_computed_again():
    job = Background(lambda: object())
    assert type(job.result()) is object


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_background_close_stops_and_reaps_the_child(idle_machine):
    job = Background(lambda: time.sleep(60))
    pid = job.pid
    assert pid is not None
    started = time.perf_counter()
    job.close()
    assert time.perf_counter() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_helpers_fork_only_onto_an_idle_core(monkeypatch):
    from handbook.layout import background
    monkeypatch.delenv(background.ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 0.3, 0.3))  # a quiet machine: the other core is free
    assert background.can_fork() == hasattr(os, "fork")
    monkeypatch.setattr(os, "getloadavg", lambda: (1.1, 1.0, 0.9))  # another job holds the other core
    assert not background.can_fork()
    assert Background(lambda: os.getpid()).result() == os.getpid()  # computed here, the same answer

    def unreadable():
        raise OSError("no load average")
    monkeypatch.setattr(os, "getloadavg", unreadable)
    assert background.idle_cores() == 2.0


def test_markup_colours_parse_to_the_same_colour():
    from reportlab.lib.colors import HexColor, toColor

    from handbook.layout.markup import hexcolour
    colour = HexColor("#12ab9c")
    text = hexcolour(colour)
    assert text == "#12ab9c"
    assert toColor(text) == colour


# --- ReportLab's fragment comparison --------------------------------------------------------------


def test_same_frag_answers_as_reportlab_c_version():
    from reportlab.lib.colors import black, red
    from reportlab.lib.rl_accel import sameFrag as reportlab_same_frag
    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    from handbook.layout.flowables import same_frag
    assert paragraph.sameFrag is same_frag  # the line breaker uses ours

    def frag(**extra):
        return ParaFrag(**{"fontName": "F", "fontSize": 10, "textColor": black, "rise": 0, "text": "x", **extra})
    variants = [
        {}, {"fontName": "G"}, {"fontSize": 9}, {"textColor": red}, {"rise": 2}, {"link": ["#a"]},
        {"link": ["#b"]}, {"link": None}, {"backColor": red}, {"nobr": True}, {"us_lines": [1]},
        {"cbDefn": object()}, {"lineBreak": True}, {"text": "other"},
    ]
    for a in variants:
        for b in variants:
            f, g = frag(**a), frag(**b)
            assert bool(same_frag(f, g)) == bool(reportlab_same_frag(f, g)), (a, b)


def test_font_split_string_matches_reportlab(monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFont

    from handbook.style.fontcache import Font, load_font
    path = REPO / "handbook" / "style" / "fonts" / "LiberationSerif-Regular.ttf"
    ours, theirs = load_font("probe-ours", path), TTFont("probe-theirs", str(path))
    assert isinstance(ours, Font)
    texts = ["Responsibility to protect", "", "Côte d’Ivoire", "the same words again", "non\xa0breaking",
             "Ответственность по защите", "Ответственность", "protect", "emoji \U0001F600 has no glyph",
             "Ωμέγα", "mixed Ω and plain"] + [chr(c) * 3 for c in range(0x400, 0x4ff, 7)] + ["final ASCII"]
    class Doc:  # fonts keep their state per document, in a weak dictionary
        pass
    doc_ours, doc_theirs = Doc(), Doc()
    slow = []
    original = TTFont.splitString
    monkeypatch.setattr(TTFont, "splitString", lambda self, *a: slow.append(self) or original(self, *a))
    for text in texts:
        assert ours.splitString(text, doc_ours) == theirs.splitString(text, doc_theirs), text
    assert 0 < slow.count(ours) < len(texts) - 3  # known characters took the fast path
    assert ours.state[doc_ours].assignments == theirs.state[doc_theirs].assignments
    assert ours.state[doc_ours].subsets == theirs.state[doc_theirs].subsets


def test_batch_workers_on_busy_cores_build_in_one_process(monkeypatch, idle_machine):
    from handbook.commands import batch
    from handbook.layout import background
    monkeypatch.delenv(background.ENV, raising=False)
    batch._worker_setup(cores_busy=False)  # -j 2 on a machine with cores to spare: helpers may fork
    assert background.can_fork() == hasattr(os, "fork")
    batch._worker_setup(cores_busy=True)  # every core has a worker: no helper processes
    assert os.environ[background.ENV] == "1" and not background.can_fork()
    assert Background(lambda: os.getpid()).result() == os.getpid()


def test_a_slot_keeps_one_value_so_the_cache_does_not_grow(tmp_path, cache):
    source = tmp_path / "font.ttf"
    for version in range(4):  # a file edited three times: one cached value remains, the newest
        source.write_text("x" * (version + 1))
        assert diskcache.cached("f", diskcache.file_stamp(source), lambda: version, slot=str(source)) == version
    assert len(list(cache.glob("f-*.marshal"))) == 1
    other = tmp_path / "other.ttf"
    other.write_text("y")
    diskcache.cached("f", diskcache.file_stamp(other), lambda: "other", slot=str(other))
    assert len(list(cache.glob("f-*.marshal"))) == 2  # another slot is left alone
    assert diskcache.cached("f", diskcache.file_stamp(source), lambda: "again", slot=str(source)) == 3


@pytest.mark.parametrize("damage", ["truncated", "flipped byte"])
def test_png_logo_checked_without_decoding_still_refuses_damage(tmp_path, damage):
    from handbook.style.values import _image_problem
    data = bytearray((BUILTIN / "logos" / "emblem.png").read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 2] ^= 0xFF
    logo = tmp_path / "logo.png"
    logo.write_bytes(bytes(data))
    problem = _image_problem(logo)
    assert problem is not None and problem[0].startswith("cannot be read as an image")
    assert _image_problem(BUILTIN / "logos" / "emblem.png") is None


def test_build_all_runs_as_many_workers_as_cores_are_idle(monkeypatch):
    from handbook.commands import batch
    from handbook.layout import background
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(background, "cpu_times", lambda: None)  # no /proc/stat: the last minute's load decides
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert batch.worker_count(2, 10) == 2 and batch.worker_count(4, 10) == 2 and batch.worker_count(2, 1) == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))  # another job keeps a core busy
    assert batch.worker_count(2, 10) == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (3.5, 3.0, 3.0))  # overloaded: still one build at a time
    assert batch.worker_count(2, 10) == 1


def test_build_all_samples_the_cores_idle_now_not_the_last_minutes_load(monkeypatch):
    """A build that ended a moment ago still weighs on the minute's load average; the cores idle over a
    tenth of a second decide (two idle: two workers, whatever the load average says)."""
    from handbook.commands import batch
    from handbook.layout import background
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.1, 1.0, 0.9))  # the serial run just before
    samples = iter([(100.0, 200.0), (120.0, 220.0), (100.0, 200.0), (110.0, 220.0)])
    monkeypatch.setattr(background, "cpu_times", lambda: next(samples))
    assert batch.worker_count(2, 10) == 2  # all 20 jiffies idle: both cores free
    assert batch.worker_count(2, 10) == 1  # half idle: another job holds a core
    summary = batch.BatchResult([batch.Outcome(batch.Job("a", None), True)] * 3, 1.0, workers=1, asked=2).summary()
    assert summary == "built 3 of 3 PDFs in 1.0 s (1 at a time: the other cores were busy)"


def test_the_command_without_uharfbuzz_prints_the_same_pdf(tmp_path):
    """The command keeps ReportLab from importing uharfbuzz (no style shapes text): same bytes as a
    build in a process where ReportLab has it, when it is installed."""
    from handbook import build
    in_process = build(DEFAULT_EDITION, root=REPO, output=tmp_path / "library.pdf").path.read_bytes()
    command = _build(tmp_path / "command.pdf", {})
    assert command == in_process
    probe = subprocess.run([sys.executable, "-c", "import sys, handbook.commands.cli, reportlab.pdfbase.ttfonts as t;"
                            "print(t.uharfbuzz is None)"], capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "True"


def test_logos_from_the_disk_cache_equal_freshly_prepared_ones(tmp_path, cache):
    from PIL import Image
    from handbook.errors import Report
    from handbook.style.logo import load_logos
    from handbook.style.theme import load_theme
    styles = tmp_path / "styles"
    shutil.copytree(BUILTIN, styles)
    Image.new("RGBA", (60, 30), (200, 20, 20, 255)).save(styles / "logos" / "small.png")  # too small: a warning
    (styles / "small.yaml").write_text("extends: wimun\nlogo: logos/small.png\nlogo_on_band: ''\n", encoding="utf-8")
    theme = load_theme("small", styles)
    reports = [Report(), Report(), Report()]
    fresh = load_logos(theme, reports[0])  # fills the cache
    kept = load_logos(theme, reports[1])  # read back from it
    assert list(cache.glob("logos-*.marshal"))
    for a, b in ((fresh.cover, kept.cover), (fresh.header, kept.header)):
        assert (a is None) == (b is None)
        if a is not None:
            assert a.getSize() == b.getSize() and a._image.tobytes() == b._image.tobytes()
    assert [str(d) for d in reports[0].diagnostics] == [str(d) for d in reports[1].diagnostics]
    assert any("dpi" in str(d) for d in reports[1].diagnostics)
