"""`build.py qa`: bilingual files in every format read through translate-toolkit, checked against
the glossary of tests/fixtures/bilingual/glossary; each file there says in its first comment what
it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, run_build_py
from termbase.cli import main
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.occurrences import TermIndex
from termbase.qa import Checker
from termbase.qa.bilingual import Segment

BILINGUAL = FIXTURES / "bilingual"
GLOSSARY = BILINGUAL / "glossary"

# What `qa` prints for each file: its exit status and its lines (stdout, then the error lines of
# stderr), the file's path left out (every line starts with it).
EXPECTED = {
    "en-ru.xlf": (
        1,
        [
            ":15: unit u3: deprecated: 'Foundation models' → «Фундаментальные модель» is "
            "deprecated; expected «фундаментальная модель» or «базовая модель»",
            ":15: unit u3: deprecated: 'supervised learning' → «контролируемого обучения» is "
            "deprecated; expected «обучение с учителем»",
            ":19: unit u4: missing: 'transformer' → expected «трансформер»",
            # «большая языковая модель» is a kind of language model: it names another concept.
            ":35: unit u8: wrong-term: 'language model' → «большая языковая модель» is "
            "'large language model' (large-language-model); expected «языковая модель»",
        ],
    ),
    "en-zh.xlf": (
        1,
        [
            # 无监督学习 is the longer term: no 监督学习 in it.
            ":11: unit u1::s2: missing: 'Supervised learning' → "
            "expected «监督学习» or «有监督学习»",
            ":17: unit u2: deprecated: 'transformer' → «变压器» is deprecated; "
            "expected «Transformer»",
        ],
    ),
    "en-zh-sg.tmx": (1, [":11: unit 2: missing: 'Fine-tuning' → expected «微调»"]),
    "ru.po": (
        1,
        [":13: unit menu: missing: 'Unsupervised learning' → expected «обучение без учителя»"],
    ),
    "en-ru.tsv": (1, [":5: unit 4: missing: 'LLM' → expected «большая языковая модель» or «БЯМ»"]),
    "zh-en.csv": (1, [":3: unit 2: missing: '无监督学习' → expected «unsupervised learning»"]),
    "en-ru-zh.tmx": (
        2,
        [": error: several target languages (ru-RU, zh-Hans-CN); choose one with --target"],
    ),
    "no-languages.csv": (2, [": error: the file names no source language; give --source"]),
    "malformed.xlf": (
        2,
        [
            ":7: error: not well-formed XML: Opening and ending tag mismatch: target line 7 "
            "and taget"
        ],
    ),
    "malformed.po": (2, [""":5: error: end-of-line within string: 'msgid "A transformer\\n'"""]),
    "en-de.xlf": (
        2,
        [": error: target language de-DE: not a language of the glossary (en, ru, zh-Hans)"],
    ),
    "en-zh-tw.xlf": (
        2,
        [
            ": error: target language zh-TW: Traditional Chinese, but the glossary's Chinese is "
            "Simplified (zh-Hans): its terms would match almost nothing; convert the file to "
            "Simplified Chinese, then check it (with --target zh-Hans if it still names zh-TW)"
        ],
    ),
}


def qa(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `qa` in the fixtures' folder: its exit status, stdout and stderr."""
    status = main(["qa", "--glossary", "glossary", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BILINGUAL)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


def test_every_fixture_has_its_expectation() -> None:
    files = {p.name for p in BILINGUAL.iterdir() if p.is_file()}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_of_each_file(capsys: pytest.CaptureFixture[str], name: str) -> None:
    status, out, err = qa(capsys, name)
    expected_status, lines = EXPECTED[name]
    printed = out.splitlines() + [line for line in err.splitlines() if ": error: " in line]
    assert printed == [name + line for line in lines]
    assert status == expected_status
    if status == 2:
        assert "Traceback" not in err and len(err.splitlines()) == 1


def test_the_summary_counts_what_was_checked(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = qa(capsys, "en-ru.xlf", "ru.po")
    assert status == 1
    assert err.splitlines()[-1] == (
        "5 finding(s) (2 missing, 2 deprecated, 1 wrong-term); 10 segment(s) checked in 2 file(s); "
        "2 not translated yet"
    )


def test_a_clean_file_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.tsv"
    clean.write_text("en\tru\nA transformer.\tТрансформер.\nNo term here.\tЗдесь терминов нет.\n")
    assert qa(capsys, str(clean)) == (0, "", "0 finding(s); 2 segment(s) checked in 1 file(s)\n")


def test_one_unreadable_file_does_not_stop_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = qa(capsys, "malformed.xlf", "en-zh.xlf", "missing.xlf")
    assert status == 2
    assert len(out.splitlines()) == 2  # en-zh.xlf's findings
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors[1:] == ["missing.xlf: error: no such file"]


def test_unknown_kind_of_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    status, _, err = qa(capsys, str(tmp_path / "notes.docx"))
    assert status == 2
    assert err.startswith(f"{tmp_path / 'notes.docx'}: error: unknown kind of file; qa reads .csv")


def test_languages_from_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = qa(capsys, "no-languages.csv", "--source", "en-US", "--target", "ru_RU")
    assert status == 1
    assert (
        out
        == "no-languages.csv:2: unit 2: missing: 'language model' → expected «языковая модель»\n"
    )
    status, out, _ = qa(capsys, "en-ru-zh.tmx", "--target", "zh-CN")
    assert out.splitlines() == [
        "en-ru-zh.tmx:12: unit t2: missing: 'Unsupervised learning' → expected «无监督学习»",
        # Used twice, rendered once.
        "en-ru-zh.tmx:17: unit 3: missing: 'large language model' (2 uses, 1 rendered) → "
        "expected «大语言模型» or «大型语言模型»",
    ]
    status, out, _ = qa(capsys, "en-ru-zh.tmx", "--target", "ru")
    assert out.splitlines() == [
        "en-ru-zh.tmx:12: unit t2: missing: 'Unsupervised learning' → "
        "expected «обучение без учителя»"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--target", "de"],
            "error: --target de: not a language of the glossary (en, ru, zh-Hans)",
        ),
        (
            ["--source", "zh-TW"],
            "error: --source zh-TW: not a language of the glossary (en, ru, zh-Hans)",
        ),
        (["--target", "en"], "en-ru.xlf: error: source and target are both en; nothing to check"),
    ],
)
def test_an_unsupported_pair_is_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = qa(capsys, "en-ru.xlf", *args)
    assert (status, out, err) == (2, "", message + "\n")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = qa(capsys, "en-zh.xlf", "--format", "json")
    assert status == 1
    assert json.loads(out) == [
        {
            "file": "en-zh.xlf",
            "unit": "u1::s2",
            "line": 11,
            "concept": "supervised-learning",
            "kind": "missing",
            "source_term": "Supervised learning",
            "glossary_term": "supervised learning",
            "expected": ["监督学习", "有监督学习"],
            "target_term": None,
            "deprecated": None,
            "other_concept": None,
            "source_count": 1,
            "target_count": 0,
        },
        {
            "file": "en-zh.xlf",
            "unit": "u2",
            "line": 17,
            "concept": "transformer",
            "kind": "deprecated",
            "source_term": "transformer",
            "glossary_term": "transformer",
            "expected": ["Transformer"],
            "target_term": "变压器",
            "deprecated": "变压器",
            "other_concept": None,
            "source_count": 1,
            "target_count": 0,
        },
    ]


