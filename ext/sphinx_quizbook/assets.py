"""The browser's part: the stylesheet and the self-check script, when they
are linked, and the words the script shows (translated here, in Python).

Everything the script needs from the book rides on its own ``<script>`` tag
as ``data-*`` attributes: the script has no inline configuration to read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .messages import _

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "sphinx-quizbook.css"
JS_FILE = "sphinx-quizbook.js"


def ui_strings() -> dict[str, str]:
    """The browser script's words, translated here and passed as ``data-*``.

    They ride on the script's own tag, once a page rather than once a quiz,
    and the script reads them through ``document.currentScript``. ``{name}``
    fields are filled in by the script. The number of wrong choices takes one
    of three phrases, since a template cannot inflect a noun. The
    ``progress-*`` words follow each entry of a ``quizindex`` catalog.
    """
    return {
        "data-i18n-check": _("Check"),
        "data-i18n-retry": _("Try again"),
        "data-i18n-reset": _("Reset"),
        "data-i18n-correct-choice": _("Correct choice"),
        "data-i18n-wrong-choice": _("Wrong choice"),
        "data-i18n-missed": _("Missed: this statement is correct"),
        "data-i18n-left-out": _("Correctly left out"),
        "data-i18n-summary": _("{found} of {total} correct statements found, {wrong}."),
        "data-i18n-wrong-none": _("no wrong choices"),
        "data-i18n-wrong-one": _("1 wrong choice"),
        "data-i18n-wrong-many": _("{wrong} wrong choices"),
        "data-i18n-solved": _("Solved: exactly the correct statements."),
        "data-i18n-progress-solved": _("solved"),
        "data-i18n-progress-tried": _("tried"),
        "data-i18n-progress-untouched": _("not tried yet"),
    }


def add_static_path(app: Sphinx, config: Config) -> None:
    """Let HTML builders find the stylesheet and the script."""
    config.html_static_path.append(str(STATIC_DIR))


def add_assets(app: Sphinx) -> None:
    """Link the assets from HTML-format pages only; EPUB gets no script."""
    if app.builder.format != "html":
        return
    app.add_css_file(CSS_FILE)
    if app.builder.name != "epub":
        attributes: dict[str, Any] = ui_strings()
        app.add_js_file(JS_FILE, loading_method="defer", **attributes)


def register(app: Sphinx) -> None:
    """The hooks that put the assets into HTML pages."""
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_assets)
