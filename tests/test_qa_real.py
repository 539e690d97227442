"""`qa` on real human translations: the Hugging Face course pages in ../shared/qa-real/ (read at
test time, never copied), against our judgment of every use of a glossary term there
(tests/qa_real/judgments.tsv, misses.tsv). A finding nobody judged, a judged finding that is
gone or changed kind, or precision or recall under 90 % fails, with the unit and the concept."""

from __future__ import annotations

import csv

import pytest

from helpers import ROOT
from termbase.load import load_glossary
from termbase.qa import Checker
from termbase.qa.bilingual import read

REAL = ROOT.parent / "shared" / "qa-real"
JUDGMENTS = ROOT / "tests" / "qa_real"
FILES = {
    "en-ru": ("hf-course.en-ru.xlf", "hf-course.en-ru.tmx"),
    "en-zh": ("hf-course.en-zh-CN.xlf", "hf-course.en-zh-CN.po"),
}
# What qa finds today, per pair: findings, real problems among them, false alarms, misses.
COUNTS = {"en-ru": (30, 27, 3, 1), "en-zh": (21, 19, 2, 1)}

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason="../shared/qa-real (the translations to check) is not here"
)

Key = tuple[str, str, str]  # pair, unit, concept


def _table(name: str) -> list[dict[str, str]]:
    lines = (JUDGMENTS / name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


@pytest.fixture(scope="module")
def judged() -> dict[Key, dict[str, str]]:
    return {(r["pair"], r["unit"], r["concept"]): r for r in _table("judgments.tsv")}


@pytest.fixture(scope="module")
def missed() -> set[Key]:
    return {(r["pair"], r["unit"], r["concept"]) for r in _table("misses.tsv")}


@pytest.fixture(scope="module")
def found() -> dict[str, dict[Key, str]]:
    """The kind of each finding, per file."""
    glossary = load_glossary(ROOT / "glossary")
    results = {}
    for pair, names in FILES.items():
        for name in names:
            bilingual = read(REAL / name, glossary.languages)
            target = "ru" if pair == "en-ru" else "zh-Hans"
            checker = Checker(glossary, "en", target)
            results[name] = {
                (pair, f.unit, f.concept): str(f.kind)
                for s in bilingual.segments
                if s.target.strip()
                for f in checker.check(name, s)
            }
    return results


@pytest.mark.parametrize("pair", sorted(FILES))
def test_every_finding_is_judged_and_every_judged_finding_is_found(
    pair: str, found: dict[str, dict[Key, str]], judged: dict[Key, dict[str, str]]
) -> None:
    for name in FILES[pair]:
        kinds = found[name]
        unjudged = [f"{k[1]} {k[2]} ({kind})" for k, kind in kinds.items() if k not in judged]
        assert not unjudged, f"{name}: findings nobody judged (judge them): {unjudged}"
        changed = [
            f"{k[1]} {k[2]}: {row['kind']} → {kinds.get(k, 'none')}"
            for k, row in judged.items()
            if k[0] == pair and row["kind"] != kinds.get(k, "none")
        ]
        assert not changed, f"{name}: findings that appeared, vanished or changed kind: {changed}"


@pytest.mark.parametrize("pair", sorted(FILES))
def test_precision_and_recall_on_real_translations(
    pair: str,
    found: dict[str, dict[Key, str]],
    judged: dict[Key, dict[str, str]],
    missed: set[Key],
) -> None:
    findings = found[FILES[pair][0]]
    real = sum(judged[k]["verdict"] == "real" for k in findings)
    false_alarms = sum(judged[k]["verdict"] == "false alarm" for k in findings)
    misses = {k for k in missed if k[0] == pair}
    assert not misses & set(findings), "a miss is found now: move it to judgments.tsv"
    assert (len(findings), real, false_alarms, len(misses)) == COUNTS[pair]
    assert real / len(findings) >= 0.9, "precision under 90 %"
    assert real / (real + len(misses)) >= 0.9, "recall under 90 %"
