"""EPUB: valid EPUB 3, readable quizzes, answers a reader can reach without script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import REPO
from tests.helpers import require_executable

#: ``python -m sphinx -T -b <builder>``, as Read the Docs runs it.
RTD_ARGS = ("-T", "-b")


def epubcheck(epub: Path) -> None:
    """Run epubcheck; Debian installs it as a bare .jar, run through java then."""
    tool = require_executable("epubcheck")
    with open(tool, "rb") as file:
        command = ["java", "-jar", tool] if file.read(2) == b"PK" else [tool]
    if command[0] == "java":
        require_executable("java")
    result = subprocess.run([*command, str(epub)], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.sphinx("epub", testroot="print-special")
def test_epub_quiz_links_to_its_answer_on_the_page(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "chapter.xhtml").read_text(encoding="utf-8")
    assert "<script" not in page.lower().replace("&lt;script", "")
    # No <details>: many reading systems cannot open one.
    assert "<details" not in page
    question, key = page.split('<section class="quiz-answer-key"')
    assert "Answer with" not in question and "Answer with" in key
    link = re.search(r'<a class="reference internal" href="#([^"]+)">Answer:', question)
    assert link and f'id="{link[1]}"' in key
    # ... and the entry links back to its question.
    assert 'href="#quiz-specials"' in key and 'id="quiz-specials"' in question


@pytest.mark.sphinx("epub", testroot="print-special")
def test_epub_passes_epubcheck(app: SphinxTestApp) -> None:
    app.build()
    (epub,) = app.outdir.glob("*.epub")
    epubcheck(epub)


@pytest.mark.slow
def test_book_epub_passes_epubcheck(tmp_path: Path) -> None:
    book = tmp_path / "book"
    skip = shutil.ignore_patterns("_build", ".git", ".venv", "node_modules", "__pycache__", "*_cache")
    shutil.copytree(REPO, book, ignore=skip)
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *RTD_ARGS,
            "epub",
            "-d",
            "_build/doctrees",
            "-D",
            "language=en",
            ".",
            "_build/epub",
        ],
        cwd=book,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    (epub,) = (book / "_build" / "epub").glob("*.epub")
    epubcheck(epub)
