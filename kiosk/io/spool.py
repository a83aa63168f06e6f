"""The heartbeat's spool: proof-of-play records grouped into batches, in telemetry.sqlite.

A batch gets its id and its exact body when it is formed, in the transaction that marks its
records as taken, so a record is in exactly one batch and a batch is re-sent byte for byte
until the receiver acknowledges it (docs/heartbeat.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.io.telemetry import COLUMNS, Record, utc_text


@dataclass(frozen=True)
class Batch:
    """Records on their way to the heartbeat receiver: ``body`` is the exact request body,
    stored when the batch is formed and re-sent unchanged until a 2xx acknowledges it."""

    id: str
    body: bytes
    count: int


def pending_batch(conn: sqlite3.Connection) -> Batch | None:
    """The oldest batch formed and not yet acknowledged."""
    row = conn.execute(
        "SELECT b.id, b.body, (SELECT count(*) FROM records r WHERE r.batch = b.id) "
        "FROM batches b WHERE b.acked IS NULL ORDER BY b.formed, b.rowid LIMIT 1"
    ).fetchone()
    return Batch(row[0], bytes(row[1]), row[2]) if row else None


def form_batch(
    conn: sqlite3.Connection,
    body_of: Callable[[str, list[Record]], bytes],
    new_id: Callable[[], str],
    now: datetime,
    limit: int = 500,
) -> Batch | None:
    """Group the oldest finished records that no batch carries yet into a new batch, in one
    transaction: a record is in exactly one batch, and the batch's body never changes."""
    conn.execute("BEGIN IMMEDIATE")  # the player's writer waits (busy_timeout) meanwhile
    try:
        rows = [
            Record(*row)
            for row in conn.execute(
                f"SELECT {COLUMNS} FROM records WHERE batch IS NULL AND state != 'open' "
                "ORDER BY id LIMIT ?",
                (limit,),
            )
        ]
        if not rows:
            conn.rollback()
            return None
        batch_id = new_id()
        body = body_of(batch_id, rows)
        conn.execute(
            "INSERT INTO batches (id, formed, body) VALUES (?, ?, ?)",
            (batch_id, utc_text(now), body),
        )
        conn.executemany(
            "UPDATE records SET batch = ? WHERE id = ?", [(batch_id, r.id) for r in rows]
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return Batch(batch_id, body, len(rows))


def acknowledge(conn: sqlite3.Connection, batch_id: str, now: datetime) -> None:
    """The receiver has the batch: its body is no longer needed."""
    with conn:
        conn.execute(
            "UPDATE batches SET acked = ?, body = NULL WHERE id = ?", (utc_text(now), batch_id)
        )


def unsent_count(conn: sqlite3.Connection) -> int:
    """Records the receiver does not have yet (not batched, or in a pending batch)."""
    return int(
        conn.execute(
            "SELECT count(*) FROM records r LEFT JOIN batches b ON r.batch = b.id "
            "WHERE r.batch IS NULL OR b.acked IS NULL"
        ).fetchone()[0]
    )
