"""The player's QML, rendered offscreen for real: the loop, crossfades, failures, fallback."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from tests.fixtures_feed import jpeg_bytes
from tests.qmlkit import (
    COLOURS,
    Clock,
    close_views,
    colour_media,
    colour_spread,
    colours_feed,
    dark_fraction,
    has_colour,
    make_site,
    player_and_view,
    shown_ids,
    snapshot_of,
    stage_region,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("views")]


@pytest.fixture
def views():
    yield
    close_views()


THREE = colours_feed("red", "green", "blue")


def three_colours(tmp_path: Path, feed: str = THREE, extra: dict[str, bytes] | None = None):
    media = colour_media("red", "green", "blue")
    media.update(extra or {})
    site = make_site(tmp_path / "site", feed, media)
    return snapshot_of(site, tmp_path / "data")


def test_loop_plays_in_order_and_never_shows_a_blank_frame(qtbot, tmp_path):
    player, view = player_and_view(three_colours(tmp_path), Clock(), transition=0.4)
    seen = shown_ids(player)
    grabs: list[QImage] = []
    sampler = QTimer(
        interval=35, timeout=lambda: grabs.append(stage_region(view, view.window.grabWindow()))
    )
    sampler.start()
    qtbot.waitUntil(lambda: len(seen) >= 5, timeout=20000)
    sampler.stop()

    assert seen[:5] == ["red", "green", "blue", "red", "green"]
    assert len(grabs) > 30
    for image in grabs:
        assert colour_spread(image) > 60, "a frame of the stage was blank"
        assert dark_fraction(image) < 0.2, "a frame of the stage was black"
    # Some grabs fell inside a crossfade (a blend of two colours): the check saw transitions.
    blends = [
        g
        for g in grabs
        if not any(has_colour(g, c, tolerance=6, step=40) for c in COLOURS.values())
    ]
    assert blends, "no grab caught a crossfade in progress"


@pytest.mark.qt_log_ignore(
    "Error decoding",
    "Corrupt JPEG data",
    "JPEG datastream contains no image",
    "Quantization table",
)
def test_a_broken_picture_is_skipped_and_the_loop_goes_on(qtbot, tmp_path, caplog):
    feed = THREE.replace(
        "  - {id: blue,",
        "  - {id: broken, type: image, image: media/broken.jpg, duration: 0.7}\n  - {id: blue,",
    )
    snapshot = three_colours(tmp_path, feed, {"media/broken.jpg": jpeg_bytes(b"not a picture")})
    player, _view = player_and_view(snapshot, Clock(), transition=0.2)
    seen = shown_ids(player)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.bridge"):
        qtbot.waitUntil(lambda: len(seen) >= 4, timeout=20000)
    assert "broken" not in seen
    assert seen[:4] == ["red", "green", "blue", "red"]
    assert any("skipping item broken" in r.getMessage() for r in caplog.records)


def test_fallback_shows_the_town_when_nothing_is_valid(qtbot, tmp_path):
    feed = """\
version: 1
site: {name: Testville}
rotation:
  - {id: later, type: announcement, title: Plus tard, valid: {from: 2030-01-01}}
"""
    snapshot = snapshot_of(make_site(tmp_path / "site", feed, {}), tmp_path / "data")
    player, view = player_and_view(snapshot, Clock())
    qtbot.waitUntil(lambda: view.stage.property("currentId") == "_fallback", timeout=10000)
    qtbot.waitUntil(lambda: view.stage.property("ready"), timeout=10000)
    image = stage_region(view, view.window.grabWindow())
    assert colour_spread(image) > 100  # name and clock drawn, not an empty background
    assert has_colour(image, player.colours["primary"], tolerance=30, step=2)


def test_a_new_snapshot_replaces_the_loop_without_a_restart(qtbot, tmp_path):
    old = three_colours(tmp_path)
    player, _view = player_and_view(old, Clock(), transition=0.2)
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)
    feed = """\
version: 1
site: {name: Testville}
rotation:
  - {id: yellow, type: image, image: media/yellow.jpg, fit: cover, duration: 0.7}
  - {id: blue, type: image, image: media/blue.jpg, fit: cover, duration: 0.7}
