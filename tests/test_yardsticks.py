"""Issue 21: the benchmark's yardsticks set the edition's text (LaTeX, Typst) or redraw our runs (the physical limit)."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from handbook.sources.reader import read_edition

from conftest import DEFAULT_EDITION, REPO

sys.path.insert(0, str(REPO / "bench"))
from yardsticks import latex_command, latex_source, tex, typ, typst_source  # noqa: E402


@pytest.fixture(scope="module")
def model():
    return read_edition(REPO / "sources" / DEFAULT_EDITION)[0]


def test_latex_source_holds_every_paragraph_note_and_footnote(model):
    source = latex_source(model)
    (document,) = model.documents
    assert source.count(r"\marginpar{") == len(document.notes)
    refs = sum(1 for p in document.paragraphs for b in p.blocks for n in b.nodes if type(n).__name__ == "FootnoteRef")
    assert source.count(r"\footnote{") == refs > 0
    for paragraph in document.paragraphs:
        assert f"{paragraph.number}.\\quad" in source
        assert tex(paragraph.blocks[0].plain)[:60] in source
    assert r"\printindex" in source and r"\index{" in source and r"\tableofcontents" in source


def test_special_characters_are_escaped():
    assert tex(r"100% of $5 & #1_a {b} ~ ^ \ ") == (r"100\% of \$5 \& \#1\_a \{b\} \textasciitilde{} "
                                                    r"\textasciicircum{} \textbackslash{} ")
    assert typ("a*b_c #d [e] $f = -g") == r"a\*b\_c \#d \[e\] \$f \= \-g"


def test_typst_source_places_each_paragraphs_notes_in_one_margin_block(model):
    source = typst_source(model)
    (document,) = model.documents
    anchored = {n.attach.paragraph for n in document.notes if n.attach.paragraph}
    assert source.count("#note[") >= len(anchored)
    assert source.count("#footnote[") > 0 and "#outline()" in source


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="pdflatex is not installed (the benchmark skips it too)")
def test_latex_yardstick_compiles(model, tmp_path):
    (tmp_path / "guide.tex").write_text(latex_source(model), encoding="utf-8")
    subprocess.run(latex_command(tmp_path), check=True, timeout=300)
    text = "".join(page.extract_text() for page in PdfReader(str(tmp_path / "guide.pdf")).pages)
    assert "Responsibility" in text and len(PdfReader(str(tmp_path / "guide.pdf")).pages) > 10


def test_physical_limit_redraws_the_same_words(default_pdf, tmp_path):
    runs, out = tmp_path / "runs.json", tmp_path / "physical.pdf"
    physical = str(REPO / "bench" / "physical.py")
    subprocess.run([sys.executable, physical, "extract", str(default_pdf), str(runs)], check=True, timeout=300)
    subprocess.run([sys.executable, physical, "draw", str(runs), str(out)], check=True, timeout=300)
    ours, redrawn = PdfReader(str(default_pdf)), PdfReader(str(out))
    assert len(redrawn.pages) == len(ours.pages)
    for page in (2, 10):  # the same words on the page, whatever the spacing
        words = set(ours.pages[page].extract_text().split())
        again = set(redrawn.pages[page].extract_text().split())
        assert len(words & again) > 0.8 * len(words)
