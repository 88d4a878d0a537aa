"""Where a catalog's memory goes: a book with a ``quizindex`` against the same book without.

Builds the two books (``bench/generate.py``, quiz flavour, with and without a
catalog page), each in a fresh Python process, first plainly to measure the
peak resident memory (``ru_maxrss``) and the steps of the build that raised
it, then under ``tracemalloc``: from the start (``--trace start``, slow), or
from the first page written (``--trace write``, the default: the allocations
of the writing phase only). Snapshots are taken at the end of reading
(``env-updated``), when the first page is written (``html-page-context``:
its doctree resolved and its body rendered; the catalog page, in the book
that has one, since ``catalog`` sorts first) and when the build ends. The
two builds' snapshots at the same point are diffed, grouped by the deepest
frame of each allocation's traceback that lies in ``sphinx_quizbook`` (or,
failing that, in Sphinx, docutils...), so that a difference points at a line
of the extension.

Pages are written in name order, while every other page's doctree is still
held in memory (``env._write_doc_doctree_cache``); ``--stop-after N`` ends
each build after N pages, which is where a catalog page weighs most, and
saves the rest of a long build.

The peak is measured in ``--rounds`` rounds, each with its own
``PYTHONHASHSEED`` (the round's number) for both books: the seed orders sets
and dicts, so allocations, so where the garbage collector runs and where the
peak falls. A round's ratio compares two builds that differ only by the
catalog; the rounds' spread shows how far the seed alone moves it.
``--baseline-ext DIR`` also builds the book with a catalog, each round, with
the extension found in ``DIR`` (a copy of ``ext/`` as it was, say): before and
after a change, against the same builds without a catalog, from one run.

Usage::

    python bench/memory.py --pages 300 --quizzes 3
    python bench/memory.py --pages 1000 --quizzes 3 --stop-after 2   # the catalog page, while every doctree is cached
    python bench/memory.py --pages 1000 --quizzes 3 --trace no       # peak RSS and its steps only
    python bench/memory.py --pages 1000 --quizzes 3 --trace no --rounds 2   # the target, with its spread
    git worktree add ../before HEAD~1     # ext/ as it was, for:
    python bench/memory.py --pages 300 --trace no --rounds 3 --baseline-ext ../before/ext

Memory does not suffer from other work on the machine as time does; but the
peak of a big build is reached while garbage of pages already written waits
for the garbage collector, so where it falls moves with the order of
allocations: compare the steps, not only the peaks.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import linecache
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from build import MEMORY_TARGET, Spread
from generate import generate

HERE = Path(__file__).parent
MIB = 1024 * 1024
#: Frames whose file path holds one of these name the allocation's site, in
#: this order of preference.
_OWNERS = ("sphinx_quizbook", "/sphinx/", "/docutils/", "/myst_parser/", "/furo/")
POINTS = ("read", "first-page", "end")


def _rss_kib() -> tuple[int, int]:
    """(resident now, resident at its peak so far), from /proc."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


class _Enough(BaseException):
    """Raised to end a build early; a BaseException, so Sphinx lets it through."""


