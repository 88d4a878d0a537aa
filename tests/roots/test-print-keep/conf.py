"""Quizzes after text of every length: none may start at the foot of a page.

The test writes the chapters: each has a different number of lines of text
before its quiz, so that some quiz falls at every height of a page.
"""

project = "Keep together"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
numfig = True
version = release = "1.0"
copyright = "2026, Tests"
latex_documents = [("index", "keep.tex", project, author, "manual")]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
