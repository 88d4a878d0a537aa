"""How a quiz's number reads: "Question 3", "Question 2.1".

Sphinx numbers quizzes like figures when ``numfig`` is on; the words around
the number come from ``numfig_format["quiz"]``, which a book can change.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .messages import _


def set_default_format(app: Sphinx, config: Config) -> None:
    """``config-inited``: "Question %s" unless the book says otherwise, so
    every reader of ``numfig_format["quiz"]`` finds it set."""
    config.numfig_format.setdefault("quiz", _("Question %s"))


def number_template(config: Config) -> str:
    """The words around a number, with ``%s`` where the number goes."""
    return config.numfig_format["quiz"]


def sphinx_number(env: BuildEnvironment, docname: str, quiz_id: str) -> str:
    """The number Sphinx gave a quiz ("2.1"), or "" (``numfig`` off, or none)."""
    number = env.toc_fignumbers.get(docname, {}).get("quiz", {}).get(quiz_id)
    return ".".join(map(str, number)) if number else ""


def printed_number(config: Config, number: str) -> str:
    """A number as a reader sees it: "Question 2.1"."""
    return number_template(config).replace("%s", number)
