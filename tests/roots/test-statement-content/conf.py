"""Statements that hold more than a sentence: code, math, an image, a table,
several paragraphs, and an explanation; in MyST and in reStructuredText."""

project = "Statement content"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
numfig = True
version = release = "1.0"
copyright = "2026, Tests"
latex_documents = [("index", "content.tex", project, author, "manual")]
man_pages = [("index", "content", project, [author], 1)]
texinfo_documents = [("index", "content", project, author, "content", "Quizzes.", "Misc")]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
