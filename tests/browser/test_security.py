"""Safe and offline: a strict Content-Security-Policy, file:// with no network."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import furo
import pytest

from sphinx_quizbook.assets import JS_FILE, STATIC_DIR

from .conftest import REPO
from .pages import DRAW_EVERYTHING, RECORD_VIOLATIONS, book_pages, check_every_quiz, issue_policy

pytestmark = pytest.mark.browser


FURO_CSS = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
BOOK_STATIC = REPO / "_static"


def _not_favicon(message: str, url: str) -> bool:
    # Chromium asks every server for /favicon.ico; the book has none to give.
    return not url.endswith("/favicon.ico")


def test_every_page_passes_the_issue_policy_with_working_quizzes(new_page, serve, book_site):
    """``default-src 'self'; script-src 'self' 'sha256-<Furo's theme script>'``,
    the hash computed from the built page: not one violation on any page."""
    seed = (book_site / "docs" / "questions" / "research-vs-production.html").read_text(encoding="utf-8")
    policy = issue_policy(seed)
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-") and policy.count(";") == 1
    base = serve(book_site, {"Content-Security-Policy": policy})
    errors: list[str] = []
    pages = book_pages(book_site)
    assert {"index.html", "genindex.html", "search.html"} <= {path.name for path in pages}
    for scheme in ("light", "dark"):
        page, _console = new_page(color_scheme=scheme)
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
        quizzes = 0
        for path in pages:
            name = path.relative_to(book_site).as_posix()
            page.goto(f"{base}/{name}")
            # Mask images and the like load after "load"; let them all come.
            page.wait_for_load_state("networkidle")
            quizzes += check_every_quiz(page)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("() => window.__violations") == [], f"{name} ({scheme})"
        page.goto(f"{base}/docs/questions/research-vs-production.html")
        assert page.locator(".quiz-status").inner_text().startswith("1 of your choices is right.")
        assert quizzes >= 5
    assert errors == []


def test_the_policy_catches_what_furo_alone_does(new_page, serve, furo_book_site):
    """The same check on the book drawn by Furo's own partials: it fails, so
    the check above can fail too."""
    seed = (furo_book_site / "docs" / "questions" / "research-vs-production.html").read_text(encoding="utf-8")
    base = serve(furo_book_site, {"Content-Security-Policy": issue_policy(seed)})
    page, _console = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{base}/search.html")
    page.wait_for_load_state("networkidle")
    blocked = {violation["directive"] for violation in page.evaluate("() => window.__violations")}
    assert {"style-src-elem", "style-src-attr", "img-src"} <= blocked


def test_every_data_image_of_furo_has_a_file_in_the_book():
    """furo.css draws icons from ``data:`` URLs; furo-csp.css replaces each by
    a file holding the same SVG (a new Furo with new icons fails here)."""
    css = FURO_CSS.read_text(encoding="utf-8")
    ours = (BOOK_STATIC / "styles" / "furo-csp.css").read_text(encoding="utf-8")
    icons = BOOK_STATIC / "styles" / "furo-icons"
    found = re.findall(r"""(--icon-[a-z-]+|content):url\((["'])data:image/svg\+xml;charset=utf-8,(.*?)\2\)""", css)
    assert len(found) == css.count("data:") >= 10
    for prop, _quote, svg in found:
        name = "external-link" if prop == "content" else prop.removeprefix("--icon-")
        assert f'{prop}: url("furo-icons/{name}.svg")' in ours, prop
        assert (icons / f"{name}.svg").read_text(encoding="utf-8").strip() == unquote(svg), name


def test_the_book_looks_as_furo_draws_it(new_page, serve, book_site, furo_book_site, tmp_path):
    """The overrides change no pixel: pages with icons, code and quizzes, in
    light and dark, look as Furo's own partials and data: icons draw them."""
    bases = [serve(book_site), serve(furo_book_site)]
    names = ["docs/questions/research-vs-production.html", "search.html", "docs/guide/writing-a-quiz.html"]
    for scheme in ("light", "dark"):
        page, _console = new_page(color_scheme=scheme, viewport={"width": 1200, "height": 900})
        page.add_init_script("Math.random = () => 0.5")  # the same shuffle twice
        for name in names:
            shots = []
            for base in bases:
                page.goto(f"{base}/{name}")
                page.wait_for_load_state("networkidle")
                page.evaluate(DRAW_EVERYTHING)
                shots.append(page.screenshot(full_page=True))
            if shots[0] != shots[1]:
                # Saved to look at: pytest would diff the PNGs' bytes, for minutes.
                saved = [tmp_path / f"{scheme}-{Path(name).stem}-{which}.png" for which in ("ours", "furo")]
                for path, shot in zip(saved, shots, strict=True):
                    path.write_bytes(shot)
                pytest.fail(f"{name} ({scheme}) looks different: {saved[0]} against {saved[1]}")


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


def _refused_mask(message) -> bool:
    """Opened from disk, browsers refuse files as CSS masks (file:// is an
    opaque origin and masks are fetched with CORS): Furo's search and
    admonition icons stay blank there, and nothing else is affected."""
    return "/_static/styles/furo-icons/" in message.text + message.location.get("url", "")


def test_the_book_works_from_disk_with_the_network_cut(new_page, book_site):
    page, _console = new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: message.type == "error" and not _refused_mask(message) and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
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
    errors.clear()

    quizzes = 0
    for path in book_pages(book_site):
        page.goto(path.as_uri())
        quizzes += check_every_quiz(page)
    assert quizzes >= 1
    # Memory works from disk too: a reload brings the checked state back.
    page.goto((book_site / "docs" / "questions" / "research-vs-production.html").as_uri())
    assert page.locator(".quiz-status").inner_text().startswith("1 of your choices is right.")
    assert elsewhere == []
    assert errors == []
