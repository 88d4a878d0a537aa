"""``sphinx-quizbook import``: question documents become quiz pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_quizbook import nodes as qn
from sphinx_quizbook.cli import main
from sphinx_quizbook.importer import ConversionError, convert, import_documents
from tests.conftest import REPO, TESTS
from tests.doctrees import canonical

SEED = TESTS / "fixtures" / "seeds" / "000-research-vs-production.md"
MALFORMED = TESTS / "fixtures" / "malformed"
HAND_WRITTEN = REPO / "docs" / "questions" / "research-vs-production.md"


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_gives_the_hand_written_page() -> None:
    assert convert(SEED.read_text(encoding="utf-8")) == HAND_WRITTEN.read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="export-import", srcdir="export-import-seed")
def test_seed_quiz_doctree_matches_the_hand_written_one(app, capsys) -> None:
    status, _out, _err = _run(capsys, SEED, "--to", app.srcdir)
    assert status == 0
    shutil.copy(HAND_WRITTEN, app.srcdir / "hand.md")
    # Two pages with one :name: would clash; the hand-written one goes without.
    hand = (app.srcdir / "hand.md").read_text(encoding="utf-8")
    (app.srcdir / "hand.md").write_text(hand.replace(":name: research-vs-production\n", ""), encoding="utf-8")
    app.build()
    assert app.warning.getvalue() == ""
    imported = canonical(app.env.get_doctree("000-research-vs-production"))
    by_hand = canonical(app.env.get_doctree("hand"))
    assert imported.count("<quiz ") == 1
    assert imported.replace(' names="research-vs-production"', "") == by_hand.replace(
        'ids="quiz-0"', 'ids="quiz-research-vs-production"'
    )


def test_cli_import_is_idempotent(tmp_path: Path, capsys) -> None:
    status, out, err = _run(capsys, SEED, "--to", tmp_path)
    page = tmp_path / SEED.name
    assert (status, err) == (0, "")
    assert f"wrote {page}" in out
    first = page.stat().st_mtime_ns
    status, out, err = _run(capsys, SEED, "--to", tmp_path)
    assert (status, err) == (0, "")
    assert f"unchanged {page}" in out
    assert page.stat().st_mtime_ns == first
    assert sorted(tmp_path.iterdir()) == [page]


def test_edited_page_is_kept_unless_forced(tmp_path: Path, capsys) -> None:
    _run(capsys, SEED, "--to", tmp_path)
    page = tmp_path / SEED.name
    edited = page.read_text(encoding="utf-8") + "\nA note the author added.\n"
    page.write_text(edited, encoding="utf-8")

    status, _out, err = _run(capsys, SEED, "--to", tmp_path)
    assert status == 1
    assert err.startswith(f"{page}:1: ")
    assert "--force" in err
    assert page.read_text(encoding="utf-8") == edited

    status, _out, err = _run(capsys, SEED, "--to", tmp_path, "--force")
    assert (status, err) == (0, "")
    assert page.read_text(encoding="utf-8") == HAND_WRITTEN.read_text(encoding="utf-8")


#: Each malformed fixture, with the line and the words its report must give.
MALFORMED_REPORTS = {
    "no-title.md": (1, "no '# title' heading"),
    "no-statements.md": (1, "no list of '- [x]' / '- [ ]' statements"),
    "bad-marker.md": (7, "unknown marker '[v]'"),
    "missing-marker.md": (8, "statement without a [x] or [ ] marker"),
    "two-lists.md": (10, "a second list of statements"),
    "two-answers.md": (12, "a second '## Answer' section"),
}


def test_malformed_documents_are_reported_and_the_rest_converted(tmp_path: Path, capsys) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MALFORMED, sources)
    shutil.copy(SEED, sources)
    status, _out, err = _run(capsys, sources, "--to", tmp_path / "pages")
    assert status == 1
    reports = err.splitlines()
    assert len(reports) == len(MALFORMED_REPORTS)
    for name, (line, reason) in MALFORMED_REPORTS.items():
        report = next(report for report in reports if report.startswith(f"{sources / name}:"))
        assert report.startswith(f"{sources / name}:{line}: {reason}"), report
    written = sorted(path.name for path in (tmp_path / "pages").iterdir())
    assert written == [SEED.name]


def test_unreadable_document_is_reported(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "latin1.md"
    broken.write_bytes("# Caf\xe9\n\n- [x] Oui\n".encode("latin-1"))
    status, _out, err = _run(capsys, broken, SEED, "--to", tmp_path / "pages")
    assert status == 1
    assert err.startswith(f"{broken}:1: cannot read")
    assert (tmp_path / "pages" / SEED.name).exists()


def test_a_page_never_replaces_its_source(tmp_path: Path, capsys) -> None:
    source = tmp_path / SEED.name
    shutil.copy(SEED, source)
    status, _out, err = _run(capsys, source, "--to", tmp_path, "--force")
    assert status == 1
    assert "its own source" in err
    assert source.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


EVERYTHING = """\
---
myst:
  substitutions:
    unit: metre
