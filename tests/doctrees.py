"""A canonical text form of quiz doctrees, for snapshots and comparisons.

MyST and reStructuredText decorate nodes differently (a reference's ``name``,
``rawsource``, source lines); what a reader gets does not depend on that, so
the canonical form keeps only the attributes that change the output.
"""

from __future__ import annotations

import copy

from docutils import nodes

from sphinx_quizbook import nodes as qn

#: Attributes that change what a reader sees.
KEPT = {"classes", "ids", "names", "correct", "index", "refuri", "reftarget", "reftype", "shuffle", "tags"}


def canonical(doctree: nodes.document) -> str:
    """Every quiz of *doctree*, pretty-printed with only the attributes in KEPT."""
    parts = []
    for quiz in doctree.findall(qn.quiz):
        clean = copy.deepcopy(quiz)
        for target in list(clean.findall(nodes.target)):
            target.parent.remove(target)
        for element in clean.findall(nodes.Element):
            for key in list(element.attributes):
                if key not in KEPT:
                    del element.attributes[key]
            # "Which are prime?" is one Text node in RST, several in MyST.
        parts.append(_merge_text(clean).pformat())
    return "\n".join(parts)


def _merge_text(node: nodes.Element) -> nodes.Element:
    for element in node.findall(nodes.Element):
        merged: list[nodes.Node] = []
        for child in element.children:
            if isinstance(child, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(merged[-1] + child)
            else:
                merged.append(child)
        element.children = []
        element.extend(merged)
    return node
