"""Checks on a quiz's parsed body for the mistakes that change its shape
silently: a quiz in a quiz, a fence that closes too early or never, a
statement list indented into a code block.

Each is found in what the parser made of the body (and, for MyST fences, in
the directive's own text), and warned about at a line the author can go to.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import nodes as qn
from .messages import __, warn
from .statements import SOURCE_MARKER

# A MyST directive's opening fence: its run of colons or backticks, and its name.
_OPENING = re.compile(r"^\s*(:{3,}|`{3,})\s*\{([^}]*)\}")


def check_body(directive: SphinxDirective, body: nodes.Element, quiz: qn.quiz) -> bool:
    """Warn about the body's shape problems; nothing is changed. True if the
    statements were found indented into code, which says why there are none."""
    for inner in body.findall(qn.quiz):
        warn(__("a quiz inside a quiz; close the first one before the next"), inner, "nested")
    _check_fences(directive)
    _check_headings(body, quiz)
    return _check_indented_list(body)


def _check_fences(directive: SphinxDirective) -> None:
    """An inner fence as long as the quiz's own ends the quiz early in MyST.

    ``:::{quiz}`` holding ``:::{answer}`` ... ``:::`` closes the quiz at the
    answer's closing line: the rest of the page then sits in a stray fence.
    MyST gives the directive its whole text (``block_text``), fence included.
    """
    lines = (directive.block_text or "").splitlines()
    outer = _OPENING.match(lines[0]) if lines else None
    if outer is None:
        return  # reStructuredText, or a fence we do not know
    fence = outer.group(1)
    for offset, line in enumerate(lines[1:], 1):
        inner = _OPENING.match(line)
        if inner and inner.group(1)[0] == fence[0] and len(inner.group(1)) >= len(fence):
            warn(
                __(
                    "the {%s} fence is as long as the quiz's (%d characters), so it closes the quiz early: "
                    "make the quiz's fence longer (%s{quiz})"
                ),
                (directive.env.docname, directive.lineno + offset),
                "fence",
                inner.group(2),
                len(fence),
                fence[0] * (len(inner.group(1)) + 1),
            )


def _check_headings(body: nodes.Element, quiz: qn.quiz) -> None:
    """A heading cannot be in a quiz: one there means the quiz's closing fence
    is missing, and the quiz has swallowed the rest of the page."""
    for found in body.findall(nodes.rubric):
        # MyST turns a heading inside a directive into a rubric with a level.
        if found.get("level") or isinstance(found, nodes.section):
            warn(
                __(
                    "the quiz has no closing fence, it seems: the heading %r (line %s) is inside it; "
                    "close the quiz before it"
                ),
                quiz,
                "fence",
                found.astext()[:60],
                found.line or "?",
            )
            return
    for section in body.findall(nodes.section):
        warn(__("a heading is inside the quiz; close the quiz before it"), section, "fence")
        return


def _check_indented_list(body: nodes.Element) -> bool:
    """Statements indented four spaces or more are a code block in Markdown."""
    for block in body.findall(nodes.literal_block):
        if any(SOURCE_MARKER.match(line) for line in block.astext().splitlines()):
            warn(
                __(
                    "the statement list is indented so far that it became a code block; "
                    "start its '- [x]' lines at the quiz's margin"
                ),
                block,
                "statements",
            )
            return True
    return False
