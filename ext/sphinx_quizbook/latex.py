"""LaTeX output: a framed question with boxes to tick, and an answer key.

The look lives in ``texinputs/sphinxquizbook.sty``; the visitors here only
write its environments and commands. Text we write ourselves goes through
:func:`sphinx.util.texescape.escape`; the reader's text is written by Sphinx's
own visitors, between our commands.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.texescape import escape, tex_replace_map
from sphinx.writers.latex import LaTeXTranslator

from . import nodes as qn
from .compat import latex_label
from .messages import _
from .numbering import number_template

Visitor = Callable[[Any, nodes.Element], None]

TEXINPUTS = Path(__file__).parent / "texinputs"
PACKAGE = "sphinxquizbook"

# Joiners, variation selectors and skin tones of emoji sequences: with no
# colour emoji font in LaTeX there is nothing they could change on paper.
_DROPPED = frozenset({"\u200d", "\ufe0e", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))})
# Where not to touch text: Sphinx writes these from their source text.
_VERBATIM = (nodes.literal_block, nodes.math, nodes.math_block, nodes.raw, nodes.comment)


def _escape(translator: LaTeXTranslator, text: str) -> str:
    return escape(text, translator.config.latex_engine)


def _label(translator: LaTeXTranslator, node: nodes.Element) -> str:
    """The LaTeX label Sphinx gives the id in ``refid`` on ``docname``'s page."""
    return latex_label(translator, node["docname"], node["refid"])


def _with_ref(translator: LaTeXTranslator, template: str, ref: str) -> str:
    """Escape a translated template, then put a LaTeX reference at its ``%s``."""
    return _escape(translator, template).replace(r"\%s", ref)


def _number(translator: LaTeXTranslator, number: str) -> str:
    """A quiz's number as the book words it, with LaTeX printing the number."""
    return _with_ref(translator, number_template(translator.config), number)


# -- the question ---------------------------------------------------------------


