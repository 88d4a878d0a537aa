"""The last step of reading a quiz, once its page is parsed and translated."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from . import nodes as qn
from .domain import QuizDomain
from .messages import _


class FinishQuizzes(SphinxTransform):
    """Write each statement again into the answer key, and record the quiz.

    This runs after Sphinx's translation transform (priority 20) and after
    ``QuizChecks`` (800): the copies are of the translated, disarmed text, and
    the domain records the title a reader of this language sees.
    """

    default_priority = 810

    def apply(self, **kwargs: Any) -> None:
        domain: QuizDomain = self.env.get_domain("quiz")  # type: ignore[assignment]
        for quiz in self.document.findall(qn.quiz):
            statements = {statement["index"]: statement for statement in quiz.findall(qn.quiz_statement)}
            for item in quiz.findall(qn.quiz_key_item):
                item.insert(0, _key_line(statements[item["index"]]))
            domain.note_quiz(quiz)


def _key_line(statement: qn.quiz_statement) -> qn.quiz_key_statement:
    """ "Correct: <the statement>" or "Incorrect: <the statement>"."""
    correct = statement["correct"]
    verdict = qn.quiz_verdict("", _("Correct") if correct else _("Incorrect"), correct=correct)
    text = statement.next_node(qn.quiz_statement_text)
    copied = [_without_ids(child) for child in text.children if not isinstance(child, qn.quiz_checkbox)]
    return qn.quiz_key_statement("", "", verdict, nodes.Text(": "), *copied)


def _without_ids(node: nodes.Node) -> nodes.Node:
    """A deep copy with no ids, so the HTML page keeps its ids unique."""
    copied = node.deepcopy()  # docutils' own: copies children, not the parent
    for element in copied.findall(nodes.Element):
        element["ids"] = []
    return copied
