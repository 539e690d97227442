"""The command line: `build.py` / `termbase` with its subcommands, run in this process as a user
would run it (`run_cli`), and once as a process of its own (`run_build_py`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, run_build_py, run_cli


def test_check_passes_on_the_shipped_glossary() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error:" not in result.stdout


@pytest.mark.parametrize("case", ["unknown-key", "dangling-reference", "shared-term"])
def test_check_reports_one_clear_line_and_exits_1(case: str, mini_dir: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / case, mini_dir, dirs_exist_ok=True)
    result = run_cli("check", "--glossary", ".", cwd=mini_dir)
    assert result.returncode == 1
    assert result.stdout.splitlines() == (mini_dir / "expected.txt").read_text().splitlines()
    assert "Traceback" not in result.stderr


def test_check_json_gives_findings_to_machines(mini_dir: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / "dangling-reference", mini_dir, dirs_exist_ok=True)
    result = run_cli("check", "--glossary", ".", "--format", "json", cwd=mini_dir)
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


@pytest.mark.slow
def test_build_py_writes_the_json_export_as_a_process(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build_py("build", "--only", "json", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "glossary.json").read_text())
    assert [c["id"] for c in data["concepts"]] == ["generative-model", "gpt-3", "llm"]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_build_refuses_a_broken_glossary_and_writes_nothing(mini_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / "unclosed-bracket", mini_dir, dirs_exist_ok=True)
    out = tmp_path / "out"
    result = run_cli("build", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 1
    assert "llm.yaml:28:10: error: invalid YAML: the list opened with" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_build_refuses_to_write_into_the_glossary(mini_dir: Path) -> None:
    result = run_cli("build", "--only", "json", "--glossary", str(mini_dir), "--out", str(mini_dir))
    assert result.returncode == 1
    assert "overlaps" in result.stderr and "nothing was written" in result.stderr
    assert not (mini_dir / "glossary.json").exists()


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli("build", "--only", "pdff")
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


MISSING_CHINESE = """\
kind: concept
domain: generative-models
terms:
  en:
    - text: diffusion model
      status: preferred
  ru:
    - text: диффузионная модель
      status: preferred
definition:
  en: A model that learns to reverse a gradual noising of the data.
  ru: Модель, которая учится обращать постепенное зашумление данных.
"""


def test_build_refuses_a_glossary_that_check_finds_errors_in(
    mini_dir: Path, tmp_path: Path
) -> None:
    (mini_dir / "concepts" / "diffusion-model.yaml").write_text(MISSING_CHINESE)
    out = tmp_path / "out"
    result = run_cli("build", "--only", "json", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 1
    assert "diffusion-model.yaml:4:3: error: no term in 'zh-Hans'" in result.stderr
    assert "nothing was built (--force builds anyway)" in result.stderr
    assert not out.exists()
    forced = run_cli(
        "build", "--only", "json", "--force", "--glossary", str(mini_dir), "--out", str(out)
    )
    assert forced.returncode == 0, forced.stderr
    assert "check: 2 error(s), 0 warning(s)" in forced.stderr
    assert (out / "glossary.json").exists()


def test_build_reports_warnings_in_one_line(mini_dir: Path, tmp_path: Path) -> None:
    llm = mini_dir / "concepts" / "llm.yaml"
    llm.write_text(llm.read_text().replace("ru: Языковая", "ru: Языковая  "))
    out = tmp_path / "out"
    result = run_cli("build", "--only", "json", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # Among the stages of the build, one line says what check found.
    said = [line for line in result.stderr.splitlines() if line.startswith("check:")]
    assert said == ["check: 0 error(s), 1 warning(s), 0 note(s); `check` lists them"]


def test_version_and_a_line_of_help_per_command() -> None:
    assert run_cli("--version").stdout.strip().startswith("build.py 0.")
    usage = run_cli("--help").stdout
    for command in ("check", "build", "extract", "new"):
        assert re.search(rf"^    {command} +\w", usage, re.MULTILINE), (command, usage)


def test_new_writes_a_skeleton_that_check_points_into(mini_dir: Path) -> None:
    made = run_cli("new", "diffusion-model", "--glossary", str(mini_dir))
    assert made.returncode == 0, made.stderr
    path = mini_dir / "concepts" / "diffusion-model.yaml"
    assert made.stdout == f"{path}: fill in the terms and definitions, then run check\n"
    checked = run_cli("check", "--glossary", str(mini_dir))
    empty = [line for line in checked.stdout.splitlines() if "diffusion-model.yaml" in line]
    assert len(empty) == 6 and all("must not be empty" in line for line in empty)
    again = run_cli("new", "diffusion-model", "--glossary", str(mini_dir))
    assert again.returncode == 1 and "exists already; it is not overwritten" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Not_An_Id"], "error: 'Not_An_Id' is not a kebab-case id (a-z, 0-9, -)"),
        (
            ["x", "--domain", "generativ"],
            "error: no domain 'generativ' in glossary.toml (did you mean 'generative-models'?); "
            "choose from generative-models, named-models",
        ),
    ],
)
def test_new_refuses_a_bad_id_or_domain(args: list[str], message: str, mini_dir: Path) -> None:
    result = run_cli("new", *args, "--glossary", str(mini_dir))
    assert (result.returncode, result.stderr) == (1, message + "\n")
    assert sorted(p.name for p in (mini_dir / "concepts").iterdir()) == [
        "generative-model.yaml",
        "gpt-3.yaml",
        "llm.yaml",
    ]


def test_a_build_prints_a_line_per_finished_job_and_where_the_files_are(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--only", "json,csv", "--glossary", str(mini_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # Not a terminal: a line per stage as it ends, then one plain line per finished job, with
    # its time.
    stages, lines = result.stderr.splitlines()[:4], result.stderr.splitlines()[4:]
    assert [re.sub(r"\d+\.\d s", "… s", line) for line in stages] == [
        "stale: json, csv",
        "loaded 3 concepts in … s",
        "check: 0 error(s), 0 warning(s), 0 note(s)",
        "planned 2 job(s), 0 kept",
    ]
    assert [line[:6] for line in lines] == ["[1/2] ", "[2/2] "], result.stderr
    assert {re.sub(r"^\[\d/2\] (\w+) \d+\.\d s$", r"\1", line) for line in lines} == {"json", "csv"}
    assert result.stdout.splitlines() == [
        f"json: 1 file(s) written in {out / 'glossary.json'}",
        f"csv: 1 file(s) written in {out / 'csv'}",
    ]
    quiet = run_cli(
        "build", "-q", "--force", "--only", "json", "--glossary", str(mini_dir), "--out", str(out)
    )
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
