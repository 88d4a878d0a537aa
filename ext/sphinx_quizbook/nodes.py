"""The doctree of a quiz.

Every node subclasses a concrete docutils node, so a builder we have no
visitor for (text, man, texinfo, gettext, a third party's) renders it through
the class's MRO as the plain container, list, paragraph or rubric it is.
HTML, LaTeX, text and man get visitors of their own where the fallback would
not do (``html.py``, ``latex.py``, ``text.py``).

The shape a quiz directive produces::

    quiz | quiz_example         ids, names, docname, shuffle, tags
      quiz_question             the part a reader answers
        quiz_title              legend: the title, or "Question"/"Example"
        quiz_prompt             the question text
        quiz_hint               "Select all that apply."
        quiz_statements
          quiz_statement        correct, index
            quiz_statement_text the first paragraph: what a reader ticks
              quiz_checkbox     (*) the box to tick; "[ ]" outside HTML
            quiz_statement_body code, math, images... after it, if any
        quiz_prompt             (class quiz-after) text after the statements
        quiz_answer_link        print only: where the answer is now
      quiz_answer               collapsed in HTML
        quiz_answer_title       summary
        quiz_key                one verdict per statement
          quiz_key_item         correct, index
            quiz_key_statement  (*) quiz_verdict + a copy of the statement
            quiz_explanation    the statement's ``explanation``, if any
        ...                     the answer directive's content
      quiz_readings
        rubric, bullet_list
      quiz_tags                 "Tags: a, b"
        quiz_tag                tag; a link to the tag's catalog, if any

The parts marked (*) are added only when a page is written (``finish.py``):
a page's doctree is kept in memory and pickled without them, which keeps a
big book's build as light as the same text without quizzes.

A ``quizindex`` placeholder is replaced by a catalog of the book's quizzes
when the page is written (see ``catalog.py``). Outside a web page the answers
move to an answer key (see ``answer_key.py``), whose nodes are here too::

    quiz_answer_key             a section: "Answers" or "Answer key"
      quiz_key_entry            docname, quiz_id: one quiz's answer
        quiz_key_entry_title    its number and title, linking back
          quiz_number           "Question 3"; LaTeX prints its counter
          quiz_page_ref         LaTeX only: "page 12"
        ...                     the quiz's key, answer text and readings

Every class is registered once, with its visitors for each output format
(``extension.py``); the visitors live in ``html.py``, ``latex.py`` and
``text.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes


def parts(node: nodes.Element, *path: type[nodes.Element]) -> list[Any]:
    """The children of *node* of the first class in *path*, their children of
    the second, and so on: ``parts(quiz, quiz_question, quiz_statements)``.

    It follows the shape above rather than searching, which is faster on a
    big page, and keeps a quiz misplaced inside another one to itself.
    """
    found = [node]
    for cls in path:
        found = [child for parent in found for child in parent.children if isinstance(child, cls)]
    return found


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The node's parent, its parent, and so on up to the root."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def collect(element: nodes.Element, classes: type | tuple[type, ...]) -> list[Any]:
    """Every element under *element* (not itself) of *classes*, in document order.

    Like ``element.findall(cls)``, but one plain recursive call a node where
    docutils makes a generator a node: walks over every page of a big book
    add up.
    """
    found: list[Any] = []

    def walk(parent: nodes.Element) -> None:
        for child in parent.children:
            if isinstance(child, nodes.Element):
                if isinstance(child, classes):
                    found.append(child)
                walk(child)

    walk(element)
    return found


class DirectivePart:
    """What a directive writes: a quiz, or an answer or readings that should
    be in one. A mixin, so one pass over a page finds all three
    (``document.findall(DirectivePart)``) on docutils' fast path."""


class quiz(DirectivePart, nodes.container):
    """A whole quiz: the question, its answer and its readings."""


class quiz_example(quiz):
    """A quiz that illustrates a point (``:example:``, or a page outside
    ``quiz_question_pages``): it works on its page like any quiz, but is no
    question of the book. Sphinx numbers enumerable nodes by their exact
    class, so it gets no number; catalogs and the answer key skip it."""


class quiz_question(nodes.container):
    """The part a reader answers: a fieldset in HTML."""


class quiz_title(nodes.rubric):
    """The quiz's title (or the word "Question"); the fieldset's legend."""


class quiz_prompt(nodes.container):
    """The question's text: everything before the statement list."""


class quiz_hint(nodes.paragraph):
    """The instruction "Select all that apply."."""


class quiz_statements(nodes.bullet_list):
    """The statements a reader ticks."""


class quiz_statement(nodes.list_item):
    """One statement; ``correct`` is a bool, ``index`` counts from 1."""


