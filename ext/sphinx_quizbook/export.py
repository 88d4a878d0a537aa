"""Export of the book's quizzes: ``-b quizjson`` and ``-b gift``.

Both builders read every page that has a quiz, resolve its references the
way an HTML build would (so a ``{doc}`` reading becomes the page's URL), and
turn each ``quiz`` node into a record: plain text plus the facts a program
needs. ``quizjson`` writes the records as they are, ``gift`` as Moodle
questions. Neither writes per-page output, so neither needs visitors for the
quiz nodes, and both rewrite their whole file on every build.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.locale import _ as sphinx_

from . import __version__, gift
from . import nodes as qn
from .compat import add_config_value, resolved_doctree
from .domain import quiz_domain
from .messages import __, logger, warn

SCHEMA_FILE = Path(__file__).parent / "schema" / "quiz-export.schema.json"
#: The ``schema`` value of a quizzes.json; the format is versioned by ``version``.
SCHEMA_ID = "sphinx-quizbook/quiz-export"
#: Bumped when a field is removed or changes meaning; new fields keep it.
SCHEMA_VERSION = 1
#: The tags ``only`` directives are decided with in an export, besides its own.
WEB_TAGS = ("html", "format_html")


def _table_text(table: nodes.table) -> str:
    """A table as lines of cells: ``a | b``, one line a row."""
    rows = []
    for row in table.findall(nodes.row):
        rows.append(" | ".join(" ".join(entry.astext().split()) for entry in row.children))
    return "\n".join(rows)


def block_text(block: nodes.Node) -> str:
    """A block's plain text: code and math as written, a table row by row,
    an image by its alternative text."""
    if isinstance(block, nodes.table):
        return _table_text(block)
    if isinstance(block, nodes.image):
        # Sphinx's own words, as its text builder prints an image.
        return sphinx_("[image: %s]") % block["alt"] if block.get("alt") else sphinx_("[image]")
    if isinstance(block, nodes.Element):
        tables_or_images = [child for child in block.children if isinstance(child, nodes.table | nodes.image)]
        if tables_or_images and len(tables_or_images) == len(block.children):
            return "\n\n".join(filter(None, map(block_text, tables_or_images)))
    if isinstance(block, nodes.literal_block | nodes.doctest_block):
        return block.astext().strip("\n")  # leading spaces are part of the code
    return block.astext().strip()


def _text(parts: list[nodes.Node]) -> str:
    """Plain text of block nodes, paragraphs apart by a blank line."""
    return "\n\n".join(text for part in parts if (text := block_text(part)))


#: A block's kind, by the node it is or holds (a figure holds an image,
#: a captioned code block a literal block), in the order they are tried.
_KINDS: tuple[tuple[str, type[nodes.Element] | tuple[type[nodes.Element], ...]], ...] = (
    ("code", nodes.literal_block),
    ("math", nodes.math_block),
    ("table", nodes.table),
    ("image", (nodes.image, nodes.figure)),
)


def _kind(block: nodes.Node) -> str:
    """What a statement's block is, for a program that shows it."""
    if isinstance(block, nodes.paragraph):
        return "paragraph"
    for kind, classes in _KINDS:
        if isinstance(block, classes) or (isinstance(block, nodes.Element) and block.next_node(classes)):
            return kind
    return "other"


def _statement_words(statement: qn.quiz_statement) -> str:
    return "".join(child.astext() for child in qn.statement_words(statement[0])).strip()


def _statement_body(statement: qn.quiz_statement) -> list[nodes.Node]:
    return [block for body in qn.parts(statement, qn.quiz_statement_body) for block in body.children]


def _block(block: nodes.Node, text: str) -> dict[str, str]:
    found = {"kind": _kind(block), "text": text}
    if isinstance(block, nodes.Element):
        image = block if isinstance(block, nodes.image) else block.next_node(nodes.image)
        if found["kind"] == "image" and image is not None:
            found["text"] = image.get("alt") or image["uri"]
        code = block if isinstance(block, nodes.literal_block) else block.next_node(nodes.literal_block)
        if found["kind"] == "code" and code is not None and code.get("language"):
            found["language"] = code["language"]
    return found


