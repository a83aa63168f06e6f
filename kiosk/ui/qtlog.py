"""Qt's own messages (QML errors, plugin warnings) routed into Python logging."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    where = f" ({context.file}:{context.line})" if context.file else ""
    logger.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install() -> None:
    qInstallMessageHandler(_handler)
