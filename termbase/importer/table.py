"""Reading spreadsheets: CSV and XLSX, one concept per row, in this project's own layouts (the
CSV export's `en.preferred`, `en.variants`..., the workbook's `Entries` and `Terms` sheets) and
in those of CAT tools' exports (memoQ's `English`, `English_Def`, `English_Info`; Phrase's
`en`, `en_Definition`, `en_Note`, `en_Status`; `Entry_ID`, `Entry_Subject`).

A column is read by its header: a language (a tag such as `de-DE`, or an English name such as
`German`), then what it holds (the preferred term when nothing follows). Several terms in one
cell are separated by `;` or `|` (memoQ's "split alternatives"). A column no rule knows is
named in the report.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from termbase.importer.model import Entry, ImportedTerm, Termbase
from termbase.importer.tbx import STATUSES, TERM_TYPES
from termbase.languages import is_known
from termbase.model import KIND_SYNONYMS, Kind, Status, TermType
from termbase.render.common.cells import written_text

SPLIT = re.compile(r"\s*[;|]\s*")
ENTRY_FIELDS = {
    "id": ("id", "entry id", "entry_id", "concept id", "conceptid"),
    "kind": ("kind",),
    "domain": ("domain", "subject", "subject field", "entry subject", "entry domain"),
    "note": ("note", "entry note", "comment"),
}
"""Columns about the entry as a whole, by their headers (lower case, `_` read as a space)."""
LANGUAGE_FIELDS = {
    "preferred": ("preferred",),
    "term": ("", "term"),
    "admitted": ("admitted", "variants", "synonyms"),
    "deprecated": ("deprecated", "forbidden", "not recommended"),
    "definition": ("definition", "def"),
    "note": ("note", "info", "comment"),
    "status": ("status",),
    "pinyin": ("pinyin",),
    "attested": ("attested",),
}
"""Columns of one language, by what follows the language in their headers."""
TERM_SHEET = ("ID", "Language", "Term", "Status")
"""The first columns of this project's `Terms` sheet: one term per row, with its status."""


class TableError(Exception):
    """The file cannot be read as a table; the message names the place."""


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    lang: str | None = None


def read_csv(path: Path) -> Termbase:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8 CSV"
        ) from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    termbase = Termbase(str(path), [])
    termbase.entries = list(_entries(rows, path.name, termbase))
    return termbase


def read_xlsx(path: Path) -> Termbase:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(f"{path}: not an XLSX workbook ({error})") from None
    sheets = {
        sheet.title: [_cells(row) for row in sheet.iter_rows(values_only=True)] for sheet in book
    }
    termbase = Termbase(str(path), [])
    main, *others = sheets
    termbase.entries = list(_entries(sheets[main], f"{path.name} [{main}]", termbase))
    for name in others:
        rows = sheets[name]
        if rows and tuple(rows[0][: len(TERM_SHEET)]) == TERM_SHEET:
            termbase.entries = _with_term_sheet(termbase.entries, rows, termbase)
        elif any(any(row) for row in rows):
            termbase.note(
                f"sheet '{name}': not mapped (only the first sheet and a Terms sheet are read)"
            )
    return termbase


def _cells(row: Sequence[object]) -> list[str]:
    return ["" if cell is None else str(cell).strip() for cell in row]


def _entries(rows: list[list[str]], name: str, termbase: Termbase) -> Iterator[Entry]:
    if not rows:
        raise TableError(f"{termbase.path}: the table is empty")
    columns = [column(header, termbase) for header in rows[0]]
    if not any(c and c.field in ("preferred", "term") for c in columns):
        raise TableError(
            f"{termbase.path}:1: no column of terms: name one by its language (en, de-DE, German)"
        )
    for number, row in enumerate(rows[1:], 2):
        if any(cell.strip() for cell in row):
            yield _entry(columns, [written_text(c) for c in row], f"{name}:{number}", termbase)


def column(header: str, termbase: Termbase) -> Column | None:
    """What a column holds, by its header (None, and a line of the report, for an unknown one)."""
    words = " ".join(header.replace("_", " ").replace(".", " ").split()).lower()
    for field, names in ENTRY_FIELDS.items():
        if words in names:
            return Column(field)
    first, _, rest = words.partition(" ")
    for lang_words, field_words in ((first, rest), (words, "")):
        lang = language_of(lang_words) or language_of(lang_words.replace(" ", "-"))
        if lang:
            for field, names in LANGUAGE_FIELDS.items():
                if field_words in names:
                    return Column(field, lang)
    if header.strip():
        termbase.note(f"column '{header}': not mapped")
    return None


def language_of(words: str) -> str | None:
    """A language tag from a header's first word: a tag (`de`, `de-de`, `zh-hans`), or a
    language's English name (`german`)."""
    if words and is_known(words) and re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", words):
        return _cased(words)
    return _english_names().get(words)


