"""The benchmark's outside yardsticks: the same edition as a LaTeX and a Typst document, and how to run each.

Both are made from the edition model, so they set the same words: the report's sections,
paragraphs (numbered), list items and footnotes, a margin note beside the paragraph each note
explains, a table of contents, and (LaTeX) a subject index through makeindex. They are not
meant to look like a handbook, only to do the same amount of typesetting work with a mature tool:
LaTeX runs twice (for the contents and index page numbers) with makeindex between, as an
author does; Typst lays out once (it resolves references itself; it has no index of its own).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from handbook.model import FootnoteRef, Heading, Prose, walk_inline

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))
_TYP_RE = re.compile(r"([\\#*_`$<>@\[\]=\-+/~\"])")


def tex(text: str) -> str:
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], text)


def typ(text: str) -> str:
    return _TYP_RE.sub(r"\\\1", text)


def _footnote_numbers(rich) -> list[int]:
    return [n.number for n in walk_inline(rich.nodes) if isinstance(n, FootnoteRef)]


def _notes_by_paragraph(document) -> dict:
    """Notes by the paragraph they sit beside (a note on a section or the report goes to its first one)."""
    first = {s.number: s.paragraphs[0].number for s in document.sections if s.paragraphs}
    start = document.paragraphs[0].number if document.paragraphs else 0
    places: dict = {}
    for note in document.notes:
        a = note.attach
        number = a.paragraph or first.get(a.section, start)
        places.setdefault(number, []).append(note)
    return places


def _note_text(note) -> str:
    parts = []
    for block in note.body:
        parts.extend([block.text.plain] if isinstance(block, Prose) else [i.plain for i in block.items])
    return " ".join(parts)


def _terms(edition) -> list[str]:
    return [t.term for t in getattr(edition, "index_terms", [])]


def latex_source(edition) -> str:
    """A LaTeX document (article class, geometry, makeidx and hyperref: the base distribution's) with
    the edition's text; Computer Modern in its default encoding, whose Type 1 fonts need no generating."""
    out = [r"\documentclass[10pt,a4paper]{article}", r"\usepackage[utf8]{inputenc}",
           r"\usepackage{makeidx}\makeindex",
           r"\usepackage[a4paper,top=2cm,bottom=1.8cm,inner=1.8cm,outer=7cm,marginparwidth=5cm,marginparsep=5mm]"
           r"{geometry}",
           r"\usepackage[hidelinks]{hyperref}",  # links and bookmarks, as the handbook has
           r"\begin{document}", rf"\title{{{tex(edition.title)}}}\author{{{tex(edition.conference)}}}\date{{}}",
           r"\maketitle\tableofcontents\newpage"]
    terms = _terms(edition)
    for document in edition.documents:
        footnotes = {f.number: f.text.plain for f in document.footnotes}
        notes = _notes_by_paragraph(document)
        out.append(rf"\section*{{{tex(document.title)}}}")
        for section in document.sections:
            out.append(rf"\section{{{tex(section.title)}}}")
            for block in section.body:
                if isinstance(block, Heading):
                    out.append(rf"\subsection*{{{tex(block.title)}}}")
                    continue
                text = " ".join(tex(b.plain) for b in block.blocks)
                marks = "".join(rf"\footnote{{{tex(footnotes.get(n, ''))}}}" for b in block.blocks
                                for n in _footnote_numbers(b))
                index = "".join(rf"\index{{{tex(t)}}}" for t in terms if t in block.plain)
                margin = "".join(rf"\marginpar{{\footnotesize\textbf{{{tex(n.kind.label)}}} {tex(_note_text(n))}}}"
                                 for n in notes.get(block.number, []))
                out.append(rf"\noindent {block.number}.\quad {margin}{text}{marks}{index}")
                out.extend(rf"\par\hspace*{{2em}}({tex(i.label)}) {tex(i.text.plain)}" for i in block.items)
                out.append("")
    out += [r"\printindex", r"\end{document}", ""]
    return "\n".join(out)


def typst_source(edition) -> str:
    """A Typst document with the edition's text, notes placed in the right margin beside their paragraph."""
    out = ['#set page(paper: "a4", margin: (left: 2cm, right: 7cm, y: 2cm))',
           '#set text(size: 10.5pt)', '#set par(justify: true)',
           '#let note(body) = place(right, dx: 5.5cm, block(width: 4.8cm, text(size: 7.9pt, body)))',
           f"#align(center, text(size: 17pt)[{typ(edition.title)}])", "#outline()", "#pagebreak()"]
    for document in edition.documents:
        footnotes = {f.number: f.text.plain for f in document.footnotes}
        notes = _notes_by_paragraph(document)
        out.append(f"= {typ(document.title)}")
        for section in document.sections:
            out.append(f"== {typ(section.title)}")
            for block in section.body:
                if isinstance(block, Heading):
                    out.append(f"=== {typ(block.title)}")
                    continue
                here = notes.get(block.number, [])  # one block per paragraph, so its notes stack
                margin = ("#note[" + " #parbreak() ".join(f"*{typ(n.kind.label)}* {typ(_note_text(n))}"
                                                          for n in here) + "]") if here else ""
                marks = "".join(f"#footnote[{typ(footnotes.get(n, ''))}]" for b in block.blocks
                                for n in _footnote_numbers(b))
                text = " ".join(typ(b.plain) for b in block.blocks)
                out.append(f"{margin}{block.number}. {text}{marks}")
                out.extend(f"#h(2em) ({typ(i.label)}) {typ(i.text.plain)}\\" for i in block.items)
                out.append("")
    return "\n".join(out)


def latex_command(folder: Path, name: str = "guide") -> list[str] | None:
    """A shell command that runs pdflatex twice with makeindex between (None without pdflatex on PATH)."""
    if not (shutil.which("pdflatex") and shutil.which("makeindex")):
        return None
    run = f"pdflatex -interaction=batchmode -halt-on-error {name}.tex >/dev/null"
    return ["sh", "-c", f"cd {folder} && {run} && makeindex -q {name}.idx && {run}"]


def typst_command(folder: Path, python: str, name: str = "guide") -> list[str] | None:
    """The Typst compiler on PATH, else the `typst` Python package's; None when neither is installed."""
    if shutil.which("typst"):
        return ["typst", "compile", str(folder / f"{name}.typ"), str(folder / f"{name}-typst.pdf")]
    probe = subprocess.run([python, "-c", "import typst"], capture_output=True)
    if probe.returncode == 0:
        return [python, "-c", f"import typst; typst.compile({str(folder / (name + '.typ'))!r}, "
                              f"output={str(folder / (name + '-typst.pdf'))!r})"]
    return None
