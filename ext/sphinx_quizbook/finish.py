"""The last step of reading a quiz, once its page is parsed and translated."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from . import nodes as qn
from .domain import QuizDomain
from .messages import _


class FinishQuizzes(SphinxTransform):
    """Add the boxes to tick, write each statement again into the answer key,
    and record the quiz.

    This runs after Sphinx's translation transform (priority 20) and after
    ``QuizChecks`` (800): a translator sees a statement's text without a box
    in it, the copies are of the translated, disarmed text, and the domain
    records the title a reader of this language sees.
    """

    default_priority = 810

    def apply(self, **kwargs: Any) -> None:
        domain: QuizDomain = self.env.get_domain("quiz")  # type: ignore[assignment]
        for quiz in self.document.findall(qn.quiz):
            statements = {statement["index"]: statement for statement in quiz.findall(qn.quiz_statement)}
            for text in quiz.findall(qn.quiz_statement_text):
                text.insert(0, qn.quiz_checkbox("", "[ ] "))
            for item in quiz.findall(qn.quiz_key_item):
                item.insert(0, _key_line(statements[item["index"]]))
            domain.note_quiz(quiz)


def _key_line(statement: qn.quiz_statement) -> qn.quiz_key_statement:
    """ "Correct: <the statement>" or "Incorrect: <the statement>"."""
    correct = statement["correct"]
    verdict = qn.quiz_verdict("", _("Correct") if correct else _("Incorrect"), correct=correct)
    text = statement.next_node(qn.quiz_statement_text)
    copied = [plain_copy(child) for child in text.children if not isinstance(child, qn.quiz_checkbox)]
    return qn.quiz_key_statement("", "", verdict, nodes.Text(": "), *copied)


def plain_copy(node: nodes.Node) -> nodes.Node:
    """A copy for the key: no ids, so the page keeps its ids unique, and no
    links, so a broken reference is reported once, where it was written."""
    copied = node.deepcopy()  # docutils' own: copies children, not the parent
    if isinstance(copied, addnodes.pending_xref | nodes.reference):
        copied = nodes.inline("", "", *copied.children)
    for element in list(copied.findall(nodes.Element)):
        element["ids"] = element["names"] = []
        if isinstance(element, addnodes.pending_xref | nodes.reference) and element.parent is not None:
            element.replace_self(nodes.inline("", "", *element.children))
    return copied
