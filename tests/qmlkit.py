"""Helpers for the QML tests: real pictures, a synced snapshot, a player window, pixel checks."""

from __future__ import annotations

import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from kiosk.app import load_theme
from kiosk.io.store import Snapshot
from kiosk.io.sync import sync_once
from kiosk.resources import theme_dir
from kiosk.ui.bridge import Player
from kiosk.ui.view import View, load_fonts
from tests.fixtures_feed import TRUST

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Paris


def picture(colour: str, size: tuple[int, int] = (800, 500), fmt: str = "JPG") -> bytes:
    """An encoded picture of one colour with a white diagonal, so it is never uniform."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.setPen(QPen(QColor("white"), max(size) // 25))
    painter.drawLine(0, 0, size[0], size[1])
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)
    return bytes(data.data())


COLOURS = {"red": "#D03030", "green": "#30A040", "blue": "#3050C0", "yellow": "#E0C020"}


def colours_feed(*names: str, duration: float = 0.7) -> str:
    """A feed of one full-screen picture per colour, shown ``duration`` seconds each."""
    items = "".join(
        f"  - {{id: {n}, type: image, image: media/{n}.jpg, fit: cover, duration: {duration}}}\n"
        for n in names
    )
    return f"version: 1\nsite: {{name: Testville}}\nrotation:\n{items}"


def colour_media(*names: str) -> dict[str, bytes]:
    return {f"media/{name}.jpg": picture(COLOURS[name]) for name in names}


def make_site(folder: Path, feed: str, media: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.yaml").write_text(textwrap.dedent(feed), "utf-8")
    for rel, data in media.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def snapshot_of(site: Path, data_dir: Path) -> Snapshot:
    result = sync_once(str(site), data_dir, trust=TRUST)
    assert result.ok and result.snapshot is not None, result.message
    return result.snapshot


class Clock:
    """A clock that starts at ``start`` and runs at real speed (``frozen``: stands still)."""

    def __init__(self, start: datetime = NOW, frozen: bool = False) -> None:
        self.start = start
        self.frozen = frozen
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        if self.frozen:
            return self.start
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


_OPEN: list[tuple[Player, View]] = []


def close_views() -> None:
    """Tear down every view a test opened (called by the `views` fixture): the QML first,
    then the player it binds to."""
    while _OPEN:
        _player, view = _OPEN.pop()
        view.close()


def player_and_view(
    snapshot: Snapshot | None,
    clock: Clock,
    size: tuple[int, int] = (540, 960),
    transition: float = 0.3,
    render_mode: bool = False,
    language: str | None = None,
    allow_quit: bool = False,
    warning_seconds: int = 20,
    screen: str | None = None,
    speech_engine: str | None = None,
    audio: bool = False,
    reduced_motion: bool = False,
    power_switch: Any = None,
    maintenance: Any = None,
) -> tuple[Player, View]:
    theme, folder = load_theme("default")
    assert theme_dir("default") is not None
    load_fonts(theme, folder)
    player = Player(
        theme,
        folder,
        clock=clock,
        transition=transition,
        render_mode=render_mode,
        language=language,
        screen=screen,
    )
    player.set_snapshot(snapshot)
    view = View(
        player,
        allow_quit=allow_quit,
        warning_seconds=warning_seconds,
        speech_engine=speech_engine,
        audio=audio,
        reduced_motion=reduced_motion,
        power_switch=power_switch,
        maintenance=maintenance,
    )
    _OPEN.append((player, view))
    view.show(size, fullscreen=False, hide_cursor=False)
    return player, view


def stage_region(view: View, image: QImage) -> QImage:
    """The part of a window grab that the slide stage covers (no header, no ticker)."""
    stage = view.stage
    top = int(stage.property("y"))
    height = int(stage.property("height"))
    return image.copy(0, top, image.width(), height)


def colour_spread(image: QImage, step: int = 7) -> int:
    """How different the pixels are (max - min of the grey level over a grid): a blank or
    single-colour frame gives 0."""
    small = image.scaled(
        image.width() // step or 1,
        image.height() // step or 1,
        Qt.AspectRatioMode.IgnoreAspectRatio,
    )
    greys = [
        QColor(small.pixel(x, y)).lightness()
        for y in range(small.height())
        for x in range(small.width())
    ]
    return max(greys) - min(greys)


def dark_fraction(image: QImage, step: int = 7) -> float:
    small = image.scaled(
        image.width() // step or 1,
        image.height() // step or 1,
        Qt.AspectRatioMode.IgnoreAspectRatio,
    )
    pixels = [
        QColor(small.pixel(x, y)) for y in range(small.height()) for x in range(small.width())
    ]
    return sum(p.lightness() < 25 for p in pixels) / len(pixels)


def has_colour(image: QImage, colour: str, tolerance: int = 12, step: int = 5) -> bool:
    want = QColor(colour)
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = QColor(image.pixel(x, y))
            if (
                abs(c.red() - want.red()) <= tolerance
                and abs(c.green() - want.green()) <= tolerance
                and abs(c.blue() - want.blue()) <= tolerance
            ):
                return True
    return False


def shown_ids(player: Player) -> list[str]:
    """Start recording the ids the player reports as fully shown."""
    seen: list[str] = []
    player.slideShown.connect(seen.append)
    return seen


def props(obj: Any, *names: str) -> dict[str, Any]:
    return {n: obj.property(n) for n in names}


# -- driving the UI with real input events ----------------------------------------------------


def items(view: View):
    """Every item of the window's visual tree (Loaders' content included)."""

    def walk(item):
        yield item
        for child in item.childItems():
            yield from walk(child)

    return walk(view.window.contentItem())


def find(view: View, name: str):
    """The visible item called ``name`` (objectName), or None."""
    return next((i for i in items(view) if i.objectName() == name and i.isVisible()), None)


def centre(item) -> Any:
    from PySide6.QtCore import QPointF

    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def settled(view: View, item_or_name: Any, timeout: float = 5.0) -> Any:
    """The item, once it exists and has stayed at the same place for a few event rounds
    (a page just loaded is still being laid out)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    last, stable = None, 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        item = find(view, item_or_name) if isinstance(item_or_name, str) else item_or_name
        here = (centre(item), item.width()) if item is not None and item.width() > 0 else None
        stable = stable + 1 if here is not None and here == last else 0
        last = here
        if stable >= 3:
            return item
        time.sleep(0.01)
    raise AssertionError(f"no settled visible item {item_or_name!r}")


