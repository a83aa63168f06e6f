"""Where the files shipped with the kiosk live: themes, the demo site, QML.

In a checkout they are read from the repository (``themes/``, ``playlists/``); an installed
wheel carries them under ``kiosk/_bundled/`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def themes_dir() -> Path:
    return _bundled("themes")


def playlists_dir() -> Path:
    return _bundled("playlists")


def demo_site() -> Path:
    return playlists_dir() / "demo"


def theme_dir(name: str) -> Path | None:
    path = themes_dir() / name
    return path if (path / "theme.toml").is_file() else None


def theme_exists(name: str) -> bool:
    return theme_dir(name) is not None


def icon_path(theme: str, name: str) -> Path | None:
    """``themes/<theme>/icons/<name>.svg``, else the default theme's icon of that name."""
    for folder in (theme, "default"):
        path = themes_dir() / folder / "icons" / f"{name}.svg"
        if path.is_file():
            return path
    return None


def icon_exists(name: str) -> bool:
    return icon_path("default", name) is not None


def qml_dir() -> Path:
    return _PACKAGE / "ui" / "qml"
