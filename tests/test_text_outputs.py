"""Plain text, man and texinfo: statements to tick and an answer key after them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.helpers import require_executable
from tests.test_latex import MALFORMED_TEXT, build_malformed

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.sphinx("text", testroot="print-text")
def test_text_matches_snapshot(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "planets.txt").read_text(encoding="utf-8")
    assert text == (SNAPSHOTS / "print-text-planets.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("text", testroot="print-text")
def test_text_key_follows_the_questions_in_their_order(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "planets.txt").read_text(encoding="utf-8")
    question, key = text.split("\nAnswers\n=======\n")
    # Nothing in the question gives the answer away.
    assert "Correct" not in question and "gas giant" not in question
    assert re.findall(r"^\[ \] (\w+)\.", question, re.MULTILINE) == ["Mercury", "Jupiter", "Mars", "Earth", "Venus"]
    verdicts = re.findall(r"^\[([x ])\] (Correct|Incorrect): (\w+)\.", key, re.MULTILINE)
    assert verdicts == [
        ("x", "Correct", "Mercury"),
        (" ", "Incorrect", "Jupiter"),
        ("x", "Correct", "Mars"),
        (" ", "Incorrect", "Earth"),
        ("x", "Correct", "Venus"),
    ]
    assert key.index("Question 1: Inner planets") < key.index("Question 2")


@pytest.mark.sphinx("text", testroot="print-text", confoverrides={"quiz_answers": "inline"})
def test_text_inline_answers_stay_under_their_question(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "planets.txt").read_text(encoding="utf-8")
    assert "\nAnswers\n===" not in text
    assert text.index("[x] Correct: Mars.") < text.index("Moons")


@pytest.mark.sphinx("text", testroot="print-text", confoverrides={"quiz_answers": {"text": "inline"}})
def test_answers_setting_by_builder_name(app: SphinxTestApp) -> None:
    app.build()
    assert "\nAnswers\n===" not in (app.outdir / "planets.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("text", testroot="print-text", confoverrides={"quiz_answers": "nowhere"})
def test_unknown_answers_setting_warns_and_uses_the_default(app: SphinxTestApp) -> None:
    app.build()
    assert "quiz_answers: unknown place 'nowhere'" in app.warning.getvalue()
    assert "\nAnswers\n===" in (app.outdir / "planets.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="print-text", confoverrides={"quiz_answers": "book"})
def test_a_print_setting_leaves_web_pages_alone(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "planets.html").read_text(encoding="utf-8")
    assert "<details" in html and "quiz-answer-key" not in html


@pytest.mark.sphinx("man", testroot="print-text")
def test_man_page_has_boxes_and_a_key_at_the_end(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "printtext.1").read_text(encoding="utf-8")
    question, key = page.split(".SH ANSWER KEY")
    assert question.count("[ ] ") == 5 and "Correct" not in question
    assert key.index("Mercury") < key.index("Jupiter") < key.index("Mars") < key.index("Venus")
    # man prints a link's URL itself: once, not twice.
    assert key.count("wikipedia") == 1


@pytest.mark.sphinx("texinfo", testroot="print-text")
def test_texinfo_key_is_the_last_chapter(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    texi = (app.outdir / "printtext.texi").read_text(encoding="utf-8")
    question, key = texi.split("@chapter Answer key")
    assert question.count("[ ] ") == 5 and "Incorrect" not in question
    assert "@chapter" not in key
    assert key.index("Mercury") < key.index("Jupiter") < key.index("Venus")


def makeinfo(texi: Path, out: Path) -> str:
    """Compile a texinfo file with GNU makeinfo (Debian's ``texinfo``); the Info text."""
    tool = require_executable("makeinfo")
    info = out / f"{texi.stem}.info"
    result = subprocess.run(
        [tool, "--no-split", "-o", str(info), str(texi)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return info.read_text(encoding="utf-8")


@pytest.mark.sphinx("texinfo", testroot="print-text")
def test_texinfo_compiles(app: SphinxTestApp, tmp_path: Path) -> None:
    app.build()
    info = makeinfo(app.outdir / "printtext.texi", tmp_path)
    assert "[ ] Mercury." in info and "Correct: Mercury." in info and "Incorrect: Jupiter." in info


@pytest.mark.parametrize("builder", ["text", "man", "texinfo"])
def test_every_bad_quiz_keeps_its_page(builder: str, tmp_path: Path) -> None:
    outdir = build_malformed(builder, tmp_path)
    if builder == "text":
        text = "".join(path.read_text(encoding="utf-8") for path in sorted(outdir.glob("*.txt")))
    elif builder == "man":
        text = (outdir / "malformed.1").read_text(encoding="utf-8")
    else:
        text = makeinfo(outdir / "malformed.texi", tmp_path)
    for expected in MALFORMED_TEXT:
        assert expected in " ".join(text.split()), expected
