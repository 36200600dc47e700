"""An on-disk cache for data that is slow to compute and the same on every build (hyphenation patterns, QR codes)."""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

# Set to a folder to move the cache, or to an empty string to switch it off.
ENV = "HANDBOOK_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where cached files live: $HANDBOOK_CACHE_DIR, else the platform's user cache folder (platformdirs:
    $XDG_CACHE_HOME/handbook or ~/.cache/handbook on Linux, ~/Library/Caches/handbook on macOS,
    %LOCALAPPDATA%\\handbook\\Cache on Windows)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("handbook", appauthor=False))


def file_stamp(path: Path) -> str:
    """What identifies a file's content cheaply: its path, size and modification time."""
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def cached(name: str, key: str, make: Callable[[], Any], valid: Callable[[Any], bool] = lambda value: True,
           slot: str | None = None) -> Any:
    """`make()`, remembered on disk under `name` and `key` (and the Python version: marshal is bound to it).

    The key must name everything the value depends on, such as a file_stamp() or a library version.
    A `slot` (such as the source file's path) holds one value at a time: writing a new one removes
    the values kept for earlier keys, so an edited font or an upgraded library leaves no stale file.
    marshal, not pickle: it loads plain data only, so a tampered cache file cannot run code.
    Every failure (no home, a read-only disk, a truncated or damaged file that `valid` rejects,
    data marshal cannot hold) falls back to `make()`: the cache may make a build faster, never break it.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    inputs = hashlib.sha256(f"{name}|{key}|{sys.version}".encode()).digest()
    digest = inputs.hex()[:20]
    prefix = name if slot is None else f"{name}-{hashlib.sha256(slot.encode()).hexdigest()[:12]}"
    path = folder / f"{prefix}-{digest}.marshal"
    try:
        data = _unseal(path.read_bytes(), inputs)
        if data is not None:  # only bytes this code wrote for these inputs reach marshal
            value = marshal.loads(data)
            if valid(value):
                return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = make()
    tmp = None
    try:
        data = _seal(inputs, marshal.dumps(value))
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)  # atomic: a parallel build reads the old file or the new one, never half
        if slot is not None:
            for stale in folder.glob(f"{prefix}-*.marshal"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value


# An entry is MAGIC, the digest of its inputs, the digest of its payload, then the payload. A damaged,
# truncated or swapped file fails these checks before marshal sees a byte: marshal trusts its input
# and can crash the interpreter on malformed data, or load well-formed but wrong values.
MAGIC = b"HBC2"


def _seal(inputs: bytes, payload: bytes) -> bytes:
    return MAGIC + inputs + hashlib.sha256(payload).digest() + payload


def _unseal(blob: bytes, inputs: bytes) -> bytes | None:
    """The payload of a sealed entry written for `inputs`, or None if anything does not match."""
    head = len(MAGIC) + 64
    if len(blob) < head or blob[:len(MAGIC)] != MAGIC or blob[len(MAGIC):len(MAGIC) + 32] != inputs:
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC) + 32:head]:
        return None
    return payload
