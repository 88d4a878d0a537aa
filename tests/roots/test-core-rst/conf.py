extensions = ["sphinx_quizbook"]
exclude_patterns = ["_build"]
numfig = True
