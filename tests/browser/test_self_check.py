"""The reader's learning loop: attempt, Check, retry, solved, the answer, Reset.

The "Planets" quiz of ``test-browser-quiz``: Mars [x], The Moon [ ],
Venus [x], Pluto [ ]; Mars, the Moon and Pluto have explanations.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import require_executable

from .pages import SHOWN

pytestmark = pytest.mark.browser

PLANETS = "#quiz-planets"
STATEMENTS = ("Mars.", "The Moon.", "Venus.", "Pluto.")
PARTLY_RIGHT = "1 of your choices is right. 1 of your choices is not correct. 1 correct statement is still missing."
SOLVED = "Solved: you chose exactly the correct statements."
ALL_VERDICTS = {
    "Mars.": "✓ Correct statement, chosen",
    "The Moon.": "✗ Incorrect statement, chosen",
    "Venus.": "! Correct statement, not chosen",
    "Pluto.": "✓ Incorrect statement, not chosen",
}
#: Visible, not hidden by an ancestor, and not the pale disabled look.
FOCUS_IS_VISIBLE = "() => { const e = document.activeElement; return e !== document.body && e.checkVisibility(); }"


def open_quiz(new_page: Any, site: Path, page_name: str = "index.html", **options: Any) -> tuple[Any, Any]:
    page, console = new_page(**options)
    page.goto((site / page_name).as_uri())
    return page, console


def statement(page: Any, text: str) -> Any:
    return page.locator(f"{PLANETS} .quiz-statement").filter(has=page.get_by_role("checkbox", name=text, exact=True))


def tick(page: Any, *texts: str) -> None:
    for text in texts:
        page.get_by_role("checkbox", name=text, exact=True).check()


def check(page: Any) -> None:
    page.locator(PLANETS).get_by_role("button", name="Check").click()


def verdicts(page: Any) -> dict[str, str]:
    """The verdict shown on each statement that shows one, by its label."""
    result = {}
    for item in page.locator(f"{PLANETS} .quiz-statement").all():
        label = item.locator("label").inner_text().strip()
        if item.locator(".quiz-result").count():
            result[label] = item.locator(".quiz-result").evaluate(SHOWN)
    return result


def status(page: Any) -> str:
    return page.locator(f"{PLANETS} > .quiz-status").inner_text().strip()


def answer(page: Any) -> Any:
    return page.locator(f"{PLANETS} > details.quiz-answer")


def stored(page: Any) -> dict[str, Any]:
    return {
        key: json.loads(value)
        for key, value in page.evaluate("() => ({...localStorage})").items()
        if key.startswith("sphinx-quizbook:")
    }


def on_screen(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    viewport = page.viewport_size
    # Less than a pixel over the edge is on screen.
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= viewport["height"] + 1


def test_a_partly_right_attempt_marks_only_the_chosen_statements(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "The Moon.")
    check(page)

    assert verdicts(page) == {"Mars.": ALL_VERDICTS["Mars."], "The Moon.": ALL_VERDICTS["The Moon."]}
    assert status(page) == PARTLY_RIGHT
    # The missed correct statement is not given away, nor is the answer.
    venus = statement(page, "Venus.")
    assert venus.locator(".quiz-feedback").count() == 0
    assert "quiz-missed" not in venus.get_attribute("class")
    assert answer(page).get_attribute("open") is None
    assert not answer(page).locator(".quiz-key").is_visible()
    # The ticks stay as the reader left them: enabled, opaque, not greyed.
    for name in STATEMENTS:
        box = page.get_by_role("checkbox", name=name, exact=True)
        assert box.is_enabled()
        assert box.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert page.get_by_role("checkbox", name="Mars.").is_checked()
    # The icon is decoration: screen readers get the words (SHOWN checks).
    assert statement(page, "Mars.").locator(".quiz-result").evaluate(SHOWN).startswith("✓ ")
    # The chosen statements' explanations, once each, without ids.
    moon = statement(page, "The Moon.")
    assert moon.locator(".quiz-feedback").inner_text().endswith("The Moon is Earth’s satellite, not a planet.")
    assert page.get_by_text("The Moon is Earth’s satellite, not a planet.").filter(visible=True).count() == 1
    assert page.evaluate("() => new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == (
        page.locator("[id]").count()
    )
    # The checkbox is described by its verdict and explanation, in words: the
    # icon is drawn by the stylesheet, not read out as "ballot X".
    box = page.get_by_role("checkbox", name="The Moon.")
    assert page.evaluate(
        "id => document.getElementById(id).textContent", box.get_attribute("aria-describedby")
    ).startswith("Incorrect statement, chosen\nThe Moon is Earth’s satellite")
    assert on_screen(page, page.locator(f"{PLANETS} > .quiz-status"))
    assert console.errors == []


def test_explanations_come_from_an_answer_key_at_the_end_too(new_page, quiz_site_key_at_end):
    """With the answers at the chapter's end there is no answer to open:
    Check marks the chosen statements, with the key's explanations."""
    page, console = open_quiz(new_page, quiz_site_key_at_end)
    assert answer(page).count() == 0
    tick(page, "The Moon.")
    check(page)
    assert verdicts(page) == {"The Moon.": ALL_VERDICTS["The Moon."]}
    assert (
        statement(page, "The Moon.")
        .locator(".quiz-feedback")
        .inner_text()
        .endswith("The Moon is Earth’s satellite, not a planet.")
    )
    assert status(page) == "1 of your choices is not correct. 2 correct statements are still missing."
    assert console.errors == []


