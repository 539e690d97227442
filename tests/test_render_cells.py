"""Spreadsheet cells: text that would run as a formula is marked as text."""

from __future__ import annotations

import pytest

from termbase.render.common.cells import spreadsheet_text


@pytest.mark.parametrize(
    "text", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
)
def test_a_formula_start_gets_an_apostrophe(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["", "LLM", "a = b", " =1", "'=1", "大语言模型", "Модель"])
def test_other_text_is_kept(text: str) -> None:
    assert spreadsheet_text(text) == text
