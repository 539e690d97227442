"""`termbase serve`: the HTML glossary on 127.0.0.1, rebuilt and reloaded as the glossary is edited.

The server watches the glossary folder and the templates (watchfiles). On a save it rebuilds
the HTML first, in this process (the modules are loaded, so it takes about a second), tells
every open page to reload (server-sent events on `/__reload`), then rebuilds the other formats
in a child process forked from a warm one (`WarmBuilds`), which a newer save stops and starts
again; a corner of every page says what that build is doing. The reload script is added to
each HTML page as it is served, never to the built files; so is one that shows, on a citation
of the usage corpus, its line's text (`/__corpus?line=corpus/...:7`, read from the corpus
where it is on this machine: the built files never hold the corpus's text). When the glossary
cannot be built (a YAML error, say), the problem is printed and shown at the top of every page,
and the last good output is served until it is fixed. Ctrl-C stops the server and the child.
"""

from __future__ import annotations

import html
import http.server
import mimetypes
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import threading
import time
import unicodedata
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import IO
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit, urlunsplit

from termbase.formats import FORMATS, named
from termbase.interrupts import EXIT_INTERRUPTED, stop_on_sigterm
from termbase.paths import TEMPLATES
from termbase.source_text import TextFileError, read_bytes
from termbase.terminal import printable

