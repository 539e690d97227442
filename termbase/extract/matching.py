"""Matching candidates to the glossary's terms, and to the ignore list of non-terms.

Both match by `normal_form`, so case, plural, hyphens and ё do not matter; a candidate is
matched when its text, or one of its other readings, is a term of some concept in any language.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from termbase.extract.markdown import Candidate
from termbase.extract.scripts import LANGUAGES as SCRIPT_LANGUAGES
from termbase.languages import ENGLISH, primary
from termbase.model import Glossary
from termbase.normalize import normal_form
from termbase.source_text import TextFileError, display_path, read_text

IGNORE_FILE = "ignore.toml"
_ENTRY_KEYS = ("text", "lang", "reason")


class Coverage(StrEnum):
    """What became of a candidate term: matched to a concept, ignored, or left unmatched."""

    MATCHED = "matched"
    UNMATCHED = "unmatched"
    IGNORED = "ignored"


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """A text that looks like a term in the sources but is none, and why."""

    text: str
    reason: str
    lang: str | None = None
    """en, ru or zh: ignore the text only in that script; None for any."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What became of one candidate."""

    candidate: Candidate
    status: Coverage
    form: str
    """The reading that matched (the candidate's text or one of its variants)."""
    concepts: tuple[str, ...] = ()
    reason: str | None = None


class IgnoreListError(Exception):
    """The ignore list cannot be read; the message says where and why."""


class Matcher:
    """The glossary's terms and the ignore list, by normal form."""

    def __init__(self, glossary: Glossary, ignore: Iterable[IgnoreEntry] = ()) -> None:
        self._terms: dict[str, list[str]] = defaultdict(list)
        for concept in glossary.concepts:
            for term in concept.terms:
                # Latin-script terms sit in every language ("GPT-4" in ru); index the English
                # reading too, so that "Transformers" finds a term listed only under ru.
                for key in {normal_form(term.text, term.lang), normal_form(term.text, ENGLISH)}:
                    if concept.id not in self._terms[key]:
                        self._terms[key].append(concept.id)
        self._ignore: dict[str, list[IgnoreEntry]] = defaultdict(list)
        for entry in ignore:
            self._ignore[normal_form(entry.text, entry.lang or ENGLISH)].append(entry)

    def classify(self, candidate: Candidate) -> Verdict:
        forms = (candidate.text, *candidate.variants)
        for form in forms:
            if concepts := self._terms.get(normal_form(form, candidate.lang)):
                return Verdict(candidate, Coverage.MATCHED, form, tuple(concepts))
        for form in forms:
            for entry in self._ignore.get(normal_form(form, candidate.lang), ()):
                if entry.lang in (None, candidate.lang):
                    return Verdict(candidate, Coverage.IGNORED, form, reason=entry.reason)
        return Verdict(candidate, Coverage.UNMATCHED, candidate.text)

    def shadowed(self) -> list[tuple[IgnoreEntry, tuple[str, ...]]]:
        """Ignore entries that are also glossary terms (the glossary wins: the entry is stale)."""
        return [
            (entry, tuple(self._terms[key]))
            for key, entries in self._ignore.items()
            if key in self._terms
            for entry in entries
        ]


def load_ignore_list(glossary_dir: Path) -> tuple[IgnoreEntry, ...]:
    """The entries of `glossary_dir/ignore.toml` (none when the file does not exist)."""
    path = glossary_dir / IGNORE_FILE
    if not path.is_file():
        return ()
    shown = display_path(path)
    try:
        text = read_text(path)
        data = tomllib.loads(text)
    except TextFileError as error:
        raise IgnoreListError(f"{error.location}: {error.message}") from None
    except tomllib.TOMLDecodeError as error:
        raise IgnoreListError(f"{shown}: {error}") from None
    unknown = sorted(set(data) - {"ignore"})
    if unknown:
        raise IgnoreListError(f"{shown}: unknown key '{unknown[0]}'; expected [[ignore]] entries")
    entries = data.get("ignore", [])
    if not isinstance(entries, list):
        raise IgnoreListError(f"{shown}: 'ignore' must be a list of [[ignore]] entries")
    lines = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_HEADER.finditer(text)]
    return tuple(
        _entry(item, f"{shown}:{lines[i]}" if i < len(lines) else f"{shown}: ignore[{i}]")
        for i, item in enumerate(entries)
    )


_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*ignore[ \t]*\]\]", re.MULTILINE)


def _entry(item: object, where: str) -> IgnoreEntry:
    if not isinstance(item, dict):
        raise IgnoreListError(f"{where}: an entry must be a table with text and reason")
    for key in item:
        if key not in _ENTRY_KEYS:
            raise IgnoreListError(f"{where}: unknown key '{key}' (expected text, lang, reason)")
    for key in ("text", "reason"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise IgnoreListError(f"{where}: '{key}' must be a non-empty text")
    lang = item.get("lang")
    if lang is not None and (not isinstance(lang, str) or _script_language(lang) is None):
        raise IgnoreListError(
            f"{where}: lang must be one of {', '.join(SCRIPT_LANGUAGES)}; got {lang!r}"
        )
    return IgnoreEntry(item["text"], item["reason"], _script_language(lang) if lang else None)


def _script_language(tag: str) -> str | None:
    """The script language of a tag: zh-Hans → zh."""
    code = primary(tag)
    return code if code in SCRIPT_LANGUAGES else None
