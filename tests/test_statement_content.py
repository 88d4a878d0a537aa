"""Statements that hold code, display math, an image, a table or several
paragraphs: shown with their statement in every output and in the exports.

The same quiz is written twice, in MyST (``myst.md``) and in
reStructuredText (``rest.rst``), so each test reads both.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_quizbook.export import SCHEMA_FILE
from tests.book import latexmk, pdf_pages
from tests.conftest import ROOTS
from tests.test_epub import epubcheck
from tests.test_export import read_gift
from tests.test_text_outputs import makeinfo

PAGES = ("myst", "rest")
#: The statements' first paragraphs, in order, and what follows each.
STATEMENTS = (
    "This code prints 3:",
    "This formula is the area of a circle:",
    "This picture is a square:",
    "This table lists two primes:",
    "A statement in two paragraphs.",
)
EXPLANATION = "That is its circumference"
#: MyST's own words when tasklist finds no paragraph to put its box in; the
#: quiz reads the marker from the source then (statements.py).
TASKLIST_NOTE = "Tasklist item has no leading paragraph for checkbox"


def _build(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


def _question_and_key(text: str, key_heading: str) -> tuple[str, str]:
    question, key = text.split(key_heading, 1)
    return question, key


def _in_order(text: str, *parts: str) -> bool:
    """Whether *parts* occur in *text* one after the other."""
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position == -1:
            return False
        position += len(part)
    return True


# -- HTML --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="statement-content")
def test_html_statement_holds_its_blocks_and_the_key_its_explanations(app: SphinxTestApp) -> None:
    _build(app)
    for page in PAGES:
        soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        quiz = soup.select_one("div.quiz")
        statements = quiz.select("li.quiz-statement")
        assert [s.select_one(".quiz-statement-text").get_text(" ", strip=True) for s in statements] == list(STATEMENTS)
        bodies = [s.select_one(".quiz-statement-body") for s in statements]
        assert "print" in bodies[0].select_one("pre").get_text()
        assert bodies[1].select_one("div.math") is not None
        assert bodies[2].select_one("img")["alt"] == "a grey square"
        assert [td.get_text(strip=True) for td in bodies[3].select("td")] == ["4", "no", "9", "no"]
        assert bodies[4].get_text(strip=True) == "Its second paragraph says more."
        # The explanation is no part of the statement: it waits in the answer.
        assert EXPLANATION not in quiz.select_one(".quiz-statements").get_text()
        items = quiz.select(".quiz-key > li")
        explained = [item["data-index"] for item in items if item.select_one(".quiz-explanation")]
        assert explained == ["2", "5"]
        assert [s["data-correct"] for s in statements] == ["true", "false", "true", "false", "true"]


# -- LaTeX and the PDF -------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="statement-content")
def test_tex_blocks_sit_in_their_statement(app: SphinxTestApp) -> None:
    _build(app)
    tex = (app.outdir / "content.tex").read_text(encoding="utf-8")
    question, key = tex.split(r"\appendix")
    lists = re.findall(r"\\begin\{sphinxquizstatements\}(.*?)\\end\{sphinxquizstatements\}", question, re.S)
    assert len(lists) == 3  # two quizzes, and between them the one of math only
    for statements in (lists[0], lists[2]):
        items = statements.split(r"\item {}")[1:]
        assert len(items) == 5
        assert r"\begin{sphinxVerbatim}" in items[0]
        assert r"\begin{equation*}" in items[1] and EXPLANATION not in items[1]
        assert r"\sphinxincludegraphics" in items[2]
        assert r"\begin{tabulary}" in items[3]
        assert "Its second paragraph says more." in items[4]
    assert key.count(EXPLANATION) == 2


@pytest.mark.latex
def test_pdf_shows_the_blocks_with_their_statement(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-statement-content", source)
    app = SphinxTestApp("latex", srcdir=source)
    try:
        _build(app)
        outdir = app.outdir
    finally:
        app.cleanup()
    latexmk(outdir)
    pages = pdf_pages(outdir / "content.pdf")
    text = " ".join(pages)
    question, key = text.split("ANSWER KEY", 1)
    for title in ("What does the code print?", "What does the code print, in rST?"):
        start = question.index(title)
        quiz = question[start : question.index("Answer: in the answer key", start)]
        assert _in_order(quiz, STATEMENTS[0], "print(1 + 2)", STATEMENTS[1], "= 2", STATEMENTS[2], STATEMENTS[3])
        assert _in_order(quiz, "number prime 4 no 9 no", STATEMENTS[4], "Its second paragraph says more.")
        assert EXPLANATION not in quiz
    assert key.count(EXPLANATION) == 2


# -- EPUB --------------------------------------------------------------------------


@pytest.mark.sphinx("epub", testroot="statement-content")
def test_epub_shows_the_blocks_and_passes_epubcheck(app: SphinxTestApp) -> None:
    _build(app)
    for page in PAGES:
        xhtml = (app.outdir / f"{page}.xhtml").read_text(encoding="utf-8")
        question, key = xhtml.split('<section class="quiz-answer-key"', 1)
        assert _in_order(question, STATEMENTS[0], "print", STATEMENTS[1], 'class="math', STATEMENTS[2], "<img")
        assert _in_order(question, STATEMENTS[3], "<table", STATEMENTS[4], "Its second paragraph")
        assert EXPLANATION not in question and EXPLANATION in key
    (epub,) = app.outdir.glob("*.epub")
    epubcheck(epub)


# -- text, man, texinfo -----------------------------------------------------------


@pytest.mark.sphinx("text", testroot="statement-content")
def test_text_shows_the_blocks_under_their_box(app: SphinxTestApp) -> None:
    _build(app)
    for page in PAGES:
        question, key = _question_and_key((app.outdir / f"{page}.txt").read_text(encoding="utf-8"), "\nAnswers\n")
        assert _in_order(question, f"[ ] {STATEMENTS[0]}", "print(1 + 2)", f"[ ] {STATEMENTS[1]}", "A = 2 \\pi r")
        assert _in_order(question, f"[ ] {STATEMENTS[2]}", "[image: a grey square]", f"[ ] {STATEMENTS[3]}")
        assert _in_order(question, "| 9", f"[ ] {STATEMENTS[4]}", "    Its second paragraph says more.")
        assert EXPLANATION not in question
        assert _in_order(key, f"[ ] Incorrect: {STATEMENTS[1]}", EXPLANATION, f"[x] Correct: {STATEMENTS[2]}")


@pytest.mark.sphinx("man", testroot="statement-content")
def test_man_page_shows_the_blocks(app: SphinxTestApp) -> None:
    _build(app)
    page = (app.outdir / "content.1").read_text(encoding="utf-8")
    question, key = page.split(".SH ANSWER KEY")
    assert question.count("print(1 + 2)") == 2 and question.count("A = 2 \\epi r") == 2
    # A paragraph that opens a statement's blocks or an explanation is a paragraph of its own.
    assert question.count(".sp\nIts second paragraph says more.") == 2
    assert key.count(f".sp\n{EXPLANATION}") == 2
    assert _in_order(question, STATEMENTS[0], "print(1 + 2)", STATEMENTS[1], STATEMENTS[2], STATEMENTS[3], "prime")
    assert EXPLANATION not in question and key.count(EXPLANATION) == 2


@pytest.mark.sphinx("texinfo", testroot="statement-content")
def test_texinfo_shows_the_blocks_and_compiles(app: SphinxTestApp, tmp_path: Path) -> None:
    _build(app)
    texi = app.outdir / "content.texi"
    question, key = texi.read_text(encoding="utf-8").split("@chapter Answer key")
    assert _in_order(question, STATEMENTS[0], "print(1 + 2)", STATEMENTS[1], "A = 2 \\pi r", STATEMENTS[2])
    assert _in_order(question, STATEMENTS[3], "@multitable", STATEMENTS[4], "Its second paragraph says more.")
    assert EXPLANATION not in question and key.count(EXPLANATION) == 2
    info = makeinfo(texi, tmp_path)
    assert _in_order(info, STATEMENTS[0], "print(1 + 2)", STATEMENTS[1], STATEMENTS[2], STATEMENTS[3])


# -- the exports --------------------------------------------------------------------


def _statements(outdir: Path) -> dict[str, list[dict[str, Any]]]:
    import jsonschema

    export = json.loads((outdir / "quizzes.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(export)) == []
    return {quiz["name"]: quiz["statements"] for quiz in export["quizzes"]}


@pytest.mark.sphinx("quizjson", testroot="statement-content")
def test_json_statement_text_holds_its_blocks(app: SphinxTestApp) -> None:
    _build(app)
    found = _statements(app.outdir)
    for name in ("code-myst", "code-rest"):
        statements = found[name]
        assert statements[0]["text"] == "This code prints 3:\n\nprint(1 + 2)"
        assert statements[0]["blocks"] == [
            {"kind": "paragraph", "text": "This code prints 3:"},
            {"kind": "code", "text": "print(1 + 2)", "language": "python"},
        ]
        assert statements[1]["text"] == "This formula is the area of a circle:\n\nA = 2 \\pi r"
        assert statements[1]["blocks"][1] == {"kind": "math", "text": "A = 2 \\pi r"}
        assert statements[1]["explanation"].startswith(EXPLANATION)
        assert statements[2]["text"] == "This picture is a square:\n\n[image: a grey square]"
        assert statements[2]["blocks"][1] == {"kind": "image", "text": "a grey square"}
        assert statements[3]["text"] == "This table lists two primes:\n\nnumber | prime\n4 | no\n9 | no"
        assert statements[3]["blocks"][1]["kind"] == "table"
        assert statements[4]["text"] == "A statement in two paragraphs.\n\nIts second paragraph says more."
        assert [s["correct"] for s in statements] == [True, False, True, False, True]


@pytest.mark.sphinx("gift", testroot="statement-content")
def test_gift_carries_code_and_math_as_text(app: SphinxTestApp) -> None:
    _build(app)
    questions = {q["title"]: q for q in read_gift((app.outdir / "quizzes.gift").read_text(encoding="utf-8"))}
    for title in ("What does the code print?", "What does the code print, in rST?"):
        choices = [choice["text"]["text"] for choice in questions[title]["choices"]]
        assert choices[0] == "This code prints 3:\n\nprint(1 + 2)"
        assert choices[1] == "This formula is the area of a circle:\n\nA = 2 \\pi r"
        assert choices[3] == "This table lists two primes:\n\nnumber | prime\n4 | no\n9 | no"
        assert questions[title]["choices"][1]["feedback"]["text"].startswith(EXPLANATION)


# -- MyST's tasklist: a statement that starts with display math ---------------------

TASKLIST = {"myst_enable_extensions": ["colon_fence", "dollarmath", "tasklist"]}


def _tasklist_build(builder: str, make_app: Any, tmp_path: Path) -> Path:
    source = tmp_path / builder
    shutil.copytree(ROOTS / "test-statement-content", source)
    app = make_app(builder, srcdir=source, confoverrides=TASKLIST)
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines() if line and TASKLIST_NOTE not in line]
    assert warnings == []
    return app.outdir


@pytest.mark.parametrize("builder", ["html", "epub", "latex", "text", "man", "texinfo", "quizjson", "gift"])
def test_tasklist_math_statement_is_graded_and_shown(builder: str, make_app: Any, tmp_path: Path) -> None:
    outdir = _tasklist_build(builder, make_app, tmp_path)
    if builder in ("html", "epub"):
        page = (outdir / f"myst.{'html' if builder == 'html' else 'xhtml'}").read_text(encoding="utf-8")
        quiz = BeautifulSoup(page, "html.parser").select_one("#quiz-math-only")
        statements = quiz.select("li.quiz-statement")
        assert [s["data-correct"] for s in statements] == ["true", "false"]
        assert [s.select_one(".quiz-statement-body .math").get_text().strip() for s in statements] == [
            "\\[x^2\\]",
            "\\[x^3\\]",
        ]
    elif builder == "latex":
        tex = (outdir / "content.tex").read_text(encoding="utf-8")
        question, key = tex.split(r"\appendix")
        assert re.search(r"\\item \{\}\s*\\begin\{equation\*\}\s*\\begin\{split\}x\^2", question), question
        # The key shows the formula after the verdict, the right box ticked.
        items = key.split(r"\begin{sphinxquizkey}")[2].split(r"\item")[1:3]
        assert items[0].startswith(r"[\sphinxquizchecked]") and "Correct}" in items[0] and "x^2" in items[0]
        assert items[1].startswith(r"[\sphinxquizbox]") and "Incorrect}" in items[1] and "x^3" in items[1]
    elif builder == "text":
        question, key = (outdir / "myst.txt").read_text(encoding="utf-8").split("\nAnswers\n", 1)
        assert re.search(r"\[ \] x\^2\n\n\s*\[ \] x\^3", question)
        assert re.search(r"\[x\] Correct:\n\n\s+x\^2\n\n\[ \] Incorrect:\n\n\s+x\^3", key)
    elif builder in ("man", "texinfo"):
        suffix = "1" if builder == "man" else "texi"
        text = (outdir / f"content.{suffix}").read_text(encoding="utf-8")
        assert text.count("x^2") == 2 and text.count("x^3") == 2  # question and key
    elif builder == "quizjson":
        statements = _statements(outdir)["math-only"]
        assert [(s["text"], s["correct"]) for s in statements] == [("x^2", True), ("x^3", False)]
    else:
        question = next(
            q for q in read_gift((outdir / "quizzes.gift").read_text(encoding="utf-8")) if q["id"].endswith("math-only")
        )
        assert [(c["text"]["text"], c["weight"] > 0) for c in question["choices"]] == [("x^2", True), ("x^3", False)]
