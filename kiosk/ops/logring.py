"""The last warnings and errors, kept in memory for the maintenance page.

A technician at the screen sees what went wrong lately without a laptop: a logging
handler keeps the last lines of WARNING and above in a ring (no file, nothing personal:
the kiosk logs no visitor data).
"""

from __future__ import annotations

import logging
import time
from collections import deque

#: How many lines the maintenance page shows.
KEPT = 12
MAX_CHARS = 300  # one line, not a whole document quoted in an error


class RecentProblems(logging.Handler):
    """Thread-safe: jobs log from worker threads, the Qt thread reads."""

    def __init__(self, kept: int = KEPT) -> None:
        super().__init__(logging.WARNING)
        self._lines: deque[str] = deque(maxlen=kept)
        formatter = logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S UTC"
        )
        formatter.converter = time.gmtime
        self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # The first line only: a traceback stays in the journal.
            text = self.format(record).splitlines()[0][:MAX_CHARS]
        except Exception:  # logging must never raise into the caller
            self.handleError(record)
            return
        self._lines.append(text)  # emit runs under the handler's lock

    def lines(self) -> list[str]:
        """Newest last."""
        with self.lock:  # type: ignore[union-attr]
            return list(self._lines)

    def install(self, logger: logging.Logger | None = None) -> RecentProblems:
        (logger or logging.getLogger()).addHandler(self)
        return self

    def remove(self, logger: logging.Logger | None = None) -> None:
        (logger or logging.getLogger()).removeHandler(self)
