"""A quiz's docutils nodes as the XHTML subset that QTI content allows.

QTI 2.1 items hold their text as a subset of XHTML in the QTI namespace
(``p``, ``pre``, ``code``, ``em``, ``strong``, ``a``, ``img``, lists and
tables); QTI 1.2 items hold the same subset as an HTML string in a
``mattext``. Both are built here as :mod:`xml.etree.ElementTree` elements, so
every character of the book's text is escaped by the XML library, never by
hand.

The rules, in the order a node meets them:

* paragraphs, lists, tables, literal blocks, block quotes, figures and
  images become their XHTML counterparts;
* math is written as LaTeX text between MathJax's delimiters, ``\\(...\\)``
  inline and ``\\[...\\]`` for a block, which the LMSs that render math
  (Canvas, Moodle, Blackboard with MathJax) typeset, and which reads as the
  formula everywhere else;
* an image is packaged with the item (the *add_image* callback returns its
  path in the package), a remote one keeps its URL;
* a link keeps its address (the *resolve* callback makes it absolute);
* raw markup (``raw`` directives and roles) is written as the text it is:
  nothing in a quiz reaches the LMS as live HTML;
* anything else is written as its text, in a paragraph where a block is
  needed: a node this module does not know never stops an export.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from docutils import nodes

from . import nodes as qn

#: Nodes that say nothing a reader sees.
_SILENT = (
    nodes.comment,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.pending,
    nodes.target,
    qn.quiz_checkbox,
)
_INLINE_TAGS: dict[type[nodes.Node], str] = {
    nodes.emphasis: "em",
    nodes.strong: "strong",
    nodes.literal: "code",
    nodes.subscript: "sub",
    nodes.superscript: "sup",
    nodes.title_reference: "cite",
    nodes.abbreviation: "abbr",
}


def append_text(parent: ET.Element, text: str) -> None:
    """Add *text* at the end of *parent*'s content (its text, or its last child's tail)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def inline_math(latex: str) -> str:
    """The text written for inline math: LaTeX between ``\\(`` and ``\\)``."""
    return f"\\({latex}\\)"


def block_math(latex: str) -> str:
    """The text written for a math block: LaTeX between ``\\[`` and ``\\]``."""
    return f"\\[{latex}\\]"


