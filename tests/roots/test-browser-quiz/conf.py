"""A small Furo book for the browser tests: known quizzes, known answers."""

from __future__ import annotations

project = "Browser tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