def statement_text(statement: qn.quiz_statement) -> str:
    """All a statement says, as plain text: its words, then its blocks."""
    texts = [_statement_words(statement), *map(block_text, _statement_body(statement))]
    return "\n\n".join(filter(None, texts))


def statement_blocks(statement: qn.quiz_statement) -> list[dict[str, str]]:
    """A statement's text and the blocks after it, each with its kind."""
    words = _statement_words(statement)
    blocks = [{"kind": "paragraph", "text": words}] if words else []
    for block in _statement_body(statement):
        text = block_text(block)
        if text:
            blocks.append(_block(block, text))
    return blocks


class QuizExportBuilder(Builder):
    """Base of the export builders: collects one record per quiz."""

    allow_parallel = False  # all quizzes go to one file, written once

    def init(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.locations: list[nodes.Element] = []
        # An export holds the quizzes a reader of the web book sees: an
        # ``only`` directive is decided as for the html builder (see
        # docs/guide/print-and-offline.md, "Writing for every format").
        for tag in WEB_TAGS:
            self.tags.add(tag)

    def get_outdated_docs(self) -> str:
        return __("all quizzes")

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The page's address in the HTML book, from its root or ``html_baseurl``."""
        suffix = self.config.html_link_suffix
        if suffix is None:
            suffix = self.config.html_file_suffix or ".html"
        uri = quote(docname) + suffix
        return self._absolute(uri)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        # Records are read out of any page's context: no "../" paths.
        return self.get_target_uri(to, typ)

    def _absolute(self, uri: str) -> str:
        base = self.config.html_baseurl
        if not base or urlsplit(uri).scheme:
            return uri
        return urljoin(base.rstrip("/") + "/", uri)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    # Nothing is written page by page: ``finish`` reads every page with a
    # quiz, whatever changed. Sphinx 8.1+ calls write_documents, which skips
    # the pages; 7.3-8.0 call write_doc for each, which does nothing.
    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    out_file: str

    def text(self) -> str:
        """The file's content, from ``self.records``."""
        raise NotImplementedError

    def finish(self) -> None:
        """Every quiz's record, then the one file that holds them all."""
        self.collect()
        text = self.text()
        self.outdir.mkdir(parents=True, exist_ok=True)
        (self.outdir / self.out_file).write_text(text, encoding="utf-8")

    def collect(self) -> None:
        """The record of every quiz, page by page in name order."""
        self.records, self.locations = [], []
        for docname in sorted(quiz_domain(self.env).quizzes):
            if docname not in self.env.found_docs:
                continue
            doctree = resolved_doctree(self, docname)
            found = set()
            # An example illustrates a guide: it is no question to take elsewhere.
            for node in doctree.findall(qn.quiz):
                if isinstance(node, qn.quiz_example):
                    continue
                self.records.append(self.record(node, docname))
                self.locations.append(node)
                found.update(node["ids"])
            self._tell_left_out(docname, found)

    def _tell_left_out(self, docname: str, exported: set[str]) -> None:
        """Say which quizzes of a page an ``only`` directive kept out."""
        for entry in quiz_domain(self.env).questions(docname):
            if entry["id"] not in exported:
                logger.info(
                    __("quiz %r left out of the export: it is inside an 'only' block that the HTML book leaves out"),
                    entry["name"] or entry["title"] or entry["id"],
                    location=(docname, entry["line"]),
                )

    def record(self, node: qn.quiz, docname: str) -> dict[str, Any]:
        """One quiz as a record of the JSON schema."""
        page_uri = self.get_target_uri(docname)
        question = qn.parts(node, qn.quiz_question)[0]
        title = next(iter(qn.parts(question, qn.quiz_title)), None)
        explanations: dict[int, str] = {}
        answer_parts: list[nodes.Node] = []
        for answer in qn.parts(node, qn.quiz_answer):
            for part in answer.children:
                if isinstance(part, qn.quiz_key):
                    for item in qn.parts(part, qn.quiz_key_item):
                        explanations[item["index"]] = _text(qn.parts(item, qn.quiz_explanation))
                elif not isinstance(part, qn.quiz_answer_title):
                    answer_parts.append(part)
        statements = []
        for statement in qn.parts(question, qn.quiz_statements, qn.quiz_statement):
            statements.append(
                {
                    "index": statement["index"],
                    "text": statement_text(statement),
                    "blocks": statement_blocks(statement),
                    "correct": bool(statement["correct"]),
                    "explanation": explanations.get(statement["index"], ""),
                }
            )
        return {
            "id": node["ids"][0],
            "name": node.get("name", ""),
            "title": "" if title is None or qn.is_default_title(title) else title.astext(),
            "page": docname,
            "url": f"{page_uri}#{node['ids'][0]}",
            "prompt": _text(qn.parts(question, qn.quiz_prompt)),
            "statements": statements,
            "answer": _text(answer_parts),
            "readings": list(self._readings(node, page_uri)),
            "tags": list(node.get("tags", [])),
            "shuffle": bool(node.get("shuffle")),
        }

    def _readings(self, node: qn.quiz, page_uri: str) -> Iterator[dict[str, Any]]:
        for readings in qn.parts(node, qn.quiz_readings):
            for item in qn.reading_items(readings):
                links = []
                for ref in item.findall(nodes.reference):
                    if ref.get("refuri"):
                        url = self._absolute(ref["refuri"])
                    elif ref.get("refid"):
                        url = f"{page_uri}#{ref['refid']}"
                    else:
                        continue
                    links.append({"text": ref.astext(), "url": url})
                yield {"text": " ".join(item.astext().split()), "links": links}

    def document(self) -> dict[str, Any]:
        """The whole export, as the schema describes it."""
        return {
            "schema": SCHEMA_ID,
            "version": SCHEMA_VERSION,
            "generator": {"name": "sphinx-quizbook", "version": __version__},
            "project": self.config.project,
            "language": self.config.language or "",
            "quizzes": self.records,
        }


class QuizJSONBuilder(QuizExportBuilder):
    """Every quiz of the book in ``quizzes.json``, with its JSON Schema beside it."""

    name = "quizjson"
    format = "quizjson"
    epilog = __("The quizzes are in %(outdir)s/quizzes.json.")
    out_file = "quizzes.json"

    def text(self) -> str:
        return json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n"

    def finish(self) -> None:
        super().finish()
        shutil.copyfile(SCHEMA_FILE, self.outdir / SCHEMA_FILE.name)


class GiftBuilder(QuizExportBuilder):
    """Every quiz of the book as a Moodle question in ``quizzes.gift``."""

    name = "gift"
    format = "gift"
    epilog = __("The Moodle questions are in %(outdir)s/quizzes.gift.")
    out_file = "quizzes.gift"

    def text(self) -> str:
        questions = []
        for record, node in zip(self.records, self.locations, strict=True):
            problems: list[str] = []
            try:
                questions.append(gift.question(record, problems))
            except gift.GiftError as error:
                warn(__("quiz left out of the GIFT file: %s"), node, "export", error)
                continue
            for problem in problems:
                warn(__("GIFT file: %s"), node, "export", problem)
            correct = sum(1 for statement in record["statements"] if statement["correct"])
            unlisted = gift.unlisted_weights(correct, len(record["statements"]) - correct)
            if unlisted:
                values = ", ".join(f"{value:g}%" for value in unlisted)
                warn(__("weights %s are not Moodle grades; import with 'nearest grade'"), node, "export", values)
        header = f"{self.config.project}: sphinx-quizbook {__version__}"
        return gift.document(questions, header, self.config.quiz_gift_category)


def register(app: Sphinx) -> None:
    """Builders and hooks of the export formats."""
    app.add_builder(QuizJSONBuilder)
    app.add_builder(GiftBuilder)
    # "$course$/Book/Chapter": Moodle creates the category and imports into it.
    add_config_value(
        app, "quiz_gift_category", "", "", frozenset({str}), "The Moodle question category of the GIFT export."
    )