class ContentWriter:
    """Writes docutils nodes into ElementTree elements of one namespace.

    *namespace* is QTI 2.1's for items, ``""`` for the HTML of a QTI 1.2
    ``mattext``. *resolve* gives a reference's address (or ``None`` for a
    reference to nowhere), *add_image* an image's ``src``.
    """

    def __init__(
        self,
        namespace: str,
        resolve: Callable[[nodes.Element], str | None],
        add_image: Callable[[nodes.Element], str],
    ) -> None:
        self.prefix = f"{{{namespace}}}" if namespace else ""
        self.resolve = resolve
        self.add_image = add_image

    def element(self, parent: ET.Element | None, tag: str, **attrib: str) -> ET.Element:
        """A new element *tag*, the last child of *parent* if one is given."""
        if parent is None:
            return ET.Element(self.prefix + tag, attrib)
        return ET.SubElement(parent, self.prefix + tag, attrib)

    # -- blocks ----------------------------------------------------------------------

    def blocks(self, parent: ET.Element, children: Iterable[nodes.Node]) -> None:
        """Append *children* to *parent* as block elements."""
        for child in children:
            self.block(parent, child)

    def block(self, parent: ET.Element, node: nodes.Node) -> None:
        """One node where a block is expected (an item's body, a list item...)."""
        if isinstance(node, (*_SILENT, nodes.Invisible)):
            return
        if isinstance(node, nodes.Text):
            if node.astext().strip():
                append_text(self.element(parent, "p"), node.astext())
            return
        handler = self._block_handler(node)
        if handler is not None:
            handler(parent, node)  # type: ignore[arg-type]
        elif isinstance(node, nodes.TextElement | nodes.Inline) or not _has_blocks(node):
            self.inlines(self.element(parent, "p"), [node])
        else:
            self.blocks(self.element(parent, "div"), node.children)

    def _block_handler(self, node: nodes.Node) -> Callable[[ET.Element, nodes.Element], None] | None:
        handlers: tuple[tuple[type | tuple[type, ...], Callable[[ET.Element, nodes.Element], None]], ...] = (
            ((nodes.paragraph, nodes.raw), self._paragraph),
            ((nodes.literal_block, nodes.doctest_block), self._pre),
            (nodes.math_block, self._math_block),
            ((nodes.bullet_list, nodes.enumerated_list), self._list),
            (nodes.definition_list, self._definition_list),
            (nodes.table, self._table),
            (nodes.image, self._block_image),
            (nodes.figure, self._figure),
            (nodes.block_quote, self._block_quote),
            ((nodes.rubric, nodes.title), self._heading),
            (nodes.line_block, self._line_block),
            (nodes.transition, self._rule),
        )
        return next((handler for classes, handler in handlers if isinstance(node, classes)), None)

    def _paragraph(self, parent: ET.Element, node: nodes.Element) -> None:
        self.inlines(self.element(parent, "p"), node.children)

    def _pre(self, parent: ET.Element, node: nodes.Element) -> None:
        # Only text: QTI's pre takes no images, and highlighting is the LMS's.
        append_text(self.element(parent, "pre"), node.astext())

    def _math_block(self, parent: ET.Element, node: nodes.Element) -> None:
        append_text(self.element(parent, "p", **{"class": "math"}), block_math(node.astext()))

    def _list(self, parent: ET.Element, node: nodes.Element) -> None:
        items = [child for child in node.children if isinstance(child, nodes.list_item)]
        if not items:
            return
        element = self.element(parent, "ol" if isinstance(node, nodes.enumerated_list) else "ul")
        for item in items:
            self.blocks(self.element(element, "li"), item.children)

    def _definition_list(self, parent: ET.Element, node: nodes.Element) -> None:
        element = self.element(parent, "dl")
        for item in node.findall(nodes.definition_list_item):
            for part in item.children:
                if isinstance(part, nodes.term):
                    self.inlines(self.element(element, "dt"), part.children)
                elif isinstance(part, nodes.definition):
                    self.blocks(self.element(element, "dd"), part.children)

    def _table(self, parent: ET.Element, node: nodes.Element) -> None:
        groups = [child for child in node.children if isinstance(child, nodes.tgroup)]
        rows = [(part, row) for group in groups for part in group.children for row in part.children]
        if not rows:
            self.inlines(self.element(parent, "p"), [node])
            return
        table = self.element(parent, "table")
        titles = [child for child in node.children if isinstance(child, nodes.title)]
        if titles:
            self.inlines(self.element(table, "caption"), titles[0].children)
        for part_class, tag, cell in ((nodes.thead, "thead", "th"), (nodes.tbody, "tbody", "td")):
            part_rows = [row for part, row in rows if isinstance(part, part_class)]
            if part_rows:
                section = self.element(table, tag)
                for row in part_rows:
                    tr = self.element(section, "tr")
                    for entry in row.children:
                        self.blocks(self.element(tr, cell, **_span(entry)), entry.children)

    def _block_image(self, parent: ET.Element, node: nodes.Element) -> None:
        self.image(self.element(parent, "p"), node)

    def _figure(self, parent: ET.Element, node: nodes.Element) -> None:
        div = self.element(parent, "div", **{"class": "figure"})
        for child in node.children:
            if isinstance(child, nodes.caption):
                self.inlines(self.element(div, "p"), child.children)
            else:
                self.block(div, child)

    def _block_quote(self, parent: ET.Element, node: nodes.Element) -> None:
        self.blocks(self.element(parent, "blockquote"), node.children)

    def _heading(self, parent: ET.Element, node: nodes.Element) -> None:
        self.inlines(self.element(self.element(parent, "p"), "strong"), node.children)

    def _line_block(self, parent: ET.Element, node: nodes.Element) -> None:
        paragraph = self.element(parent, "p")
        for index, line in enumerate(node.findall(nodes.line)):
            if index:
                self.element(paragraph, "br")
            self.inlines(paragraph, line.children)

    def _rule(self, parent: ET.Element, node: nodes.Element) -> None:
        self.element(parent, "hr")

    # -- inlines ---------------------------------------------------------------------

    def inlines(self, parent: ET.Element, children: Iterable[nodes.Node]) -> None:
        """Append *children* to *parent* as inline content: text and inline elements."""
        for child in children:
            self.inline(parent, child)

    def inline(self, parent: ET.Element, node: nodes.Node) -> None:
        """One node where inline content is expected."""
        if isinstance(node, _SILENT):
            # A target may wrap the words it names (an inline hyperlink target).
            if isinstance(node, nodes.target) and node.children:
                self.inlines(parent, node.children)
            return
        if isinstance(node, nodes.Text):
            append_text(parent, node.astext())
        elif type(node) in _INLINE_TAGS:
            self.inlines(self.element(parent, _INLINE_TAGS[type(node)]), node.children)
        elif isinstance(node, nodes.reference):
            self._reference(parent, node)
        elif isinstance(node, nodes.math):
            append_text(self.element(parent, "span", **{"class": "math"}), inline_math(node.astext()))
        elif isinstance(node, nodes.image):
            self.image(parent, node)
        elif isinstance(node, nodes.footnote_reference | nodes.citation_reference):
            append_text(self.element(parent, "sup"), node.astext())
        elif isinstance(node, nodes.raw | nodes.FixedTextElement):
            append_text(parent, node.astext())
        elif isinstance(node, nodes.Element) and node.children:
            # Inline wrappers (inline, problematic, a role's node) and the
            # unknown: their content, without the wrapper.
            self.inlines(parent, node.children)
        else:
            append_text(parent, node.astext())

    def _reference(self, parent: ET.Element, node: nodes.Element) -> None:
        uri = self.resolve(node)
        if uri is None or any(isinstance(ancestor, nodes.reference) for ancestor in qn.ancestors(node)):
            self.inlines(parent, node.children)
            return
        # An image with a :target: is a reference holding an image.
        self.inlines(self.element(parent, "a", href=uri), node.children)

    def image(self, parent: ET.Element, node: nodes.Element) -> None:
        """An ``img`` element; its ``alt`` is required, so it is never left out."""
        attrib = {"src": self.add_image(node), "alt": node.get("alt", "")}
        for name in ("width", "height"):
            value = str(node.get(name, ""))
            if value.isdigit():  # QTI takes a length in pixels, or a percentage
                attrib[name] = value
        self.element(parent, "img", **attrib)


def _has_blocks(node: nodes.Node) -> bool:
    """Whether *node* holds an element that is not inline: a paragraph, a list..."""
    return isinstance(node, nodes.Element) and any(
        isinstance(child, nodes.Element) and not isinstance(child, nodes.Inline) for child in node.children
    )


def _span(entry: nodes.Node) -> dict[str, str]:
    attrib = {}
    if isinstance(entry, nodes.Element):
        if entry.get("morecols"):
            attrib["colspan"] = str(entry["morecols"] + 1)
        if entry.get("morerows"):
            attrib["rowspan"] = str(entry["morerows"] + 1)
    return attrib