def _child(src: Path, workdir: Path, trace: str, frames: int, stop_after: int) -> None:
    """In a fresh process: build *src* to HTML, write what was measured.

    The timeline notes, at each step of the build, the resident memory and its
    peak so far (and, when tracing, the traced memory and its peak since the
    last step), so that the step that sets the peak shows.
    """
    from sphinx.application import Sphinx

    if trace == "start":
        tracemalloc.start(frames)
    timeline: list[tuple[str, int, int, int, int]] = []
    taken: set[str] = set()

    def note(step: str) -> None:
        rss, hwm = _rss_kib()
        current, peak = tracemalloc.get_traced_memory() if tracemalloc.is_tracing() else (0, 0)
        tracemalloc.reset_peak()
        timeline.append((step, rss, hwm, current, peak))

    def snap(point: str) -> None:
        if tracemalloc.is_tracing() and point not in taken:
            taken.add(point)
            tracemalloc.take_snapshot().dump(str(workdir / f"{point}.snapshot"))

    def on_read(*_args: Any) -> None:
        note("read")
        snap("read")

    def on_write(*_args: Any) -> None:
        note("write-started")
        if trace == "write":
            tracemalloc.start(frames)

    def on_page(app: Any, pagename: str, *_args: Any) -> None:
        note(f"page {pagename}")
        snap("first-page")
        if stop_after and sum(step.startswith("page ") for step, *_rest in timeline) >= stop_after:
            raise _Enough

    # Not under the book: builds of one book with two extensions must not share a doctree cache.
    out = workdir / "build"
    shutil.rmtree(out, ignore_errors=True)
    with open(os.devnull, "w") as quiet:
        app = Sphinx(src, src, out / "html", out / "doctrees", "html", status=quiet, warning=sys.stderr)
        note("set up")
        # After every other handler: the state as the writers find it.
        app.connect("env-updated", on_read, priority=900)
        app.connect("write-started", on_write, priority=900)
        app.connect("html-page-context", on_page, priority=900)
        with contextlib.suppress(_Enough):
            app.build()
    note("end")
    snap("end")
    result = {"max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "timeline": timeline}
    (workdir / "result.json").write_text(json.dumps(result), encoding="utf-8")


def run_child(
    python: str,
    src: Path,
    workdir: Path,
    trace: str,
    frames: int = 16,
    stop_after: int = 0,
    seed: int = 0,
    ext: Path | None = None,
) -> dict[str, Any]:
    """Build *src* in a fresh process with hash seed *seed*, and with the
    extension from *ext* if given (else the installed one); its measurements."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    command = [python, __file__, "--child", str(src), "--child-out", str(workdir), "--trace", trace]
    command += ["--frames", str(frames), "--stop-after", str(stop_after)]
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    if ext is not None:
        # Ahead of site-packages, so ahead of an editable install's path.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ext), os.environ.get("PYTHONPATH", "")]))
    subprocess.run(command, check=True, env=env)
    return json.loads((workdir / "result.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


#: A build measured in rounds: (book, extension), as "with"/"without" and "this"/"baseline".
Contender = tuple[str, str]


def measure_rounds(
    args: argparse.Namespace, books: dict[str, Path], versions: dict[str, Path | None], work: Path
) -> dict[Contender, list[dict[str, Any]]]:
    """Peak RSS of every book with a catalog under every extension version,
    and of the book without one, round after round, one build at a time."""
    # The book without a catalog runs no catalog page: one build a round serves every version.
    contenders = [("with", version) for version in versions] + [("without", "this")]
    results: dict[Contender, list[dict[str, Any]]] = {contender: [] for contender in contenders}
    for number in range(args.rounds):
        # Each round starts with another build, so that no build always comes first.
        shift = number % len(contenders)
        for book, version in contenders[shift:] + contenders[:shift]:
            workdir = work / f"memory-{book}-{version}-rss-{number}"
            data = run_child(
                args.python, books[book], workdir, "no", stop_after=args.stop_after, seed=number, ext=versions[version]
            )
            results[book, version].append(data)
            peak = data["max_rss_kib"] / 1024
            print(f"  round {number + 1} (PYTHONHASHSEED={number}) {book}, {version}: {peak:.1f} MiB", file=sys.stderr)
    return results


def report_rounds(
    args: argparse.Namespace, results: dict[Contender, list[dict[str, Any]]], versions: dict[str, Path | None]
) -> None:
    """Every round's peaks and ratio, then the target: the median ratio, its spread."""
    print("\n| version | round | with a catalog | without | ratio |\n|---|---|---|---|---|")
    without = [run["max_rss_kib"] for run in results["without", "this"]]
    with_kib = {version: [run["max_rss_kib"] for run in results["with", version]] for version in versions}
    for version, peaks_kib in with_kib.items():
        for number, (w, o) in enumerate(zip(peaks_kib, without, strict=True)):
            print(f"| {version} | {number + 1} | {w / 1024:.1f} MiB | {o / 1024:.1f} MiB | {w / o:.3f} |")
    upto = f", up to the {args.stop_after}th page written" if args.stop_after else ""
    print()
    for version, where in versions.items():
        ratios = [w / o for w, o in zip(with_kib[version], without, strict=True)]
        mib = [(w - o) / 1024 for w, o in zip(with_kib[version], without, strict=True)]
        verdict = "met" if statistics.median(ratios) <= MEMORY_TARGET else "NOT met"
        print(
            f"target ({version}{f' ({where})' if where else ''}): peak RSS with a catalog / without <= {MEMORY_TARGET}"
            f" at {args.pages} x {args.quizzes}{upto}: {Spread.of(ratios).text()}, {statistics.median(mib):+.1f} MiB"
            f" ({min(mib):+.1f} to {max(mib):+.1f}): {verdict}"
        )


def site(traceback: tracemalloc.Traceback) -> str:
    """The frame that names an allocation: the deepest one in our code, else
    the deepest in Sphinx or docutils, else the deepest of all."""
    deepest_first = list(reversed(traceback))  # a Traceback runs from the oldest frame
    for owner in _OWNERS:
        for frame in deepest_first:
            if owner in frame.filename:
                return _where(frame)
    return _where(deepest_first[0])


def _where(frame: tracemalloc.Frame) -> str:
    name = frame.filename
    for marker in ("site-packages/", "/ext/", "/lib/python3"):
        if marker in name:
            name = name.split(marker, 1)[1]
            break
    line = linecache.getline(frame.filename, frame.lineno).strip()
    return f"{name}:{frame.lineno}  {line[:70]}"


def diff(with_path: Path, without_path: Path, top: int) -> tuple[int, list[tuple[str, int, int]]]:
    """Bytes more in *with_path*'s snapshot, by site: (total, [(site, bytes, blocks)])."""
    grouped: dict[str, list[int]] = {}
    total = 0
    for sign, path in ((1, with_path), (-1, without_path)):
        snapshot = tracemalloc.Snapshot.load(str(path))
        for statistic in snapshot.statistics("traceback"):
            where = site(statistic.traceback)
            entry = grouped.setdefault(where, [0, 0])
            entry[0] += sign * statistic.size
            entry[1] += sign * statistic.count
            total += sign * statistic.size
    ranked = sorted(grouped.items(), key=lambda item: -abs(item[1][0]))[:top]
    return total, [(where, size, count) for where, (size, count) in ranked]


def peaks(timeline: list[list[Any]]) -> list[tuple[str, int, int]]:
    """The steps that raised the resident peak: (step, peak after it, by how much), in KiB."""
    raised, previous = [], 0
    for step, _rss, hwm, _current, _traced_peak in timeline:
        if hwm > previous:
            raised.append((step, hwm, hwm - previous))
            previous = hwm
    return raised


def print_timeline(name: str, timeline: list[list[Any]]) -> None:
    """The steps of one build that raised its peak, and the traced peak of each step."""
    print(f"\n{name}: the steps that raised the peak resident memory\n")
    print("| step | peak RSS after it | raised by |\n|---|---|---|")
    for step, hwm, raised in peaks(timeline):
        if raised >= 1024:
            print(f"| {step} | {hwm / 1024:.1f} MiB | +{raised / 1024:.1f} MiB |")
    traced = [(step, peak) for step, _rss, _hwm, _current, peak in timeline if peak]
    if traced:
        step, peak = max(traced, key=lambda item: item[1])
        print(f"\nhighest traced peak: {peak / MIB:.1f} MiB, in the step that ends at {step!r}")


def main(argv: list[str] | None = None) -> None:
    """Command line: build both books, print peak memory and the diff."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--quizzes", type=int, default=3)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--trace",
        choices=("no", "start", "write"),
        default="write",
        help="tracemalloc from the start, from the first page written, or not at all (peak RSS only)",
    )
    parser.add_argument("--frames", type=int, default=16, help="frames a traceback keeps (more is slower)")
    parser.add_argument(
        "--stop-after",
        type=int,
        default=0,
        help="end each build after writing this many pages (the first pages are written while every"
        " page's doctree is still in memory); 0: the whole build",
    )
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the peak RSS builds (hash seed 0, 1, ...)")
    parser.add_argument(
        "--baseline-ext",
        type=Path,
        help="also build the book with a catalog, each round, with the extension from this directory (before a change)",
    )
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.child_out, args.trace, args.frames, args.stop_after)
        return
    work = args.workdir.resolve()
    books = {}
    for catalog in (True, False):
        name = "with" if catalog else "without"
        src = work / f"memory-{name}-{args.pages}x{args.quizzes}"
        shutil.rmtree(src, ignore_errors=True)
        generate(src, args.pages, args.quizzes, "quiz", catalog=catalog)
        books[name] = src
    stop = f" --stop-after {args.stop_after}" if args.stop_after else ""
    options = stop + (f" --rounds {args.rounds}" if args.rounds > 1 else "")
    options += f" --baseline-ext {args.baseline_ext}" if args.baseline_ext else ""
    print(f"`python bench/memory.py --pages {args.pages} --quizzes {args.quizzes} --trace {args.trace}{options}`")
    versions: dict[str, Path | None] = {"this": None}
    if args.baseline_ext:
        versions["baseline"] = args.baseline_ext.resolve()
    results = measure_rounds(args, books, versions, work)
    report_rounds(args, results, versions)
    for name in books:
        print_timeline(f"{name} a catalog (round 1)", results[name, "this"][0]["timeline"])
    if args.trace == "no":
        return
    for name, src in books.items():
        data = run_child(args.python, src, work / f"memory-{name}-traced", args.trace, args.frames, args.stop_after)
        print_timeline(f"{name} a catalog, under tracemalloc", data["timeline"])
    for point in POINTS:
        with_path, without_path = (work / f"memory-{name}-traced" / f"{point}.snapshot" for name in ("with", "without"))
        if not (with_path.exists() and without_path.exists()):
            continue
        total, rows = diff(with_path, without_path, args.top)
        print(f"\n#### at {point}: {total / MIB:+.2f} MiB traced with the catalog\n")
        print("| MiB | blocks | site |\n|---|---|---|")
        for where, size, count in rows:
            print(f"| {size / MIB:+.2f} | {count:+d} | `{where}` |")


if __name__ == "__main__":
    main()
