"""The heartbeat against a real HTTP server on 127.0.0.1 that fails, goes away and comes back:
every proof-of-play record arrives in exactly one batch id, batches are re-sent byte for byte,
and a refused token is logged once and retried."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk import __version__
from kiosk.io import spool, telemetry
from kiosk.io.heartbeat import Heartbeat, soc_temperature
from kiosk.io.telemetry import Recorder
from tests.httpserver import Request, TestServer

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TOKEN = "totem-place-7f3a9c"


class Receiver:
    """What the studio's receiving side does: check the token, keep the first copy of each
    batch id, answer with the status the test chooses."""

    def __init__(self) -> None:
        self.token = TOKEN
        self.status = 204
        self.batch_status: int | None = None  # batches only: another answer than `status`
        self.heartbeats: list[dict[str, Any]] = []
        self.batches: dict[str, bytes] = {}  # batch id -> first body received
        self.copies: dict[str, list[bytes]] = {}  # every body received per batch id

    def __call__(self, request: Request) -> int:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return 401
        message = json.loads(request.body)
        if message["kind"] == "proof-of-play":
            batch = message["batch_id"]
            assert request.headers.get("idempotency-key") == batch
            self.copies.setdefault(batch, []).append(request.body)
            status = self.batch_status or self.status
            if status < 300 or status == 500:  # 500: stored, then the answer was lost
                self.batches.setdefault(batch, request.body)
            return status
        if self.status < 300:
            self.heartbeats.append(message)
        return self.status

    def record_ids(self) -> list[int]:
        return [r["id"] for body in self.batches.values() for r in json.loads(body)["records"]]


def status() -> dict[str, Any]:
    return {
        "snapshot": "3f9a1c2b7d4e0a11",
        "current_item": "expo",
        "last_sync": {"status": "unchanged", "message": "feed unchanged", "at": "x"},
        "display_power": None,
    }


def record(rec: Recorder, first: int, count: int) -> None:
    for n in range(first, first + count):
        rec.play(f"item-{n}", "3f9a1c2b7d4e0a11")
    rec.stop_play()
    assert rec.flush()


def heartbeat(url: str, data_dir: Path, **options: Any) -> Heartbeat:
    return Heartbeat(url, TOKEN, data_dir, status, "totem-place", **options)


@pytest.mark.slow
def test_every_record_arrives_exactly_once_across_failures_and_an_outage(tmp_path: Path) -> None:
    rec = Recorder(tmp_path, "totem-place")
    receiver = Receiver()
    server = TestServer().start()
    server.on_post = receiver
    port = server.port
    beat = heartbeat(server.url("/heartbeat"), tmp_path, batch_records=40)
    try:
        record(rec, 1, 100)
        outcome = beat.run_once()  # all goes well
        assert (outcome.error, outcome.delivered) == (None, 3)

        record(rec, 101, 100)
        receiver.status = 503  # the server is up but unwell
        assert beat.run_once().error == "HTTP 503 Service Unavailable"
        assert beat.run_once().error == "HTTP 503 Service Unavailable"

        receiver.status, receiver.batch_status = 200, 500  # stores a batch, then fails
        assert beat.run_once().error == "HTTP 500 Internal Server Error"
        assert len(receiver.batches) == 4  # the receiver has it; the screen does not know

        server.stop()  # the server is gone; the screen goes on playing
        record(rec, 201, 100)
        outcome = beat.run_once()
        assert outcome.error and outcome.error.startswith("cannot connect")

        server = TestServer(port).start()  # back, on the same address
        server.on_post = receiver
        receiver.status, receiver.batch_status = 200, None
        while beat.run_once().delivered:
            pass
    finally:
        rec.close()
        beat.close()
        server.stop()

    ids = receiver.record_ids()
    assert sorted(ids) == list(range(1, 301)), "a record is missing or came twice"
    for batch, copies in receiver.copies.items():
        assert len(set(copies)) == 1, f"batch {batch} changed between two sends"
    assert any(len(c) > 1 for c in receiver.copies.values()), "nothing was ever re-sent"
    # The screen's own spool agrees: nothing left to send, nothing pending.
    conn = telemetry.connect(tmp_path / "telemetry.sqlite")
    assert spool.unsent_count(conn) == 0 and spool.pending_batch(conn) is None
    conn.close()


def test_the_heartbeat_says_what_the_screen_is_doing(tmp_path: Path) -> None:
    rec = Recorder(tmp_path, "totem-place")
    record(rec, 1, 3)
    receiver = Receiver()
    with TestServer() as server:
        server.on_post = receiver
        beat = heartbeat(server.url("/hb"), tmp_path, clock=lambda: T0)
        beat.run_once()
        beat.close()
        first = server.requests[0]
    rec.close()
    assert first.headers["authorization"] == f"Bearer {TOKEN}"
    assert first.headers["content-type"] == "application/json"
    [message] = receiver.heartbeats
    assert message["kind"] == "heartbeat" and message["version"] == 1
    assert message["screen"] == "totem-place" and message["kiosk_version"] == __version__
    assert message["sent_at"] == "2026-11-25T09:00:00.000Z"
    assert (message["snapshot"], message["current_item"]) == ("3f9a1c2b7d4e0a11", "expo")
    assert message["last_sync"]["status"] == "unchanged"
    assert message["unsent_records"] == 3  # counted before the batch went
    assert message["disk_free_bytes"] > 0 and message["uptime_s"] >= 0
    assert "soc_temperature_c" in message and message["display_power"] is None
    [body] = receiver.batches.values()
    batch = json.loads(body)
    assert batch["formed_at"] == "2026-11-25T09:00:00.000Z"
    assert [r["subject"] for r in batch["records"]] == ["item-1", "item-2", "item-3"]
    assert set(batch["records"][0]) == {
        "id", "kind", "subject", "detail", "start", "duration_ms", "state", "snapshot"
    }  # fmt: skip


def test_a_refused_token_is_logged_once_and_retried(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rec = Recorder(tmp_path, "totem-place")
    record(rec, 1, 5)
    receiver = Receiver()
    receiver.token = "not-yet-registered"  # the studio has not registered this screen yet
    with TestServer() as server:
        server.on_post = receiver
        beat = heartbeat(server.url("/hb"), tmp_path)
        with caplog.at_level(logging.INFO, logger="kiosk.io.heartbeat"):
            for _ in range(3):
                outcome = beat.run_once()
                assert outcome.error and "HTTP 401" in outcome.error
            refusals = [r for r in caplog.records if "refused this screen's token" in r.message]
            assert len(refusals) == 1 and refusals[0].levelno == logging.WARNING
            assert not receiver.batches  # nothing accepted, nothing lost
            receiver.token = TOKEN  # registered: the next run gets through
            assert beat.run_once().delivered == 1
            beat.close()
        assert "delivered again" in caplog.text
    rec.close()
    assert sorted(receiver.record_ids()) == [1, 2, 3, 4, 5]
    assert server.hits["/hb"] == 3 + 2  # each refused run stopped at the heartbeat


def test_a_409_acknowledges_a_batch_the_receiver_already_has(tmp_path: Path) -> None:
    rec = Recorder(tmp_path, "totem-place")
    record(rec, 1, 2)
    rec.close()
    answers = iter([204, 409, 204])
    with TestServer() as server:
        server.on_post = lambda request: next(answers)
        beat = heartbeat(server.url("/hb"), tmp_path)
        assert beat.run_once().delivered == 1
        assert beat.run_once().delivered == 0  # nothing left: not re-sent
        beat.close()


def test_open_records_wait_until_they_are_closed(tmp_path: Path) -> None:
    rec = Recorder(tmp_path, "totem-place")
    rec.play("lone", "s")
    assert rec.flush()
    receiver = Receiver()
    with TestServer() as server:
        server.on_post = receiver
        beat = heartbeat(server.url("/hb"), tmp_path)
        assert beat.run_once().delivered == 0
        rec.play("next", "s")
        assert rec.flush()
        assert beat.run_once().delivered == 1
        beat.close()
    rec.close()
    assert receiver.record_ids() == [1]


def test_soc_temperature_where_the_kernel_gives_it(tmp_path: Path) -> None:
    zone = tmp_path / "temp"
    zone.write_text("48312\n")
    assert soc_temperature(zone) == 48.3
    assert soc_temperature(tmp_path / "missing") is None
    zone.write_text("garbage")
    assert soc_temperature(zone) is None


def test_batches_are_formed_once_per_record(tmp_path: Path) -> None:
    """Forming is one transaction: a record never lands in two batches."""
    rec = Recorder(tmp_path, "totem-place")
    record(rec, 1, 25)
    rec.close()
    conn = telemetry.connect(tmp_path / "telemetry.sqlite")
    ids = iter(["b1", "b2", "b3", "b4"])
    formed = []
    while (
        batch := spool.form_batch(
            conn, lambda i, rows: json.dumps([r.id for r in rows]).encode(),
            lambda: next(ids), T0 + timedelta(seconds=len(formed)), limit=10,
        )
    ) is not None:  # fmt: skip
        formed.append(json.loads(batch.body))
    conn.close()
    assert formed == [list(range(1, 11)), list(range(11, 21)), list(range(21, 26))]


def test_the_heartbeat_goes_even_when_the_proof_database_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "telemetry.sqlite").write_bytes(b"not a database at all" * 100)
    receiver = Receiver()
    with TestServer() as server:
        server.on_post = receiver
        beat = heartbeat(server.url("/hb"), tmp_path)
        outcome = beat.run_once()
        beat.close()
    assert outcome.heartbeat_ok and outcome.error and "proof-of-play database" in outcome.error
    [message] = receiver.heartbeats
    assert message["unsent_records"] is None and message["current_item"] == "expo"
