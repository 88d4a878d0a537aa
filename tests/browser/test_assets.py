"""The script and stylesheet reach HTML pages only, and stay within budget."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sphinx_quizbook.assets import CSS_FILE, JS_FILE, plural_samples

from .pages import issue_policy

REPO = Path(__file__).resolve().parents[2]


def _links(html: str) -> tuple[bool, bool]:
    """Whether *html* links our stylesheet and our script."""
    css = re.search(rf'<link [^>]*href="[^"]*_static/{CSS_FILE}(\?[^"]*)?"', html) is not None
    js = re.search(rf'<script [^>]*src="[^"]*_static/{JS_FILE}(\?[^"]*)?"', html) is not None
    return css, js


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_html_builder_links_both_deferred(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=rootdir / "test-browser-assets", builddir=tmp_path)
    app.build()
    page = next(app.outdir.rglob("index.html")).read_text(encoding="utf-8")
    assert _links(page) == (True, True)
    assert re.search(rf'<script [^>]*defer="defer" src="[^"]*{JS_FILE}', page)
    assert (app.outdir / "_static" / CSS_FILE).is_file()
    assert (app.outdir / "_static" / JS_FILE).is_file()


@pytest.mark.sphinx("epub", testroot="browser-assets")
def test_epub_gets_the_stylesheet_but_no_script(app):
    app.build()
    (epub,) = app.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as package:
        names = package.namelist()
        page = package.read("index.xhtml").decode()
    assert f"_static/{CSS_FILE}" in names
    assert not any(name.endswith(JS_FILE) for name in names)
    assert _links(page) == (True, False)


@pytest.mark.sphinx("latex", testroot="browser-assets")
def test_latex_gets_neither(app):
    app.build()
    written = [path.name for path in app.outdir.rglob("*")]
    assert CSS_FILE not in written and JS_FILE not in written
    tex = "\n".join(path.read_text(encoding="utf-8") for path in app.outdir.glob("*.tex"))
    assert "Which are prime?" in tex
    assert "sphinx-quizbook." not in tex


def test_script_and_stylesheet_fit_the_budget():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "asset_size.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert "within" in result.stdout


def test_the_guide_states_the_policy_this_book_passes(book_site):
    """The CSP header in the self-check guide is that of the built book."""
    guide = (REPO / "docs" / "guide" / "self-check.md").read_text(encoding="utf-8")
    stated = [
        " ".join(block.split())
        for block in re.findall(r"```text\nContent-Security-Policy: (.*?)```", guide, flags=re.DOTALL)
    ]
    seed = (book_site / "docs" / "questions" / "research-vs-production.html").read_text(encoding="utf-8")
    assert stated == [issue_policy(seed)]


def _script_tag(page: str) -> str:
    match = re.search(rf'<script [^>]*src="[^"]*{JS_FILE}[^"]*"[^>]*>', page)
    assert match is not None
    return match.group(0)


@pytest.mark.parametrize(
    ("overrides", "feedback"), [({}, "choices"), ({"quiz_feedback": "all"}, "all")], ids=["default", "all"]
)
def test_the_feedback_setting_rides_on_the_script_tag(make_app, rootdir, tmp_path, overrides, feedback):
    app = make_app("html", srcdir=rootdir / "test-browser-assets", builddir=tmp_path, confoverrides=overrides)
    app.build()
    tag = _script_tag((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert f'data-feedback="{feedback}"' in tag
    assert 'data-lang="en"' in tag
    # English has two plural categories; the script falls back on "other".
    assert 'data-i18n-missing-one="{n} correct statement is still missing."' in tag
    assert 'data-i18n-missing-other="{n} correct statements are still missing."' in tag
    assert app.warning.getvalue() == ""


def test_an_unknown_feedback_setting_is_reported(make_app, rootdir, tmp_path):
    app = make_app(
        "html", srcdir=rootdir / "test-browser-assets", builddir=tmp_path, confoverrides={"quiz_feedback": "some"}
    )
    assert "quiz_feedback" in app.warning.getvalue()


def test_every_plural_category_of_the_language_gets_its_words():
    """Spanish has "one", "many" (a million) and "other"; Russian's integers are
    "one", "few" and "many", and "other" is still given, as the fallback."""
    assert set(plural_samples("es")) == {"one", "many", "other"}
    assert plural_samples("es")["many"] == 10**6
    assert set(plural_samples("ru")) == {"one", "few", "many", "other"}
    assert set(plural_samples("pt-BR")) >= {"one", "other"}
    # A language babel does not know counts as English.
    assert set(plural_samples("xx-nonsense")) == {"one", "other"}
