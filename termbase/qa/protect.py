"""Protected text: what a translator copies and `qa` never checks for terms.

- Inline markup of the bilingual formats: the content of XLIFF 1.2 `<ph>`, `<bpt>`, `<ept>`,
  `<it>`, `<ut>`, of TMX `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>`, and `<mrk>` marked
  `mtype="protected"` (1.2) or `translate="no"` (2.x); `<g>`, `<pc>`, `<hi>` and other `<mrk>`
  hold translatable text and stay checked (`flatten`).
- In any text: code spans in backticks, URLs and e-mail addresses (`code_spans`).
- Names a project keeps as they are (its list of non-translatables), where they occur as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

Span = tuple[int, int]

_PROTECTED_TAGS = frozenset({"ph", "bpt", "ept", "it", "ut"})
"""Inline elements whose content is markup or code, not text to translate."""
_CODE = re.compile(r"`[^`\n]*`|\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+")


def flatten(element: etree._Element | None) -> tuple[str, tuple[Span, ...]]:
    """The text of a `<source>`, `<target>` or `<seg>` as translators' tools show it, and where
    its protected inline parts are in that text."""
    if element is None:
        return "", ()
    parts: list[str] = []
    spans: list[Span] = []
    _walk(element, parts, spans)
    return "".join(parts), tuple(spans)


def _walk(element: etree._Element, parts: list[str], spans: list[Span]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):  # a comment or a processing instruction
            if child.tail:
                parts.append(child.tail)
            continue
        start = sum(map(len, parts))
        if _protected(child):
            parts.append("".join(child.itertext()))
            if sum(map(len, parts)) > start:
                spans.append((start, sum(map(len, parts))))
        else:
            _walk(child, parts, spans)
        if child.tail:
            parts.append(child.tail)


def _protected(element: etree._Element) -> bool:
    name = etree.QName(element).localname
    if name in _PROTECTED_TAGS:
        return True
    return name == "mrk" and (
        element.get("mtype") == "protected" or element.get("translate") == "no"
    )


def code_spans(text: str) -> list[Span]:
    """Code in backticks, URLs and e-mail addresses in a text."""
    return [m.span() for m in _CODE.finditer(text)]


def name_spans(text: str, names: Iterable[str]) -> list[Span]:
    """Where the non-translatable names occur in a text, as written (case matters)."""
    return [m.span() for name in names for m in re.finditer(re.escape(name), text)]
