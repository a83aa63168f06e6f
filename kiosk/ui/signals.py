"""SIGTERM and SIGINT stop the player at once.

Python runs signal handlers only when the interpreter gets control, which it does not while
Qt waits for events; ``signal.set_wakeup_fd`` writes to a socket that a QSocketNotifier
watches, so the loop wakes up and the handler runs.

With ``stop_now``, the handler runs it (stop the jobs, write the last log line) and ends
the process with status 0 without going back into Qt: letting the event loop wind down
and tearing down the QML scene crashed (SIGSEGV) about once in ten stops after news and
agenda slides were added, and nothing there needs saving: every file the kiosk writes is
written atomically, so a stop at any instant leaves a store that opens.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)


def install(app: QCoreApplication, stop_now: Callable[[], None] | None = None) -> Any:
    """Returns an object to keep alive for as long as the app runs."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(reader))

    def stop(signum: int, _frame: Any) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        if stop_now is None:
            app.quit()
            return
        try:
            stop_now()
        finally:
            logging.shutdown()
            os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return reader, writer, notifier


def _drain(sock: socket.socket) -> None:
    try:
        while sock.recv(64):
            pass
    except BlockingIOError:
        pass
