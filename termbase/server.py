"""`termbase serve`: the HTML glossary on 127.0.0.1, rebuilt and reloaded as the glossary is edited.

The server watches the glossary folder and the templates (watchfiles). On a save it rebuilds
the HTML first, in this process (the modules are loaded, so it takes about a second), tells
every open page to reload (server-sent events on `/__reload`), then rebuilds the other formats
in a child process, which a newer save stops and starts again. The reload script is added to
each HTML page as it is served, never to the built files; so is one that shows, on a citation
of the usage corpus, its line's text (`/__corpus?line=corpus/...:7`, read from the corpus
where it is on this machine: the built files never hold the corpus's text). When the glossary
cannot be built (a YAML error, say), the problem is printed and shown at the top of every page,
and the last good output is served until it is fixed. Ctrl-C stops the server and the child.
"""

from __future__ import annotations

import html
import http.server
import subprocess
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlsplit

from termbase.formats import FORMATS, named
from termbase.paths import TEMPLATES

HOST = "127.0.0.1"
"""Only this machine: the server is a preview, not a web server."""
RELOAD_PATH = "/__reload"
FIRST = "html"
"""The format rebuilt first, in this process: what the browser shows."""
RELOAD_SCRIPT = (
    "<script>/* termbase serve: reload on rebuild */"
    f"new EventSource('{RELOAD_PATH}').onmessage=function(){{location.reload()}};</script>"
)
CORPUS_PATH = "/__corpus"
CITATION_SCRIPT = (
    "<script>/* termbase serve: a citation's line, from the corpus, in its tooltip */"
    "function cite(e){var a=e.target.closest&&e.target.closest('.citation');"
    "if(!a||a.dataset.line)return;a.dataset.line='1';"
    f"fetch('{CORPUS_PATH}?line='+encodeURIComponent(a.title.split('\\n')[0]))"
    ".then(function(r){return r.ok?r.text():''})"
    ".then(function(t){if(t)a.title+='\\n'+t})}"
    "document.addEventListener('mouseover',cite);document.addEventListener('focusin',cite);"
    "</script>"
)


@dataclass
class State:
    """What the pages are told: the build's generation (a reload when it moves on) and the
    problem of the last build, if it failed."""

    generation: int = 0
    problem: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)

    def moved_on(self, seen: int) -> bool:
        return self.generation != seen

    def publish(self, problem: str | None) -> None:
        with self.changed:
            self.generation += 1
            self.problem = problem
            self.changed.notify_all()


def problem_banner(problem: str) -> str:
    """The build's problem in a band fixed at the top of the page, over the last good output."""
    return (
        '<div role="alert" style="position:fixed;top:0;left:0;right:0;z-index:1000;margin:0;'
        "padding:0.8em 1em;"
        'background:#8b1a1a;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap">'
        f"termbase serve: the glossary cannot be built; showing the last good build.\n"
        f"{html.escape(problem)}</div>"
    )


