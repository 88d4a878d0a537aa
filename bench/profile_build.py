"""Profile a build of a synthetic quiz book: where does the quiz's own time go?

Builds a generated book (``bench/generate.py``) in this process under
cProfile and prints, for the whole build and for the functions of
sphinx-quizbook only, the functions with the most cumulative time, and the
quiz's share of the build.

Usage::

    python bench/profile_build.py --pages 100 --quizzes 3
    python bench/profile_build.py --pages 1 --quizzes 200      # one long page
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent


def quiz_share(stats: pstats.Stats) -> tuple[float, float]:
    """(seconds in the quiz directive, its transform and its visitors; whole build)."""
    own = 0.0
    for (filename, _line, _function), (_cc, _nc, _tt, cumulative, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "sphinx_quizbook" not in filename:
            continue
        # Count only entry points called from outside the extension, so that
        # nested calls are not counted twice.
        if not any("sphinx_quizbook" in caller[0] for caller in callers):
            own += cumulative
    return own, stats.total_tt  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> None:
    """Command line: build under cProfile and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    src = args.workdir.resolve() / f"profile-{args.pages}x{args.quizzes}"
    shutil.rmtree(src, ignore_errors=True)
    generate(src, args.pages, args.quizzes, "quiz")
    from sphinx.cmd.build import build_main

    profiler = cProfile.Profile()
    profiler.enable()
    status = build_main(["-q", "-b", "html", str(src), str(src / "_build")])
    profiler.disable()
    if status:
        raise SystemExit(status)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    own, total = quiz_share(stats)
    stats.sort_stats("cumulative").print_stats("sphinx_quizbook", args.top)
    print(out.getvalue().split("ncalls", 1)[-1].join(["ncalls", ""]) if "ncalls" in out.getvalue() else "")
    print(f"{args.pages} pages x {args.quizzes} quizzes: build {total:.2f} s under cProfile, ")
    print(f"of which sphinx-quizbook's own entry points {own:.2f} s ({100 * own / total:.1f} %)")


if __name__ == "__main__":
    main()
