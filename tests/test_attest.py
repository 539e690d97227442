"""`attest`: terms counted in a usage corpus, citations, the evidence files, and the renderings
mined from translations.

The corpus in tests/fixtures/attest/corpus is made up for these tests (each behaviour planted
once, its counts below); the shipped corpus, when ../shared/corpus is there, is only read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, SHIPPED, run_cli
from termbase.attest import EXCERPT, attest, excerpt, read_corpus, write_evidence
from termbase.attest import counting as count_module
from termbase.attest.cache import Cache
from termbase.attest.candidates import mine
from termbase.attest.corpus import Document
from termbase.attest.counting import Use, citations
from termbase.attest.prose import passages
from termbase.load import load_glossary
from termbase.model import Citation, Evidence
from termbase.occurrences import TermIndex
from termbase.paths import EVIDENCE_DIR
from termbase.server import cited_line_of

ATTEST = FIXTURES / "attest"


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A writable copy of the test glossary and its corpus (the glossary at `glossary/`)."""
    shutil.copytree(ATTEST, tmp_path / "attest")
    return tmp_path / "attest" / "glossary"


def run_attest(glossary: Path, *args: str, cache: Path | None = None):
    cache_args = ["--cache", str(cache)] if cache else ["--cache", str(glossary.parent / "cache")]
    return run_cli("attest", "--glossary", str(glossary), *cache_args, *args)


def evidence(glossary: Path) -> dict[tuple[str, str, str], Evidence | None]:
    """Each term's evidence as the loader reads it: (concept, language, text) → evidence."""
    loaded = load_glossary(glossary)
    return {(c.id, t.lang, t.text): t.evidence for c in loaded.concepts for t in c.terms}


def uses(glossary: Path, concept: str, lang: str, text: str) -> int:
    found = evidence(glossary)[(concept, lang, text)]
    assert found is not None, f"{concept} {lang} {text}: not counted"
    return found.occurrences


# What is prose ------------------------------------------------------------------------------


def prose(text: str, suffix: str = ".md") -> str:
    return " / ".join(p.text for p in passages(text, suffix))


def test_code_urls_front_matter_and_markup_are_no_prose() -> None:
    text = (
        "---\ntitle: front matter\n---\n"
        "Before `inline code` after.\n\n"
        "```python\nfenced = 1\n```\n"
        "See https://example.com/page now, or [the link text](https://example.com/x).\n"
        '<div class="note">A <b>bold</b> word</div> &nbsp; end\n'
        "<!-- a comment -->\n"
        "| cell one | cell two |\n"
        "import Thing from 'thing'\n"
        "## Title[[anchor]] with $x^2$ math\n"
    )
    shown = prose(text)
    for gone in (
        "front matter",
        "inline code",
        "fenced",
        "example.com",
        "class",
        "note",
        "comment",
        "anchor",
        "x^2",
        "import",
        "Thing",
    ):
        assert gone not in shown, gone
    assert "Before / after." in shown
    assert "See / now, or [the link text" in shown
    assert "A    bold     word" in shown  # tags blanked: the words around them read on
    assert "cell one / cell two" in shown  # a table's cells are apart


def test_passages_keep_their_lines_and_paragraphs() -> None:
    found = passages("# Title\n\nfirst line\nsecond line\n\n```\ncode\n```\nafter code\n", ".md")
    assert [(p.line, p.paragraph, p.text) for p in found] == [
        (1, 0, "# Title"),
        (3, 1, "first line\nsecond line"),
        (9, 2, "after code"),
    ]


def test_json_and_yaml_keep_their_values_only() -> None:
    assert prose('{\n  "token": "Tokens and models"\n}\n', ".json") == "Tokens and models"
    assert prose("- title: Tokens\n  local: chapter1\n", ".yml") == "Tokens / chapter1"


# Counting -----------------------------------------------------------------------------------


