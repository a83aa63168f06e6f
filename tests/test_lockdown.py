"""Lockdown: in kiosk mode nothing a visitor can do with a keyboard, a window manager or a
finger leaves the app; only ``--windowed`` may quit; and SIGTERM (Qt's quit) still stops it.
Real QML offscreen; the quit path in a real process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtTest import QTest

from tests.qmlkit import Clock, close_views, colour_media, make_site, player_and_view
from tests.qmlkit import snapshot_of as synced

pytestmark = pytest.mark.gui

SITE = """\
version: 1
site: {name: Valmorin-sur-Ondine}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.5}
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.5}
services:
  categories:
    - id: etat-civil
      title: {fr: État civil}
      services:
        - {id: naissance, title: {fr: Acte de naissance}, procedure: F1427}
"""

M = Qt.KeyboardModifier
K = Qt.Key
ESCAPES = [
    (K.Key_Escape, M.NoModifier),
    (K.Key_Q, M.ControlModifier),
    (K.Key_W, M.ControlModifier),
    (K.Key_F4, M.AltModifier),
    (K.Key_F4, M.ControlModifier),
    (K.Key_Backspace, M.ControlModifier | M.AltModifier),
    (K.Key_Delete, M.ControlModifier | M.AltModifier),
    (K.Key_Tab, M.AltModifier),
    (K.Key_F11, M.NoModifier),
    (K.Key_Back, M.NoModifier),
]


@pytest.fixture
def view(tmp_path, request):
    site = make_site(tmp_path / "site", SITE, colour_media("red", "green"))
    allow_quit = getattr(request, "param", False)
    _player, view = player_and_view(
        synced(site, tmp_path / "data"), Clock(), transition=0.1, allow_quit=allow_quit
    )
    yield view
    close_views()


def closes_refused(view) -> bool:
    """What a window manager's Alt+F4 or close button sends: a close event."""
    event = QCloseEvent()
    QGuiApplication.sendEvent(view.window, event)
    return not event.isAccepted()


def test_no_key_leaves_the_loop_or_a_visit(qtbot, view):
    quits: list[bool] = []
    view.engine.quit.connect(lambda: quits.append(True))
    view.window.requestActivate()
    qtbot.waitUntil(view.window.isActive, timeout=2000)
    for when in ("loop", "visit"):
        if when == "visit":
            view.session.start("")
            qtbot.waitUntil(lambda: view.session.active, timeout=2000)
        for key, mods in ESCAPES:
            QTest.keyClick(view.window, key, mods)
        qtbot.wait(100)
        assert quits == [] and view.window.isVisible(), when
    assert view.session.active  # no key ends a visit either (the idle timer does)


def test_a_window_manager_cannot_close_the_window(qtbot, view):
    assert closes_refused(view)
    qtbot.wait(100)
    assert view.window.isVisible()


def test_a_long_press_anywhere_is_a_touch_like_any_other(qtbot, view):
    quits: list[bool] = []
    view.engine.quit.connect(lambda: quits.append(True))
    for point in (QPoint(270, 480), QPoint(5, 5), QPoint(535, 955)):
        QTest.mousePress(view.window, Qt.MouseButton.LeftButton, M.NoModifier, point)
        qtbot.wait(1500)
        QTest.mouseRelease(view.window, Qt.MouseButton.LeftButton, M.NoModifier, point)
    qtbot.wait(100)
    assert quits == [] and view.window.isVisible()


@pytest.mark.parametrize("view", [True], indirect=True)
def test_windowed_mode_may_quit_and_close(qtbot, view):
    quits: list[bool] = []
    view.engine.quit.connect(lambda: quits.append(True))
    view.window.requestActivate()
    qtbot.waitUntil(view.window.isActive, timeout=2000)
    QTest.keyClick(view.window, K.Key_Q, M.ControlModifier)
    qtbot.waitUntil(lambda: quits == [True], timeout=2000)
    assert not closes_refused(view)


QUIT_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QCloseEvent, QGuiApplication
    from kiosk.app import load_theme
    from kiosk.ui.bridge import Player
    from kiosk.ui.view import View, application, load_fonts

    app = application(offscreen=True)
    theme, folder = load_theme("default")
    load_fonts(theme, folder)
    player = Player(theme, folder, parent=app)
    view = View(player, allow_quit=False)
    view.show((540, 960), fullscreen=False, hide_cursor=False)
    refused = []

    def close_then_quit():
        event = QCloseEvent()
        QGuiApplication.sendEvent(view.window, event)
        refused.append(not event.isAccepted())
        app.quit()  # what a SIGTERM handler calling quit() does

    QTimer.singleShot(300, close_then_quit)
    QTimer.singleShot(8000, lambda: app.exit(3))  # quit() refused: fail, do not hang
    status = app.exec()
    view.close()
    print("refused" if refused == [True] else "accepted", status)
    """
)


def test_quit_still_stops_a_locked_down_player():
    """Qt 6 asks every window to close before it quits: the window that refuses a window
    manager's close must still let the application quit."""
    proc = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.split()[-2:] == ["refused", "0"], proc.stdout + proc.stderr
