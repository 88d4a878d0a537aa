"""The quiz directive gives one doctree, whatever the markup it is written in."""

from __future__ import annotations

import pytest

from sphinx_quizbook import nodes as qn
from tests.doctrees import canonical
from tests.snapshots import assert_snapshot

TASKLIST_ON = {"myst_enable_extensions": ["colon_fence", "dollarmath", "tasklist"]}


def _quizzes(app):
    """The quizzes as a page is written, with their boxes and the key's verdicts
    as nodes (the pseudo-XML builder: HTML draws those in its writer)."""
    app.build()
    assert app.warning.getvalue() == ""
    return canonical(app.env.get_and_resolve_doctree("index", app.builder, tags=app.builder.tags))


@pytest.mark.sphinx("pseudoxml", testroot="core-myst")
def test_myst_doctree_matches_snapshot(app):
    assert_snapshot("core-quiz.txt", _quizzes(app))


@pytest.mark.sphinx("pseudoxml", testroot="core-myst", confoverrides=TASKLIST_ON)
def test_myst_tasklist_on_reads_the_same_markers(app):
    assert_snapshot("core-quiz.txt", _quizzes(app))


@pytest.mark.sphinx("pseudoxml", testroot="core-rst")
def test_rst_doctree_matches_myst(app):
    assert_snapshot("core-quiz.txt", _quizzes(app))


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
