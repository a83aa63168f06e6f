"""One trusted "now" for the player, even when the system clock is wrong.

A Raspberry Pi has no battery-backed clock: it boots with the time it had at its last
shutdown (fake-hwclock, systemd-timesyncd's file), or in 1970, until NTP answers. Played
as is, such a clock brings back slides whose window has closed and alerts that expired.

The rules (docs/operations.md, "Clock rules"):

* the system clock is *good* when systemd-timesyncd says it is synchronized, or when it is
  plausible: not earlier (by more than a minute of drift) than any instant known to be
  past (the last good time saved in the data dir, the current feed's publication time,
  1 January 2026);
* otherwise the trusted time is the latest of those known-past instants, advanced with the
  monotonic clock since it was learnt: time never runs backwards, so an alert or a slide
  that expired once does not come back;
* once good again, the system clock is followed (a forward jump is the clock being set).

Pure: the system clock and the monotonic clock are injected; thread-safe, since sync jobs
read it on worker threads while the Qt thread draws.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.core.feed import Feed

#: What the clock state looks like to the player, the doctor and the maintenance page.
SYNCHRONIZED = "synchronized"  # systemd-timesyncd reached a time server
PLAUSIBLE = "plausible"  # not synchronized, but not behind anything known to be past
UNTRUSTED = "untrusted"  # behind a known-past instant: the last good time is used

#: How far behind a known-past instant the system clock may be and still be believed: the
#: monotonic and the system clocks drift apart by a little (NTP slews one, not the other).
SLACK = timedelta(seconds=60)

#: No kiosk runs before this release was written: a clock earlier than this is wrong even
#: on a first start, with nothing saved yet.
EARLIEST = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ClockReading:
    """One decision: the time to use, and why."""

    now: datetime
    state: str
    system: datetime  # what the system clock said

    @property
    def good(self) -> bool:
        return self.state != UNTRUSTED

    @property
    def behind(self) -> timedelta:
        """How far the system clock is behind the trusted time (zero when good)."""
        return max(self.now - self.system, timedelta(0))


def _system_now() -> datetime:
    return datetime.now(UTC)


class TrustedClock:
    """``now()`` for every date window and alert of the player.

    ``last_good``: the last good time saved before this start (None: never saved);
    ``monotonic``: seconds from a clock that never jumps (``time.monotonic``)."""

    def __init__(
        self,
        monotonic: Callable[[], float],
        system: Callable[[], datetime] = _system_now,
        last_good: datetime | None = None,
        earliest: datetime = EARLIEST,
    ) -> None:
        self._system = system
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._synchronized = False
        # The latest instant known to be past, and the monotonic reading when it was.
        self._floor: tuple[datetime, float] = (earliest, monotonic())
        if last_good is not None:
            self.know_past(last_good)

    def set_synchronized(self, synchronized: bool) -> None:
        """What systemd-timesyncd says (probed off the Qt thread, see kiosk.ops.clock)."""
        with self._lock:
            self._synchronized = synchronized

    def know_past(self, moment: datetime | None) -> None:
        """``moment`` has happened (a feed's publication time, a saved good time): the
        trusted time is never earlier from now on. None: nothing learnt."""
        if moment is None:
            return
        with self._lock:
            mono = self._monotonic()
            if moment > self._advanced(self._floor, mono):
                self._floor = (moment.astimezone(UTC), mono)

    def read(self) -> ClockReading:
        with self._lock:
            system = self._system().astimezone(UTC)
            mono = self._monotonic()
            floor = self._advanced(self._floor, mono)
            if self._synchronized:
                state = SYNCHRONIZED
            elif system >= floor - SLACK:
                state = PLAUSIBLE
            else:
                return ClockReading(floor, UNTRUSTED, system)
            # A good reading is itself a known-past instant: if the system clock is set
            # back later, the time stays where it was.
            self._floor = (system, mono)
            return ClockReading(system, state, system)

    def now(self) -> datetime:
        return self.read().now

    @staticmethod
    def _advanced(floor: tuple[datetime, float], mono: float) -> datetime:
        moment, at = floor
        return moment + timedelta(seconds=max(mono - at, 0.0))


def publication_time(feed: Feed) -> datetime | None:
    """A feed's ``publication.time`` (written by ``kiosk publish``, ISO 8601) as an aware
    UTC instant; None without one, or unreadable."""
    text = feed.publication.time if feed.publication else ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
