"""LaTeX output: a framed question with boxes to tick, and an answer key.

The look lives in ``texinputs/sphinxquizbook.sty``; the visitors here only
write its environments and commands. Text we write ourselves goes through
:func:`sphinx.util.texescape.escape`; the reader's text is written by Sphinx's
own visitors, between our commands.
"""

from __future__ import annotations

import math
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape, tex_replace_map
from sphinx.writers.latex import LaTeXTranslator

from . import nodes as qn
from .compat import latex_label, latex_table_holds_lists
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

#: A page holds some 45 lines of text: a quiz longer than most of one breaks
#: across pages anyway, and keeping more together would leave pages half empty.
MAX_KEPT_LINES = 30
_CHARS_PER_LINE = 90


def _lines(node: nodes.Node) -> int:
    """About how many lines a block takes on the page."""
    if isinstance(node, nodes.literal_block | nodes.math_block):
        return node.astext().strip("\n").count("\n") + 3
    if isinstance(node, nodes.image | nodes.figure):
        return 8
    if isinstance(node, nodes.table):
        return 2 * len(qn.collect(node, nodes.row)) + 2
    if isinstance(node, nodes.TextElement):
        return len(node.astext()) // _CHARS_PER_LINE + 1
    if isinstance(node, nodes.Element):
        return sum(map(_lines, node.children))
    return 0


def keep_together(quiz: nodes.Element) -> int:
    """The lines from a quiz's title to its last statement, roughly: the
    space a quiz asks for (``\\needspace``) so that it never starts at the
    foot of a page with its statements on the next.

    The frame's padding, the skips around the title and hint and the space
    between items add about a third to the lines of text.
    """
    question = qn.parts(quiz, qn.quiz_question)
    text = sum(_lines(child) for part in question for child in part.children)
    return math.ceil(text * 4 / 3) + 3


def visit_quiz(self: LaTeXTranslator, node: nodes.Element) -> None:
    # The serial tells LaTeX which quiz it is stepping: a table cell is set
    # more than once (tabulary measures first), and a quiz there must keep
    # the number it got the first time.
    latex_table_holds_lists(self)  # a quiz in a table cell is a box with lists
    lines = min(keep_together(node), MAX_KEPT_LINES)
    step = ""
    if not isinstance(node, qn.quiz_example):  # an example takes no number
        serial = getattr(self, "_sphinxquiz_serial", 0) + 1
        self._sphinxquiz_serial = serial  # type: ignore[attr-defined]
        step = f"\\sphinxquizstep{{{serial}}}"
    self.body.append(f"\n\\begin{{sphinxquiz}}[{lines}]{step}" + self.hypertarget_to(node) + "\n")


def depart_quiz(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\end{sphinxquiz}\n")


def visit_quiz_title(self: LaTeXTranslator, node: nodes.Element) -> None:
    quiz = node.parent.parent  # the title opens the quiz's question
    example = isinstance(quiz, qn.quiz_example)
    label = _escape(self, _("Example")) if example else _number(self, r"\sphinxquiznumber{}")
    self.body.append(r"\sphinxquiztitle{" + label)
    if qn.is_default_title(node) or "quiz-title-echo" in node["classes"]:
        # The default title is the word the label says already; an echoed
        # title is the heading right above the box.
        self.body.append("}\n")
        raise nodes.SkipNode
    self.body.append(": ")


def visit_quiz_hint(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n" + r"\sphinxquizhint{")


def _list_environment(name: str) -> tuple[Visitor, Visitor]:
    """A list environment that is left out when it would have no item:
    LaTeX stops at an empty list ("perhaps a missing \\item")."""

    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        if not any(isinstance(child, nodes.list_item) for child in node.children):
            raise nodes.SkipNode
        self.body.append(f"\n\\begin{{{name}}}\n")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(f"\n\\end{{{name}}}\n")

    return visit, depart


def visit_statement(self: LaTeXTranslator, node: nodes.Element) -> None:
    # "{}" so that a statement starting with "[" is not read as the label.
    self.body.append(r"\item {}")


def visit_statement_text(self: LaTeXTranslator, node: nodes.Element) -> None:
    if not any(child.astext().strip() for child in qn.statement_words(node)):
        # A statement that starts with a block (``- [x] $$x^2$$``): no empty
        # paragraph between its box and the block.
        raise nodes.SkipNode
    self.visit_paragraph(node)


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
    qn.quiz_statements: _list_environment("sphinxquizstatements"),
    qn.quiz_statement: (visit_statement, _close("\n")),
    qn.quiz_statement_text: (visit_statement_text, LaTeXTranslator.depart_paragraph),
    qn.quiz_checkbox: (visit_checkbox, _nothing),
    qn.quiz_answer: (_nothing, _nothing),
    qn.quiz_answer_title: (visit_answer_title, _close("}\n")),
    qn.quiz_key: _list_environment("sphinxquizkey"),
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


def fix_catalogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after the catalogs are filled (``catalog.py``):
    make them read in LaTeX as they do on the web.

    Sphinx's LaTeX writer drops the ids of a rubric, so a tag link to its
    group would point nowhere: the ids move to a target, which it writes as
    a label. And an entry's number becomes LaTeX's own, which is the number
    the quiz's box shows (per chapter), not the one the web pages count.
    """
    if app.builder.format != "latex":
        return
    for catalog in doctree.findall(nodes.container):
        if "quizindex" not in catalog["classes"]:
            continue
        for rubric in qn.collect(catalog, nodes.rubric):
            if rubric["ids"]:
                target = nodes.target("", "", ids=rubric["ids"])
                rubric["ids"] = []
                rubric.parent.insert(rubric.parent.index(rubric), target)
        for item in qn.collect(catalog, qn.quizindex_item):
            docname, quiz_id = item["key"].rsplit("#", 1)
            for number in qn.collect(item, nodes.strong)[:1]:
                shown = qn.quiz_number("", number.astext(), docname=docname, refid=quiz_id)
                number.children = []
                number += shown


def copy_package(app: Sphinx, exception: Exception | None) -> None:
    """Put the style file next to the ``.tex`` file, where LaTeX looks."""
    if exception is None and app.builder.format == "latex":
        # A plain copy: the file is no template, and copy_asset_file's
        # overwrite flag differs between Sphinx 7 and 8.
        shutil.copyfile(TEXINPUTS / f"{PACKAGE}.sty", Path(app.builder.outdir) / f"{PACKAGE}.sty")


def register(app: Sphinx) -> None:
    """The glyph transform, the style file and the hook that copies it."""
    app.add_post_transform(QuizGlyphs)
    app.add_latex_package(PACKAGE)
    app.connect("build-finished", copy_package)
    # After catalog.resolve_catalogs (500), which fills the catalogs.
    app.connect("doctree-resolved", fix_catalogs, priority=600)