class quiz_statement_text(nodes.paragraph):
    """A statement's text, without its marker."""


class quiz_statement_body(nodes.container):
    """Blocks after a statement's first paragraph (code, math, images...):
    part of the statement, shown with it."""


class quiz_explanation_body(DirectivePart, nodes.container):
    """What the ``explanation`` directive wrote, before its statement takes it in."""


class quiz_checkbox(nodes.inline):
    """The box to tick: an ``<input>`` in HTML, ``[ ]`` in plain text."""


class quiz_answer(nodes.container):
    """The answer: verdicts, explanations and the answer text."""


class quiz_answer_title(nodes.rubric):
    """The answer's heading; the ``<summary>`` in HTML."""


class quiz_answer_body(DirectivePart, nodes.container):
    """What the ``answer`` directive wrote, before the quiz takes it in."""


class quiz_key(nodes.bullet_list):
    """One verdict per statement, in source order."""


class quiz_key_item(nodes.list_item):
    """A statement's verdict and explanation; ``correct``, ``index``."""


class quiz_key_statement(nodes.paragraph):
    """A verdict followed by a copy of the statement's text."""


class quiz_verdict(nodes.inline):
    """The words "Correct" or "Incorrect"; ``correct`` is a bool."""


class quiz_explanation(nodes.container):
    """Why a statement is (in)correct: its ``explanation`` directive's content."""


class quiz_readings(DirectivePart, nodes.container):
    """The further readings: a rubric and a list of links."""


class quiz_tags(nodes.paragraph):
    """The quiz's tags, after its readings."""


class quiz_tag(nodes.inline):
    """One tag; ``tag`` holds its name."""


class quiz_answer_key(nodes.section):
    """The section holding the answers of a chapter or of the book."""


class quiz_key_entry(nodes.container):
    """One quiz's answer in the key; ``docname`` and ``quiz_id`` of its quiz."""


class quiz_key_entry_title(nodes.paragraph):
    """The entry's heading: the quiz's number and title, linking back."""


class quiz_number(nodes.inline):
    """A quiz's number ("Question 3"); LaTeX prints its own counter instead."""


class quiz_page_ref(nodes.inline):
    """LaTeX only: the page a label is on, for readers of paper."""


class quiz_answer_link(nodes.paragraph):
    """Under a question: where its answer is."""


class quiz_glyph(nodes.inline):
    """LaTeX only: a symbol or emoji a font may lack; ``char`` holds it."""


class quizindex(nodes.General, nodes.Element):
    """Where a catalog goes; never reaches a writer (replaced when resolved)."""


class quizindex_group(nodes.rubric):
    """A catalog group's title (a chapter or a tag); ``level`` is its heading level."""


class quizindex_item(nodes.list_item):
    """A catalog entry; ``key`` is the quiz's storage key for the browser."""


class quizindex_entry(nodes.paragraph):
    """A catalog entry's text: a paragraph, which HTML leaves out (the entry's
    ``<li>`` holds the text), for a catalog of thousands of entries."""


ALL_NODES: tuple[type[nodes.Element], ...] = (
    quiz,
    quiz_example,
    quiz_question,
    quiz_title,
    quiz_prompt,
    quiz_hint,
    quiz_statements,
    quiz_statement,
    quiz_statement_text,
    quiz_statement_body,
    quiz_explanation_body,
    quiz_checkbox,
    quiz_answer,
    quiz_answer_title,
    quiz_answer_body,
    quiz_key,
    quiz_key_item,
    quiz_key_statement,
    quiz_verdict,
    quiz_explanation,
    quiz_readings,
    quiz_tags,
    quiz_tag,
    quiz_answer_key,
    quiz_key_entry,
    quiz_key_entry_title,
    quiz_number,
    quiz_page_ref,
    quiz_answer_link,
    quiz_glyph,
    quizindex,
    quizindex_group,
    quizindex_item,
    quizindex_entry,
)


# -- facts read off the shape above, each in one place ---------------------------


def is_default_title(title: nodes.Element) -> bool:
    """Whether a quiz's title is the stand-in word "Question" (no title given)."""
    return "quiz-title-default" in title["classes"]


def statement_words(text: nodes.Element) -> list[nodes.Node]:
    """A statement text's children without the box to tick."""
    return [child for child in text.children if not isinstance(child, quiz_checkbox)]


def reading_items(readings: nodes.Element) -> list[nodes.list_item]:
    """The readings' own items: those of a list right under them, not of lists
    nested in a reading (which belong to that reading)."""
    lists = [child for child in readings.children if isinstance(child, nodes.bullet_list | nodes.enumerated_list)]
    return [item for found in lists for item in found.children if isinstance(item, nodes.list_item)]
