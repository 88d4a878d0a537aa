"""Sphinx configuration for the quiz book.

Read the Docs builds from the repository root, so this file sits there; only
the pages under ``docs/`` are sources.
"""

from __future__ import annotations

import os

import sphinx_quizbook

project = "The Quiz Book"
author = "The sphinx-quizbook authors"
copyright = "2026, The sphinx-quizbook authors"
language = "en"
version = release = sphinx_quizbook.__version__

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_quizbook",
]

root_doc = "docs/index"
include_patterns = ["docs/**"]
# "root/**": the landing redirect is an extra file at the output's root, not
# a static one under _static/.
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "root/**"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}

myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "dollarmath",
]
myst_heading_anchors = 3

numfig = True
nitpicky = True

html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["book.css"]
# The landing page sits at the output's root and points into the book.
html_extra_path = ["_static/root"]
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_theme_options = {
    "source_repository": "https://github.com/sphinx-quizbook/sphinx-quizbook/",
    "source_branch": "main",
    "source_directory": "",
}

latex_engine = "pdflatex"
latex_documents = [(root_doc, "quizbook.tex", project, author, "manual")]
epub_exclude_files = ["index.html"]
# The root document lives in docs/; without this the EPUB's navigation drops
# the "docs/" prefix of every page.
epub_tocscope = "includehidden"
