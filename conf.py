"""Sphinx configuration for the quiz book.

Read the Docs builds from the repository root, so this file sits there; only
the pages under ``docs/`` are sources.
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

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
# a static one under _static/. "templates/**": Jinja templates, not files to
# publish.
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "root/**", "templates/**"]
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
# furo-csp.css stands in for Furo's inline styles and data: icons, which a
# strict Content-Security-Policy blocks; the templates below drop them. Both
# sit under _static/ (templates excluded from copying by exclude_patterns).
html_css_files = ["styles/furo-csp.css", "book.css"]
templates_path = ["_static/templates"]
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


class BookTranslator(HTML5Translator):
    """Sphinx's HTML writer, with a level on the headings of toctree captions.

    Sphinx writes a toctree caption as ``<p role="heading">`` without
    ``aria-level``, which ARIA requires (sphinx-doc/sphinx#14030); axe-core
    flags it on every page, in the body and in Furo's navigation sidebar,
    which Sphinx renders with this same translator.
    """

    def visit_title(self, node: nodes.title) -> None:
        """Write a toctree caption as a level-2 heading, like Sphinx otherwise."""
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": "2"}))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)


def setup(app: Sphinx) -> None:
    """The book's own fixes, for its HTML builders."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, BookTranslator)
