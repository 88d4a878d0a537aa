"""What ``pip install sphinx-quizbook`` puts on another author's machine."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO

NEEDED = {
    "sphinx_quizbook/static/sphinx-quizbook.js",
    "sphinx_quizbook/static/sphinx-quizbook.css",
    "sphinx_quizbook/texinputs/sphinxquizbook.sty",
    "sphinx_quizbook/schema/quiz-export.schema.json",
    "sphinx_quizbook/locale/de/LC_MESSAGES/sphinx_quizbook.mo",
    "sphinx_quizbook/locale/es/LC_MESSAGES/sphinx_quizbook.mo",
}


@pytest.mark.slow
def test_wheel_ships_code_assets_catalogs_and_the_command(tmp_path):
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path)]
    subprocess.run([*command, str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("sphinx_quizbook-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert sorted(NEEDED - names) == []
    assert "sphinx_quizbook/__init__.py" in names
    # Only the extension: no tests, book pages or benchmarks inside.
    assert not [name for name in names if name.startswith(("tests/", "docs/", "bench/"))]
    assert "sphinx-quizbook = sphinx_quizbook.cli:main" in entry_points
