"""The quiz directive gives one doctree, whatever the markup it is written in."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from sphinx_quizbook import directives
from sphinx_quizbook import nodes as qn
from sphinx_quizbook.compat import resolved_doctree
from tests.conftest import ROOTS
from tests.doctrees import canonical

TASKLIST_ON = {"myst_enable_extensions": ["colon_fence", "dollarmath", "tasklist"]}


def _quizzes(make_app, tmp_path, testroot: str, **confoverrides) -> str:
    """The quizzes of a test root's index as a page is written, with their
    boxes and the key's verdicts as nodes (the pseudo-XML builder: HTML
    draws those in its writer), in a form that ignores how each parser
    decorates its nodes."""
    srcdir = tmp_path / f"{testroot}-{len(confoverrides)}"
    shutil.copytree(ROOTS / f"test-{testroot}", srcdir)  # builds stay out of the repository
    app = make_app("pseudoxml", srcdir=srcdir, confoverrides=confoverrides, freshenv=True)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return canonical(resolved_doctree(app.builder, "index"))
    finally:
        app.cleanup()  # the next app registers the same node classes


def test_myst_rst_and_tasklist_make_the_same_quizzes(make_app, tmp_path):
    """One quiz, three ways to write it, one doctree: compared with each other
    in the same run, so whatever docutils version prints, they must agree."""
    myst = _quizzes(make_app, tmp_path, "core-myst")
    assert _quizzes(make_app, tmp_path, "core-myst", **TASKLIST_ON) == myst
    assert _quizzes(make_app, tmp_path, "core-rst") == myst


@pytest.mark.sphinx("html", testroot="core-myst")
def test_what_each_statement_holds(app):
    app.build()
    quiz = next(app.env.get_doctree("index").findall(qn.quiz))
    statements = list(quiz.findall(qn.quiz_statement))
    assert [s[0].astext() for s in statements] == ["Two is prime.", "Three is prime.", "Nine is prime."]
    # Explanations go to the answer's key, under their statement's index.
    key = {item["index"]: item.astext() for item in quiz.findall(qn.quiz_key_item)}
    assert key[2] == "Three has no divisors but one and itself."
    assert key[3].startswith("Nine is 3 \\times 3.") and "a nested list stays in the explanation" in key[3]
    assert key[1] == ""
    assert not any(s.next_node(qn.quiz_explanation) for s in statements)


def test_tasklist_keeps_the_marker_of_a_statement_that_starts_with_math(make_app, tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_quizbook"]\n'
        'myst_enable_extensions = ["colon_fence", "dollarmath", "tasklist"]\n'
        'suppress_warnings = ["myst.render"]\n'
    )
    (tmp_path / "index.md").write_text("# T\n\n::::{quiz}\n- [x] $$x^2$$\n- [ ] $$y$$\n- [x] Plain.\n::::\n")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert "quiz" not in app.warning.getvalue()
    statements = list(app.env.get_doctree("index").findall(qn.quiz_statement))
    assert [s["correct"] for s in statements] == [True, False, True]
    # The math is the statement, shown in it, not lost or moved to the answer.
    # (myst-parser 3 keeps the dollars in the text of inline display math.)
    assert [s.astext().strip().strip("$") for s in statements] == ["x^2", "y", "Plain."]
    html = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    shown = [item.get_text(" ", strip=True) for item in html.select("li.quiz-statement")]
    assert "x^2" in shown[0] and "y" in shown[1]


@pytest.mark.sphinx("html", testroot="core-myst")
def test_markers_set_correctness(app):
    app.build()
    quizzes = list(app.env.get_doctree("index").findall(qn.quiz))
    marks = [[s["correct"] for s in quiz.findall(qn.quiz_statement)] for quiz in quizzes]
    # [x], [X], [ ] / an all-false quiz / an all-true quiz: all legal.
    assert marks == [[True, True, False], [False, False], [True, True]]


@pytest.mark.sphinx("html", testroot="core-myst")
def test_domain_records_every_quiz(app):
    app.build()
    entries = list(app.env.get_domain("quiz").entries())
    assert [(e["title"], e["name"], e["statements"], e["correct"]) for e in entries] == [
        ("Which are prime?", "primes", 3, 2),
        ("Question", "", 2, 0),
        ("All true", "", 2, 2),
    ]
    assert entries[2]["tags"] == ["easy", "sky"]


@pytest.mark.sphinx("html", testroot="core-myst")
def test_ref_and_numref_to_a_quiz(app):
    app.build()
    html = (app.outdir / "other.html").read_text()
    assert 'href="index.html#quiz-primes"' in html
    assert "Which are prime?</span>" in html
    assert "Question 1</span>" in html


_TITLES = [
    "Question 1.2: loss and training",
    "Is it 'true', or \"false\"?",
    "Well-known facts; a short list!",
    "Research vs. production",
    "Up to 3.5 points",
    "A -- B and C --- D",
    "Wait... what?",
    "(c) 2026 and (tm)",
    "See example.org or www.example.com",
    "Reference_ and *stress* and `code`",
    "Math $x^2$ and [a link](https://example.org)",
    "A title ending in a dot.",
]


def _titles(make_app, srcdir, markup: str) -> list[str]:
    app = make_app("pseudoxml", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        return [title.pformat() for title in app.env.get_doctree(markup).findall(qn.quiz_title)]
    finally:
        app.cleanup()


@pytest.mark.parametrize("markup", ["myst", "rst"])
def test_a_title_left_unparsed_reads_as_a_parsed_one(make_app, tmp_path, monkeypatch, markup):
    """Titles of plain words are not parsed (they are their own text); every
    other title is. Either way the title must be what the parser makes of it,
    with MyST's typography on."""
    extensions = ["colon_fence", "replacements", "smartquotes"]
    (tmp_path / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_quizbook"]\nmyst_enable_extensions = {extensions!r}\n'
    )
    fence = ":::{quiz} %s\n- [x] Yes.\n:::\n" if markup == "myst" else ".. quiz:: %s\n\n   - [x] Yes.\n"
    (tmp_path / f"{markup}.{'md' if markup == 'myst' else 'rst'}").write_text(
        "Titles\n======\n\n" + "\n".join(fence % title for title in _TITLES)
    )
    (tmp_path / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n   {markup}\n")
    # The test must exercise both ways: some titles are taken as they are, some parsed.
    taken = [title for title in _TITLES if directives._PLAIN_TITLE.fullmatch(title)]
    assert 0 < len(taken) < len(_TITLES)
    fast = _titles(make_app, tmp_path, markup)
    monkeypatch.setattr(directives, "_PLAIN_TITLE", re.compile("(?!)"))  # every title parsed
    parsed = _titles(make_app, tmp_path, markup)
    assert len(parsed) == len(_TITLES)
    assert fast == parsed
