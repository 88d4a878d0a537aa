"""The ``quiz`` domain: where the book's quizzes are recorded between builds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any, ClassVar, TypedDict

from sphinx.domains import Domain, ObjType

from . import nodes as qn


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


class QuizDomain(Domain):
    """Holds one :class:`QuizEntry` per quiz, by page, in source order.

    Everything here must pickle and merge: pages are read in parallel
    processes and their entries joined by :meth:`merge_domaindata`.
    """

    name = "quiz"
    label = "Quiz"
    object_types: ClassVar[dict[str, ObjType]] = {"quiz": ObjType("quiz", "ref")}
    #: Bump when QuizEntry changes shape, so old pickled environments are read anew.
    data_version: ClassVar[int] = 1
    initial_data: ClassVar[dict[str, Any]] = {"quizzes": {}}

    @property
    def quizzes(self) -> dict[str, list[QuizEntry]]:
        return self.data["quizzes"]

    def note_quiz(self, node: qn.quiz) -> None:
        """Record a quiz as its directive makes it."""
        statements = list(node.findall(qn.quiz_statement))
        title = node.next_node(qn.quiz_title)
        entry: QuizEntry = {
            "docname": node["docname"],
            "id": node["ids"][0],
            "name": node.get("name", ""),
            "title": title.astext() if title is not None else "",
            "line": node.line or 0,
            "tags": list(node["tags"]),
            "statements": len(statements),
            "correct": sum(1 for statement in statements if statement["correct"]),
        }
        self.quizzes.setdefault(node["docname"], []).append(entry)

    def entries(self) -> Iterator[QuizEntry]:
        """Every quiz, page by page in name order, in source order within a page."""
        for docname in sorted(self.quizzes):
            yield from self.quizzes[docname]

    def clear_doc(self, docname: str) -> None:
        self.quizzes.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["quizzes"]:
                self.quizzes[docname] = otherdata["quizzes"][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        # Quizzes are referenced through the standard domain's labels.
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Named quizzes, for intersphinx inventories and search."""
        for entry in self.entries():
            if entry["name"]:
                yield (entry["name"], entry["title"], "quiz", entry["docname"], entry["id"], 1)
