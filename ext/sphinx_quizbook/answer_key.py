"""Where the answers go outside a web page: an answer key.

On paper or an e-reader there is nothing to collapse, so an answer printed
right under its question gives it away. :class:`AnswerKey` moves each quiz's
answer (its verdicts, the answer text and the readings) to a key at the end
of the chapter or of the book, as the ``quiz_answers`` setting says, and links
the question and its key entry both ways.

It is a post-transform: it runs on the doctree a builder is about to write,
which for LaTeX, texinfo and man is the whole book inlined into one tree, and
for text or EPUB one page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import nodes as qn
from .compat import add_config_value, builder_name_and_format, id_taken, reserve_id
from .finish import plain_copy
from .messages import _, __, logger
from .numbering import printed_number, sphinx_number

#: The places an answer can go.
MODES = ("inline", "chapter", "book")

#: Where answers go when ``quiz_answers`` is not set, by builder name.
DEFAULT_MODES: dict[str, str] = {
    "latex": "book",
    "texinfo": "book",
    "man": "book",
    "text": "chapter",
    "epub": "chapter",
}

#: Web pages keep the collapsed answer under the question unless the
#: ``quiz_answers`` dictionary names them: a plain string is about print.
WEB_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})

#: Builders that write the whole book as one tree, where a "book" key can sit.
ONE_TREE_FORMATS = frozenset({"latex", "texinfo", "man"})

#: The docname of the LaTeX appendix that holds the book's key. It is no
#: page of the book; it only has to differ from every page's name.
KEY_DOCNAME = "_quiz-answer-key"


def _check_config(app: Sphinx, config: Config) -> None:
    """Warn once about a ``quiz_answers`` value we cannot use."""
    value = config.quiz_answers
    values = value.values() if isinstance(value, Mapping) else [value]
    for mode in values:
        if mode is not None and mode not in MODES:
            logger.warning(
                __("quiz_answers: unknown place %r (use one of %s); using the default"),
                mode,
                ", ".join(MODES),
                type="quiz",
                subtype="option",
            )


def answer_mode(value: Any, builder_name: str) -> str:
    """Where a builder puts answers, given the ``quiz_answers`` setting."""
    if isinstance(value, Mapping):
        mode = value.get(builder_name)
    elif builder_name in WEB_BUILDERS:
        mode = None
    else:
        mode = value
    if mode not in MODES:
        mode = DEFAULT_MODES.get(builder_name, "inline")
    return mode


def _outermost(node: nodes.Node, cls: type[nodes.Element]) -> nodes.Element | None:
    found = None
    parent = node.parent
    while parent is not None:
        if isinstance(parent, cls):
            found = parent
        parent = parent.parent
    return found


def _chapter(quiz: qn.quiz) -> nodes.Element | None:
    """The section a quiz's chapter key goes at the end of.

    A chapter is a page: in a one-tree build (LaTeX, texinfo, man) the page
    the root's toctree includes, whose title LaTeX sets as a chapter; in a
    per-page build, the page itself.
    """
    page = _outermost(quiz, addnodes.start_of_file)
    node: nodes.Node = quiz
    chapter = None
    while node.parent is not None and node is not page:
        node = node.parent
        if isinstance(node, nodes.section):
            chapter = node
    return chapter


def _first_section(document: nodes.document) -> nodes.Element:
    """The root page's title section, which LaTeX prints as the book title."""
    for child in document.children:
        if isinstance(child, nodes.section):
            return child
    return document


