"""What reaches a terminal: text from the user's files shown, never obeyed.

A file name, a key or a term may hold an escape sequence (`\\x1b]0;title\\x07`, `\\x1b[2J`), a
C1 control (`\\x9b` starts a sequence in some terminals), a bidi override that reorders the rest
of the line, or a line break that forges a second message. Every message printed about the
glossary passes through `printable`, the one home of this rule.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str, *, json_escapes: bool = False) -> str:
    """`text` with control, bidi and line-separator characters written as escapes (`\\x1b`,
    `\\u202e`). With `json_escapes`, `text` is JSON, whose strings already escape C0 controls
    (its own line breaks are kept): the rest become `\\u009b` escapes, the same JSON value."""
    if json_escapes:
        return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return _UNSAFE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)
