"""Robustness: random quiz bodies and hostile text never break a build.

The property tests write one page per Hypothesis example into a copy of the
``test-props-base`` root and build it with Sphinx's test app. Whatever the
body (wrong markers, nesting, empty parts, Unicode, markup, huge text), the
build must not raise, every quiz problem must be a located warning of type
``quiz``, and the paragraphs around the quiz must reach the HTML.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from tests.conftest import ROOTS

BASE = ROOTS / "test-props-base"
BEFORE, AFTER = "SENTINELBEFORE", "SENTINELAFTER"

# A warning line as Sphinx writes it: "path:line: WARNING: message [type.subtype]".
_WARNING = re.compile(r"^(?P<where>.*?): (?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*)$")
_LOCATED = re.compile(r":\d+$")
_QUIZ_TYPE = re.compile(r"\[quiz\.(?P<subtype>[a-z]+)\]$")

# --- strategies ------------------------------------------------------------

_TEXT_ALPHABET = st.characters(
    # No control characters or surrogates: a page is text a person typed.
    blacklist_categories=("Cc", "Cs"),
    blacklist_characters="\u2028\u2029\x85",
)
_markup = st.sampled_from(
    [
        "**bold**",
        "*em*",
        "`code`",
        "$x^2$",
        "[link](https://example.org)",
        "[bad](javascript:alert(1))",
        "<b>raw</b>",
        "<script>alert(1)</script>",
        "{doc}`index`",
        "{ref}`missing-label`",
        "\\input{/etc/passwd}",
        "[x]",
        "- [ ]",
        ":::",
        "{quiz}",
        "&amp; < > \" '",
        "😀 ünïcödé مرحبا 中文",
        "",
    ]
)
_words = st.lists(
    st.one_of(
        st.text(_TEXT_ALPHABET, min_size=1, max_size=12).map(lambda s: s.replace("\n", " ")),
        _markup,
    ),
    max_size=8,
).map(" ".join)
_markers = st.sampled_from(["[x]", "[X]", "[ ]", "[v]", "[]", "[ x]", "[xx]", "", "x", "[x]   ", "[  ]"])


@dataclass
class Body:
    """A generated quiz body and the statement tokens that must survive."""

    lines: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


@st.composite
def _statement_list(draw: st.DrawFn, counter: list[int]) -> Body:
    body = Body()
    for _ in range(draw(st.integers(0, 5))):
        counter[0] += 1
        token = f"tok{counter[0]}z"
        marker = draw(_markers)
        huge = draw(st.sampled_from([0, 0, 0, 2000]))
        text = f"{token} {draw(_words)}" + " long" * huge
        body.lines.append(f"- {marker} {text}".rstrip())
        body.tokens.append(token)
        if draw(st.booleans()):
            body.lines += ["", f"  {draw(_words)}"]
        body.lines.append("")
    return body


@st.composite
def quiz_body(draw: st.DrawFn, depth: int = 0, counter: list[int] | None = None) -> Body:
    """Lines of a quiz directive (fences included) and its statement tokens."""
    counter = counter if counter is not None else [0]
    fence = ":" * (7 - depth)  # outer fences longer than inner ones, as MyST wants
    body = Body()
    title = draw(st.one_of(st.just(""), _words))
    body.lines.append(f"{fence}{{quiz}} {title}".rstrip())
    for option in draw(
        st.lists(
            st.sampled_from(
                [":shuffle:", ":tags: a, b", ":tags:", ":name: same-name", ":class: extra", ":bogus: 1", ":name:"]
            ),
            max_size=3,
            unique=True,
        )
    ):
        body.lines.append(option)
    body.lines.append("")
    parts = st.sampled_from(["prompt", "statements", "answer", "readings", "empty", "nested"])
    for part in draw(st.lists(parts, max_size=6)):
        if part == "prompt":
            body.lines += [draw(_words), ""]
        elif part == "statements":
            statements = draw(_statement_list(counter))
            body.lines += statements.lines
            body.tokens += statements.tokens
        elif part == "answer":
            body.lines += [":::{answer}", draw(_words), ":::", ""]
        elif part == "readings":
            body.lines += [":::{readings}", f"- {draw(_words)}", "- [ok](https://example.org)", ":::", ""]
        elif part == "empty":
            body.lines += [":::{answer}", ":::", ""]
        elif part == "nested" and depth < 2:
            inner = draw(quiz_body(depth + 1, counter))
            body.lines += [*inner.lines, ""]
            body.tokens += inner.tokens
    body.lines.append(fence)
    return body


# --- building ----------------------------------------------------------------


def build_page(text: str, buildername: str = "html") -> tuple[str, str]:
    """Build a one-page book with *text* as its page; (output, warnings)."""
    with tempfile.TemporaryDirectory(prefix="props-") as tmp:
        srcdir = Path(tmp) / "src"
        shutil.copytree(BASE, srcdir)
        (srcdir / "index.md").write_text(text, encoding="utf-8")
        app = SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO())
        try:
            app.build()
            output = (app.outdir / "index.html").read_text(encoding="utf-8")
            return output, app.warning.getvalue()
        finally:
            app.cleanup()


def page(body: Body) -> str:
    """The page around a quiz body: a title and a sentinel on either side."""
    return "\n".join(["# Page", "", f"{BEFORE} paragraph.", "", *body.lines, "", f"{AFTER} paragraph.", ""])


def quiz_warning_problems(warnings: str) -> list[str]:
    """Warning lines without a ``file:line``, or about quizzes without their type."""
    problems = []
    for line in strip_escape_sequences(warnings).splitlines():
        match = _WARNING.match(line)
        if match is None:
            continue
        message, where = match["message"], match["where"]
        # Every warning, ours or not, must say where the problem is.
        if not _LOCATED.search(where):
            problems.append(f"no file:line: {line}")
        if "quiz" in message.lower() and not _QUIZ_TYPE.search(message):
            problems.append(f"no [quiz.<subtype>]: {line}")
    return problems


# --- properties --------------------------------------------------------------


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    database=None,
)
@given(body=quiz_body())
def test_random_quiz_bodies_build_and_lose_nothing(body: Body) -> None:
    html, warnings = build_page(page(body))
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings
    assert quiz_warning_problems(warnings) == []
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text()
    assert BEFORE in text and AFTER in text, warnings
    # Every statement the contributor wrote is still on the page, warned about or not.
    for token in body.tokens:
        assert token in text, (token, warnings)


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(text=st.text(_TEXT_ALPHABET, max_size=80))
def test_any_text_as_a_statement_builds(text: str) -> None:
    """One statement of arbitrary text (Unicode, markup, nothing) never breaks a build."""
    line = text.replace("\n", " ")
    body = Body(lines=["::::{quiz}", "", f"- [x] {line}", "- [ ] tokfixedz", "::::"], tokens=["tokfixedz"])
    html, warnings = build_page(page(body))
    assert quiz_warning_problems(warnings) == []
    text_out = BeautifulSoup(html, "html.parser").get_text()
    assert BEFORE in text_out and AFTER in text_out and "tokfixedz" in text_out


def test_quiz_warning_problems_finds_unlocated_and_untyped() -> None:
    """The checker above must be able to fail, or the properties prove nothing."""
    good = "/x/index.md:3: WARNING: quiz statement 1: no [x] or [ ] marker [quiz.marker]"
    unlocated = "/x/index.md: WARNING: quiz statement 1: no marker [quiz.marker]"
    untyped = "/x/index.md:3: WARNING: quiz has no statements"
    assert quiz_warning_problems(good) == []
    assert len(quiz_warning_problems(unlocated)) == 1
    assert len(quiz_warning_problems(untyped)) == 1


# --- hostile text ------------------------------------------------------------

_PAYLOADS_HTML = ("<script>alert('title')</script>", "<script>alert('prompt')</script>", "onerror=alert(1)")
_LATEX_COMMANDS = ("input", "write18", "include", "openout", "immediate", "catcode", "def")


def _assert_inert_html(markup: str) -> None:
    soup = BeautifulSoup(markup, "html.parser")
    quiz = soup.select_one("div.quiz")
    assert quiz is not None
    assert quiz.find_all(["script", "img", "iframe", "object", "embed", "b"]) == []
    for tag in soup.find_all(True):
        assert not any(attribute.lower().startswith("on") for attribute in tag.attrs), tag
        for attribute in ("href", "src", "action", "formaction"):
            value = re.sub(r"[\x00-\x20]", "", str(tag.get(attribute, ""))).lower()
            assert not value.startswith("javascript:"), tag
    # SmartQuotes curls the quotes of text; the payload is text, so it is curled too.
    text = quiz.get_text().translate(str.maketrans("‘’“”", "''\"\""))
    for payload in _PAYLOADS_HTML:
        assert payload in text
    assert "SENTINEL-BEFORE" in soup.get_text() and "SENTINEL-AFTER" in soup.get_text()


@pytest.mark.sphinx("html", testroot="props-hostile")
def test_hostile_text_is_inert_in_html(app: SphinxTestApp) -> None:
    app.build()
    _assert_inert_html((app.outdir / "index.html").read_text(encoding="utf-8"))
    warnings = app.warning.getvalue()
    assert "[quiz.unsafe]" in warnings
    assert quiz_warning_problems(warnings) == []


@pytest.mark.sphinx("epub", testroot="props-hostile")
def test_hostile_text_is_inert_in_epub(app: SphinxTestApp) -> None:
    app.build()
    _assert_inert_html((app.outdir / "index.xhtml").read_text(encoding="utf-8"))
    # EPUB readers run scripts too: the book gets none of ours.
    assert "sphinx-quizbook.js" not in (app.outdir / "index.xhtml").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="props-hostile")
def test_hostile_text_is_inert_in_latex(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "hostile.tex").read_text(encoding="utf-8")
    # From the page's first paragraph to the end: the quiz and its answer key.
    body = tex[tex.index("SENTINEL\\sphinxhyphen{}BEFORE") : tex.index("\\end{document}")]
    assert "SENTINEL\\sphinxhyphen{}AFTER" in body
    for command in _LATEX_COMMANDS:
        # Each payload is there as text, its backslash escaped...
        assert f"\\textbackslash{{}}{command}" in body, command
    # ...and never as a live command.
    live = re.findall(r"(?<!\\textbackslash\{\})\\(?:" + "|".join(_LATEX_COMMANDS) + r")(?![a-zA-Z])", body)
    assert live == []
    assert "\\href{javascript" not in body and "\\url{javascript" not in body
