"""The last step before a quiz is written: boxes to tick, and the key's verdicts.

Both are added to the doctree a builder is about to write, not to the one
Sphinx keeps: a book's doctrees stay in memory from reading to writing and
are pickled in between, and these parts would double the nodes of every
statement there. Here they live only as long as the page being written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import nodes as qn
from .compat import builder_name_and_format, node_by_id
from .domain import quiz_domain
from .messages import _


class FinishQuizzes(SphinxPostTransform):
    """Add the boxes to tick, and write each statement again into the answer key.

    The copies are of the text as it was read: translated (Sphinx translates
    while reading), disarmed (``QuizChecks``) and without a box in it. HTML
    gets no nodes for the boxes and the verdicts: its writer draws them.
    """

    # Before the answer key moves answers out of their quiz (200): an answer
    # moves with its verdicts.
    default_priority = 190

    def run(self, **kwargs: Any) -> None:
        name, output_format = builder_name_and_format(self)
        web = output_format == "html"
        for quiz in self._quizzes(name, web):
            statements = {}
            for statement in qn.parts(quiz, qn.quiz_question, qn.quiz_statements, qn.quiz_statement):
                statements[statement["index"]] = statement
                text = statement[0]
                if not web and not (text.children and isinstance(text[0], qn.quiz_checkbox)):
                    text.insert(0, qn.quiz_checkbox("", "[ ] "))
            for item in qn.parts(quiz, qn.quiz_answer, qn.quiz_key, qn.quiz_key_item):
                if item["index"] in statements and not (item.children and isinstance(item[0], qn.quiz_key_statement)):
                    item[0:0] = _key_lines(statements[item["index"]], web)

    def _quizzes(self, builder_name: str, web: bool) -> list[qn.quiz]:
        """The doctree's quizzes. A web page's are found by their ids, which
        the domain knows: walking a big page costs more than finishing it
        (0.1 % of a build's instructions, 3 % of a quiz's cost, measured with
        Valgrind on 12 pages x 3 quizzes). If the ids do not lead to this
        page's quizzes (another extension moved them), the page is walked."""
        if web and builder_name != "singlehtml":
            docname = self.env.docname
            entries = quiz_domain(self.env).quizzes.get(docname, [])
            found = [node_by_id(self.document, entry["id"]) for entry in entries]
            if all(isinstance(quiz, qn.quiz) and quiz["docname"] == docname for quiz in found):
                return found  # type: ignore[return-value]
        # One doctree of many pages (LaTeX, single page, ...), or a surprise.
        return list(self.document.findall(qn.quiz))


def _key_lines(statement: qn.quiz_statement, web: bool) -> list[nodes.Element]:
    """The key line, and a copy of the statement's blocks if it has no words
    of its own (``- [x] $$x^2$$``): "Correct:" alone would say nothing."""
    lines: list[nodes.Element] = [_key_line(statement, web)]
    text = statement[0]
    body = statement[1] if len(statement) > 1 else None
    if isinstance(body, qn.quiz_statement_body) and not "".join(n.astext() for n in qn.statement_words(text)).strip():
        lines.append(nodes.container("", *(plain_copy(child) for child in body.children), classes=["quiz-key-body"]))
    return lines


def _key_line(statement: qn.quiz_statement, web: bool) -> qn.quiz_key_statement:
    """ "Correct: <the statement>" or "Incorrect: <the statement>".

    On the web the verdict is written by the HTML writer; elsewhere it is
    nodes, for writers that have no visitor of ours.
    """
    text = statement[0]  # its quiz_statement_text
    copied = [plain_copy(child) for child in qn.statement_words(text)]
    # The words are the statement's, already indexed: search skips the copy.
    line = qn.quiz_key_statement("", "", *copied, classes=["no-search"])
    if not web:
        correct = statement["correct"]
        verdict = qn.quiz_verdict("", _("Correct") if correct else _("Incorrect"), correct=correct)
        line[:0] = [verdict, nodes.Text(": ")]
    return line


def _unlinked(node: nodes.Element) -> nodes.Element:
    return nodes.inline("", "", *node.children)


def plain_copy(node: nodes.Node) -> nodes.Node:
    """A copy for the key: no ids, so the page keeps its ids unique, and no
    links, so a broken reference is reported once, where it was written.

    Two exceptions, so the copy reads as the original does: a ``{numref}``
    stays, for LaTeX writes its number with ``\\ref`` (per chapter) where a
    copied text would give the web's number; and a footnote mark goes, its
    footnote being under the question, not in the key (LaTeX would print
    "footnote?" for a second mark of one footnote).
    """
    copied = node.deepcopy()  # docutils' own: copies children, not the parent
    if isinstance(copied, nodes.footnote_reference):
        return nodes.inline()
    if isinstance(copied, _LINKS) and not isinstance(copied, addnodes.number_reference):
        copied = _unlinked(copied)
    for element in list(copied.findall(nodes.Element)):
        element["ids"] = element["names"] = []
        if element.parent is None:
            continue
        if isinstance(element, nodes.footnote_reference):
            element.parent.remove(element)
        elif isinstance(element, _LINKS) and not isinstance(element, addnodes.number_reference):
            element.replace_self(_unlinked(element))
    return copied


_LINKS = (addnodes.pending_xref, nodes.reference)
