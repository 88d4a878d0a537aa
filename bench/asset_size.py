"""Report the gzipped size of the quiz's browser assets against their budget.

The script and stylesheet that ship with sphinx-quizbook are loaded on every
page of a book, so together they must stay small: at most 5 KB gzipped.

Usage: ``python bench/asset_size.py`` (exits 1 when over budget).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "ext" / "sphinx_quizbook" / "static"
ASSETS = ("sphinx-quizbook.js", "sphinx-quizbook.css")
BUDGET = 5 * 1024


def gzipped_size(path: Path) -> int:
    """The size in bytes of *path* compressed as a web server would (level 9)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main() -> int:
    """Print one line per asset and the total; 1 if the total is over budget."""
    total = 0
    for name in ASSETS:
        path = STATIC / name
        raw, packed = path.stat().st_size, gzipped_size(path)
        total += packed
        print(f"{name:<22} {raw:>6} B raw {packed:>6} B gzipped")
    ratio = total / BUDGET
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"{'total':<22} {'':>17} {total:>6} B gzipped = {ratio:.0%} of the {BUDGET} B budget ({verdict})")
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
