"""The systemd notification protocol (sd_notify), without libsystemd.

systemd passes ``$NOTIFY_SOCKET`` (a path, or ``@name`` for an abstract socket) to a
``Type=notify`` service; the service sends newline-separated ``KEY=value`` lines to it as one
datagram: ``READY=1`` when it is up, ``WATCHDOG=1`` at least every ``$WATCHDOG_USEC``
microseconds, ``STATUS=...`` for ``systemctl status``, ``STOPPING=1`` when it stops. Outside
systemd (a desktop, the tests, ``kiosk demo``) nothing is set and every call does nothing.
A failed send is logged once and never raised: the player plays on without its supervisor.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    """Sends to the socket named in ``environ`` (default: this process's environment)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.address = _address(env.get("NOTIFY_SOCKET", ""))
        self.watchdog_usec = _watchdog_usec(env)
        self._sock: socket.socket | None = None
        self._failed = False

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, *lines: str) -> bool:
        """Send ``lines`` (``"READY=1"``, ``"STATUS=..."``) as one message; True when sent."""
        if self.address is None:
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.sendto("\n".join(lines).encode(), self.address)
        except OSError as exc:
            if not self._failed:  # once: a watchdog ping must not log a line per tick
                log.warning("cannot notify systemd at %r: %s", self.address, exc)
                self._failed = True
            return False
        if self._failed:
            log.info("notifying systemd again")
            self._failed = False
        return True

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def status_line(text: str) -> str:
    """A ``STATUS=`` line: one line of text, whatever ``text`` holds."""
    return "STATUS=" + " ".join(text.split())


def _address(value: str) -> str | bytes | None:
    if value.startswith("@"):  # abstract namespace: a leading NUL byte instead of the '@'
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None  # unset, or a vsock address (not for a kiosk)


def _watchdog_usec(env: Mapping[str, str]) -> int | None:
    """The watchdog period, when systemd asks *this* process for pings."""
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):  # meant for a parent (cage) or inherited by a child
        return None
    return usec if usec > 0 else None
