"""Browser timing of a page with many quizzes (default 200).

Builds one page of Q quizzes with ``bench/generate.py`` and opens it in
Debian's headless Chromium through Playwright, in two variants side by side,
round after round:

``with script``
    the page as built: ``sphinx-quizbook.js`` sets every quiz up.
``without script``
    the same page with the script's request blocked: what the reader gets
    without JavaScript, the baseline.

Every request to another host (the synthetic book's MathJax) is blocked, so
the figures are the page's own.

What it reports, as medians over the rounds:

``setup``
    from the moment the page is parsed (``domInteractive``) until the script
    has set up the last quiz. The script is served wrapped between two
    ``performance.mark()`` calls, so the end is exact; it runs once the page
    is parsed (it is deferred). Target: at most 20 ms for 200 quizzes.
``script``
    the script's own run, from its first statement to its last.
``check``
    for each quiz, one click on Check until its verdict is in the page and
    laid out (the click handler, then a forced style and layout), the median
    and the slowest of the 200. Target: at most 5 ms.
``DOMContentLoaded`` and ``load``
    against the page without the script.

Usage::

    python bench/browser.py --quizzes 200 --rounds 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent))
from generate import generate

from tests.helpers import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).parent
SCRIPT = "sphinx-quizbook.js"

# Runs in the page once it has loaded: one Check click a quiz, each timed to
# its verdict laid out. Every click must fill the quiz's status.
_CLICK_EACH = """() => {
  const times = [];
  let filled = 0;
  for (const quiz of document.querySelectorAll("div.quiz")) {
    const box = quiz.querySelector(".quiz-checkbox");
    if (box) box.checked = true;
    const status = quiz.querySelector(".quiz-status");
    const start = performance.now();
    quiz.querySelector("button.quiz-check").click();
    void status.offsetHeight;  // style and layout, as the reader needs them
    times.push(performance.now() - start);
    if (status.textContent) filled++;
  }
  return {times, filled};
}"""
_TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
  return {
    interactive: nav.domInteractive,
    dcl: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    scriptStart: mark("quiz-script-start"),
    scriptEnd: mark("quiz-script-end"),
    quizzes: document.querySelectorAll("div.quiz").length,
    buttons: document.querySelectorAll("div.quiz button.quiz-check").length,
  };
}"""


def build_page(work: Path, quizzes: int, python: str) -> Path:
    """One page of *quizzes* quizzes, built to HTML; its path."""
    src = work / f"browser-{quizzes}"
    shutil.rmtree(src, ignore_errors=True)
    (name,) = generate(src, 1, quizzes, "quiz")
    subprocess.run([python, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_build")], check=True)
    return src / "_build" / f"{name}.html"


def measure(browser: object, url: str, script: str, with_script: bool) -> dict[str, float]:
    """Open the page once in a fresh context and time it."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.route(lambda address: not address.startswith("file:"), lambda route: route.abort())
    if with_script:
        # The same script, between two marks: the end of its run is exact.
        wrapped = f'performance.mark("quiz-script-start");\n{script}\nperformance.mark("quiz-script-end");\n'
        context.route(f"**/{SCRIPT}*", lambda route: route.fulfill(body=wrapped, content_type="text/javascript"))
    else:
        context.route(f"**/{SCRIPT}*", lambda route: route.abort())
    page = context.new_page()
    page.goto(url, wait_until="load")
    timing = page.evaluate(_TIMING)
    result = {"dcl": timing["dcl"], "load": timing["load"]}
    if with_script:
        if timing["buttons"] != timing["quizzes"]:
            raise SystemExit(f"contract broken: {timing['buttons']} Check buttons for {timing['quizzes']} quizzes")
        result["setup"] = timing["scriptEnd"] - timing["interactive"]
        result["script"] = timing["scriptEnd"] - timing["scriptStart"]
        clicks = page.evaluate(_CLICK_EACH)
        if clicks["filled"] != timing["quizzes"]:
            raise SystemExit(f"contract broken: {clicks['filled']} of {timing['quizzes']} statuses filled")
        result["check_median"] = statistics.median(clicks["times"])
        result["check_max"] = max(clicks["times"])
    context.close()
    return result


def main(argv: list[str] | None = None) -> None:
    """Command line: build the page, time both variants, print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quizzes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    html = build_page(args.workdir.resolve(), args.quizzes, args.python)
    script = (html.parent / "_static" / SCRIPT).read_text(encoding="utf-8")
    url = html.as_uri()
    runs: dict[str, list[dict[str, float]]] = {"with script": [], "without script": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for round_number in range(args.rounds):
            order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
            for name in order:
                runs[name].append(measure(browser, url, script, name == "with script"))
        browser.close()

    def med(name: str, key: str) -> float:
        return statistics.median(result[key] for result in runs[name])

    print(f"`python bench/browser.py --quizzes {args.quizzes} --rounds {args.rounds}` (median of {args.rounds})\n")
    print(f"page: {html.stat().st_size / 1024:.0f} KiB of HTML, {args.quizzes} quizzes\n")
    print("| measure | with script | target |")
    print("|---|---|---|")
    print(f"| page parsed to every quiz set up | {med('with script', 'setup'):.1f} ms | at most 20 ms |")
    print(f"| the script's own run | {med('with script', 'script'):.1f} ms | |")
    print(f"| Check to verdict laid out, median quiz | {med('with script', 'check_median'):.2f} ms | at most 5 ms |")
    print(f"| Check to verdict laid out, slowest quiz | {med('with script', 'check_max'):.2f} ms | at most 5 ms |")
    print("\n| variant | DOMContentLoaded | load |")
    print("|---|---|---|")
    for name in runs:
        print(f"| {name} | {med(name, 'dcl'):.1f} ms | {med(name, 'load'):.1f} ms |")
    ratio = med("with script", "dcl") / med("without script", "dcl")
    print(f"\nratio DOMContentLoaded with/without script: {ratio:.3f}")


if __name__ == "__main__":
    main()
