"""Build benchmarks: contenders built in pairs, round after round, reported as per-round ratios.

Every section builds its contenders in turn, round after round, in a
rotating order, and reports the **median of the per-round ratios** with their
spread (lowest to highest, and the quartiles from 4 rounds on). A round's two
builds run close together, so they share the machine's load of the moment:
their ratio holds where the builds' own times swing by 15 %. The headline is
CPU time, user + system, of ``sphinx-build`` and of the workers it reaped
(``os.wait4``); wall time is printed beside it. The extension's bytecode is
written before the first build (see ``instructions.compile_extension``), as
an installed package has it. Sections:

``full``
    a clean HTML build of the quiz book against the same text as plain MyST,
    at every size given to ``--pages`` (target: at most 1.03 at 100, 300 and
    1000 pages x 3 quizzes); TeachBooks-Questions and sphinx-exercise too when
    ``--others-python`` has them. Prints the cost of a quiz in milliseconds
    of CPU and, with ``--instructions``, in instructions (Valgrind; one build
    of each book, since the count does not move with the machine's load),
    split into reading and writing (``bench/instructions.py``).
``memory``
    the quiz book with a catalog (``quizindex``) against the same book without:
    the build process's peak resident memory (target: within 3 % at 1000
    pages). ``bench/memory.py`` says where a difference goes.
``incremental``
    the quiz book with a catalog and the plain book, both built, then one page
    touched in both and built again: the quiz book must write the same files
    as the plain one; then a quiz added to that page in both: the same files
    plus the catalog page. Also the CPU time of the rebuild against a clean
    build.
``parallel``
    ``-j 3`` against ``-j 1``: time, and peak memory (the largest process,
    and the whole process tree sampled ten times a second).
``versions``
    this checkout's extension against another revision's (``--against REV``,
    any git revision; its ``ext/`` is taken with ``git archive``) on the same
    quiz book, built without explanations, which revisions before the
    ``explanation`` directive read differently: is a change slower than what
    came before? CPU time, and with ``--instructions`` one Valgrind count of
    each, with the garbage collector off in both (the moment a collection
    falls shifts the count by up to 1 % from one revision to the next).
``nav``
    Furo's navigation: a flat toctree, chapters, and chapters with the
    navigation collapsed to the current chapter.

Usage::

    python bench/build.py                                  # 30 pages x 3 quizzes: full, memory, incremental
    python bench/build.py --pages 100,300,1000 --rounds 5 --sections full
    python bench/build.py --pages 100 --instructions       # and instructions under Valgrind
    python bench/build.py --pages 1000 --sections memory
    python bench/build.py --sections full --others-python /tmp/venv/bin/python
    python bench/build.py --pages 100 --sections versions --against 7426a12 --instructions

Results are printed as Markdown, ending with each target of issue 14 and
whether it is met, and written to ``bench/out/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import instructions as valgrind
from generate import _quiz_text, generate, render_quiz

HERE = Path(__file__).parent
SECTIONS = ("full", "memory", "incremental", "parallel", "nav", "versions")
DEFAULT_SECTIONS = ("full", "memory", "incremental")
#: The largest ratio to plain MyST (CPU time) and to the book without a catalog (peak memory).
CPU_TARGET = 1.03
MEMORY_TARGET = 1.03
TARGET_SIZES = (100, 300, 1000)


@dataclass
class Run:
    """One build: wall time, CPU time, peak memory, and what it wrote."""

    seconds: float
    #: user + system CPU time of the build and its workers: far less sensitive
    #: than wall time to other work on a shared machine.
    cpu_seconds: float
    max_process_kib: int
    max_tree_kib: int
    returncode: int
    written: list[str] = field(default_factory=list)


@dataclass
class Spread:
    """The median of some per-round values, and how far the rounds spread."""

    median: float
    low: float
    high: float
    #: The quartiles, from 4 rounds on (fewer give no meaningful quartiles).
    q1: float | None
    q3: float | None
    values: list[float]

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        q1 = q3 = None
        if len(values) >= 4:
            q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return cls(statistics.median(values), min(values), max(values), q1, q3, list(values))

    def text(self, digits: int = 3) -> str:
        """``1.031 (1.010–1.052, IQR 1.020–1.040; 5 rounds)``."""
        spread = f"{self.low:.{digits}f}–{self.high:.{digits}f}"
        if self.q1 is not None and self.q3 is not None:
            spread += f", IQR {self.q1:.{digits}f}–{self.q3:.{digits}f}"
        return f"{self.median:.{digits}f} ({spread}; {len(self.values)} rounds)"


def _children_of(pid: int) -> list[int]:
    """Every descendant of *pid*, from /proc (no psutil needed)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                # The command name may hold spaces: the fields start after its ")".
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _tree_rss_kib(pid: int) -> int:
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for member in _children_of(pid):
        try:
            with open(f"/proc/{member}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * page_kib
        except (OSError, ValueError, IndexError):
            continue
    return total


def _snapshot(outdir: Path) -> dict[str, int]:
    if not outdir.exists():
        return {}
    return {str(path.relative_to(outdir)): path.stat().st_mtime_ns for path in outdir.rglob("*") if path.is_file()}


def sphinx_build(
    python: str,
    srcdir: Path,
    outdir: Path,
    doctrees: Path,
    jobs: int = 1,
    clean: bool = True,
    sample: bool = False,
    pythonpath: str = "",
) -> Run:
    """Run one ``sphinx-build -b html`` in a child process and measure it.

    With *sample*, the whole process tree's memory is sampled ten times a
    second (for parallel builds); it costs CPU time, so only then. A
    *pythonpath* comes first on the child's path (another revision's extension).
    """
    if clean:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    before = _snapshot(outdir)
    command = [python, "-m", "sphinx", "-q", "-b", "html", "-d", str(doctrees), "-j", str(jobs)]
    command += [str(srcdir), str(outdir)]
    outdir.parent.mkdir(parents=True, exist_ok=True)
    log = (outdir.parent / f"{outdir.name}.log").open("w")
    start = time.perf_counter()
    env = dict(os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {}))
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    peak = [0]
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    # wait4 gives this child's own usage (with the workers it reaped), not
    # everything this script ever started, as RUSAGE_CHILDREN would.
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if sample:
        thread.join()
    log.close()
    after = _snapshot(outdir)
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss, peak[0], process.returncode, written)


