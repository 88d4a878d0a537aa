"""The browser's part: the stylesheet and the self-check script, when they
are linked, and the words the script shows (translated here, in Python).

Everything the script needs from the book rides on its own ``<script>`` tag
as ``data-*`` attributes: the script has no inline configuration to read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from sphinx.application import Sphinx
from sphinx.config import ENUM, Config
from sphinx.locale import get_translator

from .compat import add_config_value
from .messages import CATALOG, _

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "sphinx-quizbook.css"
JS_FILE = "sphinx-quizbook.js"

#: ``quiz_feedback``: what Check shows. "choices": verdicts on the reader's
#: own choices only, until the reader opens the answer; "all": every
#: statement's verdict and the answer at once.
FEEDBACK = ("choices", "all")


def ui_strings() -> dict[str, str]:
    """The browser script's plain words, translated here and passed as ``data-*``.

    They ride on the script's own tag, once a page rather than once a quiz,
    and the script reads them through ``document.currentScript``. A verdict
    names the statement as the answer key does ("Correct", "Incorrect"), then
    what the reader did with it: it never says "you were wrong". The
    ``progress-*`` words follow each entry of a ``quizindex`` catalog.
    """
    return {
        "data-i18n-check": _("Check"),
        "data-i18n-reset": _("Reset"),
        "data-i18n-undo": _("Undo reset"),
        "data-i18n-cleared": _("Your choices are cleared."),
        "data-i18n-correct-choice": _("Correct statement, chosen"),
        "data-i18n-wrong-choice": _("Incorrect statement, chosen"),
        "data-i18n-missed": _("Correct statement, not chosen"),
        "data-i18n-left-out": _("Incorrect statement, not chosen"),
        "data-i18n-solved": _("Solved: you chose exactly the correct statements."),
        "data-i18n-empty": _("Choose the statements you think are correct, then press Check."),
        "data-i18n-progress-solved": _("solved"),
        "data-i18n-progress-seen": _("answer seen"),
        "data-i18n-progress-tried": _("tried"),
        "data-i18n-progress-untouched": _("not tried yet"),
    }


@functools.cache
def plural_samples(language: str) -> dict[str, int]:
    """One whole number for each plural category (CLDR) of *language*.

    The script picks a sentence by ``Intl.PluralRules``, which speaks in
    categories ("one", "few", "other"...); gettext speaks in numbers. Asking
    the catalog for a number of each category bridges the two. "other" is
    always there, as the script's fallback (in Russian, say, only fractions
    are "other": the general plural of 5 stands in).
    """
    if language.split("-")[0].split("_")[0] in ("", "en"):
        # Most books: babel's locale data costs 35 ms a build to say this.
        return {"other": 0, "one": 1}
    try:
        rule = Locale.parse(language.replace("-", "_")).plural_form
    except (ValueError, TypeError, UnknownLocaleError):
        rule = Locale("en").plural_form
    samples: dict[str, int] = {}
    for number in [*range(1000), 10**6]:
        samples.setdefault(rule(number), number)
    samples.setdefault("other", 5)
    return samples


def plural_strings(language: str) -> dict[str, str]:
    """Each counted sentence of the summary in each plural category:
    ``data-i18n-<name>-<category>``, ``{n}`` filled in by the script.

    The calls name their words literally, so that message extraction
    (``ngettext`` is among its default keywords) finds them.
    """
    ngettext = get_translator(CATALOG).ngettext
    sentences: dict[str, Callable[[int], str]] = {
        "right": lambda n: ngettext("{n} of your choices is right.", "{n} of your choices are right.", n),
        "wrong": lambda n: ngettext("{n} of your choices is not correct.", "{n} of your choices are not correct.", n),
        "missing": lambda n: ngettext(
            "{n} correct statement is still missing.", "{n} correct statements are still missing.", n
        ),
    }
    return {
        f"data-i18n-{name}-{category}": sentence(number)
        for name, sentence in sentences.items()
        for category, number in plural_samples(language).items()
    }


def script_attributes(config: Config) -> dict[str, Any]:
    """All the script's ``data-*``: settings, language and words."""
    language = config.language or "en"
    return {
        "data-feedback": config.quiz_feedback,
        # BCP 47, as Intl.PluralRules wants it ("pt-BR", not "pt_BR").
        "data-lang": language.replace("_", "-"),
        **ui_strings(),
        **plural_strings(language),
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
        app.add_js_file(JS_FILE, loading_method="defer", **script_attributes(app.config))


def register(app: Sphinx) -> None:
    """The ``quiz_feedback`` setting and the hooks that put the assets into HTML pages."""
    add_config_value(
        app,
        "quiz_feedback",
        "choices",
        "html",
        ENUM(*FEEDBACK),
        "What Check shows: verdicts on the reader's choices ('choices') or on every statement and the answer ('all').",
    )
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_assets)
