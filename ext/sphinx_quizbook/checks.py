"""Checks that need a whole page: misplaced parts and unsafe content.

They run as a transform once a page is parsed, after docutils has resolved
its hyperlink targets, so every URL is known.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms import SphinxTransform

from . import nodes as qn
from .messages import __, warn

#: URL schemes a reading or a link in a quiz may use; relative URLs are fine too.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", ""})
# Browsers skip these inside a scheme, so "java\tscript:" is "javascript:".
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """Whether a link to *url* cannot run script when followed."""
    try:
        scheme = urlsplit(_IGNORED_IN_SCHEME.sub("", url)).scheme
    except ValueError:
        return False
    return scheme.lower() in SAFE_SCHEMES


class QuizChecks(SphinxTransform):
    """Warn about answers and readings outside a quiz; disarm unsafe content."""

    # After docutils resolves references (640-680), before Sphinx's own ones.
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for body in list(self.document.findall(qn.quiz_answer_body)):
            warn(__("'answer' must sit directly inside a quiz"), body, "answer")
        for readings in list(self.document.findall(qn.quiz_readings)):
            if not isinstance(readings.parent, qn.quiz):
                warn(__("'readings' must sit directly inside a quiz"), readings, "readings")
        for quiz in self.document.findall(qn.quiz):
            self._disarm(quiz)

    def _disarm(self, quiz: qn.quiz) -> None:
        # A quiz is often written from text pasted from elsewhere; markup in
        # it must reach the reader as the text it is, never as live HTML.
        warned: set[int] = set()
        for raw in list(quiz.findall(nodes.raw)):
            # One warning for each place: "<b>x</b>" is two raw nodes.
            if id(raw.parent) not in warned:
                warned.add(id(raw.parent))
                warn(__("raw markup in a quiz is shown as text: %r"), raw, "unsafe", raw.astext()[:60])
            text = nodes.Text(raw.astext())
            inert = text if isinstance(raw.parent, nodes.TextElement) else nodes.paragraph("", "", text)
            raw.parent.replace(raw, inert)
        for ref in list(quiz.findall(nodes.reference)):
            url = ref.get("refuri")
            if url is not None and not is_safe_url(url):
                warn(__("unsafe link in a quiz is shown as text: %r"), ref, "unsafe", url[:60])
                ref.parent.replace(ref, nodes.inline("", "", *ref.children))
