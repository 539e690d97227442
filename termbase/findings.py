"""Findings: the problems the loader and the checks report, each with a place."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from termbase.model import Location
from termbase.source_text import display_path

MISSING_LANGUAGE = "missing-language"
MISSING_DEFINITION = "missing-definition"
"""The codes of the findings that a language's text is missing (not wrong)."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Message:
    """A finding's message, which the UI can translate: an English template (marked for the
    catalogs with `N_` where a check writes it: `"term '%(term)s': two spaces in a row"`), and
    the values that fill it, plain strings or messages of their own (translated in turn). The
    loader's messages, for the author at the terminal, are templates without values that no
    catalog translates."""

    template: str
    values: tuple[tuple[str, str | Message], ...] = ()

    def __str__(self) -> str:
        """The English message."""
        return self.render(str)

    def render(self, translate: Callable[[str], str]) -> str:
        """The message, each template passed through `translate` (a catalog's gettext)."""
        if not self.template:
            return ""  # gettext("") is a catalog's header
        if not self.values:
            return translate(self.template)
        values = {
            name: value.render(translate) if isinstance(value, Message) else value
            for name, value in self.values
        }
        return translate(self.template) % values


def message(template: str, **values: str | Message) -> Message:
    """`Message(template, values)`, the values given by name."""
    return Message(template, tuple(values.items()))


def joined(parts: list[Message], separator: str = "; ") -> Message:
    """Messages one after the other, each translated on its own (the joining template is no
    message: a catalog gives it back as it is)."""
    template = separator.join(f"%(part{n})s" for n in range(len(parts)))
    return Message(template, tuple((f"part{n}", part) for n, part in enumerate(parts)))


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem, at one place: `glossary/concepts/llm.yaml:12:5: error: ...`."""

    location: Location
    severity: Severity
    code: str
    """A stable, kebab-case name of the rule, for machines and filters."""
    message: Message = field(compare=False)
    english: str = field(init=False)
    """The message in English (the terminal's, the JSON's): findings sort by it."""
    concept: str | None = None
    """The id of the concept concerned, when there is one."""
    lang: str | None = field(default=None, compare=False)
    """The language of the text concerned (a term, a definition), when there is one: the
    alignment view marks that language's cell."""
    see: Location | None = field(default=None, compare=False)
    """Another place the problem concerns (the concept that has the term too), when the
    message does not name it: kept apart so that its path, like `location`'s, is shown
    relative to the working directory on a terminal and to the glossary in the outputs."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "english", str(self.message))

    @property
    def missing(self) -> bool:
        """The finding is that a language's text is missing: no text of it is wrong."""
        return self.code in (MISSING_LANGUAGE, MISSING_DEFINITION)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.description}"

    @property
    def description(self) -> str:
        """The message in English, with the other place it concerns."""
        return self.translated(str)

    def translated(self, translate: Callable[[str], str]) -> str:
        """The message in the language of `translate` (a catalog's gettext), with the other
        place it concerns."""
        shown = self.message.render(translate)
        return f"{shown}; see {self.see}" if self.see else shown

    def placed(self, root: Path) -> Finding:
        """The finding with its places, relative to the glossary folder `root` in the model,
        made relative to the working directory, as a user types them: its location, `see`,
        and the `place` values of its message."""
        return replace(
            self,
            location=_placed(self.location, root),
            see=self.see and _placed(self.see, root),
            message=_placed_message(self.message, root),
        )

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
            "message": self.description,
        }


def _placed(location: Location, root: Path) -> Location:
    return replace(location, path=display_path(root / location.path))


def _placed_message(text: Message, root: Path) -> Message:
    """`text` with its `place` values (`concepts/x.yaml:5:13`) placed as `_placed` does."""

    def placed(name: str, value: str | Message) -> str | Message:
        if isinstance(value, Message):
            return _placed_message(value, root)
        if name != "place":
            return value
        path, line, column = value.rsplit(":", 2)
        return str(_placed(Location(path, int(line), int(column)), root))

    return replace(text, values=tuple((name, placed(name, v)) for name, v in text.values))


def suggest(word: str, choices: Collection[str]) -> str:
    """` (did you mean 'x'?)` when a close choice exists, for a message about an unknown name."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def summary(findings: Iterable[Finding]) -> str:
    """`1 error(s), 2 warning(s), 3 note(s)`: the findings counted by severity."""
    counts = Counter(f.severity for f in findings)
    return (
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} note(s)"
    )


class GlossaryError(Exception):
    """The glossary could not be loaded; `findings` says every reason."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} problem(s) in the glossary")
        self.findings = tuple(sorted(findings))
