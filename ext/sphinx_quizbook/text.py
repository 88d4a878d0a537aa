"""Plain-text and manual-page output of a quiz's lists.

Statements read as lines to tick, "[ ] ...", and the key's verdicts as the
ticks a reader should have made, "[x] Correct: ...". Every other quiz node
falls back to the docutils class it subclasses (see ``nodes.py``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from . import nodes as qn
from .compat import text_dedent, text_indent


def _visit_item(self: Any, node: nodes.Element) -> None:
    text_indent(self)


def _depart_statement(self: Any, node: nodes.Element) -> None:
    text_dedent(self, "[ ] ")


def _depart_key_item(self: Any, node: nodes.Element) -> None:
    text_dedent(self, "[x] " if node["correct"] else "[ ] ")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_man_title(self: Any, node: nodes.Element) -> None:
    # A rubric runs into the next paragraph in man: give the title a line.
    self.ensure_eol()
    self.body.append(".sp\n\\fB")


def _depart_man_title(self: Any, node: nodes.Element) -> None:
    self.body.append("\\fP\n.br\n")


def _visit_man_block(self: Any, node: nodes.Element) -> None:
    # man spaces a paragraph from the one before only if it is not its
    # parent's first child: one that opens a container would run into the
    # line before it ("Correct: ... Because ...").
    self.ensure_eol()
    self.body.append(".sp\n")


def _nothing(self: Any, node: nodes.Element) -> None:
    pass


TEXT_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    qn.quiz_statement: (_visit_item, _depart_statement),
    qn.quiz_checkbox: (_skip, None),
    qn.quiz_key_item: (_visit_item, _depart_key_item),
}

MAN_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    qn.quiz_title: (_visit_man_title, _depart_man_title),
    qn.quiz_statement_body: (_visit_man_block, _nothing),
    qn.quiz_explanation: (_visit_man_block, _nothing),
    qn.quiz_key_entry: (_visit_man_block, _nothing),
}
