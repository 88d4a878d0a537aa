"""Building the repository's own book the way Read the Docs does, and reading
what comes out (PDF pages)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import require_executable

#: What a clean clone holds; an earlier build or a venv must not leak in.
_NOT_IN_A_CLONE = shutil.ignore_patterns("_build", ".git", ".venv", "node_modules", "__pycache__", "*_cache")


def build_book(builder: str, dest: Path, *extra: str, language: str = "en") -> Path:
    """Copy the book to *dest* and build it with Read the Docs' command line.

    Returns the output folder; fails on any error or warning.
    """
    shutil.copytree(REPO, dest, ignore=_NOT_IN_A_CLONE)
    out = f"_build/{builder}"
    command = [sys.executable, "-m", "sphinx", "-T", "-b", builder, "-d", "_build/doctrees"]
    command += ["-D", f"language={language}", *extra, ".", out]
    result = subprocess.run(
        command,
        cwd=dest,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest / out


def latexmk(folder: Path) -> str:
    """Compile every .tex file in *folder* the way Read the Docs does; the log."""
    require_executable("latexmk")
    result = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-f"],
        cwd=folder,
        capture_output=True,
        text=True,
        errors="replace",  # latexmk echoes TeX's bytes, not always UTF-8
        timeout=600,
        check=False,
    )
    log = "".join(path.read_text(encoding="utf-8", errors="replace") for path in folder.glob("*.log"))
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert not errors, errors
    assert result.returncode == 0, result.stdout[-3000:]
    # An unresolved \ref or \hyperref is a dead link or a "??" on paper.
    assert not re.search(r"(Hyper )?[Rr]eference .* undefined", log)
    return log


def pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text, page by page, each on one line."""
    require_executable("pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in text.stdout.split("\f")]
