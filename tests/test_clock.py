"""Clock sanity: a Pi that boots with its clock behind plays by the last good time, never
shows an alert or a slide that already expired, follows the clock again once it is good,
and keeps its last good time across restarts."""

from __future__ import annotations

import os
import signal
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.clock import PLAUSIBLE, SYNCHRONIZED, UNTRUSTED, TrustedClock, publication_time
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.validate import validate
from kiosk.ops.clock import ClockKeeper, load_last_good, save_last_good, timesync_synchronized

REAL = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Fake:
    """A system clock and a monotonic clock that tests move by hand."""

    def __init__(self, system: datetime) -> None:
        self.system = system
        self.mono = 1000.0

    def wall(self) -> datetime:
        return self.system

    def monotonic(self) -> float:
        return self.mono

    def run(self, seconds: float) -> None:
        """Time passes: both clocks move on."""
        self.mono += seconds
        self.system += timedelta(seconds=seconds)


def test_a_clock_behind_the_last_good_time_is_not_used_and_time_keeps_running():
    fake = Fake(REAL - timedelta(days=30))  # booted with the time of a month-old image
    clock = TrustedClock(fake.monotonic, fake.wall, last_good=REAL)
    reading = clock.read()
    assert reading.state == UNTRUSTED and not reading.good
    assert reading.now == REAL and reading.behind == timedelta(days=30)
    fake.run(90)
    assert clock.now() == REAL + timedelta(seconds=90)


def test_the_system_clock_is_followed_again_once_it_is_good():
    fake = Fake(REAL - timedelta(hours=3))
    clock = TrustedClock(fake.monotonic, fake.wall, last_good=REAL)
    assert clock.read().state == UNTRUSTED
    fake.run(60)
    fake.system = REAL + timedelta(hours=2)  # NTP answered: the clock is stepped forward
    reading = clock.read()
    assert reading.state == PLAUSIBLE and reading.now == REAL + timedelta(hours=2)
    # Set back later (a wrong manual setting): time does not run backwards.
    fake.system = REAL
    assert clock.read().state == UNTRUSTED
    assert clock.now() == REAL + timedelta(hours=2)


def test_timesyncd_wins_over_the_saved_time():
    """A last good time saved by a clock that ran ahead is not a reason to stay ahead: a
    synchronized clock is right by definition."""
    fake = Fake(REAL)
    clock = TrustedClock(fake.monotonic, fake.wall, last_good=REAL + timedelta(days=2))
    assert clock.read().state == UNTRUSTED
    clock.set_synchronized(True)
    reading = clock.read()
    assert reading.state == SYNCHRONIZED and reading.now == REAL


def test_a_clock_in_1970_is_never_plausible_even_on_a_first_start():
    fake = Fake(datetime(1970, 1, 1, tzinfo=UTC))
    reading = TrustedClock(fake.monotonic, fake.wall).read()
    assert reading.state == UNTRUSTED and reading.now.year >= 2026


def test_the_feeds_publication_time_is_a_floor():
    feed, _ = validate(
        parse_feed_bytes(
            b'{"version": 1, "site": {"name": "T"}, "rotation": [],'
            b' "publication": {"sequence": 1, "time": "2026-11-25T09:00:00Z"}}',
            "feed.json",
        )
    )
    assert feed is not None
    assert publication_time(feed) == REAL
    fake = Fake(REAL - timedelta(minutes=5))
    clock = TrustedClock(fake.monotonic, fake.wall)
    assert clock.read().state == PLAUSIBLE
    clock.know_past(publication_time(feed))
    assert clock.read().state == UNTRUSTED and clock.now() == REAL


# -- the probe and the saved time (real files, a real subprocess) -------------------------


