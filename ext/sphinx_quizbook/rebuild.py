"""Which pages to write again when quizzes elsewhere in the book change.

A catalog, a tag link, a ``{ref}`` or a ``{numref}`` to a quiz all show
something that lives on another page. Sphinx rewrites a page when its own
source changes; it does not know that a catalog changes when a quiz is added
elsewhere (its own ``todolist`` has this bug, sphinx-doc/sphinx#9706). So we
fingerprint the book's quizzes before reading and after numbering, and name
the pages whose output the difference touches.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import nodes as qn
from .domain import BeforeRead, quiz_domain
from .numbering import sphinx_number


def collect_refs(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: note which labels a page refers to."""
    labels = {
        xref["reftarget"].lower()
        for xref in qn.collect(doctree, addnodes.pending_xref)
        if xref.get("refdomain") == "std" and xref.get("reftype") in {"ref", "numref"}
    }
    quiz_domain(app.env).note_refs(app.env.docname, labels)


def _fingerprint(env: BuildEnvironment) -> dict[tuple[str, str], tuple[Any, ...]]:
    """What other pages may show of each quiz: where, what, which number."""
    return {
        (entry["docname"], entry["id"]): (
            entry["name"],
            entry["title"],
            tuple(entry["tags"]),
            entry["example"],
            sphinx_number(env, entry["docname"], entry["id"]),
        )
        for entry in quiz_domain(env).entries()
    }


def _tag_catalogs(env: BuildEnvironment) -> list[tuple[str, tuple[str, ...]]]:
    """The catalogs grouped by tag, which the tag links under quizzes point to."""
    return sorted(
        (doc, tuple(index["tags"]))
        for doc, indexes in quiz_domain(env).indexes.items()
        for index in indexes
        if index["group_by"] == "tag"
    )


def remember_quizzes(app: Sphinx, env: BuildEnvironment, *args: Any) -> list[str]:
    """``env-get-outdated``, before reading: fingerprint the book as it was."""
    quiz_domain(env).before_read = BeforeRead(_fingerprint(env), _tag_catalogs(env))
    return []


def dependent_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``, after reading and numbering: the pages to rewrite."""
    domain = quiz_domain(env)
    before, now = domain.before_read.fingerprint, _fingerprint(env)
    changed = {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
    rewrite: set[str] = set()
    if changed:
        rewrite.update(domain.indexes)
        names = {(before.get(key) or now[key])[0] for key in changed} - {""}
        rewrite.update(doc for doc, labels in domain.refs.items() if names & set(labels))
    if _tag_catalogs(env) != domain.before_read.tag_catalogs:
        rewrite.update(entry["docname"] for entry in domain.entries() if entry["tags"])
    return sorted(rewrite & set(env.all_docs))


def register(app: Sphinx) -> None:
    app.connect("doctree-read", collect_refs)
    app.connect("env-get-outdated", remember_quizzes)
    app.connect("env-get-updated", dependent_pages)
