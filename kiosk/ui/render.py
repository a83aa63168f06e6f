"""Rendering slides to PNG offscreen: ``kiosk render``, ``kiosk demo`` without a display, tests.

Each slide is shown at once (no transition), and grabbed only when the stage says it is ready
(pictures decoded, first video frame there), so what is saved is what a passer-by would see.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject
from PySide6.QtGui import QGuiApplication, QImage

from kiosk.errors import KioskError
from kiosk.ui.view import View

log = logging.getLogger(__name__)

READY_TIMEOUT = 20.0


def wait_ready(view: View, timeout: float = READY_TIMEOUT) -> bool:
    """Process events until the slide on the stage is ready; False if it failed or timed out."""
    app = QGuiApplication.instance()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if view.stage.property("ready"):
            return True
        if view.stage.property("frontError"):
            return False
    return False


def grab_slide(view: View, slide: dict[str, Any]) -> QImage:
    """Show ``slide`` on the stage, wait until it is ready, and return the window's pixels."""
    view.stage.showNow(slide)
    if not wait_ready(view):
        error = view.stage.property("frontError") or "did not finish loading"
        raise KioskError(f"slide {slide.get('id')}: {error}")
    QGuiApplication.instance().processEvents()
    return view.window.grabWindow()


def _images_loading(view: View) -> bool:
    """Whether any picture of the window is still loading (tiles' icons, QR codes...)."""
    for obj in view.window.contentItem().findChildren(QObject):
        # inherits() asks C++; metaObject() would make a Python wrapper for a QML type's
        # heap-allocated QMetaObject, which shiboken may hand back later for a new object
        # at the same address.
        if obj.inherits("QQuickImageBase") and obj.property("status") == 2:
            return True
    return False


def grab_page(view: View, path: str, timeout: float = READY_TIMEOUT) -> QImage:
    """Open the directory page ``path`` (see Navigation.go_to) and return the window's pixels
    once it and its pictures are loaded."""
    if not view.directory.available:
        raise KioskError("this feed has no `services`: there is no directory to render")
    view.session.start("")
    if not view.directory.go_to(path):
        raise KioskError(
            f"no page '{path}': expected home, services, services/<category>, "
            "services/<category>/<service> or search:<text>"
        )
    app = QGuiApplication.instance()
    deadline = time.monotonic() + timeout
    quiet_since = None
    # Pictures start loading a moment after the page changes: wait until nothing has been
    # loading for a while, not just for one round of events.
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
        if _images_loading(view):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.25:
            break
    return view.window.grabWindow()


def page_file_name(path: str) -> str:
    """'services/etat-civil/acte-naissance' -> 'services--etat-civil--acte-naissance.png'."""
    safe = path.replace("/", "--").replace(":", "-")
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in safe) + ".png"


def render_to_files(view: View, slides: list[dict[str, Any]], out: Path) -> list[Path]:
    """One PNG per slide, named ``NN-<id>.png``; a slide that fails is reported, not fatal."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    for number, slide in enumerate(slides, start=1):
        try:
            image = grab_slide(view, slide)
        except KioskError as exc:
            failures.append(str(exc))
            log.error("%s", exc)
            continue
        path = out / f"{number:02d}-{slide['id']}.png"
        if not image.save(str(path)):
            raise KioskError(f"cannot write {path}")
        written.append(path)
    if failures:
        raise KioskError(f"{len(failures)} slide(s) could not be rendered: " + "; ".join(failures))
    return written
