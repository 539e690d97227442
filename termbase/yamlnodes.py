"""Typed reading of YAML nodes, keeping the line and column of every value.

The loader composes each document into nodes (libyaml's C parser when present) and reads them
through a `NodeReader`, which turns every wrong shape into a finding instead of an exception.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import TypeVar

import yaml

from termbase.findings import Finding, Message, Severity, suggest
from termbase.model import Location
from termbase.source_text import location_of_offset
from termbase.yamlerrors import advise

E = TypeVar("E", bound=StrEnum)

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# Characters no output can carry, refused in every text value. Control characters (U+001F is
# Anki's field separator); tab and newline are left to the terminology checks. Line and
# paragraph separators, which some readers take for line breaks (Python's splitlines, and so
# a TSV row) and others ignore. Surrogates, which no UTF-8 file can hold. Noncharacters
# (U+FFFE, U+FDD0...), which XML refuses (the TBX) and Unicode keeps out of interchange.
_UNUSABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def unusable(text: str) -> tuple[str, str] | None:
    """The finding code and message when `text` holds a character no output can carry
    (`control-character`, `control character U+001F in the text`), else None."""
    match = _UNUSABLE.search(text)
    if match is None:
        return None
    code = ord(match[0])
    if code in (0x2028, 0x2029):
        return "line-separator", f"line separator U+{code:04X}; use a line break or a space"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate", f"surrogate U+{code:04X}; no UTF-8 file can hold it"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter", f"noncharacter U+{code:04X}; no output can carry it"
    return "control-character", f"control character U+{code:04X} in the text"


MAX_TEXT = 5000
"""The longest text value accepted, in characters: far above any definition."""
_SHAPES = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "nothing",
    "timestamp": "a date",
}


class YAMLSyntaxError(Exception):
    """The document is not valid YAML."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def compose(text: str, path: str) -> yaml.Node | None:
    """The document's node tree (None for an empty document)."""
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        if advice := advise(error, text):
            place = Location(path, advice.line + 1, advice.column + 1)
            message = advice.message
        else:
            mark = error.problem_mark or error.context_mark
            place = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1)
            message = " ".join(part for part in (error.context, error.problem) if part)
        raise YAMLSyntaxError(
            Finding(place, Severity.ERROR, "yaml-syntax", Message(f"invalid YAML: {message}"))
        ) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses; no mark, an offset
        place = location_of_offset(path, text, error.position)
        raise YAMLSyntaxError(
            Finding(place, Severity.ERROR, "yaml-syntax", Message(f"invalid YAML: {error.reason}"))
        ) from None


def shape(node: yaml.Node) -> str:
    """What a node is, in words for an error message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _SHAPES.get(node.tag.removeprefix(_TAG), "a value")


def _text_advice(node: yaml.Node, field: str) -> str:
    """What to write instead of `node` where text belongs."""
    if isinstance(node, yaml.SequenceNode):
        key = field.rpartition(".")[2]
        marks = "the brackets" if node.flow_style else "'- ' in front"
        return f"write the text right after '{key}:', without {marks}"
    if isinstance(node, yaml.MappingNode):
        return "a colon followed by a space starts a key; put the text in quotes"
    return "put it in quotes"


class NodeReader:
    """Reads the nodes of one file, collecting findings with their places."""

    def __init__(self, path: str, concept: str | None = None) -> None:
        self.path = path
        self.concept = concept
        self.findings: list[Finding] = []

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        self.findings.append(
            Finding(self.where(node), Severity.ERROR, code, Message(message), self.concept)
        )

    def _wrong_type(self, node: yaml.Node, field: str, expected: str, advice: str = "") -> None:
        advice = f"; {advice}" if advice else ""
        self.error(node, "wrong-type", f"{field}: expected {expected}, got {shape(node)}{advice}")

    def mapping(
        self,
        node: yaml.Node,
        field: str,
        *,
        known: Collection[str] | None = None,
        required: Collection[str] = (),
    ) -> dict[str, yaml.Node] | None:
        """The mapping's values by key; unknown, duplicate and missing keys are reported."""
        if not isinstance(node, yaml.MappingNode):
            self._wrong_type(node, field or "document", "a mapping")
            return None
        values: dict[str, yaml.Node] = {}
        first: dict[str, yaml.Node] = {}  # each key's node, where it is first written
        prefix = f"{field}." if field else ""
        misspelt: set[str] = set()  # keys an unknown key was probably meant to be
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _TAG + "str":
                self.error(key_node, "wrong-type", f"{field or 'document'}: keys must be text")
            elif key in first:
                line = first[key].start_mark.line + 1
                self.error(
                    key_node,
                    "duplicate-key",
                    f"duplicate key '{prefix}{key}', first at line {line}: keep one of the two",
                )
            elif known is not None and key not in known:
                hint = suggest(key, known)
                misspelt.update(difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6))
                self.error(key_node, "unknown-key", f"unknown key '{prefix}{key}'{hint}")
            else:
                values[key] = value_node
            if isinstance(key, str):
                first.setdefault(key, key_node)
        for key in required:
            if key not in values and key not in misspelt:
                self.error(node, "missing-key", f"missing key '{prefix}{key}'")
        return values

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node]:
        """The list's items (an empty list and a wrong type both give none)."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self._wrong_type(node, field, "a list")
        return []

    def text(self, node: yaml.Node, field: str) -> str | None:
        """A non-empty text value."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != _TAG + "str":
            self._wrong_type(node, field, "text", _text_advice(node, field))
            return None
        if not node.value.strip():
            self.error(node, "empty-text", f"{field}: must not be empty")
            return None
        if problem := unusable(node.value):
            code, message = problem
            self.error(node, code, f"{field}: {message}")
            return None
        if len(node.value) > MAX_TEXT:
            self.error(
                node,
                "text-too-long",
                f"{field}: {len(node.value)} characters long; at most {MAX_TEXT}",
            )
            return None
        return node.value

    def integer(self, node: yaml.Node, field: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "int":
            try:
                return int(node.value.replace("_", ""), 0)
            except ValueError:  # YAML 1.1 octal such as 0755
                pass
        self._wrong_type(node, field, "a whole number")
        return None

    def boolean(self, node: yaml.Node, field: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "bool":
            return node.value.lower() in {"true", "yes", "on"}
        self._wrong_type(node, field, "true or false")
        return None

    def choice(
        self, node: yaml.Node, field: str, choices: type[E], synonyms: Mapping[str, E] | None = None
    ) -> E | None:
        """One of an enumeration's values (or of its older names, `synonyms`)."""
        value = self.text(node, field)
        if value is None:
            return None
        if synonyms and value in synonyms:
            return synonyms[value]
        try:
            return choices(value)
        except ValueError:
            names = [str(c) for c in choices]
            self.error(
                node,
                "bad-value",
                f"{field}: expected one of {', '.join(names)}; got '{value}'"
                f"{suggest(value, names)}",
            )
            return None

    def texts(self, node: yaml.Node, field: str) -> list[tuple[yaml.Node, str]]:
        """A list of text values, each with its node."""
        items = (
            (item, self.text(item, f"{field}[{index}]"))
            for index, item in enumerate(self.sequence(node, field))
        )
        return [(item, value) for item, value in items if value is not None]
