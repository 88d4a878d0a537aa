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
    # One walk of the body for every check: a quiz's body is walked often enough.
    found = qn.collect(body, (qn.quiz, nodes.rubric, nodes.section, nodes.literal_block))
    for inner in found:
        if isinstance(inner, qn.quiz):
            warn(__("a quiz inside a quiz; close the first one before the next"), inner, "nested")
    _check_fences(directive)
    _check_headings(found, quiz)
    return _check_indented_list(found)


def _check_fences(directive: SphinxDirective) -> None:
    """An inner fence as long as the quiz's own ends the quiz early in MyST.

    ``:::{quiz}`` holding ``:::{answer}`` ... ``:::`` closes the quiz at the
    answer's closing line: the answer is then never closed inside the quiz,
    and the rest of the page sits in a stray fence. So a directive fence
    left open in the quiz's text is the sign.
    """
    if (directive.block_text or "").lstrip().startswith(".."):
        return  # reStructuredText has no fences
    open_fence = _unclosed(directive.content.data)  # the lines, without a method call each
    if open_fence is None:
        return
    index, run, name = open_fence
    # MyST (3 to 5) numbers content lines from the line after the directive's
    # own, past its options: content_offset counts those.
    line = directive.lineno + 1 + directive.content_offset + index
    warn(
        __(
            "the {%s} fence (%d characters) is not closed inside the quiz: the quiz's own fence, "
            "no longer than it, closed the quiz early; make the quiz's fence longer (%s{quiz})"
        ),
        (directive.env.docname, line),
        "fence",
        name,
        len(run),
        run[0] * (len(run) + 1),
    )


def _unclosed(lines: list[str]) -> tuple[int, str, str] | None:
    """The first directive fence in *lines* that no later line closes:
    its line's index, its run of colons or backticks, and its name."""
    stack: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        if not line.lstrip().startswith((":::", "```")):
            continue  # most lines: no fence
        opening = _OPENING.match(line)
        if opening:
            stack.append((index, opening.group(1), opening.group(2)))
            continue
        closing = line.strip()
        for depth in range(len(stack) - 1, -1, -1):
            run = stack[depth][1]
            if closing and set(closing) == {run[0]} and len(closing) >= len(run):
                del stack[depth:]
                break
    return stack[0] if stack else None


def _check_headings(found_in_body: list[nodes.Element], quiz: qn.quiz) -> None:
    """A heading cannot be in a quiz: one there means the quiz's closing fence
    is missing, and the quiz has swallowed the rest of the page."""
    for found in found_in_body:
        if not isinstance(found, nodes.rubric):
            continue
        # MyST turns a heading inside a directive into a rubric with a level.
        if found.get("level"):
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
    for section in found_in_body:
        if isinstance(section, nodes.section):
            warn(__("a heading is inside the quiz; close the quiz before it"), section, "fence")
            return


def _check_indented_list(found_in_body: list[nodes.Element]) -> bool:
    """Statements indented four spaces or more are a code block in Markdown."""
    for block in found_in_body:
        if isinstance(block, nodes.literal_block) and any(
            SOURCE_MARKER.match(line) for line in block.astext().splitlines()
        ):
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
