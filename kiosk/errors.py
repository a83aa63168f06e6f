"""The project's exception tree.

Everything the kiosk raises on purpose derives from :class:`KioskError`, so the CLI and the
player catch one type, print its message (never a traceback) and decide what to keep::

    KioskError
    ├── ConfigError        kiosk.toml is missing, unreadable or has a wrong key/value
    ├── FeedError          a feed could not be read or is invalid; carries every Problem found
    ├── FetchError         a download failed (timeout, HTTP status, size cap, connection)
    │   └── NotFound       the server or the disk says the file does not exist
    ├── StoreError         the on-disk store is unusable (permissions, full disk, corruption)
    └── SyncRefused        a feed was read but cannot become current (missing/bad media ...)

Third-party errors (requests, yaml, msgspec, OSError) are translated at the boundary of the
module that calls them, with the offending path or URL in the message.
"""

from __future__ import annotations

from dataclasses import dataclass


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""


class ConfigError(KioskError):
    """The configuration file is missing, unreadable or invalid."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a feed: where it is, and what was expected.

    ``path`` is a field path such as ``rotation[3].valid.hours[0]`` ("" for the whole file);
    ``line`` is 1-based and known for YAML and JSON sources; ``warning`` problems do not make
    the feed invalid (for example an item that no screen will ever show).
    """

    file: str
    path: str
    message: str
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        kind = "warning" if self.warning else "error"
        field = f" {self.path}:" if self.path else ""
        return f"{where}: {kind}:{field} {self.message}"


class FeedError(KioskError):
    """A feed is unreadable or invalid. ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        first = str(errors[0]) if errors else "invalid feed"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


class FetchError(KioskError):
    """A download failed; the message names the URL or path and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class NotFound(FetchError):
    """The file does not exist on the server or on disk (HTTP 404/410, ENOENT)."""


class StoreError(KioskError):
    """The local store cannot be read or written."""


class SyncRefused(KioskError):
    """A feed was fetched but cannot become the current snapshot."""
