"""Motion and timing on the real QML window (offscreen): nothing flashes more than three
times a second (WCAG 2.3.1), measured on rendered frames; with `reduced_motion` the slides
cut instead of fading and the ticker stands still, a page at a time; the loop's Pause
control stops the rotation without starting a visit, warns before it ends by itself, and
lets a full-screen alert through."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.core.text import french_spacing
from tests.qmlkit import (
    NOW,
    Clock,
    close_views,
    find,
    make_site,
    picture,
    player_and_view,
    shown_ids,
    snapshot_of,
    visible_texts,
)

pytestmark = [pytest.mark.gui]


@pytest.fixture
def views():
    yield
    close_views()


# -- measuring flashes on rendered frames ------------------------------------------------------
#
# WCAG 2.3.1 (general flash threshold): a flash is a pair of opposing changes in relative
# luminance of 10 % or more of the maximum, where the darker state is below 0.80; a screen
# passes when no area flashes more than three times in any one-second period. The frames
# are cut into square cells about 1/8 of the short side (on the 55-inch totem read from
# 0.70 m, that is about the area WCAG counts, a quarter of a 10-degree field) and each
# cell's flashes are counted on its mean relative luminance.

FLASH_STEP = 0.10
DARKER_BELOW = 0.80
CELLS_ON_SHORT_SIDE = 8
SUB = 4  # samples per cell side


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(v) for v in range(256)]


def cell_luminances(image: QImage) -> list[float]:
    """The mean relative luminance of each cell of ``image``."""
    from PySide6.QtCore import Qt

    side = min(image.width(), image.height()) / CELLS_ON_SHORT_SIDE
    cols, rows = max(1, round(image.width() / side)), max(1, round(image.height() / side))
    small = image.scaled(
        cols * SUB,
        rows * SUB,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    out = []
    for row in range(rows):
        for col in range(cols):
            total = 0.0
            for y in range(row * SUB, row * SUB + SUB):
                for x in range(col * SUB, col * SUB + SUB):
                    c = QColor(small.pixel(x, y))
                    total += (
                        0.2126 * _LINEAR[c.red()]
                        + 0.7152 * _LINEAR[c.green()]
                        + 0.0722 * _LINEAR[c.blue()]
                    )
            out.append(total / (SUB * SUB))
    return out


def luminance_changes(samples: list[tuple[float, float]]) -> list[float]:
    """The times of the changes of at least FLASH_STEP in (time, luminance) samples, each
    opposite to the one before (a rise, then a fall...), whose darker side is below
    DARKER_BELOW. A slow fade counts when it is complete: one change."""
    times: list[float] = []
    direction = 0
    _t0, first = samples[0]
    low = high = extreme = first
    for t, value in samples[1:]:
        if direction == 0:
            low, high = min(low, value), max(high, value)
            if value - low >= FLASH_STEP and low < DARKER_BELOW:
                direction, extreme = 1, value
                times.append(t)
            elif high - value >= FLASH_STEP and value < DARKER_BELOW:
                direction, extreme = -1, value
                times.append(t)
        elif direction == 1:
            if value > extreme:
                extreme = value
            elif extreme - value >= FLASH_STEP and value < DARKER_BELOW:
                direction, extreme = -1, value
                times.append(t)
        else:
            if value < extreme:
                extreme = value
            elif value - extreme >= FLASH_STEP and extreme < DARKER_BELOW:
                direction, extreme = 1, value
                times.append(t)
    return times


def flashes_per_second(frames: list[tuple[float, list[float]]]) -> int:
    """The most flashes (pairs of opposing changes) of any one cell in any one second."""
    worst = 0
    for cell in range(len(frames[0][1])):
        changes = luminance_changes([(t, lums[cell]) for t, lums in frames])
        for i, start in enumerate(changes):
            in_window = sum(1 for t in changes[i:] if t < start + 1.0)
            worst = max(worst, in_window // 2)
    return worst


def record(qtbot, window, seconds: float, interval_ms: int = 25):
    """(time, cell luminances) of the window's frames for ``seconds``, grabbed every
    ``interval_ms`` (the test checks the rate it actually got)."""
    frames: list[tuple[float, list[float]]] = []
    start = time.monotonic()

    def grab() -> None:
        frames.append((time.monotonic() - start, cell_luminances(window.grabWindow())))

    sampler = QTimer(interval=interval_ms, timeout=grab)
    sampler.start()
    qtbot.wait(int(seconds * 1000))
    sampler.stop()
    rate = len(frames) / (frames[-1][0] - frames[0][0])
    assert rate >= 20, f"only {rate:.1f} frames a second were sampled: too few to see flashes"
    return frames


# A component that flashes on purpose: black and white, 10 changes a second (5 flashes).
FLASHER = b"""
import QtQuick
Window {
    id: flasher
    width: 360; height: 640; visible: true
    color: on ? "white" : "black"
    property bool on: false
    Timer { interval: 100; repeat: true; running: true; onTriggered: flasher.on = !flasher.on }
}
"""


def test_the_flash_measure_sees_a_component_flashing_five_times_a_second(qtbot):
    engine = QQmlApplicationEngine()
    engine.loadData(FLASHER, QUrl("file:///flasher.qml"))
    [window] = engine.rootObjects()
    try:
        frames = record(qtbot, window, 2.0)
        count = flashes_per_second(frames)
        print(f"flasher: {count} flashes per second ({len(frames)} frames)")
        assert count >= 4
    finally:
        window.close()
        engine.deleteLater()
        QGuiApplication.processEvents()


BLACK_WHITE = """\
version: 1
site: {{name: Testville}}
rotation:
  - {{id: dark, type: image, image: media/dark.jpg, fit: cover, duration: {duration}}}
  - {{id: light, type: image, image: media/light.jpg, fit: cover, duration: {duration}}}
