"""Instructions, not seconds: the quiz book against plain MyST, under Valgrind.

On a shared machine the CPU time of one build swings by 15 % from one round
to the next, more than the difference this benchmark looks for. Valgrind's
``cachegrind`` counts the machine instructions a build executes instead;
that count is the same from run to run (to a few parts in a million), so one
build of each book gives a ratio that holds. It leaves out what instructions
do not show (cache misses, memory bandwidth), which is why ``build.py``'s
CPU times are reported too.

The three books (``bench/generate.py``: the quiz directive, the same text as
plain MyST, and plain MyST with the quiz's directive fences) are built side
by side, one process each, with a fixed hash seed. A build runs about 50 times slower under Valgrind: 100 pages take ten
minutes.

Usage::

    python bench/instructions.py --pages 100 --quizzes 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def compile_extension(python: str, pythonpath: str = "") -> None:
    """Write the extension's bytecode before any measured build.

    An installed package comes with its bytecode; a checkout, or an editable
    install, gets it on its first import, unless ``PYTHONDONTWRITEBYTECODE``
    is set (as on some CI and container images): then every build compiles
    the extension's modules again, 0.2 to 0.4 s of CPU that plain MyST, whose
    packages come compiled, does not pay: 2 % of a 100-page build.
    """
    code = "import os, sphinx_quizbook; print(os.path.dirname(sphinx_quizbook.__file__))"
    env = dict(os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {}))
    package = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True, stdout=subprocess.DEVNULL)


def start(python: str, src: Path, pythonpath: str = "") -> subprocess.Popen[str]:
    """Build *src* to HTML under cachegrind, in the background (with
    *pythonpath* first on the path, for another revision's extension)."""
    out = src / "_build"
    shutil.rmtree(out, ignore_errors=True)
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    command += [python, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)]
    env = dict(os.environ, PYTHONHASHSEED="0", **({"PYTHONPATH": pythonpath} if pythonpath else {}))
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def instructions(process: subprocess.Popen[str]) -> int:
    """The instruction count Valgrind reports for a finished build."""
    _out, err = process.communicate()
    found = _REFS.search(err)
    if process.returncode or found is None:
        raise SystemExit(f"build failed ({process.returncode}):\n{err[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> None:
    """Command line: build the three books under Valgrind, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    compile_extension(args.python)
    books = {}
    for flavour in ("quiz", "fenced", "plain"):
        src = args.workdir.resolve() / f"instructions-{flavour}-{args.pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, args.pages, args.quizzes, flavour)
        books[flavour] = src
    running = {flavour: start(args.python, src) for flavour, src in books.items()}
    counts = {flavour: instructions(process) for flavour, process in running.items()}
    ratio = counts["quiz"] / counts["plain"]
    print(f"`python bench/instructions.py --pages {args.pages} --quizzes {args.quizzes}`\n")
    print("| book | instructions | ratio |")
    print("|---|---|---|")
    for flavour, count in counts.items():
        print(f"| {flavour} | {count / 1e9:.2f} G | {count / counts['plain']:.3f} |")
    quizzes = args.pages * args.quizzes
    per_quiz = (counts["quiz"] - counts["plain"]) / quizzes
    fences = (counts["fenced"] - counts["plain"]) / quizzes
    print(f"\nquiz/plain: {ratio:.3f}; {per_quiz / 1e6:.1f} M instructions more a quiz, everything included:")
    print(f"{fences / 1e6:.1f} M for MyST's parsing of its nested fences (fenced - plain),")
    print(f"{(per_quiz - fences) / 1e6:.1f} M for the extension's own work and start-up (quiz - fenced)")


if __name__ == "__main__":
    main()
