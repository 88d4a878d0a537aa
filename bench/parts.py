"""What each part of a quiz's own work costs, counted in instructions.

The quiz book (``bench/generate.py``) is built under Valgrind once as it is
and once with each part below switched off (a few lines appended to its
``conf.py`` replace that part with nothing), garbage collector off, beside
plain MyST (see ``bench/instructions.py``). What switching a part off saves,
divided by the number of quizzes, is that part's cost a quiz. A part that is
off changes what the page says (no answer key, no warnings), so these
books are for measuring only.

``quiz``
    everything on.
``no-key-html``
    the HTML writer leaves out the answer key's line for each statement (its
    verdict and the copy of the statement's words).
``no-finish``
    no ``FinishQuizzes``: the key's copies are not made, so not written
    either (this includes ``no-key-html``).
``no-body-checks``
    no checks on the quiz's body (``quiz_body.check_body``: a quiz in a
    quiz, fences, headings, a list indented into code).
``no-statement-checks``
    no check for a statement of invisible characters or a repeated one.
``no-disarm``
    ``QuizChecks`` neither disarms raw markup and unsafe links nor looks for
    a title that repeats the page's heading (the domain still records each
    quiz).

Usage::

    python bench/parts.py --pages 12 --quizzes 3
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from instructions import arguments, count_all, without_collector

#: Each part, as the lines that switch it off (appended to conf.py, which
#: Sphinx runs before it loads the extension's setup).
SWITCHED_OFF = {
    "quiz": "",
    "no-key-html": """
from docutils import nodes as _nodes
from sphinx_quizbook import html as _html, nodes as _qn

def _skip(self, node):
    raise _nodes.SkipNode

_html.VISITORS[_qn.quiz_key_statement] = (_skip, None)
""",
    "no-finish": """
from sphinx_quizbook import finish as _finish

_finish.FinishQuizzes.run = lambda self, **kwargs: None
""",
    "no-body-checks": """
from sphinx_quizbook import directives as _directives

_directives.check_body = lambda directive, body, quiz: False
""",
    "no-statement-checks": """
from sphinx_quizbook import directives as _directives, statements as _statements

_directives.warn_repeats = lambda statements: None
_statements.has_visible_text = lambda text: True
""",
    "no-disarm": """
from sphinx_quizbook import checks as _checks

_checks.QuizChecks._disarm = lambda self, quiz: None
_checks._mark_echoed_title = lambda quiz: None
""",
}


def books(work: Path, pages: int, quizzes: int) -> dict[str, Path]:
    """Plain MyST and every variant of the quiz book, collector off, by name."""
    made = {}
    for name in ("plain", *SWITCHED_OFF):
        src = work / f"parts-{name}-{pages}x{quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, pages, quizzes, "plain" if name == "plain" else "quiz")
        conf = src / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + SWITCHED_OFF.get(name, ""), encoding="utf-8")
        made[name] = without_collector(src)
    return made


def main(argv: list[str] | None = None) -> None:
    """Command line: build every variant under Valgrind, two at a time; print the table."""
    args = arguments(__doc__, 12, argv)
    counts = count_all(args.python, books(args.workdir.resolve(), args.pages, args.quizzes))
    quizzes = args.pages * args.quizzes
    plain, quiz = counts["plain"], counts["quiz"]
    print(f"`python bench/parts.py --pages {args.pages} --quizzes {args.quizzes}` (garbage collector off)\n")
    print(f"plain MyST: {plain / 1e9:.3f} G; the quiz book: {quiz / 1e9:.3f} G, {(quiz - plain) / quizzes / 1e6:.2f} M")
    print("a quiz beyond plain\n")
    print("| switched off | instructions | a quiz beyond plain | the part's cost a quiz |")
    print("|---|---|---|---|")
    for name in SWITCHED_OFF:
        if name == "quiz":
            continue
        count = counts[name]
        beyond, saved = (count - plain) / quizzes, (quiz - count) / quizzes
        print(f"| {name} | {count / 1e9:.3f} G | {beyond / 1e6:+.2f} M | {saved / 1e6:.2f} M |")


if __name__ == "__main__":
    main()
