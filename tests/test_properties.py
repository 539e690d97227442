"""Property tests: the loader never crashes, keys are total and stable, JSON round-trips."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINI
from termbase.collation import sort_key
from termbase.findings import GlossaryError
from termbase.load import load_glossary
from termbase.normalize import normal_form
from termbase.render.json import dumps, loads

LANGS = ("en", "ru", "zh-Hans")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode text, and text that looks like terms in the three scripts.
any_text = st.text(max_size=40)
term_text = st.text(
    alphabet=st.sampled_from("abcXYZ -ёЁежзя大语言模型扩散银行·‐–—ＧＰＴ３'\"<&>{}:#"),
    min_size=1,
    max_size=25,
).filter(lambda t: t.strip())

printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=12,
)
concept_keys = st.sampled_from(
    [
        "kind",
        "domain",
        "terms",
        "definition",
        "notes",
        "broader",
        "related",
        "examples",
        "instance_of",
        "maker",
        "year",
        "id",
        "text",
        "status",
        "en",
        "ru",
        "zh-Hans",
    ]
)
concept_like = st.dictionaries(concept_keys, yaml_values, max_size=8)


def load_with(concept_file: str | bytes) -> None:
    """Load the mini glossary with one more concept file; only GlossaryError may escape."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "g"))
        path = root / "concepts" / "extra.yaml"
        (path.write_bytes if isinstance(concept_file, bytes) else path.write_text)(concept_file)
        try:
            load_glossary(root)
        except GlossaryError as error:
            assert error.findings and all(f.location.line >= 1 for f in error.findings)


@FAST
@given(concept_like)
def test_loader_never_crashes_on_generated_yaml_documents(document: dict) -> None:
    load_with(yaml.safe_dump(document, allow_unicode=True))


@FAST
@given(st.binary(max_size=200))
def test_loader_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    load_with(data)


@FAST
@given(st.lists(st.text(max_size=12), max_size=8), st.sampled_from(LANGS))
def test_sort_keys_are_total_and_stable(words: list[str], lang: str) -> None:
    once = sorted(words, key=lambda w: sort_key(w, lang))
    assert sorted(reversed(once), key=lambda w: sort_key(w, lang)) == once
    assert [sort_key(w, lang) for w in words] == [sort_key(w, lang) for w in words]


@FAST
@given(st.text(max_size=30), st.sampled_from(LANGS))
def test_normal_form_is_total_and_idempotent(text: str, lang: str) -> None:
    once = normal_form(text, lang)
    assert normal_form(once, lang) == once


@FAST
@given(st.lists(term_text, min_size=3, max_size=3, unique=True), printable.filter(str.strip))
def test_json_round_trips_any_loadable_glossary(texts: list[str], definition: str) -> None:
    concept = {
        "kind": "concept",
        "domain": "generative-models",
        "terms": {
            lang: [{"text": text, "status": "preferred"}]
            for lang, text in zip(LANGS, texts, strict=True)
        },
        "definition": {lang: definition for lang in LANGS},
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "g"))
        (root / "concepts" / "extra.yaml").write_text(yaml.safe_dump(concept, allow_unicode=True))
        try:
            glossary = load_glossary(root)
        except GlossaryError:
            return  # e.g. a generated term equal to one of the mini glossary's
        assert loads(dumps(glossary)) == glossary
