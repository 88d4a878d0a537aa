"""Browser timing of a page of many quizzes and of a long catalog, on a fast
machine and on a slow phone (Chromium's CPU throttled 4×).

Opens two pages in Debian's headless Chromium through Playwright:

``quizzes``
    one page of Q quizzes (default 200), built with ``bench/generate.py``.
``catalog``
    the ``quizindex`` page of a book of P pages × Q quizzes (default
    1000 × 3 = 3,000 entries), built once into ``--workdir`` (tens of
    minutes) and reused by later runs while its build is there; ``--catalog``
    takes a catalog page built elsewhere. One quiz in three has a saved state
    in the reader's storage (tried, answer seen, solved in turn), written
    before the page's scripts run; every mark is checked against it.

Each page is opened unthrottled and with ``Emulation.setCPUThrottlingRate``
at ``--throttle`` (default 4) through a CDP session, in these variants,
alternated round after round so that they share the machine's load:

``script``
    the repository's ``sphinx-quizbook.js`` and ``.css`` (read from
    ``ext/sphinx_quizbook/static`` at start, not from the built page, so a
    change needs no rebuild).
``baseline``
    with ``--baseline-js`` and/or ``--baseline-css``: those files instead,
    e.g. the committed ones (``git show HEAD:ext/...``): before and after in
    the same run. With ``--baseline-catalog``, on that catalog page (one
    built by another revision, with the same entries) instead of ours.
``no script``
    the page without our script (an empty script in its place carries the
    marks): what a reader without JavaScript gets.

Every request to another host (the synthetic book's MathJax) is blocked. The
script is served between ``performance.mark()`` calls, then a forced style and
layout and a last mark, so each figure is exact:

``set-up``
    ``domInteractive`` (the page parsed; the script is deferred) to the end of
    the script's run. Target, 200 quizzes, throttled: at most 50 ms.
``laid out``
    ``domInteractive`` to the page laid out with what the script wrote, as the
    reader sees it at the next frame. Target, catalog, throttled: its progress
    marks laid out within 100 ms.
``Check``
    for each quiz, one click on Check (a statement chosen) until its verdict
    is in the page and laid out (the handler, then a forced style and layout),
    the median and the slowest of the Q. As a reader does, the quiz is first
    scrolled to the middle of the screen (instantly) and two frames drawn,
    untimed. Targets, throttled: at most 16 ms (one frame) for the median
    quiz, 33 ms for the slowest.
``page weight``
    the catalog page's HTML, raw and gzipped (level 6, a web server's usual).

Each figure is also given in CPU time: the main thread's own clock (the
``tts`` of the marks in a trace) in the unthrottled rounds. Other work on the
machine stretches the wall clock, with throttling several times over, but not
this; CPU × 4 is what a CPU four times slower needs. (It starts at the
script's start, not at ``domInteractive``.) The targets are judged on both.

Every figure is the median of the rounds, with the lowest and highest round.
With a baseline, the last column is the median of the rounds' ratios, script
over baseline: a round's two variants share that minute's load.

Usage::

    python bench/browser.py --rounds 5
    python bench/browser.py --rounds 7 --baseline-js /tmp/old.js --baseline-css /tmp/old.css
    python bench/browser.py --quizzes 200 --catalog-pages 100 --catalog-quizzes 30
    python bench/browser.py --catalog /tmp/book/_build/catalog.html --skip-quizzes
    python bench/browser.py --skip-quizzes --baseline-js /tmp/old.js --baseline-catalog /tmp/old/catalog.html
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent))
from generate import generate

HERE = Path(__file__).parent
STATIC = HERE.parent / "ext" / "sphinx_quizbook" / "static"
SCRIPT = "sphinx-quizbook.js"
STYLE = "sphinx-quizbook.css"
NO_SCRIPT = "no script"

# Runs in the page once it has loaded: one Check click a quiz, each timed to
# its verdict laid out. As a reader does, each quiz is first scrolled to the
# middle of the screen and a statement chosen, and frames are drawn, untimed:
# the scroll is instant (Furo scrolls smoothly, and a click during that
# animation paid for laying out the quizzes it brought on screen), and two
# frames pass (the first finds which quizzes came near the screen, the second
# lays them out; a reader's tick of a box takes longer than that).
# Every click must fill the quiz's status.
_CLICK_EACH = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))));
  const times = [];
  let filled = 0;
  for (const quiz of document.querySelectorAll("div.quiz")) {
    const button = quiz.querySelector("button.quiz-check");
    const box = quiz.querySelector(".quiz-checkbox");
    if (box) box.checked = true;
    button.scrollIntoView({block: "center", behavior: "instant"});
    await frame();
    const status = quiz.querySelector(".quiz-status");
    const start = performance.mark("quiz-click").startTime;
    button.click();
    void status.offsetHeight;  // style and layout, as the reader needs them
    times.push(performance.mark("quiz-clicked").startTime - start);
    if (status.textContent) filled++;
  }
  return {times, filled};
}"""
_TIMING = r"""() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
  // Each catalog mark's words, without an icon element (older scripts had one).
  const words = (mark) =>
    [...mark.childNodes]
      .filter((node) => !node.matches?.(".quiz-icon"))
      .map((node) => node.textContent)
      .join("")
      .trim();
  return {
    interactive: nav.domInteractive,
    dcl: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    scriptEnd: mark("quiz-script-end"),
    laidOut: mark("quiz-laid-out"),
    quizzes: document.querySelectorAll("div.quiz").length,
    buttons: document.querySelectorAll("div.quiz button.quiz-check").length,
    marked: [...document.querySelectorAll(".quizindex-item .quizindex-status")].map(words),
  };
}"""
# Saved states the catalog shows, in turn for one quiz in three.
_SAVED = (
    {"chosen": [1], "checked": True, "solved": False, "seen": False},
    {"chosen": [], "checked": False, "solved": False, "seen": True},
    {"chosen": [0], "checked": True, "solved": True, "seen": False},
)


