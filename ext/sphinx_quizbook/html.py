"""HTML output: a fieldset of real checkboxes and a ``<details>`` answer.

Used by every HTML-format builder (html, dirhtml, singlehtml, epub). All
markup is written through the translator's ``starttag``/``emptytag``, so
attribute values are escaped and the reader's content stays text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from . import nodes as qn
from .messages import _

Visitor = Callable[[HTML5Translator, nodes.Element], None]


def _quiz_id(node: nodes.Element) -> str:
    """A prefix for the ids inside a quiz, unique in the whole book.

    Single-page builds put every page into one file, where a quiz id alone
    ("quiz-0") may repeat; the page's name keeps labels tied to their boxes.
    """
    while not isinstance(node, qn.quiz):
        node = node.parent
    return f"{_page_id(node['docname'])}--{node['ids'][0]}"


@functools.cache
def _page_id(docname: str) -> str:
    # Asked for by every box and label of every quiz on the page.
    return nodes.make_id(docname)


def _statement_index(node: nodes.Element) -> int:
    while not isinstance(node, qn.quiz_statement):
        node = node.parent
    return node["index"]


def _quiz_attributes(node: nodes.Element) -> dict[str, Any]:
    attributes = {"data-quiz-key": f"{node['docname']}#{node['ids'][0]}"}
    if node.get("shuffle"):
        attributes["data-shuffle"] = "true"
    return attributes


def _question_attributes(node: nodes.Element) -> dict[str, Any]:
    """Name the group by its legend and prompt; describe it by the hint.

    The legend alone is often just the word "Question": the prompt is what a
    screen reader user needs to hear on entering the group.
    """
    prefix = _quiz_id(node)
    attributes: dict[str, Any] = {}
    prompt = next((child for child in node.children if _is_prompt(child)), None)
    if prompt is not None:
        attributes["aria-labelledby"] = f"{prefix}-title {prefix}-prompt"
    if node.next_node(qn.quiz_hint) is not None:
        attributes["aria-describedby"] = f"{prefix}-hint"
    return attributes


def _is_prompt(node: nodes.Node) -> bool:
    """The prompt before the statements (not the text that follows them)."""
    return isinstance(node, qn.quiz_prompt) and "quiz-after" not in node["classes"]


def _prompt_attributes(node: nodes.Element) -> dict[str, Any]:
    return {"ids": [f"{_quiz_id(node)}-prompt"]} if _is_prompt(node) else {}


def visit_question(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "fieldset", CLASS="quiz-question", **_question_attributes(node)))


def depart_question(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</fieldset>\n")
    # The live region exists, empty, before the script fills it: screen
    # readers announce changes only to regions they already know about.
    status = nodes.Element()
    self.body.append(self.starttag(status, "p", "", CLASS="quiz-status", role="status", **{"aria-live": "polite"}))
    self.body.append("</p>\n")


def _statement_attributes(node: nodes.Element) -> dict[str, Any]:
    return {"data-correct": str(node["correct"]).lower(), "data-index": node["index"]}


def _key_item_attributes(node: nodes.Element) -> dict[str, Any]:
    verdict = "correct" if node["correct"] else "incorrect"
    return {"CLASS": f"quiz-key-{verdict}", "data-index": node["index"]}


def _element(
    tag: str,
    css_class: str,
    attributes: Callable[[nodes.Element], dict[str, Any]] = lambda node: {},
    block: bool = True,
) -> tuple[Visitor, Visitor]:
    """A visitor pair that wraps a node's children in one tag."""
    newline = "\n" if block else ""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        extra = attributes(node)
        classes = " ".join(filter(None, [css_class, extra.pop("CLASS", "")]))
        self.body.append(self.starttag(node, tag, newline, CLASS=classes, **extra))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>{newline}")

    return visit, depart


