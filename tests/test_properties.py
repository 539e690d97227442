"""Property tests: the loader never crashes, keys are total and stable, JSON round-trips.

The concept files are generated key by key from the loader's own key lists (`CONCEPT_KEYS`,
`TERM_KEYS`, `CONTRAST_KEYS`, `RELATION_KEYS` of `termbase.load`), each key from its strategy
below: a key the loader learns without a strategy here fails
`test_every_key_the_loader_reads_has_a_strategy`, which names it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import MINI
from termbase import load
from termbase.collation import sort_key
from termbase.findings import GlossaryError
from termbase.languages import is_chinese, is_japanese
from termbase.load import load_glossary
from termbase.model import Glossary, Kind, Status, TermType
from termbase.normalize import normal_form, term_key
from termbase.references import TARGET_KIND
from termbase.render.json import dumps, loads
from termbase.yamlnodes import unusable

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
MINI_GLOSSARY = load_glossary(MINI)
LANGS = MINI_GLOSSARY.languages
NEW = "extra"
"""The id of the generated concept, added to the mini glossary as concepts/extra.yaml."""
TAKEN = {(t.lang, term_key(t.text)) for c in MINI_GLOSSARY.concepts for t in c.terms}
"""The mini glossary's terms: a generated term equal to one of them is another concept's."""

Strategy = st.SearchStrategy[Any]

# Values ----------------------------------------------------------------------------------------

any_text = st.text(max_size=40)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=12,
)
"""Anything YAML can hold: what a key gets when its value is not well formed."""
one_line = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() and not unusable(t))
"""A text the loader accepts."""
term_text = st.text(
    alphabet=st.sampled_from("abcXYZ -ёЁежзя大语言模型扩散银行·‐–—ＧＰＴ３'\"<&>{}:#"),
    min_size=1,
    max_size=25,
).filter(lambda t: t.strip())
"""Text that looks like terms in the three scripts, with the characters outputs must escape."""


def per_language(values: Strategy) -> Strategy:
    """A mapping from some of the glossary's languages to values."""
    return st.dictionaries(st.sampled_from(LANGS), values, min_size=1, max_size=len(LANGS))


def every_language(values: Strategy) -> Strategy:
    return st.fixed_dictionaries({lang: values for lang in LANGS})


def targets(relation: str) -> list[str]:
    """The mini glossary's concepts that a relation may point to (by references.TARGET_KIND)."""
    kind = TARGET_KIND[relation]
    return [c.id for c in MINI_GLOSSARY.concepts if kind is None or c.kind is kind]


def ids(choices: list[str]) -> Strategy:
    return st.lists(st.sampled_from(choices), min_size=1, max_size=len(choices), unique=True)


# One strategy for a well-formed value of each key the loader reads; the concept-level rules
# (one preferred term per language, pinyin only in Chinese, a reading only in Japanese, the
# instance keys only on instances, `retired` with `replaced_by`) are kept by `concept_files`.
ONLY_IN = {"pinyin": is_chinese, "reading": is_japanese}
"""The term keys that only some languages' terms have."""
NOT_PREFERRED = st.sampled_from([s.value for s in Status if s is not Status.PREFERRED])
TERM_VALUES: dict[str, Strategy] = {
    "text": term_text,
    "status": st.sampled_from([s.value for s in Status]),
    "type": st.sampled_from([t.value for t in TermType]),
    "pinyin": st.sampled_from(["dà yǔyán móxíng", "wēitiáo", "ā'ěrfǎ wéiqí"]),
    "reading": st.sampled_from(["ほうちょう", "だいきぼげんごもでる"]),
    "note": one_line,
    "homonym": st.booleans(),
    "sources": st.lists(
        st.builds("{}:{}".format, st.sampled_from(["notes.md", "a b/c.txt"]), st.integers(1, 999)),
        max_size=2,
    ),
    # A general word: checked everywhere but on its own, or near the concepts named.
    "general": st.booleans() | ids([c.id for c in MINI_GLOSSARY.concepts]),
}
CONTRAST_VALUES: dict[str, Strategy] = {
    "with": st.sampled_from([c.id for c in MINI_GLOSSARY.concepts]),
    "note": every_language(one_line),
}
RELATION_VALUES: dict[str, Strategy] = {
    relation: ids(targets(relation)) for relation in TARGET_KIND
}


# Concept files -----------------------------------------------------------------------------------


def maybe_broken(draw: Callable[[Strategy], Any], value: Strategy, broken: bool) -> Any:
    """A well-formed value of `value`, or (when generating broken files) sometimes anything."""
    return draw(yaml_values) if broken and draw(st.integers(0, 3)) == 0 else draw(value)


def keys_to_give(
    draw: Callable[[Strategy], Any], keys: tuple[str, ...], required: tuple[str, ...], broken: bool
) -> Iterator[str]:
    """The required keys (when broken, one is sometimes missing) and some of the others."""
    for key in keys:
        if key in required:
            if not (broken and draw(st.integers(0, 9)) == 0):
                yield key
        elif draw(st.booleans()):
            yield key


@st.composite
def terms(draw: Callable[[Strategy], Any], broken: bool) -> dict[str, Any]:
    """Terms in each language: one preferred, each text unique in the glossary (unless broken),
    pinyin on Chinese terms, a reading on Japanese ones (`ONLY_IN`)."""
    given: dict[str, list[Any]] = {}
    for lang in LANGS:
        count = draw(st.integers(1, 3))
        items = []
        for index in range(count):
            item = {}
            for key in keys_to_give(draw, load.TERM_KEYS, ("text", "status"), broken):
                if not broken and not ONLY_IN.get(key, bool)(lang):
                    continue
                item[key] = maybe_broken(draw, TERM_VALUES[key], broken)
            if not broken:  # the first term is the preferred one
                item["status"] = Status.PREFERRED.value if index == 0 else draw(NOT_PREFERRED)
            items.append(item)
        if not broken:
            keys = [(lang, term_key(str(item["text"]))) for item in items]
            assume(len(set(keys)) == len(keys) and not TAKEN & set(keys))
        given[lang] = items
    return given


@st.composite
def contrasts(draw: Callable[[Strategy], Any], broken: bool) -> list[dict[str, Any]]:
    others = draw(st.lists(CONTRAST_VALUES["with"], min_size=1, max_size=3, unique=True))
    return [
        {
            key: other if key == "with" else maybe_broken(draw, CONTRAST_VALUES[key], broken)
            for key in keys_to_give(draw, load.CONTRAST_KEYS, load.CONTRAST_KEYS, broken)
        }
        for other in others
    ]


def concept_values(broken: bool) -> dict[str, Strategy]:
    """The strategy of each key of a concept file; `broken` lets the terms and contrasts have
    values of any shape too."""
    return {
        "id": st.just(NEW),
        "kind": st.sampled_from([k.value for k in Kind]),
        "domain": st.sampled_from([d.id for d in MINI_GLOSSARY.domains]),
        "terms": terms(broken),
        "definition": per_language(one_line),
        "notes": per_language(one_line),
        "contrast": contrasts(broken),
        "maker": one_line,
        "year": st.integers(1950, 2100),
        "retired": st.booleans(),
        "replaced_by": st.sampled_from([c.id for c in MINI_GLOSSARY.concepts]),
        **RELATION_VALUES,
    }


TABLES: list[tuple[str, tuple[str, ...], Mapping[str, Strategy]]] = [
    ("CONCEPT_KEYS", load.CONCEPT_KEYS, concept_values(broken=False)),
    ("TERM_KEYS", load.TERM_KEYS, TERM_VALUES),
    ("CONTRAST_KEYS", load.CONTRAST_KEYS, CONTRAST_VALUES),
    ("RELATION_KEYS", load.RELATION_KEYS, RELATION_VALUES),
]


@pytest.mark.parametrize(("name", "keys", "strategies"), TABLES, ids=[t[0] for t in TABLES])
def test_every_key_the_loader_reads_has_a_strategy(
    name: str, keys: tuple[str, ...], strategies: Mapping[str, Strategy]
) -> None:
    missing = [key for key in keys if key not in strategies]
    assert not missing, (
        f"termbase.load.{name} has {missing}, which the property tests never generate: give "
        f"each a strategy in tests/test_properties.py"
    )
    stale = [key for key in strategies if key not in keys]
    assert not stale, f"tests/test_properties.py generates {stale}, not in load.{name}"


@st.composite
def concept_files(draw: Callable[[Strategy], Any], broken: bool = False) -> dict[str, Any]:
    """A concept file's document, every key from its strategy. Well formed, it is a valid
    concept of the mini glossary; broken, some values are anything and keys may be missing
    or unknown."""
    document: dict[str, Any] = {}
    required = load.REQUIRED_CONCEPT_KEYS
    values = concept_values(broken)
    for key in keys_to_give(draw, load.CONCEPT_KEYS, required, broken):
        document[key] = maybe_broken(draw, values[key], broken)
    if broken:
        document |= draw(st.dictionaries(any_text, yaml_values, max_size=2))
        return document
    if document["kind"] != Kind.INSTANCE:
        for key in load.INSTANCE_KEYS:
            document.pop(key, None)
    if document.get("retired") or "replaced_by" in document:
        document["retired"] = True
        document.setdefault("replaced_by", draw(values["replaced_by"]))
    return document


@pytest.fixture(scope="module")
def glossary_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the mini glossary, to which each example writes its concepts/extra.yaml."""
    return Path(shutil.copytree(MINI, tmp_path_factory.mktemp("properties") / "glossary"))


def load_with(root: Path, concept_file: str | bytes) -> Glossary:
    """Load the mini glossary with one more concept file."""
    path = root / "concepts" / f"{NEW}.yaml"
    path.write_bytes(concept_file if isinstance(concept_file, bytes) else concept_file.encode())
    return load_glossary(root)


def loads_or_reports(root: Path, concept_file: str | bytes) -> None:
    """Loading may fail only with GlossaryError, each finding at a line."""
    try:
        load_with(root, concept_file)
    except GlossaryError as error:
        assert error.findings and all(f.location.line >= 1 for f in error.findings)


def as_yaml(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@FAST
@given(concept_files(broken=True))
def test_loader_never_crashes_on_generated_concept_files(glossary_dir: Path, document: Any) -> None:
    loads_or_reports(glossary_dir, as_yaml(document))


@FAST
@given(st.binary(max_size=200))
def test_loader_never_crashes_on_arbitrary_bytes(glossary_dir: Path, data: bytes) -> None:
    loads_or_reports(glossary_dir, data)


@FAST
@given(concept_files())
def test_a_well_formed_concept_loads_and_round_trips_through_json(
    glossary_dir: Path, document: dict[str, Any]
) -> None:
    try:
        glossary = load_with(glossary_dir, as_yaml(document))
    except GlossaryError as error:
        raise AssertionError(f"{as_yaml(document)}\nwas refused: {error.findings}") from None
    retired = bool(document.get("retired"))
    [concept] = [c for c in (glossary.retired if retired else glossary.concepts) if c.id == NEW]
    assert concept.replaced_by == document.get("replaced_by")
    assert [c.other for c in concept.contrasts] == [c["with"] for c in document.get("contrast", [])]
    for relation in load.RELATION_KEYS:
        assert getattr(concept, relation) == tuple(document.get(relation, ()))
    assert loads(dumps(glossary)) == glossary


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