#: Called before every round: the extension's bytecode, written again if a
#: source file changed since (a checkout being edited while the bench runs).
BEFORE_ROUND: list[Callable[[], None]] = []


def interleave(contenders: dict[str, Callable[[], Run]], rounds: int) -> dict[str, list[Run]]:
    """Run every contender once per round, in a rotating order."""
    results: dict[str, list[Run]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        for hook in BEFORE_ROUND:
            hook()
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            run = contenders[name]()
            if run.returncode != 0:
                raise SystemExit(f"{name}: sphinx-build failed ({run.returncode}), see its .log")
            results[name].append(run)
            print(
                f"  round {round_number + 1} {name}: {run.seconds:.2f} s, cpu {run.cpu_seconds:.2f} s,"
                f" {run.max_process_kib / 1024:.0f} MiB",
                file=sys.stderr,
            )
    return results


def median(runs: list[Run], attribute: str = "seconds") -> float:
    """The median of one attribute over runs."""
    return statistics.median(getattr(run, attribute) for run in runs)


def per_round(runs: list[Run], base: list[Run], attribute: str = "cpu_seconds") -> Spread:
    """The ratio of *runs* to *base* in each round, and their spread."""
    return Spread.of(
        [getattr(run, attribute) / getattr(other, attribute) for run, other in zip(runs, base, strict=True)]
    )


def _has_modules(python: str, modules: list[str]) -> bool:
    code = "import " + ", ".join(modules)
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def _full_at(args: argparse.Namespace, work: Path, pages: int) -> dict[str, Any]:
    """One size of the ``full`` section: the contenders' rounds and ratios."""
    contenders: dict[str, Callable[[], Run]] = {}
    skipped = {}
    flavours = {"quiz": args.python, "plain": args.python}
    needs = {"teachbooks": ["teachbooks_questions", "sphinx_design"], "exercise": ["sphinx_exercise"]}
    for flavour, modules in needs.items():
        if args.others_python and _has_modules(args.others_python, ["myst_parser", "furo", *modules]):
            flavours[flavour] = args.others_python
        else:
            skipped[flavour] = "not installed (give --others-python)"
    for flavour, python in flavours.items():
        src = work / f"full-{flavour}-{pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, pages, args.quizzes, flavour)
        contenders[flavour] = partial(sphinx_build, python, src, src / "_build/html", src / "_build/doctrees")
    print(f"full, {pages} pages x {args.quizzes} quizzes ...", file=sys.stderr)
    results = interleave(contenders, args.rounds)
    plain = results["plain"]
    rows = {
        name: {
            "median_cpu_s": median(runs, "cpu_seconds"),
            "cpu_ratio": per_round(runs, plain),
            "median_wall_s": median(runs),
            "wall_ratio": per_round(runs, plain, "seconds"),
        }
        for name, runs in results.items()
    }
    quizzes = pages * args.quizzes
    data: dict[str, Any] = {
        "pages": pages,
        "rows": rows,
        "skipped": skipped,
        "quiz_ms": _ms_a_quiz(results["quiz"], plain, quizzes),
    }
    if args.instructions:
        data["instructions"] = _instructions_at(args, work, pages)
    return data


def _ms_a_quiz(book: list[Run], baseline: list[Run], quizzes: int) -> Spread:
    """The CPU milliseconds a quiz adds to *baseline*, round by round."""
    return Spread.of([1000 * (b.cpu_seconds - a.cpu_seconds) / quizzes for b, a in zip(book, baseline, strict=True)])


def _instructions_at(args: argparse.Namespace, work: Path, pages: int) -> dict[str, Any]:
    """Instructions of one build of each book under Valgrind, and with the
    collector off, split into reading and writing (``bench/instructions.py``)."""
    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed"}
    print(f"instructions, {pages} pages x {args.quizzes} quizzes, under Valgrind ...", file=sys.stderr)
    # One after the other, not side by side: two builds under Valgrind would
    # take both cores of a small machine from the rounds of other work.
    counted = valgrind.count_books(args.python, work, pages, args.quizzes, side_by_side=False)
    counts, read, whole = counted["html"], counted["read"], counted["quiet"]
    quizzes = pages * args.quizzes
    return {
        **counts,
        "ratio": counts["quiz"] / counts["plain"],
        "per_quiz": (counts["quiz"] - counts["plain"]) / quizzes,
        "read_per_quiz": (read["quiz"] - read["plain"]) / quizzes,
        "write_per_quiz": (whole["quiz"] - whole["plain"] - read["quiz"] + read["plain"]) / quizzes,
    }


def section_full(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """The quiz book against plain MyST, at every size asked for."""
    return {"sizes": [_full_at(args, work, pages) for pages in args.pages]}


def section_memory(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Peak memory of the quiz book with a catalog against the same book without, at the largest size."""
    pages = max(args.pages)
    contenders: dict[str, Callable[[], Run]] = {}
    for catalog in (True, False):
        name = "with a catalog" if catalog else "without"
        src = work / f"memory-{'with' if catalog else 'without'}-{pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, pages, args.quizzes, "quiz", catalog=catalog)
        contenders[name] = partial(sphinx_build, args.python, src, src / "_build/html", src / "_build/doctrees")
    print(f"memory, {pages} pages x {args.quizzes} quizzes ...", file=sys.stderr)
    results = interleave(contenders, args.memory_rounds)
    ratio = per_round(results["with a catalog"], results["without"], "max_process_kib")
    rows = {name: {"peak_mib": median(runs, "max_process_kib") / 1024} for name, runs in results.items()}
    return {"pages": pages, "rows": rows, "ratio": ratio}


def _revision_ext(work: Path, revision: str) -> Path:
    """*revision*'s ``ext/`` folder, unpacked under *work* with its bytecode."""
    target = work / f"revision-{revision}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    command = ["git", "-C", str(HERE.parent), "archive", revision, "ext"]
    archive = subprocess.run(command, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "ext"


def section_versions(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """This checkout's extension against *args.against*'s, on one quiz book."""
    if not args.against:
        raise SystemExit("the versions section needs --against REV")
    pages = min(args.pages)
    old = str(_revision_ext(work, args.against))
    valgrind.compile_extension(args.python, old)
    src = work / f"versions-{pages}x{args.quizzes}"
    shutil.rmtree(src, ignore_errors=True)
    generate(src, pages, args.quizzes, "quiz", explanations=False)
    contenders = {
        name: partial(sphinx_build, args.python, src, src / f"_build/{name}", src / f"_build/{name}-doctrees", **extra)
        for name, extra in (("this", {}), (args.against, {"pythonpath": old}))
    }
    print(f"versions, {pages} x {args.quizzes}: this checkout against {args.against} ...", file=sys.stderr)
    results = interleave(contenders, args.rounds)
    data: dict[str, Any] = {
        "pages": pages,
        "against": args.against,
        "cpu_ratio": per_round(results["this"], results[args.against]),
    }
    if args.instructions:
        # Without the garbage collector: see the section's description.
        counted = valgrind.without_collector(src)
        this = valgrind.instructions(valgrind.start(args.python, counted))
        before = valgrind.instructions(valgrind.start(args.python, counted, old))
        data["instructions"] = {"this": this, args.against: before, "ratio": this / before}
    return data


def _add_quiz(path: Path, flavour: str) -> None:
    """Append one more quiz to a page, in *flavour*'s markup (same text in every flavour)."""
    import random

    quiz = render_quiz(flavour, _quiz_text(random.Random(99), 9999, 1))
    with path.open("a", encoding="utf-8") as page:
        page.write("\n## One more\n\n" + quiz)


def section_incremental(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Touch one page, then add a quiz to it: what the quiz book writes against plain MyST."""
    pages = min(args.pages)
    books: dict[str, tuple[Path, str]] = {}
    for flavour in ("quiz", "plain"):
        src = work / f"incremental-{flavour}-{pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        names = generate(src, pages, args.quizzes, flavour, catalog=True)
        books[flavour] = (src, names[len(names) // 2])
    print(f"incremental, {pages} pages x {args.quizzes} quizzes ...", file=sys.stderr)

    def build(flavour: str, clean: bool) -> Run:
        src, _touched = books[flavour]
        run = sphinx_build(args.python, src, src / "_build/html", src / "_build/doctrees", clean=clean)
        if run.returncode:
            raise SystemExit(f"incremental {flavour}: sphinx-build failed, see its .log")
        return run

    def touch_and_rebuild(flavour: str) -> Run:
        src, touched = books[flavour]
        (src / f"{touched}.md").touch()
        return build(flavour, clean=False)

    clean = {flavour: [build(flavour, clean=True)] for flavour in books}
    touched = {flavour: [touch_and_rebuild(flavour)] for flavour in books}
    for _round in range(1, args.incremental_rounds):
        for flavour in books:
            clean[flavour].append(build(flavour, clean=True))
            touched[flavour].append(touch_and_rebuild(flavour))
    added = {}
    for flavour, (src, name) in books.items():
        _add_quiz(src / f"{name}.md", flavour)
        added[flavour] = build(flavour, clean=False).written
    touch_written = {flavour: runs[-1].written for flavour, runs in touched.items()}
    return {
        "pages": pages,
        "touched": f"{books['quiz'][1]}.md",
        "rows": {
            flavour: {
                "clean_cpu_s": median(clean[flavour], "cpu_seconds"),
                "touch_cpu_s": median(touched[flavour], "cpu_seconds"),
                "touch_to_clean": per_round(touched[flavour], clean[flavour]),
            }
            for flavour in books
        },
        "touch": _compare(touch_written["quiz"], touch_written["plain"], set()),
        "add_quiz": _compare(added["quiz"], added["plain"], {"catalog.html"}),
    }


def _compare(quiz: list[str], plain: list[str], expected_extra: set[str]) -> dict[str, Any]:
    """The quiz book's written files against plain MyST's plus *expected_extra*."""
    extra = sorted(set(quiz) - set(plain) - expected_extra)
    missing = sorted((set(plain) | expected_extra) - set(quiz))
    return {
        "written": quiz,
        "plain_written": plain,
        "extra": extra,
        "missing": missing,
        "met": not extra and not missing,
    }


def section_parallel(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """``-j 3`` against ``-j 1`` on the quiz book: time and memory."""
    pages = min(args.pages)
    src = work / f"parallel-quiz-{pages}x{args.quizzes}"
    shutil.rmtree(src, ignore_errors=True)
    generate(src, pages, args.quizzes, "quiz")
    contenders: dict[str, Callable[[], Run]] = {
        f"-j {jobs}": partial(
            sphinx_build,
            args.python,
            src,
            src / f"_build/html-j{jobs}",
            src / f"_build/doctrees-j{jobs}",
            jobs,
            sample=True,
        )
        for jobs in (1, 3)
    }
    print(f"parallel, {pages} pages x {args.quizzes} quizzes ...", file=sys.stderr)
    results = interleave(contenders, args.rounds)
    rows = {
        name: {
            "median_wall_s": median(runs),
            "wall_ratio_to_j1": per_round(runs, results["-j 1"], "seconds"),
            "median_cpu_s": median(runs, "cpu_seconds"),
            "max_process_mib": max(run.max_process_kib for run in runs) / 1024,
            "max_tree_mib": max(run.max_tree_kib for run in runs) / 1024,
        }
        for name, runs in results.items()
    }
    return {"pages": pages, "rows": rows}


def section_nav(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """What the book's own layout can do about Furo's navigation."""
    pages = min(args.pages)
    variants = {
        "flat": ("flat", "full"),
        "chapters": ("chapters", "full"),
        "chapters+collapsed": ("chapters", "collapsed"),
    }
    contenders: dict[str, Callable[[], Run]] = {}
    sources = {}
    for name, (layout, nav) in variants.items():
        src = work / f"nav-{name.replace('+', '-')}"
        shutil.rmtree(src, ignore_errors=True)
        page = generate(src, pages, args.quizzes, "quiz", layout, nav)[0]
        sources[name] = (src, page)
        contenders[name] = partial(sphinx_build, args.python, src, src / "_build/html", src / "_build/doctrees")
    print(f"nav, {pages} pages x {args.quizzes} quizzes ...", file=sys.stderr)
    results = interleave(contenders, args.rounds)
    rows = {}
    for name, runs in results.items():
        src, page = sources[name]
        html = src / "_build/html" / f"{page}.html"
        rows[name] = {
            "median_cpu_s": median(runs, "cpu_seconds"),
            "cpu_ratio_to_flat": per_round(runs, results["flat"]),
            "page_kib": html.stat().st_size / 1024,
        }
    return {"pages": pages, "rows": rows}


def _cell(value: Any) -> str:
    if isinstance(value, Spread):
        return value.text()
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _table(rows: dict[str, dict[str, Any]], first: str = "contender") -> list[str]:
    columns = list(next(iter(rows.values())))
    lines = [f"| {first} | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(_cell(value) for value in row.values()) + " |" for name, row in rows.items()]
    return lines


def _full_markdown(data: dict[str, Any], quizzes: int) -> list[str]:
    lines = []
    for size in data["sizes"]:
        lines += [f"\n#### {size['pages']} pages x {quizzes} quizzes: CPU time, median of per-round ratios\n"]
        lines += _table(size["rows"])
        quiz = size["rows"]["quiz"]["cpu_ratio"]
        lines.append(f"\nper round, quiz/plain CPU: {', '.join(f'{value:.3f}' for value in quiz.values)}")
        lines.append(f"CPU ms a quiz costs beyond its text in plain MyST: {size['quiz_ms'].text(2)}")
        counted = size.get("instructions")
        if counted and "skipped" not in counted:
            lines.append(
                f"instructions (Valgrind, one build each): quiz {counted['quiz'] / 1e9:.2f} G,"
                f" plain {counted['plain'] / 1e9:.2f} G, quiz/plain {counted['ratio']:.3f};"
                f" a quiz {counted['per_quiz'] / 1e6:.2f} M instructions; collector off, reading and"
                f" resolving {counted['read_per_quiz'] / 1e6:.2f} M (start-up included), writing HTML"
                f" {counted['write_per_quiz'] / 1e6:.2f} M"
            )
        elif counted:
            lines.append(f"instructions: {counted['skipped']}")
        for name, why in size["skipped"].items():
            lines.append(f"{name}: {why}")
    return lines


def _incremental_markdown(data: dict[str, Any]) -> list[str]:
    lines = [f"\n#### {data['pages']} pages, {data['touched']} touched, then a quiz added to it\n"]
    lines += _table(data["rows"], "book")
    for key, what in (("touch", "touched"), ("add_quiz", "a quiz added")):
        found = data[key]
        lines.append(
            f"\n{what}: the quiz book wrote {len(found['written'])} files, plain MyST {len(found['plain_written'])}"
        )
        lines.append(f"  quiz book: {', '.join(found['written'])}")
        if found["extra"] or found["missing"]:
            lines.append(f"  more than expected: {found['extra'] or '-'}; missing: {found['missing'] or '-'}")
    return lines


def _versions_markdown(data: dict[str, Any], quizzes: int) -> list[str]:
    against = data["against"]
    lines = [f"\n{data['pages']} pages x {quizzes} quizzes (no explanations): this checkout / {against}\n"]
    lines.append(f"CPU time, median of per-round ratios: {data['cpu_ratio'].text()}")
    lines.append(f"per round: {', '.join(f'{value:.3f}' for value in data['cpu_ratio'].values)}")
    counted = data.get("instructions")
    if counted:
        lines.append(
            f"instructions (Valgrind, garbage collector off): this {counted['this'] / 1e9:.3f} G,"
            f" {against} {counted[against] / 1e9:.3f} G, ratio {counted['ratio']:.4f}"
        )
    return lines


def to_markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables, for the performance page."""
    lines = []
    for section, data in results["sections"].items():
        lines.append(f"\n### {section}")
        if section == "full":
            lines += _full_markdown(data, results["quizzes"])
        elif section == "incremental":
            lines += _incremental_markdown(data)
        elif section == "versions":
            lines += _versions_markdown(data, results["quizzes"])
        else:
            lines.append(f"\n{data['pages']} pages x {results['quizzes']} quizzes\n")
            lines += _table(data["rows"])
            if "ratio" in data:
                lines.append(f"\nwith/without, per round: {data['ratio'].text()}")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each target of issue 14: (target, what was measured, met?)."""
    quizzes, sections = results["quizzes"], results["sections"]
    found = []
    sizes = {size["pages"]: size for size in sections.get("full", {}).get("sizes", [])}
    for pages in TARGET_SIZES:
        name = f"CPU time quiz/plain <= {CPU_TARGET} at {pages} x 3"
        size = sizes.get(pages) if quizzes == 3 else None
        if size is None:
            found.append((name, f"not measured (--pages {pages} --quizzes 3)", "?"))
            continue
        ratio = size["rows"]["quiz"]["cpu_ratio"]
        found.append((name, ratio.text(), "yes" if ratio.median <= CPU_TARGET else "NO"))
    for pages, size in sizes.items():
        if pages not in TARGET_SIZES or quizzes != 3:
            ratio = size["rows"]["quiz"]["cpu_ratio"]
            found.append((f"(at {pages} x {quizzes}, not a target size)", ratio.text(), "-"))
    memory = sections.get("memory")
    name = f"peak memory with a catalog / without <= {MEMORY_TARGET} at 1000 x 3"
    if memory is None:
        found.append((name, "not measured (--sections memory --pages 1000)", "?"))
    else:
        met = "yes" if memory["ratio"].median <= MEMORY_TARGET else "NO"
        if memory["pages"] != 1000:
            met += f" (at {memory['pages']} pages)"
        rows = memory["rows"]
        mib = f"{rows['with a catalog']['peak_mib']:.0f} against {rows['without']['peak_mib']:.0f} MiB"
        found.append((name, f"{memory['ratio'].text()}: {mib}", met))
    versions = sections.get("versions")
    if versions is not None:
        ratio = versions["cpu_ratio"]
        name = f"issue 10: CPU time this / {versions['against']} <= 1.00 at {versions['pages']} x {quizzes}"
        found.append((name, ratio.text(), "yes" if ratio.median <= 1.0 else "NO"))
    incremental = sections.get("incremental")
    for key, name in (
        ("touch", "one page touched: the same files as plain MyST"),
        ("add_quiz", "a quiz added: plain MyST's files + the catalog page"),
    ):
        if incremental is None:
            found.append((name, "not measured (--sections incremental)", "?"))
            continue
        check = incremental[key]
        what = f"{len(check['written'])} files; extra {check['extra'] or 'none'}, missing {check['missing'] or 'none'}"
        found.append((name, what, "yes" if check["met"] else "NO"))
    return found


def _rerunnable(arguments: list[str]) -> list[str]:
    """The arguments without the ones naming this machine's paths."""
    kept, skip = [], False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in ("--workdir", "--python", "--others-python"):
            skip = True
        elif not argument.startswith(("--workdir=", "--python=", "--others-python=")):
            kept.append(argument)
    return kept


def main(argv: list[str] | None = None) -> None:
    """Command line: run the chosen sections and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="30", help="pages of the book; comma-separated for several sizes")
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds (at least 5 for a figure to quote)")
    parser.add_argument("--memory-rounds", type=int, default=1, help="rounds of the memory section")
    parser.add_argument("--incremental-rounds", type=int, default=2, help="rounds of the incremental section")
    parser.add_argument("--instructions", action="store_true", help="count instructions under Valgrind too (slow)")
    parser.add_argument(
        "--sections", default=",".join(DEFAULT_SECTIONS), help="comma-separated: " + ", ".join(SECTIONS)
    )
    parser.add_argument("--python", default=sys.executable, help="the Python that has sphinx-quizbook")
    parser.add_argument("--others-python", default="", help="a Python with teachbooks-questions, sphinx-exercise")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--against", default="", help="versions section: the git revision to compare with")
    arguments = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(arguments)
    args.pages = [int(pages) for pages in args.pages.split(",")]
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        # Relative to the repository, so that a reader can run it again as printed.
        "command": " ".join(["python bench/build.py", *_rerunnable(arguments)]),
        "quizzes": args.quizzes,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "sections": {},
    }
    runners = {
        "full": section_full,
        "memory": section_memory,
        "incremental": section_incremental,
        "parallel": section_parallel,
        "nav": section_nav,
        "versions": section_versions,
    }
    BEFORE_ROUND.append(partial(valgrind.compile_extension, args.python))
    for section in args.sections.split(","):
        results["sections"][section] = runners[section](args, work)
    results["load_after"] = os.getloadavg()[0]
    results["targets"] = targets(results)
    (work / "results.json").write_text(json.dumps(results, indent=2, default=asdict), encoding="utf-8")
    print(f"`{results['command']}`")
    load = f"load average {results['load_before']:.1f} before, {results['load_after']:.1f} after"
    print(f"({args.rounds} paired rounds; {load})")
    print(to_markdown(results))
    print("\n### targets (issue 14)\n\n| target | measured: median (lowest–highest, IQR) | met |\n|---|---|---|")
    for name, measured, met in results["targets"]:
        print(f"| {name} | {measured} | {met} |")


if __name__ == "__main__":
    main()
