"""Hints for YAML syntax errors: the invisible space, the unquoted colon, what a message most likely means."""
from __future__ import annotations

import re

_ODD_SPACES = {"\u00a0": "non-breaking space", "\u2007": "figure space", "\u202f": "narrow no-break space",
               "\u3000": "ideographic space", "\u200b": "zero-width space", "\u2002": "en space",
               "\u2003": "em space", "\u2009": "thin space"}


def _odd_space(text: str, mark) -> tuple[int, int, str] | None:
    """(line, column, character) of an odd space that YAML would trip on, on the error's line or the one
    before: in the indentation, after a list's '-', or after a key's ':'."""
    lines = text.splitlines()
    for number in (mark.line - 1, mark.line) if mark else ():
        if not 0 <= number < len(lines):
            continue
        line = lines[number]
        blank = "[ \t" + "".join(_ODD_SPACES) + "]*"
        lead = re.match(f"^{blank}(?:-{blank})?", line).group(0)
        for index, char in enumerate(lead):
            if char in _ODD_SPACES:
                return number + 1, index + 1, char
        for match in re.finditer(":([" + "".join(_ODD_SPACES) + "])", line):
            if match.group(1) in _ODD_SPACES:
                return number + 1, match.start(1) + 1, match.group(1)
    return None


def _syntax_hint(text: str, mark, message: str) -> str:
    """A plain-words hint for the YAML syntax errors new users make most."""
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    before = line[:mark.column] if mark else ""
    if "\t" in message or "\\t" in message or "\t" in line[:len(line) - len(line.lstrip())]:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        if re.fullmatch(r"\s*(- )?[\w-]+\s*", before):  # `key:` alone: the line is indented too far
            return "this key is indented further than the keys above it; line them up"
        return "a value holding ': ' must be quoted, e.g. title: \"Agenda: item 5\""
    quoted = re.match(r"\s*(?:- )?[\w-]+:\s+([\"'])", line)
    if quoted and "found '<scalar>'" in message or "did not find expected key" in message and quoted:
        other = "'" if quoted.group(1) == '"' else '"'
        return (f"a value that starts with {quoted.group(1)} must end with it: put the whole value in "
                f"{other}...{other}, or start it on the next line after '>-'")
    if "could not find expected ':'" in message or "expected <block end>" in message:
        return "check the indentation of this line and the one before it"
    if "found character '`'" in message or "found character '@'" in message:
        return "quote a value that starts with ` or @"
    if "found undefined tag" in message or "found unknown escape" in message:
        return "quote the value with single quotes"
    return ""
