"""The hidden maintenance page, as QML sees it (``maintenance``).

Five taps in the top-right corner open a PIN pad; the PIN of kiosk.toml's
``maintenance_pin`` opens a status page (network, snapshot, clock, last problems, screen,
version, uptime) and nothing else: no exit, no shell, no setting. It closes with its button
or after :data:`IDLE_SECONDS` without a touch. Without ``maintenance_pin`` there is no
gesture and no page (``enabled`` is false). The rules are in :mod:`kiosk.core.maintenance`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk import __version__
from kiosk.core.clock import TrustedClock
from kiosk.core.maintenance import CornerTaps, PinGuard
from kiosk.ops.logring import RecentProblems

log = logging.getLogger(__name__)

IDLE_SECONDS = 60
REFRESH_MS = 5000  # the status page's values, while it is open


@dataclass
class StatusSource:
    """Where the status page's values come from (the composition root fills it)."""

    feed: str
    screen: str | None
    clock: TrustedClock
    snapshot: Callable[[], Any]
    problems: RecentProblems | None = None
    started: float = field(default_factory=time.monotonic)
    monotonic: Callable[[], float] = time.monotonic
    last_sync: tuple[str, str, datetime] | None = None  # status, message, when

    def record_sync(self, result: Any) -> None:
        self.last_sync = (result.status, result.message, self.clock.now())

    def values(self) -> dict[str, Any]:
        snapshot = self.snapshot()
        feed = snapshot.feed if snapshot is not None else None
        zone = ZoneInfo(feed.site.timezone if feed else "Europe/Paris")
        reading = self.clock.read()
        status, message, when = self.last_sync or ("", "", None)
        published = feed.publication.time if feed and feed.publication else ""
        return {
            "screen": self.screen or "",
            "version": __version__,
            "uptimeSeconds": int(self.monotonic() - self.started),
            "feedHost": feed_host(self.feed),
            "syncStatus": status,
            "syncMessage": message,
            "syncTime": _local(when, zone),
            "snapshotId": snapshot.id if snapshot is not None else "",
            "snapshotTime": _local(_instant(published), zone)
            or _local(_instant(snapshot.meta.created_at) if snapshot else None, zone),
            "clockState": reading.state,
            "clockNow": _local(reading.now, zone),
            "clockSystem": _local(reading.system, zone),
            "problems": self.problems.lines() if self.problems else [],
        }


def feed_host(feed: str) -> str:
    """What the screen talks to: the server's host name, or "file" for a feed on disk."""
    parts = urlsplit(feed)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname
    return "file"


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


class Maintenance(QObject):
    changed = Signal()
    statusChanged = Signal()

    def __init__(
        self,
        pin: str | None,
        status: Callable[[], dict[str, Any]],
        monotonic: Callable[[], float] = time.monotonic,
        idle_seconds: float = IDLE_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._guard = PinGuard(pin, monotonic) if pin else None
        self._taps = CornerTaps(monotonic)
        self._status_of = status
        self._page = ""  # "", "pin" or "status"
        self._wrong = False
        self._status: dict[str, Any] = {}
        self._idle = QTimer(self, singleShot=True, timeout=self.close)
        self._idle.setInterval(int(idle_seconds * 1000))
        self._tick = QTimer(self, interval=1000, timeout=self._second)
        self._refresh_due = 0

    # -- what QML calls ----------------------------------------------------------------------

    @Slot(result=bool)
    def cornerTapped(self) -> bool:
        """A tap in the maintenance corner; True when it completes the gesture (the pad
        opens; the tap then goes no further)."""
        if self._guard is None or self._page or not self._taps.tap():
            return False
        log.info("maintenance: PIN pad opened")
        self._set_page("pin")
        return True

    @Slot(str)
    def submitPin(self, pin: str) -> None:
        if self._guard is None or self._page != "pin":
            return
        self.touched()
        answer = self._guard.check(pin)
        if answer is None:
            return  # locked: the pad's keys are disabled anyway
        if answer:
            log.info("maintenance: status page opened")
            self._wrong = False
            self._set_page("status")
            return
        self._wrong = True
        log.warning(
            "maintenance: wrong PIN (%d in a row); pad locked for %.0f s",
            self._guard.wrong_in_a_row,
            self._guard.locked_for(),
        )
        self.changed.emit()

    @Slot()
    def close(self) -> None:
        if self._page:
            self._set_page("")

    @Slot()
    def touched(self) -> None:
        if self._page:
            self._idle.start()

    # -- internals ---------------------------------------------------------------------------

    def _set_page(self, page: str) -> None:
        self._page = page
        self._wrong = False if page != "pin" else self._wrong
        if page:
            self._idle.start()
            self._tick.start()
        else:
            self._idle.stop()
            self._tick.stop()
        if page == "status":
            self._refresh()
        elif self._status:
            self._status = {}  # nothing of it stays in memory for QML once closed
            self.statusChanged.emit()
        self.changed.emit()

    def _second(self) -> None:
        if self._page == "pin":
            self.changed.emit()  # the lockout countdown
        elif self._page == "status":
            self._refresh_due += 1000
            if self._refresh_due >= REFRESH_MS:
                self._refresh()

    def _refresh(self) -> None:
        self._refresh_due = 0
        self._status = self._status_of()
        self.statusChanged.emit()

    # -- properties --------------------------------------------------------------------------

    def _get_enabled(self) -> bool:
        return self._guard is not None

    enabled = Property(bool, _get_enabled, constant=True)

    def _get_page(self) -> str:
        return self._page

    page = Property(str, _get_page, notify=changed)

    def _get_locked(self) -> int:
        return int(self._guard.locked_for() + 0.999) if self._guard else 0

    #: Whole seconds before the pad accepts another PIN.
    lockedSeconds = Property(int, _get_locked, notify=changed)

    def _get_wrong(self) -> bool:
        return self._wrong

    wrongPin = Property(bool, _get_wrong, notify=changed)

    def _get_status(self) -> dict[str, Any]:
        return self._status

    status = Property("QVariantMap", _get_status, notify=statusChanged)
