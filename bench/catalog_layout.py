"""What a change to a long catalog costs the browser's layout: one progress mark, then all.

Opens built catalog pages (``bench/browser.py`` builds one of 3,000 entries
into ``bench/out/catalog-1000x3/_build/catalog.html``) in Debian's Chromium,
unthrottled, with the repository's style sheet and without our script, and
times on the page's own clock (``performance.now()``), after the page has
drawn two frames:

``one mark``
    a progress mark added to the first entry, which is on screen, then a
    forced style and layout;
``every other mark added``
    a mark added to each other entry, without layout;
``their layout``
    the forced style and layout after that.

A mark is what the script adds: a space and a ``quizindex-status`` element
with its words and ``data-icon``. Given two pages (the catalog's HTML before
and after a change), they are opened in turn, round after round, in
alternating order, each in a fresh browser context. ``bench/browser.py``
times the script itself; this script says what the page's structure costs.

Usage::

    python bench/catalog_layout.py bench/out/catalog-1000x3/_build/catalog.html
    python bench/catalog_layout.py --rounds 7 NEW.html OLD.html
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

STATIC = Path(__file__).parent.parent / "ext" / "sphinx_quizbook" / "static"
_TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
_TIME_MARKS = r"""() => {
  const mark = () => {
    const element = document.createElement("span");
    element.className = "quizindex-status";
    element.dataset.icon = "\u25CB";
    element.textContent = "not tried yet";
    return element;
  };
  const items = document.querySelectorAll(".quizindex-item");
  const layout = () => void document.documentElement.offsetHeight;
  layout();
  let start = performance.now();
  items[0].append(" ", mark());
  layout();
  const one = performance.now() - start;
  start = performance.now();
  for (let i = 1; i < items.length; i++) items[i].append(" ", mark());
  const added = performance.now() - start;
  start = performance.now();
  layout();
  return { one, added, all: performance.now() - start, entries: items.length };
}"""
MEASURES = (("one", "one mark, laid out"), ("added", "every other mark added"), ("all", "their layout"))


def measure(browser, page: Path, style: str) -> dict[str, float]:
    """One fresh context: the page, drawn, then the marks timed."""
    context = browser.new_context()
    context.route(lambda address: not address.startswith("file:"), lambda route: route.abort())
    context.route("**/sphinx-quizbook.js*", lambda route: route.fulfill(body="", content_type="text/javascript"))
    context.route("**/sphinx-quizbook.css*", lambda route: route.fulfill(body=style, content_type="text/css"))
    tab = context.new_page()
    tab.goto(page.resolve().as_uri(), wait_until="load")
    tab.evaluate(_TWO_FRAMES)
    result = tab.evaluate(_TIME_MARKS)
    context.close()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, nargs="+", help="built catalog pages")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    # Here, not at the top: tests.helpers needs pytest, which --help does not.
    from playwright.sync_api import sync_playwright

    from tests.helpers import CHROMIUM, CHROMIUM_ARGS

    style = (STATIC / "sphinx-quizbook.css").read_text(encoding="utf-8")
    runs: dict[Path, list[dict[str, float]]] = {page: [] for page in args.pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for round_number in range(args.rounds):
            for page in args.pages if round_number % 2 == 0 else reversed(args.pages):
                runs[page].append(measure(browser, page, style))
        browser.close()
    print(f"median of {args.rounds} rounds (lowest–highest), ms on the page's clock, unthrottled\n")
    print("| page | entries | " + " | ".join(title for _key, title in MEASURES) + " |")
    print("|---|---|" + "---|" * len(MEASURES))
    for page, results in runs.items():
        cells = []
        for key, _title in MEASURES:
            values = [result[key] for result in results]
            cells.append(f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})")
        print(f"| {page} | {results[0]['entries']:.0f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
