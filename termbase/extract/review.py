"""`extract --write` and `attest --candidates --write`: what the glossary lacks, appended to
glossary/review.yaml for a person to curate: the unmatched candidates of the source notes, and
the renderings mined from translations.

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
# Candidate terms that match no concept and no entry of ignore.toml: found in the source notes
# by `build.py extract --write`, or (with a `concept`) in the translations of the usage corpus
# by `build.py attest --candidates --write`. For each one, either add the term to a concept
# (with its sources) or add it to ignore.toml with the reason it is not a term; then delete it
# here. Both commands only append to this file, and never add an occurrence twice.
"""
ORDER = ("text", "lang", "concept", "found", "sources", "variants")
"""The keys of an entry, in the order they are written."""

Key = tuple[str, str]
"""An entry's identity: (language, normal form of the text)."""


class ReviewFileError(Exception):
    """The review file exists but is not a list of entries; the message says where."""


def append_review(glossary_dir: Path, extraction: Extraction) -> int:
    """Append the unmatched candidates not yet in the review file; return how many entries."""
    return append_entries(glossary_dir, _entries(extraction))


def append_entries(glossary_dir: Path, entries: list[dict[str, object]]) -> int:
    """Append the entries (`text`, `lang`, `sources`, and what else `ORDER` names), each
    with its sources not yet in the review file, when any is left; return how many."""
    path = glossary_dir / REVIEW_FILE
    listed = _listed(path)
    entries = [new for entry in entries if (new := _unlisted(entry, listed))]
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


def _unlisted(entry: dict[str, object], listed: set[tuple[Key, str]]) -> dict[str, object] | None:
    """The entry with only its sources not yet in the review file; None when none is left."""
    text, lang, sources = entry["text"], entry["lang"], entry["sources"]
    assert isinstance(text, str) and isinstance(lang, str) and isinstance(sources, list)
    key = (lang, normal_form(text, lang))
    new = [where for where in sources if (key, where) not in listed]
    return {**entry, "sources": new} if new else None


def _entries(extraction: Extraction) -> list[dict[str, object]]:
    """One entry per unmatched text and language, with its occurrences."""
    entries: dict[Key, dict[str, object]] = {}
    sources: dict[Key, list[str]] = defaultdict(list)
    for report in extraction.sources:
        for verdict in report.with_status(Coverage.UNMATCHED):
            candidate = verdict.candidate
            key = (candidate.lang, normal_form(candidate.text, candidate.lang))
            where = f"{candidate.file}:{candidate.line}"
            if where in sources[key]:
                continue
            sources[key].append(where)
            entries.setdefault(key, {"text": candidate.text, "lang": candidate.lang})
            if candidate.variants:
                entries[key].setdefault("variants", list(candidate.variants))
    return [{**entry, "sources": sources[key]} for key, entry in entries.items()]


def _dump(entry: dict[str, object]) -> str:
    ordered = {k: entry[k] for k in ORDER if k in entry}
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