"""
    media = colour_media("yellow", "blue")
    new = snapshot_of(make_site(tmp_path / "site2", feed, media), tmp_path / "data")
    switch = len(seen)
    player.set_snapshot(new)
    qtbot.waitUntil(lambda: len(seen) >= switch + 4, timeout=15000)
    after = seen[switch + 1 :]  # the slide prepared before the switch may still come once
    assert set(after) <= {"yellow", "blue"}
    assert "yellow" in after


def test_an_item_that_expires_on_screen_is_cut_short(qtbot, tmp_path):
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    feed = """\
version: 1
site: {name: Testville}
rotation:
  - {id: red, type: image, image: media/red.jpg, duration: 600,
     valid: {until: "2026-11-25T10:00:02"}}
  - {id: green, type: image, image: media/green.jpg, duration: 600}
"""
    player, _view = player_and_view(three_colours(tmp_path, feed), Clock(now), transition=0.2)
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: seen[:1] == ["red"], timeout=10000)
    # `red` has 600 s to go but its validity ends 2 s after start: the schedule timer fires.
    qtbot.waitUntil(lambda: "green" in seen, timeout=8000)
    assert seen[:2] == ["red", "green"]


@pytest.mark.parametrize(
    ("lang", "clock_text", "date_text"),
    [("fr", "03:30", "Dimanche 29 mars 2026"), ("en", "03:30", "Sunday 29 March 2026")],
)
def test_header_clock_is_in_the_site_zone_across_dst(qtbot, tmp_path, lang, clock_text, date_text):
    # 01:30 UTC on the spring-forward day is 03:30 in Paris, whatever the machine's zone.
    snapshot = three_colours(tmp_path)
    frozen = Clock(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), frozen=True)
    player, _view = player_and_view(snapshot, frozen, render_mode=True, language=lang)
    assert player.clockText == clock_text
    assert player.dateText == date_text


def test_no_keyboard_shortcut_quits_a_public_kiosk(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _player, view = player_and_view(three_colours(tmp_path), Clock())
    quits: list[bool] = []
    view.engine.quit.connect(lambda: quits.append(True))
    qtbot.wait(200)
    view.window.requestActivate()
    qtbot.waitUntil(view.window.isActive, timeout=2000)
    for key, mod in [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ]:
        QTest.keyClick(view.window, key, mod)
    qtbot.wait(200)
    assert quits == []
    assert view.window.isVisible()


def test_windowed_mode_quits_with_escape(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _player, view = player_and_view(three_colours(tmp_path), Clock(), allow_quit=True)
    quits: list[bool] = []
    view.engine.quit.connect(lambda: quits.append(True))
    qtbot.wait(200)
    view.window.requestActivate()
    qtbot.waitUntil(view.window.isActive, timeout=2000)
    QTest.keyClick(view.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: quits == [True], timeout=2000)


def test_the_qml_context_objects_die_with_the_engine_not_before(qtbot, tmp_path) -> None:
    """Whatever order Python's garbage collector takes a View's objects in, the session
    (and the directory, alerts, speech, display) outlive the QML bound to them: a binding
    never reads a destroyed context object."""
    import gc

    from kiosk.ui.view import View

    snapshot = three_colours(tmp_path)
    from kiosk.app import load_theme
    from kiosk.ui.bridge import Player

    theme, folder = load_theme("default")
    player = Player(theme, folder, clock=Clock(), render_mode=True)
    player.set_snapshot(snapshot)
    view = View(player, timed_sessions=False)
    view.show((540, 960), fullscreen=False, hide_cursor=False)
    view.session.start("")
    order: list[str] = []
    view.engine.destroyed.connect(lambda: order.append("engine"))
    for name in ("session", "directory", "alerts", "speech", "display"):
        getattr(view, name).destroyed.connect(lambda _=None, n=name: order.append(n))
    engine = view.engine
    del view  # no close(): dropped, as an exception or a forgotten reference would
    gc.collect()
    if "engine" not in order:  # the wrapper of the engine still held somewhere: delete it
        from shiboken6 import Shiboken

        Shiboken.delete(engine)
    assert order and order[0] == "engine", order
    assert set(order) == {"engine", "session", "directory", "alerts", "speech", "display"}
