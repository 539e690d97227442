"""The build date comes from the glossary, never from the clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from termbase.builddate import build_date, file_dates


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(tmp_path) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_outside_git_the_newest_file_dates_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "a.yaml").write_text("x")
    os.utime(tmp_path / "concepts" / "a.yaml", (1600000000, 1600000000))
    os.utime(tmp_path / "concepts", (1500000000, 1500000000))
    (tmp_path / "review.yaml").write_text("- text: x\n")  # extract's, not the outputs' content
    assert build_date(tmp_path) == datetime.fromtimestamp(1600000000, UTC)


def test_each_file_is_dated_by_its_last_commit_unless_edited_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = tmp_path / "glossary"
    (folder / "concepts").mkdir(parents=True)

    def commit(when: int, *names: str) -> None:
        for name in names:
            (folder / name).write_text(f"{name} {when}")
        env = {**os.environ, "GIT_AUTHOR_DATE": f"@{when}", "GIT_COMMITTER_DATE": f"@{when}"}
        for args in (["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm."]):
            subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(1600000000, "concepts/a.yaml", "concepts/b.yaml")
    commit(1650000000, "concepts/b.yaml")
    assert file_dates(folder) == {
        "concepts/a.yaml": datetime.fromtimestamp(1600000000, UTC),
        "concepts/b.yaml": datetime.fromtimestamp(1650000000, UTC),
    }
    (folder / "review.yaml").write_text("- text: x\n")  # uncommitted: moves no date
    assert build_date(folder) == datetime.fromtimestamp(1650000000, UTC)
    (folder / "concepts" / "a.yaml").write_text("edited")
    os.utime(folder / "concepts" / "a.yaml", (1660000000, 1660000000))
    assert file_dates(folder)["concepts/a.yaml"] == datetime.fromtimestamp(1660000000, UTC)
    assert file_dates(folder)["concepts/b.yaml"] == datetime.fromtimestamp(1650000000, UTC)


def test_no_file_date_is_later_than_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "a.yaml").write_text("x")
    (tmp_path / "glossary.toml").write_text("x")
    os.utime(tmp_path / "concepts" / "a.yaml", (1600000000, 1600000000))
    os.utime(tmp_path / "glossary.toml", (1800000000, 1800000000))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert file_dates(tmp_path) == {
        "concepts/a.yaml": datetime.fromtimestamp(1600000000, UTC),
        "glossary.toml": datetime.fromtimestamp(1700000000, UTC),
    }
