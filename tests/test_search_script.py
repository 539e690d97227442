"""The site's search script (templates/html/site.js), run in Node: it folds text as Python does,
and ranks and explains its results on the mini glossary's real search data.

The script's search needs no page: tests/js/search.mjs runs it in Node on the inputs of
tests/fixtures/search-folding.json, with the English rules the page carries
(`languages.SEARCH_RULES`); one test folds the same inputs in Chromium, on a page of the site.
test_render_html.py drives the whole script in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from helpers import FIXTURES, ROOT
from termbase.languages import SEARCH_RULES, singular
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.render.contract import BuildContext
from termbase.render.html import render
from termbase.render.html.search_index import pinyin_keys, script, search_key

SITE_JS = ROOT / "templates" / "html" / "site.js"
RUNNER = Path(__file__).parent / "js" / "search.mjs"
FOLDING = json.loads((FIXTURES / "search-folding.json").read_text(encoding="utf-8"))
UI = {"en": 0, "ru": 1, "zh-Hans": 2}
"""The mini glossary's languages, by their index in its search data."""

Hit = dict[str, Any]


def run_script(**request: Any) -> dict[str, Any]:
    """The answers of tests/js/search.mjs to a request (see there)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the search script's tests run it in Node")
    request |= {"site": str(SITE_JS), "rules": SEARCH_RULES}
    done = subprocess.run(
        [node, str(RUNNER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"the search script failed in Node:\n{done.stderr}"
    answers: dict[str, Any] = json.loads(done.stdout)
    return answers


def differences(inputs: list[str], python: list[Any], script: list[Any]) -> list[str]:
    return [
        f"{text!r}: Python {p!r}, site.js {s!r}"
        for text, p, s in zip(inputs, python, script, strict=True)
        if p != s
    ]


@pytest.fixture(scope="module")
def folded() -> dict[str, Any]:
    readings = FOLDING["readings"]
    return run_script(keys=FOLDING["texts"] + readings, singulars=FOLDING["words"])


def test_the_script_folds_texts_as_search_key_does(folded: dict[str, Any]) -> None:
    texts = FOLDING["texts"]
    keys = folded["keys"][: len(texts)]
    wrong = differences(texts, [search_key(t) for t in texts], keys)
    assert not wrong, "search keys differ:\n" + "\n".join(wrong)


def test_the_script_reads_plurals_as_singular_does(folded: dict[str, Any]) -> None:
    words = FOLDING["words"]
    wrong = differences(words, [singular(w) for w in words], folded["singulars"])
    assert not wrong, "singulars differ:\n" + "\n".join(wrong)


def test_chromium_folds_as_python_too(page: Any, mini: Glossary, tmp_path: Path) -> None:
    """The same inputs in the browser the site is for, on a page of the mini glossary's site."""
    for output in render(BuildContext(mini, datetime(2026, 1, 1, tzinfo=UTC))):
        (tmp_path / output.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / output.path).write_bytes(output.data)
    page.goto((tmp_path / "html" / "en" / "index.html").as_uri())
    texts, words = FOLDING["texts"], FOLDING["words"]
    keys = page.evaluate("texts => texts.map(termbaseSearch.searchKey)", texts)
    singulars = page.evaluate(
        """words => {
            const rules = JSON.parse(document.getElementById("_strings").textContent).english;
            return words.map(termbaseSearch.singularBy(rules));
        }""",
        words,
    )
    wrong = differences(texts, [search_key(t) for t in texts], keys)
    wrong += differences(words, [singular(w) for w in words], singulars)
    assert not wrong, "Chromium folds differently:\n" + "\n".join(wrong)


def test_a_pinyin_reading_typed_with_its_marks_finds_its_keys(folded: dict[str, Any]) -> None:
    readings = FOLDING["readings"]
    typed = folded["keys"][len(FOLDING["texts"]) :]
    wrong = [
        f"{reading!r}: site.js folds it to {key!r}, not one of its keys {pinyin_keys(reading)}"
        for reading, key in zip(readings, typed, strict=True)
        if key not in pinyin_keys(reading)
    ]
    assert not wrong, "\n".join(wrong)


# Ranking and reasons, on the mini glossary's search data --------------------------------------


def hit(concept: str, by: str, term: str | None = None) -> Hit:
    return {"id": concept, "by": by, "term": term}