def fake_timedatectl(folder: Path, answer: str) -> str:
    script = folder / "timedatectl"
    script.write_text(
        f'#!/bin/sh\n[ "$*" = "show -p NTPSynchronized --value" ] || exit 2\necho {answer}\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_timesyncd_is_asked_by_its_flag_file_then_by_timedatectl(tmp_path):
    flag = tmp_path / "synchronized"
    assert timesync_synchronized(flag, fake_timedatectl(tmp_path, "no")) is False
    assert timesync_synchronized(flag, fake_timedatectl(tmp_path, "yes")) is True
    assert timesync_synchronized(flag, str(tmp_path / "absent")) is None
    flag.touch()
    assert timesync_synchronized(flag, str(tmp_path / "absent")) is True


def test_the_last_good_time_survives_a_restart(tmp_path):
    fake = Fake(REAL)
    clock = TrustedClock(fake.monotonic, fake.wall)
    ClockKeeper(clock, tmp_path, flag=tmp_path / "no-flag").run_once()
    assert load_last_good(tmp_path) == REAL
    # Restart with the clock a week behind: the saved time is the floor.
    fake2 = Fake(REAL - timedelta(days=7))
    after = TrustedClock(fake2.monotonic, fake2.wall, last_good=load_last_good(tmp_path))
    assert after.read().state == UNTRUSTED and after.now() == REAL
    # Saving while untrusted keeps the time moving forward, never back.
    fake2.run(120)
    ClockKeeper(after, tmp_path, flag=tmp_path / "no-flag").run_once()
    assert load_last_good(tmp_path) == REAL + timedelta(seconds=120)


def test_an_unreadable_saved_time_is_ignored(tmp_path):
    (tmp_path / "clock.json").write_text("{not json")
    assert load_last_good(tmp_path) is None
    save_last_good(tmp_path, REAL)
    assert load_last_good(tmp_path) == REAL
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- on screen ----------------------------------------------------------------------------


@pytest.mark.gui
@pytest.mark.qt_log_ignore("overrides a member of the base object")
def test_an_expired_alert_does_not_come_back_with_a_clock_behind(qtbot, tmp_path):
    from tests.capkit import cap
    from tests.qmlkit import Clock, close_views, find
    from tests.test_alerts_ui import Kiosk

    # Sent 60 min ago, expired 10 min ago; the screen was on until a minute ago, then
    # rebooted with its clock 30 minutes behind.
    alert = cap("A1", REAL - timedelta(minutes=60), expires=REAL - timedelta(minutes=10))
    behind = Clock(REAL - timedelta(minutes=30), frozen=True)
    try:
        # The system clock alone brings it back (what this protects against).
        naive = Kiosk(tmp_path / "naive", clock=behind)
        naive.publish(alert)
        qtbot.waitUntil(lambda: find(naive.view, "alertOverlay") is not None, timeout=3000)

        trusted = TrustedClock(time.monotonic, behind, last_good=REAL - timedelta(minutes=1))
        k = Kiosk(tmp_path / "trusted", clock=trusted.now)
        k.publish(alert)
        qtbot.wait(300)
        assert find(k.view, "alertOverlay") is None
        assert k.view.alerts.banners == []
        # An alert still in force shows as usual.
        k.publish(cap("A2", REAL - timedelta(minutes=5), expires=REAL + timedelta(hours=1)))
        qtbot.waitUntil(lambda: find(k.view, "alertOverlay") is not None, timeout=3000)
    finally:
        close_views()


@pytest.mark.gui
@pytest.mark.slow
def test_the_player_keeps_the_last_good_time_and_hides_what_expired(tmp_path):
    """`kiosk run` as a real process: the data dir says the clock was 2 hours ahead of the
    system's at the last stop; an alert the system clock thinks is in force stays hidden,
    and the last good time saved at the stop has moved on."""
    from tests.capkit import cap
    from tests.test_run import start_player, wait_for

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
    (site / "alerte.xml").write_bytes(
        cap("A1", now - timedelta(minutes=5), expires=now + timedelta(hours=1))
    )
    data = tmp_path / "data"
    last_good = now + timedelta(hours=2)
    save_last_good(data, last_good)
    first_frame, frames = tmp_path / "first-frame", tmp_path / "alert-frames"
    proc = start_player(
        tmp_path,
        "--feed",
        str(site),
        "--data-dir",
        str(data),
        "--allow-unsigned",
        "--first-frame-file",
        str(first_frame),
        "--alert-frame-file",
        str(frames),
    )
    try:
        wait_for(first_frame, proc)
        deadline = time.monotonic() + 30
        while not (data / "alerts" / "prefecture" / "document").exists():
            assert time.monotonic() < deadline, "the alert source was never polled"
            time.sleep(0.2)
        time.sleep(1.5)
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output
    assert "is behind the last good time" in output
    assert "ALERT on screen" not in output and not frames.exists()
    assert "Traceback" not in output
    saved = load_last_good(data)
    assert saved is not None and saved > last_good
    assert os.stat(data / "clock.json").st_size > 0


def test_a_few_seconds_of_drift_are_not_a_clock_behind():
    """The monotonic and system clocks drift apart a little (NTP slews one): a system
    clock seconds behind the last good time is still believed, so the state does not
    flap between good and untrusted."""
    fake = Fake(REAL - timedelta(seconds=20))
    clock = TrustedClock(fake.monotonic, fake.wall, last_good=REAL)
    reading = clock.read()
    assert reading.state == PLAUSIBLE and reading.now == REAL - timedelta(seconds=20)


@pytest.mark.gui
def test_the_loop_is_redecided_when_the_clock_becomes_good(qtbot, tmp_path):
    """On the saved time, a slide due in an hour is not shown; NTP answers with a time two
    hours on: at the next clock check, it is (not an hour later, when the timer armed on
    the old time would fire)."""
    from kiosk.app import ClockWatch
    from tests.qmlkit import close_views, colour_media, make_site, player_and_view
    from tests.qmlkit import snapshot_of as synced

    later = "2026-11-25T11:00"  # Paris time: REAL + 1 hour
    site = make_site(
        tmp_path / "site",
        "version: 1\nsite: {name: Testville}\nrotation:\n"
        "  - {id: now, type: image, image: media/red.jpg, duration: 0.5}\n"
        "  - {id: later, type: image, image: media/green.jpg, duration: 0.5,\n"
        f"     valid: {{from: '{later}'}}}}\n",
        colour_media("red", "green"),
    )
    fake = Fake(REAL - timedelta(hours=3))
    clock = TrustedClock(fake.monotonic, fake.wall, last_good=REAL)
    try:
        player, view = player_and_view(synced(site, tmp_path / "data"), clock.now)
        watch = ClockWatch(clock, [player.refresh, view.alerts.refresh])
        assert watch.state == UNTRUSTED
        assert player.isActive("now") and not player.isActive("later")
        fake.system = REAL + timedelta(hours=2)
        assert not player.isActive("later")  # nothing re-decided yet
        watch.checked()
        assert watch.state == PLAUSIBLE and player.isActive("later")
    finally:
        close_views()
