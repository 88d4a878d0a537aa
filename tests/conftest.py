"""Shared fixtures: Sphinx's own testing app, our test roots, tool checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import chromium_browser

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``roots/test-x``."""
    return ROOTS


@pytest.fixture
def app_params(app_params):
    """Every test app prints warning types ("[quiz.marker]"), which Sphinx 7
    does only when asked (8.0 made it the default)."""
    args, kwargs = app_params
    overrides = {"show_warning_types": True, **kwargs.get("confoverrides", {})}
    return type(app_params)(args, {**kwargs, "confoverrides": overrides})


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, one for the whole session: Playwright's
    synchronous API allows one running instance at a time."""
    with chromium_browser() as chromium:
        yield chromium
