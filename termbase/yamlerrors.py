"""What a YAML parser error means for someone editing a concept file, and what to do about it.

The parser says what it could not read, where it noticed: "mapping values are not allowed in
this context" for an unquoted colon, "found character that cannot start any token" for a tab,
an unclosed bracket at the end of the file. The commonest editing mistakes get one line here,
at the place the mistake is (the bracket that was opened, the tab, the colon), saying what to
write instead; any other error keeps the parser's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

QUOTED_LENGTH = 24
"""How much of a text the advice quotes back (`en: "Note: a model…"`)."""
_KEY = re.compile(r"(?P<indent>\s*)(?:-\s+)?(?P<key>[^\s#:\"'\[{][^:#]*?):(?:\s+(?P<value>.*))?$")
"""A `key: value` line (or a list item's first key), for the key the advice names."""
_CLOSING = {"flow sequence": ("[", "]", "list"), "flow mapping": ("{", "}", "mapping")}


@dataclass(frozen=True, slots=True)
class Advice:
    """Where a parser error's mistake is (0-based, as YAML marks are) and what to say."""

    line: int
    column: int
    message: str


def advise(error: yaml.MarkedYAMLError, text: str) -> Advice | None:
    """The mistake behind `error` in the document `text`, and what to do; None when it is not
    one of the mistakes known here (the parser's own words are then the best there is)."""
    problem, context = error.problem or "", error.context or ""
    mark, opened = error.problem_mark, error.context_mark
    lines = text.splitlines()
    if mark is None:
        return None
    found = _character(lines, mark.line, mark.column)
    if "mapping values are not allowed" in problem:
        return Advice(mark.line, mark.column, _colon(lines, mark.line, mark.column))
    if "tab" in problem or ("cannot start any token" in problem and found == "\t"):
        return Advice(
            mark.line,
            mark.column,
            "a tab character: YAML indents with spaces only; replace the tab with spaces",
        )
    if "cannot start any token" in problem and found:
        return Advice(mark.line, mark.column, _leading(lines, mark.line, found))
    if "expected key" in problem or "expected <block end>" in problem:
        before = lines[mark.line][: mark.column].rstrip() if mark.line < len(lines) else ""
        if before[-1:] in ('"', "'"):
            return Advice(mark.line, len(before) - 1, _inner_quote(before[-1]))
    if opened is None:
        return None
    if context.startswith("while parsing a flow") and opened.line < mark.line:
        opening, closing, what = _CLOSING[context.removeprefix("while parsing a ")]
        return Advice(
            opened.line,
            opened.column,
            f"the {what} opened with '{opening}' is not closed: end it with '{closing}' on the "
            f"same line ({_example(lines, opened.line, closing)})",
        )
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        quote = _character(lines, opened.line, opened.column)
        return Advice(
            opened.line,
            opened.column,
            f"the text opened with {quote!r} is not closed: end it with {quote!r} on the same line",
        )
    return None


def _character(lines: list[str], line: int, column: int) -> str:
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _colon(lines: list[str], line: int, column: int) -> str:
    """Advice for a colon and a space inside a plain text: YAML reads a key there."""
    key, value = _owner(lines, line, column)
    advice = "a colon followed by a space starts a key; put the text in quotes"
    return f'{advice}: {key}: "{_shortened(value)}"' if key else advice


def _owner(lines: list[str], line: int, column: int) -> tuple[str, str]:
    """The key whose text holds the colon at (`line`, `column`), and the start of that text:
    on the colon's line, or on a line above when the text goes on over several lines."""
    match = _KEY.match(lines[line])
    if match and match["value"] is not None and match.end("key") < column:
        return match["key"].strip(), match["value"]
    indent = len(lines[line]) - len(lines[line].lstrip())
    for above in reversed(lines[:line]):
        match = _KEY.match(above)
        if match and len(match["indent"]) < indent and match["value"]:
            return match["key"].strip(), match["value"]
    return "", ""


def _inner_quote(quote: str) -> str:
    """Advice for a quoted text that goes on after its closing quote (`"A "big" model"`)."""
    escaped = '\\"' if quote == '"' else "''"
    return (
        f"the text goes on after the {quote!r} that closes it: put the whole text in quotes, "
        f"and write each {quote!r} inside it as {escaped}"
    )


def _leading(lines: list[str], line: int, character: str) -> str:
    """Advice for a text starting with a character YAML reserves (`@`, a backquote)."""
    match = _KEY.match(lines[line])
    advice = f"a text cannot start with {character!r} unless it is in quotes; quote it"
    if match and match["value"]:
        return f'{advice}: {match["key"].strip()}: "{_shortened(match["value"])}"'
    return advice


def _example(lines: list[str], line: int, closing: str) -> str:
    """The opened line as it should be: `broader: [generative-model]`."""
    return lines[line].strip().rstrip(",") + closing


def _shortened(text: str) -> str:
    """The start of a text, as written inside double quotes, cut after a word."""
    text = text.strip().replace('"', '\\"')
    if len(text) <= QUOTED_LENGTH:
        return text
    cut = text[: QUOTED_LENGTH + 1].rpartition(" ")[0] or text[:QUOTED_LENGTH]
    return cut.rstrip(" ,;") + "…"
