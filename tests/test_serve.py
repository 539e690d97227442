"""`build.py serve`, end to end: a real server on a free port, a real edit, a broken YAML file."""

from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, run_cli
from termbase.server import CITATION_SCRIPT, RELOAD_PATH, RELOAD_SCRIPT, State, inject

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200, (path, response.status)
    return response.read().decode()


def wait_for(condition: Callable[[], bool], seconds: float) -> float:
    """How long `condition` took to hold (fails after `seconds`)."""
    started = time.perf_counter()
    while not condition():
        assert time.perf_counter() - started < seconds, "timed out"
        time.sleep(0.05)
    return time.perf_counter() - started


@pytest.fixture
def server(mini_dir: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    port = free_port()
    out = tmp_path / "out"
    command = [sys.executable, "build.py", "serve", "--glossary", str(mini_dir)]
    command += ["--out", str(out), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:  # the first build, then the address
            if "serving" in line:
                assert f"http://127.0.0.1:{port}/" in line, line
                break
        yield process, port, out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_rebuilds_on_a_save_reloads_and_survives_a_broken_file(server, mini_dir) -> None:
    process, port, out = server
    page = fetch(port, "/en/index.html")
    assert "huge amounts" in page and RELOAD_SCRIPT in page
    # The reload script is the server's: the built files never have it.
    assert RELOAD_PATH not in (out / "html" / "en" / "index.html").read_text()

    events = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    events.request("GET", RELOAD_PATH)
    stream = events.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream"
    assert stream.readline() == b": connected\n" and stream.readline() == b"\n"

    concept = mini_dir / "concepts" / "llm.yaml"
    concept.write_text(concept.read_text().replace("huge amounts", "vast amounts"))
    took = wait_for(lambda: "vast amounts" in fetch(port, "/en/index.html"), 120)
    print(f"a save shown after {took:.2f} s")
    lines = [stream.readline() for _ in range(2)]
    assert lines[0].startswith(b"data: "), lines  # the open page is told to reload

    concept.write_text(concept.read_text() + "broken: [unclosed\n")
    wait_for(lambda: 'role="alert"' in fetch(port, "/en/index.html"), 120)
    page = fetch(port, "/en/index.html")
    assert "llm.yaml" in page and "invalid YAML" in page
    assert "the list opened with &#x27;[&#x27; is not closed" in page  # and what to do
    assert "vast amounts" in page  # the last good output is still served
    assert process.poll() is None

    concept.write_text(concept.read_text().replace("broken: [unclosed\n", ""))
    wait_for(lambda: 'role="alert"' not in fetch(port, "/en/index.html"), 120)

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=120) == 0
    assert process.stderr is not None
    rest = process.stderr.read()
    assert "invalid YAML" in rest and "stopping" in rest and "Traceback" not in rest


def test_a_page_as_served_has_the_script_and_the_problem_before_its_end() -> None:
    state = State()
    assert inject(b"<html><body><p>x</p></body></html>", state).endswith(
        (RELOAD_SCRIPT + CITATION_SCRIPT + "</body></html>").encode()
    )
    state.publish("glossary/concepts/llm.yaml:3:1: error: <bad>")
    served = inject(b"<body></body>", state).decode()
    assert "llm.yaml:3:1: error: &lt;bad&gt;" in served and served.endswith("</div></body>")


def test_a_served_page_shows_a_citations_line_from_the_corpus(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "attest", tmp_path / "attest")
    glossary = tmp_path / "attest" / "glossary"
    assert (
        run_cli("attest", "--glossary", str(glossary), "--cache", str(tmp_path / "c")).returncode
        == 0
    )
    port = free_port()
    command = [sys.executable, "build.py", "serve", "--glossary", str(glossary)]
    command += ["--out", str(tmp_path / "out"), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "serving" in line:
                break
        page = fetch(port, "/en/index.html")
        assert 'title="corpus/course/en/docs/intro.md:8"' in page and CITATION_SCRIPT in page
        asked = "/__corpus?line=corpus%2Fcourse%2Fen%2Fdocs%2Fintro.md%3A8"
        assert fetch(port, asked).startswith("A token is the smallest piece of text")
        assert "A token is" not in (tmp_path / "out" / "html" / "en" / "index.html").read_text()
    finally:
        process.kill()
        process.wait()
