"""Translations and warnings shared by every module of the extension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

#: The message catalog's name, for ``app.add_message_catalog``.
CATALOG = "sphinx_quizbook"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Text written into the book.
_ = get_translation(CATALOG)
#: Text written to the console.
__ = get_translation(CATALOG, "console")

logger = logging.getLogger(__name__)

#: Every warning subtype, so that a reference page and the tests can list them.
SUBTYPES = (
    "empty",
    "statements",
    "marker",
    "answer",
    "readings",
    "nested",
    "option",
    "duplicate",
    "unsafe",
    "export",
    "explanation",
    "fence",
)


def warn(message: str, location: Any, subtype: str, *args: Any) -> None:
    """Log a warning a user can locate and silence with ``quiz.<subtype>``.

    *location* is a node (Sphinx walks up to the nearest one with a line),
    or a ``(docname, line)`` pair.
    """
    if subtype not in SUBTYPES:  # pragma: no cover - a programming error
        raise ValueError(subtype)
    logger.warning(message, *args, location=_with_line(location), type="quiz", subtype=subtype)


def _with_line(location: Any) -> Any:
    """A node that knows its line, for a node that doesn't (a reference made
    from an image's ``:target:``, say): its nearest ancestor that does.
    Sphinx would print ``page.rst:`` with no line."""
    if not isinstance(location, nodes.Node):
        return location
    node: nodes.Node | None = location
    while node is not None and not (node.line and node.source):
        node = node.parent
    return node or location
