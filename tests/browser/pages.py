"""The pages of a built book, and what the browser tests do on each."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

#: A verdict's or a catalog mark's icon, which the stylesheet draws from its
#: ``data-icon`` with empty alternative text (so a screen reader says only the
#: words), then its words: "✓ solved". Fails if the icon would be read aloud.
SHOWN = """(element) => {
  const [icon, alt] = getComputedStyle(element, "::before").content.split(" / ");
  if (alt !== '""') throw new Error(`the icon ${icon} has alternative text ${alt}`);
  return `${JSON.parse(icon)} ${element.innerText.trim()}`;
}"""

#: Records every CSP violation from the first moment of the page.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({directive: event.violatedDirective, blocked: event.blockedURI,
                            source: event.sourceFile, line: event.lineNumber});
});
"""


#: Off screen, ``content-visibility: auto`` leaves a catalog's lists undrawn,
#: and a full-page screenshot shows them as empty space (print draws them):
#: this draws them all, as a picture of the whole page needs.
DRAW_EVERYTHING = """() => {
  for (const list of document.querySelectorAll(".quizindex ul")) list.style.contentVisibility = "visible";
}"""


def book_pages(site: Path) -> list[Path]:
    """Every HTML page Sphinx wrote, genindex and search included.

    A redirect stub (the landing page copied from ``html_extra_path``) is not
    a page of the book: the browser leaves it at once for the book's start.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in {"_static", "_sources"}:
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        pages.append(path)
    return pages


def csp_hash(text: str) -> str:
    """A CSP source expression for an inline script, style or style attribute."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.DOTALL)


def issue_policy(html: str) -> str:
    """The policy of issue 3: files of the site, and Furo's one theme script.

    No inline style and no ``data:`` image: ``default-src 'self'`` covers
    ``style-src`` and ``img-src``.
    """
    (theme,) = inline_scripts(html)
    return f"default-src 'self'; script-src 'self' {csp_hash(theme)}"


def check_every_quiz(page: Any) -> int:
    """Tick the first and last statements of every quiz and press Check.

    On the seed quiz that shows all four verdicts. Returns the number of quizzes.
    """
    quizzes = page.locator(".quiz[data-quiz-key]").all()
    for quiz in quizzes:
        # Only this quiz's own parts: quizzes may nest.
        boxes = quiz.locator(":scope > .quiz-question > .quiz-statements > li > label > .quiz-checkbox")
        boxes.first.check()
        boxes.last.check()
        quiz.locator(":scope > .quiz-actions > .quiz-check").click()
        assert quiz.locator(":scope > .quiz-status").inner_text().strip(), "Check left the summary empty"
    return len(quizzes)


def open_every_answer(page: Any) -> int:
    """Open each quiz's answer, which shows every statement's verdict. Returns how many."""
    answers = [details for details in page.locator(".quiz > details.quiz-answer").all() if details.is_visible()]
    for details in answers:
        if details.get_attribute("open") is None:
            details.locator(":scope > summary").click()
    return len(answers)
