"""Video frames for Qt Quick's software renderer.

``VideoOutput`` needs a GPU scene graph (RHI). Where Qt Quick renders in software (offscreen
previews, ``kiosk render``, tests, a device without GL) videos would show nothing, so QML
swaps in this item: it receives frames from a QVideoSink and paints the latest one. On a
Raspberry Pi (eglfs, OpenGL ES) the regular VideoOutput is used.

Imported only when the first video slide is prepared (see :func:`register`).

PySide keeps the Python object of an item QML created alive after QML destroyed the item
(measured with PySide6 6.11: one per video slide, never collected). So the last frame, a
full picture, is not kept on the object itself but in a holder emptied when the item is
destroyed: otherwise every video slide played left 3-4 MiB behind (benchmarks/soak.py).
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtQml import qmlRegisterType
from PySide6.QtQuick import QQuickItem, QQuickPaintedItem


class SoftwareVideo(QQuickPaintedItem):
    frameCountChanged = Signal()
    fillModeChanged = Signal()

    def __init__(self, parent: QQuickItem | None = None) -> None:
        super().__init__(parent)
        self._sink = QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._held: dict[str, QImage] = {}  # "image": the latest frame (see the docstring)
        held = self._held
        self.destroyed.connect(lambda *_: held.clear())
        self._frames = 0
        self._crop = False

    @property
    def _image(self) -> QImage:
        return self._held.get("image") or QImage()

    def _on_frame(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self._held["image"] = image
        self._frames += 1
        if self._frames == 1:
            self.frameCountChanged.emit()
        self.update()

    def paint(self, painter: QPainter) -> None:
        if self._image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if self._crop
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        size = self._image.size().scaled(int(self.width()), int(self.height()), mode)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        painter.drawImage(QRectF(x, y, size.width(), size.height()), self._image)

    def _get_sink(self) -> QVideoSink:
        return self._sink

    videoSink = Property(QObject, _get_sink, constant=True)  # a QVideoSink

    def _get_frames(self) -> int:
        return self._frames

    #: 0 until the first frame arrived, then >= 1 (only the first change is notified).
    frameCount = Property(int, _get_frames, notify=frameCountChanged)

    def _get_crop(self) -> bool:
        return self._crop

    def _set_crop(self, value: bool) -> None:
        if value != self._crop:
            self._crop = value
            self.fillModeChanged.emit()
            self.update()

    crop = Property(bool, _get_crop, _set_crop, notify=fillModeChanged)


_registered = False


def register() -> None:
    """Make ``import Kiosk`` / ``SoftwareVideo`` available to QML (once). Called when the
    first video slide is prepared: QtMultimedia costs ~65 ms to import, start-up need not pay."""
    global _registered
    if not _registered:
        qmlRegisterType(SoftwareVideo, "Kiosk", 1, 0, "SoftwareVideo")
        _registered = True
