# Hostile text in every part of a quiz, for the HTML, LaTeX and EPUB outputs.
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath", "tasklist"]
exclude_patterns = ["_build"]
project = "Hostile"
author = "Tests"
version = release = "1.0"
copyright = "2026, Tests"
latex_documents = [("index", "hostile.tex", project, author, "manual")]
epub_exclude_files = []
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
