"""`qa`'s matching on made-up segments, one behaviour each, against the shipped glossary: what
a reviewer of real translations needs it to accept and what to report."""

from __future__ import annotations

import pytest

from helpers import ROOT
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.qa import Checker
from termbase.qa.bilingual import Segment

RU = ("en", "ru")
ZH = ("en", "zh-Hans")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


@pytest.fixture(scope="module")
def checkers(glossary: Glossary) -> dict[tuple[str, str], Checker]:
    return {pair: Checker(glossary, *pair, names=("Hub Pro",)) for pair in (RU, ZH)}


def check(
    checkers: dict[tuple[str, str], Checker],
    source: str,
    target: str,
    pair: tuple[str, str] = RU,
    protected: tuple[tuple[int, int], ...] = (),
) -> list[str]:
    segment = Segment("u", 1, source, target, protected)
    return [f"{f.kind} {f.concept}" for f in checkers[pair].check("x", segment)]


# 1. Protected text --------------------------------------------------------------------------


def test_code_urls_and_inline_markup_are_not_checked(checkers: dict) -> None:
    assert check(checkers, "Run the `sentiment-analysis` pipeline.", "Запустите конвейер.") == []
    assert check(checkers, "See https://example.org/fine-tuning now.", "Смотрите.") == []
    source = "Use {fine-tuning} here."  # the braces and their content are an XLIFF <ph>
    assert check(checkers, source, "Используйте здесь.", protected=((4, 17),)) == []
    assert check(checkers, "Use fine-tuning here.", "Используйте здесь.") == ["missing fine-tuning"]


def test_non_translatables_are_not_checked(checkers: dict) -> None:
    assert check(checkers, "Buy Hub Pro for inference.", "Купите Hub Pro для инференса.") == []


# 2. Names kept as they are ------------------------------------------------------------------


def test_a_name_kept_in_latin_letters_is_accepted(checkers: dict) -> None:
    source = "The 🤗 Transformers library has an Inference API."
    assert check(checkers, source, "В библиотеке 🤗 Transformers есть inference API.") == []
    # Not kept: the name is translated and the concept is not rendered.
    assert check(checkers, source, "В библиотеке есть API применения.") == [
        "missing transformer",
        "missing inference",
    ]


def test_a_capital_first_in_a_sentence_is_no_name_and_a_gloss_is_no_rendering(
    checkers: dict,
) -> None:
    assert check(checkers, "Summarization", "Резюмирование (Summarization)") == [
        "missing summarization"
    ]
    assert check(checkers, "Summarization", "Суммаризация (Summarization)") == []


def test_a_word_of_a_longer_name_kept_keeps_the_name(checkers: dict) -> None:
    source = "He wrote the book Natural Language Processing with Transformers."
    assert check(checkers, source, "Он написал книгу о Transformers.") == []
    # An abbreviation alone (API) is kept even where the rest is translated.
    assert check(checkers, "A hosted Inference API.", "Размещённый API применения.") == [
        "missing inference"
    ]


def test_abbreviations_are_kept_only_with_their_capitals(checkers: dict) -> None:
    assert check(checkers, "Other ML libraries.", "Другие ML-библиотеки.") == []
    assert check(checkers, "Other ML libraries.", "Другие ml-библиотеки.") == [
        "missing machine-learning"
    ]


# 3. Tokenisation ----------------------------------------------------------------------------


def test_no_term_across_brackets_sentence_ends_or_names_in_one_piece(checkers: dict) -> None:
    source = "For machine learning (ML) models it is hard."
    assert check(checkers, source, "Для моделей машинного обучения (ML) это сложно.") == []
    assert check(checkers, "We like DeepLearning.AI courses.", "Нам нравятся курсы.") == []
    assert check(checkers, "It trains a language. Model sizes grow.", "Размеры растут.") == []


def test_latin_words_inside_chinese_are_read_as_english(checkers: dict) -> None:
    assert check(checkers, "Transformer models work.", "Transformers 模型有效。", ZH) == []


# 4. English source morphology ---------------------------------------------------------------


@pytest.mark.parametrize(
    "source", ["Fine-tune it.", "It was fine-tuned.", "It finetunes well.", "Fine-tuning it."]
)
def test_verb_forms_of_a_noun_in_ing_are_uses_of_it(checkers: dict, source: str) -> None:
    assert check(checkers, source, "Это предобучено.") == ["wrong-term fine-tuning"]
    assert check(checkers, source, "Её дообучили.") == []
    assert check(checkers, source, "对其进行微调。", ZH) == []


# 5. Occurrences counted ---------------------------------------------------------------------


def test_two_uses_and_one_rendering_is_a_finding(checkers: dict) -> None:
    source = "Fine-tuning is cheap, and fine-tuning is fast."
    assert check(checkers, source, "Дообучение дёшево и быстро.") == ["missing fine-tuning"]
    assert check(checkers, source, "Дообучение дёшево, и дообучение быстро.") == []


# 6. Overlapping concepts --------------------------------------------------------------------


def test_one_target_term_renders_two_source_concepts(checkers: dict) -> None:
    assert check(checkers, "Training a model is costly.", "Обучение модели дорого.") == []


def test_a_term_of_a_sibling_or_a_narrower_concept_renders_nothing(checkers: dict) -> None:
    assert check(checkers, "Supervised learning.", "无监督学习。", ZH) == [
        "wrong-term supervised-learning"
    ]
    assert check(checkers, "A language model.", "Большая языковая модель.") == [
        "wrong-term language-model"
    ]


# 7. Wrong term ------------------------------------------------------------------------------


def test_the_term_of_another_concept_is_named(checkers: dict) -> None:
    segment = Segment("u", 1, "Self-supervised learning.", "无监督学习。")
    (finding,) = checkers[ZH].check("x", segment)
    assert (finding.kind, finding.other_concept, finding.target_term) == (
        "wrong-term",
        "unsupervised-learning",
        "无监督学习",
    )
    assert "«无监督学习» is 'unsupervised learning' (unsupervised-learning)" in str(finding)


# 8. General words ---------------------------------------------------------------------------


def test_general_words_are_checked_only_in_their_context(checkers: dict) -> None:
    # "sample" is never checked on its own; "model" only near training, and back.
    assert check(checkers, "A code sample.", "Фрагмент кода.") == []
    assert check(checkers, "The model predicts.", "Она предсказывает.") == []
    assert check(checkers, "Training models with Keras.", "Об API Keras.") == [
        "missing training",
        "missing ai-model",
    ]
    assert check(checkers, "A production environment.", "Промышленная эксплуатация.") == []
    assert check(checkers, "The environment gives rewards.", "Агент действует.") == [
        "missing environment",
        "missing reward",
    ]


# Acceptable variation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "pair"),
    [
        ("Text generation and classification.", "Генерация и классификация текста.", RU),
        ("A model pretrained on English.", "Модель, предобученная на английском.", RU),
        ("A pretrained model.", "Предобученная на английском модель.", RU),
        ("Traditional NLP models.", "Традиционные модели NLP.", RU),
        ("Use a pretrained model.", "使用预训练的模型。", ZH),
        ("Translation or summarization.", "翻译或摘要。", ZH),
        ("Text generation and summarization.", "文本生成和摘要。", ZH),
    ],
)
def test_acceptable_variation(checkers: dict, source: str, target: str, pair: tuple) -> None:
    assert check(checkers, source, target, pair) == []


def test_a_head_alone_is_no_rendering_inside_another_word(checkers: dict) -> None:
    assert check(checkers, "Summarization.", "提取摘要。", ZH) == ["missing summarization"]
