extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
language = "de"
locale_dirs = ["locale"]
gettext_compact = False
numfig = True
