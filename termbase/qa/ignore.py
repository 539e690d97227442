"""Accepted exceptions for `qa --ignore FILE`: a finding of a unit and a concept that a person
has judged right (a term left out on purpose, a quotation).

Two ways to write the file:
- text, a line per exception: the unit, then the concept id, the last word of the line
  (`u7 transformer`); `#` starts a comment;
- JSON (a `.json` file): a list of objects with `unit` and `concept`, and optionally `file`
  (then only in that file), as `qa --format json` prints them: keep the findings to accept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from termbase.qa import QaFinding
from termbase.source_text import TextFileError, read_text


@dataclass(frozen=True, slots=True)
class Accepted:
    unit: str
    concept: str
    file: str | None = None
    """Only in the file of this path (as `qa` prints it), when given."""


class IgnoreFileError(Exception):
    """The exceptions file cannot be read; the message says where and why."""


class Exceptions:
    """The accepted exceptions, to filter findings by."""

    def __init__(self, entries: list[Accepted]) -> None:
        self._anywhere = {(e.unit, e.concept) for e in entries if e.file is None}
        self._in_file = {(e.file, e.unit, e.concept) for e in entries if e.file is not None}

    def accepts(self, finding: QaFinding) -> bool:
        key = (finding.unit, finding.concept)
        return key in self._anywhere or (finding.path, *key) in self._in_file


def load(path: Path, concepts: set[str]) -> Exceptions:
    """The exceptions in `path`; an unknown concept id is an error (a typo would hide nothing)."""
    shown = str(path)  # as the user typed it, as compilers print it
    text = read_list_file(path)
    entries = _from_json(shown, text) if path.suffix.lower() == ".json" else _from_text(shown, text)
    for where, entry in entries:
        if entry.concept not in concepts:
            raise IgnoreFileError(f"{where}: no concept '{entry.concept}' in the glossary")
    return Exceptions([entry for _, entry in entries])


def read_list_file(path: Path) -> str:
    """The text of a file of the user's that `qa` reads (exceptions, non-translatables), or
    `IgnoreFileError` saying `file: why` in one line."""
    try:
        return read_text(path)
    except TextFileError as error:
        raise IgnoreFileError(f"{error.location}: {error.message}") from None
    except OSError as error:
        raise IgnoreFileError(f"{path}: cannot be read: {error.strerror}") from None


def _from_text(shown: str, text: str) -> list[tuple[str, Accepted]]:
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        parts = content.rsplit(None, 1)
        if len(parts) != 2:
            raise IgnoreFileError(
                f"{shown}:{number}: expected a unit and a concept id (`u7 transformer`)"
            )
        entries.append((f"{shown}:{number}", Accepted(parts[0], parts[1])))
    return entries


def _from_json(shown: str, text: str) -> list[tuple[str, Accepted]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IgnoreFileError(f"{shown}:{error.lineno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, list):
        raise IgnoreFileError(f"{shown}: expected a list of objects with unit and concept")
    entries = []
    for index, item in enumerate(data):
        where = f"{shown}: item {index + 1}"
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("unit", "concept")
        ):
            raise IgnoreFileError(f"{where}: expected an object with unit and concept")
        file = item.get("file")
        if file is not None and not isinstance(file, str):
            raise IgnoreFileError(f"{where}: file must be a path")
        entries.append((where, Accepted(item["unit"], item["concept"], file)))
    return entries
