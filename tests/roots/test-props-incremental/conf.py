# A small book whose pages tests/test_reproducible.py edits at random.
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath", "tasklist"]
exclude_patterns = ["_build"]
numfig = True
project = "Incremental"
version = release = "1.0"
copyright = "2026, Tests"
html_last_updated_fmt = None
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
