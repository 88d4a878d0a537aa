"""The book itself builds clean, the way Read the Docs builds it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.book import build_book
from tests.test_latex import web_words


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return build_book("html", tmp_path_factory.mktemp("book") / "src", "-W", "-n", "--keep-going")


@pytest.mark.slow
def test_landing_page_is_at_the_root(book):
    landing = BeautifulSoup((book / "index.html").read_text(), "html.parser")
    target = landing.find("a")["href"]
    assert (book / target).exists()


@pytest.mark.slow
def test_only_the_books_pages_are_sources(book):
    pages = {path.relative_to(book).as_posix() for path in book.rglob("*.html")}
    assert not any(page.startswith(("tests/", "ext/", "bench/", "README", "CHANGELOG")) for page in pages)
    assert "docs/questions/research-vs-production.html" in pages


@pytest.mark.slow
def test_seed_question_is_faithful(book):
    soup = BeautifulSoup((book / "docs/questions/research-vs-production.html").read_text(), "html.parser")
    quiz = soup.select_one("div.quiz")
    statements = {" ".join(item.get_text().split()): item["data-correct"] for item in quiz.select("li.quiz-statement")}
    assert statements == {
        "The data used in a research environment is usually static, while the data used in a production "
        "setting is dynamic and constantly shifting.": "true",
        "The design priority in a research environment is usually higher performance—either the highest "
        "accuracy or other relevant metrics. Production environments put more emphasis on costs, "
        "scalability, and explainability.": "true",
        "Research is usually not concerned with fairness, but fairness is crucial when building models in a "
        "production environment.": "false",
        "When building machine learning models in a research environment, most of the work goes towards "
        "monitoring and maintaining models. In production environments, most of the work centers around the "
        "initial training and validation of the model.": "false",
    }
    answer = " ".join(quiz.select_one("details.quiz-answer").get_text().split())
    assert "In summary, the first and second choices are the correct answer to this question." in answer
    assert "combat concept and data drift" in answer
    links = {a["href"] for a in quiz.select(".quiz-readings a")}
    assert links == {
        "https://www.coursera.org/learn/machine-learning-data-lifecycle-in-production",
        "https://www.coursera.org/specializations/machine-learning-engineering-for-production-mlops",
        "https://evidentlyai.com/blog/machine-learning-monitoring-data-and-concept-drift",
        "https://machinelearningmastery.com/gentle-introduction-concept-drift-machine-learning/",
    }


@pytest.mark.slow
def test_web_words_stay_on_the_web(book, tmp_path):
    """Instructions for the web page's Check button and collapsed answer are on
    the web page only; plain text gets words of its own."""
    landing = " ".join(BeautifulSoup((book / "docs/index.html").read_text(), "html.parser").get_text().split())
    assert web_words(landing) == ["check your choice"]
    text_book = build_book("text", tmp_path / "text")
    text = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in text_book.rglob("*.txt"))
    assert web_words(text) == []
    assert "compare with the answers that follow the questions" in text
    # The landing page's cards read as a list.
    assert "* **Answer the questions**: Every question of the book" in text
