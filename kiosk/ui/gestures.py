"""Swipe right to go back, recognised for the whole directory at the window level.

A QML handler in the page would not see a drag that starts on a row (the row's MouseArea
takes the press first). This filter watches presses and releases on their way to the
window, changes nothing else, and on a clearly horizontal swipe to the right cancels the
press (the row is not clicked) and goes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QPointerEvent
from PySide6.QtQuick import QQuickItem

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd}


class SwipeBack(QObject):
    """``enabled()`` says whether a swipe would mean Back now; ``back()`` does it."""

    def __init__(
        self,
        enabled: Callable[[], bool],
        back: Callable[[], None],
        min_distance: Callable[[], float],
    ) -> None:
        super().__init__()
        self._enabled = enabled
        self._back = back
        self._min_distance = min_distance
        self._start: QPointF | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESS and isinstance(event, QPointerEvent) and event.points():
            self._start = event.points()[0].scenePosition()
        elif kind in _RELEASE and self._start is not None and isinstance(event, QPointerEvent):
            start, self._start = self._start, None
            if event.points() and self._enabled():
                end = event.points()[0].scenePosition()
                dx, dy = end.x() - start.x(), abs(end.y() - start.y())
                if dx >= self._min_distance() and dy < dx / 2:
                    self._cancel(event)
                    self._back()
                    return True  # the release is used up: no click underneath
        return False

    @staticmethod
    def _cancel(event: QPointerEvent) -> None:
        """Take the press away from whatever holds it (it gets 'canceled', not 'clicked')."""
        for point in event.points():
            grabber = event.exclusiveGrabber(point)
            if isinstance(grabber, QQuickItem):
                grabber.ungrabMouse()
                grabber.ungrabTouchPoints()
