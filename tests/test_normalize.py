"""Normal forms: the variants a person would call the same term meet; different terms do not."""

from __future__ import annotations

import pytest

from termbase.normalize import normal_form


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("Large Language Models", "large language model", "en"),
        ("LLMs", "LLM", "en"),
        ("fine-tuning", "fine tuning", "en"),
        ("Text-to-Image Models", "text to image model", "en"),
        ("ＧＰＴ－３", "GPT-3", "en"),  # full-width forms, NFKC
        ("ещё", "еще", "ru"),
        ("Нейросеть", "нейросеть", "ru"),
        ("大语言模型", "大语言模型", "zh-Hans"),
        ("Recommender Systems", "recommender system", "en"),
        ("Libraries", "library", "en"),
    ],
)
def test_variants_share_a_normal_form(a: str, b: str, lang: str) -> None:
    assert normal_form(a, lang) == normal_form(b, lang)


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("GPT-3", "GPT-4", "en"),
        ("loss", "los", "en"),
        ("модели", "модель", "ru"),  # Russian is not stemmed
        ("analysis", "analysi", "en"),
        ("GANs", "GAN", "ru"),  # plural rules are English only
    ],
)
def test_different_terms_stay_apart(a: str, b: str, lang: str) -> None:
    assert normal_form(a, lang) != normal_form(b, lang)
