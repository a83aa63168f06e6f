"""``kiosk stats``: the proof of play read back, as CSV or JSON, whole or summed per day.

Reads ``telemetry.sqlite`` through a read-only connection: safe while the player writes (WAL),
and it never creates or changes anything.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from kiosk.errors import StoreError
from kiosk.io.telemetry import COLUMNS, KINDS, Record, connect, database_path, utc_text

FIELDS = ("id", "kind", "subject", "detail", "start", "duration_s", "state", "snapshot", "screen")
SUMMARY_FIELDS = ("day", "kind", "subject", "count", "total_s")


@contextmanager
def reading(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database of ``data_dir`` (a clear error if none)."""
    path = database_path(data_dir)
    if not path.is_file():
        raise StoreError(
            f"{path}: no proof-of-play database (has the player run with this data dir?)"
        )
    with closing(connect(path, read_only=True)) as conn:
        yield conn


def records(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> Iterator[Record]:
    """Records that started in [since, until), in the order they were shown (by id: a clock
    set back while playing does not reorder them)."""
    sql = f"SELECT {COLUMNS} FROM records WHERE kind IN ({','.join('?' * len(kinds))})"
    args: list[Any] = list(kinds)
    if since is not None:
        sql += " AND start >= ?"
        args.append(utc_text(since))
    if until is not None:
        sql += " AND start < ?"
        args.append(utc_text(until))
    try:
        for row in conn.execute(sql + " ORDER BY id", args):
            yield Record(*row)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the proof-of-play database: {exc}") from None


def row_of(record: Record) -> dict[str, Any]:
    duration = None if record.duration_ms is None else record.duration_ms / 1000
    return {
        "id": record.id,
        "kind": record.kind,
        "subject": record.subject,
        "detail": record.detail,
        "start": record.start,
        "duration_s": duration,
        "state": record.state,
        "snapshot": record.snapshot,
        "screen": record.screen,
    }


def summary(found: Iterator[Record], zone: ZoneInfo) -> list[dict[str, Any]]:
    """One row per local day, kind and subject: how many times, and for how long in all."""
    totals: dict[tuple[date, str, str], list[float]] = {}
    for record in found:
        start = datetime.fromisoformat(record.start.replace("Z", "+00:00"))
        key = (start.astimezone(zone).date(), record.kind, record.subject)
        entry = totals.setdefault(key, [0, 0.0])
        entry[0] += 1
        entry[1] += (record.duration_ms or 0) / 1000
    return [
        {"day": day.isoformat(), "kind": kind, "subject": subject, "count": n, "total_s": total}
        for (day, kind, subject), (n, total) in sorted(totals.items())
    ]


def write(rows: Iterator[dict[str, Any]], fields: tuple[str, ...], fmt: str, out: IO[str]) -> int:
    """``rows`` as CSV (a header line, then one line each) or a JSON array; returns the
    number of rows written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
        return count
    out.write("[")
    for row in rows:
        out.write(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