def test_ignore_lists_in_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ignore = tmp_path / "accepted.txt"
    ignore.write_text(
        "# left out on purpose\nu4 transformer\nu8   language-model  # a paraphrase\n"
    )
    status, out, err = qa(capsys, "en-ru.xlf", "--ignore", str(ignore))
    assert status == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["unit u3", "unit u3"]
    assert err.rstrip().endswith("2 accepted by --ignore")


def test_the_json_output_is_an_ignore_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = qa(capsys, "en-zh.xlf", "en-ru.xlf", "--format", "json")
    accepted = tmp_path / "accepted.json"
    accepted.write_text(out)
    assert qa(capsys, "en-zh.xlf", "en-ru.xlf", "--ignore", str(accepted))[0] == 0
    # Entries with a file apply to that file only.
    only_zh = [f for f in json.loads(out) if f["file"] == "en-zh.xlf"]
    accepted.write_text(json.dumps(only_zh))
    status, printed, _ = qa(capsys, "en-zh.xlf", "en-ru.xlf", "--ignore", str(accepted))
    assert status == 1 and printed.count("en-ru.xlf:") == 4 and "en-zh.xlf" not in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("u4 transformr\n", "accepted.txt:1: no concept 'transformr' in the glossary"),
        ("u4\n", "accepted.txt:1: expected a unit and a concept id (`u7 transformer`)"),
    ],
)
def test_a_bad_ignore_list_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    ignore = tmp_path / "accepted.txt"
    ignore.write_text(content)
    status, out, err = qa(capsys, "en-ru.xlf", "--ignore", str(ignore))
    assert (status, out) == (2, "")
    assert err == f"error: {tmp_path}/{message}\n"


