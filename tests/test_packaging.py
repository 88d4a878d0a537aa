"""What ``pip install sphinx-quizbook`` puts on another author's machine."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

NEEDED = {
    "sphinx_quizbook/static/sphinx-quizbook.js",
    "sphinx_quizbook/static/sphinx-quizbook.css",
    "sphinx_quizbook/texinputs/sphinxquizbook.sty",
    "sphinx_quizbook/schema/quiz-export.schema.json",
    "sphinx_quizbook/locale/de/LC_MESSAGES/sphinx_quizbook.mo",
    "sphinx_quizbook/locale/es/LC_MESSAGES/sphinx_quizbook.mo",
    "sphinx_quizbook/py.typed",
}


@pytest.mark.slow
def test_wheel_ships_code_assets_catalogs_and_the_command(tmp_path):
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path)]
    subprocess.run([*command, str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("sphinx_quizbook-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert sorted(NEEDED - names) == []
    assert "sphinx_quizbook/__init__.py" in names
    # Only the extension: no tests, book pages or benchmarks inside.
    assert not [name for name in names if name.startswith(("tests/", "docs/", "bench/"))]
    assert "sphinx-quizbook = sphinx_quizbook.cli:main" in entry_points
    _check_metadata(metadata)


def _check_metadata(metadata: str) -> None:
    """What a package index shows: links, versions, and a README that works there."""
    urls = dict(re.findall(r"^Project-URL: ([^,]+), (\S+)$", metadata, re.MULTILINE))
    assert {"Documentation", "Source", "Issues", "Changelog"} <= urls.keys()
    assert all(url.startswith("https://") for url in urls.values())
    for version in ("3.11", "3.12", "3.13"):
        assert f"Classifier: Programming Language :: Python :: {version}" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    description = metadata.split("\n\n", 1)[1]
    # On a package index a relative link or image leads nowhere.
    targets = re.findall(r"\]\(([^)\s]+)", description)
    assert targets, "the README has links"
    assert [target for target in targets if not target.startswith(("https://", "http://", "#"))] == []


@pytest.mark.slow
def test_sdist_builds_the_book(tmp_path):
    """The source archive is the whole project: the book builds from it alone."""
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    subprocess.run([uv, "build", "-q", "--sdist", "-o", str(tmp_path), str(REPO)], check=True, capture_output=True)
    (sdist,) = tmp_path.glob("sphinx_quizbook-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (root,) = (path for path in tmp_path.iterdir() if path.is_dir())
    assert not list(root.rglob("node_modules"))
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(root), str(tmp_path / "html")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "html" / "docs" / "questions" / "research-vs-production.html").is_file()
