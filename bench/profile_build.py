"""Profile a build of a synthetic quiz book: where does the quiz's own time go?

Builds the quiz book (``bench/generate.py``) and, with ``--compare``, the
same text as plain MyST, each under cProfile in a fresh process, and prints:

- the functions of sphinx-quizbook with the most cumulative time, and the
  extension's share of the build (its entry points only, so that nested
  calls are not counted twice);
- with ``--compare``, where the quiz book spends CPU beyond plain MyST: the
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
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

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


def profile_book(python: str, src: Path, out: Path) -> pstats.Stats:
    """Build *src* under cProfile in a fresh process; its statistics."""
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
    subprocess.run(command, check=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    return pstats.Stats(str(out))


def _table(stats: pstats.Stats) -> dict[Key, tuple[float, float, int]]:
    """function -> (own time, cumulative time, calls)."""
    return {key: (tt, ct, nc) for key, (_cc, nc, tt, ct, _callers) in stats.stats.items()}  # type: ignore[attr-defined]


def compare(quiz: pstats.Stats, plain: pstats.Stats, top: int) -> None:
    """Print where the quiz book spends more than the plain one."""
    ours, theirs = _table(quiz), _table(plain)
    total = quiz.total_tt - plain.total_tt  # type: ignore[attr-defined]
    print(f"\n### quiz book against plain MyST under cProfile: {total:+.2f} s\n")
    by_package: dict[str, float] = {}
    for key in ours.keys() | theirs.keys():
        grown = ours.get(key, (0.0, 0.0, 0))[0] - theirs.get(key, (0.0, 0.0, 0))[0]
        by_package[package(key[0])] = by_package.get(package(key[0]), 0.0) + grown
    print("own time grown, by package:\n\n| package | seconds | share of the difference |\n|---|---|---|")
    for name, grown in sorted(by_package.items(), key=lambda item: -item[1]):
        print(f"| {name} | {grown:+.2f} | {100 * grown / total:+.0f} % |")
    grown_own = sorted(
        ((ours.get(k, (0.0, 0.0, 0))[0] - theirs.get(k, (0.0, 0.0, 0))[0], k) for k in ours.keys() | theirs.keys()),
        reverse=True,
    )
    print(f"\nthe {top} functions whose own time grew most:\n")
    print("| seconds | calls quiz / plain | package | function |\n|---|---|---|---|")
    for grown, key in grown_own[:top]:
        calls = f"{ours.get(key, (0, 0, 0))[2]} / {theirs.get(key, (0, 0, 0))[2]}"
        print(f"| {grown:+.3f} | {calls} | {package(key[0])} | `{label(key)}` |")
    passes = [
        (ours[key][1] - theirs.get(key, (0.0, 0.0, 0))[1], key)
        for key in ours
        if key[2] in _PASS_FUNCTIONS and package(key[0]) in {"sphinx", "docutils", "myst"}
    ]
    print(f"\npasses (transforms, visitors, parsers) whose cumulative time grew most, top {top}:\n")
    print("| seconds | quiz | plain | function |\n|---|---|---|---|")
    for grown, key in sorted(passes, reverse=True)[:top]:
        print(f"| {grown:+.3f} | {ours[key][1]:.3f} | {theirs.get(key, (0, 0.0, 0))[1]:.3f} | `{label(key)}` |")


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
    profiles = {}
    for flavour in ("quiz", "plain") if args.compare else ("quiz",):
        src = work / f"profile-{flavour}-{args.pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, args.pages, args.quizzes, flavour)
        profiles[flavour] = profile_book(args.python, src, work / f"profile-{flavour}-{args.pages}x{args.quizzes}.prof")
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
