"""EPUB: valid EPUB 3, readable quizzes, answers a reader can reach without script."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.book import build_book
from tests.helpers import require_executable
from tests.test_latex import MALFORMED_TEXT, build_malformed, web_words


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
    outdir = build_book("epub", tmp_path / "book")
    # No words meant for the web page, whose Check button and collapsed answer an EPUB lacks.
    text = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in outdir.rglob("*.xhtml"))
    assert web_words(text) == []
    # ... but words of its own.
    assert "follow the “Answer” link under the quiz" in text
    (epub,) = outdir.glob("*.epub")
    epubcheck(epub)


def test_every_bad_quiz_keeps_a_valid_epub(tmp_path: Path) -> None:
    outdir = build_malformed("epub", tmp_path)
    pages = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in outdir.glob("*.xhtml"))
    for expected in MALFORMED_TEXT:
        assert expected in pages, expected
    (epub,) = outdir.glob("*.epub")
    epubcheck(epub)
