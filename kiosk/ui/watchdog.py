"""Keeps systemd informed from the Qt thread: watchdog pings, READY, STATUS, STOPPING.

The pings come from a QTimer of the Qt main thread, never from a worker thread: a worker
would keep pinging while the UI is frozen (a QML loop, a deadlock, a blocking call), and
the frozen screen would stay. Pinged from the event loop, a loop that stops turning stops
the pings, and systemd (``WatchdogSec=``) kills and restarts the player.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.ops.sdnotify import Notifier, status_line

log = logging.getLogger(__name__)


class Supervisor(QObject):
    """Starts pinging at once when systemd asks for a watchdog (``$WATCHDOG_USEC``); the
    pings begin when the event loop runs."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._ping)
        if notifier.watchdog_usec is not None:
            # Half the period, as systemd advises: one late ping is not yet a restart.
            self.timer.setInterval(max(1, notifier.watchdog_usec // 2000))
            self.timer.start()
            log.info("systemd watchdog: a ping every %d ms", self.timer.interval())

    def _ping(self) -> None:
        self.notifier.notify("WATCHDOG=1")

    def ready(self, status: str) -> None:
        """The first slide is on screen: systemd counts the start as done."""
        if self.notifier.notify("READY=1", status_line(status)):
            log.info("told systemd the player is ready")

    def status(self, text: str) -> None:
        """One line for ``systemctl status`` (the last sync, for instance)."""
        self.notifier.notify(status_line(text))

    def stopping(self) -> None:
        self.timer.stop()
        self.notifier.notify("STOPPING=1", status_line("stopping"))
