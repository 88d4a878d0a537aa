extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
exclude_patterns = ["_build"]
numfig = True
project = "Core"
version = release = "1.0"
copyright = "2026, Tests"
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
