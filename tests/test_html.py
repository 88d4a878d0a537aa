"""What a reader gets in HTML, read with a real HTML parser."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup


def _page(app, name="index"):
    app.build()
    assert app.warning.getvalue() == ""
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(), "html.parser")


@pytest.mark.sphinx("html", testroot="core-myst")
def test_question_is_a_fieldset_of_labelled_checkboxes(app):
    soup = _page(app)
    quiz = soup.select_one("div.quiz#quiz-primes")
    assert quiz is not None and {"maths", "warm-up"} <= set(quiz["class"])
    fieldset = quiz.find("fieldset")
    assert fieldset.find("legend").get_text() == "Which are prime?"
    assert fieldset.select_one(".quiz-prompt").get_text(strip=True) == "Pick the primes below ten."
    hint = fieldset.select_one("p.quiz-hint")
    assert hint.get_text(strip=True) == "Select all that apply."
    assert fieldset["aria-describedby"] == hint["id"]
    boxes = fieldset.select("input[type=checkbox]")
    assert len(boxes) == 3
    labels = [soup.find("label", attrs={"for": box["id"]}) for box in boxes]
    assert [label.get_text(strip=True) for label in labels] == ["Two is prime.", "Three is prime.", "Nine is prime."]
    assert not any(box.has_attr("checked") or box.has_attr("disabled") for box in boxes)


@pytest.mark.sphinx("html", testroot="core-myst")
def test_answer_is_closed_and_gives_verdicts_in_words(app):
    soup = _page(app)
    details = soup.select_one("#quiz-primes details.quiz-answer")
    assert not details.has_attr("open")
    assert details.find("summary").get_text(strip=True) == "Answer"
    items = details.select("li.quiz-key-item")
    verdicts = [item.select_one(".quiz-verdict") for item in items]
    assert [verdict.get_text(strip=True) for verdict in verdicts] == ["Correct", "Correct", "Incorrect"]
    # The icon is decoration, drawn by the stylesheet from data-icon with no
    # alternative text (tests/browser checks it drawn): a screen reader reads the word.
    assert [verdict["data-icon"] for verdict in verdicts] == ["✓", "✓", "✗"]
    assert "Three has no divisors" in items[1].select_one(".quiz-explanation").get_text()
    assert items[2].select_one(".quiz-explanation li").get_text(strip=True).startswith("a nested list")
    assert "nine is 3 * 3" in details.get_text()


@pytest.mark.sphinx("html", testroot="core-myst")
def test_readings_are_links_under_a_heading(app):
    soup = _page(app)
    readings = soup.select_one("#quiz-primes .quiz-readings")
    assert readings.select_one(".rubric").get_text() == "Readings"
    links = [(a.get_text(), a["href"]) for a in readings.select("li a")]
    assert links == [("Prime numbers", "https://en.wikipedia.org/wiki/Prime_number"), ("Other", "other.html")]


@pytest.mark.sphinx("html", testroot="core-myst")
def test_untitled_quiz_is_still_named_and_options_reach_the_page(app):
    soup = _page(app)
    untitled, all_true = soup.select("div.quiz")[1:]
    assert untitled.find("legend").get_text() == "Question"
    assert all_true["data-shuffle"] == "true"
    assert "data-shuffle" not in untitled.attrs


@pytest.mark.sphinx("html", testroot="core-myst")
def test_ids_are_unique_on_the_page(app):
    soup = _page(app)
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [key for key, count in counts.items() if count > 1] == []


@pytest.mark.sphinx("singlehtml", testroot="core-myst")
def test_ids_stay_unique_when_pages_are_joined(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    counts = Counter(tag["id"] for tag in soup.select("div.quiz [id]"))
    assert counts and max(counts.values()) == 1


@pytest.mark.sphinx("html", testroot="core-hostile")
def test_hostile_text_renders_as_text(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    quiz = soup.select_one("div.quiz")
    assert quiz.find_all(["script", "img", "iframe", "style"]) == []
    assert not any(attr.startswith("on") for tag in quiz.find_all(True) for attr in tag.attrs)
    assert not any(a.get("href", "").lower().startswith("javascript") for a in soup.find_all("a"))
    text = quiz.get_text()
    for payload in ("<script>alert('title')</script>", "<img src=x onerror=alert(1)>", "<iframe>"):
        assert payload in text
    # Every payload was reported, once, where it was written.
    assert app.warning.getvalue().count("[quiz.unsafe]") == 5
