"""Lint, format and type checks run with the tests, not from memory."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

CHECKS = {
    "ruff-lint": [sys.executable, "-m", "ruff", "check", "ext", "tests", "bench", "conf.py"],
    "ruff-format": [sys.executable, "-m", "ruff", "format", "--check", "ext", "tests", "bench", "conf.py"],
    "mypy": [sys.executable, "-m", "mypy"],
}


@pytest.mark.parametrize("check", CHECKS)
def test_code_is_clean(check):
    result = subprocess.run(CHECKS[check], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
