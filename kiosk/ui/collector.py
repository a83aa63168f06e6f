"""Python's garbage collector, run on the Qt thread only.

Python collects reference cycles on whichever thread happens to allocate when its counters
reach their thresholds: an HTTP download on a worker thread may then destroy a cycle that
holds Qt objects, whose timers Qt can only stop from their own thread ("Timers cannot be
stopped from another thread", then undefined behaviour). The player therefore turns the
automatic collector off and runs the same generational collection from a Qt timer, on the
Qt thread (the pattern of pyqtgraph's GarbageCollector).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the generations whose counters passed their thresholds; returns the
        oldest generation collected (-1: none)."""
        counts = gc.get_count()
        collected = -1
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                collected = generation
                break
        return collected

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
