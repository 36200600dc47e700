"""Issue 21: long patterns compiled from the disk cache are the patterns `re.compile` makes."""
from __future__ import annotations

import re

import pytest

from handbook import diskcache
from handbook.regexcache import MIN_LENGTH, compile_cached, compiled_from_cache

# ReportLab's URL pattern (reportlab.platypus.paragraph), and one with named groups and flags
URL = (r"(^(?:[a-z0-9\.\-\+]*)://)(?:\S+(?::\S*)?@)?(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]?)"
       r"(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|(?:(?:[a-z\u00a1-\uffff0-9]+-?)*"
       r"[a-z\u00a1-\uffff0-9]+)(?:\.(?:[a-z\u00a1-\uffff0-9]+-?)*[a-z\u00a1-\uffff0-9]+)*"
       r"(?:\.(?:[a-z\u00a1-\uffff]{2,})))(?::\d{2,5})?(?:/[^\s]*)?")
NAMED = r"(?P<word>\w+)\s+(?P<number>\d+)(?:\s*\((?P<letter>[a-z])\))?" + "(?:x|y)" * 40
SAMPLES = ["https://www.un.org/en/genocideprevention/", "ftp://user:pw@10.0.0.1:8080/a b", "not a link",
           "http://xn--bcher-kva.example", "paragraph 71 (b) xyxy", "Paragraph 12 " + "x" * 40, ""]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.parametrize("pattern, flags", [(URL, re.I), (NAMED, 0), (NAMED, re.I | re.M)])
def test_a_pattern_from_the_cache_matches_as_re_compile_does(cache, pattern, flags):
    assert len(pattern) >= MIN_LENGTH
    fresh, kept = compile_cached(pattern, flags), compile_cached(pattern, flags)  # made, then read back
    assert list(cache.glob("regex-*.marshal"))
    plain = re.compile(pattern, flags)
    for made in (fresh, kept):
        assert (made.pattern, made.flags, made.groups, made.groupindex) == \
               (plain.pattern, plain.flags, plain.groups, plain.groupindex)
        for text in SAMPLES:
            a, b = made.search(text), plain.search(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_damaged_or_refused_entries_compile_as_usual(cache):
    compile_cached(URL, re.I)
    for entry in cache.glob("regex-*.marshal"):
        entry.write_bytes(entry.read_bytes()[:-7])  # truncated: the seal fails, the pattern is made again
    assert compile_cached(URL, re.I).search(SAMPLES[0]).span() == (0, len(SAMPLES[0]))
    short = "(a|b)+"  # short patterns never touch the cache
    assert compile_cached(short).pattern == short and len(list(cache.glob("regex-*.marshal"))) == 1


def test_the_patch_lasts_only_while_asked(cache):
    with compiled_from_cache():
        assert re.compile is compile_cached
    assert re.compile is not compile_cached and re.compile("a").pattern == "a"
