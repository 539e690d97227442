"""Findings: the problems the loader and the checks report, each with a place."""

from __future__ import annotations

from dataclasses import dataclass
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
            "message": self.message,
        }


class GlossaryError(Exception):
    """The glossary could not be loaded; `findings` says every reason."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} problem(s) in the glossary")
        self.findings = tuple(sorted(findings))
