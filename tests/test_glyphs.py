"""Which characters the installed fonts draw, as fontconfig says."""

from __future__ import annotations

import shutil

import pytest

from termbase import glyphs

pytestmark = pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig is not installed")


def test_latin_cyrillic_and_chinese_are_drawn() -> None:
    assert glyphs.missing("large language model большая языковая модель 大语言模型 ·—«»") == set()


def test_a_character_no_font_has_is_missing() -> None:
    private_use = "\U000f0000"  # no public font draws the supplementary private use area
    assert glyphs.missing(f"LLM {private_use}") == {private_use}


def test_controls_and_format_characters_are_never_drawn_so_never_missing() -> None:
    assert glyphs.missing("\t\n\u200d\u00ad\u2028") == set()


def test_without_fc_list_the_fonts_are_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    glyphs._ranges.cache_clear()
    monkeypatch.setattr(glyphs, "FC_LIST", "fc-list-not-installed")
    try:
        with pytest.raises(glyphs.FontQueryError, match="apt-get install fontconfig"):
            glyphs.missing("x")
    finally:
        glyphs._ranges.cache_clear()
