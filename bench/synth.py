"""Synthetic editions for the benchmark: the default study guide repeated N times, same shape."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: handbook sources refuse YAML aliases."""

    def ignore_aliases(self, data):
        return True


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def make_edition(source: Path, target: Path, factor: int, styles: list[str] | None = None) -> Path:
    """Copy the edition at `source` to `target`, its report and notes repeated `factor` times.

    Sections, paragraphs, footnotes and notes are renumbered so the copy is a valid, larger edition
    of the same shape: as many notes per paragraph, as many footnotes per page, the same markup.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("cheatsheet.yaml", "index.yaml"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    edition = yaml.safe_load((source / "handbook.yaml").read_text(encoding="utf-8"))
    edition.pop("default", None)
    edition.pop("style", None)
    edition["styles"] = styles or ["wimun"]
    report = yaml.safe_load((source / "report.yaml").read_text(encoding="utf-8"))
    notes = yaml.safe_load((source / "notes.yaml").read_text(encoding="utf-8"))["notes"]
    sections, footnotes, all_notes = [], [], []
    per_copy_paragraphs = max(p["paragraph"] for s in report["sections"] for p in s["body"] if "paragraph" in p)
    per_copy_footnotes = len(report.get("footnotes", []))
    section_count = len(report["sections"])
    for copy in range(factor):
        shift, fshift = copy * per_copy_paragraphs, copy * per_copy_footnotes
        for index, section in enumerate(report["sections"]):
            body = []
            for block in section["body"]:
                if "paragraph" in block:
                    block = dict(block, paragraph=block["paragraph"] + shift, text=_refoot(block["text"], fshift))
                    if "items" in block:
                        block["items"] = [dict(i, text=_refoot(i["text"], fshift)) for i in block["items"]]
                body.append(block)
            sections.append(dict(section, number=roman(copy * section_count + index + 1), body=body))
        footnotes += [dict(f, number=f["number"] + fshift) for f in report.get("footnotes", [])]
        for note in notes:
            attach = str(note["attach"])
            if attach.isdigit():
                attach = int(attach) + shift
            elif "(" in attach:
                number, item = attach.split("(")
                attach = f"{int(number) + shift}({item}"
            elif attach != "document":
                attach = roman(copy * section_count + _unroman(attach))
            elif copy:
                continue  # one note on the whole report
            all_notes.append(dict(note, attach=attach))
    report = dict(report, sections=sections, footnotes=footnotes)
    (target / "report.yaml").write_text(_dump(report), encoding="utf-8")
    (target / "notes.yaml").write_text(_dump({"notes": all_notes}),
                                       encoding="utf-8")
    (target / "handbook.yaml").write_text(_dump(edition),
                                          encoding="utf-8")
    return target


def _refoot(text: str, shift: int) -> str:
    import re
    return re.sub(r"\[\^(\d+)\]", lambda m: f"[^{int(m.group(1)) + shift}]", text) if shift else text


def _unroman(text: str) -> int:
    values = dict((letters, value) for value, letters in ROMAN if len(letters) == 1)
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total
