"""`kiosk run` as a real process: starts from the last snapshot with no network, writes the
first-frame file, keeps playing while the feed is unreachable, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.io.sync import sync_once
from kiosk.resources import demo_site
from tests.fixtures_feed import TRUST

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def start_player(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "-v", "run", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )


def wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, f"player exited early:\n{proc.communicate()[0]}"
        assert time.monotonic() < deadline, "no first frame"
        time.sleep(0.1)


def test_player_starts_offline_from_its_snapshot_and_stops_on_sigterm(tmp_path):
    data = tmp_path / "data"
    assert sync_once(str(demo_site()), data, trust=TRUST).status == "new"
    first_frame = tmp_path / "first-frame"
    # The feed is unreachable (nothing listens on port 9): the player must not care.
    started = time.time()
    proc = start_player(
        tmp_path,
        "--feed",
        "http://127.0.0.1:9/feed.json",
        "--data-dir",
        str(data),
        "--first-frame-file",
        str(first_frame),
    )
    try:
        wait_for(first_frame, proc)
        stamp = float(first_frame.read_text())
        assert started < stamp < time.time()
        time.sleep(3)  # the first sync fails meanwhile
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "could not fetch the feed" in output
    assert "kept snapshot" in output
    assert "Traceback" not in output
    assert "player stopped" in output


def test_player_with_no_snapshot_shows_the_fallback_then_syncs(tmp_path):
    data = tmp_path / "data"
    first_frame = tmp_path / "first-frame"
    proc = start_player(
        tmp_path,
        "--feed",
        str(demo_site()),
        "--data-dir",
        str(data),
        "--first-frame-file",
        str(first_frame),
    )
    try:
        wait_for(first_frame, proc)  # the fallback slide counts as the first slide
        deadline = time.monotonic() + 30
        while not (data / "current").exists():
            assert time.monotonic() < deadline, "the first sync never ran"
            time.sleep(0.2)
        time.sleep(1)  # the sync logs right after switching `current`; a stop cuts a job short
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output
    assert "new snapshot" in output


def test_player_shows_an_alert_from_its_source_and_keeps_it_across_a_restart(tmp_path):
    """The wiring of the whole flow: feed -> alert poller on its own timer -> board -> QML."""
    from datetime import UTC, datetime, timedelta

    from tests.capkit import cap

    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.yaml").write_text(
        """version: 1
site: {name: Valmorin-sur-Ondine}
rotation:
  - {id: hello, type: announcement, title: Bienvenue, duration: 5}
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap, poll: 5}
""",
        "utf-8",
    )
    now = datetime.now(UTC)
    (site / "alerte.xml").write_bytes(cap("A1", now, expires=now + timedelta(hours=1)))
    data = tmp_path / "data"
    for run in (1, 2):
        frames = tmp_path / f"alert-frames-{run}"
        feed = str(site) if run == 1 else "http://127.0.0.1:9/feed.json"  # 2: offline
        if run == 2:
            (site / "alerte.xml").unlink()  # and the source is gone
        proc = start_player(
            tmp_path,
            "--feed",
            feed,
            "--data-dir",
            str(data),
            "--alert-frame-file",
            str(frames),
            "--allow-unsigned",
        )
        try:
            wait_for(frames, proc, timeout=40)
            assert frames.read_text().split()[1].endswith("A1")
            proc.send_signal(signal.SIGTERM)
            output = proc.communicate(timeout=15)[0]
        finally:
            if proc.poll() is None:
                proc.kill()
        assert "ALERT on screen: Crue majeure" in output
        assert "Traceback" not in output
