"""The build date comes from the glossary, never from the clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from termbase.builddate import build_date


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(tmp_path) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_outside_git_the_newest_file_dates_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "a.yaml").write_text("x")
    os.utime(tmp_path / "a.yaml", (1600000000, 1600000000))
    os.utime(tmp_path, (1500000000, 1500000000))
    assert build_date(tmp_path) == datetime.fromtimestamp(1600000000, UTC)
