"""`build.py serve`: what a request gets (`answer`, no server needed); and end to end, a real
server on a free port, a real edit, a broken YAML file, a glossary folder moved away and back,
requests by another host name."""

from __future__ import annotations

import http.client
import os
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
from termbase.server import (
    CITATION_SCRIPT,
    RELOAD_PATH,
    RELOAD_SCRIPT,
    REST_NAME,
    REST_STATUS_ID,
    State,
    answer,
    inject,
    rest_status,
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    """The status and body of `GET path`, sent with the Host header `host` (by default the
    server's own address)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def fetch(port: int, path: str) -> str:
    status, body = request(port, path)
    assert status == 200, (path, status)
    return body.decode()


def rest_events(stream: http.client.HTTPResponse, until: bytes) -> list[str]:
    """The `rest` events' texts read from an event stream up to the first holding `until`."""
    told: list[str] = []
    while not told or until.decode() not in told[-1]:
        line = stream.readline()
        if line == b"event: rest\n":
            told.append(stream.readline().decode().removeprefix("data: ").strip())
    return told


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


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


@pytest.mark.slow
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
    # Then the other formats are rebuilt in a warm child, and the page is told how it went.
    told = rest_events(stream, until=b"rebuilt in")
    assert told[0] == f"{REST_NAME}: rebuilding…", told
    reference = next((out / "pdf").glob("*-reference-a4.pdf"))
    assert "vast amounts" in pdf_text(reference)
    assert "rebuilt in" in fetch(port, "/en/index.html").split(f'id="{REST_STATUS_ID}"')[1]

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
        (RELOAD_SCRIPT + CITATION_SCRIPT + rest_status("") + "</body></html>").encode()
    )
    state.publish("glossary/concepts/llm.yaml:3:1: error: <bad>")
    served = inject(b"<body></body>", state).decode()
    assert "llm.yaml:3:1: error: &lt;bad&gt;" in served and served.endswith("</div></body>")


@pytest.mark.slow
def test_serve_answers_only_to_its_own_address(server) -> None:
    _, port, _ = server
    assert request(port, "/en/index.html", f"localhost:{port}")[0] == 200
    for path in ("/en/index.html", RELOAD_PATH):  # a page of evil.example, by DNS rebinding
        assert request(port, path, "evil.example")[0] == 403
        assert request(port, path, f"evil.example:{port}")[0] == 403


@pytest.mark.slow
def test_a_glossary_folder_moved_away_and_back_is_watched_again(server, mini_dir) -> None:
    _, port, _ = server
    away = mini_dir.with_name("away")
    mini_dir.rename(away)
    wait_for(lambda: "no such glossary folder" in fetch(port, "/en/index.html"), 120)
    away.rename(mini_dir)
    wait_for(lambda: 'role="alert"' not in fetch(port, "/en/index.html"), 120)
    concept = mini_dir / "concepts" / "llm.yaml"
    concept.write_text(concept.read_text().replace("huge amounts", "vast amounts"))
    wait_for(lambda: "vast amounts" in fetch(port, "/en/index.html"), 120)


# What a request gets -----------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site: `index.html`, `en/index.html`; beside it, outside, `secret.txt`."""
    site = tmp_path / "html"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<body>home</body>")
    (site / "en" / "index.html").write_text("<body>en</body>")
    (tmp_path / "secret.txt").write_text("secret")
    return site


@pytest.mark.parametrize(
    ("url", "status", "body"),
    [
        ("/", 200, b"<body>home</body>"),
        ("/en/", 200, b"<body>en</body>"),
        ("/en/index.html?q=llm#top", 200, b"<body>en</body>"),
        ("/fr/", 404, b""),
        ("/%00", 404, b""),
        ("/en/index.html%00.txt", 404, b""),
        ("/../secret.txt", 404, b""),
        ("/en/..%2F..%2Fsecret.txt", 404, b""),
        ("/" + "a" * 300, 403, b""),  # a name too long for the file system
    ],
)
def test_a_request_gets_a_file_below_the_site_or_an_error(
    site: Path, url: str, status: int, body: bytes
) -> None:
    got = answer(site, url)
    assert (got.status, got.body) == (status, body)


def test_a_folder_without_its_slash_is_redirected(site: Path) -> None:
    assert answer(site, "/en").location == "/en/"
    assert answer(site, "/en?q=llm").location == "/en/?q=llm"


def test_nothing_whose_real_path_leaves_the_site_is_served(site: Path) -> None:
    (site / "etc").symlink_to("/etc")
    (site / "passwd.html").symlink_to("/etc/passwd")
    (site / "secret.html").symlink_to("../secret.txt")
    (site / "home.html").symlink_to("index.html")  # inside: served
    for url in ("/etc/passwd", "/etc/", "/passwd.html", "/secret.html"):
        assert answer(site, url).status == 404, url
    assert answer(site, "/home.html").body == b"<body>home</body>"


def test_a_named_pipe_in_the_site_is_refused_not_opened(site: Path) -> None:
    os.mkfifo(site / "pipe.html")
    got = answer(site, "/pipe.html")  # opening it would block until someone writes
    assert (got.status, got.reason) == (403, "a named pipe (FIFO), not a file")


def test_a_page_not_in_utf_8_gets_the_script_all_the_same() -> None:
    page = "<body>café</body>".encode("latin-1")
    assert inject(page, State()) == "<body>café".encode("latin-1") + (
        RELOAD_SCRIPT + CITATION_SCRIPT + rest_status("") + "</body>"
    ).encode("latin-1")


@pytest.mark.slow
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