def click(view: View, item_or_name: Any) -> None:
    """A mouse click at the centre of an item, through the window like a real one."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    item = settled(view, item_or_name)
    QTest.mouseClick(
        view.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(item)
    )


_TOUCH = None


def tap(view: View, point: Any) -> None:
    """A finger on the touch screen at ``point`` (window coordinates), lifted at once."""
    from PySide6.QtTest import QTest

    global _TOUCH
    if _TOUCH is None:
        _TOUCH = QTest.createTouchDevice()
    QTest.touchEvent(view.window, _TOUCH).press(0, point, view.window).commit()
    QTest.touchEvent(view.window, _TOUCH).release(0, point, view.window).commit()


def keyboard_key(view: View, text: str):
    """The on-screen keyboard's key that types ``text``."""
    board = find(view, "keyboard")
    assert board is not None, "the on-screen keyboard is not shown"
    for item in items(view):
        if item.property("key") is not None and item.property("text") == text and item.isVisible():
            return item
    raise AssertionError(f"no key {text!r} on the on-screen keyboard")


_TEXT_CLASSES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")


def visible_texts(view: View) -> list[str]:
    """The text of every visible Text item (what a visitor can read)."""
    out = []
    for item in items(view):
        # inherits(), not metaObject().className(): a wrapper made for a QML type's
        # QMetaObject outlives it in shiboken's table and was once handed back for an item.
        if any(item.inherits(c) for c in _TEXT_CLASSES) and _really_visible(item):
            text = item.property("text")
            if text:
                out.append(str(text))
    return out


def _really_visible(item) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True
