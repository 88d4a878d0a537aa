"""Fixtures for the browser tests: built books, a local server, Debian's chromium.

Playwright drives the chromium that Debian installs (``/usr/bin/chromium``);
its own browser download (``playwright install``) is never used. A missing
chromium or Playwright skips these tests locally and fails them in CI.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BROWSER_TESTS = Path(__file__).parent
REPO = BROWSER_TESTS.parent.parent
QUIZ_ROOT = REPO / "tests" / "roots" / "test-browser-quiz"
AXE = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"


def build_html(source: Path, out: Path, *options: str) -> Path:
    """Build *source* (a directory with conf.py) into *out* with a fresh environment."""
    command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", *options, str(source), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test book: known quizzes with known answers."""
    return build_html(QUIZ_ROOT, tmp_path_factory.mktemp("browser-quiz") / "html")


@pytest.fixture(scope="session")
def quiz_site_key_at_end(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test book with its answers in a key at the end of the page."""
    out = tmp_path_factory.mktemp("browser-quiz-key") / "html"
    return build_html(QUIZ_ROOT, out, "-D", "quiz_answers.html=chapter")


@pytest.fixture(scope="session")
def quiz_site_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test book with ``quiz_feedback = "all"``: Check reveals everything."""
    out = tmp_path_factory.mktemp("browser-quiz-all") / "html"
    return build_html(QUIZ_ROOT, out, "-D", "quiz_feedback=all")


@pytest.fixture(scope="session")
def quiz_site_de(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test book in German: the script's words and plural forms."""
    out = tmp_path_factory.mktemp("browser-quiz-de") / "html"
    return build_html(QUIZ_ROOT, out, "-D", "language=de")


@pytest.fixture(scope="session")
def book_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book (conf.py at the repository's root), built once per session."""
    return build_html(REPO, tmp_path_factory.mktemp("browser-book") / "html")


@pytest.fixture(scope="session")
def furo_book_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book as Furo alone draws it: its own partials, no furo-csp.css."""
    out = tmp_path_factory.mktemp("browser-book-furo") / "html"
    return build_html(REPO, out, "-D", "templates_path=no-such-folder", "-D", "html_css_files=book.css")


@dataclass
class Console:
    """What a page said: console errors and uncaught exceptions."""

    errors: list[str] = field(default_factory=list)

    def record(self, page: Any) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"{error}\n{error.stack}"))


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., tuple[Any, Console]]]:
    """Open pages in fresh browser contexts: ``page, console = new_page(**context_options)``."""
    contexts = []

    def open_page(**options: Any) -> tuple[Any, Console]:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        console = Console()
        console.record(page)
        return page, console

    yield open_page
    for context in contexts:
        context.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a directory, adding the given headers to every response."""

    extra_headers: dict[str, str] = {}  # noqa: RUF012 - set per server by a subclass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """Serve a directory on 127.0.0.1 (a free port): ``base_url = serve(root, headers)``."""
    servers = []

    def start(root: Path, headers: dict[str, str] | None = None) -> str:
        handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=root))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
