"""One quiz page, drawn by whichever theme the test names (``-D html_theme=...``)."""

from __future__ import annotations

project = "Themes"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
html_theme = "alabaster"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
