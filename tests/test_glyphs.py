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


def test_arabic_and_every_cjk_language_are_drawn_in_their_own_faces() -> None:
    assert glyphs.missing("سكين المطبخ", "ar") == set()
    assert glyphs.missing("包丁 ほうちょう", "ja") == set()
    assert glyphs.missing("부엌칼", "ko") == set()
    assert glyphs.missing("菜刀", "zh-Hant") == set()
    assert glyphs.family_for("包", "ja") == "Noto Sans CJK JP"
    assert glyphs.family_for("包", "zh-Hans") == "Noto Sans CJK SC"
    assert glyphs.family_for("包", "en") == "Noto Sans CJK SC"  # a stray character
    assert glyphs.family_for("س", "ar") == "Noto Sans Arabic"


def test_a_han_character_the_languages_own_face_lacks_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another CJK face would draw it in another language's forms: refused as no font at all."""
    real = glyphs._ranges

    def without_jp(family: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return ((), ()) if family == "Noto Sans CJK JP" else real(family)

    monkeypatch.setattr(glyphs, "_ranges", without_jp)
    assert glyphs.missing("包丁", "ja") == {"包", "丁"}
    assert glyphs.missing("包丁", "zh-Hans") == set()
