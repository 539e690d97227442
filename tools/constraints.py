"""Keeping constraints.txt in step with the tools installed: `python -m tools.constraints`.

constraints.txt pins the tools whose releases change the outputs or the linters' findings (the
reason for each beside it). `--names` prints their names, for pip to upgrade them (`make
constraints`); without it, each pin is written anew with the version installed in this Python,
comments kept.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parents[1] / "constraints.txt"
_PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


def names(text: str) -> list[str]:
    """The packages pinned, in the file's order."""
    return [match["name"] for line in text.splitlines() if (match := _PIN.fullmatch(line))]


def refreshed(text: str) -> str:
    """The file with each pin at the version installed; a package not installed is an error."""
    lines = []
    for line in text.splitlines():
        if match := _PIN.fullmatch(line):
            try:
                line = f"{match['name']}=={version(match['name'])}"
            except PackageNotFoundError:
                raise SystemExit(f"constraints.txt: {match['name']} is not installed") from None
        lines.append(line)
    return "\n".join(lines) + "\n"


def main(args: list[str]) -> None:
    text = CONSTRAINTS.read_text(encoding="utf-8")
    if args == ["--names"]:
        print(" ".join(names(text)))
    elif not args:
        CONSTRAINTS.write_text(refreshed(text), encoding="utf-8")
    else:
        raise SystemExit("usage: python -m tools.constraints [--names]")


if __name__ == "__main__":
    main(sys.argv[1:])