HOST = "127.0.0.1"
"""Only this machine: the server is a preview, not a web server."""
RELOAD_PATH = "/__reload"
FIRST = "html"
"""The format rebuilt first, in this process: what the browser shows."""
REST_STATUS_ID = "_termbase_rest"
"""The element, in a corner of every page, that says what the other formats' build is doing."""
REST_NAME = "PDF, Anki, exports"
"""The other formats, as the corner of a page names them (the terminal lists them)."""
RELOAD_SCRIPT = (
    "<script>/* termbase serve: reload on rebuild; the other formats' build in a corner */"
    f"var s=new EventSource('{RELOAD_PATH}');s.onmessage=function(){{location.reload()}};"
    "s.addEventListener('rest',function(e){"
    f"var b=document.getElementById('{REST_STATUS_ID}');"
    "if(b){b.textContent=e.data;b.hidden=!e.data}});</script>"
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
    """What the pages are told: the build's generation (a reload when it moves on), the
    problem of the last build, if it failed, and what the other formats' build is doing."""

    generation: int = 0
    problem: str | None = None
    rest: str = ""
    """"PDF, Anki, exports: rebuilt in 1.6 s", shown without a reload; "" for nothing to say."""
    told: int = 0
    """Moves on with each change of `rest`."""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def seen(self) -> tuple[int, int]:
        return self.generation, self.told

    def moved_on(self, seen: tuple[int, int]) -> bool:
        return self.seen() != seen

    def publish(self, problem: str | None) -> None:
        with self.changed:
            self.generation += 1
            self.problem = problem
            self.changed.notify_all()

    def tell(self, rest: str) -> None:
        with self.changed:
            self.told += 1
            self.rest = rest
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


def rest_status(rest: str) -> str:
    """What the other formats' build is doing, in a corner of the page, over the content but
    not in its way (a click goes through it)."""
    return (
        f'<div id="{REST_STATUS_ID}" role="status"{"" if rest else " hidden"} style="position:'
        "fixed;bottom:0;right:0;z-index:1000;max-width:100%;padding:0.2em 0.6em;"
        "background:#222;color:#fff;opacity:0.85;pointer-events:none;"
        f'font:12px/1.4 monospace">{html.escape(rest)}</div>'
    )


def inject(page: bytes, state: State) -> bytes:
    """The page as served: with serve's scripts (reload, citations), the corner saying what the
    other formats' build is doing, and the problem banner if any (bytes in, bytes out: a page in
    another encoding is served as it is, the scripts added all the same)."""
    banner = problem_banner(state.problem) if state.problem else ""
    extra = RELOAD_SCRIPT + CITATION_SCRIPT + rest_status(state.rest) + banner
    at = page.rfind(b"</body>")
    at = at if at >= 0 else len(page)
    return page[:at] + extra.encode() + page[at:]


EMPTY_PAGE = b"<!DOCTYPE html><html><head><meta charset=utf-8></head><body></body></html>"
"""What a page the build has not made yet is, while the build fails: the problem, and the
script that reloads it once the build succeeds."""
MAX_SERVED_BYTES = 1 << 30
"""The largest file served: far above any page, index or picture of the HTML glossary."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What a request gets: a file's bytes, a redirect to `location`, or an error `status`."""

    status: int
    body: bytes = b""
    path: Path | None = None
    """The file served (its type is guessed from its name)."""
    location: str | None = None
    reason: str | None = None


def answer(site: Path, url: str) -> Answer:
    """The answer to `GET url` for a site served from the folder `site`: a regular file below it
    (`index.html` for a folder); never a file whose real path (links followed) leaves the site,
    nor anything that is not a regular file (a named pipe would block the request)."""
    split = urlsplit(url)
    parts = [p for p in unquote(split.path).split("/") if p not in ("", ".")]
    if ".." in parts or any(unicodedata.category(c) == "Cc" for p in parts for c in p):
        return Answer(HTTPStatus.NOT_FOUND, reason="no such page")
    path = site.joinpath(*parts)
    if os.path.isdir(path):  # False for a name too long, too (Path.is_dir raises)
        if not split.path.endswith("/"):  # its pages' relative links need the slash
            return Answer(HTTPStatus.MOVED_PERMANENTLY, location=_with_slash(split))
        path = path / "index.html"
    real, root = os.path.realpath(path), os.path.realpath(site)
    if os.path.commonpath([real, root]) != root:
        return Answer(HTTPStatus.NOT_FOUND, reason="no such page")
    try:
        return Answer(HTTPStatus.OK, read_bytes(path, url, limit=MAX_SERVED_BYTES), path)
    except TextFileError as error:
        missing = error.code == "missing-file"
        status = HTTPStatus.NOT_FOUND if missing else HTTPStatus.FORBIDDEN
        return Answer(status, reason="no such page" if missing else error.message)


def _with_slash(split: SplitResult) -> str:
    return urlunsplit(("", "", split.path + "/", split.query, ""))


class Handler(http.server.BaseHTTPRequestHandler):
    """Files below the HTML folder; HTML pages with the reload script; `/__reload` events. Only
    for requests to this server by its own name (`Host: 127.0.0.1:PORT`, `localhost:PORT`): a
    page of another site whose name points here (DNS rebinding) gets nothing. `/__corpus?line=`
    answers with a cited line of the usage corpus, where the corpus is on this machine."""

    state: State
    site: Path
    glossary_dir: Path

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, *, body: bool) -> None:
        if not self._to_this_server():
            self.send_error(HTTPStatus.FORBIDDEN, "this preview answers only to its own address")
            return
        if urlsplit(self.path).path == RELOAD_PATH and body:
            self._events()
            return
        if urlsplit(self.path).path == CORPUS_PATH:
            self._cited_line(body=body)
            return
        found = answer(self.site, self.path)
        if found.location is not None:
            self.send_response(found.status)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif found.status == HTTPStatus.NOT_FOUND and self.state.problem:
            self._send(EMPTY_PAGE, Path("problem.html"), status=found.status, body=body)
        elif found.path is None:
            self.send_error(found.status, found.reason)
        else:
            self._send(found.body, found.path, body=body)

    def _to_this_server(self) -> bool:
        port = getattr(self.server, "server_port", None)  # HTTPServer's, once bound
        host = (self.headers.get("Host") or "").strip().lower()
        return host in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(
        self,
        data: bytes,
        path: Path,
        *,
        status: int = HTTPStatus.OK,
        body: bool = True,
        kind: str | None = None,
    ) -> None:
        kind = kind or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data, kind = inject(data, self.state), "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _cited_line(self, *, body: bool) -> None:
        """The text of the cited line, where the glossary's corpus is on this machine."""
        asked = parse_qs(urlsplit(self.path).query).get("line", [""])[0]
        line = cited_line_of(self.glossary_dir, asked)
        if not line:
            self.send_error(HTTPStatus.NOT_FOUND, "no such line in the corpus here")
            return
        kind = "text/plain; charset=utf-8"
        self._send(line.encode("utf-8"), Path("line.txt"), body=body, kind=kind)

    def _events(self) -> None:
        """A server-sent event each time the build's generation moves on (the page reloads),
        and a `rest` event each time the other formats' build says something new."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.state
        with state.changed:
            seen = state.seen()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not getattr(self.server, "stopping", False):
                with state.changed:
                    state.changed.wait_for(partial(state.moved_on, seen), timeout=15)
                    now, rest = state.seen(), state.rest
                if now[0] != seen[0]:
                    self.wfile.write(f"data: {now[0]}\n\n".encode())
                elif now[1] != seen[1]:
                    self.wfile.write(f"event: rest\ndata: {rest}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")  # finds a closed page
                seen = now
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


class WarmBuilds:
    """Builds in child processes forked from a warm one: multiprocessing's forkserver, which
    imports `termbase.warm` once (see there why). It starts at once, so that it is warm by the
    first save."""

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["termbase.warm"])
        multiprocessing.forkserver.ensure_running()

    def start(
        self, glossary_dir: Path, out_dir: Path, names: Sequence[str]
    ) -> multiprocessing.process.BaseProcess:
        args = (glossary_dir, out_dir, tuple(names))
        child = self.context.Process(target=build_quietly, args=args, name="termbase build")
        child.start()
        return child


def build_quietly(glossary_dir: Path, out_dir: Path, names: Sequence[str]) -> None:
    """A warm child's build of the formats `names`: errors only, on stderr, as `build -q`
    prints them; exit status 1 after one. SIGTERM (a newer save, or Ctrl-C in the server)
    stops it as Ctrl-C stops a build: nothing half-written."""
    from termbase.build import Build, BuildError

    stop_on_sigterm()
    try:
        Build(glossary_dir, out_dir, named(names)).run()
    except BuildError as error:
        print(printable(f"error: {error}"), file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        os._exit(EXIT_INTERRUPTED)


class Rebuilder:
    """Rebuilds on each change: the HTML here, then the other formats in a warm child."""

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
        self.builds = WarmBuilds() if self.rest else None
        self.child: multiprocessing.process.BaseProcess | None = None
        self.lock = threading.Lock()

    def build_first(self) -> bool:
        """Build the HTML; publish a reload, with the problem if it failed. True if built."""
        from termbase.build import Build, BuildError

        started = time.perf_counter()
        try:
            Build(self.glossary_dir, self.out_dir, named([FIRST])).run()
        except BuildError as error:
            findings = [str(f.placed(self.glossary_dir)) for f in error.findings]
            problem = "\n".join([*findings, str(error)])
            self.say(f"cannot build:\n{problem}\n(the last good output is still served)")
            self.state.publish(problem)
            return False
        self.say(f"{FIRST} rebuilt in {time.perf_counter() - started:.1f} s; pages reloaded")
        self.state.publish(None)
        return True

    def build_rest(self) -> None:
        """Start building the other formats in a warm child (a running one is stopped)."""
        self.stop_child()
        if self.builds is None:
            return
        names = ", ".join(self.rest)
        with self.lock:
            self.child = child = self.builds.start(self.glossary_dir, self.out_dir, self.rest)
        self.state.tell(f"{REST_NAME}: rebuilding…")
        threading.Thread(
            target=self._report, args=(child, names, time.perf_counter()), daemon=True
        ).start()

    def _report(
        self, child: multiprocessing.process.BaseProcess, names: str, started: float
    ) -> None:
        child.join()
        with self.lock:
            stopped = child is not self.child  # by a newer save, which says what it does
        if stopped:
            return
        if child.exitcode == 0:
            took = time.perf_counter() - started
            self.say(f"{names} rebuilt in {took:.1f} s")
            when = time.strftime("%H:%M:%S")
            self.state.tell(f"{REST_NAME}: rebuilt in {took:.1f} s, at {when}")
        else:
            self.state.tell(f"{REST_NAME}: not rebuilt; the terminal says why")

    def stop_child(self) -> None:
        with self.lock:
            child, self.child = self.child, None
        if child and child.is_alive():
            child.terminate()  # the build stops as on Ctrl-C: nothing half-written
            child.join()

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
    the server says it is serving. A folder that goes away (moved, or a branch switched) is
    watched again once it is back: `on_change` is called when it goes, and when it is back."""
    from watchfiles import watch as watch_files

    gone = False
    while not stop.is_set():
        if not all(path.is_dir() for path in paths):
            if not gone:
                gone = True
                on_change()  # the build says what is missing, on the page too
            ready.set()
            stop.wait(0.5)
            continue
        back, gone = gone, False
        batches = watch_files(
            *paths, stop_event=stop, debounce=50, step=20, rust_timeout=200, yield_on_timeout=True
        )
        for changes in batches:
            ready.set()
            if changes or back:  # back: built again once the watcher is live, missing no save
                back = False
                on_change()
            if not all(path.is_dir() for path in paths):
                break  # a folder the watcher no longer sees


