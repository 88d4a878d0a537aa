"""axe-core finds no WCAG 2.2 AA violation on any page, in any colour mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import require

from .conftest import AXE
from .pages import book_pages, check_every_quiz, open_every_answer

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: (system colour scheme, Furo's stored theme choice). The last is a reader
#: who picked dark in Furo's toggle on a light system: native controls must
#: follow the page, not the system.
MODES = {
    "light": ("light", None),
    "dark": ("dark", None),
    "dark-toggle": ("light", "dark"),
}


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))})))",
        TAGS,
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("site_name", ["book_site", "quiz_site"], ids=["book", "test-quizzes"])
def test_no_violations_before_and_after_checking(request, new_page, site_name: str, mode: str):
    """Every page of the real book, and of the test book whose quizzes have
    explanations, untitled and shuffled quizzes."""
    require(AXE.exists(), "axe-core is not installed: npm ci --prefix tests/browser")
    site: Path = request.getfixturevalue(site_name)
    scheme, theme = MODES[mode]
    page, _console = new_page(color_scheme=scheme)
    if theme:
        page.add_init_script(f"localStorage.setItem('theme', {json.dumps(theme)})")
    found = {}
    pages = book_pages(site)
    assert {"genindex.html", "search.html"} <= {path.name for path in pages}
    for path in pages:
        name = path.relative_to(site).as_posix()
        page.goto(path.as_uri())
        expected = theme or "auto"
        assert page.evaluate("() => document.body.dataset.theme") == expected
        found[f"{name} before"] = run_axe(page)
        if check_every_quiz(page):
            found[f"{name} after Check"] = run_axe(page)
        if open_every_answer(page):
            found[f"{name} with every verdict"] = run_axe(page)
    report = [
        f"{where}: {violation['id']} ({violation['help']}) at {'; '.join(violation['nodes'][:3])}"
        for where, violations in found.items()
        for violation in violations
    ]
    assert not report, "axe-core violations:\n" + "\n".join(report)
