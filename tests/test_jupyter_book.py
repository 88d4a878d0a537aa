"""A Jupyter Book 1 project uses the extension through its ``_config.yml``.

``tests/fixtures/jupyter-book`` is a book as an author sets one up: the seed
question, and the three lines of ``_config.yml`` that the guide shows. It is
built with the real ``jupyter-book`` command (1.0.4, its last release, which
pins Sphinx 7, myst-parser 3 and sphinx-book-theme 1) in a venv of its own,
as HTML and as a PDF, and the HTML's self-check is used in chromium.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.book import pdf_pages
from tests.browser.pages import SHOWN
from tests.conftest import REPO
from tests.helpers import require, require_executable
from tests.test_versions import uv_executable

PROJECT = REPO / "tests" / "fixtures" / "jupyter-book"
JUPYTER_BOOK = "jupyter-book==1.0.4"
PAGE = "research-vs-production.html"
CORRECT = (
    "The data used in a research environment is usually static",
    "The design priority in a research environment is usually higher performance",
)
WRONG = "Research is usually not concerned with fairness"

GUIDE = REPO / "docs" / "guide" / "using-the-extension.md"


def test_the_guide_shows_the_lines_this_book_uses():
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index("## Jupyter Book 1") :]
    (snippet,) = re.findall(r"```yaml\n(.*?)```", section[: section.index("\n## ", 1)], re.DOTALL)
    assert len(snippet.strip().splitlines()) == 3
    # The fixture's config ends with them: all a Jupyter Book needs.
    assert (PROJECT / "_config.yml").read_text(encoding="utf-8").endswith(snippet)


@pytest.fixture(scope="module")
def jupyter_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``jupyter-book`` command of a venv with Jupyter Book 1 and this repository."""
    uv = uv_executable()
    venv = tmp_path_factory.mktemp("jupyter-book") / "venv"
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    install = [uv, "pip", "install", "-q", JUPYTER_BOOK, str(REPO)]
    result = subprocess.run(install, env={**os.environ, "VIRTUAL_ENV": str(venv)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return venv / "bin" / "jupyter-book"


def build(jupyter_book: Path, dest: Path, *options: str) -> Path:
    """Build a copy of the project in *dest*, every warning an error; its ``_build``."""
    shutil.copytree(PROJECT, dest)
    command = [str(jupyter_book), "build", str(dest), "-W", "-n", "--keep-going", *options]
    # Jupyter Book prints its banners with colours; the log is for people.
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return dest / "_build"


@pytest.fixture(scope="module")
def html(jupyter_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(jupyter_book, tmp_path_factory.mktemp("jb-html") / "book") / "html"


@pytest.mark.slow
def test_the_seed_quiz_is_on_its_page_in_the_book_theme(html):
    soup = BeautifulSoup((html / PAGE).read_text(encoding="utf-8"), "html.parser")
    # Jupyter Book's own theme drew the page, and our files are linked.
    assert soup.select_one('link[href*="sphinx-book-theme.css"]')
    assert soup.select_one('link[href*="sphinx-quizbook.css"]')
    assert soup.select_one('script[src*="sphinx-quizbook.js"]')
    quiz = soup.select_one("div.quiz#quiz-research-vs-production")
    marks = [item["data-correct"] for item in quiz.select("li.quiz-statement")]
    assert marks == ["true", "true", "false", "false"]
    assert len(quiz.select('input[type="checkbox"]')) == 4
    assert "combat concept and data drift" in quiz.select_one("details.quiz-answer").get_text()
    assert len(quiz.select(".quiz-readings a[href]")) == 4
    # The introduction's {ref} reaches the quiz.
    intro = BeautifulSoup((html / "intro.html").read_text(encoding="utf-8"), "html.parser")
    assert intro.select_one(f'a[href="{PAGE}#quiz-research-vs-production"]')


@pytest.mark.slow
@pytest.mark.browser
def test_self_check_works_in_sphinx_book_theme(html, browser):
    context = browser.new_context()
    page = context.new_page()
    # Jupyter Book's own scripts report errors of theirs on every page (it
    # declares THEBE_JS_URL twice); ours must report none.
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{message.location} {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{error.stack}"))
    page.goto((html / PAGE).as_uri())
    quiz = page.locator("#quiz-research-vs-production")
    statements = {text: quiz.locator(".quiz-statement").filter(has_text=text) for text in (*CORRECT, WRONG)}
    for text in (CORRECT[0], WRONG):
        statements[text].get_by_role("checkbox").check()
    quiz.get_by_role("button", name="Check").click()

    # A verdict on each ticked statement: right for the correct one, wrong for the other.
    assert statements[CORRECT[0]].locator(".quiz-result").evaluate(SHOWN).startswith("✓ ")
    assert statements[WRONG].locator(".quiz-result").evaluate(SHOWN).startswith("✗ ")
    assert quiz.locator(".quiz-status").first.inner_text().strip()
    assert quiz.locator(".quiz-status").first.is_visible()
    assert [error for error in errors if "sphinx-quizbook" in error] == [], errors
    context.close()


@pytest.mark.slow
@pytest.mark.latex
def test_the_pdf_builds_with_the_quiz_and_its_answer(jupyter_book, tmp_path):
    require_executable("latexmk")
    kpsewhich = require_executable("kpsewhich")
    # Jupyter Book's LaTeX class loads bbm (Debian: texlive-fonts-extra).
    found = subprocess.run([kpsewhich, "bbm.sty"], capture_output=True, text=True, check=False).stdout.strip()
    require(bool(found), "bbm.sty, which Jupyter Book's PDF needs, is not installed")
    latex = build(jupyter_book, tmp_path / "book", "--builder", "pdflatex") / "latex"
    # The key is the book's last appendix, after every chapter: Jupyter Book
    # rearranges the tree late, and the chapters must not end up as appendices.
    tex = (latex / "book.tex").read_text(encoding="utf-8")
    chapters = re.findall(r"\\chapter\{([^}]*)\}|(\\appendix)", tex)
    assert [title or mark for title, mark in chapters] == ["Research vs production", r"\appendix", "Answer key"]
    text = " ".join(pdf_pages(latex / "book.pdf"))
    for statement in (*CORRECT, WRONG):
        assert statement in text
    assert "combat concept and data drift" in text
    assert "Answer key" in text
