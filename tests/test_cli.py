"""The command line, run as a user runs it: `python build.py ...` in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_build_py


def test_check_passes_on_the_shipped_glossary() -> None:
    result = run_build_py("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error:" not in result.stdout


@pytest.mark.parametrize("case", ["unknown-key", "dangling-reference", "shared-term"])
def test_check_reports_one_clear_line_and_exits_1(case: str, mini_dir: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / case, mini_dir, dirs_exist_ok=True)
    result = run_build_py("check", "--glossary", ".", cwd=mini_dir)
    assert result.returncode == 1
    assert result.stdout.splitlines() == (mini_dir / "expected.txt").read_text().splitlines()
    assert "Traceback" not in result.stderr


def test_check_json_gives_findings_to_machines(mini_dir: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / "dangling-reference", mini_dir, dirs_exist_ok=True)
    result = run_build_py("check", "--glossary", ".", "--format", "json", cwd=mini_dir)
    assert result.returncode == 1
    [finding] = json.loads(result.stdout)
    assert finding == {
        "path": "concepts/llm.yaml",
        "line": 28,
        "column": 11,
        "severity": "error",
        "code": "dangling-reference",
        "concept": "llm",
        "lang": None,
        "message": "broader: no concept 'generative-modle' (no concepts/generative-modle.yaml) "
        "(did you mean 'generative-model'?)",
    }


def test_build_writes_the_json_export(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build_py("build", "--only", "json", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "glossary.json").read_text())
    assert [c["id"] for c in data["concepts"]] == ["generative-model", "gpt-3", "llm"]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_build_refuses_a_broken_glossary_and_writes_nothing(mini_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / "yaml-syntax", mini_dir, dirs_exist_ok=True)
    out = tmp_path / "out"
    result = run_build_py("build", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 1
    assert "llm.yaml:29:9: error: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_build_refuses_to_write_into_the_glossary(mini_dir: Path) -> None:
    result = run_build_py(
        "build", "--only", "json", "--glossary", str(mini_dir), "--out", str(mini_dir)
    )
    assert result.returncode == 1
    assert "overlaps" in result.stderr and "nothing was written" in result.stderr
    assert not (mini_dir / "glossary.json").exists()


def test_unknown_format_is_a_usage_error() -> None:
    result = run_build_py("build", "--only", "pdff")
    assert result.returncode == 2
    assert "unknown format 'pdff'" in result.stderr


def test_help_and_check_import_no_renderer_libraries() -> None:
    probe = (
        "import sys; from termbase.cli import main\n"
        "try: main(['--help'])\nexcept SystemExit: pass\n"
        "main(['check'])\n"
        "heavy = [m for m in ('weasyprint', 'genanki', 'anki', 'playwright') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr
