"""Shared fixtures: the small test glossary, the shipped glossary, a way to copy them, and a
Chromium page (Debian's Chromium driven by Playwright; never a downloaded browser).

A test that uses the `page` or `browser` fixture is marked `slow` here; tests that lay out PDFs
or run build.py as a process carry the mark themselves. `make test-fast` leaves them out."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from termbase.cli import main
from termbase.load import load_glossary
from termbase.model import Glossary

# In CI the property tests run a fixed set of examples, so a run is repeatable; locally they
# explore new examples on every run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
SHIPPED = ROOT / "glossary"
PINYIN = FIXTURES / "pinyin"
"""A glossary of Chinese terms whose pinyin by word is known (`KNOWN_READINGS`)."""
KNOWN_READINGS = {
    "大语言模型": "dà yǔyán móxíng",
    "人工智能模型": "réngōng zhìnéng móxíng",  # a dictionary word written as its two words
    "生成对抗网络": "shēngchéng duìkàng wǎngluò",
    "预训练模型": "yùxùnliàn móxíng",  # a prefix joins its word
    "基于人类反馈的强化学习": "jīyú rénlèi fǎnkuì de qiánghuà xuéxí",  # 的 stands alone
    "文生图模型": "wénshēngtú móxíng",  # single characters together
    "文本到图像模型": "wénběn dào túxiàng móxíng",
    "对话式人工智能": "duìhuàshì réngōng zhìnéng",  # a suffix joins its word
    "Transformer模型": "Transformer móxíng",
    "微调": "wēitiáo",  # the glossary's override (pypinyin reads wēidiào)
    "阿尔法围棋": "ā'ěrfǎ wéiqí",  # an apostrophe before a syllable starting with a vowel
}
"""The pinyin of each Chinese term of the PINYIN glossary, as dictionaries write it."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_FIXTURES = {"page", "browser"}


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test glossary."""
    return Path(shutil.copytree(MINI, tmp_path / "glossary"))


@pytest.fixture(scope="session")
def mini() -> Glossary:
    return load_glossary(MINI)


@pytest.fixture(scope="session")
def pinyin_glossary() -> Glossary:
    return load_glossary(PINYIN)


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    return load_glossary(SHIPPED)


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` in a process of its own, as a user does (slow: for the tests
    whose point is a real process; the others use `run_cli`)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the command line of `build.py ARGS` in this process, from `cwd`, capturing what it
    prints: what `run_build_py` does, without starting Python and importing everything again."""
    stdout, stderr = io.StringIO(), io.StringIO()
    previous, handler = Path.cwd(), signal.getsignal(signal.SIGTERM)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(list(args), root=ROOT, prog="build.py")
            except SystemExit as exit_:  # argparse on a usage error or --help
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        os.chdir(previous)
        signal.signal(signal.SIGTERM, handler)  # main() makes SIGTERM an interruption
    return subprocess.CompletedProcess(args, status, stdout.getvalue(), stderr.getvalue())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden files in tests/golden/ anew instead of comparing (make golden)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, shared by the tests of a session."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page, 1280 × 900; any script error on it fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors
