"""Proof of play in a real SQLite file: what is written, WAL, crash safety, retention, and
``kiosk stats`` reading it back (also while a recorder holds it open)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config, read_heartbeat_token
from kiosk.errors import ConfigError
from kiosk.io import spool, stats, telemetry
from kiosk.io.telemetry import Recorder, Retention

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Clocks:
    """A wall clock and a monotonic clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.wall = start
        self.mono = 1000.0

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono


def recorder(data_dir: Path, clocks: Clocks, **options) -> Recorder:
    return Recorder(
        data_dir, "totem-place", clock=clocks.now, monotonic=clocks.monotonic, **options
    )


def rows(data_dir: Path) -> list[telemetry.Record]:
    with stats.reading(data_dir) as conn:
        return list(stats.records(conn))


def test_every_kind_is_recorded_with_its_duration_in_a_wal_database(tmp_path: Path) -> None:
    clocks = Clocks()
    rec = recorder(tmp_path, clocks)
    rec.play("expo", "snap1")
    rec.qr("expo", "www.valmorin.fr/expo", "snap1")
    clocks.advance(12.5)
    rec.play("marche", "snap1")  # ends the play of "expo"
    clocks.advance(3)
    rec.page("services/etat-civil", "snap1")
    rec.alert_on("vigicrues:FR-1", "full/Severe", "snap1")
    clocks.advance(40)
    rec.alert_off("vigicrues:FR-1")
    rec.stop_play()  # a visit covers the loop
    assert rec.flush()
    found = rows(tmp_path)
    assert [(r.kind, r.subject, r.duration_ms, r.state) for r in found] == [
        ("play", "expo", 12500, "closed"),
        ("qr", "expo", None, "closed"),
        ("play", "marche", 43000, "closed"),
        ("page", "services/etat-civil", None, "closed"),
        ("alert", "vigicrues:FR-1", 40000, "closed"),
    ]
    assert found[0].start == "2026-11-25T09:00:00.000Z"
    assert found[1].detail == "www.valmorin.fr/expo"
    assert found[4].detail == "full/Severe"
    assert {r.screen for r in found} == {"totem-place"} and {r.snapshot for r in found} == {"snap1"}
    rec.close()
    with sqlite3.connect(tmp_path / "telemetry.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == telemetry.SCHEMA_VERSION
    conn.close()


def test_a_clean_stop_closes_the_play_on_screen_with_its_exact_duration(tmp_path: Path) -> None:
    clocks = Clocks()
    rec = recorder(tmp_path, clocks)
    rec.play("expo", "s")
    assert rec.flush()
    assert [(r.state, r.duration_ms) for r in rows(tmp_path)] == [("open", 0)]
    clocks.advance(7)
    rec.close()
    assert [(r.state, r.duration_ms) for r in rows(tmp_path)] == [("closed", 7000)]


def test_setting_the_clock_does_not_change_a_duration(tmp_path: Path) -> None:
    clocks = Clocks()
    rec = recorder(tmp_path, clocks)
    rec.play("expo", "s")
    clocks.mono += 10
    clocks.wall -= timedelta(hours=2)  # NTP steps the clock back while the slide shows
    rec.play("marche", "s")
    rec.close()
    assert [r.duration_ms for r in rows(tmp_path)] == [10000, 0]


def test_a_database_from_a_newer_kiosk_is_refused_and_recording_stays_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "telemetry.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    rec = recorder(tmp_path, Clocks())
    rec.play("expo", "s")  # must not raise into the player
    rec.close()
    assert "written by a newer kiosk (schema 99" in caplog.text
    with pytest.raises(telemetry.StoreError, match="newer kiosk"):
        rows(tmp_path)


def test_a_damaged_database_is_put_aside_and_recording_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "telemetry.sqlite").write_bytes(b"\x00garbage from a dying SD card" * 200)
    rec = recorder(tmp_path, Clocks())
    rec.play("expo", "s")
    rec.close()
    assert [r.subject for r in rows(tmp_path)] == ["expo"]
    [aside] = tmp_path.glob("telemetry.sqlite.damaged-*")
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert "moved to" in caplog.text


