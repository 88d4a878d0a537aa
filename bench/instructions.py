"""Instructions, not seconds: the quiz book against plain MyST, under Valgrind.

On a shared machine the CPU time of one build swings by 15 % from one round
to the next, more than the difference this benchmark looks for. Valgrind's
``cachegrind`` counts the machine instructions a build executes instead;
that count is the same from run to run (to a few parts in a million), so one
build of each book gives a ratio that holds. It leaves out what instructions
do not show (cache misses, memory bandwidth), which is why ``build.py``'s
CPU times are reported too.

The two books (``bench/generate.py``: the quiz directive, and the same text
as plain MyST) are built side by side, one process each, with a fixed hash
seed, twice: to HTML, and with Sphinx's ``dummy`` builder, which reads and
resolves every page but writes nothing. The difference splits a quiz's cost
into reading (parsing, the directives, transforms, resolving) and writing
its HTML. The split's builds run with the garbage collector off (the moment
a collection falls moves a count by tens of millions of instructions); the
headline ratio is the HTML build as a reader's build runs it, collector on.
A build runs about 50 times slower under Valgrind: 100 pages take ten
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
from typing import Any

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


def start(python: str, src: Path, pythonpath: str = "", builder: str = "html") -> subprocess.Popen[str]:
    """Build *src* under cachegrind, in the background (with *pythonpath*
    first on the path, for another revision's extension)."""
    out = src / "_build"
    shutil.rmtree(out, ignore_errors=True)
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    command += [python, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)]
    env = dict(os.environ, PYTHONHASHSEED="0", **({"PYTHONPATH": pythonpath} if pythonpath else {}))
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def instructions(process: subprocess.Popen[str]) -> int:
    """The instruction count Valgrind reports for a finished build."""
    _out, err = process.communicate()
    found = _REFS.search(err)
    if process.returncode or found is None:
        raise SystemExit(f"build failed ({process.returncode}):\n{err[-2000:]}")
    return int(found.group(1).replace(",", ""))


def without_collector(src: Path) -> Path:
    """A copy of the book *src* that builds with the garbage collector off."""
    copy = src.parent / f"{src.name}-nogc"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("_build"))
    conf = copy / "conf.py"
    conf.write_text("import gc\n\ngc.disable()\n" + conf.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def arguments(description: str, pages: int, argv: list[str] | None) -> argparse.Namespace:
    """The command line of a script that counts books under Valgrind, once
    Valgrind is found and the extension's bytecode written."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=pages)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    compile_extension(args.python)
    return args


def count_books(python: str, work: Path, pages: int, quizzes: int, side_by_side: bool = True) -> dict[str, Any]:
    """The quiz book and the same text as plain MyST, *pages* x *quizzes*,
    each counted under Valgrind three ways: built to HTML as a reader's build
    runs (``html``), and with the garbage collector off, to HTML (``quiet``)
    and with the ``dummy`` builder, reading and resolving only (``read``).
    *side_by_side*: one process a book at once, else one after the other."""
    books = {}
    for flavour in ("quiz", "plain"):
        src = work / f"instructions-{flavour}-{pages}x{quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, pages, quizzes, flavour)
        books[flavour] = src
    quiet = {flavour: without_collector(src) for flavour, src in books.items()}
    runs = {"html": (books, "html"), "quiet": (quiet, "html"), "read": (quiet, "dummy")}
    at_once = 2 if side_by_side else 1
    return {name: count_all(python, sources, builder, at_once) for name, (sources, builder) in runs.items()}


def count_all(python: str, books: dict[str, Path], builder: str = "html", at_once: int = 2) -> dict[str, int]:
    """The instructions of one Valgrind build of each book, *at_once* builds
    at a time (one a core: Valgrind's counts do not depend on the load)."""
    names = list(books)
    counts: dict[str, int] = {}
    for group in (names[i : i + at_once] for i in range(0, len(names), at_once)):
        running = {name: start(python, books[name], builder=builder) for name in group}
        counts.update({name: instructions(process) for name, process in running.items()})
    return counts


def main(argv: list[str] | None = None) -> None:
    """Command line: build both books under Valgrind, print the ratio and the split."""
    args = arguments(__doc__, 100, argv)
    counted = count_books(args.python, args.workdir.resolve(), args.pages, args.quizzes)
    counts = counted["html"]
    quizzes = args.pages * args.quizzes
    print(f"`python bench/instructions.py --pages {args.pages} --quizzes {args.quizzes}`\n")
    print("| book | instructions | ratio | collector off: HTML | read and resolve only |")
    print("|---|---|---|---|---|")
    for flavour, count in counts.items():
        cells = [f"{count / 1e9:.2f} G", f"{count / counts['plain']:.3f}"]
        cells += [f"{counted[way][flavour] / 1e9:.2f} G" for way in ("quiet", "read")]
        print(f"| {flavour} | " + " | ".join(cells) + " |")

    def per_quiz(way: str) -> float:
        return (counted[way]["quiz"] - counted[way]["plain"]) / quizzes

    read, whole = per_quiz("read"), per_quiz("quiet")
    print(f"\nquiz/plain: {counts['quiz'] / counts['plain']:.3f}; a quiz costs, beyond its text in plain MyST")
    print(f"(collector off): {whole / 1e6:.1f} M instructions, of which {read / 1e6:.1f} M reading and")
    print(f"resolving (start-up included) and {(whole - read) / 1e6:.1f} M writing HTML")


if __name__ == "__main__":
    main()
