"""Export of the book's quizzes. (Being written.)"""

from __future__ import annotations

from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """Builders and hooks of the export formats."""
