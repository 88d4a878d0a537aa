"""The export builders: ``-b quizjson`` against its schema, ``-b gift`` read back."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sphinx_quizbook.export import SCHEMA_FILE
from sphinx_quizbook.gift import MOODLE_GRADES
from tests.conftest import TESTS
from tests.helpers import require

GIFT_READER = TESTS / "fixtures" / "gift-reader"
PAGES = ["hostile", "others", "page1", "page2", "page3", "page4"]


def _export(app) -> dict[str, Any]:
    app.build()
    return json.loads((app.outdir / "quizzes.json").read_text(encoding="utf-8"))


def _validator():
    import jsonschema  # in the "test" extra: a missing one is a broken install, not a skip

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _by_id(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{quiz['page']}#{quiz['id']}": quiz for quiz in export["quizzes"]}


@pytest.mark.sphinx("quizjson", testroot="export-book")
def test_json_export_is_valid_and_complete(app) -> None:
    export = _export(app)
    assert app.warning.getvalue() == ""
    assert list(_validator().iter_errors(export)) == []
    # The schema ships beside the export it describes.
    assert (app.outdir / SCHEMA_FILE.name).read_bytes() == SCHEMA_FILE.read_bytes()
    assert (export["schema"], export["version"], export["project"]) == ("sphinx-quizbook/quiz-export", 1, "Export")
    # Every quiz, pages in name order, quizzes in source order.
    assert [quiz["page"] for quiz in export["quizzes"]] == ["hostile"] + ["others"] * 4 + PAGES[2:]

    hostile = _by_id(export)["hostile#quiz-gift-escaping"]
    assert hostile["name"] == "gift-escaping"
    assert hostile["title"] == "Braces {}, tilde ~ and a::b"
    assert hostile["url"] == "hostile.html#quiz-gift-escaping"
    assert hostile["tags"] == ["gift", "escaping"]
    assert hostile["prompt"] == (
        "Which of these does GIFT treat as special: {, }, =, ~, #, : and \\?\n\nThink of Moodle’s importer."
    )
    assert [(s["index"], s["correct"]) for s in hostile["statements"]] == [
        (1, True),
        (2, True),
        (3, False),
        (4, True),
        (5, False),
    ]
    assert hostile["statements"][0]["text"] == "The braces { and } that hold the answers."
    assert hostile["statements"][0]["explanation"] == ""
    assert hostile["statements"][1]["explanation"] == (
        "The tilde starts a wrong answer; = a right one.\n\nA second paragraph: a#b, c:d, back\\slash."
    )
    assert hostile["answer"].startswith("Five of the six marks are special")
    assert "<b>markup</b> and ####four hashes." in hostile["answer"]
    assert hostile["readings"] == [
        {
            "text": "Moodle’s GIFT page, the reference.",
            "links": [{"text": "Moodle’s GIFT page", "url": "https://docs.moodle.org/en/GIFT_format"}],
        },
        {"text": "Others", "links": [{"text": "Others", "url": "others.html"}]},
        {"text": "The target on this page.", "links": [{"text": "The target", "url": "hostile.html#hostile-target"}]},
    ]

    untitled = _by_id(export)["others#quiz-0"]
    assert (untitled["title"], untitled["name"], untitled["prompt"], untitled["answer"]) == ("", "", "", "")
    assert _by_id(export)["others#quiz-3"]["shuffle"] is True


@pytest.mark.sphinx("quizjson", testroot="export-book")
def test_schema_rejects_a_broken_export(app) -> None:
    export = _export(app)
    validator = _validator()
    del export["quizzes"][0]["statements"][0]["correct"]
    export["quizzes"][1]["statements"][0]["index"] = 0
    export["version"] = 2
    paths = sorted("/".join(map(str, error.absolute_path)) for error in validator.iter_errors(export))
    assert paths == ["quizzes/0/statements/0", "quizzes/1/statements/0/index", "version"]


@pytest.mark.sphinx(
    "quizjson",
    testroot="export-book",
    srcdir="export-book-baseurl",
    confoverrides={"html_baseurl": "https://book.example.org/en/latest/"},
)
def test_html_baseurl_makes_urls_absolute(app) -> None:
    hostile = _by_id(_export(app))["hostile#quiz-gift-escaping"]
    assert hostile["url"] == "https://book.example.org/en/latest/hostile.html#quiz-gift-escaping"
    urls = [link["url"] for reading in hostile["readings"] for link in reading["links"]]
    assert urls == [
        "https://docs.moodle.org/en/GIFT_format",
        "https://book.example.org/en/latest/others.html",
        "https://book.example.org/en/latest/hostile.html#hostile-target",
    ]


@pytest.mark.sphinx("quizjson", testroot="export-book", srcdir="export-book-parallel", parallel=2)
def test_parallel_build_gives_the_same_export(app, make_app, tmp_path: Path) -> None:
    parallel = _export(app)
    assert app.warning.getvalue() == ""
    serial_src = tmp_path / "serial"
    shutil.copytree(app.srcdir, serial_src, ignore=shutil.ignore_patterns("_build"))
    serial = _export(make_app("quizjson", srcdir=serial_src))
    assert parallel == serial
    assert len(parallel["quizzes"]) == 9


@pytest.mark.sphinx("quizjson", testroot="export-book", srcdir="export-book-incremental")
def test_rebuild_after_one_page_changes_keeps_every_quiz(app) -> None:
    first = _export(app)
    page = app.srcdir / "page1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Is 1 a number?", "Is one a number?"), encoding="utf-8")
    second = _export(app)
    assert len(second["quizzes"]) == len(first["quizzes"])
    assert _by_id(second)["page1#quiz-page-1"]["prompt"] == "Is one a number?"


def read_gift(text: str) -> list[dict[str, Any]]:
    """Questions as gift-pegjs, a parser written apart from this project, reads them."""
    node = shutil.which("node")
    require(node is not None, "node is not installed")
    require(
        (GIFT_READER / "node_modules" / "gift-pegjs").is_dir(),
        f"gift-pegjs is not installed: npm ci --prefix {GIFT_READER}",
    )
    assert node is not None
    result = subprocess.run(
        [node, str(GIFT_READER / "read-gift.js")],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.sphinx("gift", testroot="export-book", srcdir="export-book-gift")
def test_gift_export_reads_back_as_the_quizzes(app, make_app) -> None:
    app.build()
    gift_text = (app.outdir / "quizzes.gift").read_text(encoding="utf-8")
    questions = read_gift(gift_text)
    records = _export(make_app("quizjson", srcdir=app.srcdir))["quizzes"]
    # Left out, with a warning: no correct statement, and a single statement.
    exported = [r for r in records if r["id"] not in {"quiz-1", "quiz-2"} or r["page"] != "others"]
    assert len(questions) == len(exported) == 7

    for question, record in zip(questions, exported, strict=True):
        assert question["type"] == "MC"
        assert question["id"] == f"{record['page']}#{record['id']}"
        assert question["title"] == (record["title"] or record["name"] or record["id"])
        assert question["stem"] == {"format": "plain", "text": record["prompt"] or "Select all that apply."}
        assert (question["tags"] or []) == record["tags"]
        choices = question["choices"]
        assert [choice["text"]["text"] for choice in choices] == [s["text"] for s in record["statements"]]
        assert [choice["weight"] > 0 for choice in choices] == [s["correct"] for s in record["statements"]]
        feedback = [(choice["feedback"] or {}).get("text", "") for choice in choices]
        assert feedback == [s["explanation"] for s in record["statements"]]
        # Ticking every correct statement scores 100%, ticking everything 0%.
        positive = sum(choice["weight"] for choice in choices if choice["weight"] > 0)
        negative = sum(choice["weight"] for choice in choices if choice["weight"] < 0)
        assert positive == pytest.approx(100, abs=1e-3)
        assert negative == pytest.approx(-100, abs=1e-3)
        general = (question["globalFeedback"] or {}).get("text", "")
        assert general.startswith(record["answer"])
        for reading in record["readings"]:
            assert reading["text"] in general
            for link in reading["links"]:
                assert f"<{link['url']}>" in general

    hostile = questions[0]
    assert hostile["title"] == "Braces {}, tilde ~ and a::b"
    assert "back\\slash" in hostile["choices"][1]["feedback"]["text"]
    assert "####four hashes" in hostile["globalFeedback"]["text"]


@pytest.mark.sphinx(
    "gift",
    testroot="export-book",
    srcdir="export-book-gift-category",
    confoverrides={"quiz_gift_category": "$course$/Export book"},
)
def test_gift_category_comes_first(app) -> None:
    app.build()
    questions = read_gift((app.outdir / "quizzes.gift").read_text(encoding="utf-8"))
    assert questions[0] == {"type": "Category", "title": "$course$/Export book"}
    assert [question["type"] for question in questions[1:]] == ["MC"] * 7


@pytest.mark.sphinx("gift", testroot="export-book", srcdir="export-book-gift-warnings")
def test_gift_export_warns_about_what_moodle_cannot_take(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "others.md:8: WARNING: quiz left out of the GIFT file: a multiple-response question needs" in warnings
    assert "others.md:15: WARNING: quiz left out of the GIFT file: Moodle needs at least two statements" in warnings
    assert "others.md:19: WARNING: weights 9.09091% are not Moodle grades" in warnings
    assert warnings.count("[quiz.export]") == 3
    # The usual weights are all grades Moodle lists.
    assert {round(100 / n, 5) for n in range(1, 11)} <= MOODLE_GRADES


# -- what the exports leave out, and say so -------------------------------------------


@pytest.mark.parametrize("builder", ["quizjson", "gift"])
def test_exports_take_the_quizzes_of_the_web_book(builder: str, make_app, tmp_path: Path) -> None:
    """``only`` is decided as for the html builder; a quiz kept out is told about."""
    source = tmp_path / builder
    shutil.copytree(TESTS / "roots" / "test-print-exports", source)
    app = make_app(builder, srcdir=source)
    app.build()
    if builder == "quizjson":
        names = [quiz["name"] for quiz in _export(app)["quizzes"]]
    else:
        names = [
            q["id"].split("#quiz-")[1] for q in read_gift((app.outdir / "quizzes.gift").read_text(encoding="utf-8"))
        ]
    assert "web-only" in names and "everywhere" in names and "print-only" not in names
    assert "only.md:14: quiz 'print-only' left out of the export: it is inside an 'only' block" in app.status.getvalue()


@pytest.mark.sphinx("gift", testroot="print-exports")
def test_gift_warns_about_each_character_it_cannot_carry(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "hostile.md:3: WARNING: GIFT file: control characters left out: U+0007, U+001B [quiz.export]" in warnings
    for tag in ("[bracketed]", "<angled>", "`ticked`"):
        assert f"GIFT file: tag '{tag}' left out: Moodle takes no < > [ ] ` in a tag [quiz.export]" in warnings
    assert warnings.count("WARNING") == 4
    gift_text = (app.outdir / "quizzes.gift").read_text(encoding="utf-8")
    assert not [char for char in gift_text if ord(char) < 32 and char not in "\n\t"]
    (question,) = [q for q in read_gift(gift_text) if q["id"] == "hostile#quiz-hostile-tags"]
    assert question["tags"] == ["plain"]
    assert question["choices"][0]["text"]["text"] == "A bell rings, an escape does not."


@pytest.mark.sphinx("quizjson", testroot="print-exports")
def test_json_keeps_every_character(app) -> None:
    """JSON can carry control characters (escaped): the export keeps the text as written."""
    quiz = _by_id(_export(app))["hostile#quiz-hostile-tags"]
    assert quiz["statements"][0]["text"] == "A bell\u0007 rings, an escape\u001b does not."
    assert quiz["tags"] == ["plain", "[bracketed]", "<angled>", "`ticked`"]