@pytest.mark.slow
def test_a_stuck_disk_drops_records_but_never_blocks_the_caller(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rec = recorder(tmp_path, Clocks())
    assert rec.flush()
    blocker = sqlite3.connect(tmp_path / "telemetry.sqlite", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # the writer waits (busy timeout) meanwhile
    started = time.monotonic()
    for n in range(telemetry.MAX_QUEUED + 2000):
        rec.page(f"p{n}", "s")
    assert time.monotonic() - started < 5  # the Qt thread never waited for the disk
    blocker.rollback()
    blocker.close()
    rec.close(timeout=20)
    stuck = [r for r in caplog.records if "the writer is stuck" in r.message]
    assert len(stuck) == 1  # logged once, not per record
    kept = [r.subject for r in rows(tmp_path)]
    assert telemetry.MAX_QUEUED <= len(kept) < telemetry.MAX_QUEUED + 2000
    assert kept[:3] == ["p0", "p1", "p2"]  # what was queued is written, in order


# -- a crash -----------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.io.telemetry import Recorder
    rec = Recorder(Path(sys.argv[1]), "hall", checkpoint=0.1)
    n = 0
    while True:
        n += 1
        rec.play(f"item-{n}", "snap")
        rec.page("home", "snap")
        time.sleep(0.002)
    """
)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_writes_loses_nothing_committed(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)])
    db = tmp_path / "telemetry.sqlite"
    try:
        deadline = time.monotonic() + 30
        count = 0
        while time.monotonic() < deadline and count < 400:
            time.sleep(0.05)
            if db.is_file():
                try:
                    count = len(rows(tmp_path))
                except telemetry.StoreError:
                    count = 0  # the schema is being created
        assert count >= 400, "the writer did not write"
        os.kill(proc.pid, signal.SIGKILL)  # while it writes: it never stops by itself
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    after = rows(tmp_path)
    assert len(after) >= count  # everything a reader saw committed is still there
    plays = [r for r in after if r.kind == "play"]
    assert [r.subject for r in plays] == [f"item-{i}" for i in range(1, len(plays) + 1)]
    assert [r.state for r in plays[:-1]] == ["closed"] * (len(plays) - 1)
    assert plays[-1].state == "open"  # the slide on screen when the power went
    # The next start closes it as interrupted, with the duration of its last checkpoint.
    Recorder(tmp_path, "hall").close()
    last = rows(tmp_path)[plays[-1].id - 1]
    assert (last.id, last.state) == (plays[-1].id, "interrupted")
    assert last.duration_ms is not None


def test_an_open_play_is_checkpointed_while_it_lasts(tmp_path: Path) -> None:
    rec = Recorder(tmp_path, "hall", checkpoint=0.1)
    rec.play("lone-item", "s")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.05)
        found = rows(tmp_path) if (tmp_path / "telemetry.sqlite").is_file() else []
        if found and (found[0].duration_ms or 0) >= 200:
            break
    rec.close()
    assert found[0].state == "open" and found[0].duration_ms >= 200


# -- retention ---------------------------------------------------------------------------------


def test_records_older_than_the_retention_go_at_start(tmp_path: Path) -> None:
    clocks = Clocks(T0 - timedelta(days=30))
    rec = recorder(tmp_path, clocks)
    for day in range(30):
        rec.play(f"day-{day}", "s")
        clocks.advance(86400)
    rec.close()
    assert len(rows(tmp_path)) == 30
    rec = recorder(tmp_path, Clocks(T0), retention=Retention(days=10))
    assert rec.flush()
    rec.close()
    kept = rows(tmp_path)
    assert [r.subject for r in kept] == [f"day-{d}" for d in range(20, 30)]


def test_the_database_stays_under_its_size_keeping_the_newest(tmp_path: Path) -> None:
    conn = telemetry.connect(tmp_path / "telemetry.sqlite")
    with conn:
        conn.executemany(
            "INSERT INTO records (kind, subject, start, duration_ms, snapshot, screen) "
            "VALUES ('play', ?, ?, 10000, 'a-snapshot-id-of-some-length', 'totem-place')",
            [
                (f"item-{i:06d}", telemetry.utc_text(T0 + timedelta(seconds=10 * i)))
                for i in range(40000)
            ],
        )
    assert telemetry._used_bytes(conn) > 3 * 1024 * 1024
    limit = Retention(days=400, max_bytes=1024 * 1024)
    deleted = telemetry.apply_retention(conn, limit, T0 + timedelta(days=5))
    assert deleted > 0 and telemetry._used_bytes(conn) <= limit.max_bytes
    left = [r[0] for r in conn.execute("SELECT subject FROM records ORDER BY id")]
    conn.close()
    assert left == [f"item-{i:06d}" for i in range(40000 - len(left), 40000)]  # the newest
    assert len(left) > 1000
    size = (tmp_path / "telemetry.sqlite").stat().st_size
    assert size <= 1.2 * limit.max_bytes  # freed pages go back (incremental vacuum)


def test_retention_keeps_a_batch_still_owed_to_the_receiver(tmp_path: Path) -> None:
    conn = telemetry.connect(tmp_path / "telemetry.sqlite")
    with conn:
        conn.execute(
            "INSERT INTO records (kind, subject, start) VALUES ('page', 'home', ?)",
            (telemetry.utc_text(T0),),
        )
    batch = spool.form_batch(conn, lambda i, r: b"body", lambda: "b1", T0)
    assert batch is not None
    telemetry.apply_retention(conn, Retention(days=1), T0 + timedelta(days=3))
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 0
    assert spool.pending_batch(conn) == spool.Batch("b1", b"body", 0)
    conn.close()


# -- kiosk stats -------------------------------------------------------------------------------


@pytest.fixture
def week(tmp_path: Path) -> Path:
    """Three days of records: each day two plays of "expo", one of "marche", a QR, a page."""
    clocks = Clocks(datetime(2026, 11, 23, 7, 0, tzinfo=UTC))  # 8:00 in Paris
    rec = recorder(tmp_path, clocks)
    for _day in range(3):
        for item in ("expo", "marche", "expo"):
            rec.play(item, "s1")
            if item == "marche":
                rec.qr("marche", "www.valmorin.fr/marché", "s1")
            clocks.advance(10)
        rec.stop_play()
        rec.page("services", "s1")
        clocks.advance(86400 - 30)
    rec.close()
    return tmp_path


def stats_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["stats", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_csv_has_every_record(week: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = stats_cli(capsys, "--data-dir", str(week))
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == 3 * 5
    assert list(table[0]) == list(stats.FIELDS)
    assert table[0] == {
        "id": "1",
        "kind": "play",
        "subject": "expo",
        "detail": "",
        "start": "2026-11-23T07:00:00.000Z",
        "duration_s": "10.0",
        "state": "closed",
        "snapshot": "s1",
        "screen": "totem-place",
    }
    assert table[2]["detail"] == "www.valmorin.fr/marché"
    assert table[4]["duration_s"] == ""  # a page has no duration


def test_stats_json_filtered_by_day_and_kind(week: Path, capsys: pytest.CaptureFixture[str]):
    code, out, _ = stats_cli(
        capsys,
        "--data-dir",
        str(week),
        "--since",
        "2026-11-24",
        "--until",
        "2026-11-24",  # a day: included
        "--kind",
        "play",
        "--format",
        "json",
    )
    assert code == 0
    found = json.loads(out)
    assert [(r["subject"], r["duration_s"]) for r in found] == [
        ("expo", 10.0),
        ("marche", 10.0),
        ("expo", 10.0),
    ]
    assert all(r["start"].startswith("2026-11-24T07:00") for r in found[:1])


def test_stats_date_times_are_site_time_unless_they_say_otherwise(
    week: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(week), "--kind", "play", "--format", "json"]
    _, local, _ = stats_cli(capsys, *args, "--since", "2026-11-25T08:00:10")  # Paris
    _, utc, _ = stats_cli(capsys, *args, "--since", "2026-11-25T07:00:10Z")
    assert json.loads(local) == json.loads(utc)
    assert [r["subject"] for r in json.loads(local)] == ["marche", "expo"]


def test_stats_summary_per_day_and_item(week: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = stats_cli(capsys, "--data-dir", str(week), "--summary", "--kind", "play")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["day"], r["subject"], r["count"], r["total_s"]) for r in table] == [
        ("2026-11-23", "expo", "2", "20.0"),
        ("2026-11-23", "marche", "1", "10.0"),
        ("2026-11-24", "expo", "2", "20.0"),
        ("2026-11-24", "marche", "1", "10.0"),
        ("2026-11-25", "expo", "2", "20.0"),
        ("2026-11-25", "marche", "1", "10.0"),
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "yesterday"], "--since 'yesterday': not a date; expected a day like"),
        (["--until", "2026-13-01"], "--until '2026-13-01': not a date"),
        (
            ["--since", "2026-11-25", "--until", "2026-11-24T00:00"],
            "--since 2026-11-25 is not before --until 2026-11-24T00:00",
        ),
        (["--zone", "Mars/Olympus"], "--zone 'Mars/Olympus': unknown time zone"),
    ],
)
def test_stats_bad_dates_are_explained(
    week: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = stats_cli(capsys, "--data-dir", str(week), *args)
    assert code == 1 and out == ""
    assert err.startswith("kiosk stats: ") and message in err


def test_stats_without_a_database_says_where_it_looked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = stats_cli(capsys, "--data-dir", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'telemetry.sqlite'}: no proof-of-play database" in err
    assert not (tmp_path / "telemetry.sqlite").exists()  # stats never creates it


def test_stats_reads_while_the_player_writes(tmp_path: Path, capsys) -> None:
    clocks = Clocks()
    rec = recorder(tmp_path, clocks)
    rec.play("expo", "s")
    clocks.advance(5)
    rec.play("marche", "s")
    assert rec.flush()
    code, out, _ = stats_cli(capsys, "--data-dir", str(tmp_path), "--format", "json")
    assert code == 0
    assert [(r["subject"], r["state"]) for r in json.loads(out)] == [
        ("expo", "closed"),
        ("marche", "open"),
    ]
    rec.play("expo", "s")  # the writer goes on after the reader
    rec.close()
    assert len(rows(tmp_path)) == 3


def test_stats_reads_the_data_dir_of_the_config(tmp_path: Path, week: Path, capsys) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{week}"\n')
    code, out, _ = stats_cli(capsys, "--config", str(config), "--format", "json")
    assert code == 0 and len(json.loads(out)) == 15


# -- configuration -----------------------------------------------------------------------------


def test_telemetry_keys_are_read(tmp_path: Path) -> None:
    (tmp_path / "hb.token").write_text("s3cr3t-totem-place\n")
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "stats_retention_days = 800\nstats_max_mb = 64\n"
        'heartbeat_url = "https://kiosk.valmorin.fr/heartbeat"\n'
        'heartbeat_token_file = "hb.token"\nheartbeat_interval = 60\n'
    )
    config = load_config(path)
    assert (config.stats_retention_days, config.stats_max_mb) == (800, 64)
    assert config.heartbeat_token_file == tmp_path / "hb.token"
    assert config.heartbeat_interval == 60
    assert read_heartbeat_token(config) == "s3cr3t-totem-place"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("stats_retention_days = 0", "`stats_retention_days` must be at least 1 day"),
        ("stats_retention_days = 1.5", "`stats_retention_days` = 1.5; expected int"),
        ("stats_max_mb = 0.5", "`stats_max_mb` must be at least 1"),
        ("heartbeat_interval = 5", "`heartbeat_interval` must be at least 30 seconds"),
        ('heartbeat_url = "ftp://x.fr/"', "expected an https:// address"),
        ('heartbeat_url = "http://kiosk.valmorin.fr/hb"', "the screen's token would cross"),
        ('heartbeat_url = "https://kiosk.valmorin.fr/hb"', "needs `heartbeat_token_file`"),
    ],
)
def test_bad_telemetry_keys_are_explained(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text + "\n")
    with pytest.raises(ConfigError, match="^" + str(path).replace(".", r"\.")) as info:
        load_config(path)
    assert expected in str(info.value)


@pytest.mark.parametrize("content", ["", "two words\n", "a\nb\n"])
def test_a_bad_token_file_is_a_config_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "hb.token").write_text(content)
    path = tmp_path / "kiosk.toml"
    path.write_text('heartbeat_url = "https://h.fr/hb"\nheartbeat_token_file = "hb.token"\n')
    with pytest.raises(ConfigError, match=r"heartbeat_token_file .*hb\.token: expected"):
        read_heartbeat_token(load_config(path))
    (tmp_path / "hb.token").unlink()
    with pytest.raises(ConfigError, match=r"hb\.token: cannot read"):
        read_heartbeat_token(load_config(path))


def test_every_telemetry_key_is_documented() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    reference = (docs / "configuration.md").read_text("utf-8")
    example = (docs / "kiosk.example.toml").read_text("utf-8")
    for key in (
        "stats_retention_days",
        "stats_max_mb",
        "heartbeat_url",
        "heartbeat_token_file",
        "heartbeat_interval",
    ):
        assert f"`{key}`" in reference, key
        assert f"{key} = " in example, key
