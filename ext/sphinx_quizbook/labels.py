"""Quiz names as labels for ``{ref}`` and ``{numref}``.

A name used by two quizzes, or by a quiz and a section, must go to the same
one in every build: clean or incremental, serial or parallel. Labels made
while a page is read go to whichever page is read first (or last), and
parallel readers don't see each other's. So quizzes register their names
only once every page is read, in reading order: the first quiz keeps the
name, later ones are warned about.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .compat import drop_label, label_owner, set_label
from .domain import quiz_domain
from .messages import __, warn
from .reading_order import quizzes_in_reading_order


def settle_labels(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: give each quiz name to its first quiz in reading order."""
    domain = quiz_domain(env)
    # Take back last build's labels; pages read again have lost theirs already.
    for name, (docname, target_id) in domain.labels.items():
        drop_label(env, name, docname, target_id)
    settled: dict[str, tuple[str, str]] = {}
    for entry in quizzes_in_reading_order(env):
        name = entry["name"]
        if not name:
            continue
        taken = settled[name][0] if name in settled else label_owner(env, name)
        if taken:
            where = (entry["docname"], entry["line"])
            warn(__("duplicate quiz name %r, also used in %s"), where, "duplicate", name, taken)
            continue
        settled[name] = (entry["docname"], entry["id"])
        set_label(env, name, entry["docname"], entry["id"], entry["title"])
    domain.data["labels"] = settled


def register(app: Sphinx) -> None:
    # Before rebuild.py's env-get-updated handler compares fingerprints.
    app.connect("env-updated", settle_labels)