"""


def black_and_white(tmp_path: Path, duration: float):
    media = {
        "media/dark.jpg": picture("#000000", (360, 640)),
        "media/light.jpg": picture("#FFFFFF", (360, 640)),
    }
    site = make_site(tmp_path / "site", BLACK_WHITE.format(duration=duration), media)
    return snapshot_of(site, tmp_path / "data")


@pytest.mark.usefixtures("views")
@pytest.mark.parametrize(
    ("duration", "transition", "reduced"),
    [(0.5, 0.3, False), (0.1, 0.0, False), (0.1, 0.1, False), (0.1, 1.0, True)],
    ids=["fades", "cuts-0.1s", "fades-0.1s", "reduced-motion-0.1s"],
)
def test_the_loop_never_flashes_more_than_three_times_a_second(
    qtbot, tmp_path, duration, transition, reduced
):
    """Black and white slides, the worst case: even a feed asking for 0.1 s a slide (cut
    without a minimum time on screen, that loop measured 5 flashes a second)."""
    player, view = player_and_view(
        black_and_white(tmp_path, duration),
        Clock(),
        size=(360, 640),
        transition=transition,
        reduced_motion=reduced,
    )
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    frames = record(qtbot, view.window, 2.5)
    assert len(seen) >= 3, "the loop did not play: nothing was measured"
    count = flashes_per_second(frames)
    print(f"flashes per second: {count} ({len(frames)} frames, {len(seen)} slides shown)")
    assert count <= 3


# -- a town: loop, ticker, services, an alert source ---------------------------------------------

SITE = """\
version: 1
site: {name: Valmorin-sur-Ondine, languages: [fr, en]}
rotation:
  - {id: dark, type: image, image: media/dark.jpg, fit: cover, duration: 0.5}
  - {id: light, type: image, image: media/light.jpg, fit: cover, duration: 0.5}
ticker:
  - {id: court, text: Marché samedi matin}
  - {id: travaux, text: "LONG_MESSAGE"}
services:
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      services:
        - id: naissance
          title: {fr: Acte de naissance, en: Birth certificate}
          procedure: F1427
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap}
"""
LONG_MESSAGE = (
    "Travaux rue des Tanneurs du lundi 30 novembre au vendredi 18 décembre : circulation "
    "alternée entre la place de la Mairie et le pont de l'Ondine, stationnement interdit des "
    "deux côtés"
)
SITE = SITE.replace("LONG_MESSAGE", LONG_MESSAGE)

SENT = NOW - timedelta(minutes=20)


class Kiosk:
    """The site above on a player window, with the prefecture's CAP file it polls."""

    def __init__(self, tmp_path: Path, size=(540, 960), **options) -> None:
        from kiosk.io.alerts import SourcePoller, source_locations
        from kiosk.io.fetch import Fetcher

        media = {
            "media/dark.jpg": picture("#000000", (540, 960)),
            "media/light.jpg": picture("#FFFFFF", (540, 960)),
        }
        site = make_site(tmp_path / "site", SITE, media)
        self.file = site / "alerte.xml"
        self.file.write_bytes(b"")
        snapshot = snapshot_of(site, tmp_path / "data")
        self.player, self.view = player_and_view(snapshot, Clock(), size=size, **options)
        [(source, location)] = source_locations(snapshot)
        self.poller = SourcePoller(
            source,
            location,
            tmp_path / "data" / "alerts" / source.id,
            Fetcher(),
            self.view.alerts.place,
            clock=Clock(),
        )

    def publish(self, document: bytes) -> None:
        self.file.write_bytes(document)
        self.view.alerts.accept(self.poller.poll())

    def extreme_alert(self) -> None:
        from tests.capkit import cap

        self.publish(cap("A1", SENT, severity="Extreme", expires=NOW + timedelta(hours=6)))

    def cancel_alert(self) -> None:
        from tests.capkit import cap, reference

        self.publish(
            cap(
                "A2",
                SENT + timedelta(minutes=5),
                msg_type="Cancel",
                references=reference("A1", SENT),
            )
        )


