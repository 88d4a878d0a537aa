"""Make the screenshots the README and the themes guide show.

Run from the repository's root: ``python -m tests.browser.screenshots``.
It builds the book and the one-quiz theme book, opens them in Debian's
chromium, ticks one correct and one incorrect statement, presses Check and
saves:

- ``_static/quiz-screenshot-light.png``, ``-dark.png`` and ``-narrow.png``
  (390 px wide): the seed question of the book;
- ``_static/themes/<theme>-<mode>.png``: the page in each theme of
  ``test_themes.py``.

Random order and the clock do not enter: the pictures change only when the
quiz's look does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.helpers import CHROMIUM, CHROMIUM_ARGS

from .conftest import REPO, build_html
from .pages import DRAW_EVERYTHING
from .test_themes import CASES, OPPOSITE, THEME_ROOT

STATIC = REPO / "_static"
SEED = "docs/questions/research-vs-production.html"


def partly_right(quiz: Any) -> None:
    """One correct and one incorrect statement ticked, then Check."""
    items = quiz.locator(":scope > .quiz-question > .quiz-statements > .quiz-statement").all()
    right = next(item for item in items if item.get_attribute("data-correct") == "true")
    wrong = next(item for item in items if item.get_attribute("data-correct") == "false")
    for item in (right, wrong):
        item.locator(".quiz-checkbox").check()
    quiz.locator(":scope > .quiz-actions > .quiz-check").click()
    quiz.page.mouse.move(0, 0)


def seed_shots(browser: Any, book: Path) -> None:
    shots = {"light": (1000, "light"), "dark": (1000, "dark"), "narrow": (390, "light")}
    for name, (width, scheme) in shots.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto((book / SEED).as_uri())
        # Furo's sticky header and buttons would float over a picture of one element.
        page.add_style_tag(content=".mobile-header, .back-to-top, .skip-to-content { display: none !important; }")
        quiz = page.locator(".quiz").first
        partly_right(quiz)
        quiz.screenshot(path=str(STATIC / f"quiz-screenshot-{name}.png"), animations="disabled")
        context.close()


def theme_shots(browser: Any, work: Path) -> None:
    folder = STATIC / "themes"
    folder.mkdir(exist_ok=True)
    sites: dict[str, Path] = {}
    for theme, mode in CASES:
        if theme not in sites:
            sites[theme] = build_html(THEME_ROOT, work / theme, "-D", f"html_theme={theme}")
        scheme = mode if theme in {"alabaster", "sphinx_rtd_theme"} else OPPOSITE[mode]
        context = browser.new_context(viewport={"width": 1100, "height": 760}, color_scheme=scheme)
        # Each theme's own stored choice, as its toggle leaves it.
        context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}')")
        page = context.new_page()
        page.goto((sites[theme] / "index.html").as_uri())
        partly_right(page.locator("#quiz-planets"))
        page.evaluate("() => window.scrollTo(0, 0)")
        page.evaluate(DRAW_EVERYTHING)  # not left for a frame after the scroll
        page.screenshot(path=str(folder / f"{theme}-{mode}.png"), animations="disabled")
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        work = Path(temporary)
        book = build_html(REPO, work / "book")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        seed_shots(browser, book)
        theme_shots(browser, work / "themes")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
