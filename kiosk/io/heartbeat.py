"""The heartbeat: this screen's state, and its proof of play, POSTed to the town's server.

Optional (``heartbeat_url`` in kiosk.toml). Every ``heartbeat_interval`` seconds a job off the
Qt thread POSTs one ``heartbeat`` message (what plays, the last sync, free disk, SoC
temperature, display power...), then the proof-of-play records not yet delivered, in
``proof-of-play`` batches. A batch gets its id and its body when it is formed, in the same
transaction that assigns its records, and is re-sent byte for byte until a 2xx (or 409)
acknowledges it: the receiver keeps the first copy of each batch id, so a batch whose answer
was lost is not counted twice. While the server is unreachable records stay in
``telemetry.sqlite`` (no loss) and go out when it answers again. The wire format is in
``docs/heartbeat.md``.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from kiosk import __version__
from kiosk.errors import StoreError
from kiosk.io import spool, telemetry
from kiosk.io.fetch import _root_cause

log = logging.getLogger(__name__)

WIRE_VERSION = 1
BATCH_RECORDS = 500  # about 100 KB of JSON
MAX_BATCHES_PER_RUN = 50  # a week offline is sent within a few runs, without hogging the link
TIMEOUTS = (5.0, 20.0)  # connect, read (kiosk/io/fetch.py's limits)
THERMAL_ZONE = Path("/sys/class/thermal/thermal_zone0/temp")

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Outcome:
    """One run: ``delivered`` batches acknowledged; ``error`` why it stopped, if it did."""

    heartbeat_ok: bool
    delivered: int
    error: str | None = None


class Heartbeat:
    """POSTs the heartbeat and the pending batches; :meth:`run_once` is the periodic job."""

    def __init__(
        self,
        url: str,
        token: str,
        data_dir: Path,
        status: Callable[[], dict[str, Any]],
        screen: str | None = None,
        clock: Clock | None = None,
        session: requests.Session | None = None,
        batch_records: int = BATCH_RECORDS,
    ) -> None:
        self.url = url
        self.data_dir = data_dir
        self.screen = screen or ""
        self._status = status
        self._clock = clock or (lambda: datetime.now(UTC))
        self._started = time.monotonic()
        self._batch_records = batch_records
        self._session = session or requests.Session()
        self._session.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "User-Agent": f"municipal-kiosk/{__version__}",
                "Content-Type": "application/json",
            }
        )
        self._failing: str | None = None  # the error logged, until a run succeeds

    def close(self) -> None:
        self._session.close()

    def run_once(self) -> Outcome:
        """The heartbeat, then batches until none is left, one fails, or the run's cap. The
        heartbeat goes even when the proof-of-play database cannot be read."""
        try:
            conn: sqlite3.Connection | None = telemetry.connect(
                telemetry.database_path(self.data_dir)
            )
        except StoreError as exc:
            conn, spool_error = None, str(exc)
        try:
            unsent = self._count(conn)
            error = self._post(json.dumps(self.status_message(unsent)).encode(), None)
            if error is not None:
                return self._done(Outcome(False, 0, error))
            if conn is None:
                return self._done(Outcome(True, 0, spool_error))
            return self._done(self._send_batches(conn))
        finally:
            if conn is not None:
                conn.close()

    def _send_batches(self, conn: sqlite3.Connection) -> Outcome:
        delivered = 0
        try:
            while delivered < MAX_BATCHES_PER_RUN:
                batch = spool.pending_batch(conn) or spool.form_batch(
                    conn, self._body, lambda: uuid.uuid4().hex, self._clock(), self._batch_records
                )
                if batch is None:
                    break
                error = self._post(batch.body, batch.id)
                if error is not None:
                    return Outcome(True, delivered, error)
                spool.acknowledge(conn, batch.id, self._clock())
                delivered += 1
                log.debug("heartbeat: batch %s (%d records) delivered", batch.id, batch.count)
        except sqlite3.Error as exc:
            return Outcome(True, delivered, f"proof-of-play database: {exc}")
        return Outcome(True, delivered)

    @staticmethod
    def _count(conn: sqlite3.Connection | None) -> int | None:
        try:
            return spool.unsent_count(conn) if conn is not None else None
        except sqlite3.Error:
            return None

    # -- messages ------------------------------------------------------------------------------

    def status_message(self, unsent: int | None) -> dict[str, Any]:
        status = self._status()  # snapshot, current_item, last_sync, display_power
        return {
            "kind": "heartbeat",
            "version": WIRE_VERSION,
            "screen": self.screen,
            "sent_at": telemetry.utc_text(self._clock()),
            "kiosk_version": __version__,
            "uptime_s": round(time.monotonic() - self._started),
            "system_uptime_s": _system_uptime(),
            "snapshot": status.get("snapshot"),
            "current_item": status.get("current_item"),
            "last_sync": status.get("last_sync"),
            "disk_free_bytes": _free_bytes(self.data_dir),
            "soc_temperature_c": soc_temperature(),
            "display_power": status.get("display_power"),
            "unsent_records": unsent,
        }

    def _body(self, batch_id: str, rows: list[telemetry.Record]) -> bytes:
        message = {
            "kind": "proof-of-play",
            "version": WIRE_VERSION,
            "batch_id": batch_id,
            "screen": self.screen,
            "formed_at": telemetry.utc_text(self._clock()),
            "records": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "subject": r.subject,
                    "detail": r.detail,
                    "start": r.start,
                    "duration_ms": r.duration_ms,
                    "state": r.state,
                    "snapshot": r.snapshot,
                }
                for r in rows
            ],
        }
        return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()

    # -- HTTP ----------------------------------------------------------------------------------

    def _post(self, body: bytes, batch_id: str | None) -> str | None:
        """None when the server took it (2xx; 409: it already has this batch), else why not."""
        headers = {"Idempotency-Key": batch_id} if batch_id else {}
        try:
            resp = self._session.post(self.url, data=body, headers=headers, timeout=TIMEOUTS)
        except requests.Timeout:
            return "no answer within the time limit"
        except requests.RequestException as exc:
            return f"cannot connect ({_root_cause(exc)})"
        with resp:
            code = resp.status_code
        if 200 <= code < 300 or (code == 409 and batch_id):
            return None
        if code in (401, 403):
            return f"HTTP {code}: the server refused this screen's token (heartbeat_token_file)"
        return f"HTTP {code} {resp.reason or ''}".strip()

    def _done(self, outcome: Outcome) -> Outcome:
        """Log state changes only: the first failure (and a different one), and recovery."""
        if outcome.error is not None:
            if outcome.error != self._failing:
                log.warning("heartbeat to %s failed: %s; will retry", self.url, outcome.error)
                self._failing = outcome.error
        elif self._failing is not None:
            log.info("heartbeat to %s delivered again", self.url)
            self._failing = None
        if outcome.delivered:
            log.info("heartbeat: %d proof-of-play batch(es) delivered", outcome.delivered)
        return outcome


# -- what the device says about itself -----------------------------------------------------------


def soc_temperature(zone: Path = THERMAL_ZONE) -> float | None:
    """The SoC temperature in °C where the kernel exposes it (Raspberry Pi), else None."""
    try:
        return round(int(zone.read_text().strip()) / 1000, 1)
    except (OSError, ValueError):
        return None


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _system_uptime() -> int | None:
    try:
        return round(time.clock_gettime(time.CLOCK_BOOTTIME))
    except (OSError, AttributeError):
        return None
