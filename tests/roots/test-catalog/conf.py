extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
numfig = True
