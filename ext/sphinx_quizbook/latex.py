"""LaTeX output. (Being written: boxed questions and an answer key.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

Visitor = Callable[[Any, nodes.Element], None]

#: Visitor pairs for the LaTeX builder, by node class.
LATEX_VISITORS: dict[type[nodes.Element], tuple[Visitor, Visitor]] = {}


def register(app: Sphinx) -> None:
    """Config values, hooks and LaTeX packages of the LaTeX output."""