def visit_statement_text(self: HTML5Translator, node: nodes.Element) -> None:
    # The box is drawn here rather than from a node of its own: a node would
    # sit in every page's doctree from reading to writing (see finish.py).
    prefix, index = _quiz_id(node), _statement_index(node)
    box_id = f"{prefix}-{index}"
    self.body.append(self.starttag(node, "label", "", CLASS="quiz-statement-text", **{"for": box_id}))
    box = {"type": "checkbox", "CLASS": "quiz-checkbox", "ids": [box_id], "name": prefix}
    if any(isinstance(sibling, qn.quiz_statement_body) for sibling in node.parent.children):
        # The code, math or image after the text is part of the statement: a
        # screen reader hears it with the box, or as its name if no text precedes it.
        relation = "aria-describedby" if qn.statement_words(node) else "aria-labelledby"
        box[relation] = f"{box_id}-body"
    self.body.append(self.emptytag(nodes.Element(), "input", "", value=index, **box))


def depart_statement_text(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</label>")


def visit_key_statement(self: HTML5Translator, node: nodes.Element) -> None:
    """The verdict, then the copy of the statement (the node's children).

    The verdict is written here rather than from nodes of its own: on a big
    book, every node a page holds costs each pass over it (see finish.py).
    """
    correct = node.parent["correct"]
    verdict = "correct" if correct else "incorrect"
    self.body.append(self.starttag(node, "p", "", CLASS="quiz-key-statement"))
    # The icon repeats the word for sighted readers: the stylesheet draws it
    # from data-icon with no alternative text, so screen readers get the word.
    icon = {"data-icon": "\u2713" if correct else "\u2717"}
    self.body.append(self.starttag(nodes.Element(), "span", "", CLASS=f"quiz-verdict quiz-verdict-{verdict}", **icon))
    self.body.append(self.encode(_("Correct") if correct else _("Incorrect")))
    self.body.append("</span>: ")


def depart_key_statement(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def _nothing(self: HTML5Translator, node: nodes.Element) -> None:
    pass


def visit_group(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, f"h{node['level']}", "", CLASS="rubric quizindex-group"))


def depart_group(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(f"</h{node['level']}>\n")


visit_item = _element("li", "quizindex-item", lambda node: {"data-quiz-key": node["key"]})[0]


def depart_item(self: HTML5Translator, node: nodes.Element) -> None:
    # The space between an entry and the progress mark the script puts after
    # it: parsed with the page, it costs a catalog of 3,000 entries 7 to 14 %
    # less CPU than 3,000 spaces added by the script (bench/browser.py and the
    # performance page). Without a mark it ends the line, and is not drawn.
    self.body.append("\n</li>\n")


VISITORS: dict[type[nodes.Element], tuple[Visitor, Visitor]] = {
    qn.quiz: _element("div", "", _quiz_attributes),
    qn.quiz_question: (visit_question, depart_question),
    qn.quiz_title: _element("legend", "quiz-title", lambda node: {"ids": [f"{_quiz_id(node)}-title"]}, False),
    qn.quiz_prompt: _element("div", "quiz-prompt", _prompt_attributes),
    qn.quiz_hint: _element("p", "quiz-hint", lambda node: {"ids": [f"{_quiz_id(node)}-hint"]}),
    qn.quiz_statements: _element("ul", "quiz-statements"),
    qn.quiz_statement: _element("li", "quiz-statement", _statement_attributes),
    qn.quiz_statement_text: (visit_statement_text, depart_statement_text),
    qn.quiz_statement_body: _element(
        "div", "quiz-statement-body", lambda node: {"ids": [f"{_quiz_id(node)}-{_statement_index(node)}-body"]}
    ),
    qn.quiz_answer: _element("details", "quiz-answer"),
    qn.quiz_answer_title: _element("summary", "quiz-answer-title", block=False),
    qn.quiz_key: _element("ul", "quiz-key"),
    qn.quiz_key_item: _element("li", "quiz-key-item", _key_item_attributes),
    qn.quiz_key_statement: (visit_key_statement, depart_key_statement),
    qn.quiz_explanation: _element("div", "quiz-explanation"),
    qn.quiz_readings: _element("div", "quiz-readings"),
    qn.quiz_tags: _element("p", "quiz-tags"),
    # A real heading, so that screen readers list the groups.
    qn.quizindex_group: (visit_group, depart_group),
    # The browser script reads the key to show the reader's progress.
    qn.quizindex_item: (visit_item, depart_item),
    # No <p> in each of a catalog's thousands of entries: 7 B and a node each.
    qn.quizindex_entry: (_nothing, _nothing),
}
