"""Theme icons for QML, in any colour: ``image://icon/<name>/<RRGGBB>``.

Icons are SVG files drawn in ``currentColor`` (``themes/<theme>/icons/``); this provider
substitutes the colour asked for and renders at the size the Image asks, so one icon set
serves every theme, including high contrast, without a GPU effect.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider
from PySide6.QtSvg import QSvgRenderer

from kiosk.resources import icon_path

log = logging.getLogger(__name__)

_COLOUR = re.compile(r"^[0-9A-Fa-f]{6}$")
DEFAULT_SIZE = 96


def icon_url(name: str, colour: str) -> str:
    return f"image://icon/{name}/{colour.lstrip('#')}"


class IconProvider(QQuickImageProvider):
    def __init__(self, theme: str) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self.theme = theme

    @lru_cache(maxsize=64)  # noqa: B019 - one provider per engine, lives as long as the app
    def _svg(self, name: str) -> bytes | None:
        path = icon_path(self.theme, name)
        if path is None:
            log.warning("no icon named '%s' in theme %s", name, self.theme)
            return None
        return path.read_bytes()

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        name, _, colour = id.partition("/")
        colour = colour if _COLOUR.match(colour) else "000000"
        width = requested.width() if requested.width() > 0 else DEFAULT_SIZE
        height = requested.height() if requested.height() > 0 else width
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        svg = self._svg(name)
        if svg is not None:
            renderer = QSvgRenderer(
                QByteArray(svg.replace(b"currentColor", b"#" + colour.encode()))
            )
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
        size.setWidth(width)
        size.setHeight(height)
        return image
