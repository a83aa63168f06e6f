"""The software video item (offscreen previews, devices without a GPU scene graph)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.ui import video

LOADER = b"""
import QtQuick
import Kiosk
Item {
    width: 320; height: 180
    property alias active: loader.active
    property alias item: loader.item
    Loader { id: loader; anchors.fill: parent; sourceComponent: SoftwareVideo {} }
}
"""


def test_a_destroyed_video_item_lets_its_last_frame_go(qtbot):  # qtbot: the Qt application
    """PySide keeps the Python object of a QML-created item after the item is destroyed; the
    item must not keep its last frame (a full picture) with it, or every video slide played
    leaks megabytes."""
    video.register()
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(LOADER, QUrl("inline.qml"))
    root = component.create()
    assert root is not None, component.errorString()
    item = root.property("item")
    picture = QImage(640, 360, QImage.Format.Format_RGB32)
    picture.fill(QColor("#1f5f8b"))
    item.videoSink.setVideoFrame(QVideoFrame(picture))
    assert item.frameCount == 1
    assert item._image.size().width() == 640  # the frame is held while the item lives

    root.setProperty("active", False)  # the slide is unloaded
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert item._image.isNull()
    root.deleteLater()
    engine.deleteLater()
