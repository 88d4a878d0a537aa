"""The ``quizindex`` catalog, tag links, and rewriting the pages that depend
on other pages' quizzes.

A catalog, a tag link, a ``{ref}`` or a ``{numref}`` to a quiz all show
something that lives on another page. Sphinx rewrites a page when its own
source changes; it does not know that a catalog changes when a quiz is added
elsewhere (its own ``todolist`` has this bug, sphinx-doc/sphinx#9706). So we
fingerprint the book's quizzes before reading and after numbering, and name
the pages whose output the difference touches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import nodes as qn
from .directives import OPTIONS
from .domain import QuizDomain, QuizEntry
from .messages import _

GROUPINGS = ("chapter", "tag")


def tag_id(tag: str) -> str:
    """The anchor of a tag's group in a catalog grouped by tag."""
    return nodes.make_id(f"quiz-tag-{tag}")


class QuizIndexDirective(SphinxDirective):
    """A catalog of the book's quizzes, grouped by chapter or by tag.

    ``:tags:`` keeps only the quizzes with at least one of the given tags.
    """

    option_spec: ClassVar[dict[str, Any]] = {
        "tags": OPTIONS["tags"],
        "group-by": lambda value: directives.choice(value, GROUPINGS),
    }

    def run(self) -> list[nodes.Node]:
        group_by, tags = self.options.get("group-by", "chapter"), self.options.get("tags", [])
        node = qn.quizindex(tags=tags, group_by=group_by)
        self.set_source_info(node)
        _domain(self.env).note_index(self.env.docname, group_by, tags)
        return [node]


def _domain(env: BuildEnvironment) -> QuizDomain:
    return env.get_domain("quiz")  # type: ignore[return-value]


def reading_order(env: BuildEnvironment) -> list[str]:
    """Pages in the order a reader meets them: the toctree, depth first."""
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


def _chapters(env: BuildEnvironment) -> dict[str, str]:
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


def _number(env: BuildEnvironment, entry: QuizEntry) -> str:
    number = env.toc_fignumbers.get(entry["docname"], {}).get("quiz", {}).get(entry["id"])
    if not number:
        return ""
    return env.config.numfig_format["quiz"] % ".".join(map(str, number))


def quizzes_in_reading_order(env: BuildEnvironment, order: list[str] | None = None) -> Iterator[QuizEntry]:
    """Every quiz of the book, in the order a reader meets them.

    *order* is :func:`reading_order`'s result, when the caller has it already.
    """
    quizzes = _domain(env).quizzes
    for docname in order if order is not None else reading_order(env):
        yield from quizzes.get(docname, [])


def _page_title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


class _Catalog:
    """Fills each ``quizindex`` and links each tag of one page, as it is written."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.builder, self.env, self.docname = app.builder, app.env, docname

    def resolve(self, doctree: nodes.document) -> None:
        domain = _domain(self.env)
        # Most books have neither: then no page needs walking. The whole book,
        # not this page, is asked: a single-page or LaTeX build resolves
        # every page in one doctree under the root's name.
        if not domain.indexes and not any(entry["tags"] for page in domain.quizzes.values() for entry in page):
            return
        indexes, tags = list(doctree.findall(qn.quizindex)), list(doctree.findall(qn.quiz_tag))
        if not indexes and not tags:
            return
        # Walked once a page, not once a catalog or a tag.
        self.order = reading_order(self.env)
        self.anchors: set[str] = set()
        for index in indexes:
            index.replace_self(self._catalog(index))
        tag_pages: dict[str, str | None] = {}
        for tag in tags:
            if tag["tag"] not in tag_pages:
                tag_pages[tag["tag"]] = _tag_page(self.env, tag["tag"], self.order)
            page = tag_pages[tag["tag"]]
            if page is not None:
                tag.replace_self(make_refnode(self.builder, self.docname, page, tag_id(tag["tag"]), tag.deepcopy()))

    def _catalog(self, index: qn.quizindex) -> nodes.Element:
        wanted = set(index["tags"])
        entries = [e for e in quizzes_in_reading_order(self.env, self.order) if not wanted or wanted & set(e["tags"])]
        catalog = nodes.container(classes=["quizindex"])
        if not entries:
            catalog += nodes.paragraph("", _("No quizzes yet."))
            return catalog
        groups: dict[tuple[str, str], list[QuizEntry]] = {}
        if index["group_by"] == "tag":
            for entry in entries:
                for tag in entry["tags"] or [_("untagged")]:
                    groups.setdefault((tag, tag_id(tag)), []).append(entry)
            keys = sorted(groups)
        else:
            chapters = _chapters(self.env)
            for entry in entries:
                chapter = chapters.get(entry["docname"], entry["docname"])
                groups.setdefault((_page_title(self.env, chapter), ""), []).append(entry)
            keys = list(groups)
        for title, anchor in keys:
            # A second tag catalog on the page must not repeat the anchors.
            ids = [anchor] if anchor and anchor not in self.anchors else []
            self.anchors.update(ids)
            catalog += nodes.rubric("", title, ids=ids)
            catalog += nodes.bullet_list("", *(self._item(entry) for entry in groups[(title, anchor)]))
        return catalog

    def _item(self, entry: QuizEntry) -> qn.quizindex_item:
        number = _number(self.env, entry)
        label = [nodes.strong("", number), nodes.Text(" ")] if number else []
        link = make_refnode(
            self.builder,
            self.docname,
            entry["docname"],
            entry["id"],
            nodes.inline("", "", *label, nodes.Text(entry["title"])),
        )
        page = _page_title(self.env, entry["docname"])
        paragraph = nodes.paragraph("", "", link, nodes.Text(" \N{EM DASH} " + page))
        return qn.quizindex_item("", paragraph, key=f"{entry['docname']}#{entry['id']}")


def resolve_catalogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: runs in the main process, before any writer forks."""
    _Catalog(app, docname).resolve(doctree)


