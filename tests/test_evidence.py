"""The evidence files in the glossary (evidence/<concept>.yaml): read by the loader into each
term, an input of the build, checked against the terms' statuses, exported; and glossary.toml's
[corpus]. No corpus is needed here: the files are written as `attest` would write them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES
from termbase.checks import check
from termbase.evidence import dump
from termbase.findings import GlossaryError
from termbase.i18n import translations
from termbase.load import load_glossary
from termbase.model import Citation, Evidence, Glossary
from termbase.paths import EVIDENCE_DIR
from termbase.plan import Inputs
from termbase.render.json import dumps, loads

GLOSSARY = FIXTURES / "attest" / "glossary"
CITED = (Citation("course", "en", "docs/a.md", 3),)


@pytest.fixture
def glossary_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(GLOSSARY, tmp_path / "glossary"))


def counted(glossary_dir: Path, counts: dict[str, dict[str, int]]) -> None:
    """Write the evidence of some concepts: {concept: {"lang term": uses}}, the other terms of
    those concepts found nowhere."""
    glossary = load_glossary(glossary_dir)
    (glossary_dir / EVIDENCE_DIR).mkdir(exist_ok=True)
    for concept_id, uses in counts.items():
        concept = glossary.concept(concept_id)
        found = [
            (term, _evidence(uses.get(f"{term.lang} {term.text}", 0))) for term in concept.terms
        ]
        (glossary_dir / EVIDENCE_DIR / f"{concept_id}.yaml").write_text(dump(found))


def _evidence(uses: int) -> Evidence:
    return Evidence(uses, 1, (("course", uses),), CITED) if uses else Evidence(0, 0)


def every_concept(glossary_dir: Path, **counts: dict[str, int]) -> None:
    """Evidence for every concept: each term used once, but for `counts`."""
    glossary = load_glossary(glossary_dir)
    found = {
        c.id: {f"{t.lang} {t.text}": 1 for t in c.terms} | counts.get(c.id.replace("-", "_"), {})
        for c in glossary.concepts
    }
    counted(glossary_dir, found)


def findings(glossary_dir: Path) -> list[tuple[str, str | None, str, str]]:
    """(code, concept, severity, message) of the evidence findings."""
    return [
        (f.code, f.concept, str(f.severity), f.english)
        for f in check(load_glossary(glossary_dir))
        if f.code in {"preferred-unused", "variant-more-used", "no-evidence", "evidence-missing"}
    ]


# Loading ------------------------------------------------------------------------------------


def test_each_term_gets_its_evidence(glossary_dir: Path) -> None:
    counted(glossary_dir, {"token": {"en token": 9, "zh-Hans 词元": 6}})
    token = load_glossary(glossary_dir).concept("token")
    assert [(t.text, t.evidence) for t in token.terms] == [
        ("token", Evidence(9, 1, (("course", 9),), CITED)),
        ("токен", Evidence(0, 0)),
        ("词元", Evidence(6, 1, (("course", 6),), CITED)),
        ("令牌", Evidence(0, 0)),
    ]
    assert load_glossary(glossary_dir).concept("chat-model").terms[0].evidence is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"en": [', "evidence/token.yaml:2:1: error: invalid YAML"),
        (
            '"en":\n  - term: "token"\n    occurrences: many\n',
            "evidence/token.yaml:3:18: error: en[0].occurrences: expected a whole number, got text",
        ),
        (
            '"en":\n  - term: "token"\n    occurrences: 1\n    citations: ["docs/a.md:3"]\n',
            "evidence/token.yaml:4:17: error: en[0].citations: expected "
            "corpus/<name>/<lang>/<path>:<line>, got 'docs/a.md:3'",
        ),
        (
            '"en":\n  - term: "token"\n    ocurrences: 1\n',
            "evidence/token.yaml:3:5: error: unknown key 'en[0].ocurrences' "
            "(did you mean 'occurrences'?)",
        ),
    ],
)
def test_a_broken_evidence_file_is_an_error_with_its_place(
    glossary_dir: Path, text: str, expected: str
) -> None:
    (glossary_dir / EVIDENCE_DIR).mkdir()
    (glossary_dir / EVIDENCE_DIR / "token.yaml").write_text(text)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(glossary_dir)
    assert str(raised.value.findings[0]).startswith(expected)


def test_the_evidence_of_a_concept_deleted_since_is_left_alone(glossary_dir: Path) -> None:
    counted(glossary_dir, {"clip": {"en CLIP": 1}})
    (glossary_dir / "concepts" / "clip.yaml").unlink()
    assert "clip" not in {c.id for c in load_glossary(glossary_dir).concepts}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('name = "book"\nrepository = "x"', "corpus.sources: name the licence of 'book'"),
        (
            'name = "book"\nlicence = "MIT"\nrepository = "github.com/x"',
            "corpus.sources.repository of 'book': expected its address (https://...)",
        ),
        ('name = "book"\nlicense = "MIT"', "unknown key 'corpus.sources.license' (did you mean "),
        ('name = "a b"\nlicence = "MIT"', "corpus.sources.name: expected the corpus's folder name"),
    ],
)
def test_a_corpus_source_without_what_it_needs_is_an_error(
    glossary_dir: Path, table: str, expected: str
) -> None:
    toml = glossary_dir / "glossary.toml"
    header, _, _ = toml.read_text().partition("[[corpus.sources]]")
    toml.write_text(f"{header}[[corpus.sources]]\n{table}\n")
    with pytest.raises(GlossaryError) as raised:
        load_glossary(glossary_dir)
    shown = [str(f) for f in raised.value.findings]
    assert any(expected in line for line in shown), shown
    assert all(line.startswith("glossary.toml:") for line in shown)


def test_the_corpus_table_is_in_the_model(glossary_dir: Path) -> None:
    corpus = load_glossary(glossary_dir).corpus
    assert corpus.folders == ("../corpus",)
    assert [(s.name, s.licence) for s in corpus.sources] == [
        ("book", "Apache-2.0"),
        ("course", "MIT"),
    ]


# The build ----------------------------------------------------------------------------------


def test_an_edit_of_the_evidence_makes_the_build_stale(glossary_dir: Path) -> None:
    counted(glossary_dir, {"token": {"en token": 9}})
    before = Inputs.read(glossary_dir).digest
    counted(glossary_dir, {"token": {"en token": 10}})
    assert Inputs.read(glossary_dir).digest != before


def test_the_json_export_carries_each_terms_evidence(glossary_dir: Path) -> None:
    counted(glossary_dir, {"token": {"en token": 9}})
    glossary = load_glossary(glossary_dir)
    data = json.loads(dumps(glossary))
    terms = {t["text"]: t for c in data["concepts"] for t in c["terms"]}
    assert terms["token"]["evidence"] == {
        "occurrences": 9,
        "documents": 1,
        "corpora": {"course": 9},
        "citations": ["corpus/course/en/docs/a.md:3"],
    }
    assert terms["токен"]["evidence"] == {
        "occurrences": 0,
        "documents": 0,
        "corpora": {},
        "citations": [],
    }
    assert terms["диалоговая модель"]["evidence"] is None  # not counted
    assert data["corpus"]["sources"][1] == {
        "name": "course",
        "licence": "MIT",
        "repository": "https://github.com/example/course",
        "commit": "0123456789abcdef0123456789abcdef01234567",
    }
    assert loads(dumps(glossary)) == glossary


# The checks ---------------------------------------------------------------------------------


def test_a_glossary_without_evidence_has_no_evidence_findings(glossary_dir: Path) -> None:
    assert findings(glossary_dir) == []


UNUSED_TOKEN = (
    "term '词元' (preferred) is not used in the corpus, while '令牌' (deprecated) is (count: 29)"
)


def test_a_preferred_term_used_nowhere_while_a_variant_is(glossary_dir: Path) -> None:
    every_concept(glossary_dir, token={"zh-Hans 词元": 0, "zh-Hans 令牌": 29})
    assert findings(glossary_dir) == [("preferred-unused", "token", "warning", UNUSED_TOKEN)]


def test_a_variant_used_far_more_than_the_preferred_term(glossary_dir: Path) -> None:
    every_concept(
        glossary_dir,
        large_language_model={"en large language model": 3, "en LLM": 30, "ru БЯМ": 9},
    )
    assert findings(glossary_dir) == [
        (
            "variant-more-used",
            "large-language-model",
            "warning",
            "'LLM' (admitted) is used far more in the corpus than the preferred 'large language "
            "model' (30 against 3)",
        )
    ]  # not БЯМ: 9 uses against 1 prove too little (`AT_LEAST`)


def test_a_preferred_term_used_nowhere_needs_a_note(glossary_dir: Path) -> None:
    every_concept(glossary_dir, chat_model={"ru диалоговая модель": 0}, clip={"ru CLIP": 0})
    assert findings(glossary_dir) == [
        (
            "no-evidence",
            "chat-model",
            "warning",
            "term 'диалоговая модель' (preferred) is not used in the corpus; if it is the "
            "glossary's own choice, say why in its note",
        )
    ]  # not CLIP: a named model's name kept as written is no choice of the glossary's


def test_a_note_on_the_preferred_term_says_why_it_goes_against_usage(glossary_dir: Path) -> None:
    path = glossary_dir / "concepts" / "token.yaml"
    path.write_text(
        path.read_text().replace(
            "    - text: 词元\n      status: preferred\n",
            "    - text: 词元\n      status: preferred\n      note: 本术语表采用的译名。\n",
        )
    )
    every_concept(glossary_dir, token={"zh-Hans 词元": 0, "zh-Hans 令牌": 29})
    assert findings(glossary_dir) == [
        ("preferred-unused", "token", "info", f"{UNUSED_TOKEN} (its note says why)")
    ]
    every_concept(glossary_dir, token={"zh-Hans 词元": 0, "zh-Hans 令牌": 0})
    assert findings(glossary_dir) == []  # its own choice, and the note says why


def test_concepts_and_terms_newer_than_the_evidence_are_reported(glossary_dir: Path) -> None:
    every_concept(glossary_dir)
    (glossary_dir / EVIDENCE_DIR / "clip.yaml").unlink()
    path = glossary_dir / "concepts" / "token.yaml"
    path.write_text(path.read_text().replace("    - text: 令牌\n", "    - text: 标记\n"))
    assert findings(glossary_dir) == [
        (
            "evidence-missing",
            "clip",
            "warning",
            "no evidence of use for this concept yet; run attest",
        ),
        (
            "evidence-missing",
            "token",
            "warning",
            "term '标记' is newer than its evidence of use; run attest",
        ),
    ]


def test_the_alignment_view_shows_the_findings_in_the_ui_language(glossary_dir: Path) -> None:
    every_concept(glossary_dir, token={"zh-Hans 词元": 0, "zh-Hans 令牌": 29})
    glossary: Glossary = load_glossary(glossary_dir)
    found = next(f for f in check(glossary) if f.code == "preferred-unused")
    assert found.translated(translations("ru").gettext) == (
        "предпочтительный термин «词元» в корпусе не употребляется, а «令牌» (нерекомендуемый) "
        "употребляется (случаев: 29)"
    )