def _cased(tag: str) -> str:
    """BCP 47's case: `de-DE`, `zh-Hans`."""
    first, *rest = tag.split("-")
    return "-".join(
        [first, *(s.upper() if len(s) == 2 else s.title() if len(s) == 4 else s for s in rest)]
    )


@cache
def _english_names() -> dict[str, str]:
    from babel import Locale

    return {name.lower(): code.replace("_", "-") for code, name in Locale("en").languages.items()}


def _entry(columns: list[Column | None], row: list[str], where: str, termbase: Termbase) -> Entry:
    values: dict[str, str] = {}
    per_lang: dict[str, dict[str, str]] = {}
    for spec, cell in zip(columns, row, strict=False):
        if spec is None or not cell:
            continue
        if spec.lang is None:
            values[spec.field] = cell
        else:
            per_lang.setdefault(spec.lang, {})[spec.field] = cell
    terms: list[ImportedTerm] = []
    notes: dict[str, str] = {}
    for lang, fields in per_lang.items():
        terms += _terms(lang, fields, termbase)
        if "note" in fields:
            notes[lang] = fields["note"]
        if "attested" in fields:
            termbase.note(
                "which terms the sources have ('attested'): not mapped, the table has no places"
            )
    if "note" in values and per_lang:
        first = next(iter(per_lang))
        notes[first] = (
            f"{values['note']} {notes[first]}".strip() if first in notes else values["note"]
        )
        termbase.note(f"notes of whole entries: kept as notes of the first language ({first})")
    return Entry(
        where,
        values.get("id"),
        tuple(terms),
        {lang: f["definition"] for lang, f in per_lang.items() if "definition" in f},
        notes,
        values.get("domain"),
        _kind(values.get("kind"), where, termbase),
    )


def _terms(lang: str, fields: dict[str, str], termbase: Termbase) -> list[ImportedTerm]:
    status = None
    if "status" in fields:
        status = STATUSES.get(fields["status"].lower().replace(" ", ""))
        if status is None:
            termbase.note(f"status '{fields['status']}': not known; the term read as admitted")
            status = Status.ADMITTED
    if "preferred" in fields:  # a column that says so (this project's `en.preferred`)
        status = status or Status.PREFERRED
    found = []
    column = fields.get("preferred") or fields.get("term", "")
    for index, text in enumerate(t for t in SPLIT.split(column) if t):
        given = status if index == 0 else Status.ADMITTED
        pinyin = fields.get("pinyin") if index == 0 else None
        found.append(ImportedTerm(text, lang, given, pinyin=pinyin))
    for field, kind in (("admitted", Status.ADMITTED), ("deprecated", Status.DEPRECATED)):
        found += [ImportedTerm(t, lang, kind) for t in SPLIT.split(fields.get(field, "")) if t]
    return found


def _kind(value: str | None, where: str, termbase: Termbase) -> Kind:
    if not value:
        return Kind.CONCEPT
    if value in KIND_SYNONYMS:
        return KIND_SYNONYMS[value]
    try:
        return Kind(value)
    except ValueError:
        termbase.note(f"{where}: kind '{value}': not known; read as concept")
        return Kind.CONCEPT


def _with_term_sheet(
    entries: list[Entry], rows: list[list[str]], termbase: Termbase
) -> list[Entry]:
    """The entries with the terms of this project's `Terms` sheet, which has every term with its
    status, type and note (the `Entries` sheet has the terms only by status)."""
    header = rows[0]
    at = {
        name: header.index(name)
        for name in ("ID", "Language", "Term", "Status", "Type", "Note")
        if name in header
    }
    by_id: dict[str, list[ImportedTerm]] = {}
    for row in rows[1:]:
        row = [written_text(cell) for cell in row]
        if not row[at["Term"]]:
            continue
        term_type = (
            TERM_TYPES.get(row[at["Type"]].replace("-", "").lower(), TermType.FULL_FORM)
            if "Type" in at
            else TermType.FULL_FORM
        )
        term = ImportedTerm(
            row[at["Term"]],
            row[at["Language"]],
            STATUSES.get(row[at["Status"]].lower()),
            term_type,
            (row[at["Note"]] or None) if "Note" in at else None,
        )
        by_id.setdefault(row[at["ID"]], []).append(term)
    merged = []
    for entry in entries:
        terms = by_id.get(entry.id or "")
        if terms:
            pinyin = {t.text: t.pinyin for t in entry.terms if t.pinyin}
            terms = [
                ImportedTerm(t.text, t.lang, t.status, t.type, t.note, pinyin.get(t.text))
                for t in terms
            ]
            entry = Entry(
                entry.where,
                entry.id,
                tuple(terms),
                entry.definitions,
                entry.notes,
                entry.domain,
                entry.kind,
            )
        merged.append(entry)
    return merged
