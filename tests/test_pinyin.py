"""Pinyin by word: derived for every Chinese term, the glossary's override kept."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from helpers import KNOWN_READINGS
from termbase.languages import HAN, is_chinese
from termbase.model import Glossary
from termbase.pinyin import _SEGMENTER, pinyin_of, reading, ruby_runs, spell, syllable_count, words


def test_every_chinese_term_of_the_pinyin_glossary_reads_as_dictionaries_write_it(
    pinyin_glossary: Glossary,
) -> None:
    chinese = [t for c in pinyin_glossary.concepts for t in c.terms if is_chinese(t.lang)]
    assert {t.text: reading(t) for t in chinese} == KNOWN_READINGS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人工神经网络", ["人工", "神经", "网络"]),  # split down to two-character words
        ("神经元", ["神经元"]),  # three characters stay one word
        ("无监督学习", ["无监督", "学习"]),
        ("训练集", ["训练集"]),
        ("前向扩散过程", ["前向", "扩散", "过程"]),
        ("基于内容的推荐", ["基于", "内容", "的", "推荐"]),
    ],
)
def test_words_follow_the_dictionaries_grouping(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_latin_text_stays_whole_and_has_no_reading() -> None:
    assert spell("GPT-4模型") == "GPT-4 móxíng"
    assert spell("LLM 大模型") == "LLM dà móxíng"


def test_ruby_goes_a_word_at_a_time(pinyin_glossary: Glossary) -> None:
    llm = pinyin_glossary.concept("large-language-model").preferred("zh-Hans")
    assert ruby_runs(llm) == (("大", "dà"), ("语言", "yǔyán"), ("模型", "móxíng"))
    model = replace(llm, text="GPT-4模型")
    assert ruby_runs(model) == (("GPT-4", ""), ("模型", "móxíng"))


def test_an_override_is_laid_over_the_characters_word_by_word(
    pinyin_glossary: Glossary,
) -> None:
    term = pinyin_glossary.concept("fine-tuning").preferred("zh-Hans")
    assert ruby_runs(term) == (("微调", "wēitiáo"),)
    assert ruby_runs(replace(term, text="指令微调", pinyin="zhǐlìng wēitiáo")) == (
        ("指令", "zhǐlìng"),
        ("微调", "wēitiáo"),
    )
    spaced = replace(term, text="Transformer 模型", pinyin="mó xíng")
    assert ruby_runs(spaced) == (("Transformer ", ""), ("模", "mó"), ("型", "xíng"))
    # syllables that do not add up to the characters: the whole term under the override
    odd = replace(term, text="生成模型", pinyin="shēngchéng")
    assert ruby_runs(odd) == (("生成模型", "shēngchéng"),)


def test_syllables_are_counted_with_the_apostrophe_rule() -> None:
    assert syllable_count("shēngchéng") == 2
    assert syllable_count("xī'ān") == 2 and syllable_count("xiān") == 1
    assert syllable_count("Xīngān") == 2  # xīn-gān: no syllable after the first starts with a
    assert syllable_count("móxíng") == 2 and syllable_count("hello") is None


def test_only_chinese_terms_in_chinese_characters_have_pinyin(
    pinyin_glossary: Glossary,
) -> None:
    concept = pinyin_glossary.concept("transformer-model")
    assert pinyin_of(concept.preferred("en")) is None
    assert pinyin_of(concept.preferred("zh-Hans")) == "Transformer móxíng"
    assert pinyin_of(replace(concept.preferred("zh-Hans"), text="GPT-4")) is None


def test_the_partial_dictionary_cuts_terms_as_jiebas_whole_dictionary_does(
    shipped: Glossary,
) -> None:
    """pinyin.py loads only the words made of the glossary's characters (a second faster)."""
    jieba = pytest.importorskip("jieba")
    runs = {
        run
        for concept in shipped.concepts
        for term in concept.terms
        if is_chinese(term.lang)
        for run in re.findall(f"[{HAN}]+", term.text)
    }
    assert len(runs) > 100
    whole = jieba.Tokenizer()
    for run in sorted(runs):
        assert _SEGMENTER.cut(run) == list(whole.cut(run, HMM=False)), run
