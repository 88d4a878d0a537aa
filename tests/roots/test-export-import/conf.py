extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
exclude_patterns = ["_build"]
project = "Import"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
