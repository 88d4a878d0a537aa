"""Reading ``- [x]`` / ``- [ ]`` statement lists out of a parsed quiz body.

The markers arrive in one of three shapes: as the text ``[x] ...`` (RST, or
MyST without its ``tasklist`` extension); with ``tasklist`` on, as a raw HTML
``<input>`` that MyST puts in front of the item's first paragraph; or, when
the item starts with a block that is no paragraph (``- [x] $$x^2$$``), not at
all: MyST drops it, and it is read again from the item's source line. So a
quiz means the same whichever way its page is parsed.

A statement is everything in its list item: the first paragraph is the text
a reader ticks; blocks after it (code, math, images, tables, more
paragraphs) belong to the statement too and are shown with it. Only an
``explanation`` directive in the item is the statement's explanation, which
goes into the answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes

from . import nodes as qn
from .messages import __, warn

#: A marker the directive accepts: "[x]", "[X]" or "[ ]", then a space or the end.
VALID_MARKER = re.compile(r"\s*\[([ xX])\](?:\s+|$)")
# Anything that looks like it was meant as a marker: "[v]", "[ x]", "[]".
MARKER_LIKE = re.compile(r"\s*\[[^\]\n]{0,3}\]")
# A valid marker with text right after it: "[x]A tomato".
_NO_SPACE = re.compile(r"\s*\[[ xX]\]\S")
# A list item's first source line: its bullet and marker, for items whose
# marker MyST's tasklist dropped.
SOURCE_MARKER = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]")
_TASKLIST_INPUT = "task-list-item-checkbox"
# Characters that print nothing: a statement made only of them looks empty.
_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"})

#: The source line of statement *index* (from 1), for markers MyST dropped.
SourceLine = Callable[[int], str | None]


@dataclass
class Marker:
    """What the start of a list item says about its statement."""

    correct: bool | None  # None: no usable marker
    problem: str = ""  # why not, for the warning


def _first_paragraph(item: nodes.Element) -> nodes.paragraph | None:
    if item.children and isinstance(item[0], nodes.paragraph):
        return item[0]
    return None


def _leading_text(paragraph: nodes.paragraph) -> nodes.Text | None:
    if paragraph.children and isinstance(paragraph[0], nodes.Text):
        return paragraph[0]
    return None


def _tasklist_input(paragraph: nodes.paragraph) -> nodes.raw | None:
    first = paragraph[0] if paragraph.children else None
    if isinstance(first, nodes.raw) and _TASKLIST_INPUT in first.astext():
        return first
    return None


def _is_tasklist_item(item: nodes.Element) -> bool:
    return "task-list-item" in item.get("classes", [])


def looks_like_statement(item: nodes.Element) -> bool:
    """Whether a list item was meant as a statement (rightly marked or not)."""
    if _is_tasklist_item(item):
        return True
    paragraph = _first_paragraph(item)
    if paragraph is None:
        return False
    if _tasklist_input(paragraph) is not None:
        return True
    text = _leading_text(paragraph)
    return text is not None and MARKER_LIKE.match(text.astext()) is not None


def is_statement_list(node: nodes.Node) -> bool:
    """A bullet or numbered list with an item meant as a statement."""
    return isinstance(node, nodes.bullet_list | nodes.enumerated_list) and any(map(looks_like_statement, node.children))


def _problem(source: str) -> str:
    if _NO_SPACE.match(source):
        marker = source.strip()[:3]
        return __("a space is missing after %r: write '%s text'") % (marker, marker)
    found = MARKER_LIKE.match(source)
    if found:
        return __("unknown marker %r, use [x] or [ ]") % found.group().strip()
    return __("no [x] or [ ] marker at the start")


def take_marker(paragraph: nodes.paragraph) -> Marker:
    """Remove the marker from the start of *paragraph* and say what it was."""
    box = _tasklist_input(paragraph)
    if box is not None:
        paragraph.remove(box)
        text = _leading_text(paragraph)
        if text is not None:
            paragraph.replace(text, nodes.Text(text.astext().lstrip()))
        return Marker(correct='checked="checked"' in box.astext())
    text = _leading_text(paragraph)
    source = text.astext() if text is not None else ""
    match = VALID_MARKER.match(source)
    if text is None or match is None:
        return Marker(None, _problem(source))
    rest = source[match.end() :]
    if rest:
        paragraph.replace(text, nodes.Text(rest))
    else:
        paragraph.remove(text)
    return Marker(correct=match.group(1) in "xX")


def _marker_from_source(index: int, source_line: SourceLine) -> Marker:
    """The marker of a tasklist item that starts with no paragraph."""
    line = source_line(index)
    found = SOURCE_MARKER.match(line or "")
    if found is None:
        return Marker(None, __("no [x] or [ ] marker at the start"))
    return Marker(correct=found.group(1) in "xX")


def has_visible_text(text: str) -> bool:
    """Whether *text* prints anything: not only spaces and characters such as
    zero-width spaces. Stops at the first visible character."""
    return any(not char.isspace() and unicodedata.category(char) not in _INVISIBLE for char in text)


@dataclass
class Statement:
    """A statement as read from its list item, with its explanation."""

    node: qn.quiz_statement
    explanation: qn.quiz_explanation | None
    #: Its text, found once for the checks on it.
    text: str


def _split_item(
    item: nodes.list_item, index: int, marker_at: SourceLine
) -> tuple[Marker, list[nodes.Node], list[nodes.Node]]:
    """The item's marker, its text (inline nodes) and the blocks after it."""
    paragraph = _first_paragraph(item)
    if paragraph is not None:
        return take_marker(paragraph), list(paragraph.children), list(item.children[1:])
    if _is_tasklist_item(item):
        # MyST said why already ("no leading paragraph"); its message is no content.
        blocks = [child for child in item.children if not isinstance(child, nodes.system_message)]
        return _marker_from_source(index, marker_at), [], blocks
    return Marker(None, __("no [x] or [ ] marker at the start")), [], list(item.children)