# The checker on segments ----------------------------------------------------------------------


def findings(glossary: Glossary, source: str, target: str, pair: tuple[str, str]) -> list[str]:
    checker = Checker(glossary, *pair)
    return [f"{f.kind} {f.concept}" for f in checker.check("x", Segment("u", 1, source, target))]


@pytest.mark.parametrize(
    "target",
    [
        "Большая языковая модель.",
        "О больших языковых моделях.",
        "Больших языковых моделей много.",
        "С большой языковой моделью.",
        "БЯМ.",
    ],
)
def test_inflected_russian_and_admitted_abbreviations_are_accepted(
    glossary: Glossary, target: str
) -> None:
    assert findings(glossary, "Large language models.", target, ("en", "ru")) == []


def test_the_longest_term_wins_in_the_source(glossary: Glossary) -> None:
    # "large language model" is one term: its translation needs no «языковая модель» of its own.
    assert (
        findings(glossary, "A large language model.", "Большая языковая модель.", ("en", "ru"))
        == []
    )
    assert findings(glossary, "LLMs", "大语言模型", ("en", "zh-Hans")) == []


def test_the_longest_term_wins_in_chinese(glossary: Glossary) -> None:
    # 无监督学习 is the other concept's term, not a rendering: the finding names it.
    assert findings(glossary, "supervised learning", "无监督学习", ("en", "zh-Hans")) == [
        "wrong-term supervised-learning"
    ]
    assert findings(glossary, "supervised learning", "监督学习", ("en", "zh-Hans")) == []
    assert findings(glossary, "监督学习", "unsupervised learning", ("zh-Hans", "en")) == [
        "wrong-term supervised-learning"
    ]


def test_terms_are_found_by_their_normal_form(glossary: Glossary) -> None:
    for source in ("FINE-TUNING", "fine tuning", "Finetuning", "fine-tunings"):
        assert findings(glossary, source, "Тонкая настройка", ("en", "ru")) == [], source
        assert findings(glossary, source, "Настройка", ("en", "ru")) == ["missing fine-tuning"]


def test_a_deprecated_form_that_inflects_a_good_term_is_read_as_written(glossary: Glossary) -> None:
    # «фундаментальные модель» is deprecated; «фундаментальные модели» is the good term's plural.
    pair = ("en", "ru")
    assert findings(glossary, "Foundation models", "Фундаментальные модели", pair) == []
    assert findings(glossary, "Foundation models", "Фундаментальные модель", pair) == [
        "deprecated foundation-model"
    ]
    # A deprecated term of its own is found inflected.
    assert findings(glossary, "supervised learning", "О контролируемом обучении", pair) == [
        "deprecated supervised-learning"
    ]


def test_names_in_capitals_are_found_with_their_capitals(glossary: Glossary) -> None:
    assert findings(glossary, "clip it", "обрежьте", ("en", "ru")) == []
    assert findings(glossary, "CLIP", "модель", ("en", "ru")) == ["missing clip"]
    assert findings(glossary, "CLIP", "clip", ("en", "ru")) == ["missing clip"]


def test_the_index_finds_each_term_once(glossary: Glossary) -> None:
    index = TermIndex(glossary, "ru")
    hits = index.find("Больших языковых моделей и языковых моделей")
    assert [(h.concept.id, h.text) for h in hits] == [
        ("large-language-model", "Больших языковых моделей"),
        ("language-model", "языковых моделей"),
    ]


# As a user runs it ----------------------------------------------------------------------------


@pytest.mark.slow
def test_build_py_qa() -> None:
    run = run_build_py("qa", "--glossary", str(GLOSSARY), str(BILINGUAL / "malformed.po"))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.endswith(
        """:5: error: end-of-line within string: 'msgid "A transformer\\n'\n"""
    )
    assert "Traceback" not in run.stderr


def test_the_pre_commit_hook_runs_qa_on_every_kind_of_file_it_reads() -> None:
    import re

    import yaml

    from termbase.qa.bilingual import READERS

    (hook,) = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"] == "termbase qa" and hook["language"] == "python"
    files = re.compile(hook["files"])
    translators = [ext for ext in READERS if ext not in (".csv", ".tsv", ".tab", ".txt")]
    assert all(files.search(f"locale/app{ext}") for ext in translators)
    assert not files.search("notes.txt")
