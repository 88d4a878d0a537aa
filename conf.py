"""Sphinx configuration for the quiz book.

Read the Docs builds from the repository root, so this file sits there; only
the pages under ``docs/`` are sources.
"""

from __future__ import annotations

import os
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

import sphinx_quizbook
from sphinx_quizbook.compat import builder_name_and_format

project = "The Quiz Book"
author = "The sphinx-quizbook authors"
copyright = "2026, The sphinx-quizbook authors"
language = "en"
# The book is the extension's manual, released from the same repository at the
# same tag: its release is the extension's version by design (the PDF's title
# page, the EPUB and the HTML all show it).
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
# The book's questions; the quizzes of the guides and references are examples
# of the syntax: not numbered, not in the catalog or the answer key.
quiz_question_pages = ["docs/questions/**"]
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


# -- print: the PDF's front matter and the landing page's cards --------------------


class BookLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, with the table of contents named by the book's
    language ("Contents", "Inhalt") rather than after the first toctree's
    caption, which names the first part ("Questions") instead."""

    def get_contentsname(self, indexfile: str) -> str:
        return ""  # empty: babel's word for the language stays


class book_part(nodes.Element):
    """LaTeX only: a part of the book, titled by its toctree's caption."""


class book_unmarked(nodes.Element):
    """LaTeX only: clears the running header, which would otherwise still name
    the table of contents on the pages before the first chapter."""


def visit_book_part(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\part{" + escape(node["title"], self.config.latex_engine) + "}\n")
    raise nodes.SkipNode


def visit_book_unmarked(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\markboth{}{}\n")
    raise nodes.SkipNode


class BookParts(SphinxPostTransform):
    """In the PDF, each captioned toctree of the root page starts a part
    ("Questions", "Guides", "Reference"), as the web page's sidebar groups them."""

    default_priority = 150
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        captions = [toctree.get("caption") for toctree in self.env.get_doctree(root_doc).findall(addnodes.toctree)]
        wrappers = [
            node
            for node in self.document.findall(nodes.compound)
            if "toctree-wrapper" in node["classes"] and _outside_pages(node)
        ]
        if len(wrappers) != len(captions):
            return  # not the book's own tree (a test, a partial build)
        for wrapper, caption in zip(wrappers, captions, strict=True):
            if caption:
                wrapper.parent.insert(wrapper.parent.index(wrapper), book_part(title=caption))
        first = self.document.next_node(nodes.section)
        if first is not None:
            first.insert(1, book_unmarked())


def _outside_pages(node: nodes.Node) -> bool:
    """Whether a node is the root page's own, not one of an included page."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return False
        parent = parent.parent
    return True


class CardsAsList(SphinxPostTransform):
    """Outside the web, the landing page's grid of cards becomes a list: a
    card's title (a link to its page) and its description on one item, where
    LaTeX and plain text would run all the cards' words together."""

    default_priority = 150
    formats = ("latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for grid in list(self.document.findall(nodes.container)):
            if grid.get("design_component") != "grid-container":
                continue
            cards = [node for node in grid.findall(nodes.container) if node.get("design_component") == "card"]
            # Only the PDF has links; man and texinfo would print an empty "<>" for one.
            linked = builder_name_and_format(self)[1] == "latex"
            items = [nodes.list_item("", _card_paragraph(card, linked)) for card in cards]
            index = grid.parent.index(grid)
            previous = grid.parent[index - 1] if index else None
            if isinstance(previous, nodes.bullet_list) and "book-cards" in previous["classes"]:
                previous.extend(items)
                grid.parent.remove(grid)
            else:
                grid.replace_self(nodes.bullet_list("", *items, bullet="-", classes=["book-cards"]))


def _card_paragraph(card: nodes.Element, linked: bool) -> nodes.paragraph:
    """A card as "**Title**: description", the title a link to its page if *linked*."""
    title = next(node for node in card.findall(nodes.container) if node.get("design_component") == "card-title")
    words: nodes.Element = nodes.strong("", title.astext())
    link = next(card.findall(nodes.reference), None)
    if link is not None and linked:
        link.children = [words]
        link["classes"] = []
        words = link
        link.parent.remove(link)
    paragraph = nodes.paragraph("", "", words, nodes.Text(": "))
    for text in card.findall(nodes.paragraph):
        paragraph.extend(child.deepcopy() for child in text.children)
    return paragraph


def setup(app: Sphinx) -> None:
    """The book's own fixes: for its HTML builders, and for print."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, BookTranslator)
    app.add_builder(BookLaTeXBuilder, override=True)
    app.add_node(book_part, latex=(visit_book_part, None))
    app.add_node(book_unmarked, latex=(visit_book_unmarked, None))
    app.add_post_transform(BookParts)
    app.add_post_transform(CardsAsList)
