"""Browser timing of a page with many quizzes (default 200).

Builds one page of Q quizzes with ``bench/generate.py`` and opens it in
Debian's headless Chromium through Playwright, in two variants side by side,
round after round:

``with script``
    the page as built: ``sphinx-quizbook.js`` sets every quiz up.
``without script``
    the same page with the script's request blocked: what the reader gets
    without JavaScript, the baseline.

It reports the median time to DOMContentLoaded (deferred scripts run before
it) and to load, the time until every ``div.quiz`` has its ``button.quiz-check``
(the script's contract), and the time to click every Check button, each
click having to fill the quiz's ``.quiz-status``.

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

# Runs in the page once it has loaded: when was the last quiz set up, and how
# long do Check clicks take? Every click must fill the quiz's status.
_CLICK_ALL = """() => {
  const quizzes = [...document.querySelectorAll("div.quiz")];
  const start = performance.now();
  let filled = 0;
  for (const quiz of quizzes) {
    const box = quiz.querySelector(".quiz-checkbox");
    if (box) box.checked = true;
    quiz.querySelector("button.quiz-check").click();
    if ((quiz.querySelector(".quiz-status") || {}).textContent) filled++;
  }
  return {clickMs: performance.now() - start, filled, quizzes: quizzes.length};
}"""
_TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
}"""


def build_page(work: Path, quizzes: int, python: str) -> Path:
    """One page of *quizzes* quizzes, built to HTML; its path."""
    src = work / f"browser-{quizzes}"
    shutil.rmtree(src, ignore_errors=True)
    (name,) = generate(src, 1, quizzes, "quiz")
    subprocess.run([python, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_build")], check=True)
    return src / "_build" / f"{name}.html"


def measure(browser: object, url: str, with_script: bool) -> dict[str, float]:
    """Open the page once in a fresh context and time it."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    if not with_script:
        page.route("**/sphinx-quizbook.js*", lambda route: route.abort())
    page.goto(url, wait_until="load")
    result = dict(page.evaluate(_TIMING))
    if with_script:
        quizzes = page.locator("div.quiz").count()
        buttons = page.locator("div.quiz button.quiz-check").count()
        if buttons != quizzes:
            raise SystemExit(f"contract broken: {buttons} Check buttons for {quizzes} quizzes")
        clicks = page.evaluate(_CLICK_ALL)
        if clicks["filled"] != clicks["quizzes"]:
            raise SystemExit(f"contract broken: {clicks['filled']} of {clicks['quizzes']} statuses filled")
        result["click_all_ms"] = clicks["clickMs"]
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
    url = html.as_uri()
    runs: dict[str, list[dict[str, float]]] = {"with script": [], "without script": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for round_number in range(args.rounds):
            order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
            for name in order:
                runs[name].append(measure(browser, url, name == "with script"))
        browser.close()
    print(f"`python bench/browser.py --quizzes {args.quizzes} --rounds {args.rounds}` (median of {args.rounds})\n")
    print(f"page: {html.stat().st_size / 1024:.0f} KiB of HTML, {args.quizzes} quizzes\n")
    print("| variant | DOMContentLoaded ms | load ms | click every Check ms |")
    print("|---|---|---|---|")
    for name, results in runs.items():
        cells = [statistics.median(result[key] for result in results) for key in ("dcl", "load")]
        clicks = [result["click_all_ms"] for result in results if "click_all_ms" in result]
        click = f"{statistics.median(clicks):.1f}" if clicks else "-"
        print(f"| {name} | {cells[0]:.1f} | {cells[1]:.1f} | {click} |")
    with_dcl = statistics.median(result["dcl"] for result in runs["with script"])
    without_dcl = statistics.median(result["dcl"] for result in runs["without script"])
    print(f"\nratio DOMContentLoaded with/without script: {with_dcl / without_dcl:.3f}")


if __name__ == "__main__":
    main()
