"""A book whose quiz holds every character LaTeX treats specially."""

project = "Special characters"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
numfig = True
latex_documents = [("index", "special.tex", project, author, "manual")]
version = release = "1.0"
copyright = "2026, Tests"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