def test_the_result_comes_on_screen_and_focus_stays_on_check(new_page, quiz_site):
    """On a short screen the summary would fall below the fold: it scrolls
    into view, and the Check button keeps focus, on screen too."""
    page, _console = open_quiz(new_page, quiz_site, viewport={"width": 390, "height": 560})
    tick(page, "Mars.", "The Moon.", "Pluto.")
    button = page.locator(PLANETS).get_by_role("button", name="Check")
    button.focus()
    page.evaluate("() => window.scrollBy(0, document.activeElement.getBoundingClientRect().bottom - innerHeight)")
    page.keyboard.press("Enter")
    assert status(page).startswith("1 of your choices is right.")
    assert on_screen(page, page.locator(f"{PLANETS} > .quiz-status"))
    assert page.evaluate("() => document.activeElement.textContent") == "Check"
    assert on_screen(page, button)


def test_changing_a_choice_clears_the_stale_verdicts(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "The Moon.")
    check(page)
    page.get_by_role("checkbox", name="The Moon.").uncheck()

    assert verdicts(page) == {}
    assert status(page) == ""
    assert page.locator(f"{PLANETS} .quiz-feedback").count() == 0
    assert page.get_by_role("checkbox", name="Mars.").get_attribute("aria-describedby") is None
    # Check again, with no separate "Try again" step.
    check(page)
    assert status(page) == "1 of your choices is right. 1 correct statement is still missing."
    assert verdicts(page) == {"Mars.": ALL_VERDICTS["Mars."]}
    assert console.errors == []


def test_the_summary_counts_in_words_with_plurals(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "The Moon.", "Pluto.")
    check(page)
    assert status(page) == "2 of your choices are not correct. 2 correct statements are still missing."
    page.get_by_role("checkbox", name="The Moon.").uncheck()
    page.get_by_role("checkbox", name="Pluto.").uncheck()
    check(page)
    assert status(page) == "Choose the statements you think are correct, then press Check."
    assert verdicts(page) == {}