class AnswerKey(SphinxPostTransform):
    """Move answers to a chapter or book key; link questions and entries."""

    # After references are resolved (10), before LaTeX turns URLs and
    # footnotes into footnotes (400-600), so what moves is handled there.
    default_priority = 200
    # The formats that show answers to readers; an export (quizjson, gift)
    # reads the quizzes as the directive made them.
    formats = ("html", "latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        self.builder_name, self.format = builder_name_and_format(self)
        self.latex = self.format == "latex"
        self.web = self.format == "html"
        mode = answer_mode(self.config.quiz_answers, self.builder_name)
        if mode == "inline" and self.web:
            return  # the answers stay where they are, collapsed
        quizzes = [quiz for quiz in self.document.findall(qn.quiz) if quiz.get("ids")]
        if not quizzes:
            return
        if not self.web:
            for quiz in quizzes:
                self._show_urls(quiz)
        if mode == "book" and self.format not in ONE_TREE_FORMATS:
            # A page-by-page output has no single end; each page gets its key.
            mode = "chapter"
        # An example keeps its answer under it: it is no question of the book.
        keyed = [quiz for quiz in quizzes if not isinstance(quiz, qn.quiz_example)]
        numbers = dict(self._numbers(keyed))
        if mode == "chapter":
            self._chapter_keys(keyed, numbers)
        elif mode == "book":
            self._book_key(keyed, numbers)
        if not self.web and not self.latex:
            # After the key copied the titles, which carry their number there.
            for quiz in keyed:
                self._number_title(quiz, numbers[id(quiz)])

    # -- numbers -------------------------------------------------------------

    def _numbers(self, quizzes: list[qn.quiz]) -> Iterator[tuple[int, str]]:
        """Each quiz's number as a reader sees it ("Question 1.2").

        Numbers come from Sphinx's figure numbering when ``numfig`` is on, so
        a key entry and a ``{numref}`` agree; otherwise quizzes are counted in
        the order this output shows them.
        """
        for count, quiz in enumerate(quizzes, 1):
            number = sphinx_number(self.env, quiz["docname"], quiz["ids"][0]) or str(count)
            yield id(quiz), printed_number(self.config, number)

    def _number_title(self, quiz: qn.quiz, number: str) -> None:
        # Plain text has no box around a quiz; its number heads the title.
        title = quiz.next_node(qn.quiz_title)
        if title is None:
            return
        if qn.is_default_title(title):
            title.children = []
            title += nodes.Text(number)
        else:
            title.insert(0, nodes.Text(f"{number}: "))

    # -- readings ------------------------------------------------------------

    def _show_urls(self, quiz: qn.quiz) -> None:
        """Print each reading's URL after its link text: paper has no links."""
        if self.format in ("texinfo", "man"):
            return  # these print the URL of every link themselves
        for readings in quiz.findall(qn.quiz_readings):
            for ref in list(readings.findall(nodes.reference)):
                uri = ref.get("refuri", "")
                if "://" not in uri or ref.astext() == uri:
                    continue
                shown = nodes.reference(uri, uri, refuri=uri, classes=["quiz-reading-url"])
                ref.parent.insert(ref.parent.index(ref) + 1, [nodes.Text(" ("), shown, nodes.Text(")")])

    # -- moving answers ------------------------------------------------------

    def _entry(self, quiz: qn.quiz, number: str, mode: str) -> qn.quiz_key_entry | None:
        """Take a quiz's answer and readings out into a key entry."""
        answer = next((child for child in quiz.children if isinstance(child, qn.quiz_answer)), None)
        if answer is None:
            return None
        readings = [child for child in quiz.children if isinstance(child, qn.quiz_readings)]
        if not readings and all(isinstance(child, qn.quiz_answer_title) for child in answer.children):
            # No statements, no answer text, no readings: an entry would be a
            # bare title, and the link under the question would lead to it.
            quiz.remove(answer)
            return None
        docname, quiz_id = quiz["docname"], quiz["ids"][0]
        entry_id = self._unique_id(f"{quiz_id}-answer")
        entry = qn.quiz_key_entry("", ids=[entry_id], docname=docname, quiz_id=quiz_id, classes=["quiz-key-entry"])
        entry += self._entry_title(quiz, number)
        entry.extend(child for child in answer.children if not isinstance(child, qn.quiz_answer_title))
        for node in readings:
            quiz.remove(node)
            entry += node
        answer.parent.remove(answer)
        question = next((child for child in quiz.children if isinstance(child, qn.quiz_question)), quiz)
        question += self._answer_link(docname, entry_id, mode)
        return entry

    def _unique_id(self, wanted: str) -> str:
        candidate, count = wanted, 1
        while id_taken(self.document, candidate):
            count += 1
            candidate = f"{wanted}-{count}"
        reserve_id(self.document, candidate, self.document)
        return candidate

    def _link(self, refid: str, *children: nodes.Node) -> nodes.Node:
        """A link to an id, or the bare text where the output has no links."""
        if self.format in ("text", "man", "texinfo"):
            return nodes.inline("", "", *children)
        return nodes.reference("", "", *children, refid=refid, internal=True)

    def _entry_title(self, quiz: qn.quiz, number: str) -> qn.quiz_key_entry_title:
        docname, quiz_id = quiz["docname"], quiz["ids"][0]
        title = qn.quiz_key_entry_title("", "", docname=docname, refid=quiz_id)
        shown = qn.quiz_number("", number, docname=docname, refid=quiz_id)
        title += self._link(quiz_id, shown)
        quiz_title = quiz.next_node(qn.quiz_title)
        if quiz_title is not None and not qn.is_default_title(quiz_title):
            title += nodes.Text(": ")
            title += nodes.inline("", "", *(plain_copy(child) for child in quiz_title.children))
        if self.latex:
            title += qn.quiz_page_ref("", "", docname=docname, refid=quiz_id)
        return title

    def _answer_link(self, docname: str, entry_id: str, mode: str) -> qn.quiz_answer_link:
        if mode == "chapter":
            words = _("Answer: under “Answers” at the end of the chapter")
        else:
            words = _("Answer: in the answer key at the end of the book")
        link = qn.quiz_answer_link("", "", docname=docname, refid=entry_id)
        link += self._link(entry_id, nodes.Text(words))
        if self.latex:
            link += qn.quiz_page_ref("", "", docname=docname, refid=entry_id)
        return link

    def _key_section(self, title: str, chapter: bool) -> qn.quiz_answer_key:
        section_id = self._unique_id("quiz-answers" if chapter else "quiz-answer-key")
        section = qn.quiz_answer_key("", nodes.title(title, title), ids=[section_id], classes=["quiz-answer-key"])
        return section

    def _place(self, entry: qn.quiz_key_entry, quiz: qn.quiz) -> nodes.Element:
        """Wrap an entry so LaTeX writes its labels under its own page's name."""
        if not self.latex:
            return entry
        wrapper = addnodes.start_of_file(docname=quiz["docname"])
        wrapper += entry
        return wrapper

    def _chapter_keys(self, quizzes: list[qn.quiz], numbers: dict[int, str]) -> None:
        keys: dict[int, tuple[nodes.Element, qn.quiz_answer_key]] = {}
        for quiz in quizzes:
            chapter = _chapter(quiz) or self.document
            entry = self._entry(quiz, numbers[id(quiz)], "chapter")
            if entry is None:
                continue
            if id(chapter) not in keys:
                keys[id(chapter)] = (chapter, self._key_section(_("Answers"), chapter=True))
            keys[id(chapter)][1].append(self._place(entry, quiz))
        for chapter, section in keys.values():
            chapter += section

    def _book_key(self, quizzes: list[qn.quiz], numbers: dict[int, str]) -> None:
        section = self._key_section(_("Answer key"), chapter=False)
        for quiz in quizzes:
            entry = self._entry(quiz, numbers[id(quiz)], "book")
            if entry is not None:
                section += self._place(entry, quiz)
        if len(section) == 1:
            return
        if self.latex:
            # A second document in the tree is how Sphinx's LaTeX writer
            # starts the appendices (see latex_appendices): the key follows
            # them as one more appendix.
            appendix = new_document(KEY_DOCNAME, self.document.settings)
            appendix += section
            self.document += appendix
        else:
            _first_section(self.document).append(section)


class BookKeyLast(SphinxPostTransform):
    """Keep the book's answer key the last part of a LaTeX document.

    Other extensions rearrange the assembled tree after the key was added:
    Jupyter Book's LaTeX support (sphinx-jupyterbook-latex, priority 700)
    moves the root page's toctree, that is every chapter, to the end, which
    would put the chapters after the key and make them appendices.
    """

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        keys = [
            child
            for child in self.document.children
            if isinstance(child, nodes.document) and child.get("source") == KEY_DOCNAME
        ]
        for key in keys:
            if key is not self.document[-1]:
                self.document.remove(key)
                self.document.append(key)


def register(app: Sphinx) -> None:
    """The ``quiz_answers`` setting, the key's nodes and its transform."""
    add_config_value(
        app,
        "quiz_answers",
        None,
        "env",
        frozenset({str, dict, type(None)}),
        "Where answers go in print formats: inline, chapter or book.",
    )
    app.add_post_transform(AnswerKey)
    app.add_post_transform(BookKeyLast)
    app.connect("config-inited", _check_config)
