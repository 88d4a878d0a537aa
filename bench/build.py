"""Build benchmarks: contenders side by side, interleaved, as ratios.

Every section builds its contenders in turn, round after round, and reports
the median of each and their ratio, so that a figure holds on a noisy,
shared machine. Sections:

``full``
    a clean HTML build of the quiz book against the same text as plain
    MyST (target: at most 1.03 at 300 pages x 3 quizzes); TeachBooks-Questions
    and sphinx-exercise too when ``--others-python`` has them.
``parallel``
    ``-j 3`` against ``-j 1``: time, and peak memory (the largest process,
    and the whole process tree sampled ten times a second).
``incremental``
    touch one quiz page, rebuild: time against a clean build (target: at most
    5 %), and the files the rebuild wrote.
``nav``
    Furo's navigation: a flat toctree, chapters, and chapters with the
    navigation collapsed to the current chapter.

Usage::

    python bench/build.py                       # 30 pages x 3 quizzes, every section
    python bench/build.py --pages 300 --quizzes 3 --rounds 3
    python bench/build.py --sections full --others-python /tmp/venv/bin/python

Results are printed as Markdown and written to ``bench/out/results.json``.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent
SECTIONS = ("full", "parallel", "incremental", "nav")


@dataclass
class Run:
    """One build: wall time, peak memory, and what it wrote."""

    seconds: float
    #: user + system CPU time of the build and its workers: far less sensitive
    #: than wall time to other work on a shared machine.
    cpu_seconds: float
    max_process_kib: int
    max_tree_kib: int
    returncode: int
    written: list[str] = field(default_factory=list)


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


def sphinx_build(python: str, srcdir: Path, outdir: Path, doctrees: Path, jobs: int = 1, clean: bool = True) -> Run:
    """Run one ``sphinx-build -b html`` in a child process and measure it."""
    if clean:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    before = _snapshot(outdir)
    command = [python, "-m", "sphinx", "-q", "-b", "html", "-d", str(doctrees), "-j", str(jobs)]
    command += [str(srcdir), str(outdir)]
    outdir.parent.mkdir(parents=True, exist_ok=True)
    log = (outdir.parent / f"{outdir.name}.log").open("w")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # wait4 gives this child's own usage (with the workers it reaped), not
    # everything this script ever started, as RUSAGE_CHILDREN would.
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    log.close()
    after = _snapshot(outdir)
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss, peak[0], process.returncode, written)


def interleave(contenders: dict[str, Callable[[], Run]], rounds: int) -> dict[str, list[Run]]:
    """Run every contender once per round, in a rotating order."""
    results: dict[str, list[Run]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            run = contenders[name]()
            if run.returncode != 0:
                raise SystemExit(f"{name}: sphinx-build failed ({run.returncode}), see its .log")
            results[name].append(run)
            print(
                f"  round {round_number + 1} {name}: {run.seconds:.2f} s, cpu {run.cpu_seconds:.2f} s", file=sys.stderr
            )
    return results


def median(runs: list[Run], attribute: str = "seconds") -> float:
    """The median of one attribute over runs."""
    return statistics.median(getattr(run, attribute) for run in runs)


def _has_modules(python: str, modules: list[str]) -> bool:
    code = "import " + ", ".join(modules)
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def section_full(args: argparse.Namespace, work: Path) -> dict:  # type: ignore[type-arg]
    """The quiz book against plain MyST (and other extensions where installed)."""
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
        src = work / f"full-{flavour}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, args.pages, args.quizzes, flavour)
        contenders[flavour] = lambda src=src, python=python: sphinx_build(
            python, src, src / "_build/html", src / "_build/doctrees"
        )
    results = interleave(contenders, args.rounds)
    base, base_cpu = median(results["plain"]), median(results["plain"], "cpu_seconds")
    rows = {
        name: {
            "median_s": median(runs),
            "ratio_to_plain": median(runs) / base,
            "median_cpu_s": median(runs, "cpu_seconds"),
            "cpu_ratio_to_plain": median(runs, "cpu_seconds") / base_cpu,
        }
        for name, runs in results.items()
    }
    return {"rows": rows, "skipped": skipped, "target": "quiz/plain <= 1.03 at 300x3"}


def section_parallel(args: argparse.Namespace, work: Path) -> dict:  # type: ignore[type-arg]
    """``-j 3`` against ``-j 1`` on the quiz book: time and memory."""
    src = work / "parallel-quiz"
    shutil.rmtree(src, ignore_errors=True)
    generate(src, args.pages, args.quizzes, "quiz")
    contenders = {
        f"-j {jobs}": lambda jobs=jobs: sphinx_build(
            args.python, src, src / f"_build/html-j{jobs}", src / f"_build/doctrees-j{jobs}", jobs
        )
        for jobs in (1, 3)
    }
    results = interleave(contenders, args.rounds)
    base = median(results["-j 1"])
    rows = {
        name: {
            "median_s": median(runs),
            "ratio_to_j1": median(runs) / base,
            "median_cpu_s": median(runs, "cpu_seconds"),
            "max_process_mib": max(run.max_process_kib for run in runs) / 1024,
            "max_tree_mib": max(run.max_tree_kib for run in runs) / 1024,
        }
        for name, runs in results.items()
    }
    return {"rows": rows}


def section_incremental(args: argparse.Namespace, work: Path) -> dict:  # type: ignore[type-arg]
    """Touch one quiz page of the book, rebuild; against a clean build."""
    src = work / "incremental-quiz"
    shutil.rmtree(src, ignore_errors=True)
    names = generate(src, args.pages, args.quizzes, "quiz", catalog=True)
    touched = names[len(names) // 2]
    out, doctrees = src / "_build/html", src / "_build/doctrees"

    def clean() -> Run:
        return sphinx_build(args.python, src, out, doctrees)

    def touch_and_rebuild() -> Run:
        if not out.exists():
            clean()
        (src / f"{touched}.md").touch()
        return sphinx_build(args.python, src, out, doctrees, clean=False)

    results = interleave({"clean": clean, "touch one page": touch_and_rebuild}, args.rounds)
    ratio = median(results["touch one page"]) / median(results["clean"])
    cpu_ratio = median(results["touch one page"], "cpu_seconds") / median(results["clean"], "cpu_seconds")
    written = results["touch one page"][-1].written
    return {
        "touched": f"{touched}.md",
        "rows": {
            name: {"median_s": median(runs), "median_cpu_s": median(runs, "cpu_seconds")}
            for name, runs in results.items()
        },
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "target": "<= 0.05, and only the page and the catalog written",
        "written": written,
    }


def section_nav(args: argparse.Namespace, work: Path) -> dict:  # type: ignore[type-arg]
    """What the book's own layout can do about Furo's navigation."""
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
        page = generate(src, args.pages, args.quizzes, "quiz", layout, nav)[0]
        sources[name] = (src, page)
        contenders[name] = lambda src=src: sphinx_build(args.python, src, src / "_build/html", src / "_build/doctrees")
    results = interleave(contenders, args.rounds)
    base = median(results["flat"])
    rows = {}
    for name, runs in results.items():
        src, page = sources[name]
        html = src / "_build/html" / f"{page}.html"
        rows[name] = {
            "median_s": median(runs),
            "ratio_to_flat": median(runs) / base,
            "cpu_ratio_to_flat": median(runs, "cpu_seconds") / median(results["flat"], "cpu_seconds"),
            "page_kib": html.stat().st_size / 1024,
        }
    return {"rows": rows}


def to_markdown(results: dict) -> str:  # type: ignore[type-arg]
    """The results as Markdown tables, for the performance page."""
    lines = []
    for section, data in results["sections"].items():
        lines.append(f"\n### {section}\n")
        rows = data["rows"]
        columns = list(next(iter(rows.values())))
        lines.append("| contender | " + " | ".join(columns) + " |")
        lines.append("|---" * (len(columns) + 1) + "|")
        for name, row in rows.items():
            cells = [f"{value:.3f}" if isinstance(value, float) else str(value) for value in row.values()]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        for key in ("ratio", "cpu_ratio", "target", "touched", "skipped", "written"):
            if key in data:
                lines.append(f"\n{key}: {data[key]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line: run the chosen sections and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--python", default=sys.executable, help="the Python that has sphinx-quizbook")
    parser.add_argument("--others-python", default="", help="a Python with teachbooks-questions, sphinx-exercise")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {  # type: ignore[type-arg]
        "command": "python " + " ".join([str(Path(sys.argv[0])), *(argv if argv is not None else sys.argv[1:])]),
        "pages": args.pages,
        "quizzes": args.quizzes,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "sections": {},
    }
    runners = {
        "full": section_full,
        "parallel": section_parallel,
        "incremental": section_incremental,
        "nav": section_nav,
    }
    for section in args.sections.split(","):
        print(f"{section} ...", file=sys.stderr)
        results["sections"][section] = runners[section](args, work)
    results["load_after"] = os.getloadavg()[0]
    (work / "results.json").write_text(json.dumps(results, indent=2, default=asdict), encoding="utf-8")
    print(f"`{results['command']}` ({args.pages} pages x {args.quizzes} quizzes, median of {args.rounds})")
    print(to_markdown(results))


if __name__ == "__main__":
    main()
