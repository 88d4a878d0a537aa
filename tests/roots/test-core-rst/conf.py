extensions = ["sphinx_quizbook"]
exclude_patterns = ["_build"]
numfig = True
# Sphinx 7 prints warning types only when asked ([quiz.marker]).
show_warning_types = True
