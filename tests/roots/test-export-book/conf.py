extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
exclude_patterns = ["_build"]
project = "Export"
language = "en"