@pytest.fixture
def kiosk(tmp_path):
    made = []

    def make(**options):
        made.append(Kiosk(tmp_path / str(len(made)), **options))
        return made[-1]

    yield make
    close_views()


def test_a_full_screen_alert_over_the_loop_does_not_flash(qtbot, kiosk):
    k = kiosk(size=(360, 640), transition=0.3)
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    QTimer.singleShot(1000, k.extreme_alert)  # the alert comes while the loop plays
    frames = record(qtbot, k.view.window, 3.0)
    assert find(k.view, "alertOverlay") is not None
    count = flashes_per_second(frames)
    print(f"flashes per second, loop then alert: {count} ({len(frames)} frames)")
    assert count <= 3
    still = record(qtbot, k.view.window, 1.0)
    assert flashes_per_second(still) == 0
    assert max(abs(a - b) for a, b in zip(still[0][1], still[-1][1], strict=True)) < 0.01


# -- reduced motion -----------------------------------------------------------------------------


def layer_opacities(view) -> list[float]:
    """Start recording every opacity the two slide layers go through."""
    values: list[float] = []
    for layer in view.stage.childItems()[:2]:
        layer.opacityChanged.connect(lambda layer=layer: values.append(layer.opacity()))
    return values


def test_with_reduced_motion_slides_cut_and_the_ticker_stands_still(qtbot, kiosk):
    started = time.monotonic()
    k = kiosk(transition=0.5, reduced_motion=True)
    view = k.view
    opacities = layer_opacities(view)
    seen = shown_ids(k.player)
    page = find(view, "tickerPage")
    assert page is not None and page.isVisible()
    qtbot.waitUntil(lambda: len(seen) >= 4, timeout=10000)
    assert opacities and set(opacities) <= {0.0, 1.0}, "a slide faded in"
    # The ticker: still, one page at a time, each on one line that fits the band.
    track = page.parentItem()
    pages = track.property("pages").toVariant()
    assert pages[0] == "Marché samedi matin"
    assert len(pages) >= 3  # the long message is cut into pages, between words
    assert " ".join(pages[1:]) == french_spacing(LONG_MESSAGE)
    assert not any(p.startswith((":", "h ", "\u00a0")) for p in pages)
    assert not any(child.isVisible() and child is not page for child in _texts(track))
    x = page.mapToScene(page.position()).x()
    assert page.property("text") == pages[0]
    qtbot.waitUntil(lambda: page.property("text") != pages[0], timeout=10000)
    assert time.monotonic() - started >= k.player.readingMs(pages[0]) / 1000
    assert page.property("text") == pages[1]
    turn = view.window.findChild(object, "tickerTurn")
    assert turn.property("interval") == k.player.readingMs(pages[1]) > 4000
    assert page.mapToScene(page.position()).x() == x
    assert page.property("contentWidth") <= page.property("width")


def _texts(item):
    for child in item.childItems():
        if child.inherits("QQuickText"):
            yield child
        yield from _texts(child)


def test_without_reduced_motion_slides_fade_and_the_ticker_scrolls(qtbot, kiosk):
    k = kiosk(transition=0.5)
    view = k.view
    opacities = layer_opacities(view)
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10000)
    assert any(0.05 < o < 0.95 for o in opacities), "no slide faded in"
    assert find(view, "tickerPage") is None
    scrolling = [
        t for t in _texts(view.window.contentItem()) if "Marché" in str(t.property("text"))
    ]
    assert scrolling
    before = scrolling[0].mapToScene(scrolling[0].position()).x()
    qtbot.wait(300)
    assert scrolling[0].mapToScene(scrolling[0].position()).x() < before


