"""The termbase as an Excel workbook (`xlsx/<slug>.xlsx`), for the spreadsheet imports of CAT
tools (memoQ, Phrase, XTM), made with openpyxl.

Two sheets:
- `Entries`, one row per concept (one entry per row, as memoQ's and XTM's spreadsheet imports
  take it): the concept's id, kind and domain, then for each language a column headed by its tag
  (`en`, `ru`, `zh-Hans`) with the preferred term, and columns of the admitted and the
  forbidden (deprecated) terms, several in a cell separated by "; " (the character to give
  memoQ's "split alternatives"), the definition, the note, and the pinyin for Chinese;
- `Terms`, one row per term, with status columns: the concept, the language, the term, its
  status, `Preferred` and `Forbidden` as TRUE/FALSE (the booleans Phrase's term-base spreadsheets
  carry), its type and note — for an import that maps one term per row.

Every text cell passes through `cells.spreadsheet_text` (no cell runs as a formula). The
workbook is the same bytes on every build: its dates are the build date, in the document
properties and in the zip entries alike.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from termbase.languages import is_chinese
from termbase.model import Concept, Glossary, Status
from termbase.pinyin import reading
from termbase.render.common.cells import spreadsheet_text
from termbase.render.contract import BuildContext, Job, Output, one_job
from termbase.render.csv import SEPARATOR

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FOLDER = PurePosixPath("xlsx")
WIDTHS = {"term": 28, "list": 28, "text": 60, "short": 14}
"""Column widths in characters, by the kind of column."""
TERM_COLUMNS = ("ID", "Language", "Term", "Status", "Preferred", "Forbidden", "Type", "Note")


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("xlsx", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    path = FOLDER / f"{context.glossary.slug}.xlsx"
    yield Output(path, workbook_bytes(context.glossary, context.build_date))


def entry_header(glossary: Glossary) -> list[tuple[str, str]]:
    """(column name, kind of column) of the `Entries` sheet."""
    columns = [("ID", "term"), ("Kind", "short"), ("Domain", "short")]
    for lang in glossary.languages:
        columns.append((lang, "term"))
        if is_chinese(lang):
            columns.append((f"{lang} pinyin", "term"))
        columns += [
            (f"{lang} admitted", "list"),
            (f"{lang} forbidden", "list"),
            (f"{lang} definition", "text"),
            (f"{lang} note", "text"),
        ]
    return columns


def entry_row(glossary: Glossary, concept: Concept) -> list[str]:
    cells = [concept.id, str(concept.kind), concept.domain]
    for lang in glossary.languages:
        preferred = concept.preferred(lang)
        cells.append(preferred.text if preferred else "")
        if is_chinese(lang):
            cells.append(reading(preferred) if preferred else "")
        variants = concept.variants(lang)
        cells += [
            SEPARATOR.join(t.text for t in variants if t.status is Status.ADMITTED),
            SEPARATOR.join(t.text for t in variants if t.status is Status.DEPRECATED),
            concept.definitions.get(lang, ""),
            concept.notes.get(lang, ""),
        ]
    return cells


def term_rows(glossary: Glossary) -> Iterator[list[str | bool]]:
    for concept in glossary.concepts:
        for term in concept.terms:
            yield [
                concept.id,
                term.lang,
                term.text,
                str(term.status),
                term.status is Status.PREFERRED,
                term.status is Status.DEPRECATED,
                str(term.type),
                term.note or "",
            ]


def workbook_bytes(glossary: Glossary, built: datetime) -> bytes:
    # openpyxl is imported here, where it is used: a build plans this format without it.
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    entries = book.active
    assert entries is not None  # a new workbook has its sheet
    entries.title = "Entries"
    header = entry_header(glossary)
    _fill(
        entries, [name for name, _ in header], (entry_row(glossary, c) for c in glossary.concepts)
    )
    _widths(entries, [WIDTHS[kind] for _, kind in header])
    terms = book.create_sheet("Terms")
    _fill(terms, list(TERM_COLUMNS), term_rows(glossary))
    _widths(terms, [WIDTHS[k] for k in ("term", "short", "term", "short", "short", "short")])
    moment = built.replace(tzinfo=None, microsecond=0)
    book.properties.creator = book.properties.lastModifiedBy = "termbase"
    book.properties.title = glossary.title.get(glossary.languages[0], "")
    book.properties.created = book.properties.modified = moment
    book.calculation = CalcProperties(fullCalcOnLoad=False)
    buffer = io.BytesIO()
    # openpyxl's save_workbook would date the properties by the clock; its writer does not.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _dated(buffer.getvalue(), moment)


def _fill(sheet: Worksheet, header: list[str], rows: Iterator[Sequence[str | bool]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_text(v) if isinstance(v, str) else v for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "s":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width


def _dated(archive: bytes, moment: datetime) -> bytes:
    """The zip archive with every entry dated `moment` (to the even second, as zip dates go),
    in the order openpyxl wrote them."""
    stamp = (max(moment.year, 1980), *moment.timetuple()[1:5], moment.second // 2 * 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, date_time=stamp)
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = 0o644 << 16
            target.writestr(dated, source.read(info))
    return out.getvalue()
