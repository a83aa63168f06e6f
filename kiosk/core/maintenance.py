"""The rules of the hidden maintenance page: the corner gesture and the PIN's lockout.

Pure: the monotonic clock is injected. See docs/operations.md, "Maintenance page".

* Gesture: :data:`TAPS` taps within :data:`WINDOW` seconds, all in the same corner square.
  Each tap still does what a tap there does (the first one of a loop starts a visit, as any
  touch): nothing is taken away from visitors, and a visitor is unlikely to tap five times
  in three seconds in the top-right corner of the header, where no control is.
* PIN: compared in constant time; after a wrong PIN, the pad is locked for 3 seconds,
  then, from the third wrong PIN in a row, for 30 seconds doubling with each one, up to
  15 minutes (a 4-digit PIN then takes months to guess). A right PIN resets the count.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

TAPS = 5
WINDOW = 3.0  # seconds
FREE_TRIES = 2  # wrong PINs (typos) before the first lockout
TYPO_DELAY = 3.0  # seconds after each of those
FIRST_LOCK = 30.0  # seconds
MAX_LOCK = 15 * 60.0


class CornerTaps:
    """Counts taps in the maintenance corner; :meth:`tap` says when the gesture is done."""

    def __init__(self, monotonic: Callable[[], float], taps: int = TAPS, window: float = WINDOW):
        self._monotonic = monotonic
        self._taps = taps
        self._window = window
        self._times: list[float] = []

    def tap(self) -> bool:
        now = self._monotonic()
        self._times = [t for t in self._times if now - t <= self._window] + [now]
        if len(self._times) >= self._taps:
            self._times = []
            return True
        return False

    def reset(self) -> None:
        """A tap elsewhere breaks the series."""
        self._times = []


class PinGuard:
    """Checks PINs, with a lockout growing after each wrong one in a row."""

    def __init__(self, pin: str, monotonic: Callable[[], float]) -> None:
        self._pin = pin.encode()
        self._monotonic = monotonic
        self._wrong = 0
        self._locked_until = 0.0

    @property
    def wrong_in_a_row(self) -> int:
        return self._wrong

    def locked_for(self) -> float:
        """Seconds before another PIN is accepted (0: now)."""
        return max(0.0, self._locked_until - self._monotonic())

    def check(self, pin: str) -> bool | None:
        """True: right; False: wrong; None: locked, not even compared."""
        if self.locked_for() > 0:
            return None
        if hmac.compare_digest(pin.encode(), self._pin):
            self._wrong = 0
            return True
        self._wrong += 1
        self._locked_until = self._monotonic() + lock_after(self._wrong)
        return False


def lock_after(wrong: int) -> float:
    """Seconds the pad stays locked after ``wrong`` wrong PINs in a row."""
    if wrong <= FREE_TRIES:
        return TYPO_DELAY
    return min(FIRST_LOCK * 2.0 ** (wrong - FREE_TRIES - 1), MAX_LOCK)
