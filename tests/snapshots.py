"""Compare text with a checked-in snapshot; ``UPDATE_SNAPSHOTS=1`` rewrites it."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import in_ci

SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if not path.exists() and in_ci():
        raise AssertionError(f"snapshot {path} is missing")
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}; UPDATE_SNAPSHOTS=1 rewrites it"
