"""Official alerts as QML sees them: the full-screen alert, the banners, since when checked.

:class:`AlertBoard` receives each source's :class:`~kiosk.io.alerts.SourceReport` on the
Qt thread, applies the rules of :mod:`kiosk.core.alerts` (in force, this screen's area,
the visitor's language) and publishes plain values. It re-decides when a report arrives,
when the language changes, when the feed changes, and at the next instant an alert starts
or expires (a timer, not a poll): an alert leaves the screen at its ``expires`` time even
with the network down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.alerts import SEVERITY_RANK, Place, Shown, next_change, place_for, shown
from kiosk.core.cap import CapAlert
from kiosk.core.text import french_spacing
from kiosk.ui.dates import LocaleDates

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
#: Longest wait between two decisions (a timer far in the future is re-armed anyway).
MAX_WAIT_MS = 6 * 3600 * 1000


class AlertBoard(QObject):
    changed = Signal()
    #: The full-screen alert appeared (its key) or went (""), for the first-frame hook.
    fullChanged = Signal(str)

    def __init__(
        self,
        language: Callable[[], str],
        clock: Clock | None = None,
        position: tuple[float, float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._clock = clock or (lambda: datetime.now(UTC))
        self._position = position
        self._place = Place(position=position)
        self._test_mode = False
        self._zone = ZoneInfo("Europe/Paris")
        self._reports: dict[str, Any] = {}
        self._sources: set[str] | None = None  # None: accept any (before the feed is known)
        self._shown: list[Shown] = []
        self._full: dict[str, Any] = {}
        self._banners: list[dict[str, Any]] = []
        self._timer = QTimer(self, singleShot=True, timeout=self.refresh)
        self._dates = LocaleDates()

    # -- inputs ------------------------------------------------------------------------------

    def set_snapshot(self, snapshot: Any) -> None:
        """The feed's sources, area, test mode and time zone (reports of sources it no longer
        declares are dropped)."""
        feed = snapshot.feed if snapshot is not None else None
        alerts = feed.alerts if feed is not None else None
        self._place = place_for(alerts.area if alerts else None, self._position)
        self._test_mode = bool(alerts and alerts.test_mode)
        self._sources = {s.id for s in alerts.sources} if alerts else set()
        self._reports = {k: v for k, v in self._reports.items() if k in self._sources}
        if feed is not None:
            self._zone = ZoneInfo(feed.site.timezone)
        self.refresh()

    def accept(self, report: Any) -> None:
        """A :class:`~kiosk.io.alerts.SourceReport`, on the Qt thread."""
        if self._sources is not None and report.source_id not in self._sources:
            return
        self._reports[report.source_id] = report
        self.refresh()

    @property
    def place(self) -> Place:
        return self._place

    @property
    def shown(self) -> list[Shown]:
        return list(self._shown)

    # -- deciding ----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        now = self._clock()
        language = self._language()
        result: list[Shown] = []
        messages: list[CapAlert] = []
        for report in self._reports.values():
            mine = list(report.messages)
            messages += mine
            result += [
                _with_source(s, report.source_id)
                for s in shown(mine, now, language, self._place, self._test_mode)
            ]
        # the rules sort within a source; across sources, most severe then newest first
        result.sort(
            key=lambda s: (
                s.level != "full",
                -SEVERITY_RANK.get(s.severity, 0),
                -s.sent.timestamp(),
            )
        )
        before = self._full.get("key", "")
        full = self._present(next((s for s in result if s.level == "full"), None))
        banners = [self._present(s) for s in result if s.level == "banner"]
        # Most polls change nothing visible: QML is not disturbed then (the banners'
        # Repeater would rebuild its delegates for an equal list).
        visible_change = (full, banners, len(result)) != (
            self._full,
            self._banners,
            len(self._shown),
        )
        self._full, self._banners, self._shown = full, banners, result
        if visible_change:
            self.changed.emit()
        after = self._full.get("key", "")
        if after != before:
            if after:
                log.warning(
                    "ALERT on screen: %s (%s)", self._full["headline"], self._full["severity"]
                )
            else:
                log.info("full-screen alert ended")
            self.fullChanged.emit(after)
        moment = next_change(messages, now)
        if moment is None:
            self._timer.stop()
        else:
            wait = (moment - now).total_seconds() * 1000 + 50
            self._timer.start(int(max(50, min(wait, MAX_WAIT_MS))))

    # -- presenting --------------------------------------------------------------------------

    def _present(self, alert: Shown | None) -> dict[str, Any]:
        if alert is None:
            return {}
        report = self._reports.get(alert.source)
        text = french_spacing if alert.language == "fr" else (lambda value: value)
        return {
            "key": alert.key,
            "level": alert.level,
            "severity": alert.severity,
            "urgency": alert.urgency,
            "event": text(alert.event),
            "headline": text(alert.headline),
            "description": text(alert.description),
            "instruction": text(alert.instruction),
            "sender": text(alert.sender),
            "areas": text(alert.areas),
            "language": alert.language,
            "test": alert.test,
            "sentDate": self._date(alert.sent),
            "sentTime": self._time(alert.sent),
            "expiresDate": self._date(alert.expires) if alert.expires else "",
            "expiresTime": self._time(alert.expires) if alert.expires else "",
            "checkedTime": self._time(report.last_checked)
            if report and report.last_checked
            else "",
            "failingSince": (
                self._moment(report.failing_since) if report and report.failing_since else ""
            ),
        }

    def _date(self, moment: datetime) -> str:
        """'mardi 24 novembre' / 'Tuesday 24 November', in the site's zone."""
        return self._dates.day(moment.astimezone(self._zone).date(), self._language())

    def _time(self, moment: datetime) -> str:
        """'6 h 30' (French typography) / '6:30 am', in the site's zone."""
        return self._dates.time(moment.astimezone(self._zone).time(), self._language())

    def _moment(self, moment: datetime) -> str:
        """A time today, else date and time (for "could not check since ...")."""
        if moment.astimezone(self._zone).date() == self._clock().astimezone(self._zone).date():
            return self._time(moment)
        return f"{self._date(moment)} {self._time(moment)}"

    # -- properties --------------------------------------------------------------------------

    def _get_full(self) -> dict[str, Any]:
        return self._full

    full = Property("QVariantMap", _get_full, notify=changed)

    def _get_has_full(self) -> bool:
        return bool(self._full)

    fullScreen = Property(bool, _get_has_full, notify=changed)

    def _get_more(self) -> int:
        return max(0, sum(1 for s in self._shown if s.level == "full") - 1)

    moreFull = Property(int, _get_more, notify=changed)

    def _get_banners(self) -> list[dict[str, Any]]:
        return self._banners

    banners = Property("QVariantList", _get_banners, notify=changed)


def _order(alert: Shown) -> tuple[bool, int, float]:
    return (alert.level != "full", -SEVERITY_RANK.get(alert.severity, 0), -alert.sent.timestamp())


def _with_source(alert: Shown, source_id: str) -> Shown:
    return replace(alert, source=source_id, key=f"{source_id}:{alert.key}")
