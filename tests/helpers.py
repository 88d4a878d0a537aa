"""Helpers shared by the test modules."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail in CI.

    CI installs every tool the suite needs, so a missing one there is a broken
    install step, not a reason to pass quietly.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_executable(name: str) -> str:
    """The path of an executable, or a skip (a failure in CI) without it."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed")
    assert path is not None
    return path


#: How the browser tests and benchmarks start Debian's chromium: headless, and
#: quiet on a machine whose network reaches only package registries.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


@contextlib.contextmanager
def chromium_browser() -> Iterator[Any]:
    """Debian's chromium, headless, through Playwright; a skip (a failure in CI)
    without either."""
    executable = require_executable("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the machine
        require(False, "playwright (python) is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
