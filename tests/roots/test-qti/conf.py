# A small book for the QTI export: rich content, two chapters whose reading
# order differs from the pages' name order, and quizzes with and without names.
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
exclude_patterns = ["_build"]
project = "QTI book"
language = "en"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
