"""`termbase init`: a new glossary that checks and builds at once, in its own languages."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli
from termbase.checks import check
from termbase.load import load_glossary


def test_a_new_glossary_checks_clean_and_builds(tmp_path: Path) -> None:
    started = run_cli("init", str(tmp_path / "kitchen"), "--languages", "en,de,ja,ar")
    assert started.returncode == 0, started.stderr
    assert "termbase check" in started.stdout and "cd " in started.stdout
    glossary = load_glossary(tmp_path / "kitchen" / "glossary")
    assert glossary.languages == ("en", "de", "ja", "ar")
    assert dict(glossary.title) == {
        "en": "Glossary",
        "de": "Glossar",
        "ja": "用語集",
        "ar": "المسرد",
    }
    assert glossary.description["de"] == "Ein Glossar in Englisch, Deutsch, Japanisch und Arabisch."
    assert [c.id for c in glossary.concepts] == ["glossary"]
    assert list(check(glossary)) == []  # nothing to warn about: every text is in its language
    assert (tmp_path / "kitchen" / ".gitignore").read_text().splitlines()[-1] == "output/"
    folder = tmp_path / "kitchen"
    built = run_cli(
        "build", "--only", "json", "--glossary", "glossary", "--out", "output", cwd=folder
    )
    assert built.returncode == 0, built.stderr
    exported = json.loads((tmp_path / "kitchen" / "output" / "glossary.json").read_text())
    assert exported["slug"] == "glossary"


def test_the_title_names_the_files_and_a_language_without_a_catalog_starts_in_english(
    tmp_path: Path,
) -> None:
    run_cli("init", str(tmp_path), "--languages", "en,fi", "--title", "Keittiösanat")
    glossary = load_glossary(tmp_path / "glossary")
    assert glossary.slug == "keittiosanat"
    assert glossary.title["fi"] == "Keittiösanat"
    assert glossary.description["fi"] == "A glossary in English and Finnish."


def test_nothing_existing_is_overwritten(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.pyc\n")
    run_cli("init", str(tmp_path), "--languages", "en,de")
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n"
    header = (tmp_path / "glossary" / "glossary.toml").read_text()
    again = run_cli("init", str(tmp_path), "--languages", "en,ja")
    assert again.returncode == 1
    assert again.stderr.strip().endswith("glossary.toml exists already: this folder has a glossary")
    assert (tmp_path / "glossary" / "glossary.toml").read_text() == header


def test_unknown_and_repeated_languages_are_refused(tmp_path: Path) -> None:
    unknown = run_cli("init", str(tmp_path), "--languages", "en,xx-yy-zz")
    assert (unknown.returncode, unknown.stderr.strip()) == (
        1,
        "error: unknown language tag 'xx-yy-zz' (BCP 47: en, de, zh-Hant)",
    )
    twice = run_cli("init", str(tmp_path), "--languages", "en,de,en")
    assert twice.stderr.strip() == "error: a language is named twice"
    assert not (tmp_path / "glossary").exists()
