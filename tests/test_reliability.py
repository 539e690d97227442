"""Hostile files and faults: each gets its one-line message and exit status, never a
traceback, never a hang, and nothing is deleted or half-written.

The cases of a probe of 127 hostile inputs (issue 19). Content that no output can carry lives in
tests/fixtures/reliability/<case>/ (the files over the small glossary, and `expected.txt`, the
exact lines `check` prints); what git cannot hold (named pipes, link loops, folders where files
belong) is made by the `Fault` table below. The commands run in this process
(`termbase.cli.main`), except where a real process is the point (kill -9, signals).
"""

from __future__ import annotations

import errno
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, ROOT, run_cli
from termbase import glyphs, write
from termbase.server import Rebuilder, State, inject

CASES = FIXTURES / "reliability"
CONTENT_CASES = sorted(p for p in CASES.iterdir() if (p / "expected.txt").exists())
YAML_MISTAKES = [
    FIXTURES / "bad" / name
    for name in (
        "unquoted-colon",
        "tab",
        "unclosed-bracket",
        "unclosed-quote",
        "list-for-text",
        "duplicate-key",
    )
]
"""The commonest editing mistakes, each with the line that says where it is and what to do."""
REFUSED = "error: check finds errors in the glossary; nothing was built (--force builds anyway)"
UNREADABLE = "error: the glossary cannot be read; nothing was built"
WRITE_ONLY = Path("/proc/sys/vm/compact_memory")
"""A file even root cannot open for reading (mode 0200 in procfs)."""


@dataclass(frozen=True)
class Result:
    status: int
    out: list[str]
    err: list[str]


PROGRESS = re.compile(r"\[\d+/\d+\] \S+ \d+\.\d s$|(stale|loaded|check|planned)\b")
"""The lines a build prints as it goes: its stages, then its jobs (`[1/2] json 0.0 s`)."""


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the command line in this process, from the working folder; no traceback may appear.
    With `guard`, a hang (a FIFO opened for reading blocks) fails the test after a minute."""

    def run(*args: str, guard: bool = False) -> Result:
        guard = guard and threading.current_thread() is threading.main_thread()
        if guard:
            signal.signal(signal.SIGALRM, _hang)
            signal.alarm(60)
        try:
            done = run_cli(*args, cwd=Path.cwd())
        finally:
            if guard:
                signal.alarm(0)
        assert "Traceback" not in done.stdout + done.stderr
        # The build's progress lines are not what these tests read.
        errors = [line for line in done.stderr.splitlines() if not PROGRESS.match(line)]
        return Result(done.returncode, done.stdout.splitlines(), errors)

    return run


def _hang(signum: int, frame: object) -> None:
    raise AssertionError("the command hung")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding `g`, a copy of the small glossary; `out` is the output folder."""
    shutil.copytree(MINI, tmp_path / "g")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def leftovers(folder: Path) -> list[str]:
    """What a build may leave behind by mistake: its temporaries and its journal."""
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(write.TEMPORARY_PREFIX))


# Content no output can carry ---------------------------------------------------------------


@pytest.mark.parametrize("case", CONTENT_CASES, ids=lambda p: p.name)
def test_check_names_the_place_and_build_refuses(case: Path, here: Path, run) -> None:
    if case.name == "no-glyph" and not glyphs.missing("🦙"):
        pytest.skip("an installed font has U+1F999 LLAMA")
    shutil.copytree(case, here / "g", dirs_exist_ok=True)
    os.chdir(here / "g")
    expected = (here / "g" / "expected.txt").read_text().splitlines()
    checked = run("check", "--glossary", ".")
    assert (checked.status, checked.out) == (1, expected)
    built = run("build", "--only", "json,tbx,csv", "--glossary", ".", "--out", "../out")
    assert built.status == 1
    assert built.err[: len(expected)] == expected
    assert built.err[len(expected) :] == [_summary(len(expected)), built.err[-1]]
    assert built.err[-1] in (REFUSED, UNREADABLE)  # a check error, or a load error
    assert not (here / "out").exists()


