"""The ``quiz`` domain: where the book's quizzes are recorded between builds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypedDict

from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment

from . import nodes as qn


def quiz_domain(env: BuildEnvironment) -> QuizDomain:
    """The book's quiz domain (typed: Sphinx's lookup returns a plain Domain)."""
    return env.domains["quiz"]  # type: ignore[return-value]


class QuizEntry(TypedDict):
    """What the book knows of one quiz without reading its page again."""

    docname: str
    id: str
    name: str
    title: str
    line: int
    tags: list[str]
    statements: int
    correct: int
    example: bool


class IndexEntry(TypedDict):
    """A ``quizindex`` directive: how it groups, which tags it keeps."""

    group_by: str
    tags: list[str]


@dataclass
class BeforeRead:
    """The book's quizzes as they were before a build read anything, and its
    tag catalogs: what ``rebuild.dependent_pages`` compares against."""

    fingerprint: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    tag_catalogs: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


class QuizDomain(Domain):
    """Holds one :class:`QuizEntry` per quiz, by page, in source order.

    Everything here must pickle and merge: pages are read in parallel
    processes and their entries joined by :meth:`merge_domaindata`.
    """

    name = "quiz"
    label = "Quiz"
    object_types: ClassVar[dict[str, ObjType]] = {"quiz": ObjType("quiz", "ref")}
    #: Bump when QuizEntry changes shape, so old pickled environments are read anew.
    data_version: ClassVar[int] = 3
    initial_data: ClassVar[dict[str, Any]] = {
        "quizzes": {},  # docname -> [QuizEntry]
        "indexes": {},  # docname -> [IndexEntry, ...]: its quizindex directives
        "refs": {},  # docname -> [label, ...]: what its {ref}/{numref} point at
        "labels": {},  # name -> (docname, id): the labels labels.py gave quizzes
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Not data: these live for one build, in the main process.
        self.before_read = BeforeRead()
        #: Whether any page has a catalog or a tag to link: set once a build
        #: has read its pages (``catalog.note_book``), asked by every page written.
        self.has_catalog_work = True
        #: The tags of the book's questions (not of its examples), likewise.
        self.question_tags: set[str] = set()
        #: The pages in reading order, and the page each question tag links to
        #: (the first catalog grouped by tag that keeps it), likewise.
        self.order: list[str] = []
        self.tag_pages: dict[str, str] = {}

    #: The parts of ``data`` kept per page.
    TABLES = ("quizzes", "indexes", "refs")

    @property
    def quizzes(self) -> dict[str, list[QuizEntry]]:
        return self.data["quizzes"]

    def note_quiz(self, node: qn.quiz) -> None:
        """Record a quiz as its directive makes it."""
        (question,) = qn.parts(node, qn.quiz_question)
        title = question[0]  # the directive puts it first: see nodes.py
        statements = qn.parts(question, qn.quiz_statements, qn.quiz_statement)
        entry: QuizEntry = {
            "docname": node["docname"],
            "id": node["ids"][0],
            "name": node.get("name", ""),
            "title": title.astext(),
            "line": node.line or 0,
            "tags": list(node["tags"]),
            "statements": len(statements),
            "correct": sum(1 for statement in statements if statement["correct"]),
            "example": isinstance(node, qn.quiz_example),
        }
        self.quizzes.setdefault(node["docname"], []).append(entry)

    @property
    def indexes(self) -> dict[str, list[IndexEntry]]:
        return self.data["indexes"]

    @property
    def labels(self) -> dict[str, tuple[str, str]]:
        return self.data["labels"]

    @property
    def refs(self) -> dict[str, list[str]]:
        return self.data["refs"]

    def note_index(self, docname: str, group_by: str, tags: list[str]) -> None:
        """Record a ``quizindex`` so that its page is rewritten when quizzes change."""
        self.indexes.setdefault(docname, []).append({"group_by": group_by, "tags": list(tags)})

    def note_refs(self, docname: str, labels: set[str]) -> None:
        """Record the labels a page refers to, to rewrite it when those quizzes change."""
        if labels:
            self.refs[docname] = sorted(labels)

    def questions(self, docname: str) -> list[QuizEntry]:
        """A page's quizzes that are questions of the book, not examples."""
        return [entry for entry in self.quizzes.get(docname, []) if not entry["example"]]

    def entries(self) -> Iterator[QuizEntry]:
        """Every quiz, page by page in name order, in source order within a page."""
        for docname in sorted(self.quizzes):
            yield from self.quizzes[docname]

    def clear_doc(self, docname: str) -> None:
        for key in self.TABLES:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.TABLES:
            table = otherdata[key]
            for docname in docnames & table.keys():
                self.data[key][docname] = table[docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        # Quizzes are referenced through the standard domain's labels.
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Named quizzes, for intersphinx inventories and search."""
        for entry in self.entries():
            if entry["name"]:
                yield (entry["name"], entry["title"], "quiz", entry["docname"], entry["id"], 1)
