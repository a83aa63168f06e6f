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