def test_reading_time_grows_with_the_text():
    from kiosk.core.motion import MAX_READING_MS, MIN_READING_MS, reading_ms

    assert reading_ms("Marché") == MIN_READING_MS
    medium = "Travaux rue des Tanneurs : circulation alternée du 30 novembre au 18 décembre"
    assert MIN_READING_MS < reading_ms(medium) < MAX_READING_MS
    assert reading_ms(medium) == reading_ms("  " + medium.replace(" ", "   "))
    assert reading_ms("x" * 1000) == MAX_READING_MS


# -- the Pause control --------------------------------------------------------------------------


def pause_control(view):
    control = view.window.findChild(object, "pauseControl")
    assert control is not None
    return control


def test_pause_stops_the_loop_on_its_slide_without_starting_a_visit(qtbot, kiosk):
    from tests.qmlkit import click

    k = kiosk()
    view = k.view
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)
    button = find(view, "pauseButton")
    assert button.property("text") == "Pause"
    assert button.width() >= 116 * 0.5 and button.height() >= 116 * 0.5
    click(view, "pauseButton")
    qtbot.waitUntil(lambda: pause_control(view).property("paused"), timeout=2000)
    assert not view.session.property("active"), "the Pause button started a visit"
    assert button.property("text") == "Reprendre"
    shown = view.stage.property("currentId")
    count = len(seen)
    ticker = find(view, "tickerPage") or next(
        t for t in _texts(view.window.contentItem()) if "Marché" in str(t.property("text"))
    )
    x = ticker.mapToScene(ticker.position()).x()
    qtbot.wait(1500)  # slides last 0.5 s: the loop would have moved on twice
    assert len(seen) == count and view.stage.property("currentId") == shown
    assert ticker.mapToScene(ticker.position()).x() == x, "the ticker kept moving"
    click(view, "pauseButton")
    qtbot.waitUntil(lambda: len(seen) >= count + 2, timeout=5000)
    assert button.property("text") == "Pause"
    assert not view.session.property("active")


def test_a_pause_left_alone_warns_then_ends_and_a_touch_keeps_it(qtbot, kiosk):
    from tests.qmlkit import click

    k = kiosk()
    view = k.view
    control = pause_control(view)
    control.setProperty("timeoutMs", 400)
    control.setProperty("warningSeconds", 2)
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    click(view, "pauseButton")
    qtbot.waitUntil(lambda: find(view, "pauseWarning") is not None, timeout=3000)
    assert control.property("paused")
    assert "Sans action, le défilement reprend dans 2 secondes." in visible_texts(view)
    click(view, "continueButton")  # "Stay paused": a whole pause again, and no visit
    qtbot.waitUntil(lambda: find(view, "pauseWarning") is None, timeout=2000)
    assert control.property("paused") and not view.session.property("active")
    count = len(seen)
    qtbot.waitUntil(lambda: find(view, "pauseWarning") is not None, timeout=3000)
    assert len(seen) == count
    qtbot.waitUntil(lambda: not control.property("paused"), timeout=4000)
    assert find(view, "pauseWarning") is None
    qtbot.waitUntil(lambda: len(seen) >= count + 2, timeout=5000)  # the loop plays again
    assert not view.session.property("active")


def test_a_full_screen_alert_shows_while_the_loop_is_paused(qtbot, kiosk):
    from tests.qmlkit import click

    k = kiosk()
    view = k.view
    control = pause_control(view)
    control.setProperty("timeoutMs", 600)
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    click(view, "pauseButton")
    qtbot.waitUntil(lambda: control.property("paused"), timeout=2000)
    k.extreme_alert()
    qtbot.waitUntil(lambda: find(view, "alertOverlay") is not None, timeout=3000)
    qtbot.wait(1000)  # longer than the pause's timeout: the alert holds its countdown
    assert control.property("paused") and not control.property("warning")
    k.cancel_alert()
    qtbot.waitUntil(lambda: find(view, "alertOverlay") is None, timeout=3000)
    assert control.property("paused") and find(view, "pauseButton") is not None


def test_a_touch_on_the_paused_slide_starts_a_visit_and_ends_the_pause(qtbot, kiosk):
    from PySide6.QtCore import QPoint

    from tests.qmlkit import click, tap

    k = kiosk()
    view = k.view
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    click(view, "pauseButton")
    qtbot.waitUntil(lambda: pause_control(view).property("paused"), timeout=2000)
    tap(view, QPoint(270, 400))
    qtbot.waitUntil(lambda: view.session.property("active"), timeout=2000)
    assert not pause_control(view).property("paused")
    assert find(view, "pauseButton") is None
