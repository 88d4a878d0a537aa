"""sphinx-quizbook: "select every statement that is correct" quizzes for Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the quiz directive, its nodes, domain and assets."""
    from .extension import setup as _setup

    _setup(app)
    return {
        "version": __version__,
        # Bump when the doctree or the domain's data changes shape.
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
