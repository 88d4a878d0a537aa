"""One quiz, default themes: which builder gets which asset."""

from __future__ import annotations

project = "Assets"
extensions = ["sphinx_quizbook"]
