"""Exports and what they leave out: quizzes in ``only`` blocks, tags and
characters Moodle's GIFT cannot carry."""

project = "Exports"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
version = release = "1.0"
copyright = "2026, Tests"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
