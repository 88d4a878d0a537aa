"""What a reader gets from the self-check: verdicts, summary, keyboard, memory.

The "Planets" quiz of ``test-browser-quiz``: Mars [x], The Moon [ ],
Venus [x], Pluto [ ]; the Moon and Pluto have explanations, so has Mars.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.helpers import require_executable

pytestmark = pytest.mark.browser

PLANETS = "#quiz-planets"


def open_quiz(new_page: Any, site: Path, page_name: str = "index.html", **options: Any) -> tuple[Any, Any]:
    page, console = new_page(**options)
    page.goto((site / page_name).as_uri())
    return page, console


def statement(page: Any, text: str) -> Any:
    return page.locator(f"{PLANETS} .quiz-statement").filter(has_text=text)


def tick(page: Any, *texts: str) -> None:
    for text in texts:
        page.get_by_role("checkbox", name=text).check()


def verdicts(page: Any) -> dict[str, str]:
    """Each statement's verdict line, by the statement's label."""
    result = {}
    for item in page.locator(f"{PLANETS} .quiz-statement").all():
        label = item.locator("label").inner_text().strip()
        result[label] = item.locator(".quiz-result").inner_text().strip()
    return result


def status(page: Any) -> str:
    return page.locator(f"{PLANETS} .quiz-status").inner_text().strip()


def test_a_wrong_selection_gets_its_verdicts_and_summary(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "The Moon.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()

    assert verdicts(page) == {
        "Mars.": "✓ Correct choice",
        "The Moon.": "✗ Wrong choice",
        "Venus.": "! Missed: this statement is correct",
        "Pluto.": "✓ Correctly left out",
    }
    assert status(page) == "1 of 2 correct statements found, 1 wrong choice."
    assert "quiz-solved" not in (page.locator(PLANETS).get_attribute("class") or "")
    # The icon is decoration: screen readers get the words.
    assert statement(page, "Mars.").locator(".quiz-icon").get_attribute("aria-hidden") == "true"
    # Each statement's own explanation appears beside it, once, without ids.
    moon = statement(page, "The Moon.")
    assert moon.locator(".quiz-feedback").inner_text().endswith("The Moon is Earth’s satellite, not a planet.")
    assert statement(page, "Venus.").locator(".quiz-explanation").count() == 0
    assert page.evaluate("() => new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == (
        page.locator("[id]").count()
    )
    # The checkbox is described by its verdict and explanation.
    box = page.get_by_role("checkbox", name="The Moon.")
    assert page.evaluate(
        "id => document.getElementById(id).textContent", box.get_attribute("aria-describedby")
    ).startswith("✗ Wrong choice")
    # The answer opens (a frame after the verdicts), and the choices are
    # locked until "Try again".
    expect(page.locator(f"{PLANETS} details.quiz-answer")).to_have_attribute("open", "")
    assert box.is_disabled()
    assert console.errors == []


def test_explanations_come_from_an_answer_key_at_the_end_too(new_page, quiz_site_key_at_end):
    page, console = open_quiz(new_page, quiz_site_key_at_end)
    assert page.locator(f"{PLANETS} details.quiz-answer").count() == 0
    tick(page, "The Moon.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()
    assert (
        statement(page, "The Moon.")
        .locator(".quiz-feedback")
        .inner_text()
        .endswith("The Moon is Earth’s satellite, not a planet.")
    )
    assert status(page) == "0 of 2 correct statements found, 1 wrong choice."
    assert console.errors == []


def test_the_summary_counts_several_wrong_choices(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "The Moon.", "Pluto.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()
    assert status(page) == "0 of 2 correct statements found, 2 wrong choices."


def test_the_exact_set_is_solved(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "Venus.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()

    assert status(page) == "Solved: exactly the correct statements. 2 of 2 correct statements found, no wrong choices."
    assert "quiz-solved" in page.locator(PLANETS).get_attribute("class")
    assert set(verdicts(page).values()) == {"✓ Correct choice", "✓ Correctly left out"}
    assert console.errors == []


def test_a_superset_is_not_solved(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "Venus.", "Pluto.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()
    assert status(page) == "2 of 2 correct statements found, 1 wrong choice."
    assert "quiz-solved" not in page.locator(PLANETS).get_attribute("class")


def test_try_again_clears_the_verdicts_and_keeps_the_choices(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.")
    quiz = page.locator(PLANETS)
    quiz.get_by_role("button", name="Check").click()
    quiz.get_by_role("button", name="Try again").click()

    assert quiz.locator(".quiz-feedback").count() == 0
    assert status(page) == ""
    assert quiz.locator("details.quiz-answer").get_attribute("open") is None
    assert page.get_by_role("checkbox", name="Mars.").is_checked()
    tick(page, "Venus.")
    quiz.get_by_role("button", name="Check").click()
    assert status(page).startswith("Solved")


def test_a_keyboard_alone_runs_a_quiz(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    focused = "() => document.activeElement.id || document.activeElement.textContent"

    def tab_to(predicate: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const e = document.activeElement; return {predicate}; }}"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("e.classList.contains('quiz-checkbox')")
    order = []
    for _ in range(4):
        order.append(page.evaluate("() => document.activeElement.labels[0].textContent.trim()"))
        if order[-1] in {"Mars.", "Venus."}:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    # Natural order: the statements, then Check, then Reset, then the answer.
    assert order == ["Mars.", "The Moon.", "Venus.", "Pluto."]
    assert page.evaluate(focused) == "Check"
    # Focus is visible: chromium draws :focus-visible for keyboard focus.
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert status(page).startswith("Solved")
    # Focus stays on the same button, now "Try again".
    assert page.evaluate(focused) == "Try again"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Reset"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    # After "Try again", focus goes to the first statement, ready to change it.
    assert page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == "Mars."
    page.keyboard.press("Space")
    assert not page.get_by_role("checkbox", name="Mars.").is_checked()
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
    for name in ("Mars.", "The Moon.", "Venus.", "Pluto."):
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1


def test_reload_restores_choices_and_results(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site)
    tick(page, "Venus.")
    page.reload()
    assert page.get_by_role("checkbox", name="Venus.").is_checked()
    assert status(page) == ""

    page.locator(PLANETS).get_by_role("button", name="Check").click()
    page.reload()
    assert status(page) == "1 of 2 correct statements found, no wrong choices."
    assert verdicts(page)["Mars."] == "! Missed: this statement is correct"
    assert page.locator(PLANETS).get_by_role("button", name="Try again").is_visible()
    # Another quiz on the page keeps its own state.
    assert page.locator(".quiz").nth(1).locator(".quiz-feedback").count() == 0
    assert console.errors == []


def test_reset_clears_choices_results_and_storage(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Mars.", "Pluto.")
    quiz = page.locator(PLANETS)
    quiz.get_by_role("button", name="Check").click()
    quiz.get_by_role("button", name="Reset").click()

    assert quiz.locator(".quiz-checkbox:checked").count() == 0
    assert quiz.locator(".quiz-feedback").count() == 0
    assert status(page) == ""
    assert page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == "Mars."
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sphinx-quizbook:'))") == []
    page.reload()
    assert quiz.locator(".quiz-checkbox:checked").count() == 0


def test_what_is_stored_is_the_choices_and_whether_checked(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Venus.")
    stored = page.evaluate("() => ({...localStorage})")
    assert stored == {"sphinx-quizbook:index#quiz-planets": '{"chosen":[3],"checked":false}'}


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
    page.locator(PLANETS).get_by_role("button", name="Check").click()
    assert status(page).startswith("Solved")
    page.locator(PLANETS).get_by_role("button", name="Reset").click()
    assert status(page) == ""
    assert page.locator(f"{PLANETS} .quiz-checkbox:checked").count() == 0

    callers = page.evaluate("() => window.__storageCallers")
    assert any("sphinx-quizbook.js" in caller for caller in callers), "our script never tried storage"
    assert [error for error in console.errors if "sphinx-quizbook.js" in error] == []


def test_without_javascript_the_answer_still_opens(new_page, quiz_site):
    page, console = open_quiz(new_page, quiz_site, java_script_enabled=False)
    quiz = page.locator(PLANETS)
    assert quiz.get_by_role("button").count() == 0
    answer = quiz.locator("details.quiz-answer")
    assert not answer.locator(".quiz-key").is_visible()
    quiz.locator("summary").click()
    assert answer.locator(".quiz-key").is_visible()
    assert "Mars and Venus are planets." in answer.inner_text()
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
    assert page.locator(".quiz-status").inner_text() == "1 of 2 correct statements found, 1 wrong choice."
    e_item = page.locator(".quiz-statement").filter(has=page.get_by_role("checkbox", name="E", exact=True))
    assert e_item.locator(".quiz-result").inner_text().strip() == "! Missed: this statement is correct"


def test_a_phone_shows_everything_without_scrolling_sideways(new_page, quiz_site):
    page, _console = open_quiz(new_page, quiz_site, viewport={"width": 375, "height": 800})
    tick(page, "The Moon.")
    page.locator(PLANETS).get_by_role("button", name="Check").click()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator(PLANETS).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


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


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_printed_page_has_every_statement_and_the_answer(new_page, quiz_site, tmp_path, javascript):
    pdftotext = require_executable("pdftotext")
    page, _console = open_quiz(new_page, quiz_site, java_script_enabled=javascript)
    if javascript:
        tick(page, "Mars.")
        page.locator(PLANETS).get_by_role("button", name="Check").click()
        page.locator(PLANETS).locator("summary").click()  # closed again by the reader
    pdf = tmp_path / "quiz.pdf"
    page.emulate_media(media="print")
    pdf.write_bytes(page.pdf())
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    for words in ("Mars.", "The Moon.", "Venus.", "Pluto.", "Correct: Venus.", "Mars and Venus are planets."):
        assert words in text
    # The buttons do nothing on paper.
    assert "Try again" not in text and "Reset" not in text


def test_dark_mode_changes_the_verdict_colours(new_page, quiz_site):
    colours = {}
    for scheme in ("light", "dark"):
        page, _console = open_quiz(new_page, quiz_site, color_scheme=scheme)
        tick(page, "The Moon.")
        page.locator(PLANETS).get_by_role("button", name="Check").click()
        result = statement(page, "The Moon.").locator(".quiz-result")
        colours[scheme] = result.evaluate("e => getComputedStyle(e).color")
        assert page.evaluate("() => document.body.dataset.theme") == "auto"
    assert colours["light"] != colours["dark"]


def test_the_catalog_shows_the_progress_of_each_quiz(new_page, serve, book_site):
    """Not tried, tried, solved: in words with an icon; Reset forgets."""
    base = serve(book_site)
    catalog = f"{base}/docs/questions/index.html"
    seed = f"{base}/docs/questions/research-vs-production.html"
    entry = '.quizindex-item[data-quiz-key^="docs/questions/research-vs-production#"]'
    page, console = new_page()

    def progress() -> str:
        page.goto(catalog)
        return page.locator(f"{entry} .quizindex-status").inner_text().strip()

    assert progress() == "○ not tried yet"
    assert page.locator(".quizindex-status").count() == page.locator(".quizindex-item").count() >= 1
    assert page.locator(f"{entry} .quizindex-status .quiz-icon").get_attribute("aria-hidden") == "true"

    page.goto(seed)
    quiz = page.locator(".quiz").first
    quiz.locator(".quiz-checkbox").first.check()
    assert progress() == "◐ tried"

    page.goto(seed)
    for item in quiz.locator(".quiz-statement").all():
        item.locator(".quiz-checkbox").set_checked(item.get_attribute("data-correct") == "true")
    quiz.get_by_role("button", name="Check").click()
    assert quiz.locator(".quiz-status").inner_text().startswith("Solved")
    assert progress() == "✓ solved"

    # Trying again, even wrongly, keeps the quiz solved; Reset forgets it.
    page.goto(seed)
    quiz.get_by_role("button", name="Try again").click()
    quiz.locator(".quiz-checkbox").last.set_checked(not quiz.locator(".quiz-checkbox").last.is_checked())
    quiz.get_by_role("button", name="Check").click()
    assert progress() == "✓ solved"
    page.goto(seed)
    quiz.get_by_role("button", name="Reset").click()
    assert progress() == "○ not tried yet"
    # Chromium asks every server for /favicon.ico; the book has none to give.
    assert [error for error in console.errors if "404" not in error] == []


def test_a_ticked_statement_is_marked_without_has(new_page, quiz_site):
    """The chosen statement's edge comes from a class, not :has() (EPUB)."""
    page, _console = open_quiz(new_page, quiz_site)
    tick(page, "Venus.")
    assert statement(page, "Venus.").get_attribute("class").split() == ["quiz-statement", "quiz-chosen"]
    page.reload()
    assert "quiz-chosen" in statement(page, "Venus.").get_attribute("class").split()
    page.locator(PLANETS).get_by_role("button", name="Reset").click()
    assert "quiz-chosen" not in statement(page, "Venus.").get_attribute("class").split()
