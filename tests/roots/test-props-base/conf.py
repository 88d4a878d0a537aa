# A tiny book for the property-based tests: one page, rewritten per example.
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath", "tasklist"]
exclude_patterns = ["_build"]
numfig = True
project = "Props"
version = release = "1.0"
copyright = "2026, Tests"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