def test_the_summary_speaks_the_books_language_with_its_plurals(new_page, quiz_site_de):
    """German words, and the plural form the count asks for: one wrong
    choice and two wrong choices read differently, not just in the digit."""
    page, console = open_quiz(new_page, quiz_site_de)
    quiz = page.locator(PLANETS)
    tick(page, "The Moon.")
    quiz.get_by_role("button", name="Prüfen").click()
    one = status(page)
    tick(page, "Pluto.")
    quiz.get_by_role("button", name="Prüfen").click()
    two = status(page)
    assert "choice" not in one + two and "statement" not in one + two
    assert one.startswith("1 ") and two.startswith("2 ")
    assert one[2:] != two[2:]
    assert quiz.get_by_role("button").all_inner_texts() == ["Prüfen", "Zurücksetzen"]
    assert console.errors == []


def test_the_exact_set_is_solved(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "Venus.")
    check(page)

    assert status(page) == SOLVED
    assert "quiz-solved" in page.locator(PLANETS).get_attribute("class")
    # Every statement shows its verdict; nothing is left to hide.
    assert verdicts(page) == {
        "Mars.": ALL_VERDICTS["Mars."],
        "The Moon.": "✓ Incorrect statement, not chosen",
        "Venus.": "✓ Correct statement, chosen",
        "Pluto.": ALL_VERDICTS["Pluto."],
    }
    # The answer is offered, not forced open, and nothing says "Try again".
    assert answer(page).get_attribute("open") is None
    assert page.locator(PLANETS).get_by_role("button").all_inner_texts() == ["Check", "Reset"]
    assert console.errors == []


def test_a_superset_is_not_solved(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "Venus.", "Pluto.")
    check(page)
    assert status(page) == "2 of your choices are right. 1 of your choices is not correct."
    assert "quiz-solved" not in page.locator(PLANETS).get_attribute("class")


