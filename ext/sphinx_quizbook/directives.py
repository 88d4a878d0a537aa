"""The ``quiz`` directive and the ``answer``, ``explanation`` and ``readings``
directives it contains: the body is parsed, sorted into its parts and
assembled into the shape ``nodes.py`` describes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import patmatch
from sphinx.util.nodes import make_id

from . import nodes as qn
from .checks import note_part
from .compat import parse_inline
from .messages import _, __, warn
from .quiz_body import check_body
from .statements import SOURCE_MARKER, SourceLine, Statement, is_statement_list, make_statements, warn_repeats


def _tags(value: str | None) -> list[str]:
    tags = [tag.strip() for tag in (value or "").replace(",", " ").split()]
    if not tags:
        raise ValueError("no tags given")
    return tags


# A title of words, spaces and punctuation that no inline syntax uses (MyST's
# or reStructuredText's, with any MyST extension: no "--", "...", "(c)" or
# "example.org"): its inline parse is this same text, so it is not parsed.
_PLAIN_TITLE = re.compile(r"(?:[^\W_]|[ ,;:?!'\"]|-(?!-)|\.(?=\d|[^.\w]|$))*")

#: The options a quiz knows, with their converters.
OPTIONS: dict[str, Any] = {
    "name": directives.unchanged_required,
    "class": directives.class_option,
    "shuffle": directives.flag,
    "example": directives.flag,
    "tags": _tags,
}


_Container = TypeVar("_Container", bound=nodes.Element)


def attached(container: _Container, directive: SphinxDirective) -> _Container:
    """*container*, told its document before content is parsed into it.

    Every node added to a tree asks its root for the document; a detached
    root makes each of them walk up the whole tree and find nothing. Measured
    with Valgrind on a 12-page book of 36 quizzes: without it the build runs
    0.6 % more instructions (1 M a quiz, a sixth of a quiz's whole cost).
    Nothing breaks without it; it is only slower.
    """
    container.document = directive.state.document
    return container


class _AnyOption(dict):  # type: ignore[type-arg]
    """An option spec that lets every option through to ``run()``.

    docutils and MyST drop a whole directive over an unknown or malformed
    option; taking every option as text and checking it ourselves keeps the
    quiz on the page and gives a warning of type ``quiz`` that a user can
    silence (tests/test_warnings.py: "unknown-option", "bad-option-value").
    It must not be empty, or docutils reads no options at all.
    """

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


@dataclass
class _Parts:
    """A quiz's parsed body, sorted into the parts the quiz is made of."""

    prompt: list[nodes.Node] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    after: list[nodes.Node] = field(default_factory=list)
    answer: list[nodes.Node] = field(default_factory=list)
    answers: int = 0
    readings: qn.quiz_readings | None = None


def _sort(body: nodes.Element, marker_at: SourceLine) -> _Parts:
    """Sort a quiz's parsed body into prompt, statements, what follows them,
    answer and readings, warning about a second answer, readings or list."""
    parts = _Parts()
    for child in list(body.children):
        body.remove(child)
        if isinstance(child, qn.quiz_answer_body):
            parts.answers += 1
            if parts.answers == 2:
                warn(__("a quiz takes one answer; the contents are joined"), child, "answer")
            parts.answer.extend(child.children)
        elif isinstance(child, qn.quiz_readings):
            if parts.readings is None:
                parts.readings = child
            else:
                warn(__("a quiz takes one readings list; the lists are joined"), child, "readings")
                parts.readings.extend(child.children[1:])
        elif is_statement_list(child):
            if parts.statements:
                warn(__("a quiz takes one statement list; the lists are joined"), child, "statements")
            parts.statements.extend(make_statements(child, len(parts.statements) + 1, marker_at))
        elif parts.statements:
            parts.after.append(child)
        else:
            parts.prompt.append(child)
    warn_repeats(parts.statements)
    return parts


def _assemble(node: qn.quiz, title: qn.quiz_title, parts: _Parts) -> qn.quiz:
    """Put the parts together in the shape ``nodes.py`` describes."""
    question = qn.quiz_question("", title)
    if parts.prompt:
        question += qn.quiz_prompt("", *parts.prompt)
    if parts.statements:
        question += qn.quiz_hint("", _("Select all that apply."))
        question += qn.quiz_statements("", *(statement.node for statement in parts.statements))
    if parts.after:
        question += qn.quiz_prompt("", *parts.after, classes=["quiz-after"])
    node += question
    answer = qn.quiz_answer("", _located(qn.quiz_answer_title(_("Answer"), _("Answer")), node))
    if parts.statements:
        # An empty key would be an empty list, which LaTeX refuses.
        answer += _key(parts.statements)
    answer.extend(parts.answer)
    node += answer
    if parts.readings is not None:
        node += parts.readings
    if node["tags"]:
        node += _tag_line(node["tags"])
    return node


def _located(rubric: _Container, quiz: qn.quiz) -> _Container:
    """A rubric we make, with a source, a line and its text as rawsource.

    Sphinx's ApplySourceWorkaround logs every rubric that lacks them, and
    builds the log line (a DOM of the node, as XML) even when nobody reads
    it: about 0.4 ms a rubric, 1 % of a book's build.
    """
    rubric.source, rubric.line = quiz.source, quiz.line
    return rubric


def _key(statements: list[Statement]) -> qn.quiz_key:
    """One item per statement, holding its explanation.

    The verdict and the statement's text are added by ``FinishQuizzes``
    when the page is written (see ``finish.py``).
    """
    key = qn.quiz_key()
    for statement in statements:
        item = qn.quiz_key_item("", correct=statement.node["correct"], index=statement.node["index"])
        if statement.explanation is not None:
            item += statement.explanation
        key += item
    return key


class QuizDirective(SphinxDirective):
    """A "select every statement that is correct" question.

    The optional argument is the title. The content is the prompt, one list of
    statements marked ``[x]`` (correct) or ``[ ]`` (incorrect), and optional
    ``answer`` and ``readings`` directives.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _AnyOption(dict.fromkeys(OPTIONS, directives.unchanged))

    def run(self) -> list[nodes.Node]:
        if not self.content and not self.arguments:
            warn(__("empty quiz: give it a prompt and statements"), self.get_location(), "empty")
            return []
        node = self._quiz_node()
        body = attached(nodes.Element(), self)
        body.source, body.line = node.source, node.line
        self.state.nested_parse(self.content, self.content_offset, body)
        indented = check_body(self, body, node)
        parts = _sort(body, self._marker_lines().get)
        if not parts.statements and not indented:
            warn(__("quiz has no statements: add a list of '- [x]' / '- [ ]' items"), node, "statements")
        return [_assemble(node, self._title(isinstance(node, qn.quiz_example)), parts)]

    def _quiz_node(self) -> qn.quiz:
        options = self._checked_options()
        example = "example" in options or not is_question_page(self.env.docname, self.config)
        node = (qn.quiz_example if example else qn.quiz)(docname=self.env.docname)
        self.set_source_info(node)
        note_part(self.env, node)
        node["classes"] += ["quiz", *(["quiz-example"] if example else []), *options.get("class", [])]
        node["shuffle"] = "shuffle" in options
        node["tags"] = options.get("tags", [])
        self._set_ids(node, options.get("name"))
        return node

    def _marker_lines(self) -> dict[int, str]:
        """Statement *n*'s first source line, by *n*: the outermost list lines
        with a marker, in order (for markers MyST's tasklist drops)."""
        # The StringList's own list: iterating the StringList calls a method a line.
        lines = [line for line in self.content.data if SOURCE_MARKER.match(line)]
        indent = min((len(line) - len(line.lstrip()) for line in lines), default=0)
        outer = [line for line in lines if len(line) - len(line.lstrip()) == indent]
        return dict(enumerate(outer, 1))

    def _checked_options(self) -> dict[str, Any]:
        options = {}
        for key, value in self.options.items():
            if key not in OPTIONS:
                warn(__("unknown quiz option %r (known: %s)"), self.get_location(), "option", key, ", ".join(OPTIONS))
                continue
            try:
                # An empty value arrives as "", which the converters read as
                # given; None makes ":name:" with nothing after it an error.
                options[key] = OPTIONS[key](value or None)
            except (ValueError, TypeError) as error:
                warn(__("bad value for quiz option %r: %s"), self.get_location(), "option", key, error)
        return options

    def _set_ids(self, node: qn.quiz, name: str | None) -> None:
        name = nodes.fully_normalize_name(name) if name else None
        # "quiz-<name>" rather than docutils' choice, which falls back to
        # "id1" when a section (often the page's own title) has the name.
        node["ids"].append(make_id(self.env, self.state.document, "quiz", name))
        self.state.document.set_id(node)
        # The name becomes a label once every page is read (labels.py): which
        # quiz keeps a name used twice must not depend on the reading order.
        node["name"] = name or ""

    def _title(self, example: bool) -> qn.quiz_title:
        if not self.arguments:
            word = _("Example") if example else _("Question")
            title = qn.quiz_title(word, word, classes=["quiz-title-default"])
        elif _PLAIN_TITLE.fullmatch(self.arguments[0]):
            # Most titles: an inline parse would cost a tenth of the quiz's own time.
            title = qn.quiz_title(self.arguments[0], self.arguments[0])
        else:
            inline, messages = parse_inline(self, self.arguments[0], self.lineno)
            title = qn.quiz_title(self.arguments[0], "", *inline, *messages)
        self.set_source_info(title)
        return title


def is_question_page(docname: str, config: Config) -> bool:
    """Whether a page's quizzes are questions of the book (``quiz_question_pages``),
    rather than examples that illustrate a guide."""
    return any(patmatch(docname, pattern) for pattern in config.quiz_question_pages)


def _tag_line(tags: list[str]) -> qn.quiz_tags:
    line = qn.quiz_tags("", _("Tags:") + " ")
    for position, tag in enumerate(tags):
        if position:
            line += nodes.Text(", ")
        line += qn.quiz_tag("", tag, tag=tag)
    return line


class _PartDirective(SphinxDirective):
    """A part of a quiz: its content, parsed into a node the quiz takes in."""

    has_content = True
    part: ClassVar[type[nodes.Element]]

    def run(self) -> list[nodes.Node]:
        node = attached(self.part(), self)
        self.set_source_info(node)
        note_part(self.env, node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class ExplanationDirective(_PartDirective):
    """Why a statement is (in)correct: sits in the statement's list item and
    is shown in the answer, and after Check beside a chosen statement."""

    part = qn.quiz_explanation_body


class AnswerDirective(_PartDirective):
    """The answer to the quiz it sits in: any content, collapsed in HTML."""

    part = qn.quiz_answer_body


class ReadingsDirective(SphinxDirective):
    """A list of links for further reading: external URLs or ``{doc}``/``{ref}``."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        rubric = nodes.rubric(_("Readings"), _("Readings"))
        self.set_source_info(rubric)
        node = attached(qn.quiz_readings("", rubric), self)
        self.set_source_info(node)
        note_part(self.env, node)
        self.state.nested_parse(self.content, self.content_offset, node)
        for item in qn.reading_items(node):
            if not _has_link(item):
                warn(__("reading without a link: %r"), item, "readings", item.astext()[:60])
        return [node]


def _has_link(item: nodes.Element) -> bool:
    for ref in item.findall(nodes.reference):
        if ref.get("refuri") or ref.get("refid"):
            return True
    return any(True for _xref in item.findall(addnodes.pending_xref))
