"""The one way to run blocking work off the Qt thread and get the result back on it.

Jobs are plain functions that return a value; they never touch a QObject. The runner emits
``done(name, result)``, which Qt queues to the main thread. :class:`ScheduledRunner` uses
APScheduler 3 (imported only when the first job is added, after the first frame);
:class:`ImmediateRunner` runs jobs synchronously, for tests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class JobRunner(QObject):
    done = Signal(str, object)

    def every(self, name: str, seconds: float, fn: Callable[[], Any], run_now: bool = True) -> None:
        raise NotImplementedError

    def in_background(self, setup: Callable[[], None]) -> None:
        raise NotImplementedError

    def cancel(self, name: str) -> None:
        """Stop running the job ``name`` (nothing if there is none)."""

    def shutdown(self) -> None:
        """Stop scheduling; a job already running is abandoned (the store is crash-safe)."""

    def _run(self, name: str, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception:  # a bug in a job must not kill the scheduler thread
            log.exception("job %s failed unexpectedly", name)
            return
        self.done.emit(name, result)


class ScheduledRunner(JobRunner):
    """APScheduler's BackgroundScheduler. ``every`` may be called from any thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scheduler: Any = None
        self._lock = threading.Lock()
        self._closed = False

    def in_background(self, setup: Callable[[], None]) -> None:
        """Run ``setup`` (slow imports, then :meth:`every`) on a thread of its own, so the
        Qt thread keeps drawing while requests and APScheduler load."""
        threading.Thread(target=setup, name="kiosk-setup", daemon=True).start()

    def every(self, name: str, seconds: float, fn: Callable[[], Any], run_now: bool = True) -> None:
        with self._lock:
            if self._closed:
                return
            self._add(name, seconds, fn, run_now)

    def _add(self, name: str, seconds: float, fn: Callable[[], Any], run_now: bool) -> None:
        if self._scheduler is None:
            from apscheduler.schedulers.background import BackgroundScheduler

            logging.getLogger("apscheduler").setLevel(logging.WARNING)  # no line per poll
            self._scheduler = BackgroundScheduler(timezone=UTC)
            self._scheduler.start()
        self._scheduler.add_job(
            self._run,
            "interval",
            args=(name, fn),
            seconds=seconds,
            id=name,
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC) if run_now else None,
        )

    def cancel(self, name: str) -> None:
        with self._lock:
            if self._scheduler is not None and self._scheduler.get_job(name) is not None:
                self._scheduler.remove_job(name)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            if self._scheduler is not None:
                self._scheduler.shutdown(wait=False)
                self._scheduler = None


class ImmediateRunner(JobRunner):
    """Runs set-up and each job once, synchronously, when added (tests)."""

    def in_background(self, setup: Callable[[], None]) -> None:
        setup()

    def every(self, name: str, seconds: float, fn: Callable[[], Any], run_now: bool = True) -> None:
        if run_now:
            self._run(name, fn)
