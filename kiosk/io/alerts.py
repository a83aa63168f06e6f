"""Polling the feed's alert sources, each on its own short interval, and keeping what they
said on disk so a restart or an outage does not lose an alert in force.

One :class:`SourcePoller` per source. A cycle is one conditional GET of the source (an idle
poll is one request answered 304, no body); a changed document is read by
:func:`kiosk.core.capindex.read_alert_document`; an index's links to full CAP documents that
concern this screen are fetched once each and kept (a CAP document at a given address does
not change). A source that fails or serves a refused document keeps its last messages (the
rules drop them when they expire) and the report says since when it could not check: the
failure is logged once, not at every poll.

Layout under ``<data dir>/alerts/<source id>/``::

    state.json          ETag, Last-Modified, last check, failing since, cached documents
    document            the last good document of the source, as served
    cap-<hash>.xml      full CAP documents linked from an index
    msg-<hash>.xml      past messages of a single-CAP source (its updates and cancels need
                        the messages they refer to)

All files are written atomically; nothing here touches Qt.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.core.alerts import Place, area_contains
from kiosk.core.cap import CapAlert, parse_cap
from kiosk.core.capindex import AlertDocument, IndexEntry, read_alert_document
from kiosk.core.feed import AlertSource
from kiosk.errors import KioskError
from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Snapshot, write_atomic

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_LINKED = 60  # full documents fetched for one index (MeteoAlarm France: ~20 at most)
MAX_HISTORY = 20  # past messages kept for a single-CAP source
#: Short limits: a source that does not answer must not delay the next check much.
ALERT_LIMITS = Limits(connect_timeout=3.0, read_timeout=8.0, deadline=20.0)

Clock = Callable[[], datetime]


class SourceState(msgspec.Struct, kw_only=True):
    url: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_checked: str | None = None  # the last time the source answered (200 or 304)
    failing_since: str | None = None  # the first failure since the last good answer
    last_error: str | None = None
    linked: dict[str, str] = msgspec.field(default_factory=dict)  # CAP url -> file name
    history: list[str] = msgspec.field(default_factory=list)  # msg-*.xml, oldest first


@dataclass(frozen=True)
class SourceReport:
    """What one source says after a cycle (delivered to the Qt thread)."""

    source_id: str
    messages: tuple[CapAlert, ...]
    last_checked: datetime | None
    failing_since: datetime | None
    error: str | None
    requests: int  # HTTP requests made by this cycle (for the idle-poll measurement)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _hash(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:24]


class SourcePoller:
    """One alert source: poll it, remember it. One cycle at a time (the scheduler's job)."""

    def __init__(
        self,
        source: AlertSource,
        location: str,
        folder: Path,
        fetcher: Fetcher,
        place: Place | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.source = source
        self.location = location
        self.folder = folder
        self.fetcher = fetcher
        self.place = place or Place()
        self.clock = clock or (lambda: datetime.now(UTC))
        self._requests = 0
        self.state = self._read_state()
        # The source's last good document, parsed once (from disk at start, then per change);
        # not the one of an address the feed no longer gives this id (a reset state).
        self.document: AlertDocument | None = (
            self._stored_document() if self.state.last_checked else None
        )
        self.messages: tuple[CapAlert, ...] = self._messages()

    # -- the cycle ---------------------------------------------------------------------------

    def poll(self) -> SourceReport:
        self._requests = 0
        now = self.clock()
        try:
            self._cycle()
        except KioskError as exc:
            self._failed(str(exc), now)
        else:
            if self.state.failing_since:
                log.info("alert source %s answers again", self.source.id)
            self.state.last_checked, self.state.failing_since = _iso(now), None
            self.state.last_error = None
        self._save_state()
        return self.report()

    def report(self) -> SourceReport:
        return SourceReport(
            source_id=self.source.id,
            messages=self.messages,
            last_checked=_moment(self.state.last_checked),
            failing_since=_moment(self.state.failing_since),
            error=self.state.last_error,
            requests=self._requests,
        )

    def _cycle(self) -> None:
        known = self.document is not None
        self._requests += 1
        response = self.fetcher.get(
            self.location,
            max_bytes=MAX_DOCUMENT_BYTES,
            etag=self.state.etag if known else None,
            last_modified=self.state.last_modified if known else None,
        )
        if response.body is None:  # 304: the same document; retry links that failed before
            if self._unresolved():
                self._resolve(self.document)
                self.messages = self._messages()
            return
        document = read_alert_document(response.body, self.location, self.source.kind)
        for reason in document.skipped:
            log.warning("alert source %s: %s left out: %s", self.source.id, self.location, reason)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / "document", response.body)
        self.state.etag, self.state.last_modified = response.etag, response.last_modified
        if document.kind == "cap":
            self._remember(response.body)
        self.document = document
        self._resolve(document)
        self.messages = self._messages()

    def _failed(self, reason: str, now: datetime) -> None:
        if reason != self.state.last_error:
            kept = len(self.messages)
            log.warning(
                "alert source %s: %s (keeping its %d last messages)", self.source.id, reason, kept
            )
        self.state.last_error = reason
        if self.state.failing_since is None:
            self.state.failing_since = _iso(now)

    # -- index links -------------------------------------------------------------------------

    def _wanted(self, document: AlertDocument) -> list[IndexEntry]:
        """Entries whose full document is worth fetching: linked, and not known from their
        summary to concern another area."""
        wanted = []
        for entry in document.entries:
            if not entry.link or entry.embedded:
                continue
            if entry.summary is not None and not self.place.empty:
                areas = [a for info in entry.summary.infos for a in info.areas]
                if areas and not any(area_contains(a, self.place) for a in areas):
                    continue
            wanted.append(entry)
        return wanted[:MAX_LINKED]

    def _unresolved(self) -> bool:
        if self.document is None:
            return False
        return any(e.link not in self.state.linked for e in self._wanted(self.document))

    def _resolve(self, document: AlertDocument | None) -> None:
        if document is None or document.kind == "cap":
            return
        wanted = self._wanted(document)
        linked: dict[str, str] = {}
        for entry in wanted:
            name = self.state.linked.get(entry.link)
            if name and (self.folder / name).is_file():
                linked[entry.link] = name
                continue
            try:
                self._requests += 1
                body = self.fetcher.get(entry.link, max_bytes=MAX_DOCUMENT_BYTES).body or b""
                parse_cap(body, entry.link)
            except KioskError as exc:  # the entry's summary stands in for it
                log.warning("alert source %s: linked alert %s: %s", self.source.id, entry.link, exc)
                continue
            name = f"cap-{_hash(entry.link.encode())}.xml"
            write_atomic(self.folder / name, body)
            linked[entry.link] = name
        for stale in set(self.state.linked.values()) - set(linked.values()):
            (self.folder / stale).unlink(missing_ok=True)
        self.state.linked = linked

    # -- single CAP documents: their history -------------------------------------------------

    def _remember(self, body: bytes) -> None:
        name = f"msg-{_hash(body)}.xml"
        if name in self.state.history:
            return
        write_atomic(self.folder / name, body)
        self.state.history.append(name)
        now = self.clock()
        keep = []
        for old in self.state.history:
            message = self._read_cap(old)
            ended = message is None or all(
                i.expires is not None and i.expires <= now for i in message.infos
            )
            if ended and old != name:
                (self.folder / old).unlink(missing_ok=True)
            else:
                keep.append(old)
        for old in keep[:-MAX_HISTORY]:
            (self.folder / old).unlink(missing_ok=True)
        self.state.history = keep[-MAX_HISTORY:]

    # -- what the source says now ------------------------------------------------------------

    def _stored_document(self) -> AlertDocument | None:
        try:
            body = (self.folder / "document").read_bytes()
            return read_alert_document(body, self.location, self.source.kind)
        except (OSError, KioskError):
            return None

    def _read_cap(self, name: str) -> CapAlert | None:
        try:
            return parse_cap((self.folder / name).read_bytes(), self.location)
        except (OSError, KioskError):
            return None

    def _messages(self) -> tuple[CapAlert, ...]:
        document = self.document
        if document is None:
            return ()
        if document.kind == "cap":
            history = [self._read_cap(n) for n in self.state.history]
            return tuple(m for m in history if m is not None)
        messages: list[CapAlert] = []
        for entry in document.entries:
            name = self.state.linked.get(entry.link) if entry.link else None
            full = self._read_cap(name) if name else None
            if full is not None:
                messages.append(full)
            elif entry.summary is not None:
                messages.append(entry.summary)
        return tuple(messages)

    # -- state -------------------------------------------------------------------------------

    def _read_state(self) -> SourceState:
        try:
            state = msgspec.json.decode((self.folder / "state.json").read_bytes(), type=SourceState)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return SourceState(url=self.location)
        if state.url != self.location:  # the feed points this id elsewhere now
            return SourceState(url=self.location)
        return state

    def _save_state(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / "state.json", msgspec.json.encode(self.state))
        except OSError as exc:
            log.warning("cannot save alert source state in %s: %s", self.folder, exc)


class AlertPolling:
    """The pollers of the current feed's sources, scheduled on ``every(name, seconds, fn)``.

    :meth:`configure` is called with each new snapshot's sources (from any thread); a
    source whose id, address and kind did not change keeps its poller and its state.
    """

    def __init__(
        self,
        root: Path,
        fetcher: Fetcher,
        every: Callable[[str, float, Callable[[], SourceReport]], None],
        cancel: Callable[[str], None],
        clock: Clock | None = None,
    ) -> None:
        self.root = root
        self.fetcher = fetcher
        self._every = every
        self._cancel = cancel
        self._clock = clock  # the player's trusted clock: "checked at" times
        self._pollers: dict[str, tuple[tuple[str, str, str, float, Place], SourcePoller]] = {}
        self._lock = threading.Lock()

    def configure(self, sources: Iterable[tuple[AlertSource, str]], place: Place) -> list[str]:
        """Poll these (source, resolved location) pairs from now on; returns their ids."""
        with self._lock:
            return self._configure(sources, place)

    def _configure(self, sources: Iterable[tuple[AlertSource, str]], place: Place) -> list[str]:
        wanted = {}
        for source, location in sources:
            wanted[source.id] = (source, location)
        for gone in set(self._pollers) - set(wanted):
            self._cancel(job_name(gone))
            del self._pollers[gone]
        for source_id, (source, location) in wanted.items():
            signature = (location, source.kind, source.id, source.poll, place)
            known = self._pollers.get(source_id)
            if known is not None and known[0] == signature:
                continue
            folder = self.root / source_id
            poller = SourcePoller(source, location, folder, self.fetcher, place, self._clock)
            self._pollers[source_id] = (signature, poller)
            self._every(job_name(source_id), source.poll, poller.poll)
            log.info("alert source %s: %s every %.0f s", source_id, location, source.poll)
        return list(wanted)


def job_name(source_id: str) -> str:
    return f"alert:{source_id}"


def source_locations(snapshot: Snapshot | None) -> list[tuple[AlertSource, str]]:
    """The current feed's alert sources with their addresses: URLs as they are, paths
    relative to the feed file (a site folder on disk, in tests and demos)."""
    from kiosk.io.fetch import is_url, resolve

    if snapshot is None or snapshot.feed.alerts is None:
        return []
    found = []
    for source in snapshot.feed.alerts.sources:
        location = source.url
        if not is_url(location) and not Path(location).is_absolute():
            location = resolve(snapshot.meta.source, location)  # the feed file's location
        found.append((source, location))
    return found
