"""Every difference between the Sphinx versions we support, and every use of
an API Sphinx does not publish, in one place.

Supported: Sphinx 7.3 to 9.x, docutils 0.20 to 0.22. Each function says which
versions its branches are for and, for a private API, why no public one
serves. Checked against Sphinx 7.3.7, 8.1.3, 8.2.3 and 9.0.4. No other module
reads a private attribute of Sphinx or docutils.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

SPHINX = sphinx.version_info[:2]


def builder_name_and_format(transform: SphinxTransform) -> tuple[str, str]:
    """The name and format of the builder a (post-)transform runs for.

    Sphinx 9 deprecates ``transform.app`` and keeps the builder's class as
    ``env._builder_cls``, which its own ``SphinxPostTransform.is_supported``
    reads; there is no public way. Sphinx 7.3 to 8.2: ``app.builder``.
    """
    if SPHINX >= (9, 0):
        builder: Any = transform.env._builder_cls
    else:
        builder = transform.app.builder
    return builder.name, builder.format


def page_memo(env: BuildEnvironment) -> MutableMapping[str, Any]:
    """Scratch data about the page being read; Sphinx starts each page afresh.

    Sphinx 8.2 renamed ``env.temp_data`` to ``env.current_document`` (with
    ``get``/``setdefault``) and deprecated the old name.
    """
    memo: Any = env.current_document if SPHINX >= (8, 2) else env.temp_data  # type: ignore[attr-defined]
    return memo


def standard_domain(env: BuildEnvironment) -> StandardDomain:
    """The ``std`` domain, typed. Sphinx 8.1 added ``env.domains.standard_domain``."""
    return env.domains["std"]  # type: ignore[return-value]


def set_label(env: BuildEnvironment, name: str, docname: str, target_id: str, title: str) -> None:
    """Make *name* a label for ``{ref}`` (with *title*) and ``{numref}``.

    ``StandardDomain`` has no public method to add a label after reading
    (``note_hyperlink_target`` warns about duplicates as it goes, which
    ``labels.py`` must decide in reading order itself), so its two tables are
    written directly, as ``StandardDomain.process_doc`` does. Same in 7.3-9.0.
    """
    std = standard_domain(env)
    std.anonlabels[name] = (docname, target_id)
    std.labels[name] = (docname, target_id, title)


def drop_label(env: BuildEnvironment, name: str, docname: str, target_id: str) -> None:
    """Take back a label :func:`set_label` made, if it still points there."""
    std = standard_domain(env)
    if std.anonlabels.get(name) == (docname, target_id):
        del std.anonlabels[name]
        std.labels.pop(name, None)


def label_owner(env: BuildEnvironment, name: str) -> str | None:
    """The page that holds the label *name*, if any."""
    found = standard_domain(env).anonlabels.get(name)
    return found[0] if found else None


def resolved_doctree(builder: Builder, docname: str) -> nodes.document:
    """A page's doctree with references resolved, as a writer gets it.

    Sphinx 9 wants the build's tags passed (for ``only`` directives); before 9
    the argument did not exist and the environment used the app's tags.
    """
    env = builder.env
    if SPHINX >= (9, 0):
        return env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
    return env.get_and_resolve_doctree(docname, builder)


def parse_inline(directive: Any, text: str, lineno: int) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Inline markup of *text* (a directive's argument) as nodes and messages.

    ``SphinxDirective.parse_inline`` is Sphinx 7.4+; before it, the state's
    ``inline_text`` returns the same pair.
    """
    if SPHINX >= (7, 4):
        return directive.parse_inline(text, lineno=lineno)  # type: ignore[no-any-return]
    return directive.state.inline_text(text, lineno)  # type: ignore[no-any-return]


def add_config_value(app: Sphinx, name: str, default: Any, rebuild: str, types: Any, description: str) -> None:
    """``app.add_config_value`` with a description where Sphinx takes one (7.4+)."""
    if SPHINX >= (7, 4):
        app.add_config_value(name, default, rebuild, types=types, description=description)  # type: ignore[arg-type]
    else:
        app.add_config_value(name, default, rebuild, types=types)  # type: ignore[arg-type]


def id_taken(document: nodes.document, candidate: str) -> bool:
    """Whether an id is used on the page. docutils keeps ids in
    ``document.ids``, a documented attribute with no accessor (0.20-0.22)."""
    return candidate in document.ids


def reserve_id(document: nodes.document, node_id: str, node: nodes.Element) -> None:
    """Record *node_id* as taken by *node*, for ids made after docutils' own pass."""
    document.ids[node_id] = node


def node_by_id(document: nodes.document, node_id: str) -> nodes.Element | None:
    """The element with id *node_id*, without walking the page."""
    return document.ids.get(node_id)


# -- writers' internals -----------------------------------------------------------
# Sphinx's translators have no public API for these; each is the same in 7.3-9.0.


def latex_label(translator: Any, docname: str, node_id: str) -> str:
    """The LaTeX label Sphinx's writer gives *node_id* on *docname*'s page
    (``LaTeXTranslator.idescape`` of ``docname:id``, as its ``\\label`` uses)."""
    return str(translator.idescape(f"{docname}:{node_id}"))


def latex_table_holds_lists(translator: Any) -> None:
    """Tell Sphinx's LaTeX writer that the table being written (if any) has a
    cell with a list in it, as its own list visitors do (``table.has_problematic``):
    before Sphinx 9 it would otherwise write a tabulary, which cannot hold one."""
    if getattr(translator, "table", None) is not None:
        translator.table.has_problematic = True


def text_indent(translator: Any) -> None:
    """Start an indented block in the text writer (``TextTranslator.new_state``)."""
    translator.new_state(4)


def text_dedent(translator: Any, first: str) -> None:
    """End it, putting *first* before its first line (``end_state(first=...)``)."""
    translator.end_state(first=first)
