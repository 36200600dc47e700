"""A damaged, truncated or tampered disk cache never changes the PDF, crashes or stops a build."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import diskcache

REPO = Path(__file__).resolve().parent.parent


def build(cache: Path, out: Path) -> bytes:
    env = {**os.environ, diskcache.ENV: str(cache), "HANDBOOK_NO_FORK": "1"}
    done = subprocess.run([sys.executable, "-m", "handbook", "-C", str(REPO), "build", "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # a crash (a negative return code) fails here too
    return out.read_bytes()


def flip(data: bytes, at: int) -> bytes:
    at = min(max(at, 0), len(data) - 1)
    return data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]


def _sealed(path: Path, payload: bytes) -> bytes:
    """A well-formed entry for the same inputs as `path`, holding `payload` instead."""
    inputs = path.read_bytes()[len(diskcache.MAGIC):len(diskcache.MAGIC) + 32]
    return diskcache._seal(inputs, payload)


# How each kind of entry can be well-formed and wrong: empty, or the right shape with wrong content.
WRONG = {
    "states": [marshal.dumps([]), marshal.dumps([{"id": "x"}])],
    "qr": [marshal.dumps([[False] * 25 for _ in range(25)]), marshal.dumps([])],
    "font": [marshal.dumps({}), marshal.dumps([1, 2])],
    "hyphenation": [marshal.dumps(({}, 0)), marshal.dumps("patterns")],
    "regex": [marshal.dumps([]), marshal.dumps((0, [1, 2, 3], 0, {}, (None,)))],  # the engine refuses the 2nd
    "logos": [marshal.dumps(([None, None], [])), marshal.dumps(([("RGBA", (4, 4), b"\0" * 60, "PNG"), None], []))],
}

DAMAGES = {
    "flip-header": lambda p, d: flip(d, 2),
    "flip-inputs": lambda p, d: flip(d, 10),
    "flip-middle": lambda p, d: flip(d, len(d) // 2),
    "flip-last": lambda p, d: flip(d, len(d) - 1),
    "truncate-half": lambda p, d: d[: len(d) // 2],
    "truncate-empty": lambda p, d: b"",
    "unsealed-marshal": lambda p, d: marshal.dumps([]),
    "sealed-wrong": lambda p, d: _sealed(p, WRONG[p.name.split("-")[0]][0]),
    "sealed-wrong-shape": lambda p, d: _sealed(p, WRONG[p.name.split("-")[0]][1]),
}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache filled by one build, and that build's PDF."""
    folder = tmp_path_factory.mktemp("warm")
    cache = folder / "cache"
    reference = build(cache, folder / "reference.pdf")
    entries = {p.name: p.read_bytes() for p in cache.glob("*.marshal")}
    kinds = {name.split("-")[0] for name in entries}
    assert {"font", "hyphenation", "states", "qr"} <= kinds, kinds
    return cache, entries, reference


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_every_cache_file_damaged_gives_the_same_pdf(warm, tmp_path, damage):
    cache, entries, reference = warm
    damaged = tmp_path / "cache"
    damaged.mkdir()
    for name, data in entries.items():
        (damaged / name).write_bytes(DAMAGES[damage](cache / name, data))
    assert build(damaged, tmp_path / "out.pdf") == reference
    assert build(damaged, tmp_path / "again.pdf") == reference  # and the entries were written anew
