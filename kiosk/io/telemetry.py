"""Proof of play: what this screen showed, and when, in ``telemetry.sqlite`` (Qt-free).

One table of records, four kinds: ``play`` (a slide of the loop on screen), ``page`` (a
page of the services directory opened), ``qr`` (a QR code on screen) and ``alert`` (an
official alert on screen). No personal data: no search text, no touch position, no camera,
nothing about a visitor; only what the screen showed.

How a duration survives a crash: a play (or an alert) is written when it starts, ``open``,
and closed when the next one replaces it. While it stays open, its duration is brought up to
date every :data:`CHECKPOINT_SECONDS`, so a screen that loses power or is killed leaves a
row whose duration is at most that much short; the next start marks it ``interrupted``.
Durations come from the monotonic clock (a clock set while a slide shows does not change
them); start times from the wall clock, in UTC.

Writes happen on one writer thread fed by a queue (:class:`Recorder`): the Qt thread only
puts a tuple in it. The database is in WAL mode, so ``kiosk stats`` and the heartbeat read
it while the player writes. Retention is bounded by age and by size.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.errors import StoreError

log = logging.getLogger(__name__)

FILE_NAME = "telemetry.sqlite"
SCHEMA_VERSION = 1
KINDS = ("play", "page", "qr", "alert")
CHECKPOINT_SECONDS = 30.0  # an open play's duration is at most this much short after a crash
RETENTION_CHECK_SECONDS = 3600.0
BUSY_TIMEOUT_MS = 5000
MAX_QUEUED = 10000  # records waiting for the writer (a day of slides)

# Run statement by statement (split at each semicolon: none may appear in a comment).
_SCHEMA = """
CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: batches and exports can cite it
    kind TEXT NOT NULL CHECK (kind IN ('play', 'page', 'qr', 'alert')),
    subject TEXT NOT NULL,          -- item id, page path, item/service id, alert key
    detail TEXT NOT NULL DEFAULT '',  -- qr: the address shown, alert: level/severity
    start TEXT NOT NULL,            -- UTC, 2026-11-23T19:45:12.345Z (sorts as text)
    duration_ms INTEGER,            -- play, alert: time on screen (NULL: an instant event)
    state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('open', 'closed', 'interrupted')),
    snapshot TEXT NOT NULL DEFAULT '',
    screen TEXT NOT NULL DEFAULT '',
    batch TEXT                      -- the heartbeat batch that carries it (NULL: not yet)
);
CREATE INDEX records_start ON records (start);
CREATE INDEX records_unbatched ON records (id) WHERE batch IS NULL;
CREATE TABLE batches (
    id TEXT PRIMARY KEY,            -- idempotency key, fixed when the batch is formed
    formed TEXT NOT NULL,
    body BLOB,                      -- the exact bytes sent, re-sent unchanged (NULL once acked)
    acked TEXT                      -- when a 2xx answered it
);
"""


class DamagedDatabase(StoreError):
    """The file is not an SQLite database, or a damaged one."""


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC text that sorts like the instant: ``2026-11-23T19:45:12.345Z``."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def database_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode with the schema in place (``read_only``: for ``kiosk stats``,
    which must never create or change anything)."""
    try:
        if read_only:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the proof-of-play database: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer kiosk (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade the kiosk package"
            )
        if not read_only:
            _prepare(conn, version)
        elif version == 0:
            raise StoreError(f"{path}: not a proof-of-play database (no schema)")
    except sqlite3.Error as exc:
        conn.close()
        kind = StoreError if isinstance(exc, sqlite3.OperationalError) else DamagedDatabase
        raise kind(f"{path}: unusable proof-of-play database: {exc}") from None
    except StoreError:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, version: int) -> None:
    if version == 0:  # freed pages can go back to the card (before anything is written)
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    # WAL: readers (kiosk stats, the heartbeat) never block the writer. NORMAL is durable
    # against a crash of the process; a power cut may lose the last commit, never the file.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA journal_size_limit = 4194304")  # the WAL file shrinks back to 4 MiB
    if version == 0:
        conn.execute("BEGIN IMMEDIATE")  # the player and the heartbeat may both be first
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise


# -- retention ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """How much proof is kept: the oldest records go first, by age then by size."""

    days: int = 400
    max_bytes: int = 256 * 1024 * 1024


