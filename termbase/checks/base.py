"""What the checks share: building findings, the texts of a concept, words, scripts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from termbase.findings import Finding, Message, Severity, message
from termbase.i18n import N_
from termbase.model import Concept, Location, Status, Term

TEXT_FIELDS = ("definition", "notes")
"""The per-language prose fields checked beside the terms."""


def finding(
    where: Location,
    severity: Severity,
    code: str,
    message: Message,
    concept: Concept,
    lang: str | None = None,
) -> Finding:
    """A finding about `concept`, in language `lang` when it concerns one text. Its message is
    a `Message` whose templates are marked with `N_`, so that the alignment view shows it in the
    UI's language; the terminal and the JSON show it in English."""
    return Finding(where, severity, code, message, concept.id, lang)


@dataclass(frozen=True, slots=True)
class Prose:
    """One prose text of a concept: a definition or a note, in one language."""

    field: Message
    """How a finding names it: `definition.ru`, `notes.en`, `note of 'LLM'`."""
    lang: str
    text: str
    location: Location


FIELD_NAMES = {"definition": N_("definition.%(lang)s"), "notes": N_("notes.%(lang)s")}


def texts(concept: Concept, fields: tuple[str, ...] = TEXT_FIELDS) -> Iterator[Prose]:
    """The concept's definitions and notes (and each term's note), with where they start."""
    for field in fields:
        values = concept.definitions if field == "definition" else concept.notes
        for lang, prose in values.items():
            where = concept.places.get(f"{field}.{lang}", concept.location)
            yield Prose(message(FIELD_NAMES[field], lang=lang), lang, prose, where)
    if "notes" in fields:
        for term in concept.terms:
            if term.note:
                name = message(N_("note of '%(term)s'"), term=term.text)
                yield Prose(name, term.lang, term.note, term.location)


def term_name(term: Term) -> Message:
    """How a finding names a term: `term 'LLM'` (invisible characters shown as escapes)."""
    return message(N_("term '%(term)s'"), term=visible(term.text))


def documented(term: Term) -> bool:
    """A deprecated term with a note: a wrong form recorded on purpose, to warn against it.

    Findings about its form (capitals, agreement, scripts) are reported as info only.
    """
    return term.status is Status.DEPRECATED and bool(term.note)


def form_severity(term: Term, severity: Severity) -> Severity:
    return Severity.INFO if documented(term) else severity


def form_note(term: Term) -> Message:
    """What a finding about a term's form adds when the form is a documented wrong one."""
    return message(N_(" (a deprecated form, documented in its note)") if documented(term) else "")


LETTERS = re.compile(r"[^\W\d_]+")
"""Runs of letters: the words whose case and script the checks read."""


def quote(text: str) -> str:
    return f"'{text}'"


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}
_HIDDEN = re.compile(r"[^\S ]|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def describe(char: str) -> str:
    """`U+00A0 NO-BREAK SPACE`."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "character")
    return f"U+{ord(char):04X} {name}"


def visible(text: str) -> str:
    """The text with invisible characters shown as escapes: `image\\u200bsynthesis`."""
    return _HIDDEN.sub(lambda m: m[0].encode("unicode_escape").decode(), text)