---
<!-- kept: a comment before the title -->

Setext title
============

Intro with a [reference link][ref].

**Which are true?**

- [x] A `- [ ]` inside code is no statement.

  Because it is code:

  ```text
  - [x] not a statement
  # not a title
  ```
- [ ] One.

Text after the statements.

## Notes

Kept, after the quiz.

## Answer

:::{note}
A colon fence in the answer.
:::

### A subheading in the answer

More.

## Readings

- [Example](https://example.org)

## Further notes

Also kept.

[ref]: https://example.com
"""


@pytest.mark.sphinx("html", testroot="export-import", srcdir="export-import-everything")
def test_what_the_importer_does_not_know_is_kept(app) -> None:
    page = convert(EVERYTHING)
    assert page.startswith(
        "---\nmyst:\n  substitutions:\n    unit: metre\n---\n<!-- kept: a comment before the title -->"
    )
    # The fences grow past the colon fence inside the answer.
    assert "# Setext title\n\nIntro with a [reference link][ref].\n\n:::::{quiz} Setext title\n" in page
    assert "::::{answer}\n:::{note}\nA colon fence in the answer.\n:::\n\n### A subheading in the answer" in page
    # Sections the importer does not know follow the quiz, in their order.
    quiz_end = page.index("\n:::::\n")
    assert quiz_end < page.index("## Notes\n\nKept, after the quiz.") < page.index("## Further notes")
    assert page.rstrip().endswith("[ref]: https://example.com")

    (app.srcdir / "everything.md").write_text(page, encoding="utf-8")
    app.build()
    doctree = app.env.get_doctree("everything")
    (quiz,) = doctree.findall(qn.quiz)
    assert [s["correct"] for s in quiz.findall(qn.quiz_statement)] == [True, False]
    # Code after a statement's first paragraph is part of the statement.
    assert "not a statement" in quiz.next_node(qn.quiz_statement_body).astext()
    assert quiz.next_node(qn.quiz_readings) is not None
    assert "Text after the statements." in quiz.astext()
    assert "Kept, after the quiz." not in quiz.astext()
    assert "Kept, after the quiz." in doctree.astext()
    assert "https://example.com" in [ref.get("refuri") for ref in doctree.findall(nodes.reference)]


def test_conversion_errors_give_lines() -> None:
    with pytest.raises(ConversionError) as caught:
        convert("# Title\n\nQuestion?\n\n- [x] Yes\n- [v] No\n")
    assert (caught.value.line, caught.value.reason) == (6, "unknown marker '[v]', use [x] or [ ]")


def test_math_that_would_touch_files_or_run_commands_is_warned_about(tmp_path: Path) -> None:
    """Math goes to LaTeX in a PDF build: file and shell primitives there act
    on the machine that builds the book, so the import says where they are."""
    source = tmp_path / "risky.md"
    source.write_text(
        "# Risky\n\nWhat is $\\input{/etc/passwd}$?\n\n- [x] This: $$\\immediate\\write18{ls}$$\n"
        "- [ ] Plain $x^2$, and \\input outside math is only text.\n",
        encoding="utf-8",
    )
    outcome = import_documents([source], tmp_path / "out")
    assert outcome.written and not outcome.problems
    assert [(warning.line, warning.reason.split(",")[0]) for warning in outcome.warnings] == [
        (3, "math uses \\input"),
        (5, "math uses \\immediate"),
        (5, "math uses \\write18"),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_quizbook.cli", "import", str(source), "--to", str(tmp_path / "cli"), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "risky.md:3: math uses \\input" in result.stderr
