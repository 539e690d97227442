"""Writing outputs: atomic, no two outputs on one path, never into the user's folders."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from termbase.render.contract import Output
from termbase.write import OutputError, check_out_dir, write_atomically, write_generation


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "glossary.json"
    write_atomically(target, b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["glossary.json"]


def test_two_outputs_on_one_path_are_refused_before_writing(tmp_path: Path) -> None:
    outputs = [Output(PurePosixPath("x/LLM.txt"), b"1"), Output(PurePosixPath("x/llm.txt"), b"2")]
    with pytest.raises(OutputError, match="two outputs"):
        write_generation(tmp_path, outputs)
    assert not (tmp_path / "x").exists()


def test_output_folder_may_not_overlap_the_glossary(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    for out in (glossary, glossary / "out", tmp_path):
        with pytest.raises(OutputError):
            check_out_dir(out, [glossary])
    check_out_dir(tmp_path / "output", [glossary])
