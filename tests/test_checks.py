"""Terminology QA: every planted problem found once; nothing on clean or shipped glossaries."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli
from termbase import checks
from termbase.checks import check
from termbase.checks.base import visible
from termbase.checks.russian import disagreements
from termbase.checks.spelling import ise_words
from termbase.checks.usage import looks_abbreviated
from termbase.load import load_glossary
from termbase.model import Location
from termbase.occurrences import tokens

QA = FIXTURES / "qa"

# (code, concept, line, severity): one per file of tests/fixtures/qa, whose first comment
# says what is planted there.
PLANTED = [
    ("circular-definition", "attention", 15, "warning"),
    ("missing-definition", "clustering", 15, "error"),
    ("chinese-full-stop", "decoder", 17, "warning"),
    ("untranslated", "embedding", 9, "warning"),
    ("agreement", "foundation-model", 14, "info"),
    ("abbreviation-type", "generative-adversarial-network", 8, "warning"),
    ("capitalisation", "generative-model", 8, "warning"),
    ("full-width-character", "image-classification", 14, "error"),
    ("invisible-character", "image-generation", 8, "error"),
    ("mixed-script", "language-model", 11, "error"),
    ("chinese-punctuation", "latent-space", 17, "warning"),
    ("bidi-control", "machine-translation", 8, "error"),
    ("term-in-two-concepts", "model-size", 11, "warning"),
    ("chinese-punctuation", "object-detection", 17, "warning"),
    ("inconsistent-translation", "pretrained-model", 10, "warning"),
    ("agreement", "recurrent-network", 9, "error"),
    ("ise-spelling", "regularization", 15, "warning"),
    ("missing-language", "retentive-network", 5, "error"),
    ("deprecated-in-definition", "semi-supervised-learning", 17, "warning"),
    ("extra-space", "speech-recognition", 8, "error"),
    ("traditional-character", "speech-synthesis", 14, "error"),
    ("tab-or-line-break", "text-generation", 8, "error"),
    ("status-contradicts-note", "tokenizer", 8, "warning"),
    ("duplicate-concept", "tuning", 6, "warning"),
]

# Findings on the shipped glossary that are deliberate: deprecated forms recorded, with a note
# saying what is wrong with them, so that translators can recognise and avoid them.
DOCUMENTED = {
    ("capitalisation", "ai-model", "info"),  # «ИИ Модель», from the source notes
    ("agreement", "foundation-model", "info"),  # «фундаментальные модель», from the source notes
}


@pytest.fixture(scope="module")
def qa_findings() -> list:
    return check(load_glossary(QA))


def test_every_planted_problem_is_found_once_and_nothing_else(qa_findings) -> None:
    found = [(f.code, f.concept, f.location.line, str(f.severity)) for f in qa_findings]
    assert found == PLANTED


def test_a_large_glossary_checked_on_all_cores_gives_the_same_findings(
    qa_findings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "PARALLEL_FROM", 0)
    assert check(load_glossary(QA)) == qa_findings


def test_each_planted_file_says_what_is_planted(qa_findings) -> None:
    for finding in qa_findings:
        comment = (QA / finding.location.path).read_text(encoding="utf-8").splitlines()[0]
        assert finding.code in comment, (finding.location.path, finding.code)


def test_findings_point_at_the_term_or_field(qa_findings) -> None:
    by_code = {f.code: f for f in qa_findings}
    assert by_code["agreement"].location.column == 13  # the term's text
    assert by_code["chinese-punctuation"].location.column == 12  # definition.zh-Hans's value
    assert "'image\\u200bsynthesis'" in by_code["invisible-character"].english
    duplicate = by_code["duplicate-concept"]  # places relative to the glossary, in the model
    assert "'fine-tuning' (concepts/fine-tuning.yaml:5:13)" in duplicate.english
    shown = duplicate.placed(Path("glossary"))  # on a terminal, relative to the working folder
    assert shown.location == Location("glossary/concepts/tuning.yaml", 6, 13)
    assert "'fine-tuning' (glossary/concepts/fine-tuning.yaml:5:13)" in shown.english
    assert "ru 'фундаментальная модель' there, 'предобученная модель' here" in (
        by_code["inconsistent-translation"].english
    )
    assert by_code["deprecated-in-definition"].english.endswith("use 'обучение с учителем'")


# What the usage corpus says against the shipped glossary's choices: the content review goes
# through these (a term changed, a variant added, or a note saying why), so they are left to it.
EVIDENCE_CODES = {"preferred-unused", "variant-more-used", "no-evidence"}


def test_the_shipped_glossary_has_only_documented_findings(shipped) -> None:
    found = {(f.code, f.concept, str(f.severity)) for f in check(shipped)}
    found = {f for f in found if f[0] not in EVIDENCE_CODES}
    assert found <= DOCUMENTED, sorted(found - DOCUMENTED)


def test_the_mini_glossary_is_clean(mini) -> None:
    assert check(mini) == []


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("фундаментальные модель", [("фундаментальные", "модель")]),
        ("большой языковая модель", [("большой", "модель")]),
        ("глубокая нейронная сети", [("глубокая", "сети"), ("нейронная", "сети")]),
        ("большая языковая модель", []),
        ("свёрточная нейронная сеть", []),
        ("генеративно-состязательная сеть", []),
        ("модель машинного обучения", []),
        ("языковые модели", []),
        ("обучение с подкреплением", []),
        ("генеративный ИИ", []),  # an abbreviation's gender is its full form's: not checked
    ],
)
def test_russian_agreement(term: str, expected: list[tuple[str, str]]) -> None:
    words = re.findall(r"[а-яё]+(?:-[а-яё]+)*", term, re.IGNORECASE)
    assert list(disagreements(words)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[("LLM", True), ("MoE", True), ("GPT-4", True), ("БЯМ", True), ("GenAI", True)],
        *[("RetNet", False), ("ИИ-модель", False), ("AI模型", False), ("NLP model", False)],
        *[("img2img", False), ("ＬＭ", False)],
    ],
)
def test_what_looks_like_an_abbreviation(text: str, expected: bool) -> None:
    assert looks_abbreviated(text) is expected


def test_tokens_are_matched_in_normal_form() -> None:
    assert tokens("Diffusers, fine-tuned", "en") == ("diffuser", "fine", "tuned")
    assert tokens("Ёмкость модели", "ru") == ("емкость", "модели")
    assert tokens("基于GPT-4的模型", "zh-Hans") == ("基", "于", "gpt", "4", "的", "模", "型")


def test_invisible_characters_are_shown_as_escapes() -> None:
    assert visible("a\u00a0b\tc\u200e") == "a\\xa0b\\tc\\u200e"
    assert visible("модель ИИ") == "модель ИИ"


def test_warnings_do_not_fail_check_but_errors_do(mini_dir: Path) -> None:
    llm = mini_dir / "concepts" / "llm.yaml"
    text = llm.read_text(encoding="utf-8")
    llm.write_text(text.replace("text: LLM\n", "text: Large LM\n"), encoding="utf-8")
    warned = _check(mini_dir)
    assert warned.returncode == 0, warned.stdout
    assert "llm.yaml:9:13: warning: term 'Large LM': capital letter in 'Large'" in warned.stdout
    llm.write_text(text.replace("большая языковая", "большие языковая"), encoding="utf-8")
    failed = _check(mini_dir)
    assert failed.returncode == 1
    assert "error: term 'большие языковая модель'" in failed.stdout


def _check(glossary: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("check", "--glossary", str(glossary))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Models that summarise and recognise text.", ["summarise", "recognise"]),
        ("Summarization, organized and specialized.", []),
        ("Unsupervised denoising of noise, otherwise precise.", []),
        ("An organisation's organisations.", ["organisation", "organisations"]),
    ],
)
def test_ise_spelling_spares_words_spelt_ise_everywhere(text: str, found: list[str]) -> None:
    assert ise_words(text) == found
