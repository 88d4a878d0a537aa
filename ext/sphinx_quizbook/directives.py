"""The ``quiz`` directive and the ``answer`` and ``readings`` it contains."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from . import nodes as qn
from .checks import note_part
from .messages import _, __, warn
from .statements import looks_like_statement, make_statements


def _tags(value: str | None) -> list[str]:
    tags = [tag.strip() for tag in (value or "").replace(",", " ").split()]
    if not tags:
        raise ValueError("no tags given")
    return tags


#: The options a quiz knows, with their converters.
OPTIONS: dict[str, Any] = {
    "name": directives.unchanged_required,
    "class": directives.class_option,
    "shuffle": directives.flag,
    "tags": _tags,
}


_Container = TypeVar("_Container", bound=nodes.Element)


def attached(container: _Container, directive: SphinxDirective) -> _Container:
    """*container*, told its document before content is parsed into it.

    Every node added to a tree asks its root for the document; a detached
    root makes each of them walk up the whole tree and find nothing.
    """
    container.document = directive.state.document
    return container


class _AnyOption(dict):  # type: ignore[type-arg]
    """An option spec that lets every option through to ``run()``.

    docutils and MyST drop a whole directive over an unknown or malformed
    option; taking every option as text and checking it ourselves keeps the
    quiz on the page and gives a warning of type ``quiz`` that a user can
    silence. It must not be empty, or docutils reads no options at all.
    """

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


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
        node = qn.quiz(docname=self.env.docname)
        self.set_source_info(node)
        note_part(self.env, node)
        options = self._checked_options()
        node["classes"] += ["quiz", *options.get("class", [])]
        node["shuffle"] = "shuffle" in options
        node["tags"] = options.get("tags", [])
        self._set_ids(node, options.get("name"))

        body = attached(nodes.Element(), self)
        body.source, body.line = node.source, node.line
        self.state.nested_parse(self.content, self.content_offset, body)
        for inner in body.findall(qn.quiz):
            warn(__("a quiz inside a quiz; close the first one before the next"), inner, "nested")

        question = qn.quiz_question("", self._title())
        answer = qn.quiz_answer("", qn.quiz_answer_title("", _("Answer")))
        readings: qn.quiz_readings | None = None
        prompt, after = qn.quiz_prompt(), qn.quiz_prompt(classes=["quiz-after"])
        pairs: list[tuple[qn.quiz_statement, qn.quiz_explanation | None]] = []
        statements = qn.quiz_statements()
        answer_text: list[nodes.Node] = []
        answers_seen = 0

        for child in list(body.children):
            body.remove(child)
            if isinstance(child, qn.quiz_answer_body):
                answers_seen += 1
                if answers_seen == 2:
                    warn(__("a quiz takes one answer; the contents are joined"), child, "answer")
                answer_text.extend(child.children)
            elif isinstance(child, qn.quiz_readings):
                if readings is None:
                    readings = child
                else:
                    warn(__("a quiz takes one readings list; the lists are joined"), child, "readings")
                    readings.extend(child.children[1:])
            elif isinstance(child, nodes.bullet_list) and any(map(looks_like_statement, child.children)):
                if pairs:
                    warn(__("a quiz takes one statement list; the lists are joined"), child, "statements")
                pairs.extend(make_statements(child, len(pairs) + 1))
            elif pairs:
                after += child
            else:
                prompt += child

        if not pairs:
            warn(__("quiz has no statements: add a list of '- [x]' / '- [ ]' items"), node, "statements")
        if prompt.children:
            question += prompt
        if pairs:
            question += qn.quiz_hint("", _("Select all that apply."))
            question += statements
        if after.children:
            question += after
        statements.extend(statement for statement, _explanation in pairs)
        answer += self._key(pairs)
        answer.extend(answer_text)
        node += question
        node += answer
        if readings is not None:
            node += readings
        if node["tags"]:
            node += _tag_line(node["tags"])
        return [node]

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

    def _title(self) -> qn.quiz_title:
        if not self.arguments:
            return qn.quiz_title("", _("Question"), classes=["quiz-title-default"])
        inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        title = qn.quiz_title(self.arguments[0], "", *inline, *messages)
        self.set_source_info(title)
        return title

    @staticmethod
    def _key(pairs: list[tuple[qn.quiz_statement, qn.quiz_explanation | None]]) -> qn.quiz_key:
        """One item per statement, holding its explanation.

        The verdict and the statement's text are added by ``FinishQuizzes``
        when the page is written (see ``finish.py``).
        """
        key = qn.quiz_key()
        for statement, explanation in pairs:
            item = qn.quiz_key_item("", correct=statement["correct"], index=statement["index"])
            if explanation is not None:
                item += explanation
            key += item
        return key


def _tag_line(tags: list[str]) -> qn.quiz_tags:
    line = qn.quiz_tags("", _("Tags:") + " ")
    for position, tag in enumerate(tags):
        if position:
            line += nodes.Text(", ")
        line += qn.quiz_tag("", tag, tag=tag)
    return line


class AnswerDirective(SphinxDirective):
    """The answer to the quiz it sits in: any content, collapsed in HTML."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = attached(qn.quiz_answer_body(), self)
        self.set_source_info(node)
        note_part(self.env, node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class ReadingsDirective(SphinxDirective):
    """A list of links for further reading: external URLs or ``{doc}``/``{ref}``."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = attached(qn.quiz_readings("", nodes.rubric("", _("Readings"))), self)
        self.set_source_info(node)
        note_part(self.env, node)
        self.state.nested_parse(self.content, self.content_offset, node)
        for item in node.findall(nodes.list_item):
            if item.parent.parent is node and not _has_link(item):
                warn(__("reading without a link: %r"), item, "readings", item.astext()[:60])
        return [node]


def _has_link(item: nodes.Element) -> bool:
    for ref in item.findall(nodes.reference):
        if ref.get("refuri") or ref.get("refid"):
            return True
    return any(True for _xref in item.findall(addnodes.pending_xref))
