"""Translations: of the quiz's own words, and of a book's quizzes."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import sphinx_quizbook
from sphinx_quizbook.messages import LOCALE_DIR
from tests.book import build_book, latexmk, pdf_pages


@pytest.mark.sphinx("gettext", testroot="core-myst", srcdir="core-myst-gettext")
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


LANGUAGES = ("de", "es")


def _source_messages() -> set[str]:
    """Every text the extension writes into a book, as extracted from its code."""
    from babel.messages.extract import extract_from_dir

    package = Path(sphinx_quizbook.__file__).parent
    found = extract_from_dir(str(package), keywords={"_": None, "ngettext": (1, 2)}, comment_tags=())
    return {message for _file, _line, message, _comments, _context in found}


def _compiled(compiled: gettext.GNUTranslations, message: str | tuple[str, str]) -> str | tuple[str, ...]:
    """What the .mo says for a message; for a plural one, its forms for 1, 2 and 5."""
    if isinstance(message, str):
        return compiled.gettext(message)
    return tuple(dict.fromkeys(compiled.ngettext(*message, n) for n in (1, 2, 5)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_message_and_is_compiled(language):
    from babel.messages.pofile import read_po

    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / "sphinx_quizbook.po").open("rb") as po_file:
        catalog = read_po(po_file)
    translated = {
        # A plural message counts as translated when every form is.
        message.id: (tuple(dict.fromkeys(message.string)) if all(message.string) else ())
        if isinstance(message.id, tuple)
        else message.string
        for message in catalog
        if message.id and not message.fuzzy
    }
    missing = sorted(message for message in _source_messages() if not translated.get(message))
    assert missing == [], f"untranslated in {language}: {missing}"
    # The .mo Sphinx loads must say what the .po says.
    with (folder / "sphinx_quizbook.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = [message for message, text in translated.items() if _compiled(compiled, message) != text]
    assert stale == [], f"run pybabel compile: {stale}"


@pytest.mark.sphinx("html", testroot="i18n")
def test_german_book_gets_a_german_quiz_ui(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    quiz = soup.select_one("div.quiz")
    assert quiz.select_one(".quiz-hint").get_text(strip=True) == "Wählen Sie alle zutreffenden Aussagen aus."
    assert quiz.find("summary").get_text(strip=True) == "Antwort"
    verdicts = quiz.select(".quiz-verdict")
    assert [(v["data-icon"], v.get_text(strip=True)) for v in verdicts] == [("✓", "Richtig"), ("✗", "Falsch")]
    # The browser script's words arrive translated, on its own tag.
    script = soup.find("script", src=lambda src: src and "sphinx-quizbook.js" in src)
    assert script["data-i18n-check"] == "Prüfen"
    assert script["data-i18n-reset"] == "Zurücksetzen"
    assert script["data-i18n-progress-solved"] == "gelöst"


@pytest.mark.sphinx("text", testroot="i18n", confoverrides={"language": "es"})
def test_spanish_text_output(app):
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "Seleccione todas las afirmaciones correctas." in text
    assert "Correcta" in text


SEED_PAGE = "docs/questions/research-vs-production"


@pytest.mark.slow
def test_german_book_in_html(tmp_path):
    html = build_book("html", tmp_path / "book", "-W", "-n", "--keep-going", language="de")
    soup = BeautifulSoup((html / f"{SEED_PAGE}.html").read_text(), "html.parser")
    quiz = soup.select_one("div.quiz")
    assert quiz.select_one(".quiz-hint").get_text(strip=True) == "Wählen Sie alle zutreffenden Aussagen aus."
    assert [(v["data-icon"], v.get_text(strip=True)) for v in quiz.select(".quiz-verdict")] == [
        ("✓", "Richtig"),
        ("✓", "Richtig"),
        ("✗", "Falsch"),
        ("✗", "Falsch"),
    ]
    script = soup.find("script", src=lambda src: src and "sphinx-quizbook.js" in src)
    assert script["data-i18n-check"] == "Prüfen"


@pytest.mark.slow
@pytest.mark.latex
def test_german_book_in_pdf(tmp_path):
    latex = build_book("latex", tmp_path / "book", language="de")
    latexmk(latex)
    pages = pdf_pages(next(latex.glob("*.pdf")))
    # The box's title is the chapter heading above it: the box shows the number only.
    question = next(page for page in pages if "Frage 1.1" in page and "Richtig" not in page)
    assert "Wählen Sie alle zutreffenden Aussagen aus." in question
    key = next(page for page in pages if "ANHANG A Lösungen" in page)
    assert "Richtig: The data used in a research environment is usually static" in key
    assert "Falsch: Research is usually not concerned with fairness" in key
