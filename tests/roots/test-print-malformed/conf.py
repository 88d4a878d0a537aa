"""A book of bad quizzes, one a page: every builder must still write it.

The test adds one page per file of ``tests/fixtures/malformed`` (a question
document pasted into a quiz) to the pages here.
"""

project = "Malformed"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
numfig = True
version = release = "1.0"
copyright = "2026, Tests"
latex_documents = [("index", "malformed.tex", project, author, "manual")]
man_pages = [("index", "malformed", project, [author], 1)]
texinfo_documents = [("index", "malformed", project, author, "malformed", "Quizzes.", "Misc")]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