@pytest.mark.parametrize("case", YAML_MISTAKES, ids=lambda p: p.name)
def test_a_yaml_mistake_says_what_to_do_in_check_build_and_serve(
    case: Path, here: Path, run
) -> None:
    """The same one line, at the mistake, in `check`, in `build` and on the page `serve`
    shows (its banner over the last good build)."""
    shutil.copytree(case, here / "g", dirs_exist_ok=True)
    (here / "g" / "expected.txt").unlink()
    os.chdir(here / "g")
    (expected,) = (case / "expected.txt").read_text().splitlines()
    checked = run("check", "--glossary", ".")
    assert (checked.status, checked.out) == (1, [expected])
    built = run("build", "--only", "json", "--glossary", ".", "--out", "../out")
    assert (built.status, built.err[0]) == (1, expected)
    state = State()
    assert not Rebuilder(Path("."), here / "out", state, lambda _: None, []).build_first()
    assert state.problem is not None and state.problem.splitlines()[0] == expected
    assert html.escape(expected) in inject(b"<body></body>", state).decode()


# Files that are not what their names say -------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """A fault made in the working folder (`g` the glossary, `out` the output folder), the
    command run there, and what it must say."""

    name: str
    make: Callable[[Path], object]
    args: tuple[str, ...]
    status: int
    lines: tuple[str, ...]
    """The exact lines of the findings (stdout of `check`) or of the errors (stderr)."""


def _unreadable(path: Path) -> None:
    if os.geteuid() != 0:
        path.write_text("kind: concept\n")
        path.chmod(0)
    elif WRITE_ONLY.exists():
        path.symlink_to(WRITE_ONLY)
    else:
        pytest.skip("root reads every file, and procfs has no write-only file here")


def _replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _big(path: Path) -> None:
    """One byte over the limit of a glossary file."""
    text = path.read_text() + "# "
    path.write_text(text + "x" * ((1 << 20) - len(text.encode()) - 1) + "\n\n")


def _domains_not_tables(here: Path) -> None:
    header = here / "g" / "glossary.toml"
    text = header.read_text().split("[[domains]]")[0]
    header.write_text(text.replace("languages = ", 'domains = [1, "x"]\nlanguages = '))


def _escape_in_name(here: Path) -> None:
    source = here / "g" / "concepts" / "gpt-3.yaml"
    source.rename(source.with_name("gpt-3\x1b[2J.yaml"))


CHECK = ("check", "--glossary", "g")
BUILD_JSON = ("build", "--only", "json", "--glossary", "g", "--out", "out")
SUMMARY = "1 error(s), 0 warning(s), 0 note(s)"
NOT_A_GLOSSARY = "not a glossary folder (the folder of glossary.toml and concepts/)"
FAULTS = [
    Fault(
        "folder-named-yaml",
        lambda h: (h / "g/concepts/x.yaml").mkdir(),
        CHECK,
        1,
        ("g/concepts/x.yaml: error: a folder, not a file",),
    ),
    Fault(
        "symlink-loop",
        lambda h: (h / "g/concepts/loop.yaml").symlink_to("loop.yaml"),
        CHECK,
        1,
        ("g/concepts/loop.yaml: error: a loop of symbolic links",),
    ),
    Fault(
        "dangling-symlink",
        lambda h: (h / "g/concepts/gone.yaml").symlink_to("nowhere.yaml"),
        CHECK,
        1,
        ("g/concepts/gone.yaml: error: a symbolic link to 'nowhere.yaml', which does not exist",),
    ),
    Fault(
        "unreadable-file",
        lambda h: _unreadable(h / "g/concepts/secret.yaml"),
        CHECK,
        1,
        ("g/concepts/secret.yaml: error: cannot be read: permission denied",),
    ),
    Fault(
        "fifo-concept",
        lambda h: os.mkfifo(h / "g/concepts/pipe.yaml"),
        CHECK,
        1,
        ("g/concepts/pipe.yaml: error: a named pipe (FIFO), not a file",),
    ),
    Fault(
        "fifo-header",
        lambda h: _replace_with_fifo(h / "g/glossary.toml"),
        CHECK,
        1,
        ("g/glossary.toml: error: a named pipe (FIFO), not a file",),
    ),
    Fault(
        "header-is-folder",
        lambda h: _replace_with_folder(h / "g/glossary.toml"),
        CHECK,
        1,
        ("g/glossary.toml: error: a folder, not a file",),
    ),
    Fault(
        "concepts-is-file",
        lambda h: (shutil.rmtree(h / "g/concepts"), (h / "g/concepts").write_text("")),
        CHECK,
        1,
        ("g/concepts: error: a file, where the folder of the concept files (concepts/) must be",),
    ),
    Fault(
        "glossary-is-file",
        lambda h: None,
        ("check", "--glossary", "g/glossary.toml"),
        1,
        (f"g/glossary.toml: error: a file, {NOT_A_GLOSSARY}",),
    ),
    Fault(
        "glossary-is-device",
        lambda h: None,
        ("check", "--glossary", "/dev/null"),
        1,
        (f"/dev/null: error: a device, {NOT_A_GLOSSARY}",),
    ),
    Fault(
        "no-glossary",
        lambda h: None,
        ("check", "--glossary", "nowhere"),
        1,
        ("nowhere: error: no such glossary folder",),
    ),
    Fault(
        "domains-not-tables",
        _domains_not_tables,
        CHECK,
        1,
        (
            "g/glossary.toml:1:1: error: domains: expected [[domains]] tables, got int 1",
            "g/glossary.toml:1:1: error: domains: expected [[domains]] tables, got str 'x'",
        ),
    ),
    Fault(
        "concept-too-large",
        lambda h: _big(h / "g/concepts/llm.yaml"),
        CHECK,
        1,
        ("g/concepts/llm.yaml: error: 1,048,577 bytes; a file may have at most 1,048,576 bytes",),
    ),
    Fault(
        "escape-in-file-name",
        _escape_in_name,
        CHECK,
        1,
        (
            "g/concepts/gpt-3\\x1b[2J.yaml:1:1: error: the file name 'gpt-3\\x1b[2J' is not a "
            "kebab-case id (a-z, 0-9, -)",
        ),
    ),
    Fault(
        "out-is-file",
        lambda h: (h / "out").write_text("mine\n"),
        BUILD_JSON,
        1,
        ("error: the output folder out is a file; choose another --out; nothing was written",),
    ),
    Fault(
        "lock-is-folder",
        lambda h: (h / "out/.build.lock").mkdir(parents=True),
        BUILD_JSON,
        1,
        ("error: out/.build.lock is a folder, not a file; remove it; nothing was written",),
    ),
    Fault(
        "lock-is-fifo",
        lambda h: ((h / "out").mkdir(), os.mkfifo(h / "out/.build.lock")),
        BUILD_JSON,
        1,
        (
            "error: out/.build.lock is a named pipe (FIFO), not a file; remove it; "
            "nothing was written",
        ),
    ),
    Fault(
        "manifest-is-folder",
        lambda h: (h / "out/.manifest.json").mkdir(parents=True),
        BUILD_JSON,
        1,
        ("error: out/.manifest.json is a folder, not a file; remove it; nothing was written",),
    ),
    Fault(
        "manifest-is-fifo",
        lambda h: ((h / "out").mkdir(), os.mkfifo(h / "out/.manifest.json")),
        BUILD_JSON,
        1,
        (
            "error: out/.manifest.json is a named pipe (FIFO), not a file; remove it; "
            "nothing was written",
        ),
    ),
    Fault(
        "fifo-bilingual-file",
        lambda h: os.mkfifo(h / "pipe.xlf"),
        ("qa", "pipe.xlf", "--glossary", "g"),
        2,
        ("pipe.xlf: error: a named pipe (FIFO), not a file",),
    ),
    Fault(
        "fifo-note",
        lambda h: os.mkfifo(h / "notes.md"),
        ("extract", "notes.md", "--glossary", "g"),
        2,
        ("error: notes.md: a named pipe (FIFO), not a file",),
    ),
    Fault(
        "review-is-folder",
        lambda h: ((h / "g/review.yaml").mkdir(), (h / "notes.md").write_text("**Zorblax**\n")),
        ("extract", "notes.md", "--glossary", "g", "--write"),
        2,
        ("error: g/review.yaml: a folder, not a file",),
    ),
]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_a_fault_gets_one_clear_line_and_its_exit_status(fault: Fault, here: Path, run) -> None:
    fault.make(here)
    before = snapshot(here)
    result = run(*fault.args, guard="fifo" in fault.name)
    assert result.status == fault.status
    if fault.args[0] == "check":
        assert (result.out, result.err) == (list(fault.lines), [_summary(len(fault.lines))])
    else:
        assert (result.out, result.err) == ([], list(fault.lines))
    assert snapshot(here) == before  # nothing written, nothing deleted


def _summary(errors: int) -> str:
    return f"{errors} error(s), 0 warning(s), 0 note(s)"


def test_findings_as_json_escape_what_a_terminal_would_obey(here: Path, run) -> None:
    _escape_in_name(here)
    result = run("check", "--glossary", "g", "--format", "json")
    assert "\x1b" not in "\n".join(result.out)
    [finding] = json.loads("\n".join(result.out))
    assert finding["path"] == "g/concepts/gpt-3\x1b[2J.yaml"


# Writing the outputs -----------------------------------------------------------------------

BUILD = ("build", "--only", "json,csv", "--glossary", "g", "--out", "out")
UP_TO_DATE = ["json: up to date (out/glossary.json)", "csv: up to date (out/csv)"]


def _edit(here: Path) -> None:
    concept = here / "g" / "concepts" / "llm.yaml"
    concept.write_text(concept.read_text().replace("huge amounts", "vast amounts"))


def test_a_strangers_temporary_files_under_out_survive(here: Path, run) -> None:
    strangers = {
        "out/.x.tmp": "mine",
        "out/sub/.chapter1.tmp": "my chapter",
        "out/csv/.mini-glossary.csv.abc123.tmp": "looks like an old temporary",
        "out/.termbase-notes.tmp": "even with this tool's prefix",
    }
    for name, text in strangers.items():
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_text(text)
    assert run(*BUILD).status == 0
    _edit(here)
    assert run(*BUILD, "--force").status == 0
    for name, text in strangers.items():
        assert (here / name).read_text() == text


def test_a_full_disk_at_the_manifest_write_leaves_the_old_outputs(
    here: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*BUILD).status == 0
    old = snapshot(here / "out")
    _edit(here)
    real = write._write_file

    def fill_at_manifest(path: Path, data: bytes) -> None:
        if path.name.endswith(".manifest.json.tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(write, "_write_file", fill_at_manifest)
    result = run(*BUILD)
    assert (result.status, result.err) == (
        1,
        ["error: cannot write out/.manifest.json: no space left on device; nothing was written"],
    )
    assert snapshot(here / "out") == old
    assert not leftovers(here / "out")


def test_an_interruption_while_writing_leaves_the_old_outputs(
    here: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*BUILD).status == 0
    old = snapshot(here / "out")
    _edit(here)
    real, calls = write._write_file, []

    def interrupted_at_the_second_file(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(write, "_write_file", interrupted_at_the_second_file)
    result = run(*BUILD)
    assert (result.status, result.err) == (130, ["interrupted"])
    assert snapshot(here / "out") == old
    assert not leftovers(here / "out")


def test_an_interruption_during_the_switch_is_held_until_every_file_is_new(
    here: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*BUILD).status == 0
    _edit(here)
    real = os.replace

    def interrupted_at_the_first_rename(source: Path, target: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # held back until the last rename is done
        real(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(write.os, "replace", interrupted_at_the_first_rename)
        result = run(*BUILD)
    assert (result.status, result.err) == (130, ["interrupted"])
    assert b"vast amounts" in (here / "out" / "glossary.json").read_bytes()
    assert "vast amounts" in (here / "out" / "csv" / "mini-glossary.csv").read_text("utf-8-sig")
    assert not leftovers(here / "out")
    assert run(*BUILD).out == UP_TO_DATE


class Killed(BaseException):
    """Stands for a `kill -9`: nothing after it runs, no handler catches it."""


def test_a_build_killed_during_the_switch_is_finished_by_the_next(
    here: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*BUILD).status == 0
    _edit(here)
    real, renames = os.replace, []

    def killed_after_the_first_rename(source: Path, target: Path) -> None:
        if renames:
            raise Killed
        renames.append(target)
        real(source, target)

    with monkeypatch.context() as patch, pytest.raises(Killed):
        patch.setattr(write.os, "replace", killed_after_the_first_rename)
        run(*BUILD)
    assert (here / "out" / write.JOURNAL_NAME).exists()  # old and new files are mixed now
    result = run(*BUILD)  # finishes the renames first: then everything is up to date
    assert result.out == UP_TO_DATE
    assert b"vast amounts" in (here / "out" / "glossary.json").read_bytes()
    assert "vast amounts" in (here / "out" / "csv" / "mini-glossary.csv").read_text("utf-8-sig")
    assert not leftovers(here / "out")


def test_a_build_killed_while_writing_its_temporaries_is_undone_by_the_next(
    here: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*BUILD).status == 0
    old = snapshot(here / "out")
    (here / "out" / ".mine.tmp").write_text("mine")
    _edit(here)
    real, calls = write._write_file, []

    def killed_at_the_second_file(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise Killed
        real(path, data)

    with monkeypatch.context() as patch, pytest.raises(Killed):
        patch.setattr(write, "_write_file", killed_at_the_second_file)
        patch.setattr(write.Journal, "undo", lambda self, out_dir: None)  # no handler ran
        run(*BUILD)
    assert leftovers(here / "out")  # its journal and first temporary
    _edit(here)  # changed again: this build renders anew
    (here / "g" / "concepts" / "llm.yaml").touch()
    assert run(*BUILD, "--force").status == 0
    assert not leftovers(here / "out")
    assert (here / "out" / ".mine.tmp").read_text() == "mine"
    assert snapshot(here / "out") != old


# Outputs do not depend on the working folder --------------------------------------------------


def test_outputs_are_the_same_bytes_from_any_working_folder(here: Path, run) -> None:
    formats = "json,tbx,tsv,csv,xlsx,anki,html"
    assert run("build", "--only", formats, "--glossary", "g", "--out", "one").status == 0
    os.chdir("/")
    glossary, out = str(here / "g"), str(here / "two")
    assert run("build", "--only", formats, "--glossary", glossary, "--out", out).status == 0
    one, two = snapshot(here / "one"), snapshot(here / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert str(here) not in json.dumps(json.loads(one["glossary.json"]))


# Processes: kill -9 and interruptions ------------------------------------------------------


def _start_pdf_build(here: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", "--only", "pdf", *_folders(here)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _folders(here: Path) -> list[str]:
    return ["--glossary", str(here / "g"), "--out", str(here / "out")]


def _workers(parent: int, timeout: float = 120) -> list[int]:
    """The parent's children, once it has forked its workers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{parent}/task/{parent}/children")
        found = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("the build forked no worker")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
def test_killing_the_build_kills_its_workers(here: Path) -> None:
    build = _start_pdf_build(here)
    workers = _workers(build.pid)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 5
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_stops_everything_within_a_second(
    here: Path, signum: signal.Signals
) -> None:
    build = _start_pdf_build(here)
    workers = _workers(build.pid)
    time.sleep(0.5)  # the workers are laying out
    started = time.monotonic()
    build.send_signal(signum)
    _, stderr = build.communicate(timeout=30)
    took = time.monotonic() - started
    said = [line for line in stderr.splitlines() if not PROGRESS.match(line)]
    assert (build.returncode, said) == (130, ["interrupted"])
    assert took < 1.0, f"{took:.2f} s"
    assert not [pid for pid in workers if _alive(pid)]
    assert not (here / "out" / "pdf").exists()
