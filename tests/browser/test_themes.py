"""The quiz in the themes Sphinx books use besides Furo: it works, looks
like part of the page and stays accessible, in each theme's light and dark.

One small book (``test-theme-quiz``) is built once per theme. The PyData
themes are switched the way their toggle does it (``localStorage.mode``),
against the system's colour scheme, so the quiz must follow the theme's
``data-theme`` and not the system.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import require

from .conftest import AXE, REPO, build_html
from .pages import SHOWN
from .test_accessibility import TAGS

pytestmark = pytest.mark.browser

THEME_ROOT = REPO / "tests" / "roots" / "test-theme-quiz"

#: html_theme -> the Python package that provides it.
THEMES = {
    "alabaster": "alabaster",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
    "furo": "furo",
}
#: (theme, mode): the modes each theme has.
CASES = [
    ("alabaster", "light"),
    ("sphinx_rtd_theme", "light"),
    ("pydata_sphinx_theme", "light"),
    ("pydata_sphinx_theme", "dark"),
    ("sphinx_book_theme", "light"),
    ("sphinx_book_theme", "dark"),
    ("furo", "light"),
    ("furo", "dark"),
]
QUIZ = "#quiz-planets"
OPPOSITE = {"light": "dark", "dark": "light"}


@pytest.fixture(scope="session")
def theme_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each theme's build of the one-quiz book, made when first asked for."""
    return {}


def site_for(theme_sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, theme: str) -> Path:
    require(importlib.util.find_spec(THEMES[theme]) is not None, f"{THEMES[theme]} is not installed")
    if theme not in theme_sites:
        out = tmp_path_factory.mktemp(f"theme-{theme}") / "html"
        theme_sites[theme] = build_html(THEME_ROOT, out, "-D", f"html_theme={theme}")
    return theme_sites[theme]


def open_in_mode(new_page: Any, base: str, theme: str, mode: str) -> tuple[Any, Any]:
    """The page in *mode*, chosen the way each theme's reader chooses it."""
    if theme in {"pydata_sphinx_theme", "sphinx_book_theme"}:
        # The theme's toggle, against the system's preference.
        page, console = new_page(color_scheme=OPPOSITE[mode])
        page.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    elif theme == "furo":
        page, console = new_page(color_scheme=OPPOSITE[mode])
        page.add_init_script(f"localStorage.setItem('theme', '{mode}')")
    else:
        page, console = new_page(color_scheme=mode)
    page.goto(f"{base}/index.html")
    return page, console


def quiz_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.2 AA findings inside the quiz.

    The themes have findings of their own elsewhere on the page (Alabaster's
    and RTD's footers, the PyData search button's name): not ours to fix.
    """
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "([tags, quiz]) => axe.run({include: [quiz]}, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ' at ' + n.target.join(' '))))",
        [TAGS, QUIZ],
    )
    return list(found)


def verdicts(page: Any) -> list[str]:
    return [result.evaluate(SHOWN) for result in page.locator(f"{QUIZ} .quiz-result").all()]


@pytest.mark.parametrize(("theme", "mode"), CASES, ids=[f"{theme}-{mode}" for theme, mode in CASES])
def test_the_loop_works_and_passes_axe_in_each_theme(new_page, serve, theme_sites, tmp_path_factory, theme, mode):
    require(AXE.exists(), "axe-core is not installed: npm ci --prefix tests/browser")
    site = site_for(theme_sites, tmp_path_factory, theme)
    page, console = open_in_mode(new_page, serve(site), theme, mode)
    if theme != "alabaster" and theme != "sphinx_rtd_theme":
        root_theme = page.evaluate("() => document.body.dataset.theme || document.documentElement.dataset.theme")
        assert root_theme == mode
    quiz = page.locator(QUIZ)
    found = {"before": quiz_violations(page)}

    quiz.get_by_role("checkbox", name="Mars.").check()
    quiz.get_by_role("checkbox", name="The Moon.").check()
    quiz.get_by_role("button", name="Check").click()
    assert verdicts(page) == ["✓ Correct statement, chosen", "✗ Incorrect statement, chosen"]
    assert quiz.locator("details.quiz-answer").get_attribute("open") is None
    found["after Check"] = quiz_violations(page)

    quiz.get_by_role("checkbox", name="The Moon.").uncheck()
    assert verdicts(page) == []
    quiz.get_by_role("checkbox", name="Venus.").check()
    quiz.get_by_role("button", name="Check").click()
    assert quiz.locator(".quiz-status").inner_text() == "Solved: you chose exactly the correct statements."
    quiz.locator("summary").click()
    assert len(verdicts(page)) == 4
    found["with the answer open"] = quiz_violations(page)

    report = [f"{when}: {finding}" for when, findings in found.items() for finding in findings]
    assert report == [], f"{theme} {mode}:\n" + "\n".join(report)
    # Chromium asks every server for /favicon.ico; the themes ship none.
    assert [error for error in console.errors if "404" not in error] == []


@pytest.mark.parametrize(("theme", "mode"), CASES, ids=[f"{theme}-{mode}" for theme, mode in CASES])
def test_the_quiz_looks_like_part_of_each_theme(new_page, serve, theme_sites, tmp_path_factory, theme, mode):
    """No bullets or theme list indents on the statements; the quiz's
    background is the page's own, light or dark; the verdicts' tone follows."""
    site = site_for(theme_sites, tmp_path_factory, theme)
    page, _console = open_in_mode(new_page, serve(site), theme, mode)
    quiz = page.locator(QUIZ)
    item = quiz.locator(".quiz-statement").first
    assert item.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    assert item.evaluate("e => getComputedStyle(e).marginLeft") == "0px"
    assert quiz.locator(".quiz-title").evaluate("e => e.getBoundingClientRect().width > 0")
    background = quiz.evaluate("e => getComputedStyle(e).backgroundColor")
    darkness = page.evaluate(
        "colour => { const [r, g, b] = colour.match(/\\d+/g).map(Number); return (r + g + b) / 3 < 128; }", background
    )
    assert darkness == (mode == "dark"), background
    # Native controls are drawn for the same scheme.
    assert quiz.evaluate("e => getComputedStyle(e).colorScheme") == mode
    quiz.get_by_role("checkbox", name="The Moon.").check()
    quiz.get_by_role("button", name="Check").click()
    tone = quiz.locator(".quiz-result").evaluate("e => getComputedStyle(e).color")
    assert tone == {"light": "rgb(179, 38, 30)", "dark": "rgb(255, 138, 128)"}[mode]
    # Nothing sideways on a phone.
    page.set_viewport_size({"width": 320, "height": 640})
    box = quiz.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
