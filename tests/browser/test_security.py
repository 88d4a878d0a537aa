"""Safe and offline: a strict Content-Security-Policy, file:// with no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx_quizbook.html import JS_FILE, STATIC_DIR

from .pages import RECORD_VIOLATIONS, book_pages, check_every_quiz, furo_policy, issue_policy

pytestmark = pytest.mark.browser


def _not_favicon(message: str, url: str) -> bool:
    # Chromium asks every server for /favicon.ico; the book has none to give.
    return not url.endswith("/favicon.ico")


def _open_with_policy(new_page, serve, site: Path, policy_for) -> tuple:
    """Serve *site* with the policy computed from its seed page; a recording page."""
    seed = (site / "docs" / "questions" / "research-vs-production.html").read_text(encoding="utf-8")
    policy = policy_for(seed)
    base = serve(site, {"Content-Security-Policy": policy})
    page, _console = new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and _not_favicon(message.text, message.location.get("url", ""))
            and errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)
    return page, errors, base, policy


def test_every_page_passes_a_strict_policy_with_working_quizzes(new_page, serve, book_site):
    page, errors, base, policy = _open_with_policy(new_page, serve, book_site, furo_policy)
    assert "unsafe-inline" not in policy
    quizzes = 0
    for path in book_pages(book_site):
        page.goto(f"{base}/{path.relative_to(book_site).as_posix()}")
        quizzes += check_every_quiz(page)
        assert page.evaluate("() => window.__violations") == [], path.name
    assert quizzes >= 1
    assert errors == []


def test_the_issue_policy_blocks_nothing_of_ours(new_page, serve, book_site):
    """``default-src 'self'; script-src 'self' 'sha256-<Furo's theme script>'``.

    Every script runs and every quiz works; what this policy blocks is Furo's
    own inline styling (see ``furo_policy``), never a script and never a file
    of ours.
    """
    page, _errors, base, _policy = _open_with_policy(new_page, serve, book_site, issue_policy)
    page.goto(f"{base}/docs/questions/research-vs-production.html")
    assert check_every_quiz(page) == 1
    assert page.locator(".quiz-status").inner_text().startswith("1 of 2 correct statements found")
    violations = page.evaluate("() => window.__violations")
    assert [v for v in violations if v["directive"].startswith("script-src")] == []
    assert [v for v in violations if "sphinx-quizbook" in v["source"] + v["blocked"]] == []
    assert {v["directive"] for v in violations} <= {"style-src-elem", "style-src-attr", "img-src"}


def test_our_script_writes_no_markup_and_runs_no_strings():
    script = (STATIC_DIR / JS_FILE).read_text(encoding="utf-8")
    # Code only: the comments may name what the code avoids.
    script = re.sub(r"/\*.*?\*/|^\s*//[^\n]*", "", script, flags=re.DOTALL | re.MULTILINE)
    assert "textContent" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script
    assert 'setAttribute("style"' not in script and ".style." not in script


def test_our_markup_has_no_inline_script_or_handler(book_site):
    for path in book_pages(book_site):
        html = path.read_text(encoding="utf-8")
        # Furo's theme choice is the one inline script of a page.
        assert len(re.findall(r"<script>", html)) == 1, path.name
        assert re.search(r"<[^>]+\son[a-z]+=", html) is None, path.name


def test_the_book_works_from_disk_with_the_network_cut(new_page, book_site):
    page, console = new_page()
    elsewhere: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    # The trap works: a request elsewhere is caught, counted and aborted.
    page.goto((book_site / "genindex.html").as_uri())
    page.evaluate("() => fetch('https://example.org/trap').catch(() => null)")
    assert elsewhere == ["https://example.org/trap"]
    elsewhere.clear()
    console.errors.clear()

    quizzes = 0
    for path in book_pages(book_site):
        page.goto(path.as_uri())
        quizzes += check_every_quiz(page)
    assert quizzes >= 1
    # Memory works from disk too: a reload brings the checked state back.
    page.goto((book_site / "docs" / "questions" / "research-vs-production.html").as_uri())
    assert page.locator(".quiz-status").inner_text().startswith("1 of 2 correct statements found")
    assert elsewhere == []
    assert console.errors == []
