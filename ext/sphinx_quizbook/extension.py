"""Everything ``setup()`` registers, in one place."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from . import assets, catalog, export, html, labels, latex
from . import nodes as qn
from .checks import QuizChecks
from .directives import AnswerDirective, QuizDirective, ReadingsDirective
from .domain import QuizDomain
from .finish import FinishQuizzes
from .messages import CATALOG, LOCALE_DIR, _


def _title(node: nodes.Element) -> str:
    title = node.next_node(qn.quiz_title)
    return title.astext() if title is not None else ""


def _numfig_format(app: Sphinx, config: Config) -> None:
    # {numref} to a quiz reads "Question 3" unless the book says otherwise.
    config.numfig_format.setdefault("quiz", _("Question %s"))


def setup(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_domain(QuizDomain)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("answer", AnswerDirective)
    app.add_directive("readings", ReadingsDirective)
    app.add_transform(QuizChecks)
    app.add_post_transform(FinishQuizzes)

    for node_class in qn.ALL_NODES:
        visitors: dict[str, Any] = {
            builder_format: table[node_class]
            for builder_format, table in (("html", html.HTML_VISITORS), ("latex", latex.LATEX_VISITORS))
            if node_class in table
        }
        if node_class is qn.quiz:
            app.add_enumerable_node(node_class, "quiz", _title, **visitors)
        else:
            app.add_node(node_class, **visitors)

    app.connect("config-inited", _numfig_format)
    assets.register(app)
    catalog.register(app)
    labels.register(app)
    latex.register(app)
    export.register(app)
