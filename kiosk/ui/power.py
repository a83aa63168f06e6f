"""The display power schedule, applied: a black cover, a paused loop, the panel switched.

:class:`PowerController` asks :func:`kiosk.core.power.power_state` what the screen should
be, and sets one single-shot timer for the next change (no polling). It decides again when
the snapshot changes, when a full-screen alert comes or goes (an alert wakes the screen at
once), when a visit ends (a visit in progress is never cut: the screen goes off after it),
and when the system clock jumps (a Pi with no RTC sets its clock from NTP after boot).

While off, QML covers everything with black and pauses the loop and the ticker (no slide
changes, no video: the CPU rests too), and presses go no further than the cover: a street
screen must stay dark at night, and an indoor one was switched off on purpose. The panel
command runs on a worker thread of its own, in order; its result comes back by signal.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.power import PowerState, power_state

log = logging.getLogger(__name__)

#: Longest single wait: a timer far in the future is re-armed anyway.
MAX_WAIT_MS = 6 * 3600 * 1000
#: A difference this large between the wall clock and the monotonic clock is a clock jump.
CLOCK_JUMP = timedelta(seconds=30)


class PowerController(QObject):
    changed = Signal()
    #: A :class:`kiosk.ops.power.SwitchResult`, emitted on the worker thread (queued here).
    _switched = Signal(object)

    def __init__(
        self,
        player: Any,
        alerts: Any,
        session: Any,
        switch: Any = None,
        active: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """``switch``: a :class:`kiosk.ops.power.PowerSwitch` (None: the black cover only);
        ``active``: False for previews, which always show the screen on."""
        super().__init__(parent)
        self._player = player
        self._alerts = alerts
        self._session = session
        self._switch = switch
        self._active = active
        self._state = PowerState(True, "always", None)
        self._visit_hold = False  # the schedule says off, but a visit is in progress
        self._applied: bool | None = None
        self._backend = switch.name if switch is not None else "black"
        self._error: str | None = None
        self._since = player.now()
        self._clock_offset = self._offset()
        self._timer = QTimer(self, singleShot=True, timeout=self.refresh)
        self._executor: ThreadPoolExecutor | None = None
        self._switched.connect(self._on_switched)
        if active:
            player.siteChanged.connect(self.refresh)
            player.clockChanged.connect(self._clock_ticked)
            alerts.fullChanged.connect(self.refresh)
            session.activeChanged.connect(self.refresh)
            self.refresh()

    # -- deciding ----------------------------------------------------------------------------

    @Slot()
    def refresh(self, *_: Any) -> None:
        now = self._player.now()
        snapshot = self._player.snapshot
        feed = snapshot.feed if snapshot is not None else None
        state = power_state(feed, self._player.screen, now, alert=self._alerts.fullScreen)
        hold = not state.on and self._session.active
        before = (self.on, self._state.reason)
        self._state, self._visit_hold = state, hold
        if (self.on, self._state.reason) != before:
            self._since = now
            log.info("display %s (%s)", "on" if self.on else "off", self.reason)
            self.changed.emit()
        self._apply()
        self._arm(state.until, now)

    def _arm(self, when: datetime | None, now: datetime) -> None:
        if when is None:
            self._timer.stop()
            return
        ms = (when - now) / timedelta(milliseconds=1) + 50  # land just after the edge
        self._timer.start(int(min(max(ms, 0), MAX_WAIT_MS)))

    def _offset(self) -> float:
        return self._player.now().timestamp() - time.monotonic()

    def _clock_ticked(self) -> None:
        """Each minute (the header clock): a jump of the wall clock re-decides at once; the
        timer, which counts monotonic time, would otherwise fire at the wrong moment."""
        offset = self._offset()
        if abs(offset - self._clock_offset) > CLOCK_JUMP.total_seconds():
            log.info(
                "the clock jumped by %+.0f s: display schedule re-read", offset - self._clock_offset
            )
            self._clock_offset = offset
            self.refresh()

    # -- switching the panel -----------------------------------------------------------------

    def _apply(self) -> None:
        on = self.on
        if on == self._applied:
            return
        self._applied = on
        if self._switch is None:
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-power")
        self._executor.submit(self._run_switch, on)

    def _run_switch(self, on: bool) -> None:  # on the worker thread: no QObject touched
        try:
            result = self._switch.switch(on)
        except Exception:  # a bug here must not leave the cover wrong
            log.exception("display power switch failed unexpectedly")
            return
        self._switched.emit(result)

    def _on_switched(self, result: Any) -> None:
        if (result.backend, result.error) != (self._backend, self._error):
            self._backend, self._error = result.backend, result.error
            self.changed.emit()

    def close(self) -> None:
        """Stop the timer and the worker (a command running is left to its timeout)."""
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Until every command asked so far has run (tests and shutdown)."""
        if self._executor is not None:
            self._executor.submit(lambda: None).result(timeout)

    # -- state -------------------------------------------------------------------------------

    @property
    def on(self) -> bool:
        return self._state.on or self._visit_hold or not self._active

    @property
    def reason(self) -> str:
        if not self._active:
            return "always"
        return "visit" if self._visit_hold else self._state.reason

    def state(self) -> dict[str, Any]:
        """For the heartbeat and the status page: on/off, why, what switches the panel,
        since when, the last command error, and the next scheduled change."""
        until = self._state.until
        return {
            "on": self.on,
            "reason": self.reason,
            "backend": self._backend,
            "since": self._since.isoformat(),
            "next_change": until.isoformat() if until else None,
            "error": self._error,
        }

    def _get_off(self) -> bool:
        return not self.on

    off = Property(bool, _get_off, notify=changed)

    def _get_backend(self) -> str:
        return self._backend

    backend = Property(str, _get_backend, notify=changed)
