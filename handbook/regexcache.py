"""Long regular expressions compiled once per machine: their compiled code is kept in the disk cache.

ReportLab compiles a 316-character URL pattern when its paragraph module is imported: 40-70 ms of
every build, more than any stage of our own start-up. Python compiles a pattern in two pure-Python
steps (parse, then code generation) and hands the code to its C engine, `_sre.compile`, which checks
it. `compiled_from_cache()` keeps the result of those two steps in the disk cache (keyed by the
pattern, the flags and the Python version, as marshal data) and gives it to `_sre.compile` again:
the same engine, the same code, the same pattern object. The command line uses it around a build;
anything that goes wrong (an unreadable entry, code the engine refuses) compiles as usual.
"""
from __future__ import annotations

import contextlib
import re

MIN_LENGTH = 200  # shorter patterns compile in well under a millisecond: not worth a file
_ORIGINAL = re.compile


def _compiled(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile() hands to the engine, as plain data."""
    from re import _compiler, _parser
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # plain ints: the opcodes are int subclasses (named constants), which marshal does not carry
    return (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))


def _valid(value) -> bool:
    try:
        flags, code, groups, groupindex, indexgroup = value
    except (TypeError, ValueError):
        return False
    return (isinstance(flags, int) and isinstance(code, list) and len(code) > 2 and isinstance(groups, int)
            and all(isinstance(c, int) for c in code) and isinstance(groupindex, dict)
            and isinstance(indexgroup, tuple) and len(indexgroup) == groups + 1)


def compile_cached(pattern, flags=0):
    """`re.compile(pattern, flags)`, the parsing and code generation of a long pattern read from the cache."""
    if isinstance(flags, re.RegexFlag):
        flags = flags.value
    if not isinstance(pattern, str) or len(pattern) < MIN_LENGTH or flags & (re.DEBUG | re.TEMPLATE):
        return _ORIGINAL(pattern, flags)
    import _sre
    import sys
    from .diskcache import cached
    try:
        value = cached("regex", f"{flags}|{sys.version}|{pattern}", lambda: _compiled(pattern, flags), _valid,
                       slot=pattern)
        compiled = _sre.compile(pattern, *value)
    except Exception:  # noqa: BLE001  (the engine refuses the code, or anything else): compile as usual
        return _ORIGINAL(pattern, flags)
    if compiled.groups != value[2] or compiled.pattern != pattern:
        return _ORIGINAL(pattern, flags)
    return compiled


@contextlib.contextmanager
def compiled_from_cache():
    """Long patterns compiled while this lasts (a library imported, say) come from the disk cache."""
    re.compile = compile_cached
    try:
        yield
    finally:
        re.compile = _ORIGINAL
