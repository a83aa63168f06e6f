"""Reading feeds and media from https URLs or local paths, with every limit enforced.

* connect and read timeouts on every request, plus a deadline for a whole transfer, so a
  server that accepts and never answers (or trickles one byte a second) cannot hang a sync;
* a size cap per file, checked against Content-Length and again while streaming;
* conditional GET (ETag / Last-Modified) for the feed, so an unchanged feed costs one 304;
* every failure becomes :class:`~kiosk.errors.FetchError` naming the URL or path.

Local paths (or ``file://`` URLs) go through the same interface: the demo and the
development workflow use a folder on disk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests

from kiosk import __version__
from kiosk.errors import FetchError, NotFound

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    deadline: float = 600.0  # seconds for one whole file (a large video on a slow link)


@dataclass(frozen=True)
class Response:
    """``body`` is None when the server answered 304 Not Modified."""

    location: str
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def local_path(location: str) -> Path:
    parts = urlsplit(location)
    return Path(unquote(parts.path)) if parts.scheme == "file" else Path(location)


def resolve(base: str, relative: str) -> str:
    """``relative`` (a media URL in the feed) against the feed's own location."""
    if is_url(base) or is_url(relative):
        return urljoin(base, relative)
    return str(local_path(base).parent / relative)


class Fetcher:
    """One HTTP session with the kiosk's limits; also reads local files the same way."""

    def __init__(self, limits: Limits | None = None, session: requests.Session | None = None):
        self.limits = limits or Limits()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"municipal-kiosk/{__version__}"

    def close(self) -> None:
        self.session.close()

    def get(
        self,
        location: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """The whole body of ``location`` (at most ``max_bytes``), or None when unchanged."""
        if not is_url(location):
            return Response(location, b"".join(self._read_local(location, max_bytes)))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._open(location, headers) as resp:
            if resp.status_code == 304 and (etag or last_modified):  # else: not an answer to us
                return Response(location, None, etag, last_modified)
            body = b"".join(self._stream(location, resp, max_bytes))
            return Response(
                location,
                body,
                resp.headers.get("ETag"),
                resp.headers.get("Last-Modified"),
                resp.headers.get("Content-Type"),
            )

    def stream(self, location: str, *, max_bytes: int) -> Iterator[bytes]:
        """Chunks of ``location``, for media written straight to the store."""
        if not is_url(location):
            yield from self._read_local(location, max_bytes)
            return
        with self._open(location, {}) as resp:
            yield from self._stream(location, resp, max_bytes)

    # -- HTTP ------------------------------------------------------------------------------

    def _open(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            resp = self.session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(self.limits.connect_timeout, self.limits.read_timeout),
            )
        except requests.Timeout:
            raise FetchError(url, "no answer within the time limit") from None
        except requests.ConnectionError as exc:
            raise FetchError(url, f"cannot connect ({_root_cause(exc)})") from None
        except requests.RequestException as exc:
            raise FetchError(url, f"request failed ({_root_cause(exc)})") from None
        if resp.status_code in (404, 410):
            resp.close()
            raise NotFound(url, f"HTTP {resp.status_code}: not on the server")
        if resp.status_code not in (200, 304):
            resp.close()
            raise FetchError(url, f"HTTP {resp.status_code} {resp.reason or ''}".strip())
        return resp

    def _stream(self, url: str, resp: requests.Response, max_bytes: int) -> Iterator[bytes]:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"is {int(declared)} bytes, more than the limit of {max_bytes}")
        deadline = time.monotonic() + self.limits.deadline
        received = 0
        try:
            for chunk in resp.iter_content(CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise FetchError(url, f"is more than the limit of {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"download took longer than {self.limits.deadline:.0f} s")
                yield chunk
        except requests.Timeout:
            raise FetchError(url, "the server stopped sending (read timeout)") from None
        except requests.RequestException as exc:
            raise FetchError(url, f"download interrupted ({_root_cause(exc)})") from None

    # -- local files -----------------------------------------------------------------------

    def _read_local(self, location: str, max_bytes: int) -> Iterator[bytes]:
        path = local_path(location)
        try:
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > max_bytes:
                    raise FetchError(
                        str(path), f"is {size} bytes, more than the limit of {max_bytes}"
                    )
                received = 0
                while chunk := fh.read(CHUNK):
                    received += len(chunk)
                    if received > max_bytes:  # the file grew while we read it
                        raise FetchError(str(path), f"is more than the limit of {max_bytes} bytes")
                    yield chunk
        except FileNotFoundError:
            raise NotFound(str(path), "file not found") from None
        except IsADirectoryError:
            raise FetchError(str(path), "is a directory, expected a file") from None
        except PermissionError:
            raise FetchError(str(path), "permission denied") from None


def _root_cause(exc: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error, short enough for one log line."""
    while exc.__context__ is not None and exc.__context__ is not exc:
        exc = exc.__context__
    text = str(exc) or type(exc).__name__
    return text if len(text) < 160 else text[:157] + "..."
