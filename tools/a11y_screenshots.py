"""The pictures of docs/accessibility.md: the demo on the 55-inch totem in each display mode.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/a11y_screenshots.py

Renders the home page and a service page with ``kiosk render --geometry totem55`` in the
default display and each mode of the Accessibility panel, and puts the four side by side
(half size) in docs/screenshots/a11y-modes-totem-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.app import render_site
from kiosk.core.geometry import PRESETS
from kiosk.resources import demo_site

MODES = ("default", "large-text", "high-contrast", "accessible-layout")
PAGES = {"home": "home", "service": "services/etat-civil/pacs"}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def side_by_side(images: list[QImage], gap: int = 16) -> QImage:
    half = [i.scaled(i.width() // 2, i.height() // 2) for i in images]
    out = QImage(
        sum(i.width() for i in half) + gap * (len(half) - 1),
        max(i.height() for i in half),
        QImage.Format.Format_RGB32,
    )
    out.fill(QColor("#808080"))
    painter = QPainter(out)
    x = 0
    for image in half:
        painter.drawImage(x, 0, image)
        x += image.width() + gap
    painter.end()
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        shots: dict[str, list[QImage]] = {name: [] for name in PAGES}
        for mode in MODES:
            paths = render_site(
                demo_site(),
                Path(tmp) / mode,
                size=(1080, 1920),
                lang="fr",
                pages=list(PAGES.values()),
                geometry=PRESETS["totem55"],
                modes=[] if mode == "default" else [mode],
            )
            for name, path in zip(PAGES, paths, strict=True):
                shots[name].append(QImage(str(path)))
        for name, images in shots.items():
            target = OUT / f"a11y-modes-totem-{name}.png"
            side_by_side(images).save(str(target))
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
