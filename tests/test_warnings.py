"""Bad input: a located, typed, silenceable warning, and nothing else lost."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest

GOOD = """
::::{quiz} Good
- [x] The good quiz survives.
::::
"""

# name: (page body, line of the warning, subtype, words in the message)
CASES = {
    "no-statements": ("::::{quiz} T\nJust a prompt.\n::::", 3, "statements", "no statements"),
    "no-marker": ("::::{quiz}\n- [x] ok\n- no marker\n::::", 5, "marker", "statement 2: no [x] or [ ] marker"),
    "unknown-marker-v": ("::::{quiz}\n- [v] odd\n::::", 4, "marker", "unknown marker '[v]'"),
    "unknown-marker-space": ("::::{quiz}\n- [ x] odd\n::::", 4, "marker", "unknown marker '[ x]'"),
    "empty-statement": ("::::{quiz}\n- [x]\n::::", 4, "marker", "statement 1 has no visible text"),
    "two-lists": ("::::{quiz}\n- [x] a\n\nbetween\n\n- [ ] b\n::::", 8, "statements", "one statement list"),
    "answer-outside": (":::{answer}\nA\n:::", 3, "answer", "'answer' must sit directly inside a quiz"),
    "answer-twice": (
        "::::{quiz}\n- [x] a\n\n:::{answer}\nA\n:::\n\n:::{answer}\nB\n:::\n::::",
        10,
        "answer",
        "one answer",
    ),
    "readings-outside": (":::{readings}\n- [x](https://e.org)\n:::", 3, "readings", "'readings' must sit"),
    "readings-twice": (
        "::::{quiz}\n- [x] a\n\n:::{readings}\n- [a](https://a.org)\n:::\n"
        ":::{readings}\n- [b](https://b.org)\n:::\n::::",
        9,
        "readings",
        "one readings list",
    ),
    "reading-without-link": (
        "::::{quiz}\n- [x] a\n\n:::{readings}\n- just words\n:::\n::::",
        7,
        "readings",
        "reading without a link: 'just words'",
    ),
    "nested": ("::::{quiz}\n- [x] a\n\n:::{quiz}\n- [x] b\n:::\n::::", 6, "nested", "a quiz inside a quiz"),
    "unknown-option": ("::::{quiz}\n:colour: red\n\n- [x] a\n::::", 3, "option", "unknown quiz option 'colour'"),
    "bad-option-value": ("::::{quiz}\n:tags:\n\n- [x] a\n::::", 3, "option", "bad value for quiz option 'tags'"),
    "empty-name": ("::::{quiz}\n:name:\n\n- [x] a\n::::", 3, "option", "bad value for quiz option 'name'"),
    "duplicate-name": (
        "::::{quiz}\n:name: twin\n\n- [x] a\n::::\n\n::::{quiz}\n:name: twin\n\n- [x] b\n::::",
        9,
        "duplicate",
        "duplicate quiz name 'twin'",
    ),
    "empty": ("::::{quiz}\n::::", 3, "empty", "empty quiz"),
    "raw-html": ("::::{quiz}\n- [x] <b>bold</b> claim\n::::", 4, "unsafe", "raw markup in a quiz is shown as text"),
    "numbered-list": ("::::{quiz}\n1. [x] a\n2. [ ] b\n::::", 4, "statements", "write them as a '-' bullet list"),
    "marker-without-space": ("::::{quiz}\n- [x]A tomato\n::::", 4, "marker", "a space is missing after '[x]'"),
    "inner-fence-as-long": (
        ":::{quiz}\n- [x] a\n\n::::{answer}\nA\n::::\n:::",
        6,
        "fence",
        "the {answer} fence (4 characters) is not closed inside the quiz",
    ),
    "no-closing-fence": ("::::{quiz} T\n- [x] a\n\n## Later\n\nText", 3, "fence", "'Later' (line"),
    "indented-list": ("::::{quiz}\n    - [x] a\n    - [ ] b\n::::", 4, "statements", "became a code block"),
    "repeated-statement": ("::::{quiz}\n- [x] Same.\n- [ ] Same.\n::::", 5, "statements", "repeats statement 1"),
    "invisible-statement": ("::::{quiz}\n- [x] a\n- [ ] \u200b\u2060\n::::", 5, "marker", "no visible text"),
    "old-explanation": (
        "::::{quiz}\n- [x] a\n\n  Because.\n::::",
        4,
        "explanation",
        "put them in an 'explanation' directive",
    ),
    "explanation-outside": (
        "::::{quiz}\n- [x] a\n\n```{explanation}\nB\n```\n::::",
        6,
        "explanation",
        "'explanation' must sit inside a statement",
    ),
}


def _project(tmp_path: Path, body: str, suffix: str = ".md") -> Path:
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_quizbook"]\nmyst_enable_extensions = ["colon_fence"]\n'
        "show_warning_types = True\n"
    )
    (tmp_path / f"index{suffix}").write_text(body)
    return tmp_path


def _warnings(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_located_typed_and_loses_nothing(case, make_app, tmp_path):
    body, line, subtype, words = CASES[case]
    srcdir = _project(tmp_path, f"# Page\n\nBefore.\n\n{GOOD}\n{body}\n\nAfter.\n".replace("\n\n\n", "\n\n"))
    # Put the case at a known line: the header above takes its lines away.
    source = (srcdir / "index.md").read_text()
    offset = source[: source.index(body)].count("\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = _warnings(app)
    assert len(warnings) == 1, warnings
    match = re.search(r"index\.md:(\d+): WARNING: (.*) \[quiz\.(\w+)\]", warnings[0])
    assert match, warnings[0]
    assert (int(match[1]) - offset, match[3]) == (line - 2, subtype), warnings[0]
    assert words in match[2]
    html = (app.outdir / "index.html").read_text()
    for kept in ("Before.", "After.", "The good quiz survives."):
        assert kept in html


@pytest.mark.parametrize("case", ["no-marker", "unknown-option", "answer-outside", "duplicate-name"])
def test_suppress_warnings_silences_a_subtype(case, make_app, tmp_path):
    body, _line, subtype, _words = CASES[case]
    srcdir = _project(tmp_path, body)
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": [f"quiz.{subtype}"]})
    app.build()
    assert _warnings(app) == []


RST_CASES = {
    "unknown-option": (".. quiz::\n   :colour: red\n\n   - [x] a\n", 1, "option"),
    "no-marker": (".. quiz::\n\n   - [x] a\n   - none\n", 4, "marker"),
    "answer-outside": (".. answer::\n\n   A\n", 1, "answer"),
    "unsafe-link": (".. quiz::\n\n   - [x] `a <javascript:alert(1)>`__\n", 3, "unsafe"),
    # docutils gives an image's target link no line: the quiz's is used.
    "image-target": (
        ".. quiz::\n\n   .. image:: https://example.org/x.png\n      :target: javascript:alert(1)\n\n   - [x] a\n",
        1,
        "unsafe",
    ),
}


@pytest.mark.parametrize("case", RST_CASES)
def test_rst_bad_input_is_located_and_typed(case, make_app, tmp_path):
    body, line, subtype = RST_CASES[case]
    srcdir = _project(tmp_path, dedent(body), suffix=".rst")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = _warnings(app)
    assert len(warnings) == 1, warnings
    assert f"index.rst:{line}: WARNING:" in warnings[0]
    assert warnings[0].endswith(f"[quiz.{subtype}]")


def test_broken_reference_in_a_statement_is_reported_once(make_app, tmp_path):
    # The answer key repeats each statement; the copy must not warn again.
    srcdir = _project(tmp_path, "# Page\n\n::::{quiz}\n- [x] See {doc}`missing`.\n::::\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = _warnings(app)
    assert len(warnings) == 1 and "index.md:4:" in warnings[0] and "missing" in warnings[0], warnings


def test_quiz_may_share_its_name_with_the_page_title(make_app, tmp_path):
    srcdir = _project(tmp_path, "# Colours\n\n::::{quiz}\n:name: colours\n\n- [x] Red.\n::::\n\nSee {ref}`colours`.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert _warnings(app) == []
    assert 'href="#quiz-colours"' in (app.outdir / "index.html").read_text()
