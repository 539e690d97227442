"""Findings: the problems the loader and the checks report, each with a place."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from termbase.model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem, at one place: `glossary/concepts/llm.yaml:12:5: error: ...`."""

    location: Location
    severity: Severity
    code: str
    """A stable, kebab-case name of the rule, for machines and filters."""
    message: str
    concept: str | None = None
    """The id of the concept concerned, when there is one."""
    lang: str | None = field(default=None, compare=False)
    """The language of the text concerned (a term, a definition), when there is one: the
    alignment view marks that language's cell."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The finding for `--format json`."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": str(self.severity),
            "code": self.code,
            "concept": self.concept,
            "lang": self.lang,
            "message": self.message,
        }


def suggest(word: str, choices: Collection[str]) -> str:
    """` (did you mean 'x'?)` when a close choice exists, for a message about an unknown name."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class GlossaryError(Exception):
    """The glossary could not be loaded; `findings` says every reason."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} problem(s) in the glossary")
        self.findings = tuple(sorted(findings))
