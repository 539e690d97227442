"""Reading translators' bilingual files through translate-toolkit: XLIFF 1.2 and 2.x, TMX, PO,
and two-column CSV or TSV, each as a list of segments with their place in the file.

Languages come from the file where it names them: XLIFF's `source-language`/`target-language`
(1.2) or `srcLang`/`trgLang` (2.x), TMX's `srclang` and the languages of its variants, the PO
header's `Language` (and `X-Source-Language`), or a CSV or TSV header row of two language tags
(`en-US<TAB>ru-RU`). A file that cannot be read raises `BilingualFileError`, whose message is one
line with the file and, where the reader knows it, the line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from translate.storage.base import TranslationStore, TranslationUnit

from termbase.languages import glossary_language
from termbase.qa.protect import flatten
from termbase.source_text import MAX_SOURCE_BYTES, TextFileError, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_CSV_DELIMITERS = ",;\t"
Languages = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit (an XLIFF 2 segment, a TMX translation unit, a PO message, a row)."""

    unit: str
    """The file's own name for it: the XLIFF unit id (`u1::s2` for a segment of several in
    XLIFF 2), the TMX `tuid`, the PO `msgctxt` or `msgid`; else its number in the file."""
    line: int
    source: str
    target: str
    """Empty when the unit is not translated yet."""
    protected: tuple[tuple[int, int], ...] = ()
    """Where the source's inline markup is (`protect.flatten`): text never checked."""


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A bilingual file as read: its languages as it names them (None when it does not)."""

    path: str
    """As the user would type it."""
    source_lang: str | None
    target_lang: str | None
    segments: tuple[Segment, ...]
    other_targets: tuple[str, ...] = ()
    """A TMX's further target languages, besides `target_lang`, when it has several."""
    names_source: bool = True
    """False for PO, a format that names only its target language: its messages are in the
    glossary's source language, unless the header has `X-Source-Language`."""


Reader = Callable[[str, bytes, Languages, str | None], Bilingual]
"""(the path as shown, the file's bytes, the glossary's languages, the chosen target)."""


class BilingualFileError(Exception):
    """The file cannot be read as a bilingual file: `file[:line]: error: why`."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: error: {message}")


def read(path: Path, languages: Sequence[str], *, target: str | None = None) -> Bilingual:
    """The segments of a bilingual file, by its extension. `languages` are the glossary's
    (a CSV header row is one of language tags when it names them); `target`, one of them,
    chooses among the languages of a multilingual TMX."""
    shown = str(path)  # as the user typed it, as compilers print it
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise BilingualFileError(shown, f"unknown kind of file; qa reads {known}")
    try:
        data = read_bytes(path, shown, limit=MAX_SOURCE_BYTES)  # a regular file: never a pipe
    except TextFileError as error:
        raise BilingualFileError(shown, error.message) from None
    try:
        return reader(shown, data, tuple(languages), target)
    except UnicodeDecodeError:
        raise BilingualFileError(shown, "not UTF-8 or UTF-16 text; save it as UTF-8") from None
    except etree.XMLSyntaxError as error:
        message = _XML_PLACE.sub("", " ".join(error.msg.split()))
        raise BilingualFileError(
            f"{shown}:{error.lineno or 1}", f"not well-formed XML: {message}"
        ) from None
    except AssertionError:  # translate-toolkit's check that the root is the format's
        raise BilingualFileError(shown, f"not a {path.suffix[1:]} file") from None
    except ValueError as error:  # translate-toolkit's parse errors (PoParseError, csv.Error)
        text = " ".join(str(error).split())
        if place := _PARSER_PLACE.fullmatch(text):
            raise BilingualFileError(f"{shown}:{place[2]}", f"{place[1]}: {place[3]}") from None
        raise BilingualFileError(shown, text) from None


_XML_PLACE = re.compile(r",? line \d+, column \d+$")
_PARSER_PLACE = re.compile(r"(.*) on line (\d+): (.*)")


# XLIFF --------------------------------------------------------------------------------------


def _xliff(shown: str, data: bytes, languages: Languages, target: str | None) -> Bilingual:
    from translate.storage.xliff import Xliff1File
    from translate.storage.xliff2 import Xliff2File

    store: TranslationStore = (Xliff2File if _xliff_version(data) == 2 else Xliff1File)()
    store.parse(data)
    segments = tuple(
        _inline(_xliff_id(unit, index), _line(unit), unit.source_dom, unit.target_dom)
        for index, unit in enumerate(store.units, 1)
        if unit.istranslatable()
    )
    return Bilingual(shown, store.getsourcelanguage(), store.gettargetlanguage(), segments)


def _inline(
    unit: str, line: int, source: etree._Element | None, target: etree._Element | None
) -> Segment:
    """A segment of an XML format, its inline markup flattened and the protected parts kept."""
    source_text, protected = flatten(source)
    return Segment(unit, line, source_text, flatten(target)[0], protected)


def _xliff_version(data: bytes) -> int:
    """2 for XLIFF 2.x (by its namespace or version), else 1."""
    from io import BytesIO

    for _, root in etree.iterparse(BytesIO(data), events=("start",), resolve_entities=False):
        version = root.get("version", "")
        return 2 if version.startswith("2") or root.tag.startswith(f"{{{XLIFF_2}}}") else 1
    return 1


def _xliff_id(unit: Any, index: int) -> str:
    own = unit.xmlelement.get("id") if unit.xmlelement.tag.endswith("trans-unit") else None
    return own or unit.getid() or str(index)


def _line(unit: Any) -> int:
    """The unit's line: translate-toolkit's for PO and CSV, the element's for XML formats."""
    return unit.line_number or (unit.xmlelement.sourceline if unit.line_number is None else 1)


# TMX ----------------------------------------------------------------------------------------


def _tmx(shown: str, data: bytes, languages: Languages, target: str | None) -> Bilingual:
    """A TMX holds variants in any number of languages: the source is `srclang` (or the first
    variant's), the target the one other language, or `target` among several."""
    from translate.storage.tmx import tmxfile

    store = tmxfile()
    store.parse(data)
    units = [
        (unit, {(n.get(XML_LANG) or n.get("lang") or ""): n for n in unit.getlanguageNodes()})
        for unit in store.units
    ]
    header = store.document.getroot().find("header")
    source = header.get("srclang") if header is not None else None
    if source in (None, "*all*"):
        source = next((tag for _, nodes in units for tag in nodes), None)
    mapped = {tag: glossary_language(tag, languages) for _, nodes in units for tag in nodes}
    others = [tag for tag in mapped if tag and not _same(tag, source, mapped)]
    first: dict[str, str] = {}  # each target language once, by the first tag naming it
    for tag in others:
        first.setdefault(mapped[tag] or tag, tag)
    wanted = target if target is not None else next(iter(first), None)
    chosen = [tag for tag in others if (mapped[tag] or tag) == wanted]
    sources = [tag for tag in mapped if _same(tag, source, mapped)]
    segments = tuple(
        _inline(
            unit.xmlelement.get("tuid") or str(index),
            _line(unit),
            _variant(nodes, sources),
            _variant(nodes, chosen),
        )
        for index, (unit, nodes) in enumerate(units, 1)
    )
    rest = tuple(tag for language, tag in first.items() if language != wanted)
    return Bilingual(shown, source, chosen[0] if chosen else target, segments, rest)


def _same(tag: str, source: str | None, mapped: dict[str, str | None]) -> bool:
    """Whether a variant's tag names the source language."""
    if source is None:
        return False
    return tag.lower() == source.lower() or (
        mapped.get(tag) is not None and mapped.get(tag) == mapped.get(source)
    )


def _variant(nodes: dict[str, etree._Element], tags: list[str]) -> etree._Element | None:
    """The `<seg>` of the first variant in one of the languages `tags`."""
    tuv = next((nodes[t] for t in tags if t in nodes), None)
    if tuv is None:
        return None
    return next((e for e in tuv if etree.QName(e).localname == "seg"), None)


# PO -----------------------------------------------------------------------------------------


def _po(shown: str, data: bytes, languages: Languages, target: str | None) -> Bilingual:
    from translate.storage.pypo import pofile

    store = pofile()
    store.parse(data)
    header = store.parseheader()
    segments = tuple(
        Segment(_po_id(unit), _line(unit), _plain(unit.source), _plain(unit.target))
        for unit in store.units
        if not unit.isheader() and not unit.isobsolete()
    )
    source = header.get("X-Source-Language") or None
    target_lang = store.gettargetlanguage() or None
    return Bilingual(shown, source, target_lang, segments, names_source=False)


def _po_id(unit: TranslationUnit) -> str:
    return unit.getcontext() or _plain(unit.source)


def _plain(text: object) -> str:
    """A message's text; the forms of a plural message one per line."""
    strings = getattr(text, "strings", None)
    return "\n".join(strings) if strings else str(text or "")


# CSV and TSV --------------------------------------------------------------------------------


def _table(delimiter: str | None) -> Reader:
    """A reader of two columns, source and target; a header row is skipped, and read when it
    names the languages."""

    def read_table(shown: str, data: bytes, languages: Languages, target: str | None) -> Bilingual:
        from translate.storage.csvl10n import csvfile

        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text" is UTF-16
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
        store = csvfile(fieldnames=["source", "target"], encoding="utf-8")
        store.parse(text.encode(), dialect=_dialect(text, delimiter))
        units = list(store.units)
        pair: tuple[str | None, str | None] = (None, None)
        if units and _names_languages(units[0].source, units[0].target, languages):
            pair = (units[0].source.strip(), units[0].target.strip())
            units = units[1:]
        segments = tuple(
            Segment(str(index), _line(unit), unit.source or "", unit.target or "")
            for index, unit in enumerate(units, 1)
        )
        return Bilingual(shown, *pair, segments)

    return read_table


def _dialect(text: str, delimiter: str | None) -> str:
    """The csv dialect: tab-separated for TSV; for CSV, the separator the file uses (Excel in
    many locales writes semicolons)."""
    if delimiter == "\t":
        return "excel-tab"
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    return {",": "excel", "\t": "excel-tab"}.get(sniffed, _semicolon())


def _semicolon() -> str:
    if "termbase-semicolon" not in csv.list_dialects():
        csv.register_dialect("termbase-semicolon", csv.excel, delimiter=";")
    return "termbase-semicolon"


def _names_languages(first: str | None, second: str | None, languages: Languages) -> bool:
    """A header row of two language tags (`en-US`, `ru-RU`), not a first pair of texts: both
    cells are tags, and one at least names a glossary language."""
    cells = [(first or "").strip(), (second or "").strip()]
    tags = all(_TAG.fullmatch(cell) for cell in cells)
    return tags and any(glossary_language(c, languages) for c in cells)


READERS: dict[str, Reader] = {
    ".xlf": _xliff,
    ".xliff": _xliff,
    ".sdlxliff": _xliff,
    ".mqxliff": _xliff,
    ".mxliff": _xliff,
    ".tmx": _tmx,
    ".po": _po,
    ".csv": _table(None),
    ".tsv": _table("\t"),
    ".tab": _table("\t"),
    ".txt": _table("\t"),
}
"""Reader by file extension (lower case)."""
