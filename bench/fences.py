"""What a quiz's directive fences cost, counted in instructions.

The previous release read the ``fenced`` book (``bench/generate.py``: plain
MyST with every fence of a quiz kept, each a docutils ``container``) as the
floor under any quiz written as directives. This script takes that book
apart, one fence at a time, and builds each variant once under Valgrind,
garbage collector off (see ``bench/instructions.py``):

``plain``
    the baseline: the same text without any fence.
``fenced``
    every fence kept: the quiz, its answer, its readings, its explanations.
``outer``
    only each quiz's own fence; the text of its parts sits in it unfenced.
``outer-unnamed``
    the same without the ``:name:`` option.
``unfenced``
    no fence at all, the fences' lines left blank (so line numbers hold).
``quiz``
    the ``quiz`` directive.
``quiz-parse-only``
    the ``quiz`` directive reduced to parsing its content into its node
    (the answer, readings and explanations still go through their own
    directives), and the checks after reading switched off (they would warn
    six times a quiz about parts outside a quiz, and warnings cost): what
    the quiz's nested parsing costs, and nothing of the sorting, checks,
    answer key and HTML that make it a quiz.

Each variant is printed with its ratio to plain and its cost a quiz.

Usage::

    python bench/fences.py --pages 12 --quizzes 3
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from instructions import arguments, count_all, without_collector

HERE = Path(__file__).parent
# The fences of a quiz's parts in the fenced book: its answer's and readings'
# at the margin, its explanations' in a statement's item (two spaces in). A
# code block's fence in the answer is never one of these.
_PART_FENCES = re.compile(r"^(?::::\{container\}|:::|  ```\{container\}|  ```)$", re.MULTILINE)
_QUIZ_FENCES = re.compile(r"^::::(?:\{container\})?$", re.MULTILINE)
_NAME = re.compile(r"^:name: .*\n", re.MULTILINE)
# Appended to the quiz book's conf.py: the directive parses, and that is all.
_PARSE_ONLY = """

def setup(app):
    from docutils import nodes
    from sphinx_quizbook import checks, directives

    def run(self):
        body = directives.attached(nodes.container(), self)
        self.state.nested_parse(self.content, self.content_offset, body)
        return [body]

    directives.QuizDirective.run = run
    checks.QuizChecks.apply = lambda self, **kwargs: None
"""


def _rewrite(src: Path, copy: Path, *changes: tuple[re.Pattern[str], str]) -> Path:
    """A copy of the book *src* with each page's text changed by *changes*."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("_build"))
    for page in copy.glob("p*.md"):
        text = page.read_text(encoding="utf-8")
        for pattern, replacement in changes:
            text = pattern.sub(replacement, text)
        page.write_text(text, encoding="utf-8")
    return copy


def books(work: Path, pages: int, quizzes: int) -> dict[str, Path]:
    """Every variant's source, by name."""
    made = {}
    for flavour in ("plain", "fenced", "quiz"):
        made[flavour] = work / f"fences-{flavour}-{pages}x{quizzes}"
        shutil.rmtree(made[flavour], ignore_errors=True)
        generate(made[flavour], pages, quizzes, flavour)
    fenced = made["fenced"]
    made["outer"] = _rewrite(fenced, work / "fences-outer", (_PART_FENCES, ""))
    made["outer-unnamed"] = _rewrite(made["outer"], work / "fences-outer-unnamed", (_NAME, ""))
    made["unfenced"] = _rewrite(made["outer-unnamed"], work / "fences-unfenced", (_QUIZ_FENCES, ""))
    parse_only = _rewrite(made["quiz"], work / "fences-quiz-parse-only")
    conf = parse_only / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + _PARSE_ONLY, encoding="utf-8")
    made["quiz-parse-only"] = parse_only
    return made


def main(argv: list[str] | None = None) -> None:
    """Command line: build every variant under Valgrind, two at a time; print the table."""
    args = arguments(__doc__, 12, argv)
    quiet = {
        name: without_collector(src) for name, src in books(args.workdir.resolve(), args.pages, args.quizzes).items()
    }
    counts = count_all(args.python, quiet)
    quizzes = args.pages * args.quizzes
    print(f"`python bench/fences.py --pages {args.pages} --quizzes {args.quizzes}` (garbage collector off)\n")
    print("| book | instructions | ratio to plain | a quiz, beyond plain |")
    print("|---|---|---|---|")
    for name in ("plain", "unfenced", "outer-unnamed", "outer", "fenced", "quiz-parse-only", "quiz"):
        extra = (counts[name] - counts["plain"]) / quizzes
        cells = f"{counts[name] / 1e9:.3f} G | {counts[name] / counts['plain']:.3f} | {extra / 1e6:+.2f} M"
        print(f"| {name} | {cells} |")


if __name__ == "__main__":
    main()
