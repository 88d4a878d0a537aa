"""The book in the order a reader meets it: pages, chapters and quizzes.

Catalogs list quizzes in this order, and quiz names become labels in it
(``labels.py``), so that every build, serial or parallel, clean or
incremental, agrees on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx.environment import BuildEnvironment

from .domain import QuizEntry, quiz_domain


def reading_order(env: BuildEnvironment) -> list[str]:
    """Pages in the order a reader meets them: the toctree, depth first;
    pages in no toctree follow, by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.all_docs) - seen)


def chapters(env: BuildEnvironment) -> dict[str, str]:
    """Each page's chapter: the page under the root toctree that includes it."""
    root = env.config.root_doc
    chapter = {root: root}
    for top in env.toctree_includes.get(root, []):
        stack = [top]
        while stack:
            docname = stack.pop()
            if docname not in chapter:
                chapter[docname] = top
                stack.extend(env.toctree_includes.get(docname, []))
    return chapter


def quizzes_in_reading_order(env: BuildEnvironment, order: list[str] | None = None) -> Iterator[QuizEntry]:
    """Every quiz of the book, in the order a reader meets them.

    *order* is :func:`reading_order`'s result, when the caller has it already.
    """
    quizzes = quiz_domain(env).quizzes
    for docname in order if order is not None else reading_order(env):
        yield from quizzes.get(docname, [])


def page_title(env: BuildEnvironment, docname: str) -> str:
    """A page's title as text, or its name if it has none."""
    return env.titles[docname].astext() if docname in env.titles else docname
