"""How the screen presents itself to the visitor in front of it (``display`` in QML).

The visitor's own choices, from the Accessibility panel of the directory, last one visit:

- ``largeText``: no text of the directory is smaller than :attr:`Display.minTextPx`: the
  size whose capitals subtend 0.7 degrees at the configured viewing distance (EN 301 549,
  5.1.4), and never less than :data:`LARGE_TEXT_UNITS` (44 px on a 1080-px screen, where
  the smallest normal text is 28 and body text 30-38). Larger text (titles) stays as it is;
- ``highContrast``: the colours of the high-contrast theme (white and yellow on black);
- ``accessibleLayout``: the whole directory, pages included, comes down into the reach band
  (on screens whose top is out of reach from a wheelchair).

The town's setting, from kiosk.toml, lasts: ``reducedMotion`` (cuts instead of fades, a
still ticker). ``kiosk render --mode`` sets the visitor's modes for previews.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.core.geometry import DISPLAY_MODES as MODES
from kiosk.core.geometry import Geometry

log = logging.getLogger(__name__)

#: Large text is at least this size, in layout units (1 px on a 1080-px short side).
LARGE_TEXT_UNITS = 44.0
#: Capital height over font size when the font cannot be measured.
DEFAULT_CAP_RATIO = 0.7


def large_text_px(
    geometry: Geometry | None, width_px: int, height_px: int, cap_ratio: float
) -> float:
    """The smallest font size (px) of large-text mode in a ``width_px`` x ``height_px``
    window: capitals subtending the large-text angle on ``geometry``, and at least
    :data:`LARGE_TEXT_UNITS`."""
    if width_px <= 0 or height_px <= 0:
        return LARGE_TEXT_UNITS
    floor = LARGE_TEXT_UNITS * min(width_px, height_px) / 1080
    if geometry is None:
        return floor
    g = geometry.oriented(height_px > width_px)
    needed_cap_px = g.large_cap_height_mm() * g.px_per_mm(width_px, height_px)
    return max(floor, math.ceil(needed_cap_px / cap_ratio + 0.5))


def cap_ratio(family: str) -> float:
    """Capital height of ``family`` as a share of its pixel size."""
    font = QFont(family)
    font.setPixelSize(100)
    cap = QFontMetricsF(font).capHeight()
    return cap / 100 if cap > 0 else DEFAULT_CAP_RATIO


class Display(QObject):
    """The display modes, for QML (``display``)."""

    changed = Signal()

    def __init__(
        self,
        geometry: Geometry | None = None,
        reduced_motion: bool = False,
        font_family: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._geometry = geometry
        self._reduced_motion = reduced_motion
        self._family = font_family
        self._cap_ratio: float | None = None
        self._size = (0, 0)
        self._large = False
        self._contrast = False
        self._lowered = False
        self._min_px = LARGE_TEXT_UNITS

    # -- set from Python ------------------------------------------------------------------

    def set_window_size(self, width: int, height: int) -> None:
        if (width, height) != self._size:
            self._size = (width, height)
            self._update_size()

    def set_modes(self, modes: list[str] | tuple[str, ...]) -> None:
        """Previews: turn on exactly these of :data:`MODES`."""
        unknown = [m for m in modes if m not in MODES]
        if unknown:
            raise ValueError(f"unknown display mode {unknown[0]!r}; expected one of {MODES}")
        self._large = "large-text" in modes
        self._contrast = "high-contrast" in modes
        self._lowered = "accessible-layout" in modes
        self._update_size()
        self.changed.emit()

    def _update_size(self) -> None:
        """The large-text size for this window: measured (the font's capitals) only once a
        visitor asks for large text, not at start-up."""
        if not self._large:
            return
        if self._cap_ratio is None:
            self._cap_ratio = cap_ratio(self._family) if self._family else DEFAULT_CAP_RATIO
        size = large_text_px(self._geometry, *self._size, self._cap_ratio)
        if abs(size - self._min_px) > 1e-6:
            self._min_px = size
            self.changed.emit()

    # -- the visitor's choices -------------------------------------------------------------

    @Slot()
    def toggleLargeText(self) -> None:
        self._large = not self._large
        self._update_size()
        log.info("display: large text %s", "on" if self._large else "off")
        self.changed.emit()

    @Slot()
    def toggleHighContrast(self) -> None:
        self._contrast = not self._contrast
        log.info("display: high contrast %s", "on" if self._contrast else "off")
        self.changed.emit()

    @Slot()
    def toggleAccessibleLayout(self) -> None:
        self._lowered = not self._lowered
        log.info("display: accessible layout %s", "on" if self._lowered else "off")
        self.changed.emit()

    @Slot()
    def reset(self) -> None:
        """The end of a visit: the next visitor starts from the town's settings."""
        if self._large or self._contrast or self._lowered:
            self._large = self._contrast = self._lowered = False
            self.changed.emit()

    # -- for QML -------------------------------------------------------------------------

    def _get_large(self) -> bool:
        return self._large

    largeText = Property(bool, _get_large, notify=changed)

    def _get_min_px(self) -> float:
        return self._min_px if self._large else 0.0

    #: No text of the directory is smaller (0 outside large-text mode).
    minTextPx = Property(float, _get_min_px, notify=changed)

    def _get_contrast(self) -> bool:
        return self._contrast

    highContrast = Property(bool, _get_contrast, notify=changed)

    def _get_lowered(self) -> bool:
        return self._lowered

    accessibleLayout = Property(bool, _get_lowered, notify=changed)

    def _get_reduced(self) -> bool:
        return self._reduced_motion

    reducedMotion = Property(bool, _get_reduced, notify=changed)