def test_terms_in_code_urls_front_matter_and_tags_are_not_counted(fixture_dir: Path) -> None:
    assert run_attest(fixture_dir).returncode == 0
    # en/docs/intro.md has `token` in its front matter, a code block, inline code, a URL, a
    # link target and an alt attribute, and 5 times in prose; chat.md 2, the book 2.
    assert uses(fixture_dir, "token", "en", "token") == 9
    assert uses(fixture_dir, "token", "zh-Hans", "令牌") == 0  # only in a code block


def test_russian_terms_are_counted_in_any_inflected_form(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    # большая языковая модель, больших языковых моделей, большой языковой модели, and one more
    assert uses(fixture_dir, "large-language-model", "ru", "большая языковая модель") == 4
    assert uses(fixture_dir, "fine-tuning", "ru", "дообучение") == 2  # дообучение, дообучении
    assert uses(fixture_dir, "fine-tuning", "ru", "тонкая настройка") == 1  # тонкой настройке
    assert uses(fixture_dir, "token", "ru", "токен") == 6  # Токены, Токен, токену, токен…


def test_the_longest_term_is_the_one_used(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    # "large language model" three times, "language model" alone once
    assert uses(fixture_dir, "large-language-model", "en", "large language model") == 3
    assert uses(fixture_dir, "language-model", "en", "language model") == 1
    assert uses(fixture_dir, "language-model", "ru", "языковая модель") == 1


def test_a_chinese_term_inside_a_longer_one_is_not_counted(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    # 无监督学习 twice, 监督学习 once on its own; 语言模型 once beside 大语言模型, 大型语言模型
    assert uses(fixture_dir, "unsupervised-learning", "zh-Hans", "无监督学习") == 2
    assert uses(fixture_dir, "supervised-learning", "zh-Hans", "监督学习") == 1
    assert uses(fixture_dir, "language-model", "zh-Hans", "语言模型") == 1
    assert uses(fixture_dir, "large-language-model", "zh-Hans", "大语言模型") == 1


def test_an_abbreviation_is_counted_with_its_capitals_only(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    assert uses(fixture_dir, "clip", "en", "CLIP") == 1  # not "clip the images"
    # not "llm"; the book uses LLM 4 times (more than "large language model")
    assert uses(fixture_dir, "large-language-model", "en", "LLM") == 5


def test_evidence_counts_documents_and_corpora(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    token = evidence(fixture_dir)[("token", "en", "token")]
    assert token == Evidence(9, 3, (("book", 2), ("course", 7)), token.citations if token else ())


def test_a_term_found_nowhere_is_counted_as_zero_and_is_written(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    assert evidence(fixture_dir)[("large-language-model", "ru", "БЯМ")] == Evidence(0, 0)
    assert '- term: "БЯМ"\n    occurrences: 0\n' in (
        fixture_dir / EVIDENCE_DIR / "large-language-model.yaml"
    ).read_text(encoding="utf-8")


# Citations ----------------------------------------------------------------------------------


def test_citations_come_from_different_corpora_then_documents(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    token = evidence(fixture_dir)[("token", "en", "token")]
    assert token is not None
    assert [str(c) for c in token.citations] == [
        "corpus/course/en/docs/intro.md:8",  # the corpus with most uses, its document with most
        "corpus/book/en/chapter1.md:3",  # the other corpus
        "corpus/course/en/docs/chat.md:10",  # then another document
    ]


def test_citations_prefer_a_sentence_and_skip_a_line_twice() -> None:
    documents = [Document("c", "en", "a.md"), Document("c", "en", "b.md")]
    found = [Use(0, 1, 1), Use(0, 5, 0), Use(0, 5, 0), Use(0, 9, 2), Use(1, 3, 0)]
    assert citations(found, documents) == [Use(0, 5, 0), Use(1, 3, 0), Use(0, 1, 1)]


def test_every_citation_links_to_its_public_line(fixture_dir: Path) -> None:
    glossary = load_glossary(fixture_dir)
    source = glossary.corpus.source("course")
    assert source is not None
    assert source.link(Citation("course", "ru", "docs/intro.md", 3)) == (
        "https://github.com/example/course/blob/0123456789abcdef0123456789abcdef01234567/"
        "docs/intro.md#L3"
    )
    # an extracted notebook numbers the lines of its extract: the link is the notebook's
    assert source.link(Citation("course", "en", "site/a b.ipynb.md", 12)).endswith(
        "/site/a%20b.ipynb"
    )


# The evidence files -------------------------------------------------------------------------


def test_the_evidence_is_the_same_bytes_from_any_folder_with_or_without_a_cache(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "one", tmp_path / "two" / "deeper"
    for folder in (first, second):
        shutil.copytree(ATTEST, folder)
    assert run_attest(first / "glossary", cache=tmp_path / "cache-one").returncode == 0
    run_attest(second / "glossary", cache=tmp_path / "cache-two")
    files = sorted(p.name for p in (first / "glossary" / EVIDENCE_DIR).iterdir())
    assert len(files) == 8
    for name in files:
        one = (first / "glossary" / EVIDENCE_DIR / name).read_bytes()
        assert one == (second / "glossary" / EVIDENCE_DIR / name).read_bytes(), name
    (first / "glossary" / EVIDENCE_DIR / "token.yaml").unlink()
    again = run_attest(first / "glossary", cache=tmp_path / "cache-one")  # from the cache
    assert "1 evidence file written or removed" in again.stdout
    assert (first / "glossary" / EVIDENCE_DIR / "token.yaml").read_bytes() == (
        second / "glossary" / EVIDENCE_DIR / "token.yaml"
    ).read_bytes()


def test_an_evidence_file_reads_as_a_reviewer_reads_it(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    text = (fixture_dir / EVIDENCE_DIR / "fine-tuning.yaml").read_text(encoding="utf-8")
    assert text.split("\n", 3)[3] == (
        '"en":\n'
        '  - term: "fine-tuning"\n'
        "    occurrences: 2\n"
        "    documents: 1\n"
        "    corpora:\n"
        '      "book": 2\n'
        "    citations:\n"
        '      - "corpus/book/en/chapter1.md:5"\n'
        '"ru":\n'
        '  - term: "дообучение"\n'
        "    occurrences: 2\n"
        "    documents: 1\n"
        "    corpora:\n"
        '      "course": 2\n'
        "    citations:\n"
        '      - "corpus/course/ru/docs/intro.md:12"\n'
        '  - term: "тонкая настройка"\n'
        "    occurrences: 1\n"
        "    documents: 1\n"
        "    corpora:\n"
        '      "course": 1\n'
        "    citations: []\n"  # its one use is broken across two lines: no line holds it
        '  - term: "файнтюнинг"\n'
        "    occurrences: 0\n"
        '"zh-Hans":\n'
        '  - term: "微调"\n'
        "    occurrences: 2\n"
        "    documents: 1\n"
        "    corpora:\n"
        '      "book": 2\n'
        "    citations:\n"
        '      - "corpus/book/zh-Hans/chapter1.md:5"\n'
    )
    assert "Sentences" not in text and "corpus text" in text.split("\n", 3)[1]


def test_evidence_of_a_concept_gone_is_removed(fixture_dir: Path) -> None:
    run_attest(fixture_dir)
    (fixture_dir / "concepts" / "clip.yaml").unlink()
    result = run_attest(fixture_dir)
    assert result.returncode == 0
    assert not (fixture_dir / EVIDENCE_DIR / "clip.yaml").exists()


def test_a_second_run_writes_nothing_and_counts_from_the_cache(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_attest(fixture_dir)
    written = {p.name: p.stat().st_mtime_ns for p in (fixture_dir / EVIDENCE_DIR).iterdir()}
    glossary = load_glossary(fixture_dir)

    def no_reading(*args: object) -> None:
        raise AssertionError("the corpus was read again")

    monkeypatch.setattr("termbase.attest.index.read_document", no_reading)
    monkeypatch.setattr("termbase.attest.counting._count", no_reading)
    cache = Cache(fixture_dir.parent / "cache")
    usage = read_corpus(glossary, [fixture_dir.parent / "corpus"], cache)
    assert write_evidence(glossary, fixture_dir, attest(glossary, usage, cache)) == []
    assert {p.name: p.stat().st_mtime_ns for p in (fixture_dir / EVIDENCE_DIR).iterdir()} == (
        written
    )


def test_an_edit_of_one_language_counts_that_language_again_only(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_attest(fixture_dir)
    path = fixture_dir / "concepts" / "token.yaml"
    added = (
        "    - text: токен\n      status: preferred\n    - text: жетон\n      status: admitted\n"
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - text: токен\n      status: preferred\n", added))
    counted: list[str] = []
    original = count_module._count
    monkeypatch.setattr(
        count_module, "_count", lambda g, lang, i: counted.append(lang) or original(g, lang, i)
    )
    result = run_attest(fixture_dir)
    assert counted == ["ru"]
    assert (
        result.stdout.splitlines()[0] == "token: ru 'жетон' (admitted): no use (was: not counted)"
    )


# The command --------------------------------------------------------------------------------


def test_a_missing_corpus_is_one_line_and_nothing_is_written(fixture_dir: Path) -> None:
    shutil.rmtree(fixture_dir.parent / "corpus")
    result = run_attest(fixture_dir)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "corpus: no such folder (glossary.toml [corpus] folders); nothing was written"
    )
    assert "Traceback" not in result.stderr
    assert not (fixture_dir / EVIDENCE_DIR).exists()


def test_the_build_needs_no_corpus(fixture_dir: Path, tmp_path: Path) -> None:
    run_attest(fixture_dir)
    shutil.rmtree(fixture_dir.parent / "corpus")
    result = run_cli(
        "build", "--glossary", str(fixture_dir), "--out", str(tmp_path / "out"), "--only", "json"
    )
    assert result.returncode == 0, result.stderr
    assert '"occurrences": 9' in (tmp_path / "out" / "glossary.json").read_text(encoding="utf-8")


def test_a_corpus_without_its_licence_is_refused(fixture_dir: Path) -> None:
    toml = fixture_dir / "glossary.toml"
    toml.write_text(toml.read_text().replace('name = "book"', 'name = "a-book"'))
    result = run_attest(fixture_dir)
    assert result.returncode == 2
    assert "no [[corpus.sources]] for book" in result.stderr


def test_show_prints_each_cited_line_from_the_corpus(fixture_dir: Path) -> None:
    result = run_attest(fixture_dir, "--show", "fine-tuning")
    assert result.returncode == 0
    assert (
        "  ru 'дообучение' (preferred): 2 uses in 1 document, 1 corpus; course 2\n"
        "    corpus/course/ru/docs/intro.md:12\n"
        "      | Сначала идёт обучение с учителем, затем дообучение. О дообучении говорят и как "
        "о тонкой\n"
        "  ru 'тонкая настройка' (admitted): 1 use in 1 document, 1 corpus; course 1\n"
        "  ru 'файнтюнинг' (deprecated): no use\n"
    ) in result.stdout
    assert "preferred terms in use: en 6 of 8 (75 %)" in result.stdout
    assert run_attest(fixture_dir, "--show", "nothing").returncode == 2


def test_the_first_run_lists_every_term_and_the_next_none(fixture_dir: Path) -> None:
    first = run_attest(fixture_dir)
    assert "token: zh-Hans '令牌' (deprecated): no use (was: not counted)" in first.stdout
    assert "8 evidence files written or removed" in first.stdout
    second = run_attest(fixture_dir)
    assert second.stdout.splitlines()[0].startswith("counted in 2 corpora, 7 documents")


def test_a_long_cited_line_is_shown_around_what_it_cites() -> None:
    line = "word " * 40 + "the cited term here " + "word " * 40
    shown = excerpt(line, "cited term")
    assert shown.startswith("…") and shown.endswith("…") and "the cited term here" in shown
    assert len(shown) <= EXCERPT + 2
    chinese = "模型" * 60 + "词元" + "模型" * 60
    assert len(excerpt(chinese, "词元")) <= EXCERPT // 2 + 2  # two columns a character
    assert excerpt("a short line", "nothing") == "a short line"


def test_serve_reads_a_cited_line_from_the_corpus_only(fixture_dir: Path) -> None:
    assert cited_line_of(fixture_dir, "corpus/course/ru/docs/intro.md:3").startswith("Токен —")
    assert cited_line_of(fixture_dir, "corpus/course/en/docs/intro.md:999") == ""
    assert cited_line_of(fixture_dir, "corpus/course/en/../../../glossary/glossary.toml:2") == ""
    assert cited_line_of(fixture_dir, "corpus/other/en/docs/intro.md:3") == ""
    assert cited_line_of(fixture_dir, "not a citation") == ""
    shutil.rmtree(fixture_dir.parent / "corpus")
    assert cited_line_of(fixture_dir, "corpus/course/ru/docs/intro.md:3") == ""


# Renderings mined from translations ----------------------------------------------------------


def test_candidates_are_the_renderings_translators_used_that_the_glossary_lacks(
    fixture_dir: Path,
) -> None:
    glossary = load_glossary(fixture_dir)
    usage = read_corpus(glossary, [fixture_dir.parent / "corpus"], Cache(None))
    mined = {(m.concept.id, m.lang): m for m in mine(glossary, usage.corpora, usage.index)}
    chat = mined[("chat-model", "ru")]
    assert chat.pairs == 6  # the paragraphs whose English says "chat model"
    assert [(k.term.text, k.pairs) for k in chat.known] == [("диалоговая модель", 1)]
    assert [(c.text, c.key, c.pairs, c.everywhere) for c in chat.candidates] == [
        ("модель чата", "модель чат", 5, 5)
    ]
    quoted = {str(usage.citation(q.target)) for q in chat.candidates[0].quotes}
    assert quoted == {
        "corpus/course/ru/docs/chat.md:3",
        "corpus/course/ru/docs/intro.md:15",
        "corpus/course/ru/docs/chat.md:5",
    }
    # the glossary's own terms (and their parts) are no candidates: nothing else is left
    assert [key for key, m in mined.items() if m.candidates] == [("chat-model", "ru")]


def test_candidates_are_appended_to_the_review_file_once(fixture_dir: Path) -> None:
    result = run_attest(fixture_dir, "--candidates", "--write")
    assert result.returncode == 0, result.stderr
    assert "'модель чата': 5 of the 6 paragraphs, 5 in all (Dice 0.91)" in result.stdout
    assert "translates corpus/course/en/docs/chat.md:3" in result.stdout
    review = (fixture_dir / "review.yaml").read_text(encoding="utf-8")
    assert "- text: модель чата\n  lang: ru\n  concept: chat-model\n" in review
    assert "1 new entry" in result.stderr
    assert "0 new entries" in run_attest(fixture_dir, "--candidates", "--write").stderr
    assert not (fixture_dir / EVIDENCE_DIR).exists()  # --candidates writes no evidence


# The shipped corpus -------------------------------------------------------------------------

SHIPPED_CORPUS = (SHIPPED / "../../shared/corpus").resolve()


@pytest.mark.skipif(not SHIPPED_CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_every_committed_citation_is_a_corpus_line_with_the_term() -> None:
    glossary = load_glossary(SHIPPED)
    checked = 0
    for concept in glossary.concepts:
        for term in concept.terms:
            if term.evidence is None:
                continue
            index = TermIndex(glossary, term.lang, concepts=[concept])
            for citation in term.evidence.citations:
                path = SHIPPED_CORPUS / citation.corpus / citation.lang / citation.path
                line = path.read_text(encoding="utf-8").split("\n")[citation.line - 1]
                found = {
                    hit.term.text
                    for passage in passages(line, path.suffix)
                    for hit in index.find(passage.text)
                }
                assert term.text in found, f"{concept.id}: {term.text!r} not on {citation}"
                checked += 1
    assert checked > 1000


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED_CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_the_committed_evidence_is_what_attest_counts_now(tmp_path: Path) -> None:
    """After an edit of a term, or of the matching, run `build.py attest` and commit what it
    writes: this fails until then."""
    shutil.copytree(SHIPPED, tmp_path / "glossary")
    result = run_attest(tmp_path / "glossary", str(SHIPPED_CORPUS), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "0 evidence files written or removed" in result.stdout, result.stdout[-3000:]
