"""SIGTERM and SIGINT stop the Qt event loop cleanly.

Python runs signal handlers only when the interpreter gets control, which it does not while
Qt waits for events; ``signal.set_wakeup_fd`` writes to a socket that a QSocketNotifier
watches, so the loop wakes up, the handler runs and quits the app.
"""

from __future__ import annotations

import logging
import signal
import socket
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)


def install(app: QCoreApplication) -> Any:
    """Returns an object to keep alive for as long as the app runs."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(reader))

    def stop(signum: int, _frame: Any) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        app.quit()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return reader, writer, notifier


def _drain(sock: socket.socket) -> None:
    try:
        while sock.recv(64):
            pass
    except BlockingIOError:
        pass