def _tag_page(env: BuildEnvironment, tag: str, order: list[str]) -> str | None:
    """The first page whose catalog, grouped by tag, has a group for *tag*."""
    indexes = _domain(env).indexes
    for docname in order:
        for index in indexes.get(docname, []):
            if index["group_by"] == "tag" and (not index["tags"] or tag in index["tags"]):
                return docname
    return None


def collect_refs(app: Sphinx, doctree: nodes.document) -> None:
    """Note which labels a page refers to, for :func:`dependent_pages`."""
    labels = {
        xref["reftarget"].lower()
        for xref in qn.collect(doctree, addnodes.pending_xref)
        if xref.get("refdomain") == "std" and xref.get("reftype") in {"ref", "numref"}
    }
    _domain(app.env).note_refs(app.env.docname, labels)


def _fingerprint(env: BuildEnvironment) -> dict[tuple[str, str], tuple[Any, ...]]:
    """What other pages may show of each quiz: where, what, which number."""
    return {
        (entry["docname"], entry["id"]): (entry["name"], entry["title"], tuple(entry["tags"]), _number(env, entry))
        for entry in _domain(env).entries()
    }


def _tag_pages(env: BuildEnvironment) -> list[tuple[str, tuple[str, ...]]]:
    return sorted(
        (doc, tuple(index["tags"]))
        for doc, indexes in _domain(env).indexes.items()
        for index in indexes
        if index["group_by"] == "tag"
    )


def remember_quizzes(app: Sphinx, env: BuildEnvironment, *args: Any) -> list[str]:
    """Before reading (``env-get-outdated``): fingerprint the book as it was."""
    _domain(env).before_read = (_fingerprint(env), _tag_pages(env))
    return []


def dependent_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading and numbering (``env-get-updated``): pages to rewrite."""
    now = _fingerprint(env)
    domain = _domain(env)
    before, tag_pages_before = domain.before_read
    changed = {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
    rewrite: set[str] = set()
    if changed:
        rewrite.update(domain.indexes)
        names = {(before.get(key) or now[key])[0] for key in changed} - {""}
        rewrite.update(doc for doc, labels in domain.refs.items() if names & set(labels))
    if _tag_pages(env) != tag_pages_before:
        rewrite.update(entry["docname"] for entry in domain.entries() if entry["tags"])
    return sorted(rewrite & set(env.all_docs))


def visit_item_html(self: Any, node: qn.quizindex_item) -> None:
    # The browser script reads the key to show the reader's progress.
    self.body.append(self.starttag(node, "li", CLASS="quizindex-item", **{"data-quiz-key": node["key"]}))


def depart_item_html(self: Any, node: qn.quizindex_item) -> None:
    self.body.append("</li>\n")


def register(app: Sphinx) -> None:
    app.add_node(qn.quizindex)
    app.add_node(qn.quizindex_item, html=(visit_item_html, depart_item_html))
    app.add_directive("quizindex", QuizIndexDirective)
    app.connect("doctree-resolved", resolve_catalogs)
    app.connect("doctree-read", collect_refs)
    app.connect("env-get-outdated", remember_quizzes)
    app.connect("env-get-updated", dependent_pages)
