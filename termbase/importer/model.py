"""What an imported termbase holds before it is a glossary: entries as the file has them, and
what could not be mapped (the report). Readers (`importer.tbx`, `importer.table`) make these;
`importer.write` turns them into glossary.toml and concept files."""

from __future__ import annotations

from dataclasses import dataclass, field

from termbase.model import Kind, Status, TermType


@dataclass(frozen=True, slots=True)
class ImportedTerm:
    text: str
    lang: str
    status: Status | None
    """None when the file gives none (the writer decides: the first term preferred)."""
    type: TermType = TermType.FULL_FORM
    note: str | None = None
    pinyin: str | None = None
    sources: tuple[str, ...] = ()
    """Places in source notes, as `file:line`."""
    general: tuple[str, ...] | None = None
    """A general word: a term only near a use of these concepts (all: `()`); None for a term."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One concept entry of the file."""

    where: str
    """Its place in the file, for the report: `terms.tbx:120`, `terms.csv:7`."""
    id: str | None
    terms: tuple[ImportedTerm, ...]
    definitions: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    domain: str | None = None
    """The subject field, as the file names it (a name, or one of our domain ids)."""
    kind: Kind = Kind.CONCEPT
    related: tuple[str, ...] = ()
    """The entries it refers to, by their ids in the file."""


@dataclass(slots=True)
class Termbase:
    """A whole file: its entries, what it says of itself, and the report of what was lost."""

    path: str
    entries: list[Entry]
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    """One line per thing the import could not carry over, or decided for the user."""

    def note(self, line: str) -> None:
        if line not in self.report:
            self.report.append(line)
