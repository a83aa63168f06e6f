"""What the system says about its clock, and the last good time kept in the data dir.

Qt-free and blocking (a file check, maybe a ``timedatectl`` call, an fsync): the player
runs :func:`probe_and_save` as a background job; ``kiosk doctor`` calls it directly.
The rules themselves are in :mod:`kiosk.core.clock`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.core.clock import ClockReading, TrustedClock
from kiosk.io.store import write_atomic

log = logging.getLogger(__name__)

#: Touched by systemd-timesyncd on each synchronization (systemd >= 239), removed at boot.
TIMESYNC_FLAG = Path("/run/systemd/timesync/synchronized")
LAST_GOOD_FILE = "clock.json"
#: How often the player probes and saves the last good time (seconds).
SAVE_INTERVAL = 60.0


class _Saved(msgspec.Struct):
    last_good: str


def timesync_synchronized(
    flag: Path = TIMESYNC_FLAG, timedatectl: str | None = "timedatectl"
) -> bool | None:
    """True when the kernel clock is synchronized by NTP, False when not, None when no
    one can say (no systemd-timesyncd, no timedatectl)."""
    if flag.exists():
        return True
    exe = shutil.which(timedatectl) if timedatectl else None
    if exe is None:
        return None
    try:
        # `timedatectl show -p NTPSynchronized --value` prints "yes" or "no".
        out = subprocess.run(
            [exe, "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    if out.returncode != 0 or value not in ("yes", "no"):
        return None
    return value == "yes"


def load_last_good(data_dir: Path) -> datetime | None:
    """The last good time saved in ``data_dir`` (None: never saved, or unreadable)."""
    try:
        saved = msgspec.json.decode((data_dir / LAST_GOOD_FILE).read_bytes(), type=_Saved)
        moment = datetime.fromisoformat(saved.last_good)
    except (OSError, msgspec.DecodeError, ValueError):
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def save_last_good(data_dir: Path, moment: datetime) -> None:
    """Save ``moment`` atomically (a power cut leaves the old time or the new one)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = moment.astimezone(UTC).isoformat(timespec="seconds")
    write_atomic(data_dir / LAST_GOOD_FILE, msgspec.json.encode(_Saved(text)))


class ClockKeeper:
    """The player's clock job: tell the trusted clock what timesyncd says, save the
    trusted time, return the reading (the Qt thread re-decides when its state changed).
    Never raises."""

    def __init__(self, clock: TrustedClock, data_dir: Path, flag: Path = TIMESYNC_FLAG) -> None:
        self.clock = clock
        self.data_dir = data_dir
        self.flag = flag
        self._save_error: str | None = None

    def run_once(self) -> ClockReading:
        self.clock.set_synchronized(bool(timesync_synchronized(self.flag)))
        reading = self.clock.read()
        self.save(reading.now)
        return reading

    def save(self, moment: datetime) -> None:
        try:
            save_last_good(self.data_dir, moment)
        except OSError as exc:  # a read-only or full disk: said once
            if str(exc) != self._save_error:
                log.warning("cannot save the last good time in %s: %s", self.data_dir, exc)
            self._save_error = str(exc)
        else:
            self._save_error = None
