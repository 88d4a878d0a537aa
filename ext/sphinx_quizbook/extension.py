"""Everything ``setup()`` registers, in one place."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import answer_key, assets, catalog, export, html, labels, latex, numbering, rebuild, text
from . import nodes as qn
from .checks import QuizChecks
from .compat import add_config_value
from .directives import AnswerDirective, ExplanationDirective, QuizDirective, ReadingsDirective
from .domain import QuizDomain
from .finish import FinishQuizzes
from .messages import CATALOG, LOCALE_DIR

#: Each output's visitors, by the builder name or format Sphinx looks them up by.
VISITORS: dict[str, dict[type[nodes.Element], tuple[Any, Any]]] = {
    "html": html.VISITORS,
    "latex": latex.VISITORS,
    "text": text.TEXT_VISITORS,
    "man": text.MAN_VISITORS,
}


def _title(node: nodes.Element) -> str:
    title = node.next_node(qn.quiz_title)
    return title.astext() if title is not None else ""


def _add_nodes(app: Sphinx) -> None:
    """Every node class once, with its visitors for every output that has some."""
    for node_class in qn.ALL_NODES:
        visitors: dict[str, Any] = {
            output: table[node_class] for output, table in VISITORS.items() if node_class in table
        }
        if node_class is qn.quiz:
            app.add_enumerable_node(node_class, "quiz", _title, **visitors)
        else:
            app.add_node(node_class, **visitors)


def setup(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_domain(QuizDomain)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("answer", AnswerDirective)
    app.add_directive("explanation", ExplanationDirective)
    app.add_directive("readings", ReadingsDirective)
    app.add_transform(QuizChecks)
    app.add_post_transform(FinishQuizzes)
    _add_nodes(app)
    app.connect("config-inited", numbering.set_default_format)
    add_config_value(
        app,
        "quiz_question_pages",
        ["**"],
        "env",
        frozenset({list, tuple}),
        "Glob patterns of the pages whose quizzes are the book's questions; others are examples.",
    )
    assets.register(app)
    answer_key.register(app)
    catalog.register(app)
    rebuild.register(app)
    labels.register(app)
    latex.register(app)
    export.register(app)
    # The QTI builders load on demand (qti.py, through an entry point); their
    # setting is known to every build, so that conf.py and -D may name it.
    add_config_value(
        app,
        "quiz_qti_scoring",
        "exact",
        "",
        frozenset({str}),
        "How the QTI export scores a quiz: 'exact' (all or nothing) or 'partial' (right minus wrong, at least 0).",
    )