def rebuild_reporting(rebuilder: Rebuilder) -> None:
    """A rebuild whose unexpected failure is shown, on the terminal and the page, and leaves the
    server watching: the next save may fix it (as `mkdocs serve` keeps serving)."""
    try:
        rebuilder.rebuild()
    except Exception as error:  # a bug, not the glossary: say so, keep the last good output
        problem = f"the build failed: {type(error).__name__}: {error}"
        rebuilder.say(problem)
        rebuilder.state.publish(problem)


class ServeError(Exception):
    """The preview cannot start; the message is the line to print (the glossary or output folder
    is unusable, or the port is taken)."""


class PreviewServer(http.server.ThreadingHTTPServer):
    """The HTTP server: a thread per request, none of which outlives the process; a request
    that fails (the browser went away) costs a line at most, never a traceback."""

    daemon_threads = True
    stopping = False
    """Set when the server stops: the event streams end."""

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"a request failed: {type(error).__name__}: {error}", file=sys.stderr)


def serve(
    glossary_dir: Path,
    out_dir: Path,
    *,
    port: int = 8000,
    open_browser: bool = False,
    stream: IO[str] = sys.stderr,
) -> int:
    """Build, serve `out_dir/html` on 127.0.0.1:`port` (0: a free port), rebuild on each save;
    return 0 when stopped with Ctrl-C. Raises `ServeError` when it cannot start."""

    def say(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=stream, flush=True)

    site = out_dir / "html"
    _check_folders(glossary_dir, out_dir)
    state = State()
    bound = {"state": state, "site": site, "glossary_dir": glossary_dir}
    handler = type("BoundHandler", (Handler,), bound)
    try:
        server = PreviewServer((HOST, port), handler)
    except OSError as error:
        reason = os.strerror(error.errno).lower() if error.errno else str(error)
        raise ServeError(f"error: cannot serve on {HOST}:{port}: {reason}") from None
    rest = [f.name for f in FORMATS if f.name != FIRST]
    rebuilder = Rebuilder(glossary_dir, out_dir, state, say, rest)
    stop, ready = threading.Event(), threading.Event()
    watched = [glossary_dir, TEMPLATES]
    on_change = partial(rebuild_reporting, rebuilder)
    threading.Thread(target=watch, args=(watched, stop, ready, on_change), daemon=True).start()
    rebuilder.build_first()
    url = f"http://{HOST}:{server.server_address[1]}/"
    ready.wait(timeout=10)
    say(f"serving {site} at {url} (Ctrl-C stops)")
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
        server.stopping = True
        rebuilder.stop_child()
        state.publish(state.problem)  # wakes the event streams, which then end
        server.server_close()
    return 0


def _check_folders(glossary_dir: Path, out_dir: Path) -> None:
    """Refuse a glossary folder that is not one, and an output folder the build could not
    write (a file, or one with a file where the HTML folder goes), before serving anything."""
    from termbase.load import folder_problem
    from termbase.manifest import MANIFEST_NAME
    from termbase.write import OutputError, check_out_dir

    if problem := folder_problem(glossary_dir):
        raise ServeError(printable(f"{glossary_dir}: error: {problem}"))
    try:
        check_out_dir(out_dir, [glossary_dir, TEMPLATES], [MANIFEST_NAME], [FIRST])
    except OutputError as error:
        raise ServeError(printable(f"error: {error}")) from None
