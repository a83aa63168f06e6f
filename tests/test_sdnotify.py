"""The systemd notification protocol against a real AF_UNIX datagram socket bound by the
test, as systemd binds $NOTIFY_SOCKET: the messages, the watchdog pings from the Qt event
loop (and their absence while the loop is blocked), and the real player in a subprocess."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kiosk.io.sync import sync_once
from kiosk.ops.sdnotify import Notifier, status_line
from kiosk.resources import demo_site
from tests.fixtures_feed import TRUST
from tests.test_run import wait_for


class NotifySocket:
    """What systemd does for a Type=notify service: a datagram socket, each message kept
    with the time it arrived (read on a thread of its own, so it keeps reading while the
    Qt thread under test is blocked)."""

    def __init__(self, abstract: bool = False) -> None:
        self.folder = tempfile.mkdtemp(prefix="kiosk-notify-")  # short: sun_path is 108 bytes
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"kiosk-test-{os.getpid()}-{id(self)}"
            self.sock.bind(b"\0" + name.encode())
            self.env_value = "@" + name
        else:
            path = os.path.join(self.folder, "notify")
            self.sock.bind(path)
            self.env_value = path
        self.sock.settimeout(0.05)
        self.messages: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.messages.append((time.time(), data.decode()))

    def times_of(self, line: str) -> list[float]:
        return [t for t, text in list(self.messages) if line in text.split("\n")]

    def wait_for(self, line: str, timeout: float = 30) -> float:
        deadline = time.monotonic() + timeout
        while not self.times_of(line):
            assert time.monotonic() < deadline, f"no {line} in {self.messages[-5:]}"
            time.sleep(0.02)
        return self.times_of(line)[0]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def notify_socket():
    listener = NotifySocket()
    yield listener
    listener.close()


# -- the protocol ----------------------------------------------------------------------------


def test_messages_reach_a_path_socket_as_one_datagram(notify_socket):
    notifier = Notifier({"NOTIFY_SOCKET": notify_socket.env_value})
    assert notifier.enabled and notifier.watchdog_usec is None
    assert notifier.notify("READY=1", status_line("playing snapshot\n2026-11-23T08:00"))
    notify_socket.wait_for("READY=1", timeout=5)
    [(_, text)] = notify_socket.messages
    assert text == "READY=1\nSTATUS=playing snapshot 2026-11-23T08:00"
    notifier.close()


def test_an_abstract_socket_name_is_reached():
    listener = NotifySocket(abstract=True)
    try:
        assert listener.env_value.startswith("@")
        notifier = Notifier({"NOTIFY_SOCKET": listener.env_value})
        assert notifier.notify("WATCHDOG=1")
        listener.wait_for("WATCHDOG=1", timeout=5)
        notifier.close()
    finally:
        listener.close()


def test_without_systemd_nothing_is_sent_and_nothing_fails():
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.notify("READY=1") is False
    assert Notifier({"NOTIFY_SOCKET": "vsock:2:1234"}).enabled is False


def test_the_watchdog_period_is_for_this_process_only():
    mine = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    assert Notifier(mine).watchdog_usec == 30_000_000
    assert Notifier({"WATCHDOG_USEC": "30000000"}).watchdog_usec == 30_000_000
    # systemd watches its main process (cage, say); a child inheriting the variables must not
    # ping in its place.
    parent = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}
    assert Notifier(parent).watchdog_usec is None
    assert Notifier({"WATCHDOG_USEC": "soon"}).watchdog_usec is None
    assert Notifier({"WATCHDOG_USEC": "0"}).watchdog_usec is None


def test_a_socket_that_is_gone_is_logged_once_and_never_raised(tmp_path, caplog):
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    with caplog.at_level("WARNING", logger="kiosk.ops.sdnotify"):
        for _ in range(5):
            assert notifier.notify("WATCHDOG=1") is False
    notifier.close()
    assert len([r for r in caplog.records if "cannot notify systemd" in r.message]) == 1


# -- the watchdog pings come from the Qt event loop ----------------------------------------


@pytest.mark.gui
def test_a_blocked_event_loop_stops_the_watchdog_pings(qtbot, notify_socket):
    """The proof that a frozen UI gets restarted, done in-process: the Supervisor pings from
    the Qt thread of this test while a datagram socket is read on another thread; then a
    slot run by the event loop blocks the Qt thread for 1.5 s, as a frozen UI would. Stopping
    a subprocess with SIGSTOP would prove nothing: it stops every thread, so a watchdog
    pinging from a worker thread (the bug this guards against) would pass it too. Here only
    the Qt thread is blocked; the reader thread, the GIL and the socket keep working."""
    from PySide6.QtCore import QTimer

    from kiosk.ui.watchdog import Supervisor

    period_usec = 300_000  # pings every 150 ms
    notifier = Notifier({"NOTIFY_SOCKET": notify_socket.env_value, "WATCHDOG_USEC": "300000"})
    supervisor = Supervisor(notifier)
    try:
        assert supervisor.timer.interval() == period_usec // 2000
        qtbot.wait(1000)
        assert len(notify_socket.times_of("WATCHDOG=1")) >= 4  # the loop turns: pings arrive

        blocked: list[float] = []

        def freeze() -> None:
            blocked.append(time.time())
            time.sleep(1.5)
            blocked.append(time.time())

        QTimer.singleShot(0, freeze)
        qtbot.waitUntil(lambda: len(blocked) == 2, timeout=5000)
        qtbot.wait(1000)
        supervisor.stopping()
        notify_socket.wait_for("STOPPING=1", timeout=5)
        count = len(notify_socket.times_of("WATCHDOG=1"))
        qtbot.wait(500)
        assert len(notify_socket.times_of("WATCHDOG=1")) == count  # no ping after STOPPING
    finally:
        supervisor.stopping()
        notifier.close()
    start, end = blocked
    pings = notify_socket.times_of("WATCHDOG=1")
    # The reader stamps a message when it gets it: one sent just before the block may be
    # stamped a little after its start, hence the 0.25 s margin (over a 1.5 s block).
    during = [t for t in pings if start + 0.25 < t < end]
    assert during == [], "a ping arrived while the event loop was blocked"
    gap = min(t for t in pings if t > start + 0.25) - max(t for t in pings if t <= start + 0.25)
    assert gap > 1.2  # systemd saw a silence ten times the ping interval
    assert len([t for t in pings if t >= end]) >= 4  # the loop turns again: the pings resume


@pytest.mark.gui
def test_no_watchdog_asked_no_timer(qtbot, notify_socket):
    from kiosk.ui.watchdog import Supervisor

    supervisor = Supervisor(Notifier({"NOTIFY_SOCKET": notify_socket.env_value}))
    assert not supervisor.timer.isActive()
    qtbot.wait(300)
    assert notify_socket.times_of("WATCHDOG=1") == []


# -- the real player -----------------------------------------------------------------------


def start_player(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        environ.pop(name, None)  # this test run may itself be a systemd service
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "-v", "run", *args],
        env=environ | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )


@pytest.mark.gui
@pytest.mark.slow
def test_the_player_tells_systemd_ready_pings_and_stops_on_sigterm(tmp_path, notify_socket):
    """`kiosk run` as systemd starts it: READY=1 once the first slide is on screen (not
    before the first-frame file is written), WATCHDOG=1 every 150 ms while it plays,
    STOPPING=1 and exit status 0 on SIGTERM."""
    data = tmp_path / "data"
    assert sync_once(str(demo_site()), data, trust=TRUST).status == "new"
    first_frame = tmp_path / "first-frame"
    env = {"NOTIFY_SOCKET": notify_socket.env_value, "WATCHDOG_USEC": "300000"}
    proc = start_player(
        tmp_path,
        "--feed",
        "http://127.0.0.1:9/feed.json",  # nothing listens: the player must not care
        "--data-dir",
        str(data),
        "--first-frame-file",
        str(first_frame),
        env=env,
    )
    try:
        ready = notify_socket.wait_for("READY=1", timeout=40)
        wait_for(first_frame, proc)
        assert float(first_frame.read_text()) <= ready
        deadline = time.monotonic() + 30  # the first sync fails (nothing on port 9)
        while not any(text.startswith("STATUS=last sync") for _, text in notify_socket.messages):
            assert time.monotonic() < deadline, "no STATUS= after the first sync"
            time.sleep(0.05)
        time.sleep(max(0.0, ready + 2 - time.time()))  # at least 2 s of play after READY
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output
    [ready_text] = [text for t, text in notify_socket.messages if t == ready]
    assert ready_text.startswith("READY=1\nSTATUS=playing snapshot ")
    pings_after_ready = [t for t in notify_socket.times_of("WATCHDOG=1") if t > ready]
    assert len(pings_after_ready) >= 8  # 2 s at one every 150 ms, with room for a slow CI
    stopping = notify_socket.wait_for("STOPPING=1", timeout=5)
    assert stopping > ready
    statuses = [text for _, text in notify_socket.messages if text.startswith("STATUS=last sync")]
    assert statuses and "failed" in statuses[0]  # the unreachable feed shows in systemctl status
    assert "Traceback" not in output
    assert "systemd watchdog: a ping every 150 ms" in output
