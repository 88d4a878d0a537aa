"""The ``quizindex`` catalog of the book's quizzes, and the links from a
quiz's tags to their group in a catalog.

Both are filled in when a page is written, from the domain, so they show
every page's quizzes; ``rebuild.py`` makes sure such pages are written again
when those quizzes change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import nodes as qn
from .directives import OPTIONS
from .domain import QuizDomain, QuizEntry, quiz_domain
from .messages import _
from .numbering import printed_number, sphinx_number
from .reading_order import chapters, page_title, quizzes_in_reading_order, reading_order

GROUPINGS = ("chapter", "tag")
#: On the web, a catalog's groups go in parts (plain ``<div>``) of about this
#: many entries. A progress mark added to an entry lays out its part again
#: and steps over the other parts, instead of over each of the book's groups
#: (bench/catalog_layout.py, 3,000 entries: 4 ms instead of 12 for one mark).
PART = 100


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
        quiz_domain(self.env).note_index(self.env.docname, group_by, tags)
        return [node]


class _Catalog:
    """Fills each ``quizindex`` and links each tag of one page, as it is written."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.builder, self.env, self.docname = app.builder, app.env, docname

    def resolve(self, doctree: nodes.document) -> None:
        # Most books have neither: then no page needs walking. Nor does a page
        # of a page-by-page build that the domain says has neither.
        domain = quiz_domain(self.env)
        if not domain.has_catalog_work or not self._may_have_work(domain):
            return
        found = qn.collect(doctree, (qn.quizindex, qn.quiz_tag))
        indexes = [node for node in found if isinstance(node, qn.quizindex)]
        tags = [node for node in found if isinstance(node, qn.quiz_tag)]
        self.anchors: set[str] = set()
        for index in indexes:
            index.replace_self(self._catalog(index, domain.order))
        for tag in tags:
            # Found once a build (note_book), not once a page.
            page = domain.tag_pages.get(tag["tag"])
            if page is not None:
                tag.replace_self(make_refnode(self.builder, self.docname, page, tag_id(tag["tag"]), tag.deepcopy()))

    def _may_have_work(self, domain: QuizDomain) -> bool:
        """Whether the page being written may hold a catalog or a tag. A
        single-page or LaTeX build writes every page into the root's doctree,
        so only for a page-by-page build does the domain's page record tell."""
        if self.builder.name == "singlehtml" or self.builder.format != "html":
            return True
        docname = self.docname
        return docname in domain.indexes or any(entry["tags"] for entry in domain.quizzes.get(docname, []))

    def _catalog(self, index: qn.quizindex, order: list[str]) -> nodes.Element:
        wanted = set(index["tags"])
        entries = [
            entry
            for entry in quizzes_in_reading_order(self.env, order)
            if not entry["example"] and (not wanted or wanted & set(entry["tags"]))
        ]
        catalog = nodes.container(classes=["quizindex"])
        if not entries:
            catalog += nodes.paragraph("", _("No quizzes yet."))
            return catalog
        # Group titles are headings one level below the section the catalog is in.
        level = min(sum(isinstance(parent, nodes.section) for parent in qn.ancestors(index)) + 1, 6)
        web = self.builder.format == "html"
        part, in_part = catalog, PART
        for (title, anchor), group in self._groups(entries, index["group_by"]).items():
            if web and in_part >= PART:
                part, in_part = nodes.container(classes=["quizindex-part"]), 0
                catalog += part
            in_part += len(group)
            # A second tag catalog on the page must not repeat the anchors.
            ids = [anchor] if anchor and anchor not in self.anchors else []
            self.anchors.update(ids)
            part += qn.quizindex_group("", title, ids=ids, level=level)
            part += nodes.bullet_list("", *(self._item(entry, title) for entry in group))
        return catalog

    def _groups(self, entries: list[QuizEntry], group_by: str) -> dict[tuple[str, str], list[QuizEntry]]:
        """Entries by (group title, anchor): tags in name order, or chapters in reading order."""
        groups: dict[tuple[str, str], list[QuizEntry]] = {}
        if group_by == "tag":
            for entry in entries:
                for tag in entry["tags"] or [_("untagged")]:
                    groups.setdefault((tag, tag_id(tag)), []).append(entry)
            return dict(sorted(groups.items()))
        chapter_of = chapters(self.env)
        for entry in entries:
            chapter = chapter_of.get(entry["docname"], entry["docname"])
            groups.setdefault((page_title(self.env, chapter), ""), []).append(entry)
        return groups

    def _item(self, entry: QuizEntry, group: str) -> qn.quizindex_item:
        number = sphinx_number(self.env, entry["docname"], entry["id"])
        number = printed_number(self.env.config, number) if number else ""
        label = [nodes.strong("", number), nodes.Text(" ")] if number else []
        link = make_refnode(
            self.builder,
            self.docname,
            entry["docname"],
            entry["id"],
            # The link's own children: a wrapping <span> in each of 3,000
            # entries is 39 KB of a big catalog's HTML, for nothing.
            [*label, nodes.Text(entry["title"])],
        )
        paragraph = qn.quizindex_entry("", "", link)
        page = page_title(self.env, entry["docname"])
        # The page's title only where the group heading or the quiz's own title doesn't say it.
        if page not in (group, entry["title"]):
            paragraph += nodes.Text(" \N{EM DASH} " + page)
        return qn.quizindex_item("", paragraph, key=f"{entry['docname']}#{entry['id']}")


def resolve_catalogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: runs in the main process, before any writer forks."""
    _Catalog(app, docname).resolve(doctree)


def _tag_pages(domain: QuizDomain, order: list[str]) -> dict[str, str]:
    """Each question tag's page: the first in reading order whose catalog,
    grouped by tag, keeps that tag. A tag only examples carry has none, since
    catalogs list questions."""
    pages: dict[str, str] = {}
    for docname in order:
        for index in domain.indexes.get(docname, []):
            if index["group_by"] == "tag":
                for tag in domain.question_tags.intersection(index["tags"] or domain.question_tags):
                    pages.setdefault(tag, docname)
    return pages


def note_book(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, once every build has read its pages (none, too): the
    facts about the whole book that each page written asks for, found once
    here rather than once a page. Whether any page has a catalog or a tagged
    quiz (the whole book is asked, not the page, since a single-page or LaTeX
    build resolves every page in one doctree under the root's name); the
    reading order; the page each tag links to.

    They live on the domain object, not in its pickled ``data``: set in the
    main process after parallel reads were merged, and pages are resolved
    there too, before any writer forks."""
    domain = quiz_domain(env)
    domain.question_tags = {tag for entry in domain.entries() if not entry["example"] for tag in entry["tags"]}
    domain.has_catalog_work = bool(domain.indexes) or any(entry["tags"] for entry in domain.entries())
    domain.order = reading_order(env) if domain.has_catalog_work else []
    domain.tag_pages = _tag_pages(domain, domain.order)


def register(app: Sphinx) -> None:
    app.add_directive("quizindex", QuizIndexDirective)
    app.connect("env-updated", note_book)
    app.connect("doctree-resolved", resolve_catalogs)
