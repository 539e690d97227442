"""The loader: every bad input gives one clear line with file:line:column; good input loads."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from termbase.findings import GlossaryError
from termbase.load import load_glossary
from termbase.model import Kind, Status, TermType

BAD = sorted((FIXTURES / "bad").iterdir())


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.name)
def test_bad_glossary_reports_exact_problems(
    case: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(case, mini_dir, dirs_exist_ok=True)
    (mini_dir / "expected.txt").unlink()
    monkeypatch.chdir(mini_dir)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(Path("."))
    got = [str(f) for f in raised.value.findings]
    assert got == (case / "expected.txt").read_text().splitlines()


def test_every_bad_case_expects_exactly_one_line() -> None:
    for case in BAD:
        assert len((case / "expected.txt").read_text().splitlines()) == 1, case.name


def test_mini_glossary_loads_into_the_model(mini) -> None:
    assert mini.languages == ("en", "ru", "zh-Hans")
    assert [d.id for d in mini.domains] == ["generative-models", "named-models"]
    assert [c.id for c in mini.concepts] == ["generative-model", "gpt-3", "llm"]
    llm = mini.concept("llm")
    assert llm.kind is Kind.CONCEPT
    assert llm.preferred("en").text == "large language model"
    assert [(t.text, t.type) for t in llm.variants("en")] == [("LLM", TermType.ABBREVIATION)]
    assert llm.broader == ("generative-model",) and llm.examples == ("gpt-3",)
    assert llm.notes["ru"].startswith("Сокращение")
    gpt3 = mini.concept("gpt-3")
    assert (gpt3.kind, gpt3.maker, gpt3.year, gpt3.instance_of) == (
        Kind.INSTANCE,
        "OpenAI",
        2020,
        ("llm",),
    )


def test_terms_keep_their_places_and_sources(mini) -> None:
    llm_abbreviation = mini.concept("llm").variants("en")[0]
    assert llm_abbreviation.location.line == 9
    assert [f"{s.path}:{s.line}" for s in llm_abbreviation.sources] == ["notes.md:3", "notes.md:9"]
    assert mini.concept("generative-model").preferred("zh-Hans").pinyin == "shēngchéng móxíng"


def test_preferred_term_comes_first_whatever_the_file_order(mini_dir: Path) -> None:
    path = mini_dir / "concepts" / "llm.yaml"
    text = path.read_text()
    english = text[text.index("  en:\n") : text.index("  ru:\n")]
    first, second = english.split("    - text: LLM")
    path.write_text(text.replace(english, "  en:\n    - text: LLM" + second + first[6:]))
    assert [t.status for t in load_glossary(mini_dir).concept("llm").terms_in("en")] == [
        Status.PREFERRED,
        Status.ADMITTED,
    ]


def test_the_model_is_immutable(mini) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini.concept("llm").domain = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        mini.concept("llm").definitions["en"] = "x"  # type: ignore[index]


def test_all_problems_of_all_files_are_collected_in_one_pass(mini_dir: Path) -> None:
    for name in ("llm.yaml", "generative-model.yaml"):
        path = mini_dir / "concepts" / name
        path.write_text(path.read_text().replace("status: preferred", "status: best", 1))
    with pytest.raises(GlossaryError) as raised:
        load_glossary(mini_dir)
    assert {f.location.path.rsplit("/", 1)[-1] for f in raised.value.findings} == {
        "llm.yaml",
        "generative-model.yaml",
    }


def test_homonyms_may_share_a_term(mini_dir: Path) -> None:
    path = mini_dir / "concepts" / "generative-model.yaml"
    path.write_text(
        path.read_text().replace(
            "      status: preferred\n  zh-Hans:",
            "      status: preferred\n"
            "    - text: БЯМ\n      status: deprecated\n      homonym: true\n"
            "  zh-Hans:",
        )
    )
    llm = mini_dir / "concepts" / "llm.yaml"
    llm.write_text(
        llm.read_text().replace(
            "      type: abbreviation\n  zh-Hans",
            "      type: abbreviation\n      homonym: true\n  zh-Hans",
        )
    )
    assert load_glossary(mini_dir).concept("generative-model").variants("ru")[0].homonym


def test_a_100_000_character_term_is_refused_with_its_place(mini_dir: Path) -> None:
    path = mini_dir / "concepts" / "generative-model.yaml"
    path.write_text(path.read_text().replace("text: generative model", "text: " + "x" * 10**5))
    with pytest.raises(GlossaryError) as raised:
        load_glossary(mini_dir)
    [finding] = raised.value.findings
    assert (finding.location.line, finding.code) == (5, "text-too-long")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(mini_dir: Path) -> None:
    path = mini_dir / "concepts" / "generative-model.yaml"
    path.write_text(path.read_text().replace("text: generative model", "text: " + "x" * 2**20))
    with pytest.raises(GlossaryError) as raised:
        load_glossary(mini_dir)
    [finding] = raised.value.findings
    size = path.stat().st_size
    assert str(finding) == (
        f"concepts/generative-model.yaml: error: {size:,} bytes; "
        "a file may have at most 1,048,576 bytes"
    )


def test_a_long_term_is_refused_as_a_misplaced_definition(mini_dir: Path) -> None:
    path = mini_dir / "concepts" / "generative-model.yaml"
    path.write_text(path.read_text().replace("text: generative model", "text: " + "word " * 60))
    with pytest.raises(GlossaryError) as raised:
        load_glossary(mini_dir)
    assert [f.code for f in raised.value.findings] == ["term-too-long"]


def test_hostile_but_valid_text_loads_literally() -> None:
    """BOM, CRLF, markup, Anki and Markdown syntax, invisible characters: kept as written."""
    glossary = load_glossary(FIXTURES / "hostile")
    llm = glossary.concept("llm")
    assert "<script>alert('LLM')</script>" in [t.text for t in llm.terms_in("en")]
    assert "Б\u200bЯМ\u202e" in [t.text for t in llm.terms_in("ru")]
    assert llm.definitions["en"].startswith("A <i>very</i> large model & more: {{c1::cloze}}")
    assert llm.preferred("en").location.line == 5  # CRLF and BOM do not shift lines


def test_a_contrast_written_once_is_shown_on_both_concepts(mini) -> None:
    written = mini.concept("llm").contrasts
    derived = mini.concept("generative-model").contrasts
    assert [c.other for c in written] == ["generative-model"]
    assert [c.other for c in derived] == ["llm"]
    assert derived[0].notes == written[0].notes
    assert set(written[0].notes) == set(mini.languages)
    assert str(derived[0].location) == "concepts/llm.yaml:31:11"  # relative to the glossary


KITCHEN = ROOT / "examples" / "kitchen"


def test_japanese_readings_are_kana_and_only_for_terms_not_in_kana(tmp_path: Path) -> None:
    glossary_dir = Path(shutil.copytree(KITCHEN, tmp_path / "kitchen"))
    knife = load_glossary(glossary_dir).concept("kitchen-knife").preferred("ja")
    assert knife is not None and (knife.text, knife.reading) == ("包丁", "ほうちょう")
    path = glossary_dir / "concepts" / "kitchen-knife.yaml"
    path.write_text(path.read_text().replace("reading: ほうちょう", "reading: 包ちょう"))
    pan = glossary_dir / "concepts" / "frying-pan.yaml"
    pan.write_text(
        pan.read_text().replace("text: フライパン", "text: フライパン\n      reading: ふらいぱん")
    )
    with pytest.raises(GlossaryError) as raised:
        load_glossary(glossary_dir)
    assert [f.code for f in raised.value.findings] == ["needless-reading", "bad-reading"]
    assert "expected the reading in kana, as 'ほうちょう'; got '包ちょう'" in str(
        raised.value.findings[1]
    )


def test_named_model_is_read_as_an_instance(tmp_path: Path) -> None:
    """The first glossary's name for its instances is still read."""
    glossary_dir = Path(shutil.copytree(KITCHEN, tmp_path / "kitchen"))
    path = glossary_dir / "concepts" / "khan-el-khalili.yaml"
    path.write_text(path.read_text().replace("kind: instance", "kind: named-model"))
    assert load_glossary(glossary_dir).concept("khan-el-khalili").kind is Kind.INSTANCE
