"""Incremental builds: a no-op rebuild renders nothing; an edit renders only the outputs that show
what changed, and gives what a clean build gives, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build_formats
from termbase.build import FormatReport
from termbase.render import pdf
from termbase.render.pdf import content as pdf_content

FORMATS = ["json", "csv", "tsv", "tbx"]


def build_into(
    glossary_dir: Path, out: Path, formats: list[str] = FORMATS, **options: bool
) -> dict[str, FormatReport]:
    return build_formats(glossary_dir, out, formats, **options)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def rendered(reports: dict[str, FormatReport]) -> dict[str, int]:
    return {name: report.rendered for name, report in reports.items()}


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def written_times(out: Path) -> dict[str, int]:
    """When each output file was last written (the lock and the manifest are the build's own)."""
    return {p.name: p.stat().st_mtime_ns for p in out.rglob("*") if not p.name.startswith(".")}


def test_a_second_build_with_nothing_changed_renders_nothing(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert all(rendered(build_into(mini_dir, out)).values())
    before = written_times(out)
    assert rendered(build_into(mini_dir, out)) == dict.fromkeys(FORMATS, 0)
    assert written_times(out) == before


def test_force_renders_everything_again(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    assert all(rendered(build_into(mini_dir, out, force=True)).values())


def test_an_edited_concept_gives_the_same_files_as_a_clean_build(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    concept = mini_dir / "concepts" / "llm.yaml"
    concept.write_text(concept.read_text().replace("huge amounts", "vast amounts"))
    assert all(rendered(build_into(mini_dir, out)).values())
    clean = tmp_path / "clean"
    build_into(mini_dir, clean)
    assert snapshot(out) == snapshot(clean)
    assert b"vast amounts" in snapshot(out)["glossary.json"]


def test_a_deleted_or_edited_output_is_rebuilt(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    (out / "glossary.json").unlink()
    (out / "csv" / "mini-glossary.csv").write_text("edited by hand")
    counts = rendered(build_into(mini_dir, out))
    assert counts["json"] and counts["csv"] and counts["tsv"] == 0
    clean = tmp_path / "clean"
    build_into(mini_dir, clean)
    assert snapshot(out) == snapshot(clean)


def pdf_times(out: Path) -> dict[str, int]:
    return {p.stem.removeprefix("mini-glossary-"): p.stat().st_mtime_ns for p in out.glob("pdf/*")}


def part_times(out: Path) -> dict[str, int]:
    """When each laid-out part of the reference was last written."""
    parts = (p for p in out.glob(".parts/pdf/*/*.pdf") if p.stem != "furniture")
    return {p.stem: p.stat().st_mtime_ns for p in parts}


def counts(report: FormatReport) -> tuple[int, int]:
    return report.rendered, report.kept


@pytest.mark.slow
def test_an_edit_lays_out_again_only_the_pdfs_that_show_it(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parts of two entries: each of the test glossary's two domains is a part of its own.
    monkeypatch.setattr(pdf_content, "PART_SIZE", 2)
    out = tmp_path / "out"
    assert build_into(mini_dir, out, ["pdf"])["pdf"].rendered == 10
    before, parts_before = pdf_times(out), part_times(out)
    assert sorted(parts_before) == [
        "generative-models",
        "index-en",
        "index-ru",
        "index-zh-Hans",
        "named-models",
    ]
    concept = mini_dir / "concepts" / "llm.yaml"
    # A Chinese definition is printed in the trilingual reference only, not on a cheat sheet,
    # and there in the part of its domain only: that part is laid out again, and joined.
    concept.write_text(concept.read_text().replace("超大规模语言模型", "规模极大的语言模型"))
    assert counts(build_into(mini_dir, out, ["pdf"])["pdf"]) == (2, 8)
    after, parts_after = pdf_times(out), part_times(out)
    changed = sorted(name for name in before if after[name] != before[name])
    assert changed == ["en-ru-zh-reference-a4", "en-ru-zh-reference-letter"]
    assert [p for p in parts_before if parts_after[p] != parts_before[p]] == ["generative-models"]

    # A Russian term is on every sheet that has Russian, and on none without it.
    concept.write_text(concept.read_text().replace("БЯМ", "БЯМ-модель"))
    assert counts(build_into(mini_dir, out, ["pdf"])["pdf"]) == (8, 2)
    assert not any(
        pdf_times(out)[f"en-zh-cheatsheet-{paper}"] != after[f"en-zh-cheatsheet-{paper}"]
        for paper in ("a4", "letter")
    )
    clean = tmp_path / "clean"
    build_into(mini_dir, clean, ["pdf"])
    assert snapshot(out) == snapshot(clean)


@pytest.mark.slow
def test_the_running_headers_and_footers_are_drawn_again_only_when_pages_move(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out, ["pdf"])
    drawn: list[str] = []  # what this process draws (the only job of each wave runs here)
    draw = pdf.draw
    monkeypatch.setattr(pdf, "draw", lambda source, what: drawn.append(what) or draw(source, what))
    reference = "pdf/mini-glossary-en-ru-zh-reference"
    concept = mini_dir / "concepts" / "llm.yaml"
    # A word changed: the part is laid out again, every page stays where it was.
    concept.write_text(concept.read_text().replace("超大规模语言模型", "规模极大的语言模型"))
    build_into(mini_dir, out, ["pdf"])
    assert drawn == [f"{reference} (generative-models-to-named-models)"]
    # A definition grown by pages: the footers ("Page 3 of 9") are drawn again.
    drawn.clear()
    long = "规模极大的语言模型" + "，在海量文本上训练" * 400
    concept.write_text(concept.read_text().replace("规模极大的语言模型", long))
    build_into(mini_dir, out, ["pdf"])
    assert drawn == [f"{reference} (generative-models-to-named-models)", reference]
    clean = tmp_path / "clean"
    build_into(mini_dir, clean, ["pdf"])
    assert snapshot(out) == snapshot(clean)


@pytest.mark.slow
def test_only_some_pdfs_and_then_all_of_them(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build_into(mini_dir, out, ["pdf:en-ru", "pdf:a4"])["pdf"]
    assert sorted(pdf_times(out)) == ["en-ru-cheatsheet-a4"]
    assert report.rendered == 1
    assert build_into(mini_dir, out, ["pdf:en-ru"])["pdf"].rendered == 2
    # The whole format afterwards keeps that sheet and makes the others.
    assert counts(build_into(mini_dir, out, ["pdf"])["pdf"]) == (8, 2)
    clean = tmp_path / "clean"
    build_into(mini_dir, clean, ["pdf"])
    assert snapshot(out) == snapshot(clean)


HEAVY = (
    "termbase.load",
    "termbase.checks",
    "termbase.pinyin",
    "pypinyin",
    "jieba",
    "weasyprint",
    "genanki",
    "openpyxl",
    "pymorphy3",
    "yaml",
)
"""What an up-to-date build must not import: the glossary's loader and checks, and the
libraries of the renderers."""


@pytest.mark.slow
def test_a_no_op_build_imports_nothing_heavy(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = (
        "import sys\n"
        "from termbase.cli import main\n"
        f"status = main(['build', '--glossary', {str(mini_dir)!r}, '--out', {str(out)!r}])\n"
        f"print(status, sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    first = run_python(code)
    assert first.stdout.splitlines()[-1] == f"0 {sorted(HEAVY)}", first.stderr
    again = run_python(code)
    assert again.stdout.splitlines()[-1] == "0 []", again.stdout
    assert again.stdout.splitlines()[:2] == [
        f"json: up to date ({out / 'glossary.json'})",
        f"tbx: up to date ({out / 'tbx'})",
    ]
