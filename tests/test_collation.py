"""Dictionary order per language, on real terms."""

from __future__ import annotations

import pytest

from termbase.collation import index_letter, sort_key


def ordered(words: list[str], lang: str) -> list[str]:
    return sorted(words, key=lambda w: sort_key(w, lang))


def test_russian_sorts_yo_as_ye_like_a_dictionary() -> None:
    # Plain sorted() puts ё after я; a dictionary files ёлка among the е-words.
    words = ["ёлка", "языковая модель", "ель", "ежевика", "еда", "ёж", "генеративная модель"]
    assert sorted(words)[-1] == "ёлка"
    assert ordered(words, "ru") == [
        "генеративная модель",
        "еда",
        "ёж",
        "ежевика",
        "ёлка",
        "ель",
        "языковая модель",
    ]


def test_russian_ties_put_ye_before_yo_and_ignore_case() -> None:
    assert ordered(["Ёлка", "елка", "Модель", "машинное обучение"], "ru") == [
        "елка",
        "Ёлка",
        "машинное обучение",
        "Модель",
    ]


def test_chinese_sorts_by_pinyin_then_tone() -> None:
    terms = [
        "模型",
        "大语言模型",
        "扩散模型",
        "变换器",
        "基础模型",
        "生成模型",
        "自监督学习",
        "编码器",
    ]
    assert ordered(terms, "zh-Hans") == [
        "编码器",  # biān
        "变换器",  # biàn
        "大语言模型",  # dà
        "基础模型",  # jī
        "扩散模型",  # kuò
        "模型",  # mó
        "生成模型",  # shēng
        "自监督学习",  # zì
    ]


def test_chinese_reads_words_in_context() -> None:
    # 行 is háng in 行业 (industry) but xíng in 行为 (behaviour): háng sorts before xíng.
    assert ordered(["行为", "行业"], "zh-Hans") == ["行业", "行为"]
    assert sort_key("银行", "zh-Hans")[0][1][0] == "hang"


def test_a_character_without_a_known_reading_sorts_after_and_files_under_hash() -> None:
    rare = "\U0002ebda"  # CJK Extension I: in the Han ranges, unknown to pypinyin
    assert ordered([rare, "模型"], "zh-Hans") == ["模型", rare]
    assert index_letter(rare, "zh-Hans") == "#"


def test_english_ignores_case_and_accents() -> None:
    assert ordered(["Transformer", "autoencoder", "BERT", "élan"], "en") == [
        "autoencoder",
        "BERT",
        "élan",
        "Transformer",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "letter"),
    [
        ("ёлка", "ru", "Е"),  # ё is filed under е
        ("йогурт", "ru", "Й"),  # й is a letter of its own
        ("état", "en", "E"),
        ("3D model", "en", "#"),
        ("4-bit", "en", "#"),
        ("阿尔法围棋", "zh-Hans", "A"),  # ā
        ("大语言模型", "zh-Hans", "D"),
        ("GAN", "zh-Hans", "G"),
    ],
)
def test_index_letters(text: str, lang: str, letter: str) -> None:
    assert index_letter(text, lang) == letter


def test_german_files_umlauts_and_eszett_with_their_plain_letters() -> None:
    """As German dictionaries: ä as a, ö as o, ü as u, ß as ss; in a tie the plain letter first."""
    words = ["Zucker", "Äpfel", "Apfel", "Straße", "Strasse", "Öl", "Ofen", "Übel", "Ufer"]
    assert sorted(words)[-4:] == ["Zucker", "Äpfel", "Öl", "Übel"]  # code points: at the end
    assert ordered(words, "de") == [
        "Apfel",
        "Äpfel",
        "Ofen",
        "Öl",
        "Strasse",
        "Straße",
        "Übel",
        "Ufer",
        "Zucker",
    ]
    assert index_letter("Äpfel", "de") == "A"


def test_arabic_follows_the_alphabet_with_hamza_forms_as_alef() -> None:
    words = ["مغرفة", "أداة مطبخ", "سكين", "إناء", "قدر", "ابريق", "آلة", "مقلاة", "بيت"]
    assert ordered(words, "ar") == [
        "ابريق",
        "أداة مطبخ",
        "آلة",
        "إناء",
        "بيت",
        "سكين",
        "قدر",
        "مغرفة",
        "مقلاة",
    ]
    assert [index_letter(w, "ar") for w in ("أداة مطبخ", "إناء", "آلة")] == ["ا", "ا", "ا"]


def test_arabic_ignores_vowel_marks_and_reads_teh_marbuta_as_teh() -> None:
    assert sort_key("مِغْرَفَة", "ar")[0] == sort_key("مغرفة", "ar")[0]
    assert ordered(["سمكة", "سمكت", "سمكب"], "ar") == ["سمكب", "سمكت", "سمكة"]
    assert ordered(["قدر", "قـــدم"], "ar") == ["قدر", "قـــدم"]  # tatweel is no letter


def test_japanese_sorts_by_reading_in_gojuon_order() -> None:
    terms = [("包丁", "ほうちょう"), ("まな板", "まないた"), ("フライパン", None), ("鍋", "なべ")]
    terms += [("お玉", "おたま"), ("泡立て器", "あわだてき"), ("調理器具", "ちょうりきぐ")]
    terms += [("市場", None)]  # no reading: after the kana
    ordered_terms = sorted(terms, key=lambda t: sort_key(t[0], "ja", t[1]))
    assert [t[0] for t in ordered_terms] == [
        "泡立て器",
        "お玉",
        "調理器具",
        "鍋",
        "フライパン",
        "包丁",
        "まな板",
        "市場",
    ]
    assert [index_letter(t, "ja", r) for t, r in terms] == [
        *("は", "ま", "は", "な", "あ", "あ", "た", "#"),
    ]


def test_japanese_voiced_and_small_kana_follow_their_plain_ones() -> None:
    words = ["がっこう", "かっこう", "かど", "かつお", "カード"]
    assert ordered(words, "ja") == ["カード", "かつお", "かっこう", "がっこう", "かど"]
