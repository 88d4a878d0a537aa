"""The catalog, tags, references and numbers stay right through edits.

Each edit is built incrementally on top of the previous build and compared,
page by page, with a clean build of the same sources.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_quizbook import catalog


def _build(make_app, srcdir: Path, outdir: Path, parallel: int = 0) -> tuple[dict[str, str], set[str]]:
    """Build; return every page's HTML and the pages this build wrote."""
    html = outdir / "html"
    before = {path: path.stat().st_mtime_ns for path in html.glob("*.html")}
    app = make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    pages = {path.name: path.read_text() for path in sorted(app.outdir.glob("*.html"))}
    written = {path.name for path in app.outdir.glob("*.html") if before.get(path) != path.stat().st_mtime_ns}
    return pages, written


def _edit(srcdir: Path, page: str, old: str, new: str) -> None:
    path = srcdir / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


EDITS = [
    ("add a quiz", "part-b.md", "::::{quiz} Gamma", "::::{quiz} Delta\n- [x] Delta is new.\n::::\n\n::::{quiz} Gamma"),
    ("rename a quiz", "part-a.md", "::::{quiz} Alpha", "::::{quiz} Aleph"),
    ("retag a quiz", "part-a.md", ":tags: greek\n", ":tags: latin\n"),
    ("remove a quiz", "part-a.md", "::::{quiz} Beta\n:tags: latin\n\n- [ ] Beta is last.\n::::\n", ""),
]


@pytest.mark.parametrize("parallel", [0, 3])
def test_incremental_builds_equal_clean_builds(parallel, make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-catalog", srcdir)
    _build(make_app, srcdir, tmp_path / "incremental", parallel)
    for number, (what, page, old, new) in enumerate(EDITS):
        _edit(srcdir, page, old, new)
        incremental, written = _build(make_app, srcdir, tmp_path / "incremental", parallel)
        clean, _ = _build(make_app, srcdir, tmp_path / f"clean-{number}", parallel)
        stale = [name for name in clean if incremental.get(name) != clean[name]]
        assert stale == [], f"after '{what}', stale pages: {stale}"
        # Pages without quizzes or catalogs are left alone.
        assert "part-c.html" not in written and "part-d.html" not in written, what


@pytest.mark.sphinx("html", testroot="catalog")
def test_catalog_lists_quizzes_in_book_order_with_numbers(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "catalog.html").read_text(), "html.parser")
    full, greek = soup.select("div.quizindex")
    # Group titles are headings below the page's own (a screen reader lists them).
    groups = [(rubric.name, rubric.get_text()) for rubric in full.select(".rubric")]
    assert groups == [("h2", "Part A"), ("h2", "Part B")]
    assert [rubric.name for rubric in greek.select(".rubric")] == ["h3"]
    # The group heading names the chapter: entries don't repeat it. The
    # example quiz on part B is listed nowhere and takes no number.
    items = [" ".join(item.get_text().split()) for item in full.select("li.quizindex-item")]
    assert items == ["Question 1.1 Alpha", "Question 1.2 Beta", "Question 2.1 Gamma"]
    assert full.select_one("li a")["href"] == "part-a.html#quiz-alpha"
    assert full.select_one("li")["data-quiz-key"] == "part-a#quiz-alpha"
    # The item holds its text: no <p> in each of a big catalog's thousands
    # of entries (7 B and an element each, for the browser to lay out).
    assert [child.name for child in full.select_one("li").find_all(recursive=False)] == ["a"]
    assert [item.get_text().split("—")[0].strip() for item in greek.select("li")] == [
        "Question 1.1 Alpha",
        "Question 1.2 Beta",
    ]


@pytest.mark.sphinx("html", testroot="catalog", freshenv=True)
def test_a_long_catalog_comes_in_parts_on_the_web(app, monkeypatch):
    # A mark added to one entry lays out its part and steps over the others,
    # not over every group of the book (bench/browser.py: 3,000 entries).
    monkeypatch.setattr(catalog, "PART", 2)
    app.build()
    soup = BeautifulSoup((app.outdir / "catalog.html").read_text(), "html.parser")
    full = soup.select_one("div.quizindex")
    parts = full.find_all(class_="quizindex-part", recursive=False)
    # Part A's two entries fill a part; a group is never split.
    assert [[rubric.get_text() for rubric in part.select(".rubric")] for part in parts] == [["Part A"], ["Part B"]]
    assert [len(part.select("li.quizindex-item")) for part in parts] == [2, 1]


@pytest.mark.sphinx("html", testroot="catalog")
def test_tags_link_to_their_group(app):
    app.build()
    quiz_page = BeautifulSoup((app.outdir / "part-a.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in quiz_page.select(".quiz a")}
    assert links == {"greek": "tags.html#quiz-tag-greek", "first": "tags.html#quiz-tag-first"}
    tags = BeautifulSoup((app.outdir / "tags.html").read_text(), "html.parser")
    greek = tags.find(id="quiz-tag-greek")
    assert greek is not None and greek.get_text() == "greek"
    listed = greek.find_next("ul").get_text()
    assert "Alpha" in listed and "Beta" in listed and "Gamma" not in listed


@pytest.mark.sphinx("text", testroot="catalog")
def test_catalog_in_plain_text(app):
    app.build()
    text = (app.outdir / "catalog.txt").read_text()
    assert re.search(r"\*\*Question 2\.1\*\* Gamma\n", text)
    assert "Sample" not in text


@pytest.mark.parametrize("parallel", [0, 3])
def test_the_reading_order_is_found_once_a_build_not_once_a_page(make_app, rootdir, tmp_path, monkeypatch, parallel):
    """Catalogs and tag links use book-wide facts: finding them again for each
    page written (three pages here have a catalog or a tagged quiz) makes a
    book's writing grow with pages x quizzes."""
    from sphinx_quizbook import catalog, reading_order

    calls = {"reading": 0, "writing": 0}
    phase = ["reading"]
    # Both imported before either is patched: each holds the function itself.
    for module in (reading_order, catalog):
        found = module.reading_order

        def counted(env, found=found):
            calls[phase[0]] += 1
            return found(env)

        monkeypatch.setattr(module, "reading_order", counted)
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-catalog", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=parallel)
    # Before any other handler: from the first page resolved on, pages are written.
    app.connect("doctree-resolved", lambda *args: phase.__setitem__(0, "writing"), priority=0)
    app.build()
    app.cleanup()
    assert calls["reading"] >= 1 and calls["writing"] == 0, calls
    # What the facts are for is still there.
    tags = BeautifulSoup((app.outdir / "part-a.html").read_text(), "html.parser")
    assert {a["href"] for a in tags.select(".quiz a")} == {"tags.html#quiz-tag-greek", "tags.html#quiz-tag-first"}
    listed = BeautifulSoup((app.outdir / "catalog.html").read_text(), "html.parser")
    assert len(listed.select("li.quizindex-item")) == 5
