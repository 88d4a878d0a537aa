"""Parallel builds: declared safe, and they give what a serial build gives."""

from __future__ import annotations

import shutil

import pytest


def test_extension_declares_itself_parallel_safe(make_app, rootdir, tmp_path):
    shutil.copytree(rootdir / "test-core-many", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src")
    metadata = app.extensions["sphinx_quizbook"]
    assert metadata.parallel_read_safe and metadata.parallel_write_safe
    assert metadata.metadata["env_version"] >= 1


def _build(make_app, rootdir, where, parallel):
    srcdir = where / "src"
    shutil.copytree(rootdir / "test-core-many", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=parallel)
    app.build()
    assert app.warning.getvalue() == ""
    pages = {path.name: path.read_text() for path in sorted(app.outdir.glob("*.html"))}
    # Two apps in one test: give docutils' global registries back first.
    app.cleanup()
    return app, pages


@pytest.mark.parametrize("parallel", [3])
def test_parallel_build_equals_serial(parallel, make_app, rootdir, tmp_path):
    serial_app, serial = _build(make_app, rootdir, tmp_path / "serial", 0)
    parallel_app, parallel_pages = _build(make_app, rootdir, tmp_path / "parallel", parallel)
    assert parallel_app.parallel == parallel
    assert serial.keys() == parallel_pages.keys()
    for name in serial:
        assert serial[name] == parallel_pages[name], name
    serial_entries = list(serial_app.env.get_domain("quiz").entries())
    assert serial_entries == list(parallel_app.env.get_domain("quiz").entries())
    assert len(serial_entries) == 8
    assert "Question 3</span>" in serial["page1.html"]  # page2 holds the third quiz
