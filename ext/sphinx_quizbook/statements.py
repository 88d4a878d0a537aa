"""Reading ``- [x]`` / ``- [ ]`` statement lists out of a parsed quiz body.

The markers arrive in one of two shapes: as the text ``[x] ...`` (RST, or
MyST without its ``tasklist`` extension), or, with ``tasklist`` on, as a raw
HTML ``<input>`` that MyST puts in front of the item's first paragraph. Both
are read here, so a quiz means the same whichever way its page is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes

from . import nodes as qn
from .messages import __, warn

#: A marker the directive accepts: "[x]", "[X]" or "[ ]", then a space or the end.
VALID_MARKER = re.compile(r"\s*\[([ xX])\](?:\s+|$)")
# Anything that looks like it was meant as a marker: "[v]", "[ x]", "[]".
MARKER_LIKE = re.compile(r"\s*\[[^\]\n]{0,3}\]")
_TASKLIST_INPUT = "task-list-item-checkbox"


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


def looks_like_statement(item: nodes.Element) -> bool:
    """Whether a list item was meant as a statement (rightly marked or not)."""
    paragraph = _first_paragraph(item)
    if paragraph is None:
        return False
    if _tasklist_input(paragraph) is not None:
        return True
    text = _leading_text(paragraph)
    return text is not None and MARKER_LIKE.match(text.astext()) is not None


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
        found = MARKER_LIKE.match(source)
        if found:
            return Marker(None, __("unknown marker %r, use [x] or [ ]") % found.group().strip())
        return Marker(None, __("no [x] or [ ] marker"))
    rest = source[match.end() :]
    if rest:
        paragraph.replace(text, nodes.Text(rest))
    else:
        paragraph.remove(text)
    return Marker(correct=match.group(1) in "xX")


def make_statements(
    bullet_list: nodes.bullet_list, start: int
) -> list[tuple[qn.quiz_statement, qn.quiz_explanation | None]]:
    """Turn a bullet list's items into statements numbered from *start*.

    Each statement comes with its explanation (whatever follows the item's
    first paragraph), which belongs in the answer, not in the question. An
    item without a usable marker is warned about and kept as an incorrect
    statement, so the contributor sees it in place rather than losing it.
    """
    result = []
    items = [child for child in bullet_list.children if isinstance(child, nodes.list_item)]
    for index, item in enumerate(items, start):
        paragraph = _first_paragraph(item)
        if paragraph is not None:
            marker = take_marker(paragraph)
            inline, rest = paragraph.children, item.children[1:]
        else:
            marker = Marker(None, __("no [x] or [ ] marker"))
            inline, rest = [], item.children
        if marker.correct is None:
            warn(__("quiz statement %d: %s"), item, "marker", index, marker.problem)
        elif not "".join(child.astext() for child in inline).strip():
            warn(__("quiz statement %d has no text"), item, "marker", index)
        text = qn.quiz_statement_text("", "", *inline)
        statement = qn.quiz_statement("", text, correct=bool(marker.correct), index=index)
        for node in (statement, text):
            node.source, node.line = item.source, item.line
        explanation = qn.quiz_explanation("", *rest) if rest else None
        result.append((statement, explanation))
    return result
