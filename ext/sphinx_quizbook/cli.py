"""The ``sphinx-quizbook`` command.

``sphinx-quizbook import SOURCE... --to DIR`` turns question documents into
quiz pages (see :mod:`sphinx_quizbook.importer`). Exit status: 0 when every
document was converted or already up to date, 1 when any was reported, 2 for
a usage error or a missing dependency.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx import locale as sphinx_locale

from . import __version__
from .importer import import_documents
from .messages import CATALOG, LOCALE_DIR, __


def _init_translations() -> None:
    """Speak the user's language: our console catalog, in the language gettext
    reads from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).

    Not ``sphinx.locale.init_console``: it asks Python's locale module, which
    reads C.UTF-8 as en_US and ignores LANGUAGE.
    """
    sphinx_locale.init([LOCALE_DIR], None, CATALOG, "console")


def _parser() -> argparse.ArgumentParser:
    # argparse formats its texts with regular expressions: they must be str,
    # not the lazy translations ``__`` returns.
    parser = argparse.ArgumentParser(
        prog="sphinx-quizbook",
        description=str(__("Tools for sphinx-quizbook books.")),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    importing = commands.add_parser(
        "import",
        help=str(__("turn question documents into quiz pages")),
        description=str(
            __(
                "Turn Markdown question documents (a '# title', the prompt, a '- [x]' / '- [ ]' list, "
                "'## Answer', '## Readings') into MyST pages that use the quiz directive."
            )
        ),
    )
    importing.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SOURCE",
        help=str(__("a question document, or a folder: every .md file under it")),
    )
    importing.add_argument("--to", required=True, type=Path, metavar="DIR", help=str(__("where to write the pages")))
    importing.add_argument(
        "--force",
        action="store_true",
        help=str(__("replace pages that differ from what the import writes (they may have been edited)")),
    )
    importing.add_argument("-q", "--quiet", action="store_true", help=str(__("report problems only")))
    return parser


def _import(args: argparse.Namespace) -> int:
    try:
        outcome = import_documents(args.sources, args.to, force=args.force)
    except RuntimeError as error:  # myst-parser missing
        print(error, file=sys.stderr)
        return 2
    if not args.quiet:
        for path in outcome.written:
            print(__("wrote %s") % path)
        for path in outcome.unchanged:
            print(__("unchanged %s") % path)
    for warning in outcome.warnings:
        print(__("warning: %s") % warning, file=sys.stderr)
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    return 1 if outcome.problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line *argv* (default: ``sys.argv[1:]``); return the exit status."""
    _init_translations()
    args = _parser().parse_args(argv)
    if args.command == "import":
        return _import(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
