"""Spreadsheet cells: text that a spreadsheet must show, never run.

A cell whose text starts with `=`, `+`, `-` or `@` is read as a formula by Excel, LibreOffice
and Google Sheets when a CSV file is opened (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`: "CSV
injection"), and one starting with a tab or a carriage return can be trimmed into one. Every
spreadsheet export (CSV, XLSX) passes its text cells through `spreadsheet_text`, the one home of
this rule: such a cell gets a leading apostrophe, which the spreadsheet shows as text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""
TEXT_MARK = "'"
"""Put before such a cell: a spreadsheet then takes the cell as text."""


def spreadsheet_text(text: str) -> str:
    """`text` as a cell a spreadsheet shows literally: `'=1+1` for `=1+1`, other text as is."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def written_text(cell: str) -> str:
    """What a cell held before `spreadsheet_text` guarded it (`=1+1` for `'=1+1`): how the
    import reads the spreadsheets it exports."""
    guarded = cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS)
    return cell[1:] if guarded else cell
