"""Quiz numbers in the PDF: quizzes in a table, a {numref} and a footnote in
a statement (both copied into the answer key), tag links to a catalog."""

project = "Numbers"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
numfig = True
version = release = "2.5"
copyright = "2026, Tests"
latex_documents = [("index", "numbers.tex", project, author, "manual")]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