def visit_quiz(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\begin{sphinxquiz}\\sphinxquizstep" + self.hypertarget_to(node) + "\n")


def depart_quiz(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\end{sphinxquiz}\n")


def visit_quiz_title(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\sphinxquiztitle{" + _number(self, r"\thesphinxquiz{}"))
    if qn.is_default_title(node):
        # The default title is the word "Question": the number says it.
        self.body.append("}\n")
        raise nodes.SkipNode
    self.body.append(": ")


def visit_quiz_hint(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n" + r"\sphinxquizhint{")


def visit_statement(self: LaTeXTranslator, node: nodes.Element) -> None:
    # "{}" so that a statement starting with "[" is not read as the label.
    self.body.append(r"\item {}")


def visit_checkbox(self: LaTeXTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode  # the list's label is the box


def visit_answer_title(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\sphinxquizanswertitle{")


def visit_key_item(self: LaTeXTranslator, node: nodes.Element) -> None:
    box = r"\sphinxquizchecked" if node["correct"] else r"\sphinxquizbox"
    self.body.append(f"\\item[{box}] {{}}")


def visit_readings(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\begin{sphinxquizreadings}\n")
    for child in node.children:
        if isinstance(child, nodes.rubric):
            self.body.append(r"\sphinxquizreadingstitle{" + _escape(self, child.astext()) + "}\n")
        else:
            child.walkabout(self)
    self.body.append("\n\\end{sphinxquizreadings}\n")
    raise nodes.SkipNode


# -- the key --------------------------------------------------------------------


def visit_key_entry(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\begin{sphinxquizkeyentry}" + self.hypertarget_to(node, anchor=True) + "\n")


def visit_quiz_number(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(_number(self, rf"\ref*{{{_label(self, node)}}}"))
    raise nodes.SkipNode


def visit_page_ref(self: LaTeXTranslator, node: nodes.Element) -> None:
    page = _with_ref(self, _("page %s"), rf"\pageref*{{{_label(self, node)}}}")
    self.body.append(r"\sphinxquizpageref{" + page + "}")
    raise nodes.SkipNode


def _command(name: str, block: bool = True) -> tuple[Visitor, Visitor]:
    """Wrap a node's output in ``\\name{...}``; inline, with no line breaks."""
    newline = "\n" if block else ""

    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(f"{newline}\\{name}{{")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append("}" + newline)

    return visit, depart


def _environment(name: str) -> tuple[Visitor, Visitor]:
    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(f"\n\\begin{{{name}}}\n")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(f"\n\\end{{{name}}}\n")

    return visit, depart


def _close(text: str) -> Visitor:
    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(text)

    return depart


def _nothing(self: LaTeXTranslator, node: nodes.Element) -> None:
    pass


def visit_glyph(self: LaTeXTranslator, node: nodes.Element) -> None:
    # The character itself goes in for Unicode engines; pdflatex never sets it.
    char = node["char"]
    name = _escape(self, unicodedata.name(char, "").lower())
    self.body.append(rf"\sphinxquizglyph{{{char}}}{{{ord(char):04X}}}{{{name}}}")
    raise nodes.SkipNode


VISITORS: dict[type[nodes.Element], tuple[Visitor, Visitor]] = {
    qn.quiz: (visit_quiz, depart_quiz),
    qn.quiz_question: (_nothing, _nothing),
    qn.quiz_title: (visit_quiz_title, _close("}\n")),
    qn.quiz_prompt: (_nothing, _nothing),
    qn.quiz_hint: (visit_quiz_hint, _close("}\n")),
    qn.quiz_statements: _environment("sphinxquizstatements"),
    qn.quiz_statement: (visit_statement, _close("\n")),
    qn.quiz_checkbox: (visit_checkbox, _nothing),
    qn.quiz_answer: (_nothing, _nothing),
    qn.quiz_answer_title: (visit_answer_title, _close("}\n")),
    qn.quiz_key: _environment("sphinxquizkey"),
    qn.quiz_key_item: (visit_key_item, _close("\n")),
    qn.quiz_verdict: _command("sphinxquizverdict", block=False),
    qn.quiz_explanation: (_nothing, _nothing),
    qn.quiz_readings: (visit_readings, _nothing),
    qn.quiz_key_entry: (visit_key_entry, _close("\n\\end{sphinxquizkeyentry}\n")),
    qn.quiz_key_entry_title: _command("sphinxquizkeytitle"),
    qn.quiz_number: (visit_quiz_number, _nothing),
    qn.quiz_page_ref: (visit_page_ref, _nothing),
    qn.quiz_answer_link: _command("sphinxquizanswerlink"),
    qn.quiz_glyph: (visit_glyph, _nothing),
}


def needs_glyph(char: str) -> bool:
    """Whether a character is a symbol or emoji that a text font may lack.

    Those Sphinx already maps to LaTeX (such as ✓) are left to Sphinx.
    """
    if ord(char) < 0x2000 or ord(char) in tex_replace_map:
        return False
    return unicodedata.category(char) in {"So", "Sk", "Co"} or ord(char) >= 0x1F000


class QuizGlyphs(SphinxPostTransform):
    """Wrap the symbols and emoji of quizzes and key entries for LaTeX.

    pdflatex cannot print an emoji and the default Unicode fonts have few;
    ``\\sphinxquizglyph`` picks a font that has the glyph or shows its code
    point, so such text compiles under every engine and still says what it is.
    """

    default_priority = 250  # after the key is built (200)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        roots = [*self.document.findall(qn.quiz), *self.document.findall(qn.quiz_key_entry)]
        for root in roots:
            for text in list(root.findall(nodes.Text)):
                if any(needs_glyph(char) or char in _DROPPED for char in text) and not self._verbatim(text):
                    text.parent.replace(text, list(self._split(str(text))))

    @staticmethod
    def _verbatim(text: nodes.Text) -> bool:
        parent = text.parent
        while parent is not None:
            if isinstance(parent, _VERBATIM):
                return True
            parent = parent.parent
        return False

    @staticmethod
    def _split(text: str) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        plain = ""
        for char in text:
            if char in _DROPPED:
                continue
            if needs_glyph(char):
                if plain:
                    result.append(nodes.Text(plain))
                    plain = ""
                result.append(qn.quiz_glyph("", char=char))
            else:
                plain += char
        if plain:
            result.append(nodes.Text(plain))
        return result


def copy_package(app: Sphinx, exception: Exception | None) -> None:
    """Put the style file next to the ``.tex`` file, where LaTeX looks."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(TEXINPUTS / f"{PACKAGE}.sty", app.builder.outdir, force=True)


def register(app: Sphinx) -> None:
    """The glyph transform, the style file and the hook that copies it."""
    app.add_post_transform(QuizGlyphs)
    app.add_latex_package(PACKAGE)
    app.connect("build-finished", copy_package)