def test_opening_the_answer_reveals_every_verdict_from_then_on(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.")
    check(page)
    answer(page).locator("summary").click()

    assert verdicts(page) == {
        "Mars.": ALL_VERDICTS["Mars."],
        "The Moon.": "✓ Incorrect statement, not chosen",
        "Venus.": ALL_VERDICTS["Venus."],
        "Pluto.": ALL_VERDICTS["Pluto."],
    }
    # Shape, not only colour, marks the missed statement.
    assert statement(page, "Venus.").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    # The explanations are in the open answer, and not a second time above it.
    assert page.locator(f"{PLANETS} .quiz-feedback .quiz-explanation").count() == 0
    assert page.get_by_text("Mars is the fourth planet from the Sun.").filter(visible=True).count() == 1
    assert stored(page)["sphinx-quizbook:index#quiz-planets"]["seen"] is True

    # Closed again, the statements keep every verdict, now with explanations.
    answer(page).locator("summary").click()
    assert len(verdicts(page)) == 4
    assert page.locator(f"{PLANETS} .quiz-feedback .quiz-explanation").count() == 3
    # Changing a choice redraws the verdicts: the key is no secret any more.
    tick(page, "Venus.")
    assert verdicts(page)["Venus."] == "✓ Correct statement, chosen"
    assert status(page) == ""
    assert console.errors == []


def test_reset_returns_to_untouched_and_can_be_undone(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    quiz = page.locator(PLANETS)
    tick(page, "Mars.", "Venus.")
    check(page)
    quiz.get_by_role("button", name="Reset").click()

    assert quiz.locator(".quiz-checkbox:checked").count() == 0
    assert verdicts(page) == {}
    assert status(page) == "Your choices are cleared."
    assert stored(page) == {}
    # The same button, focused, now undoes it.
    assert page.evaluate("() => document.activeElement.textContent") == "Undo reset"
    page.keyboard.press("Enter")
    assert status(page) == SOLVED
    assert [box.is_checked() for box in quiz.locator(".quiz-checkbox").all()] == [True, False, True, False]
    assert stored(page)["sphinx-quizbook:index#quiz-planets"]["solved"] is True
    assert quiz.get_by_role("button").all_inner_texts() == ["Check", "Reset"]

    # After a reset, a new choice ends the chance to undo.
    quiz.get_by_role("button", name="Reset").click()
    tick(page, "Pluto.")
    assert quiz.get_by_role("button").all_inner_texts() == ["Check", "Reset"]
    assert status(page) == ""
    page.reload()
    assert [box.is_checked() for box in quiz.locator(".quiz-checkbox").all()] == [False, False, False, True]
    assert console.errors == []


def test_a_keyboard_alone_runs_the_whole_loop(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    focused = "() => document.activeElement.id || document.activeElement.textContent"
    label = "() => document.activeElement.labels[0].textContent.trim()"

    def press(key: str) -> None:
        page.keyboard.press(key)
        assert page.evaluate(FOCUS_IS_VISIBLE), f"focus hidden after {key}"

    for _ in range(60):
        press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('quiz-checkbox')"):
            break
    order = []
    for _ in range(4):
        order.append(page.evaluate(label))
        if order[-1] in {"Mars.", "The Moon."}:
            press("Space")
        press("Tab")
    # Natural order: the statements, then Check, then Reset, then the answer.
    assert order == list(STATEMENTS)
    assert page.evaluate(focused) == "Check"
    # Focus is visible: chromium draws :focus-visible for keyboard focus.
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"
    press("Enter")
    assert verdicts(page) == {"Mars.": ALL_VERDICTS["Mars."], "The Moon.": ALL_VERDICTS["The Moon."]}
    assert page.evaluate(focused) == "Check"

    # Back to the Moon, untick it, on to Venus and tick it: solved.
    for _ in range(3):
        press("Shift+Tab")
    assert page.evaluate(label) == "The Moon."
    press("Space")
    assert verdicts(page) == {}
    press("Tab")
    press("Space")
    press("Tab")
    press("Tab")
    press("Enter")
    assert status(page) == SOLVED

    press("Tab")
    assert page.evaluate(focused) == "Reset"
    press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    press("Enter")
    assert answer(page).get_attribute("open") == ""
    press("Shift+Tab")
    press("Enter")
    assert verdicts(page) == {}
    assert page.evaluate(focused) == "Undo reset"
    press("Enter")
    assert status(page) == SOLVED
    assert console.errors == []


def test_the_live_region_is_there_before_it_is_filled(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site, java_script_enabled=False)
    region = page.locator(f"{PLANETS} .quiz-status")
    assert region.get_attribute("role") == "status"
    assert region.get_attribute("aria-live") == "polite"
    assert region.inner_text() == ""


def test_screen_readers_get_names_and_descriptions(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    group = page.get_by_role("group", name=re.compile(r"^Planets Which of these are planets"))
    assert group.count() == 1
    assert page.evaluate(
        "id => document.getElementById(id).textContent.trim()", group.get_attribute("aria-describedby")
    ) == ("Select all that apply.")
    for name in STATEMENTS:
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1


@pytest.mark.parametrize("state", ["tried", "checked", "solved", "answer seen"])
def test_reload_restores_each_state(new_page, quiz_site, state: str):
    page, console = open_quiz(new_page, quiz_site)
    if state == "solved":
        tick(page, "Mars.", "Venus.")
    else:
        tick(page, "Mars.", "The Moon.")
    if state != "tried":
        check(page)
    if state == "answer seen":
        answer(page).locator("summary").click()
        answer(page).locator("summary").click()
    before = (verdicts(page), status(page), page.locator(PLANETS).get_attribute("class"))
    page.reload()
    assert (verdicts(page), status(page), page.locator(PLANETS).get_attribute("class")) == before
    assert len(before[0]) == {"tried": 0, "checked": 2, "solved": 4, "answer seen": 4}[state]
    # Another quiz on the page keeps its own state.
    assert page.locator(".quiz").nth(1).locator(".quiz-feedback").count() == 0
    assert console.errors == []


def test_what_is_stored_is_the_choices_and_the_progress(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Venus.")
    assert stored(page) == {
        "sphinx-quizbook:index#quiz-planets": {"chosen": [3], "checked": False, "solved": False, "seen": False}
    }


@pytest.mark.parametrize("stored_value", ["{not json", '"a string"', '{"chosen": 3}', "null"])
def test_a_damaged_entry_is_ignored(new_page, quiz_site, stored_value: str):
    page, console = new_page()
    page.add_init_script(f"localStorage.setItem('sphinx-quizbook:index#quiz-planets', {json.dumps(stored_value)})")
    page.goto((quiz_site / "index.html").as_uri())
    tick(page, "Mars.")
    check(page)
    assert status(page) == "1 of your choices is right. 1 correct statement is still missing."
    assert console.errors == []


def test_blocked_storage_still_works_without_errors(new_page, quiz_site):
    page, console = new_page()
    # What private modes and blocked cookies do: touching localStorage throws.
    # The error names its caller, since Furo's own scripts touch it too.
    page.add_init_script(
        "window.__storageCallers = [];"
        "Object.defineProperty(window, 'localStorage', {get() {"
        " const caller = new Error().stack; window.__storageCallers.push(caller);"
        " throw new DOMException('storage blocked; ' + caller, 'SecurityError'); }});"
    )
    page.goto((quiz_site / "index.html").as_uri())
    tick(page, "Mars.", "Venus.")
    check(page)
    assert status(page) == SOLVED
    page.locator(PLANETS).get_by_role("button", name="Reset").click()
    assert page.locator(f"{PLANETS} .quiz-checkbox:checked").count() == 0
    # Undo works from memory alone.
    page.locator(PLANETS).get_by_role("button", name="Undo reset").click()
    assert status(page) == SOLVED

    callers = page.evaluate("() => window.__storageCallers")
    assert any("sphinx-quizbook.js" in caller for caller in callers), "our script never tried storage"
    assert [error for error in console.errors if "sphinx-quizbook.js" in error] == []


def test_without_javascript_the_quiz_is_a_form_with_an_answer(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site, java_script_enabled=False)
    quiz = page.locator(PLANETS)
    assert quiz.get_by_role("button").count() == 0
    assert not answer(page).locator(".quiz-key").is_visible()
    quiz.locator("summary").click()
    assert answer(page).locator(".quiz-key").is_visible()
    assert "Mars and Venus are planets." in answer(page).inner_text()
    # Boxes still tick: the quiz works as a paper quiz with an answer key.
    tick(page, "Mars.")
    assert page.get_by_role("checkbox", name="Mars.").is_checked()
    assert console.errors == []


def test_shuffle_changes_the_order_in_html_only(new_page, quiz_site):
    source = [chr(code) for code in range(ord("A"), ord("I"))]
    assert re.findall(r"- \[[x ]\] (\w)", (quiz_site / "_sources" / "shuffled.md.txt").read_text()) == source

    orders = set()
    for _ in range(4):
        page, _console = open_quiz(new_page, quiz_site, "shuffled.html")
        labels = page.locator(".quiz-statement label").all_inner_texts()
        assert sorted(label.strip() for label in labels) == source
        orders.add(tuple(label.strip() for label in labels))
        # The answer key keeps the source order.
        assert [item.get_attribute("data-index") for item in page.locator(".quiz-key-item").all()] == [
            str(n) for n in range(1, 9)
        ]
    # Four orders of eight statements that all equal the source order: 1 in 40320**4.
    assert orders != {tuple(source)}

    page, _console = open_quiz(new_page, quiz_site, "shuffled.html", java_script_enabled=False)
    labels = page.locator(".quiz-statement label").all_inner_texts()
    assert [label.strip() for label in labels] == source

    # Verdicts follow the statements, wherever they went.
    page, _console = open_quiz(new_page, quiz_site, "shuffled.html")
    page.get_by_role("checkbox", name="A", exact=True).check()
    page.get_by_role("checkbox", name="B", exact=True).check()
    page.get_by_role("button", name="Check").click()
    e_item = page.locator(".quiz-statement").filter(has=page.get_by_role("checkbox", name="E", exact=True))
    b_item = page.locator(".quiz-statement").filter(has=page.get_by_role("checkbox", name="B", exact=True))
    assert b_item.locator(".quiz-result").evaluate(SHOWN) == "✗ Incorrect statement, chosen"
    assert e_item.locator(".quiz-result").count() == 0
    page.locator("summary").click()
    assert e_item.locator(".quiz-result").evaluate(SHOWN) == "! Correct statement, not chosen"


def test_nested_quizzes_keep_to_their_own_controls(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site, "nested.html")
    outer, inner = page.locator("#quiz-outer"), page.locator("#quiz-inner")
    assert outer.locator(":scope > .quiz-actions button").count() == 2
    assert inner.locator(":scope > .quiz-actions button").count() == 2

    page.get_by_role("checkbox", name="Inner two.").check()
    inner.locator(":scope > .quiz-actions .quiz-check").click()
    assert inner.locator(":scope > .quiz-status").inner_text().startswith("1 of your choices is not correct.")
    assert outer.locator(":scope > .quiz-status").inner_text() == ""

    page.get_by_role("checkbox", name="Outer one.").check()
    outer.locator(":scope > .quiz-actions .quiz-check").click()
    assert outer.locator(":scope > .quiz-status").inner_text() == SOLVED
    # The outer quiz's verdicts did not reach into the inner quiz, nor its Check clear it.
    shown = [result.evaluate(SHOWN) for result in inner.locator(".quiz-result").all()]
    assert shown == ["✗ Incorrect statement, chosen"]
    assert inner.locator(":scope > .quiz-status").inner_text().startswith("1 of your choices is not correct.")
    # The outer box keeps its description by the statement's body, and adds its verdict.
    described = page.get_by_role("checkbox", name="Outer one.").get_attribute("aria-describedby").split()
    assert described == ["nested--quiz-outer-1-body", "nested--quiz-outer-1-feedback"]

    outer.locator(":scope > .quiz-actions .quiz-reset").click()
    assert inner.locator(":scope > .quiz-status").inner_text() != ""
    assert page.get_by_role("checkbox", name="Inner two.").is_checked()
    assert console.errors == []


def test_feedback_all_reveals_everything_on_check(new_page, quiz_site_all):
    """``quiz_feedback = "all"``: Check marks every statement and opens the answer."""
    page, console = open_quiz(new_page, quiz_site_all)
    tick(page, "Mars.", "The Moon.")
    check(page)
    assert verdicts(page) == ALL_VERDICTS
    expect(answer(page)).to_have_attribute("open", "")
    assert status(page) == PARTLY_RIGHT
    assert stored(page)["sphinx-quizbook:index#quiz-planets"]["seen"] is True
    assert console.errors == []


def test_a_phone_shows_everything_without_scrolling_sideways(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site, viewport={"width": 375, "height": 800})
    tick(page, "The Moon.")
    check(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator(PLANETS).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


def test_long_words_wrap_on_a_320_pixel_screen(new_page, quiz_site):
    """WCAG 1.4.10: a title, prompt, statement, explanation, answer and
    reading, each one unbroken word or URL, fit 320 px."""
    page, console = open_quiz(new_page, quiz_site, "long-words.html", viewport={"width": 320, "height": 640})
    quiz = page.locator("#quiz-long-words")

    def widest() -> int:
        return page.evaluate(
            "() => Math.max(document.documentElement.scrollWidth,"
            " ...[...document.querySelectorAll('.quiz *')].map(e => e.getBoundingClientRect().right))"
        )

    assert widest() <= 320
    quiz.locator(".quiz-checkbox").first.check()
    quiz.locator(".quiz-check").click()
    quiz.locator("summary").click()
    assert quiz.locator(".quiz-feedback").count() == 2
    assert widest() <= 320
    # A code block wraps too: a block that scrolls would need a keyboard stop.
    assert quiz.locator("pre").evaluate("e => e.scrollWidth <= e.clientWidth")
    assert console.errors == []


def test_printing_shows_every_statement_and_the_answer(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    quiz = page.locator(PLANETS)
    assert quiz.locator(".quiz-key").is_visible()
    assert quiz.get_by_text("Mars and Venus are planets.").is_visible()
    assert all(item.is_visible() for item in quiz.locator(".quiz-statement").all())
    assert not quiz.locator(".quiz-actions").is_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not quiz.locator(".quiz-key").is_visible()
    # Printing is no peek at the answer.
    assert stored(page) == {}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_printed_page_has_every_statement_and_the_answer(new_page, quiz_site, tmp_path, javascript):
    pdftotext = require_executable("pdftotext")
    page, _console = open_quiz(new_page, quiz_site, java_script_enabled=javascript)
    if javascript:
        tick(page, "Mars.")
        check(page)
    pdf = tmp_path / "quiz.pdf"
    page.emulate_media(media="print")
    pdf.write_bytes(page.pdf())
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    for words in (*STATEMENTS, "Correct: Venus.", "Mars and Venus are planets."):
        assert words in text
    # Each explanation once: in the answer, not again beside the statement.
    assert text.count("Mars is the fourth planet from the Sun.") == 1
    # The buttons do nothing on paper.
    assert "Check" not in text and "Reset" not in text


def test_dark_mode_changes_the_verdict_colours(new_page, quiz_site):
    colours = {}
    for scheme in ("light", "dark"):
        page, _console = open_quiz(new_page, quiz_site, color_scheme=scheme)
        tick(page, "The Moon.")
        check(page)
        result = statement(page, "The Moon.").locator(".quiz-result")
        colours[scheme] = result.evaluate("e => getComputedStyle(e).color")
        assert page.evaluate("() => document.body.dataset.theme") == "auto"
    assert colours["light"] != colours["dark"]


def test_a_ticked_statement_is_marked_without_has(new_page, quiz_site):
    """The chosen statement's edge comes from a class, not :has() (EPUB)."""
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Venus.")
    assert statement(page, "Venus.").get_attribute("class").split() == ["quiz-statement", "quiz-chosen"]
    page.reload()
    assert "quiz-chosen" in statement(page, "Venus.").get_attribute("class").split()
    page.locator(PLANETS).get_by_role("button", name="Reset").click()
    assert "quiz-chosen" not in statement(page, "Venus.").get_attribute("class").split()


def test_the_catalog_shows_the_progress_of_each_quiz(new_page, serve, book_site):
    """Not tried, tried, solved, answer seen: in words with an icon."""
    base = serve(book_site)
    catalog = f"{base}/docs/questions/index.html"
    seed = f"{base}/docs/questions/research-vs-production.html"
    entry = '.quizindex-item[data-quiz-key^="docs/questions/research-vs-production#"]'
    page, console = new_page()

    def progress() -> str:
        page.goto(catalog)
        return page.locator(f"{entry} .quizindex-status").evaluate(SHOWN)

    def solve() -> None:
        for item in quiz.locator(".quiz-statement").all():
            item.locator(".quiz-checkbox").set_checked(item.get_attribute("data-correct") == "true")
        quiz.get_by_role("button", name="Check").click()

    assert progress() == "○ not tried yet"
    # Read or copied, an entry's title and progress are two words apart.
    assert page.locator(entry).inner_text().endswith("production not tried yet")
    assert page.locator(".quizindex-status").count() == page.locator(".quizindex-item").count() >= 1
    # The catalog lists the book's questions, not the guides' examples.
    keys = page.eval_on_selector_all(".quizindex-item", "items => items.map(item => item.dataset.quizKey)")
    assert keys and all(key.startswith("docs/questions/") for key in keys), keys

    page.goto(seed)
    quiz = page.locator(".quiz").first
    quiz.locator(".quiz-checkbox").first.check()
    assert progress() == "◐ tried"

    page.goto(seed)
    solve()
    assert quiz.locator(".quiz-status").inner_text().startswith("Solved")
    assert progress() == "✓ solved"

    # Trying again, even wrongly, and opening the answer keep it solved.
    page.goto(seed)
    quiz.locator(".quiz-checkbox").last.set_checked(not quiz.locator(".quiz-checkbox").last.is_checked())
    quiz.get_by_role("button", name="Check").click()
    quiz.locator("summary").click()
    assert progress() == "✓ solved"

    # The answer seen first: solving afterwards is no longer "solved".
    page.goto(seed)
    quiz.get_by_role("button", name="Reset").click()
    assert progress() == "○ not tried yet"
    page.goto(seed)
    quiz.locator("summary").click()
    assert progress() == "◉ answer seen"
    page.goto(seed)
    solve()
    assert progress() == "◉ answer seen"
    # Chromium asks every server for /favicon.ico; the book has none to give.
    assert [error for error in console.errors if "404" not in error] == []


# Every catalog entry and group heading, as far from the catalog's top as it is drawn.
_CATALOG_LAYOUT = """() => {
  const top = document.querySelector(".quizindex").getBoundingClientRect().top;
  return [...document.querySelectorAll(".quizindex-group, .quizindex-item")].map(
    (element) => Math.round((element.getBoundingClientRect().top - top) * 10) / 10,
  );
}"""
#: Tall enough for a whole page: everything is drawn.
_TALL = {"viewport": {"width": 1000, "height": 8000}}
_TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_lazy_layout_moves_nothing(new_page, serve, book_site):
    """Off screen, a catalog's lists are not laid out (``content-visibility``,
    see ``bench/browser.py``); drawn, every entry is where it would be without
    that (a contained list keeps its items' margins in: an entry has none)."""
    base = serve(book_site)
    page, console = new_page(**_TALL)
    page.goto(f"{base}/docs/questions/index.html")
    assert page.locator(".quizindex-item").count() >= 1
    page.evaluate(_TWO_FRAMES)
    contained = page.evaluate(_CATALOG_LAYOUT)
    page.evaluate("() => { document.querySelector('link[href*=\"sphinx-quizbook.css\"]').disabled = true; }")
    assert page.evaluate(_CATALOG_LAYOUT) == contained
    assert [error for error in console.errors if "404" not in error] == []


# Copies of the first quiz (without ids), forty before the last and three after
# it: a long chapter.
_LENGTHEN = """() => {
  const quizzes = document.querySelectorAll(".quiz");
  const last = quizzes[quizzes.length - 1];
  for (let n = 0; n < 43; n++) {
    const copy = quizzes[0].cloneNode(true);
    [copy, ...copy.querySelectorAll("[id]")].forEach((element) => element.removeAttribute("id"));
    if (n < 40) last.before(copy);
    else last.after(copy);
  }
  return last.id;
}"""
# Where the page comes to rest after a jump (Furo scrolls smoothly).
_AT_REST = """(id) => new Promise((done) => {
  let last = NaN, still = 0;
  const look = () => {
    still = scrollY === last ? still + 1 : 0;
    last = scrollY;
    if (still < 10) requestAnimationFrame(look);
    else done(document.getElementById(id).getBoundingClientRect().top);
  };
  look();
})"""


def test_a_link_to_a_quiz_far_down_a_long_page_lands_on_it(new_page, quiz_site):
    """Quizzes are laid out with their page: were they laid out only near the
    screen (``content-visibility: auto``), Furo's smooth scroll to a link's
    target would aim by estimated heights and, as the real ones came in on
    the way, stop thousands of pixels short on a slow phone."""
    page, console = open_quiz(new_page, quiz_site, viewport={"width": 1000, "height": 700})
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    target = page.evaluate(_LENGTHEN)
    page.evaluate("(id) => { location.hash = id; }", target)
    assert 0 <= page.evaluate(_AT_REST, target) < 100
    assert console.errors == []
