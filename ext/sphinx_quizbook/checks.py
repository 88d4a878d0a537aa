"""What happens to a page's quizzes once it is read: checks and records.

Misplaced parts are warned about, unsafe content is disarmed and each quiz
goes into the domain. It runs as a transform once a page is parsed, after
docutils has resolved its hyperlink targets, so every URL is known.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from . import nodes as qn
from .compat import page_memo
from .domain import quiz_domain
from .messages import __, warn

#: The key in the page's scratch data (``compat.page_memo``) under which our
#: directives list the parts they wrote; Sphinx starts every page afresh.
PARTS = "quiz_parts"


def note_part(env: BuildEnvironment, node: nodes.Element) -> None:
    """Remember a part a directive wrote, for :class:`QuizChecks`."""
    page_memo(env).setdefault(PARTS, []).append(node)


#: URL schemes a reading or a link in a quiz may use; relative URLs are fine too.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", ""})
# Browsers skip these inside a scheme, so "java\tscript:" is "javascript:".
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
# Most links start so; they need no parsing.
_COMMON_SAFE = ("https://", "http://", "#")


def is_safe_url(url: str) -> bool:
    """Whether a link to *url* cannot run script when followed."""
    if url.startswith(_COMMON_SAFE):
        return True
    try:
        scheme = urlsplit(_IGNORED_IN_SCHEME.sub("", url)).scheme
    except ValueError:
        return False
    return scheme.lower() in SAFE_SCHEMES


class QuizChecks(SphinxTransform):
    """Warn about answers and readings outside a quiz, disarm unsafe content,
    and record each quiz in the domain.

    The directives list what they wrote, so the page itself is not searched:
    on a big book, a walk over every page's every node costs more than all
    the rest of a quiz's checks.
    """

    # After Sphinx's translation (20), so the domain records the title a
    # reader of this language sees; after docutils resolves references
    # (640-680), so every URL is known; before Sphinx's own ones.
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        parts: list[nodes.Element] = page_memo(self.env).get(PARTS) or []
        if not parts:
            return
        # The parts still on the page (an answer a quiz took in is not). This
        # saves walking the page: 0.1 % of a build's instructions, 3 % of a
        # quiz's cost (Valgrind, 12 pages x 3 quizzes).
        placed = [part for part in parts if _root(part) is self.document]
        if sum(isinstance(part, qn.quiz) for part in placed) < sum(isinstance(part, qn.quiz) for part in parts):
            # Another directive copied or moved a quiz (the list then misses
            # it): look for every quiz, so that none goes out unchecked.
            placed = list(self.document.findall(qn.DirectivePart))
        domain = quiz_domain(self.env)
        for part in placed:
            if isinstance(part, qn.quiz):
                self._disarm(part)
                _mark_echoed_title(part)
                domain.note_quiz(part)
            elif isinstance(part, qn.quiz_answer_body):
                warn(__("'answer' must sit directly inside a quiz"), part, "answer")
            elif isinstance(part, qn.quiz_explanation_body):
                warn(
                    __("'explanation' must sit inside a statement: indent it under the statement's '- [x]' line"),
                    part,
                    "explanation",
                )
            elif not isinstance(part.parent, qn.quiz):
                warn(__("'readings' must sit directly inside a quiz"), part, "readings")

    def _disarm(self, quiz: qn.quiz) -> None:
        # A quiz is often written from text pasted from elsewhere; markup in
        # it must reach the reader as the text it is, never as live HTML.
        warned: set[int] = set()
        for node in qn.collect(quiz, (nodes.raw, nodes.reference)):
            if isinstance(node, nodes.raw):
                # One warning for each place: "<b>x</b>" is two raw nodes.
                if id(node.parent) not in warned:
                    warned.add(id(node.parent))
                    warn(__("raw markup in a quiz is shown as text: %r"), node, "unsafe", node.astext()[:60])
                text = nodes.Text(node.astext())
                inert = text if isinstance(node.parent, nodes.TextElement) else nodes.paragraph("", "", text)
                node.parent.replace(node, inert)
            else:
                url = node.get("refuri")
                if url is not None and not is_safe_url(url):
                    warn(__("unsafe link in a quiz is shown as text: %r"), node, "unsafe", url[:60])
                    node.parent.replace(node, nodes.inline("", "", *node.children))


def _mark_echoed_title(quiz: qn.quiz) -> None:
    """A quiz whose title repeats its page's heading, right above it, shows
    the title once: the title keeps its place for screen readers (the
    fieldset's legend) with the class ``quiz-title-echo``, which the
    stylesheet hides from sight and LaTeX leaves out."""
    section = quiz.parent
    if not isinstance(section, nodes.section) or not section.children:
        return
    heading = section[0]
    title = next(iter(qn.parts(quiz, qn.quiz_question, qn.quiz_title)), None)
    if not isinstance(heading, nodes.title) or title is None or qn.is_default_title(title):
        return
    if " ".join(heading.astext().split()) == " ".join(title.astext().split()):
        title["classes"].append("quiz-title-echo")


def _root(node: nodes.Node) -> nodes.Node:
    while node.parent is not None:
        node = node.parent
    return node
