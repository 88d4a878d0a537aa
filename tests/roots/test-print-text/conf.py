"""A small book for the plain-text, man and texinfo outputs."""

project = "Print text"
author = "Tests"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
numfig = True
man_pages = [("index", "printtext", project, [author], 1)]
texinfo_documents = [("index", "printtext", project, author, "printtext", "Quizzes.", "Misc")]
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
