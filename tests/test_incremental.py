"""Incremental builds: a no-op rebuild renders nothing; an edit gives what a clean build gives."""

from __future__ import annotations

from pathlib import Path

from termbase.build import build
from termbase.load import load_glossary

FORMATS = ["json", "csv", "tsv", "tbx"]


def build_into(glossary_dir: Path, out: Path, **options: bool) -> dict[str, int | None]:
    return build(load_glossary(glossary_dir), glossary_dir, out, FORMATS, **options)


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
    assert all(build_into(mini_dir, out).values())
    before = written_times(out)
    assert build_into(mini_dir, out) == dict.fromkeys(FORMATS)
    assert written_times(out) == before


def test_force_renders_everything_again(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    assert all(count for count in build_into(mini_dir, out, force=True).values())


def test_an_edited_concept_gives_the_same_files_as_a_clean_build(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    concept = mini_dir / "concepts" / "llm.yaml"
    concept.write_text(concept.read_text().replace("huge amounts", "vast amounts"))
    assert all(build_into(mini_dir, out).values())
    clean = tmp_path / "clean"
    build_into(mini_dir, clean)
    assert snapshot(out) == snapshot(clean)
    assert b"vast amounts" in snapshot(out)["glossary.json"]


def test_a_deleted_or_edited_output_is_rebuilt(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(mini_dir, out)
    (out / "glossary.json").unlink()
    (out / "csv" / "ai-glossary.csv").write_text("edited by hand")
    counts = build_into(mini_dir, out)
    assert counts["json"] and counts["csv"] and counts["tsv"] is None
    clean = tmp_path / "clean"
    build_into(mini_dir, clean)
    assert snapshot(out) == snapshot(clean)
