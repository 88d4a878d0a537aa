extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
language = "de"
locale_dirs = ["locale"]
gettext_compact = False
numfig = True
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
