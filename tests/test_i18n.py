"""Translations: of the quiz's own words, and of a book's quizzes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("gettext", testroot="core-myst")
def test_gettext_extracts_quiz_content_not_ui_words(app):
    app.build()
    assert app.warning.getvalue() == ""
    pot = (app.outdir / "index.pot").read_text()
    for text in ("Which are *prime*?", "Two is prime.", "Three has no divisors but one and itself.", "Both are."):
        assert f'msgid "{text}"' in pot
    # The box and the words the extension adds are not the book's to translate.
    assert "[ ]" not in pot
    assert "Select all that apply." not in pot


@pytest.mark.sphinx("html", testroot="i18n")
def test_translated_quiz_keeps_structure_and_correctness(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    quiz = soup.select_one("div.quiz")
    assert quiz.find("legend").get_text() == "Welche sind Farben?"
    statements = [(li.get_text(strip=True), li["data-correct"]) for li in quiz.select("li.quiz-statement")]
    assert statements == [("Rot ist eine Farbe.", "true"), ("Dienstag ist eine Farbe.", "false")]
    assert len(quiz.select("input[type=checkbox]")) == 2
    key = [" ".join(li.select_one(".quiz-key-statement").get_text().split()) for li in quiz.select(".quiz-key-item")]
    assert key[0].endswith("Rot ist eine Farbe.") and key[1].endswith("Dienstag ist eine Farbe.")
    assert "Rot ist die Farbe des Blutes." in quiz.select_one(".quiz-explanation").get_text()
    assert "Nur Rot." in quiz.select_one("details").get_text()
    entry = next(app.env.get_domain("quiz").entries())
    assert entry["title"] == "Welche sind Farben?"
