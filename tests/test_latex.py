"""PDF output: boxed questions, an answer key, and text LaTeX finds hard.

The tests marked ``latex`` compile with latexmk and read the PDF back with
pdftotext; they are slow, so there are few of them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.book import build_book, latexmk, pdf_pages
from tests.conftest import ROOTS
from tests.helpers import require_executable

SEED_STATEMENT = "The data used in a research environment is usually static"


# -- the .tex file, no TeX needed ---------------------------------------------------


@pytest.mark.sphinx("latex", testroot="print-special")
def test_tex_boxes_the_question_and_keys_the_answer(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "special.tex").read_text(encoding="utf-8")
    assert (app.outdir / "sphinxquizbook.sty").is_file()
    assert r"\usepackage{sphinxquizbook}" in tex
    question, key = tex.split(r"\appendix")
    assert r"\begin{sphinxquiz}" in question and r"\begin{sphinxquizstatements}" in question
    assert r"\sphinxquizverdict" not in question and "Answer with" not in question
    assert r"\chapter{Answer key}" in key
    # Correct statements get a ticked box, the others an empty one, in order.
    assert re.findall(r"\\item\[\\sphinxquiz(checked|box)\]", key) == ["checked", "box"]
    # Both ways: the question's label and the entry's, each linked from the other.
    assert r"\label{\detokenize{chapter:quiz-specials}}" in question
    assert r"\hyperref[\detokenize{chapter:quiz-specials-answer}]" in question
    assert r"\label{\detokenize{chapter:quiz-specials-answer}}" in key
    assert r"\hyperref[\detokenize{chapter:quiz-specials}]" in key
    # The reading's URL is printed after its text, escaped.
    assert r"\sphinxurl{https://example.org/path\_with\%20percent?a=1\&b=2\#frag~x}" in key


@pytest.mark.sphinx("latex", testroot="print-special", confoverrides={"quiz_answers": "chapter"})
def test_tex_chapter_key_closes_the_chapter(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "special.tex").read_text(encoding="utf-8")
    assert r"\appendix" not in tex
    body = tex.split(r"\chapter{Chapter with 100\% of the specials}")[1]
    assert body.index(r"\end{sphinxquiz}") < body.index(r"\section{Answers}") < body.index("Answer with")


@pytest.mark.sphinx("latex", testroot="print-special", confoverrides={"quiz_answers": "inline"})
def test_tex_inline_answer_sits_in_the_box(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "special.tex").read_text(encoding="utf-8")
    assert r"\appendix" not in tex and "Answers}" not in tex
    quiz = tex[tex.index(r"\begin{sphinxquiz}") : tex.index(r"\end{sphinxquiz}")]
    assert r"\sphinxquizanswertitle{Answer}" in quiz and "Answer with" in quiz


# -- compiled -------------------------------------------------------------------------


@pytest.mark.latex
@pytest.mark.parametrize("engine", ["pdflatex", "xelatex"])
def test_special_characters_compile_and_read_right(engine: str, tmp_path: Path) -> None:
    require_executable(engine)
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-print-special", source)
    app = SphinxTestApp("latex", srcdir=source, confoverrides={"latex_engine": engine})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        outdir = app.outdir
    finally:
        app.cleanup()
    latexmk(outdir)
    text = " ".join(pdf_pages(outdir / "special.pdf"))
    for expected in (
        "Title with % $ & # _ { } ~ ^ \\ and code_{x}",
        "Prompt with <script>alert(“x”)</script>, % $ & # _ { } ~ ^ \\ and [brackets].",
        "Statement with 50% & $5 #1 a_b {c} ~d ^e \\f and in_line{code}",
        "[Starts with a bracket] then café, naïve",
        "Answer with % $ & # _ { } ~ ^ \\ and code & more",
        "ü",
        "—",
        # An emoji no font here has is named, not dropped.
        "party popper",
        "https://example.org/path_with%20percent?a=1&b=2#frag~x",
    ):
        assert expected in text, expected


@pytest.mark.latex
@pytest.mark.slow
def test_book_pdf_built_the_read_the_docs_way(tmp_path: Path) -> None:
    """The book, built with Read the Docs' own commands: no warning, no error."""
    latexdir = build_book("latex", tmp_path / "book")
    latexmk(latexdir)
    (pdf,) = latexdir.glob("*.pdf")
    texts = pdf_pages(pdf)

    question_pages = [i for i, page in enumerate(texts) if SEED_STATEMENT in page and "Correct:" not in page]
    appendix = next(i for i, page in enumerate(texts) if re.search(r"APPENDIX A ANSWER KEY", page))
    key_pages = [i for i, page in enumerate(texts) if f"Correct: {SEED_STATEMENT}" in page]
    assert question_pages and key_pages
    # The statements sit in their chapter, boxes to tick and no verdict...
    chapter = texts[question_pages[0]]
    assert "RESEARCH VS PRODUCTION" in chapter or "Research vs production" in chapter
    assert "Answer: in the answer key at the end of the book" in chapter
    # ... and their key entry in the appendix, after every chapter.
    assert question_pages[0] < appendix <= key_pages[0]
    # The entry names the question by the number and title its box shows.
    number = re.search(r"Question (\d+\.\d+): Research vs production", chapter)
    assert number, chapter
    entry = texts[key_pages[0]]
    assert re.search(rf"Question {re.escape(number[1])}: Research vs production \(page \d+\)", entry)
    # Readings print their URL (LaTeX may break it across lines).
    readings = "".join("".join(texts[key_pages[0] : key_pages[0] + 3]).split())
    assert "https://www.coursera.org/learn/machine-learning-data-lifecycle-in-production" in readings
