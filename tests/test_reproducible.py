"""Reproducible builds: same sources, same bytes.

* two clean builds of the real book are identical, and so is a ``-j 3`` one;
* after a random sequence of edits, an incremental build gives, page for
  page, what a clean build of the same sources gives.

Builds run ``python -m sphinx`` in a child process, as a user or Read the
Docs would, so no state survives in this process between two builds.
"""

from __future__ import annotations

import difflib
import filecmp
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO, ROOTS

INCREMENTAL_ROOT = ROOTS / "test-props-incremental"
QUIZ_PAGES = [f"page{number}" for number in range(1, 7)]
#: Pages that show other pages' quizzes; the incremental test compares them
#: too. Add a page here when a new one depends on quizzes elsewhere.
CATALOG_PAGES = ["catalog", "index"]
PAGES_TO_COMPARE = QUIZ_PAGES + CATALOG_PAGES


def sphinx_build(srcdir: Path, outdir: Path, doctrees: Path, *extra: str) -> str:
    """Build HTML as Read the Docs does; return the warnings."""
    command = [sys.executable, "-m", "sphinx", "-T", "-q", "-b", "html", "-d", str(doctrees)]
    command += ["-D", "language=en", *extra, str(srcdir), str(outdir)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr


def tree_differences(left: Path, right: Path) -> list[str]:
    """Files missing on either side or differing byte for byte."""
    names = {str(path.relative_to(left)) for path in left.rglob("*") if path.is_file()}
    other = {str(path.relative_to(right)) for path in right.rglob("*") if path.is_file()}
    problems = [f"only in one build: {name}" for name in sorted(names ^ other)]
    for name in sorted(names & other):
        if not filecmp.cmp(left / name, right / name, shallow=False):
            problems.append(f"differs: {name}")
    return problems


@pytest.mark.slow
def test_real_book_builds_are_identical(tmp_path: Path) -> None:
    """Two clean serial builds and a ``-j 3`` build of the book, byte for byte."""
    outputs = {}
    for name, extra in (("first", ()), ("second", ()), ("parallel", ("-j", "3"))):
        outputs[name] = tmp_path / name / "html"
        sphinx_build(REPO, outputs[name], tmp_path / name / "doctrees", *extra)
    assert (outputs["first"] / "docs" / "index.html").exists()
    assert tree_differences(outputs["first"], outputs["second"]) == []
    assert tree_differences(outputs["first"], outputs["parallel"]) == []


# --- incremental builds after random edits -----------------------------------

_NAMES = ["quiz-a", "quiz-b", "quiz-c", "quiz-d"]
_TAGS = ["alpha", "beta", ""]


@dataclass
class Quiz:
    """A quiz as the random edits see it."""

    title: str
    name: str
    tags: str
    markers: list[bool] = field(default_factory=lambda: [True, False, False])
    words: str = "first"

    def render(self) -> str:
        options = [f":name: {self.name}" if self.name else "", f":tags: {self.tags}" if self.tags else ""]
        statements = [
            f"- [{'x' if correct else ' '}] Statement {index} says {self.words}."
            for index, correct in enumerate(self.markers, 1)
        ]
        head = [f"::::{{quiz}} {self.title}", *filter(None, options), "", "Which hold?", ""]
        answer = [":::{answer}", f"Because {self.words}.", ":::"]
        return "\n".join([*head, *statements, "", *answer, "::::", ""])


def render_page(number: int, quizzes: list[Quiz], refs: list[str]) -> str:
    """A page: its title (never edited: Sphinx does not update other pages'
    navigation when a title changes), references to quizzes, and its quizzes."""
    lines = [f"# Page {number}", ""]
    lines += [f"See {{numref}}`{ref}` and {{ref}}`{ref}`." for ref in refs] + [""]
    return "\n".join(lines + [quiz.render() for quiz in quizzes])


class Book:
    """The pages' contents, edited at random and written to *srcdir*."""

    def __init__(self, srcdir: Path, rng: random.Random) -> None:
        self.srcdir, self.rng = srcdir, rng
        self.quizzes: dict[int, list[Quiz]] = {}
        for number in range(1, 7):
            self.quizzes[number] = []
            for _ in range(rng.randint(0, 2)):
                self.quizzes[number].append(self._new_quiz())
        self.refs = {number: rng.sample(_NAMES[:3], rng.randint(0, 2)) for number in range(1, 7)}
        for number in self.quizzes:
            self.write(number)

    def _new_quiz(self) -> Quiz:
        return Quiz(f"Title {self.rng.randint(1, 99)}", self._free_name(), self.rng.choice(_TAGS))

    def _free_name(self) -> str:
        # Names may collide: the first quiz in reading order keeps the name,
        # whatever the edits, and the others are warned about.
        return self.rng.choice([*_NAMES, ""])

    def write(self, number: int) -> None:
        path = self.srcdir / f"page{number}.md"
        path.write_text(render_page(number, self.quizzes[number], self.refs[number]), encoding="utf-8")
        # A later mtime than the last build's, even within one clock tick.
        stamp = time.time() + 2
        os.utime(path, (stamp, stamp))

    def edit(self) -> str:
        """Make one random edit; say what it was, for the failure message."""
        number = self.rng.randint(1, 6)
        quizzes = self.quizzes[number]
        action = self.rng.choice(["add", "remove", "marker", "title", "name", "tags", "words", "refs"])
        if action == "add" or (not quizzes and action != "refs"):
            quizzes.insert(self.rng.randint(0, len(quizzes)), self._new_quiz())
            action = "add"
        elif action == "remove":
            quizzes.pop(self.rng.randrange(len(quizzes)))
        else:
            quiz = self.rng.choice(quizzes) if quizzes else None
            if action == "marker" and quiz:
                index = self.rng.randrange(len(quiz.markers))
                quiz.markers[index] = not quiz.markers[index]
            elif action == "title" and quiz:
                quiz.title = f"Title {self.rng.randint(100, 999)}"
            elif action == "name" and quiz:
                quiz.name = self._free_name()
            elif action == "tags" and quiz:
                quiz.tags = self.rng.choice(_TAGS)
            elif action == "words" and quiz:
                quiz.words = self.rng.choice(["second", "third", "fourth"])
            else:
                self.refs[number] = self.rng.sample(_NAMES[:3], self.rng.randint(0, 2))
        self.write(number)
        return f"page{number}: {action}"


def _first_difference(left: dict[str, str], right: dict[str, str], pages: list[str]) -> str:
    diff = difflib.unified_diff(
        left[pages[0]].splitlines(), right[pages[0]].splitlines(), "incremental", "clean", n=0, lineterm=""
    )
    return f"{pages[0]}:\n" + "\n".join(line[:300] for line in list(diff)[:12])


def _pages(outdir: Path) -> dict[str, str]:
    return {page: (outdir / f"{page}.html").read_text(encoding="utf-8") for page in PAGES_TO_COMPARE}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_build_after_random_edits_equals_clean(tmp_path: Path, seed: int) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(INCREMENTAL_ROOT, srcdir)
    book = Book(srcdir, random.Random(seed))
    incremental = tmp_path / "incremental"
    sphinx_build(srcdir, incremental / "html", incremental / "doctrees")
    edits = []
    for _ in range(6):
        edits.append(book.edit())
        sphinx_build(srcdir, incremental / "html", incremental / "doctrees")
    clean = tmp_path / "clean"
    sphinx_build(srcdir, clean / "html", clean / "doctrees")
    after_edits, from_scratch = _pages(incremental / "html"), _pages(clean / "html")
    stale = [page for page in PAGES_TO_COMPARE if after_edits[page] != from_scratch[page]]
    assert stale == [], f"edits {edits} left stale pages:\n" + _first_difference(after_edits, from_scratch, stale)


def _colliding_book(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(INCREMENTAL_ROOT, srcdir)
    for number in range(1, 7):
        quizzes = [Quiz(f"Title {number}", "quiz-a" if number in (1, 3, 5) else "", "alpha")]
        (srcdir / f"page{number}.md").write_text(render_page(number, quizzes, ["quiz-a"]), encoding="utf-8")
    return srcdir


@pytest.mark.slow
def test_parallel_build_of_colliding_names_equals_serial(tmp_path: Path) -> None:
    """Pages read by different processes still see each other's quiz names."""
    # Three pages name a quiz "quiz-a": which one keeps the name, and which
    # are warned about, must not depend on how reading was split up.
    srcdir = _colliding_book(tmp_path)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    serial_warnings = sphinx_build(srcdir, serial / "html", serial / "doctrees")
    parallel_warnings = sphinx_build(srcdir, parallel / "html", parallel / "doctrees", "-j", "3")
    assert serial_warnings.count("[quiz.duplicate]") == 2
    assert _pages(parallel / "html") == _pages(serial / "html")
    assert parallel_warnings.count("[quiz.duplicate]") == 2


@pytest.mark.slow
def test_incremental_build_after_a_name_collision_equals_clean(tmp_path: Path) -> None:
    """Page 1 takes a name page 5 already has: clean and incremental agree."""
    srcdir = _colliding_book(tmp_path)
    (srcdir / "page1.md").write_text(render_page(1, [Quiz("Title 1", "", "alpha")], []), encoding="utf-8")
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    sphinx_build(srcdir, incremental / "html", incremental / "doctrees")
    book_page = srcdir / "page1.md"
    book_page.write_text(render_page(1, [Quiz("Title 1", "quiz-a", "alpha")], []), encoding="utf-8")
    stamp = time.time() + 2
    os.utime(book_page, (stamp, stamp))
    sphinx_build(srcdir, incremental / "html", incremental / "doctrees")
    sphinx_build(srcdir, clean / "html", clean / "doctrees")
    assert _pages(incremental / "html") == _pages(clean / "html")
