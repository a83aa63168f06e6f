"""The physical screen: its size in millimetres, how high it hangs, where people stand.

From it the kiosk knows how many pixels make a millimetre, how high above the floor each row
of pixels is, which rows a person in a wheelchair can reach (the French rule for public
buildings: controls between 0.90 m and 1.30 m above the floor, arrêté du 20 avril 2017), how
many pixels a 20 mm touch target needs, and how tall capitals must be to subtend 0.7 degrees
at the viewing distance (EN 301 549, 5.1.4). ``kiosk.toml`` gives it in ``[geometry]``, by
preset or value by value (docs/accessibility.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from kiosk.errors import ConfigError

#: The French rule for controls in public buildings (ERP), in mm above the floor.
REACH_BAND = (900.0, 1300.0)
MIN_TARGET_MM = 20.0
#: EN 301 549 5.1.4: capitals of large text subtend at least this angle.
LARGE_TEXT_DEGREES = 0.7


@dataclass(frozen=True)
class Geometry:
    """A screen as mounted: ``width_mm`` x ``height_mm`` of visible picture, its lower edge
    ``bottom_mm`` above the floor, read from ``viewing_mm`` away."""

    name: str
    width_mm: float
    height_mm: float
    bottom_mm: float
    viewing_mm: float
    reach_low_mm: float = REACH_BAND[0]
    reach_high_mm: float = REACH_BAND[1]
    min_target_mm: float = MIN_TARGET_MM

    @property
    def portrait(self) -> bool:
        return self.height_mm > self.width_mm

    def turned(self) -> Geometry:
        """The same screen mounted the other way round (the lower edge stays where it was)."""
        return replace(self, width_mm=self.height_mm, height_mm=self.width_mm)

    def oriented(self, portrait: bool) -> Geometry:
        return self if self.portrait == portrait else self.turned()

    def px_per_mm(self, width_px: int, height_px: int) -> float:
        """Pixels per millimetre (square pixels: the mean of both axes)."""
        return (width_px / self.width_mm + height_px / self.height_mm) / 2

    def floor_height(self, y_px: float, height_px: int) -> float:
        """Millimetres above the floor of pixel row ``y_px`` (0 is the top row)."""
        return self.bottom_mm + (height_px - y_px) * self.height_mm / height_px

    def row_at(self, height_mm: float, height_px: int) -> float:
        """The pixel row (from the top) at ``height_mm`` above the floor."""
        return height_px - (height_mm - self.bottom_mm) * height_px / self.height_mm

    def reach_rows(self, height_px: int) -> tuple[float, float]:
        """(top, bottom) pixel rows of the reach band, clipped to the screen."""
        top = self.row_at(self.reach_high_mm, height_px)
        bottom = self.row_at(self.reach_low_mm, height_px)
        return max(0.0, top), min(float(height_px), bottom)

    def large_cap_height_mm(self) -> float:
        """Capital height that subtends :data:`LARGE_TEXT_DEGREES` at the viewing distance."""
        return self.viewing_mm * math.tan(math.radians(LARGE_TEXT_DEGREES))


#: The display modes a visitor can choose in the directory's Accessibility panel (and
#: ``kiosk render --mode``, ``kiosk check-a11y --mode``): see kiosk/ui/display.py.
DISPLAY_MODES = ("large-text", "high-contrast", "accessible-layout")

#: A 55-inch 16:9 portrait street totem, picture from 0.60 m to 1.82 m above the ground;
#: and a 24-inch landscape terminal on a desk-height stand in a town hall's lobby.
PRESETS: dict[str, Geometry] = {
    "totem55": Geometry("totem55", 685.0, 1218.0, bottom_mm=600.0, viewing_mm=700.0),
    "hall24": Geometry("hall24", 531.0, 299.0, bottom_mm=950.0, viewing_mm=500.0),
}

_KEYS: dict[str, type | tuple[type, ...]] = {
    "preset": str,
    "width_mm": (int, float),
    "height_mm": (int, float),
    "bottom_mm": (int, float),
    "viewing_mm": (int, float),
    "reach_mm": list,
    "min_target_mm": (int, float),
}


def parse_geometry(table: dict[str, Any], source: str) -> Geometry:
    """``[geometry]`` of kiosk.toml: a ``preset`` and/or values; errors name the key."""
    for key, value in table.items():
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise ConfigError(f"{source}: unknown key `geometry.{key}`; known keys: {known}")
        want = _KEYS[key]
        if not isinstance(value, want) or isinstance(value, bool):
            raise ConfigError(f"{source}: `geometry.{key}` = {value!r} has the wrong type")
    name = table.get("preset", "custom")
    if "preset" in table:
        if name not in PRESETS:
            raise ConfigError(
                f"{source}: `geometry.preset` = {name!r}; expected one of {', '.join(PRESETS)}"
            )
        base = PRESETS[name]
    else:
        missing = [k for k in ("width_mm", "height_mm", "bottom_mm") if k not in table]
        if missing:
            raise ConfigError(
                f"{source}: `[geometry]` needs a `preset` ({', '.join(PRESETS)}) or "
                f"{', '.join('`' + k + '`' for k in missing)}"
            )
        base = Geometry("custom", 1.0, 1.0, 0.0, 600.0)
    values: dict[str, Any] = {}
    for key in ("width_mm", "height_mm", "bottom_mm", "viewing_mm", "min_target_mm"):
        if key in table:
            values[key] = float(table[key])
    if "reach_mm" in table:
        reach = table["reach_mm"]
        if len(reach) != 2 or not all(isinstance(v, int | float) for v in reach):
            raise ConfigError(
                f"{source}: `geometry.reach_mm` = {reach!r}; expected [low, high] in mm, "
                "like [900, 1300]"
            )
        values["reach_low_mm"], values["reach_high_mm"] = float(reach[0]), float(reach[1])
    geometry = replace(base, **values)
    for key in ("width_mm", "height_mm", "viewing_mm", "min_target_mm"):
        if getattr(geometry, key) <= 0:
            raise ConfigError(f"{source}: `geometry.{key}` must be more than 0")
    if geometry.bottom_mm < 0 or geometry.reach_low_mm >= geometry.reach_high_mm:
        raise ConfigError(
            f"{source}: `geometry`: the lower edge cannot be below the floor, and the reach "
            "band's low end must be below its high end"
        )
    return geometry
