"""`extract --write`: unmatched candidates appended to glossary/review.yaml for a person to curate.

The file is only ever added to at its end, so a person's edits and comments stay as they are;
it is written whole to a temporary and renamed into place, so a reader (or an interruption)
never finds it half written. An occurrence (text, language, file:line) already in it is never
added again, so a second run with the same sources adds nothing. Concept files are never
touched.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from termbase.extract import Extraction
from termbase.extract.matching import Coverage
from termbase.languages import ENGLISH
from termbase.normalize import normal_form
from termbase.source_text import TextFileError, display_path, read_text
from termbase.write import write_atomically
from termbase.yamlnodes import Loader

REVIEW_FILE = "review.yaml"
HEADER = """\
# Candidate terms that `build.py extract --write` found in the source notes and that match no
# concept and no entry of ignore.toml. For each one, either add the term to a concept (with its
# sources) or add it to ignore.toml with the reason it is not a term; then delete it here.
# `extract --write` only appends to this file, and never adds an occurrence twice.
"""

Key = tuple[str, str]
"""An entry's identity: (language, normal form of the text)."""


class ReviewFileError(Exception):
    """The review file exists but is not a list of entries; the message says where."""


def append_review(glossary_dir: Path, extraction: Extraction) -> int:
    """Append the unmatched candidates not yet in the review file; return how many entries."""
    path = glossary_dir / REVIEW_FILE
    listed = _listed(path)
    entries = _new_entries(extraction, listed)
    if not entries:
        return 0
    text = read_text(path) if path.exists() else ""
    if not text.strip():
        text = HEADER
    elif not text.endswith("\n"):
        text += "\n"
    text += "".join("\n" + _dump(entry) for entry in entries)
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise ReviewFileError(f"{display_path(path)}: cannot write: {error.strerror}") from None
    return len(entries)


def _new_entries(extraction: Extraction, listed: set[tuple[Key, str]]) -> list[dict[str, object]]:
    """One entry per unmatched text and language, with its occurrences not yet listed."""
    entries: dict[Key, dict[str, object]] = {}
    sources: dict[Key, list[str]] = defaultdict(list)
    for report in extraction.sources:
        for verdict in report.with_status(Coverage.UNMATCHED):
            candidate = verdict.candidate
            key = (candidate.lang, normal_form(candidate.text, candidate.lang))
            where = f"{candidate.file}:{candidate.line}"
            if (key, where) in listed or where in sources[key]:
                continue
            sources[key].append(where)
            entries.setdefault(key, {"text": candidate.text, "lang": candidate.lang})
            if candidate.variants:
                entries[key].setdefault("variants", list(candidate.variants))
    return [{**entry, "sources": sources[key]} for key, entry in entries.items()]


def _dump(entry: dict[str, object]) -> str:
    ordered = {k: entry[k] for k in ("text", "lang", "sources", "variants") if k in entry}
    return yaml.safe_dump(
        [ordered], allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000
    )


def _listed(path: Path) -> set[tuple[Key, str]]:
    """The occurrences the review file already holds: ((language, normal form), file:line)."""
    if not path.exists():
        return set()
    shown = display_path(path)
    try:
        data = yaml.load(read_text(path), Loader=Loader)  # a safe loader
    except TextFileError as error:
        raise ReviewFileError(f"{error.location}: {error.message}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise ReviewFileError(f"{where}: not valid YAML; fix or remove the file") from None
    if data is None:
        return set()
    if not isinstance(data, list):
        raise ReviewFileError(f"{shown}: expected a list of entries (- text: ...)")
    listed: set[tuple[tuple[str, str], str]] = set()
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ReviewFileError(f"{shown}: entry {index + 1} has no text")
        lang, sources = entry.get("lang", ENGLISH), entry.get("sources") or []
        if not isinstance(lang, str) or not isinstance(sources, list):
            raise ReviewFileError(f"{shown}: entry {index + 1}: lang must be text, sources a list")
        key = (lang, normal_form(entry["text"], lang))
        listed.update((key, where) for where in sources if isinstance(where, str))
    return listed
