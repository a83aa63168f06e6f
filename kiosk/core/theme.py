"""Themes: design tokens (colours, fonts, logo) read from ``themes/<name>/theme.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from kiosk.errors import ConfigError

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
REQUIRED_COLOURS = (
    "background",
    "surface",
    "text",
    "text_muted",
    "primary",
    "on_primary",
    "accent",
    "on_accent",
)


@dataclass(frozen=True)
class Theme:
    name: str
    colours: dict[str, str]
    font_family: str
    font_files: list[str] = field(default_factory=list)
    logo: str | None = None  # file name inside the theme folder, used when the site has none


def parse_theme(data: bytes, file: str) -> Theme:
    """Parse a theme.toml; every error names the file and the key."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: not a valid TOML file: {exc}") from None
    colours = doc.get("colours")
    if not isinstance(colours, dict):
        raise ConfigError(f"{file}: missing [colours] table")
    for key in REQUIRED_COLOURS:
        if key not in colours:
            raise ConfigError(f"{file}: colours.{key} is missing")
    for key, value in colours.items():
        if not isinstance(value, str) or not _COLOUR.match(value):
            raise ConfigError(f"{file}: colours.{key} = {value!r}; expected #RRGGBB")
    fonts = doc.get("fonts", {})
    family = fonts.get("family", "sans-serif")
    files = fonts.get("files", [])
    if not isinstance(family, str) or not isinstance(files, list):
        raise ConfigError(f"{file}: fonts.family must be text and fonts.files a list")
    logo = doc.get("logo")
    if logo is not None and not isinstance(logo, str):
        raise ConfigError(f"{file}: logo must be a file name")
    return Theme(str(doc.get("name", file)), dict(colours), family, [str(f) for f in files], logo)


#: Colour pairs a theme must keep readable: (foreground, background, minimum ratio). 4.5:1 for
#: text (WCAG 1.4.3, RGAA 3.2); 3:1 for large titles and the outlines of controls (1.4.11).
CONTRAST_PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "background", 4.5),
    ("text", "surface", 4.5),
    ("text", "band", 4.5),
    ("text_muted", "background", 4.5),
    ("text_muted", "surface", 4.5),
    ("on_primary", "primary", 4.5),
    ("on_accent", "accent", 4.5),
    ("primary", "background", 4.5),  # titles
    ("primary", "surface", 4.5),  # titles and icons on cards
    ("primary", "band", 3.0),  # outlined buttons on the navigation band
    ("accent", "background", 3.0),
)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def contrast_problems(theme: Theme) -> list[str]:
    """Each pair of :data:`CONTRAST_PAIRS` below its minimum, as a sentence."""
    problems = []
    for fg, bg, minimum in CONTRAST_PAIRS:
        if fg not in theme.colours or bg not in theme.colours:
            continue
        ratio = contrast_ratio(theme.colours[fg], theme.colours[bg])
        if ratio < minimum:
            problems.append(
                f"colours.{fg} ({theme.colours[fg]}) on colours.{bg} ({theme.colours[bg]}): "
                f"{ratio:.2f}:1, at least {minimum}:1"
            )
    return problems