def apply_retention(conn: sqlite3.Connection, retention: Retention, now: datetime) -> int:
    """Delete records older than ``retention.days`` (and batches no record needs), then the
    oldest records until the data take less than ``retention.max_bytes``. Returns the number
    of records deleted."""
    cutoff = utc_text(now - timedelta(days=retention.days))
    with conn:
        deleted = conn.execute(
            "DELETE FROM records WHERE start < ? AND state != 'open'", (cutoff,)
        ).rowcount
    while _used_bytes(conn) > retention.max_bytes:
        count = conn.execute("SELECT count(*) FROM records WHERE state != 'open'").fetchone()[0]
        if count == 0:
            break
        chunk = max(100, count // 10)  # a tenth at a time: few passes, little over-deletion
        with conn:
            deleted += conn.execute(
                "DELETE FROM records WHERE id IN (SELECT id FROM records WHERE state != 'open' "
                "ORDER BY id LIMIT ?)",
                (chunk,),
            ).rowcount
            _drop_orphan_batches(conn)
    if deleted:
        with conn:
            _drop_orphan_batches(conn)
        conn.executescript("PRAGMA incremental_vacuum;")  # execute() frees only one page
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # the file shrinks now
    return deleted


def _drop_orphan_batches(conn: sqlite3.Connection) -> None:
    """Acknowledged batches whose records are gone (a pending batch keeps its body: it is
    still owed to the receiver)."""
    conn.execute(
        "DELETE FROM batches WHERE acked IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM records WHERE records.batch = batches.id)"
    )


def _used_bytes(conn: sqlite3.Connection) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


# -- the writer --------------------------------------------------------------------------------

Clock = Callable[[], datetime]


def _now_utc() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Records what the screen shows, from the Qt thread, without ever waiting on the disk.

    Each method puts one tuple on a queue; the writer thread applies everything queued in one
    transaction. A failing disk is logged once and the records are dropped: proof of play
    never stops the player. :meth:`close` closes what is open and waits for the writer.
    """

    def __init__(
        self,
        data_dir: Path,
        screen: str | None = None,
        retention: Retention | None = None,
        clock: Clock = _now_utc,
        monotonic: Callable[[], float] = time.monotonic,
        checkpoint: float = CHECKPOINT_SECONDS,
    ) -> None:
        self.path = database_path(data_dir)
        self.screen = screen or ""
        self.retention = retention or Retention()
        self._clock = clock
        self._monotonic = monotonic
        self._checkpoint = checkpoint
        # Bounded: a disk that hangs for days costs records, never the player's memory.
        self._queue: queue.Queue[tuple[Any, ...] | None] = queue.Queue(MAX_QUEUED)
        self._overflow = False
        self._open: dict[str, tuple[int, float]] = {}  # key -> (row id, monotonic start)
        self._failing = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="kiosk-telemetry", daemon=True)
        self._thread.start()

    # -- what the screen shows (any thread; never blocks) --------------------------------------

    def play(self, item: str, snapshot: str) -> None:
        """``item`` is on screen from now on; the play before it ends now."""
        self._put("open", "play", "play", item, "", snapshot)

    def stop_play(self) -> None:
        """Nothing of the loop is visible any more (a visit, a full-screen alert, a stop)."""
        self._put("close", "play")

    def page(self, path: str, snapshot: str) -> None:
        self._put("event", "page", path, "", snapshot)

    def qr(self, subject: str, address: str, snapshot: str) -> None:
        self._put("event", "qr", subject, address, snapshot)

    def alert_on(self, key: str, detail: str, snapshot: str) -> None:
        self._put("open", "alert:" + key, "alert", key, detail, snapshot)

    def alert_off(self, key: str) -> None:
        self._put("close", "alert:" + key)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written (tests, shutdown)."""
        done = threading.Event()
        try:
            self._queue.put(("flush", done), timeout=timeout)
        except queue.Full:
            return False
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Close what is open (a clean stop: durations are exact) and stop the writer."""
        if self._closed:
            return
        self._closed = True
        try:
            self._queue.put(None, timeout=timeout)
        except queue.Full:
            log.error("proof of play: the writer is stuck; the last records are lost")
            return
        self._thread.join(timeout)

    def _put(self, op: str, *args: Any) -> None:
        if self._closed:
            return
        try:
            self._queue.put_nowait((op, self._clock(), self._monotonic(), *args))
            self._overflow = False
        except queue.Full:
            if not self._overflow:
                log.error("proof of play: the writer is stuck on %s; records dropped", self.path)
                self._overflow = True

    # -- the writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        conn = self._open_database()
        next_checkpoint = self._monotonic() + self._checkpoint
        next_retention = self._monotonic()
        try:
            while True:
                wait = max(0.0, min(next_checkpoint, next_retention) - self._monotonic())
                ops: list[tuple[Any, ...] | None] = []
                try:
                    ops.append(self._queue.get(timeout=wait))
                    while len(ops) < 1000:  # what is already queued goes in one transaction
                        ops.append(self._queue.get_nowait())
                except queue.Empty:
                    pass
                stop = None in ops
                now = self._monotonic()
                self._write(conn, [op for op in ops if op is not None], close_all=stop)
                if now >= next_checkpoint:
                    self._write(conn, [], extend=True)
                    next_checkpoint = now + self._checkpoint
                if now >= next_retention and conn is not None:
                    self._retain(conn)
                    next_retention = now + RETENTION_CHECK_SECONDS
                if stop:
                    return
        finally:
            if conn is not None:
                conn.close()

    def _open_database(self) -> sqlite3.Connection | None:
        try:
            try:
                conn = connect(self.path)
            except DamagedDatabase as exc:  # keep it for a look; record from scratch
                aside = self.path.with_name(
                    f"{self.path.name}.damaged-{self._clock():%Y%m%dT%H%M%S}"
                )
                log.error("proof of play: %s; moved to %s, starting a new one", exc, aside)
                self.path.rename(aside)
                for suffix in ("-wal", "-shm"):
                    self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
                conn = connect(self.path)
            with conn:
                stale = conn.execute(
                    "UPDATE records SET state = 'interrupted' WHERE state = 'open'"
                ).rowcount
            if stale:
                log.info("proof of play: %d record(s) left open by the last run closed", stale)
            return conn
        except (StoreError, OSError) as exc:
            log.error("proof of play is off: %s", exc)
            self._failing = True
            return None

    def _write(
        self,
        conn: sqlite3.Connection | None,
        ops: list[tuple[Any, ...]],
        close_all: bool = False,
        extend: bool = False,
    ) -> None:
        flushes = [op[1] for op in ops if op[0] == "flush"]
        ops = [op for op in ops if op[0] != "flush"]
        try:
            if conn is not None and (ops or close_all or extend):
                with conn:
                    for op in ops:
                        self._apply(conn, *op)
                    if extend or close_all:
                        now = self._monotonic()
                        for key in list(self._open):
                            self._end(conn, key, now, final=close_all)
                if self._failing:
                    log.info("proof of play: writing again")
                    self._failing = False
        except sqlite3.Error as exc:
            self._open.clear()  # those rows are closed as interrupted at the next start
            if not self._failing:
                log.error("proof of play: cannot write %s: %s (records dropped)", self.path, exc)
                self._failing = True
        finally:
            for done in flushes:
                done.set()

    def _apply(
        self, conn: sqlite3.Connection, op: str, wall: datetime, mono: float, *a: Any
    ) -> None:
        if op == "event":
            kind, subject, detail, snapshot = a
            self._insert(conn, kind, subject, detail, wall, None, "closed", snapshot)
        elif op == "open":
            key, kind, subject, detail, snapshot = a
            self._end(conn, key, mono, final=True)
            row = self._insert(conn, kind, subject, detail, wall, 0, "open", snapshot)
            self._open[key] = (row, mono)
        elif op == "close":
            self._end(conn, a[0], mono, final=True)

    def _insert(self, conn: sqlite3.Connection, *values: Any) -> int:
        kind, subject, detail, wall, duration, state, snapshot = values
        cursor = conn.execute(
            "INSERT INTO records (kind, subject, detail, start, duration_ms, state, snapshot, "
            "screen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, subject, detail, utc_text(wall), duration, state, snapshot, self.screen),
        )
        return int(cursor.lastrowid or 0)

    def _end(self, conn: sqlite3.Connection, key: str, mono: float, final: bool) -> None:
        """Bring the duration of the open record ``key`` up to ``mono``; ``final``: close it."""
        entry = self._open.pop(key, None) if final else self._open.get(key)
        if entry is None:
            return
        row, started = entry
        conn.execute(
            "UPDATE records SET duration_ms = ?, state = ? WHERE id = ?",
            (max(0, round((mono - started) * 1000)), "closed" if final else "open", row),
        )

    def _retain(self, conn: sqlite3.Connection) -> None:
        try:
            deleted = apply_retention(conn, self.retention, self._clock())
        except sqlite3.Error as exc:
            log.error("proof of play: retention failed on %s: %s", self.path, exc)
            return
        if deleted:
            log.info("proof of play: %d old record(s) deleted (retention)", deleted)


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    id: int
    kind: str
    subject: str
    detail: str
    start: str
    duration_ms: int | None
    state: str
    snapshot: str
    screen: str


COLUMNS = "id, kind, subject, detail, start, duration_ms, state, snapshot, screen"
