"""Every builder renders a book with quizzes, keeping every part of them."""

from __future__ import annotations

import shutil
import zipfile

import pytest

STATEMENTS = ("Two is prime.", "Three is prime.", "Nine is prime.", "The sun is cold.", "Grass can be green.")
PARTS = (*STATEMENTS, "Three has no divisors", "Two and three are", "Prime numbers", "Both are.")


def _output_text(app) -> str:
    """Everything the builder wrote, as one text (an EPUB is unpacked)."""
    texts = []
    for path in sorted(app.outdir.rglob("*")):
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                texts += [epub.read(name).decode() for name in epub.namelist() if name.endswith(".xhtml")]
        elif path.is_file() and path.suffix in {".html", ".txt", ".tex", ".1", ".texi", ".pot"}:
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


@pytest.mark.parametrize(
    "builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "gettext"]
)
def test_every_builder_keeps_statements_answer_and_readings(builder, make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-core-myst", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    text = " ".join(_output_text(app).split())
    for part in PARTS:
        assert part in text, (builder, part)


@pytest.mark.sphinx("text", testroot="core-myst")
def test_text_shows_boxes_and_verdicts(app):
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "[ ] Two is prime." in text
    assert "Correct: Two is prime." in text
    assert "Incorrect: Nine is prime." in text
