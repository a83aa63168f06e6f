"""Touch-to-frame latency of the services directory (target: median under 50 ms here).

The demo site's directory is shown offscreen (1080x1920, Qt Quick's software renderer, as
in the other benchmarks). A visitor's path is replayed with real touch events: a topic, a
service, Back, Back, the search page, Home... For each touch the time is taken when Qt has
delivered it and when the first frame showing the new page has been presented
(frameSwapped).

    python benchmarks/touch_latency.py [--navigations 200] [--size 1080x1920]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from PySide6.QtCore import QCoreApplication, QEventLoop, QPointF
from PySide6.QtTest import QTest

from kiosk.app import load_theme, snapshot_of
from kiosk.resources import demo_site
from kiosk.ui.bridge import Player
from kiosk.ui.view import View, application, load_fonts


def find(view: View, name: str):
    def walk(item):
        yield item
        for child in item.childItems():
            yield from walk(child)

    return next(
        (i for i in walk(view.window.contentItem()) if i.objectName() == name and i.isVisible()),
        None,
    )


def scroll_into_view(item) -> None:
    """Like a visitor flicking a list until the item is visible."""
    flick = item.parentItem()
    while flick is not None and flick.property("contentY") is None:
        flick = flick.parentItem()
    if flick is None:
        return
    top = item.mapToItem(flick, QPointF(0, 0)).y()
    if top < 0 or top + item.height() > flick.height():
        content_y = flick.property("contentY") + top - 20
        flick.setProperty("contentY", max(0.0, content_y))
        pump(0.05)


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


class Meter:
    def __init__(self, view: View) -> None:
        self.view = view
        self.touched = 0.0
        self.presented = 0.0
        view.window.frameSwapped.connect(self._swapped)

    def _swapped(self) -> None:
        if self.touched and not self.presented:
            self.presented = time.perf_counter()

    def touch(self, name: str, device) -> float:
        """Latency in ms of a touch on the item called ``name``."""
        for _ in range(200):  # the page may still be laying out
            item = find(self.view, name)
            if item is not None and item.width() > 0:
                break
            pump(0.005)
        else:
            raise SystemExit(f"no item {name} on page {self.view.directory.page}")
        scroll_into_view(item)
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        page = (
            self.view.directory.page,
            self.view.directory.category.get("id"),
            self.view.directory.service.get("id"),
        )
        QTest.touchEvent(self.view.window, device).press(0, point, self.view.window).commit()
        pump(0.03)  # the finger rests a moment; the pressed look is drawn
        self.presented = 0.0
        # Timed from the moment the release (which makes the click) is handed to Qt: building
        # the new page happens while it is delivered, and counts.
        self.touched = time.perf_counter()
        QTest.touchEvent(self.view.window, device).release(0, point, self.view.window).commit()
        new = (
            self.view.directory.page,
            self.view.directory.category.get("id"),
            self.view.directory.service.get("id"),
        )
        if new == page:
            raise SystemExit(f"touching {name} did not change the page")
        deadline = time.monotonic() + 2
        while not self.presented and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        latency = (self.presented - self.touched) * 1000
        self.touched = 0.0
        pump(0.05)  # let the page finish loading its pictures, as a visitor reads
        return latency


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--navigations", type=int, default=200)
    parser.add_argument("--size", default="1080x1920")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))

    app = application(offscreen=True)
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = snapshot_of(demo_site(), Path(tmp))
        theme, folder = load_theme("default")
        load_fonts(theme, folder)
        player = Player(theme, folder, render_mode=True)
        player.set_snapshot(snapshot)
        view = View(player, timed_sessions=False)
        view.show(size, fullscreen=False, hide_cursor=False)
        meter = Meter(view)
        device = QTest.createTouchDevice()
        view.session.start("")
        pump(0.5)
        categories = [c.id for c in snapshot.feed.services.categories]
        latencies: list[float] = []
        by_target: dict[str, list[float]] = {}
        step = 0
        while len(latencies) < args.navigations:
            category = snapshot.feed.services.categories[step % len(categories)]
            service = category.services[step % len(category.services)]
            for name in (
                f"tile-{category.id}",
                f"service-{service.id}",
                "backButton",
                "backButton",
                "searchButton",
                "homeButton",
            ):
                value = meter.touch(name, device)
                latencies.append(value)
                by_target.setdefault(name.split("-")[0], []).append(value)
            step += 1
        view.close()
    latencies = latencies[: args.navigations]
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"touch-to-frame latency over {len(latencies)} navigations at {args.size} "
        f"(software renderer): median {statistics.median(latencies):.1f} ms, "
        f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
    )
    for target, values in sorted(by_target.items()):
        print(
            f"  {target:14s} median {statistics.median(values):6.1f} ms, max {max(values):6.1f} ms"
        )
    del app


if __name__ == "__main__":
    sys.exit(main())