def _location(item: nodes.list_item) -> tuple[str | None, int | None]:
    """Where an item was written. docutils 0.20 gives an RST list item no
    line; its first block has one."""
    first = item[0] if item.children else item
    return item.source or first.source, item.line or first.line


def _statement(item: nodes.list_item, index: int, marker_at: SourceLine) -> Statement:
    source, line = _location(item)
    marker, inline, blocks = _split_item(item, index, marker_at)
    explanations = [block for block in blocks if isinstance(block, qn.quiz_explanation_body)]
    blocks = [block for block in blocks if not isinstance(block, qn.quiz_explanation_body)]
    text = qn.quiz_statement_text("", "", *inline)
    statement = qn.quiz_statement("", text, correct=bool(marker.correct), index=index)
    if blocks:
        statement += qn.quiz_statement_body("", *blocks)
    for node in (statement, text):
        node.source, node.line = source, line
    if marker.correct is None:
        warn(__("quiz statement %d: %s"), statement, "marker", index, marker.problem)
    words = statement.astext()
    if not has_visible_text(words):
        warn(__("quiz statement %d has no visible text"), statement, "marker", index)
    elif blocks and not explanations and all(isinstance(block, nodes.paragraph) for block in blocks):
        warn(
            __(
                "quiz statement %d: the paragraphs after its first are shown as part of the statement; "
                "if they explain the answer, put them in an 'explanation' directive inside the item"
            ),
            statement,
            "explanation",
            index,
        )
    explanation = None
    if explanations:
        explanation = qn.quiz_explanation("", *(child for body in explanations for child in body.children))
    return Statement(statement, explanation, words)


def make_statements(bullet_list: nodes.Element, start: int, marker_at: SourceLine) -> list[Statement]:
    """Turn a list's items into statements numbered from *start*.

    An item without a usable marker is warned about and kept as an incorrect
    statement, so the contributor sees it in place rather than losing it.
    *marker_at* gives a statement's source line (see :data:`SourceLine`).
    """
    if isinstance(bullet_list, nodes.enumerated_list):
        warn(__("quiz statements are a numbered list: write them as a '-' bullet list"), bullet_list, "statements")
    items = [child for child in bullet_list.children if isinstance(child, nodes.list_item)]
    return [_statement(item, index, marker_at) for index, item in enumerate(items, start)]


def warn_repeats(statements: list[Statement]) -> None:
    """Warn about a statement that says the same as an earlier one."""
    seen: dict[str, int] = {}
    for statement in statements:
        words = " ".join(statement.text.split())
        index = statement.node["index"]
        if words in seen:
            warn(__("quiz statement %d repeats statement %d"), statement.node, "statements", index, seen[words])
        elif words:
            seen[words] = index
