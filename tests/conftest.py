"""Shared fixtures: the small test glossary, the shipped glossary, the glossary with evidence
of use, a way to copy them, and a Chromium page (Debian's Chromium driven by Playwright; never
a downloaded browser).

A test that uses the `page` or `browser` fixture is marked `slow` here; tests that lay out PDFs
or run build.py as a process carry the mark themselves. `make test-fast` leaves them out."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from helpers import CHROMIUM, CHROMIUM_ARGS, FIXTURES, MINI, PINYIN, SHIPPED
from termbase.attest import attest, read_corpus, write_evidence
from termbase.attest.cache import Cache
from termbase.load import load_glossary
from termbase.model import Glossary

# In CI the property tests run a fixed set of examples, so a run is repeatable; locally they
# explore new examples on every run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

BROWSER_FIXTURES = {"page", "browser"}
# The tests keep dot's layouts and the compiled templates in a folder of their own, never in the
# user's cache (paths.cache_dir); processes they start inherit it.
os.environ.setdefault("TERMBASE_CACHE", tempfile.mkdtemp(prefix="termbase-test-cache-"))
# A suite started in the background by a shell without job control (`make test &` in a script)
# inherits Ctrl-C ignored, and so would the builds it starts: the tests of interruptions need
# Ctrl-C to interrupt, as it does on a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test glossary, its files dated now, as in a fresh clone (the
    build date is the newest file's: an edit made in a test must not move it to another day)."""
    return Path(shutil.copytree(MINI, tmp_path / "glossary", copy_function=shutil.copy))


@pytest.fixture
def fresh_dot_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache of dot's layouts, in memory and on disk: every graph is laid out by dot."""
    from termbase.render.common import dotcache

    monkeypatch.setattr(dotcache, "_kept", {})
    monkeypatch.setenv("TERMBASE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "dot"


@pytest.fixture(scope="session")
def mini() -> Glossary:
    return load_glossary(MINI)


@pytest.fixture(scope="session")
def pinyin_glossary() -> Glossary:
    return load_glossary(PINYIN)


@pytest.fixture(scope="session")
def attested(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    """The attest test glossary with the evidence `attest` counts in its made-up corpus."""
    folder = Path(shutil.copytree(FIXTURES / "attest", tmp_path_factory.mktemp("attested") / "a"))
    glossary_dir = folder / "glossary"
    glossary, cache = load_glossary(glossary_dir), Cache(None)
    usage = read_corpus(glossary, [folder / "corpus"], cache)
    write_evidence(glossary, glossary_dir, attest(glossary, usage, cache))
    return load_glossary(glossary_dir)


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    return load_glossary(SHIPPED)


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
