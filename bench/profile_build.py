"""Profile a build of a synthetic quiz book: where does the quiz's own time go?

Builds the quiz book (``bench/generate.py``) and, with ``--compare``, the
same text as plain MyST, each under cProfile in a fresh process, and prints:

- the functions of sphinx-quizbook with the most cumulative time, and the
  extension's share of the build (its entry points only, so that nested
  calls are not counted twice);
- with ``--compare``, where the quiz book spends CPU beyond plain MyST (the
  two books are built side by side, so that they share the machine's load,
  and the quiz book's times are scaled by the ratio of the two profiles on
  the theme's work, which is the same in both): the
  functions whose own time grew most, each named with its package, and the
  passes over the doctree (Sphinx's and docutils' transforms, post-transforms
  and visitors, MyST's parser) whose cumulative time grew, which is what the
  extra nodes of a quiz cost outside our code.

cProfile slows a build about twofold and weighs small functions more than
big ones, so its figures point at places; ``bench/build.py`` and
``bench/instructions.py`` say what a change is worth.

Usage::

    python bench/profile_build.py --pages 100 --quizzes 3 --compare
    python bench/profile_build.py --pages 1 --quizzes 200      # one long page
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from instructions import compile_extension

HERE = Path(__file__).parent
OURS = "sphinx_quizbook"
#: How a function's file names its package, most specific first.
_PACKAGES = (
    (OURS, "ours"),
    ("/sphinx/", "sphinx"),
    ("/docutils/", "docutils"),
    ("/myst_parser/", "myst"),
    ("/markdown_it/", "markdown-it"),
    ("/furo/", "furo"),
    ("/jinja2/", "jinja2"),
    ("/pygments/", "pygments"),
    ("/bs4/", "bs4"),
)
#: Functions whose cumulative time is one pass over a doctree, or a part of
#: reading or writing that every node pays for.
_PASS_FUNCTIONS = {"apply", "run", "walkabout", "dispatch_visit", "dispatch_departure", "parse", "feed", "write"}

Key = tuple[str, int, str]
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
#: Packages whose work is the same in the quiz book and the plain one.
_SAME_WORK = {"bs4", "jinja2", "furo", "soupsieve", "markupsafe"}


def package(filename: str) -> str:
    """The package a function's file belongs to, for grouping."""
    for marker, name in _PACKAGES:
        if marker in filename:
            return name
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith("~") or filename.startswith("<"):
        return "built-in"
    return "stdlib" if "/lib/python3" in filename else "other"


def label(key: Key) -> str:
    """``sphinx/transforms/__init__.py:123(apply)``, short."""
    filename, line, function = key
    for marker in ("site-packages/", "/ext/", "/lib/python3.11/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({function})"


def quiz_share(stats: pstats.Stats) -> tuple[float, float]:
    """(seconds in the quiz directive, its transform and its visitors; whole build)."""
    own = 0.0
    for (filename, _line, _function), (_cc, _nc, _tt, cumulative, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if OURS not in filename:
            continue
        # Count only entry points called from outside the extension, so that
        # nested calls are not counted twice.
        if not any(OURS in caller[0] for caller in callers):
            own += cumulative
    return own, stats.total_tt  # type: ignore[attr-defined]


def start_profile(python: str, src: Path, out: Path) -> subprocess.Popen[bytes]:
    """Start building *src* under cProfile in a fresh process."""
    shutil.rmtree(src / "_build", ignore_errors=True)
    code = (
        "import cProfile, sys\n"
        "from sphinx.cmd.build import build_main\n"
        "profiler = cProfile.Profile()\n"
        "status = profiler.runcall(build_main, ['-q', '-b', 'html', sys.argv[1], sys.argv[2]])\n"
        "profiler.dump_stats(sys.argv[3])\n"
        "sys.exit(status)\n"
    )
    command = [python, "-c", code, str(src), str(src / "_build"), str(out)]
    return subprocess.Popen(command, env=dict(os.environ, PYTHONHASHSEED="0"))


def _table(stats: pstats.Stats) -> dict[Key, tuple[float, float, int]]:
    """function -> (own time, cumulative time, calls).

    A built-in's name holds its type's address, which differs between two
    processes: it is left out, so that the two profiles' keys meet.
    """
    table: dict[Key, tuple[float, float, int]] = {}
    for (filename, line, function), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = (filename, line, _ADDRESS.sub("", function))
        old = table.get(key, (0.0, 0.0, 0))
        table[key] = (old[0] + tt, old[1] + ct, old[2] + nc)
    return table


def load_factor(ours: dict[Key, tuple[float, float, int]], theirs: dict[Key, tuple[float, float, int]]) -> float:
    """How much slower the quiz book's profile ran than the plain one's, on the same work.

    The theme's work (Furo's navigation, its templates) is the same in both
    books: functions of those packages called as often in both should take
    as long. On a busy machine they do not; the quiz book's times are divided
    by this factor before they are compared.
    """
    same = [key for key in ours if package(key[0]) in _SAME_WORK and key in theirs and ours[key][2] == theirs[key][2]]
    mine, other = sum(ours[key][0] for key in same), sum(theirs[key][0] for key in same)
    return mine / other if other else 1.0


def compare(quiz: pstats.Stats, plain: pstats.Stats, top: int) -> None:
    """Print where the quiz book spends more than the plain one."""
    ours, theirs = _table(quiz), _table(plain)
    factor = load_factor(ours, theirs)
    nothing = (0.0, 0.0, 0)
    grown = {
        key: ours.get(key, nothing)[0] / factor - theirs.get(key, nothing)[0] for key in ours.keys() | theirs.keys()
    }
    total = sum(grown.values())
    print(f"\n### quiz book against plain MyST under cProfile: {total:+.2f} s\n")
    print(f"(quiz book's times divided by {factor:.3f}, the ratio of the two profiles on the theme's same work)\n")
    by_package: dict[str, float] = {}
    for key, seconds in grown.items():
        by_package[package(key[0])] = by_package.get(package(key[0]), 0.0) + seconds
    print("own time grown, by package:\n\n| package | seconds | share of the difference |\n|---|---|---|")
    for name, seconds in sorted(by_package.items(), key=lambda item: -item[1]):
        if abs(seconds) >= 0.005 * abs(total):
            print(f"| {name} | {seconds:+.2f} | {100 * seconds / total:+.0f} % |")
    print(f"\nthe {top} functions whose own time grew most:\n")
    print("| seconds | calls quiz / plain | package | function |\n|---|---|---|---|")
    for key, seconds in sorted(grown.items(), key=lambda item: -item[1])[:top]:
        calls = f"{ours.get(key, nothing)[2]} / {theirs.get(key, nothing)[2]}"
        print(f"| {seconds:+.3f} | {calls} | {package(key[0])} | `{label(key)}` |")
    passes = [
        (ours[key][1] / factor - theirs.get(key, nothing)[1], key)
        for key in ours
        if key[2] in _PASS_FUNCTIONS and package(key[0]) in {"sphinx", "docutils", "myst"}
    ]
    print(f"\npasses (transforms, visitors, parsers) whose cumulative time grew most, top {top}:\n")
    print("| seconds | quiz | plain | calls quiz / plain | function |\n|---|---|---|---|---|")
    for seconds, key in sorted(passes, reverse=True)[:top]:
        calls = f"{ours[key][2]} / {theirs.get(key, nothing)[2]}"
        row = f"{ours[key][1] / factor:.3f} | {theirs.get(key, nothing)[1]:.3f} | {calls}"
        print(f"| {seconds:+.3f} | {row} | `{label(key)}` |")


def main(argv: list[str] | None = None) -> None:
    """Command line: build under cProfile and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--compare", action="store_true", help="against the same text as plain MyST")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    work = args.workdir.resolve()
    compile_extension(args.python)
    running = {}
    for flavour in ("quiz", "plain") if args.compare else ("quiz",):
        src = work / f"profile-{flavour}-{args.pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, args.pages, args.quizzes, flavour)
        out = work / f"profile-{flavour}-{args.pages}x{args.quizzes}.prof"
        # Side by side: the two builds share the machine's load of the moment.
        running[flavour] = (start_profile(args.python, src, out), out)
    profiles = {}
    for flavour, (process, out) in running.items():
        if process.wait():
            raise SystemExit(f"{flavour}: the build failed ({process.returncode})")
        profiles[flavour] = pstats.Stats(str(out))
    quiz = profiles["quiz"]
    print(f"`python bench/profile_build.py --pages {args.pages} --quizzes {args.quizzes}{' --compare' * args.compare}`")
    out = io.StringIO()
    quiz.stream = out  # type: ignore[attr-defined]
    quiz.sort_stats("cumulative").print_stats(OURS, args.top)
    text = out.getvalue()
    print("\n" + ("ncalls" + text.split("ncalls", 1)[1] if "ncalls" in text else ""))
    own, total = quiz_share(quiz)
    print(f"{args.pages} pages x {args.quizzes} quizzes: build {total:.2f} s under cProfile,")
    print(f"of which sphinx-quizbook's own entry points {own:.2f} s ({100 * own / total:.1f} %)")
    if args.compare:
        compare(quiz, profiles["plain"], args.top)


if __name__ == "__main__":
    main()