def inject(page: bytes, state: State) -> bytes:
    """The page as served: with the reload script, and the problem banner if any."""
    extra = RELOAD_SCRIPT + CITATION_SCRIPT
    extra += problem_banner(state.problem) if state.problem else ""
    text = page.decode("utf-8")
    at = text.rfind("</body>")
    at = at if at >= 0 else len(text)
    return (text[:at] + extra + text[at:]).encode("utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files below the HTML folder; HTML pages with the reload script; `/__reload` events;
    `/__corpus?line=` a cited line of the usage corpus."""

    state: State
    glossary_dir: Path

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests

    def do_GET(self) -> None:
        if self.path == RELOAD_PATH:
            self._events()
            return
        if self.path.startswith(CORPUS_PATH + "?"):
            self._cited_line()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(inject(path.read_bytes(), self.state))
            return
        super().do_GET()

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _cited_line(self) -> None:
        """The text of the cited line, where the glossary's corpus is on this machine."""
        asked = parse_qs(urlsplit(self.path).query).get("line", [""])[0]
        line = cited_line_of(self.glossary_dir, asked)
        if not line:
            self.send_error(404, "no such line in the corpus here")
            return
        body = line.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """A server-sent event each time the build's generation moves on."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.state
        with state.changed:
            seen = state.generation
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not getattr(self.server, "stopping", False):
                with state.changed:
                    state.changed.wait_for(partial(state.moved_on, seen), timeout=15)
                    now = state.generation
                if now != seen:
                    seen = now
                    self.wfile.write(f"data: {now}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")  # finds a closed page
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def cited_line_of(glossary_dir: Path, asked: str) -> str:
    """The line a citation (`corpus/<name>/<lang>/<path>:<line>`) names, from the corpus
    folders of the glossary's `[corpus]`; '' where there is none."""
    from termbase.attest.corpus import cited_file, cited_line
    from termbase.evidence import parse_citation
    from termbase.findings import GlossaryError
    from termbase.load import load_header

    citation = parse_citation(asked)
    try:
        folders = load_header(glossary_dir).corpus.folders if citation else ()
    except GlossaryError:
        return ""
    file = cited_file([glossary_dir / f for f in folders], citation) if citation else None
    return cited_line(file, citation.line) if file and citation else ""


class Rebuilder:
    """Rebuilds on each change: the HTML here, then the other formats in a child process."""

    def __init__(
        self,
        glossary_dir: Path,
        out_dir: Path,
        state: State,
        say: Callable[[str], None],
        rest: Sequence[str],
    ) -> None:
        self.glossary_dir, self.out_dir, self.state, self.say = glossary_dir, out_dir, state, say
        self.rest = list(rest)
        self.child: subprocess.Popen[bytes] | None = None
        self.stopped: set[subprocess.Popen[bytes]] = set()
        self.lock = threading.Lock()

    def build_first(self) -> bool:
        """Build the HTML; publish a reload, with the problem if it failed. True if built."""
        from termbase.build import Build, BuildError

        started = time.perf_counter()
        try:
            Build(self.glossary_dir, self.out_dir, named([FIRST])).run()
        except BuildError as error:
            problem = "\n".join([*(str(f) for f in error.findings), str(error)])
            self.say(f"cannot build:\n{problem}\n(the last good output is still served)")
            self.state.publish(problem)
            return False
        self.say(f"{FIRST} rebuilt in {time.perf_counter() - started:.1f} s; pages reloaded")
        self.state.publish(None)
        return True

    def build_rest(self) -> None:
        """Start building the other formats in a child process (a running one is stopped)."""
        self.stop_child()
        if not self.rest:
            return
        command = [sys.executable, "-c", "import sys; from termbase.cli import main; "
                   "sys.exit(main(sys.argv[1:]))", "build", "-q", "--only", ",".join(self.rest),
                   "--glossary", str(self.glossary_dir), "--out", str(self.out_dir)]  # fmt: skip
        with self.lock:
            self.child = subprocess.Popen(command, stdin=subprocess.DEVNULL)
            child = self.child
        threading.Thread(
            target=self._report, args=(child, time.perf_counter()), daemon=True
        ).start()

    def _report(self, child: subprocess.Popen[bytes], started: float) -> None:
        if child.wait() == 0:
            self.say(f"{', '.join(self.rest)} rebuilt in {time.perf_counter() - started:.1f} s")

    def stop_child(self) -> None:
        with self.lock:
            child, self.child = self.child, None
        if child and child.poll() is None:
            child.terminate()  # the build stops as on Ctrl-C: nothing half-written
            child.wait()

    def rebuild(self) -> None:
        self.stop_child()  # it holds the output folder's lock: the page first
        if self.build_first():
            self.build_rest()


def watch(
    paths: Sequence[Path],
    stop: threading.Event,
    ready: threading.Event,
    on_change: Callable[[], None],
) -> None:
    """Call `on_change` after each batch of saves below `paths`, until `stop` is set. `ready` is
    set once the watcher is live (its first quiet interval), so that no save is missed after
    the server says it is serving."""
    from watchfiles import watch as watch_files

    batches = watch_files(
        *paths, stop_event=stop, debounce=50, step=20, rust_timeout=200, yield_on_timeout=True
    )
    for changes in batches:
        ready.set()
        if changes:
            on_change()


def rebuild_reporting(rebuilder: Rebuilder) -> None:
    """A rebuild whose unexpected failure is shown, on the terminal and the page, and leaves the
    server watching: the next save may fix it (as `mkdocs serve` keeps serving)."""
    try:
        rebuilder.rebuild()
    except Exception as error:  # a bug, not the glossary: say so, keep the last good output
        problem = f"the build failed: {type(error).__name__}: {error}"
        rebuilder.say(problem)
        rebuilder.state.publish(problem)


def serve(
    glossary_dir: Path,
    out_dir: Path,
    *,
    port: int = 8000,
    open_browser: bool = False,
    stream: IO[str] = sys.stderr,
) -> int:
    """Build, serve `out_dir/html` on 127.0.0.1:`port` (0: a free port), rebuild on each save;
    return 0 when stopped with Ctrl-C."""

    def say(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=stream, flush=True)

    state = State()
    rest = [f.name for f in FORMATS if f.name != FIRST]
    rebuilder = Rebuilder(glossary_dir, out_dir, state, say, rest)
    stop, ready = threading.Event(), threading.Event()
    watched = [glossary_dir, TEMPLATES]
    on_change = partial(rebuild_reporting, rebuilder)
    threading.Thread(target=watch, args=(watched, stop, ready, on_change), daemon=True).start()
    rebuilder.build_first()
    (out_dir / "html").mkdir(parents=True, exist_ok=True)
    handler = type("BoundHandler", (Handler,), {"state": state, "glossary_dir": glossary_dir})
    server = http.server.ThreadingHTTPServer(
        (HOST, port), partial(handler, directory=str(out_dir / "html"))
    )
    server.daemon_threads = True
    url = f"http://{HOST}:{server.server_address[1]}/"
    ready.wait(timeout=10)
    say(f"serving {out_dir / 'html'} at {url} (Ctrl-C stops)")
    rebuilder.build_rest()
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        say("stopping")
        stop.set()
        server.stopping = True  # type: ignore[attr-defined]
        rebuilder.stop_child()
        state.publish(state.problem)  # wakes the event streams, which then end
        server.server_close()
    return 0
