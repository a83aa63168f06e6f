"""A small real HTTP server for tests: threaded, on 127.0.0.1, port chosen by the OS.

Each path is a :class:`Route` that says what to answer: a body (with an ETag, honouring
If-None-Match with 304), a status, a lying Content-Length then a closed connection, raw
non-HTTP garbage, a body trickled slowly, or no answer at all. Every request is recorded
(path, headers, status sent) so tests can assert on what the client really asked for.

    with TestServer() as server:
        server.serve_dir(bundle, prefix="/site/")
        server.routes["/site/feed.json"] = Route(status=500)
        ...
        assert server.hits["/site/media/abc"] == 1
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Route:
    """What the server answers on one path.

    ``etag``: None computes a strong ETag from the body, "" sends none.
    ``declared_length``: Content-Length to announce instead of ``len(body)`` (announce more
    than is sent to simulate a truncated transfer); ``send_length=False`` sends no
    Content-Length at all (the body ends when the connection closes).
    ``raw``: bytes written to the socket instead of any HTTP response.
    ``hang``: read the request, then never answer (until the server stops).
    ``chunk``/``delay``: send the body ``chunk`` bytes at a time, sleeping ``delay`` between.
    ``pause_at``: after that many bytes of body, stop sending (until the server stops), so a
    test can act while the client is certainly in the middle of the download.
    """

    body: bytes = b""
    status: int = 200
    etag: str | None = None
    content_type: str = "application/octet-stream"
    declared_length: int | None = None
    send_length: bool = True
    raw: bytes | None = None
    hang: bool = False
    chunk: int = 0
    delay: float = 0.0
    pause_at: int | None = None

    def strong_etag(self) -> str | None:
        if self.etag is not None:
            return self.etag or None
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    status: int | None  # None: nothing HTTP was sent (hang, raw garbage)
    body: bytes = b""  # what a POST sent


@dataclass
class _Progress:
    """Bytes of body sent so far per path, for tests that act in the middle of a transfer."""

    sent: Counter[str] = field(default_factory=Counter)
    finished: Counter[str] = field(default_factory=Counter)
    paused: Counter[str] = field(default_factory=Counter)


class TestServer:
    """A ThreadingHTTPServer on 127.0.0.1:0 serving :attr:`routes` (path -> Route)."""

    __test__ = False  # not a pytest test class

    def __init__(self, port: int = 0) -> None:
        """``port``: 0 for one the OS chooses; a former server's port to come back on it."""
        self.routes: dict[str, Route] = {}
        #: POST: the status to answer for a request (default: its route's, else 404).
        self.on_post: Any = None
        self.requests: list[Request] = []
        self.hits: Counter[str] = Counter()
        self.progress = _Progress()
        self.stopping = threading.Event()
        self.changed = threading.Condition()
        self._httpd = _QuietServer(("127.0.0.1", port), _handler_for(self))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http"
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- content ---------------------------------------------------------------------------

    def serve(self, path: str, body: bytes, **options: Any) -> None:
        self.routes[path] = Route(body=body, **options)

    def serve_dir(self, folder: Path, prefix: str = "/") -> None:
        """Serve every file under ``folder`` at ``prefix`` + its relative path."""
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                rel = file.relative_to(folder).as_posix()
                ctype = "application/json" if file.suffix == ".json" else "application/octet-stream"
                self.serve(prefix + rel, file.read_bytes(), content_type=ctype)

    def requests_for(self, path: str) -> list[Request]:
        with self.changed:
            return [r for r in self.requests if r.path == path]

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> bool:
        """Wait until ``predicate()`` holds; checked whenever the server makes progress."""
        with self.changed:
            return self.changed.wait_for(predicate, timeout)

    # -- life ------------------------------------------------------------------------------

    def start(self) -> TestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases hanging and trickling handlers
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> TestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(
        self, path: str, headers: dict[str, str], status: int | None, body: bytes = b""
    ) -> None:
        with self.changed:
            self.requests.append(Request(path, headers, status, body))
            self.hits[path] += 1
            self.changed.notify_all()

    def _sent(self, path: str, count: int, done: bool = False, paused: bool = False) -> None:
        with self.changed:
            self.progress.sent[path] += count
            self.progress.finished[path] += done
            self.progress.paused[path] += paused
            self.changed.notify_all()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-request (timeout, SIGKILL) is what tests do on purpose


def _handler_for(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # an idle keep-alive connection cannot hold the server's shutdown forever

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: tests assert on server.requests instead

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            route = server.routes.get(path)
            if route is None:
                route = Route(body=b"not found\n", status=404, etag="")
            try:
                self._answer(path, headers, route)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (killed, timed out)

        def do_POST(self) -> None:
            path = self.path.split("?", 1)[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            body = self.rfile.read(int(headers.get("content-length", "0")))
            route = server.routes.get(path)
            status = route.status if route else 404
            if server.on_post is not None:
                status = server.on_post(Request(path, headers, None, body))
            server._record(path, headers, status, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")  # a stopped server really is gone
            self.end_headers()
            self.close_connection = True

        def _answer(self, path: str, headers: dict[str, str], route: Route) -> None:
            if route.hang:
                server._record(path, headers, None)
                server.stopping.wait()
                self.close_connection = True
                return
            if route.raw is not None:
                server._record(path, headers, None)
                self.wfile.write(route.raw)
                self.wfile.flush()
                self.close_connection = True
                return
            etag = route.strong_etag() if route.status == 200 else None
            if etag and headers.get("if-none-match") == etag:
                server._record(path, headers, 304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            server._record(path, headers, route.status)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if etag:
                self.send_header("ETag", etag)
            if route.send_length:
                length = (
                    route.declared_length if route.declared_length is not None else len(route.body)
                )
                self.send_header("Content-Length", str(length))
            truncated = route.declared_length is not None and route.declared_length > len(
                route.body
            )
            if truncated or not route.send_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self._send_body(path, route)

        def _send_body(self, path: str, route: Route) -> None:
            body, pause = route.body, route.pause_at
            step = route.chunk or len(body) or 1
            pos = 0
            while pos < len(body):
                if pause is not None and pos >= pause:
                    server._sent(path, 0, paused=True)
                    server.stopping.wait()
                    self.close_connection = True
                    return
                end = min(pos + step, len(body), pause if pause is not None else len(body))
                self.wfile.write(body[pos:end])
                self.wfile.flush()
                server._sent(path, end - pos)
                pos = end
                if route.delay and pos < len(body) and server.stopping.wait(route.delay):
                    self.close_connection = True
                    return
            server._sent(path, 0, done=True)

    return Handler
