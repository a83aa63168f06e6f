"""kiosk.toml -> a frozen :class:`Config`, with clear errors naming the file and the key.

Every key is optional; command-line options override the file. See ``docs/configuration.md``
(and ``kiosk.example.toml``) for what each key does.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.geometry import Geometry, parse_geometry
from kiosk.errors import ConfigError

SYSTEM_CONFIG = Path("/etc/kiosk/kiosk.toml")
MIN_POLL_INTERVAL = 10.0
MIN_HEARTBEAT_INTERVAL = 30.0


@dataclass(frozen=True)
class Config:
    feed: str | None = None  # URL, feed file or site folder; None: the bundled demo
    screen: str | None = None  # this screen's name in the feed's `screens`
    data_dir: Path | None = None  # None: default_data_dir()
    poll_interval: float = 60.0  # seconds between two feed checks
    language: str | None = None  # language of the attract loop; None: the site's first
    fullscreen: bool = True
    hide_cursor: bool = True
    ticker_speed: float = 120.0  # pixels per second
    transition: float = 1.0  # crossfade seconds
    position: tuple[float, float] | None = None  # (latitude, longitude), for alert areas
    trusted_keys: tuple[str, ...] = ()  # public keys feeds are signed by (RWQ... or .pub paths)
    allow_unsigned: bool = False  # play unsigned *local* feeds (development, previews)
    geometry: Geometry | None = None  # the physical screen ([geometry]; accessibility)
    audio: bool = False  # read full-screen alerts aloud, once (the screen has speakers)
    reduced_motion: bool = False  # cuts instead of fades, a ticker that stands still
    power_backend: str = "auto"  # how the panel is switched off at night (kiosk.ops.power)
    power_output: str | None = None  # wlr-randr output, CEC device or vcgencmd display id
    stats_retention_days: int = 400  # proof of play kept this long (a year and a dispute)
    stats_max_mb: float = 512.0  # ... and at most this much of the card (oldest go first)
    heartbeat_url: str | None = None  # where the heartbeat and proof of play are POSTed
    heartbeat_token_file: Path | None = None  # this screen's bearer token (relative: to here)
    heartbeat_interval: float = 300.0  # seconds between two heartbeats
    maintenance_pin: str | None = None  # opens the maintenance page; None: no such page
    source_file: Path | None = None  # where this config came from, for messages

    def resolved_data_dir(self) -> Path:
        return self.data_dir or default_data_dir()

    def with_overrides(self, **values: Any) -> Config:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def default_data_dir() -> Path:
    """The state directory systemd made for the service (``StateDirectory=kiosk``), or
    /var/lib/kiosk for root or the `kiosk` user (its tools run by hand), else the XDG data dir."""
    state = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    if state:
        return Path(state)
    if os.geteuid() == 0 or _user_name() == "kiosk":
        return Path("/var/lib/kiosk")
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kiosk"


def _user_name() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a UID with no passwd entry (a container)
        return ""


_TYPES: dict[str, tuple[type, ...]] = {
    "feed": (str,),
    "screen": (str,),
    "data_dir": (str,),
    "poll_interval": (int, float),
    "language": (str,),
    "fullscreen": (bool,),
    "hide_cursor": (bool,),
    "ticker_speed": (int, float),
    "transition": (int, float),
    "position": (list,),
    "trusted_keys": (list,),
    "allow_unsigned": (bool,),
    "geometry": (dict,),
    "audio": (bool,),
    "reduced_motion": (bool,),
    "power_backend": (str,),
    "power_output": (str,),
    "stats_retention_days": (int,),
    "stats_max_mb": (int, float),
    "heartbeat_url": (str,),
    "heartbeat_token_file": (str,),
    "heartbeat_interval": (int, float),
    "maintenance_pin": (str,),
}
POWER_BACKENDS = ("auto", "wlr-randr", "cec", "vcgencmd", "xset", "black")


def load_config(path: Path | None) -> Config:
    """Read ``path``; with None, read /etc/kiosk/kiosk.toml when it exists, else defaults."""
    if path is None:
        if not SYSTEM_CONFIG.is_file():
            return Config()
        path = SYSTEM_CONFIG
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return _from_table(doc, path)


def _from_table(doc: dict[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in doc.items():
        if key not in _TYPES:
            close = difflib.get_close_matches(key, list(_TYPES), n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ConfigError(f"{path}: unknown key `{key}`{hint}; known keys: {', '.join(_TYPES)}")
        types = _TYPES[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            want = " or ".join(t.__name__ for t in types)
            raise ConfigError(f"{path}: `{key}` = {value!r}; expected {want}")
        values[key] = value
    if "position" in values:
        values["position"] = _position(values["position"], path)
    if "trusted_keys" in values:
        keys = values["trusted_keys"]
        if not all(isinstance(k, str) and k.strip() for k in keys):
            raise ConfigError(
                f"{path}: `trusted_keys` = {keys!r}; expected a list of public keys: paths of "
                '.pub files or key lines, like ["/etc/kiosk/town.pub"]'
            )
        values["trusted_keys"] = tuple(keys)
    if "geometry" in values:
        values["geometry"] = parse_geometry(values["geometry"], str(path))
    if "data_dir" in values:
        values["data_dir"] = Path(values["data_dir"])
    if values.get("poll_interval", MIN_POLL_INTERVAL) < MIN_POLL_INTERVAL:
        raise ConfigError(
            f"{path}: `poll_interval` must be at least {MIN_POLL_INTERVAL:.0f} seconds"
        )
    if values.get("power_backend", "auto") not in POWER_BACKENDS:
        raise ConfigError(
            f"{path}: `power_backend` = {values['power_backend']!r}; expected one of "
            + ", ".join(f'"{b}"' for b in POWER_BACKENDS)
        )
    pin = values.get("maintenance_pin")
    if pin is not None and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise ConfigError(
            f'{path}: `maintenance_pin` = {pin!r}; expected 4 to 12 digits in quotes, like "482916"'
        )
    for key in ("ticker_speed", "transition"):
        if values.get(key, 1) < 0:
            raise ConfigError(f"{path}: `{key}` cannot be negative")
    _telemetry(values, path)
    return Config(**values, source_file=path)


def _telemetry(values: dict[str, Any], path: Path) -> None:
    """Proof-of-play retention and the heartbeat (docs/heartbeat.md)."""
    if values.get("stats_retention_days", 1) < 1:
        raise ConfigError(f"{path}: `stats_retention_days` must be at least 1 day")
    if values.get("stats_max_mb", 1) < 1:
        raise ConfigError(f"{path}: `stats_max_mb` must be at least 1 (megabytes)")
    if values.get("heartbeat_interval", MIN_HEARTBEAT_INTERVAL) < MIN_HEARTBEAT_INTERVAL:
        raise ConfigError(
            f"{path}: `heartbeat_interval` must be at least {MIN_HEARTBEAT_INTERVAL:.0f} seconds"
        )
    if "heartbeat_token_file" in values:
        values["heartbeat_token_file"] = path.parent / values["heartbeat_token_file"]
    url = values.get("heartbeat_url")
    if url is None:
        return
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "::1", "localhost")
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        raise ConfigError(
            f"{path}: `heartbeat_url` = {url!r}; expected an https:// address (http:// only "
            "to this machine: the screen's token would cross the network in clear)"
        )
    if "heartbeat_token_file" not in values:
        raise ConfigError(
            f"{path}: `heartbeat_url` needs `heartbeat_token_file`, the file holding this "
            'screen\'s token, like heartbeat_token_file = "/etc/kiosk/heartbeat.token"'
        )


def _position(value: list[Any], path: Path) -> tuple[float, float]:
    """``position = [45.899, 6.129]``: latitude then longitude, in degrees (WGS 84)."""
    if len(value) != 2 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        raise ConfigError(
            f"{path}: `position` = {value!r}; expected [latitude, longitude] in degrees, "
            "like [45.899, 6.129]"
        )
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ConfigError(
            f"{path}: `position` = {value!r}; latitude must be within ±90 and longitude "
            "within ±180 (is it [latitude, longitude]?)"
        )
    return (lat, lon)


def read_heartbeat_token(config: Config) -> str | None:
    """This screen's heartbeat token: the first line of ``heartbeat_token_file`` (kept out of
    kiosk.toml, so that file can stay world-readable). None without a heartbeat."""
    path = config.heartbeat_token_file
    if config.heartbeat_url is None or path is None:
        return None
    try:
        lines = path.read_text("utf-8").split()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"heartbeat_token_file {path}: cannot read: {exc}") from None
    if len(lines) != 1 or not lines[0].isprintable():
        raise ConfigError(
            f"heartbeat_token_file {path}: expected the screen's token alone on one line "
            "(printable, no spaces)"
        )
    return lines[0]
