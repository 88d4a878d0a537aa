"""One quiz, default themes: which builder gets which asset."""

from __future__ import annotations

project = "Assets"
extensions = ["sphinx_quizbook"]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
