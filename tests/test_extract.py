"""Extraction: candidate terms from markdown notes, matched to the glossary, reported, reviewed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT, SHIPPED, run_cli
from termbase.extract import Coverage, candidates, extract
from termbase.extract.matching import (
    IgnoreEntry,
    IgnoreListError,
    Matcher,
    load_ignore_list,
)
from termbase.extract.phrases import phrase_terms
from termbase.load import load_glossary
from termbase.model import Glossary

NOTES = FIXTURES / "extract"
SOURCES = ROOT.parent / "shared" / "sources"


def found(name: str) -> list[tuple[int, str, str, str]]:
    """The candidates of a fixture note as (line, text, language, rule)."""
    text = (NOTES / name).read_text(encoding="utf-8")
    return [(c.line, c.text, c.lang, c.rule) for c in candidates(text, name)]


# --- candidates -----------------------------------------------------------------------------


def test_obsidian_note_gives_aliases_headings_wiki_links_and_foreign_spans() -> None:
    assert found("obsidian-note.md") == [
        (3, "Large language model (AI)", "en", "alias"),
        (4, "LLM", "en", "alias"),
        (5, "Большая языковая модель", "ru", "alias"),
        (9, "AI concepts", "en", "wiki-link"),
        (10, "Large language model", "en", "heading"),
        (12, "Generative model", "en", "wiki-link"),
        (12, "Kinds", "en", "wiki-link"),
        (12, "Transformer", "en", "wiki-link"),
        (16, "Generative Models", "en", "term-line"),
        (17, "GPT-3", "en", "wiki-link"),
        (18, "Chat Models", "en", "term-line"),
        (20, "large language model", "en", "also-called"),
        (20, "foundation language model", "en", "also-called"),
        (21, "大语言模型", "zh", "script"),
        (21, "Большая языковая модель", "ru", "script"),
        (24, "LLM", "en", "aliases-line"),
        (24, "LM", "en", "aliases-line"),
    ]


def test_jekyll_post_gives_its_title_and_english_inside_chinese() -> None:
    assert found("2023-09-21-jekyll-post.markdown") == [
        (3, "生成模型", "zh", "title"),
        (8, "生成模型的分类", "zh", "bold"),
        (10, "Large Language Model", "en", "term-line"),
        (10, "LLM", "en", "term-line"),
        (10, "GPT-3", "en", "script"),
        (10, "ChatGPT", "en", "script"),
        (12, "文本生成", "zh", "term-line"),
        (13, "机器翻译", "zh", "term-line"),
        (15, "判别模型", "zh", "heading"),
        (15, "Discriminative Model", "en", "heading"),
    ]


def test_markdown_doc_gives_table_cells_lists_and_links_but_no_code() -> None:
    assert found("overview.txt") == [
        (1, "Model Types", "en", "heading"),
        (3, "Large Language Models", "en", "heading"),
        (3, "LLMs", "en", "heading"),
        (5, "Definition", "en", "bold"),
        (6, "Examples", "en", "bold"),
        (6, "GPT-3", "en", "examples"),
        (6, "BERT", "en", "examples"),
        (6, "ChatGPT", "en", "examples"),
        (7, "Applications", "en", "bold"),
        (8, "Text generation", "en", "term-line"),
        (9, "Summarization", "en", "term-line"),
        (9, "question answering", "en", "term-line"),
        (13, "Diffusion Models", "en", "table"),
        (14, "Generative models", "en", "table"),
        (16, "Stable Diffusion", "en", "link"),
        (16, "Model zoo", "en", "wiki-link"),
        (16, "Diffusion models", "en", "wiki-link"),
        (26, "Llama 2", "en", "link"),
        (28, "Bold Term", "en", "bold"),  # after a code span over two lines
        (31, "Open Source", "en", "bold"),
        (31, "Proprietary Models", "en", "bold"),
        (32, "Text", "en", "term-line"),
        (32, "Code generation", "en", "term-line"),
    ]


def test_lines_stay_exact_across_code_images_and_html_that_span_lines() -> None:
    text = "**Alpha** `x\ny` **Beta**\n**Gamma** ![a\nb](i.png) **Delta** <span\nx>**Eps**</span>\n"
    assert [(c.line, c.text) for c in candidates(text, "n.md")] == [
        (1, "Alpha"),
        (2, "Beta"),
        (3, "Gamma"),
        (4, "Delta"),
        (5, "Eps"),
    ]


def test_no_noise_from_sentences_urls_citations_code_or_images() -> None:
    text = (
        "Additional models come up all the time.\n\n"
        "https://example.org/foundation-models\n\n"
        "A model trained on text.[1][2]\n\n"
        "`Code Term`\n\n"
        "![Alt Term](x.png)\n\n"
        "This is a long wrapped sentence that goes on\n"
        "onto more lines\n"
    )
    assert candidates(text, "n.md") == []


@pytest.mark.parametrize(
    ("phrase", "terms"),
    [
        ("Large Language Models (LLMs)", [("Large Language Models", ()), ("LLMs", ())]),
        ("LLMs (Large Language Models)", [("Large Language Models", ()), ("LLMs", ())]),
        (
            "Natural Language Processing (NLP) Models:",
            [
                ("Natural Language Processing", ()),
                ("NLP", ()),
                ("Natural Language Processing Models", ()),
                ("NLP Models", ()),
            ],
        ),
        ("Model (AI)", [("Model (AI)", ("Model",))]),
        ("Нейросеть (ИИ)", [("Нейросеть (ИИ)", ("Нейросеть",))]),
        (
            "大语言模型（Large Language Model，LLM）",
            [("大语言模型", ()), ("Large Language Model", ()), ("LLM", ())],
        ),
        ("Large foundation models, LFM", [("Large foundation models", ()), ("LFM", ())]),
        ("Text and Code generation", [("Text", ("Text generation",)), ("Code generation", ())]),
        (
            "Summarization and question answering",
            [("Summarization", ()), ("question answering", ())],
        ),
        ("Foundation Models versus LLMs", [("Foundation Models", ()), ("LLMs", ())]),
        ("3. Diffusion Models", [("Diffusion Models", ())]),
        ("Retentive Network: A successor to Transformer", [("Retentive Network", ())]),
        ("Text generation (e.g., essays, code, or stories).", [("Text generation", ())]),
        ("Imagine restoring an old, damaged photograph", []),
        ("这是生成模型。", []),
    ],
)
def test_a_phrase_names_its_terms(phrase: str, terms: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(f.text, f.variants) for f in phrase_terms(phrase)] == terms


# --- matching and the ignore list ------------------------------------------------------------


@pytest.fixture
def mini_glossary(mini_dir: Path) -> Glossary:
    return load_glossary(mini_dir)


def test_candidates_match_any_language_and_reading_and_the_ignore_list(
    mini_glossary: Glossary,
) -> None:
    matcher = Matcher(mini_glossary, [IgnoreEntry("Kinds", "a section name", None)])
    [source] = extract([NOTES / "obsidian-note.md"], matcher).sources
    verdicts = {(v.candidate.line, v.candidate.text): v for v in source.verdicts}
    alias = verdicts[3, "Large language model (AI)"]
    assert (alias.status, alias.form, alias.concepts) == (
        Coverage.MATCHED,
        "Large language model",
        ("llm",),
    )
    assert verdicts[5, "Большая языковая модель"].concepts == ("llm",)
    assert verdicts[16, "Generative Models"].concepts == ("generative-model",)
    assert verdicts[21, "大语言模型"].concepts == ("llm",)
    assert verdicts[12, "Kinds"].status is Coverage.IGNORED
    assert verdicts[12, "Kinds"].reason == "a section name"
    assert [text for (_, text), v in verdicts.items() if v.status is Coverage.UNMATCHED] == [
        "AI concepts",
        "Transformer",
        "Chat Models",
        "foundation language model",
        "LM",
    ]


def test_an_ignore_entry_for_one_language_ignores_only_that_script(mini_glossary: Glossary) -> None:
    ignore = [IgnoreEntry("生成模型的分类", "a heading", "zh"), IgnoreEntry("ChatGPT", "x", "ru")]
    post = NOTES / "2023-09-21-jekyll-post.markdown"
    [source] = extract([post], Matcher(mini_glossary, ignore)).sources
    statuses = {v.candidate.text: v.status for v in source.verdicts}
    assert statuses["生成模型的分类"] is Coverage.IGNORED
    assert statuses["ChatGPT"] is Coverage.UNMATCHED  # in Latin script: not the entry's language
    assert statuses["生成模型"] is Coverage.MATCHED


def test_an_ignore_entry_that_is_a_term_is_reported_as_shadowed(mini_glossary: Glossary) -> None:
    entry = IgnoreEntry("LLMs", "stale", None)
    assert Matcher(mini_glossary, [entry]).shadowed() == [(entry, ("llm",))]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[ignore]]\ntext = "Examples"\n', "ignore.toml:1: 'reason' must be a non-empty text"),
        (
            '[[ignore]]\ntext = "A"\nreason = "r"\n\n'
            '[[ignore]]\ntext = "B"\nreason = "r"\nwhy = 1\n',
            "ignore.toml:5: unknown key 'why' (expected text, lang, reason)",
        ),
        ('[[ignore]]\ntext = "A"\nreason = "r"\nlang = "de"\n', "lang must be one of en, ru, zh"),
        ("[[ignore]\n", "ignore.toml: Expected"),
        ('skip = ["A"]\n', "unknown key 'skip'; expected [[ignore]] entries"),
    ],
)
def test_a_bad_ignore_list_is_a_clear_error(mini_dir: Path, toml: str, message: str) -> None:
    (mini_dir / "ignore.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(IgnoreListError) as error:
        load_ignore_list(mini_dir)
    assert message in str(error.value)


def test_the_shipped_ignore_list_loads_and_gives_every_entry_a_reason() -> None:
    entries = load_ignore_list(SHIPPED)
    assert entries and all(len(entry.reason) > 15 for entry in entries)


# --- the command ------------------------------------------------------------------------------


def test_extract_reports_per_source_and_exits_1_while_candidates_are_unmatched(
    mini_dir: Path,
) -> None:
    result = run_cli("extract", str(NOTES / "obsidian-note.md"), "--glossary", str(mini_dir))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("obsidian-note.md: 6 unmatched, 11 matched, 0 ignored")
    assert (
        "       3  en  Large language model (AI) (as “Large language model”) → llm  [alias]"
        in lines
    )
    assert "       9  en  AI concepts  [wiki-link]" in lines
    assert lines[-1] == "17 candidate(s) in 1 source(s): 6 unmatched, 11 matched, 0 ignored"


def test_extract_exits_0_when_every_candidate_is_matched_or_ignored(mini_dir: Path) -> None:
    leftovers = ["AI concepts", "Kinds", "Transformer", "Chat Models", "foundation language model"]
    (mini_dir / "ignore.toml").write_text(
        "".join(f'[[ignore]]\ntext = "{t}"\nreason = "not a term"\n\n' for t in [*leftovers, "LM"]),
        encoding="utf-8",
    )
    result = run_cli("extract", str(NOTES / "obsidian-note.md"), "--glossary", str(mini_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 unmatched, 11 matched, 6 ignored" in result.stdout.splitlines()[-1]
    assert "    20  en  foundation language model  [also-called]: not a term" in result.stdout


def test_extract_json_gives_every_candidate_with_its_verdict(mini_dir: Path) -> None:
    result = run_cli("extract", str(NOTES), "--glossary", str(mini_dir), "--format", "json")
    data = json.loads(result.stdout)
    assert [s["file"] for s in data["sources"]] == [
        "2023-09-21-jekyll-post.markdown",
        "obsidian-note.md",
        "overview.txt",
    ]
    first = data["sources"][1]["candidates"][0]
    assert first == {
        "line": 3,
        "text": "Large language model (AI)",
        "lang": "en",
        "rule": "alias",
        "status": "matched",
        "matched_as": "Large language model",
        "concepts": ["llm"],
        "reason": None,
        "variants": ["Large language model"],
    }
    assert data["summary"]["matched"] + data["summary"]["unmatched"] == sum(
        len(s["candidates"]) for s in data["sources"]
    )


@pytest.mark.parametrize("missing", ["no-such-notes", "no-such-note.md"])
def test_a_missing_path_is_a_clear_error(mini_dir: Path, missing: str) -> None:
    result = run_cli("extract", str(NOTES), missing, "--glossary", str(mini_dir))
    assert result.returncode == 2
    assert result.stderr == f"error: {missing}: no such file or folder\n"
    assert result.stdout == ""


def test_a_file_that_is_not_text_is_an_error_when_named_and_skipped_in_a_folder(
    mini_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    (notes / "note.md").write_text("# GPT-3\n", encoding="utf-8")
    in_folder = run_cli("extract", str(notes), "--glossary", str(mini_dir))
    assert in_folder.returncode == 0, in_folder.stderr
    assert "picture.png: skipped (not UTF-8 text)" in in_folder.stdout
    named = run_cli("extract", str(notes / "picture.png"), "--glossary", str(mini_dir))
    assert named.returncode == 2
    assert "picture.png:1:1: not valid UTF-8 (byte 0x89)" in named.stderr
    assert "Traceback" not in named.stderr


def test_front_matter_that_is_not_yaml_is_a_warning_and_the_body_is_still_read(
    mini_dir: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text("---\ntitle: GPT-3\naliases: [LLM\n---\n# GPT-3\n", encoding="utf-8")
    result = run_cli("extract", str(note), "--glossary", str(mini_dir))
    assert result.returncode == 0, result.stderr
    assert "note.md:4: front matter is not YAML; its aliases and title are not read" in (
        result.stderr
    )
    assert "       5  en  GPT-3 → gpt-3  [heading]" in result.stdout.splitlines()


# --- --write ----------------------------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.yaml")}


def test_write_appends_the_unmatched_once_and_leaves_concepts_alone(mini_dir: Path) -> None:
    concepts = _digests(mini_dir / "concepts")
    first = run_cli("extract", str(NOTES), "--glossary", str(mini_dir), "--write")
    assert first.returncode == 1
    review = mini_dir / "review.yaml"
    written = review.read_text(encoding="utf-8")
    entries = yaml.safe_load(written)
    assert {"text": "Chat Models", "lang": "en", "sources": ["obsidian-note.md:18"]} in entries
    assert {
        "text": "Open Source",
        "lang": "en",
        "sources": ["overview.txt:31"],
        "variants": ["Open Source Models"],
    } in entries
    assert all(entry["text"] != "GPT-3" for entry in entries)  # matched, not for review
    second = run_cli("extract", str(NOTES), "--glossary", str(mini_dir), "--write")
    assert second.returncode == 1
    assert "0 new entries" in second.stderr
    assert review.read_text(encoding="utf-8") == written
    assert _digests(mini_dir / "concepts") == concepts


def test_write_adds_only_occurrences_not_yet_in_the_review_file(
    mini_dir: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text("# Chat Models\n", encoding="utf-8")
    run_cli("extract", str(note), "--glossary", str(mini_dir), "--write")
    (mini_dir / "review.yaml").write_text(
        (mini_dir / "review.yaml").read_text(encoding="utf-8") + "# curated by hand\n",
        encoding="utf-8",
    )
    note.write_text("# Chat Models\n\n## Chat Models\n", encoding="utf-8")
    result = run_cli("extract", str(note), "--glossary", str(mini_dir), "--write")
    assert "1 new entry" in result.stderr
    text = (mini_dir / "review.yaml").read_text(encoding="utf-8")
    assert text.count("text: Chat Models") == 2 and "# curated by hand\n" in text
    assert text.endswith("- text: Chat Models\n  lang: en\n  sources: ['note.md:3']\n")


def test_write_refuses_a_review_file_that_is_not_a_list(mini_dir: Path) -> None:
    (mini_dir / "review.yaml").write_text("text: [unclosed\n", encoding="utf-8")
    result = run_cli("extract", str(NOTES), "--glossary", str(mini_dir), "--write")
    assert result.returncode == 2
    assert "review.yaml:2: not valid YAML" in result.stderr
    assert (mini_dir / "review.yaml").read_text(encoding="utf-8") == "text: [unclosed\n"


# --- the real sources -------------------------------------------------------------------------

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"the source notes are not here ({SOURCES})"
)


@pytest.fixture(scope="module")
def real() -> dict[tuple[str, int, str], tuple[Coverage, tuple[str, ...]]]:
    glossary = load_glossary(SHIPPED)
    extraction = extract([SOURCES], Matcher(glossary, load_ignore_list(SHIPPED)))
    return {
        (source.file, v.candidate.line, v.candidate.text): (v.status, v.concepts)
        for source in extraction.sources
        for v in source.verdicts
    }


OBSIDIAN = "000_5adb227b09ddfbae.txt"
CARDS = "001_f1898eed40117119.txt"
GENAI = "002_e29993681410a35a.txt"
JEKYLL = "003_b56a1ffeb442e0f7.txt"


@needs_sources
@pytest.mark.parametrize(
    ("where", "concept"),
    [
        ((OBSIDIAN, 3, "Model (AI)"), "ai-model"),
        ((OBSIDIAN, 4, "AI model"), "ai-model"),
        ((OBSIDIAN, 5, "ИИ Модель"), "ai-model"),
        ((OBSIDIAN, 6, "Нейросеть (ИИ)"), "neural-network"),
        ((OBSIDIAN, 28, "LLM"), "large-language-model"),
        ((OBSIDIAN, 34, "LFM"), "foundation-model"),
        ((OBSIDIAN, 35, "Фундаментальные модель"), "foundation-model"),
        ((OBSIDIAN, 40, "base model"), "foundation-model"),
        ((OBSIDIAN, 44, "txt2img"), "text-to-image-model"),
        ((OBSIDIAN, 55, "Faster R-CNN"), "faster-r-cnn"),
        ((CARDS, 7, "LLMs"), "large-language-model"),
        ((CARDS, 25, "DALL路E 2"), "dall-e-2"),
        ((CARDS, 68, "Large Language Models"), "large-language-model"),
        ((GENAI, 7, "GANS"), "generative-adversarial-network"),
        ((GENAI, 25, "Retentive Network"), "retentive-network"),
        ((JEKYLL, 4, "生成式AI"), "generative-ai"),
        ((JEKYLL, 32, "Open Source"), "open-source-model"),
    ],
)
def test_real_sources_match_their_terms_at_their_lines(
    real: dict[tuple[str, int, str], tuple[Coverage, tuple[str, ...]]],
    where: tuple[str, int, str],
    concept: str,
) -> None:
    assert real[where] == (Coverage.MATCHED, (concept,))


@needs_sources
def test_real_sources_ignore_labels_and_give_no_sentences(
    real: dict[tuple[str, int, str], tuple[Coverage, tuple[str, ...]]],
) -> None:
    assert real[CARDS, 11, "Applications"][0] is Coverage.IGNORED
    assert real[OBSIDIAN, 10, "AI-concept"][0] is Coverage.IGNORED
    assert all(len(text.split()) <= 5 for _, _, text in real)
    assert not [key for key in real if "http" in key[2] or key[2].startswith("[")]
