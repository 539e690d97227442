"""Golden files: outputs kept in tests/golden/, compared as text with a readable diff.

`make golden` (pytest --update-golden -m golden) writes them anew; review their diff like code.
A golden file may carry a revision (the date Anki compares): when the code changes what a
golden file shows, the revision must move forward too, or learners' collections would not take
the change (a change of the fixture's text alone needs no new revision).
"""

from __future__ import annotations

import difflib
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
REFRESH = "run `make golden` and review the diff of tests/golden/"


def compare(name: str, text: str, *, update: bool, revision: str | None = None) -> None:
    """Fail, with a unified diff, unless tests/golden/<name> holds `text` (and `revision`)."""
    path = GOLDEN / name
    current = (f"revision: {revision}\n" if revision else "") + text
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(current, encoding="utf-8")
        return
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    if kept == current:
        return
    diff = "".join(
        difflib.unified_diff(
            kept.splitlines(keepends=True),
            current.splitlines(keepends=True),
            f"tests/golden/{name}",
            "now",
            n=2,
        )
    )
    advice = REFRESH
    if revision and kept.startswith(f"revision: {revision}\n"):
        advice = (
            f"if the code changed what learners see, move its revision ({revision}) forward "
            f"(Anki takes only newer notes and note types); then {REFRESH}"
        )
    raise AssertionError(f"{name} differs from its golden file; {advice}\n{diff}")