RANKED = [
    ("en", "large language", [hit("llm", "term", "large language model")]),
    ("en", "LLM", [hit("llm", "abbreviation", "LLM")]),
    ("ru", "бям", [hit("llm", "abbreviation", "БЯМ")]),
    ("en", "dayuyan", [hit("llm", "pinyin", "大语言模型")]),
    ("en", "da yu yan mo", [hit("llm", "pinyin", "大语言模型")]),
    ("en", "dyymx", [hit("llm", "initials", "大语言模型")]),
    ("en", "yymx", []),  # initials match from the first syllable only
    ("en", "Dà Yǔ", [hit("llm", "pinyin", "大语言模型")]),
    ("en", "shengcheng", [hit("generative-model", "pinyin", "生成模型")]),
    ("en", "generative models", [hit("generative-model", "term", "generative model")]),
    # A Russian term inflected: every word, or its first words.
    ("ru", "большой языковой модели", [hit("llm", "term", "большая языковая модель")]),
    ("ru", "генеративной", [hit("generative-model", "term", "генеративная модель")]),
    ("zh-Hans", "大语言的模型", [hit("llm", "term", "大语言模型")]),  # 的 left out
    ("en", "model language", [hit("llm", "terms"), hit("gpt-3", "words")]),
    ("ru", "объемах", [hit("llm", "definition")]),
    ("ru", "ОБЪЁМАХ", [hit("llm", "definition")]),
    ("en", "large text", [hit("llm", "words")]),
    ("en", "xyzzy", []),
]
"""Queries and their results, best first: the concept, what it was found by, which term."""
IN_ORDER = [
    # "model" starts a word of a term of two concepts (in dictionary order of the UI
    # language) and is in GPT-3's definition only.
    ("en", "model", ["generative-model", "llm", "gpt-3"]),
    ("ru", "модель", ["llm", "generative-model", "gpt-3"]),
    ("en", "gpt 3", ["gpt-3"]),
]
"""Queries and the concepts they find, in order."""
TYPED = ["large language models", "dayuyan", "модель", "generative text"]
"""Queries typed letter by letter: each keystroke ranks only what the one before matched."""


def letters(query: str) -> list[str]:
    return [query[:end] for end in range(1, len(query) + 1)]


SEARCHES: list[tuple[str, list[str]]] = [
    *((ui, [query]) for ui, query, _ in RANKED + IN_ORDER),
    *(("en", letters(query)) for query in TYPED),
    *(("en", [query]) for query in TYPED),
    *(("en", [query, query[:2]]) for query in TYPED),  # a shorter query searches all again
    *(("en", [query[:2]]) for query in TYPED),
]
"""Every search of the tests below, made in one run of the script."""


def run_searches(
    glossary: Glossary, folder: Path, searches: list[tuple[str, list[str]]]
) -> Callable[..., list[list[Hit]]]:
    """The results of `searches` on a glossary's search data, made in one run of the script:
    `found(ui, *queries)` are those of each query."""
    data = folder / "search-data.js"
    data.write_bytes(script(glossary))
    request = [{"ui": UI[ui], "queries": queries} for ui, queries in searches]
    answers = run_script(data=str(data), searches=request)["searches"]
    by_search = {
        (ui, tuple(queries)): answer
        for (ui, queries), answer in zip(searches, answers, strict=True)
    }
    return lambda ui, *queries: by_search[ui, queries]


@pytest.fixture(scope="module")
def found(mini: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return run_searches(mini, tmp_path_factory.mktemp("mini"), SEARCHES)


@pytest.mark.parametrize(("ui", "query", "expected"), RANKED)
def test_search_finds_and_says_why(found: Any, ui: str, query: str, expected: list[Hit]) -> None:
    [results] = found(ui, query)
    assert results == expected


@pytest.mark.parametrize(("ui", "query", "expected"), IN_ORDER)
def test_better_matches_first_then_the_ui_languages_order(
    found: Any, ui: str, query: str, expected: list[str]
) -> None:
    [results] = found(ui, query)
    assert [h["id"] for h in results] == expected, results


@pytest.mark.parametrize("query", TYPED)
def test_typing_letter_by_letter_finds_what_the_whole_query_finds(found: Any, query: str) -> None:
    [whole] = found("en", query)
    assert found("en", *letters(query))[-1] == whole
    [fresh] = found("en", query[:2])
    assert found("en", query, query[:2])[-1] == fresh


VIDU = """\
kind: named-model
domain: named-models
terms:
  en:
    - text: Vidu
      status: preferred
    - text: Shengshu Vidu
      status: admitted
definition:
  en: A video generation model.
"""
"""A concept whose English term starts as the pinyin of 生成模型 (shēngchéng móxíng) does."""


def test_a_match_in_a_term_comes_before_the_same_match_in_pinyin(
    mini_dir: Path, tmp_path: Path
) -> None:
    (mini_dir / "concepts" / "vidu.yaml").write_text(VIDU, encoding="utf-8")
    found_in = run_searches(load_glossary(mini_dir), tmp_path, [("en", ["sheng"])])
    [results] = found_in("en", "sheng")
    # Both start with the query; "generative model" comes first in dictionary order.
    assert results == [
        hit("vidu", "term", "Shengshu Vidu"),
        hit("generative-model", "pinyin", "生成模型"),
    ]