def build(src: Path, pages: int, quizzes: int, python: str, catalog: bool) -> list[str]:
    """A book of *pages* × *quizzes* built to HTML in ``src/_build``; its page names."""
    shutil.rmtree(src, ignore_errors=True)
    names = generate(src, pages, quizzes, "quiz", catalog=catalog)
    subprocess.run([python, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_build")], check=True)
    return names


def catalog_page(work: Path, pages: int, quizzes: int, python: str) -> Path:
    """The catalog of a *pages* × *quizzes* book, built unless a finished build is there."""
    src = work / f"catalog-{pages}x{quizzes}"
    html = src / "_build" / "catalog.html"
    if not (src / "_build" / "genindex.html").is_file():  # written last: the build finished
        print(f"building a {pages} × {quizzes} book with a catalog into {src} (once) …", file=sys.stderr)
        build(src, pages, quizzes, python, catalog=True)
    return html


def seed_script(html: Path) -> tuple[str, list[str]]:
    """An init script storing a saved state for one catalog entry in three; the marks expected."""
    keys = re.findall(r'class="quizindex-item" data-quiz-key="([^"]+)"', html.read_text(encoding="utf-8"))
    saved = {f"sphinx-quizbook:{key}": json.dumps(_SAVED[n // 3 % 3]) for n, key in enumerate(keys) if n % 3 == 0}
    words = ["tried", "answer seen", "solved"]
    expected = [words[n // 3 % 3] if n % 3 == 0 else "not tried yet" for n in range(len(keys))]
    script = f"(() => {{ for (const [k, v] of Object.entries({json.dumps(saved)})) localStorage.setItem(k, v); }})();"
    return script, expected


def wrap(script: str) -> str:
    """*script* between marks, then a forced style and layout: its end and the page laid out."""
    return (
        f'performance.mark("quiz-script-start");\n{script}\nperformance.mark("quiz-script-end");\n'
        'void document.documentElement.offsetHeight;\nperformance.mark("quiz-laid-out");\n'
    )


def thread_times(trace: bytes) -> dict[str, list[float]]:
    """The main thread's CPU clock (ms) at each of our marks, by name, in order."""
    times: dict[str, list[float]] = {}
    for event in json.loads(trace)["traceEvents"]:
        if event.get("name", "").startswith("quiz-") and "tts" in event:
            times.setdefault(event["name"], []).append(event["tts"] / 1000)
    return times


def measure(browser: Any, url: str, assets: dict[str, str], throttle: float, seed: str, clicks: bool) -> dict:
    """Open the page once in a fresh context with *assets* (script, style) and time it: on
    the wall clock, and on the main thread's CPU clock (which other work on the machine
    does not stretch), read from the marks in a trace."""
    context = browser.new_context()
    context.route(lambda address: not address.startswith("file:"), lambda route: route.abort())
    context.route(f"**/{SCRIPT}*", lambda route: route.fulfill(body=assets[SCRIPT], content_type="text/javascript"))
    context.route(f"**/{STYLE}*", lambda route: route.fulfill(body=assets[STYLE], content_type="text/css"))
    if seed:
        context.add_init_script(seed)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    browser.start_tracing(page=page, categories=["blink.user_timing"])
    page.goto(url, wait_until="load")
    timing = page.evaluate(_TIMING)
    result = {
        "dcl": timing["dcl"],
        "load": timing["load"],
        "setup": timing["scriptEnd"] - timing["interactive"],
        "laid_out": timing["laidOut"] - timing["interactive"],
        "marked": timing["marked"],
    }
    if clicks and timing["quizzes"]:
        if timing["buttons"] != timing["quizzes"]:
            raise SystemExit(f"contract broken: {timing['buttons']} Check buttons for {timing['quizzes']} quizzes")
        clicked = page.evaluate(_CLICK_EACH)
        if clicked["filled"] != timing["quizzes"]:
            raise SystemExit(f"contract broken: {clicked['filled']} of {timing['quizzes']} statuses filled")
        result["check_median"] = statistics.median(clicked["times"])
        result["check_max"] = max(clicked["times"])
    cpu = thread_times(browser.stop_tracing())
    (start,), (end,), (laid_out,) = cpu["quiz-script-start"], cpu["quiz-script-end"], cpu["quiz-laid-out"]
    result["cpu_setup"] = end - start
    result["cpu_laid_out"] = laid_out - start
    if "check_median" in result:
        checks = [after - before for before, after in zip(cpu["quiz-click"], cpu["quiz-clicked"], strict=True)]
        result["cpu_check_median"] = statistics.median(checks)
        result["cpu_check_max"] = max(checks)
    context.close()
    return result


def spread(values: list[float], digits: int = 1) -> str:
    """The median, with the lowest and highest round."""
    return f"{statistics.median(values):.{digits}f} ms ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio_spread(ours: list[float], theirs: list[float]) -> str:
    """The median of the rounds' ratios *ours* / *theirs*, with the lowest and highest."""
    ratios = [mine / other for mine, other in zip(ours, theirs, strict=True) if other]
    if not ratios:
        return ""
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quizzes", type=int, default=200, help="quizzes on the one page")
    parser.add_argument("--catalog-pages", type=int, default=1000)
    parser.add_argument("--catalog-quizzes", type=int, default=3)
    parser.add_argument("--catalog", type=Path, help="a built catalog page to use instead")
    parser.add_argument("--skip-quizzes", action="store_true", help="time the catalog only")
    parser.add_argument("--skip-catalog", action="store_true", help="time the page of quizzes only")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slow-down of the slow phone")
    parser.add_argument("--baseline-js", type=Path, help="a script to time against ours, round by round")
    parser.add_argument("--baseline-css", type=Path, help="a style sheet to time against ours")
    parser.add_argument("--baseline-catalog", type=Path, help="a catalog page the baseline is timed on")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    return parser.parse_args(argv)


def _variants(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    """Each variant's script and style sheet, by name."""
    ours = {name: (STATIC / name).read_text(encoding="utf-8") for name in (SCRIPT, STYLE)}
    variants = {"script": {SCRIPT: wrap(ours[SCRIPT]), STYLE: ours[STYLE]}}
    if args.baseline_js or args.baseline_css or args.baseline_catalog:
        js = args.baseline_js.read_text(encoding="utf-8") if args.baseline_js else ours[SCRIPT]
        css = args.baseline_css.read_text(encoding="utf-8") if args.baseline_css else ours[STYLE]
        variants["baseline"] = {SCRIPT: wrap(js), STYLE: css}
    variants[NO_SCRIPT] = {SCRIPT: wrap(""), STYLE: ours[STYLE]}
    return variants


def run(args: argparse.Namespace, pages: dict[str, tuple[str, str, list[str]]]) -> dict[tuple[str, float, str], list]:
    """Every page × throttle × variant, *rounds* times, the variants' order alternating."""
    # Here, not at the top: tests.helpers needs pytest, which --help does not.
    from playwright.sync_api import sync_playwright

    from tests.helpers import CHROMIUM, CHROMIUM_ARGS

    variants = _variants(args)
    runs: dict[tuple[str, float, str], list[dict]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for round_number in range(args.rounds):
            order = list(variants) if round_number % 2 == 0 else list(reversed(variants))
            for page, (url, seed, expected) in pages.items():
                for throttle in (1.0, args.throttle):
                    for name in order:
                        address = url
                        if page == "catalog" and name == "baseline" and args.baseline_catalog:
                            address = args.baseline_catalog.resolve().as_uri()
                        result = measure(browser, address, variants[name], throttle, seed, name != NO_SCRIPT)
                        if name != NO_SCRIPT and result.pop("marked") != expected:
                            raise SystemExit(f"contract broken: the catalog's marks differ ({name})")
                        runs.setdefault((page, throttle, name), []).append(result)
        browser.close()
    return runs


def report(args: argparse.Namespace, runs: dict, catalog: Path | None, entries: int) -> None:
    """Tables: every measure by variant, then each target with its verdict."""
    names = sorted({name for (_page, _throttle, name) in runs}, key=["script", "baseline", NO_SCRIPT].index)
    rate = args.throttle

    def values(page: str, throttle: float, name: str, key: str) -> list[float]:
        return [result[key] for result in runs.get((page, throttle, name), []) if key in result]

    print(f"median of {args.rounds} rounds (lowest–highest); {rate:g}× = Chromium's CPU throttled {rate:g}×, a slow")
    print("phone; CPU = the main thread's own time in the unthrottled rounds, which the machine's other")
    print("work does not stretch (set-up: from the script's start, not from the page parsed)\n")
    rows = [
        ("quizzes", "setup", f"{args.quizzes} quizzes: parsed to set up"),
        ("quizzes", "laid_out", f"{args.quizzes} quizzes: parsed to laid out"),
        ("quizzes", "check_median", "Check to verdict laid out, median quiz"),
        ("quizzes", "check_max", "Check to verdict laid out, slowest quiz"),
        ("quizzes", "dcl", f"{args.quizzes} quizzes: DOMContentLoaded"),
        ("catalog", "setup", f"catalog of {entries}: parsed to marks set"),
        ("catalog", "laid_out", f"catalog of {entries}: parsed to marks laid out"),
        ("catalog", "dcl", f"catalog of {entries}: DOMContentLoaded"),
    ]
    # A round's two variants share that minute's load: the median of the
    # rounds' ratios, not the ratio of two medians that may fall in different
    # rounds.
    paired = "baseline" in names
    print("| measure | clock | " + " | ".join(names) + (" | script / baseline, rounds' ratios |" if paired else " |"))
    print("|---|---|" + "---|" * (len(names) + paired))
    for page, key, label in rows:
        for clock, throttle, field in (("1×", 1.0, key), (f"{rate:g}×", rate, key), ("CPU", 1.0, "cpu_" + key)):
            cells = [values(page, throttle, name, field) for name in names]
            if any(cells):
                line = f"| {label} | {clock} | " + " | ".join(spread(c) if c else "" for c in cells) + " |"
                if paired:
                    line += f" {ratio_spread(cells[0], cells[1])} |"
                print(line)
    targets = [
        ("quizzes", "setup", f"{args.quizzes} quizzes set up", 50.0),
        ("quizzes", "check_median", "Check to verdict laid out, median quiz", 16.0),
        ("quizzes", "check_max", "Check to verdict laid out, slowest quiz", 33.0),
        ("catalog", "laid_out", f"catalog of {entries}: progress marks laid out", 100.0),
    ]
    print(f"\n| target (ours, {rate:g}× throttled) | at most | measured | | CPU × {rate:g} | |")
    print("|---|---|---|---|---|---|")
    for page, key, label, limit in targets:
        measured = values(page, rate, "script", key)
        cpu = [value * rate for value in values(page, 1.0, "script", "cpu_" + key)]
        if measured:
            verdicts = ["met" if statistics.median(found) <= limit else "NOT met" for found in (measured, cpu)]
            print(f"| {label} | {limit:g} ms | {spread(measured)} | {verdicts[0]} | {spread(cpu)} | {verdicts[1]} |")
    if catalog is not None:
        raw = catalog.read_bytes()
        packed = len(gzip.compress(raw, compresslevel=6, mtime=0))
        print(f"\ncatalog page: {len(raw)} B raw, {packed} B gzipped ({len(raw) / entries:.0f} B raw an entry)")


def main(argv: list[str] | None = None) -> None:
    """Command line: build the pages, time every variant, print the tables."""
    args = _arguments(argv)
    work = args.workdir.resolve()
    pages: dict[str, tuple[str, str, list[str]]] = {}
    catalog = None
    entries = 0
    if not args.skip_quizzes:
        (name,) = build(work / f"browser-{args.quizzes}", 1, args.quizzes, args.python, catalog=False)
        pages["quizzes"] = ((work / f"browser-{args.quizzes}" / "_build" / f"{name}.html").as_uri(), "", [])
    if not args.skip_catalog:
        catalog = args.catalog or catalog_page(work, args.catalog_pages, args.catalog_quizzes, args.python)
        seed, expected = seed_script(catalog)
        entries = len(expected)
        pages["catalog"] = (catalog.resolve().as_uri(), seed, expected)
    runs = run(args, pages)
    print(f"`python bench/browser.py {' '.join(argv if argv is not None else sys.argv[1:])}`\n")
    report(args, runs, catalog, entries)


if __name__ == "__main__":
    main()
