"""The services directory as QObjects for QML: what page, what it shows, the visit's session.

:class:`DirectoryBridge` turns :class:`kiosk.core.directory.Navigation` into properties (one
``changed`` signal: a page is small) and slots QML calls on touches. :class:`Session`
decides when a visit starts and ends: the first touch starts it and stops the attract loop;
after ``idle_timeout`` seconds without a touch a warning offers to continue for
``warning_seconds`` (at least 20, WCAG 2.2.1); then the visit ends and everything it
changed (page, search, scroll, language) is forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core import directory as pages
from kiosk.core import spoken
from kiosk.core.feed import Directory
from kiosk.io.store import Snapshot

log = logging.getLogger(__name__)

MIN_WARNING_SECONDS = 20


class DirectoryBridge(QObject):
    changed = Signal()
    languageChanged = Signal(str)

    def __init__(
        self,
        icon_url: Callable[[str], str],
        default_language: Callable[[], str],
        screen: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._icon_url = icon_url
        self._default_language = default_language
        self._screen = screen  # only the categories and services targeting it are shown
        self._snapshot: Snapshot | None = None
        self._nav = pages.Navigation(Directory())
        self._lang = ""

    # -- inputs ------------------------------------------------------------------------

    def set_snapshot(self, snapshot: Snapshot | None) -> None:
        self._snapshot = snapshot
        directory = pages.directory_for(snapshot.feed, self._screen) if snapshot else Directory()
        self._nav = pages.Navigation(directory)
        self.changed.emit()

    @property
    def directory(self) -> Directory:
        return self._nav.directory

    @property
    def navigation(self) -> pages.Navigation:
        return self._nav

    # -- slots (touches) -----------------------------------------------------------------

    @Slot()
    def openHome(self) -> None:
        self._nav.home()
        self.changed.emit()

    @Slot(str)
    def openCategory(self, category_id: str) -> None:
        if self._nav.open_category(category_id):
            self.changed.emit()

    @Slot(str)
    def openService(self, service_id: str) -> None:
        if self._nav.open_service(service_id):
            self.changed.emit()

    @Slot()
    def openSearch(self) -> None:
        self._nav.open_search()
        self.changed.emit()

    @Slot()
    def openAll(self) -> None:
        self._nav.open_all()
        self.changed.emit()

    def go_to(self, path: str) -> bool:
        """Open a page by its preview path (``kiosk render --page``)."""
        ok = self._nav.go_to(path)
        self.changed.emit()
        return ok

    @Slot()
    def back(self) -> None:
        if self._nav.back():
            self.changed.emit()

    @Slot(str)
    def setQuery(self, text: str) -> None:
        if text != self._nav.query:
            self._nav.set_query(text)
            self.changed.emit()

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code != self.language:
            self._lang = code
            self.languageChanged.emit(code)
            self.changed.emit()

    @Slot()
    def reset(self) -> None:
        """End of a visit: home page, no search, the screen's own language."""
        self._nav.reset()
        had_language = self._lang
        self._lang = ""
        if had_language:
            self.languageChanged.emit(self.language)
        self.changed.emit()

    def page_text(self, translate: spoken.Translate) -> str:
        """What "Listen" reads on the page on screen, in the visitor's language."""
        return spoken.page_text(self._nav, self.language, self._site_languages, translate)

    # -- what QML shows --------------------------------------------------------------------

    @property
    def _site_languages(self) -> list[str]:
        site = self._snapshot.feed.site if self._snapshot else None
        return list(site.languages) if site else ["fr"]

    @property
    def _texts(self) -> pages.Texts:
        return pages.Texts(self.language, self._site_languages)

    def _qr_url(self, url: str) -> str:
        path = self._snapshot.qr_file(url) if self._snapshot else None
        return path.as_uri() if path else ""

    def _icon(self, icon: str) -> str:
        if self._snapshot and ("." in icon or "/" in icon):
            path = self._snapshot.media_file(icon)
            return path.as_uri() if path else ""
        return self._icon_url(icon)

    def _get_language(self) -> str:
        return self._lang or self._default_language()

    language = Property(str, _get_language, notify=changed)

    def _get_languages(self) -> list[dict[str, str]]:
        return [{"code": c, "name": pages.LANGUAGE_NAMES.get(c, c)} for c in self._site_languages]

    languages = Property("QVariantList", _get_languages, notify=changed)

    def _get_page(self) -> str:
        return self._nav.page

    page = Property(str, _get_page, notify=changed)

    def _get_can_go_back(self) -> bool:
        return bool(self._nav.history)

    canGoBack = Property(bool, _get_can_go_back, notify=changed)

    def _get_available(self) -> bool:
        return bool(self._nav.directory.categories)

    available = Property(bool, _get_available, notify=changed)

    def _get_categories(self) -> list[dict[str, Any]]:
        t = self._texts
        return [pages.category_tile(c, t, self._icon) for c in self._nav.directory.categories]

    categories = Property("QVariantList", _get_categories, notify=changed)

    def _get_category(self) -> dict[str, Any]:
        category = self._nav.directory.category(self._nav.category_id)
        if category is None:
            return {}
        t = self._texts
        tile = pages.category_tile(category, t, self._icon)
        tile["services"] = [pages.service_row(s, t) for s in category.services]
        return tile

    category = Property("QVariantMap", _get_category, notify=changed)

    def _get_service(self) -> dict[str, Any]:
        found = self._nav.directory.service(self._nav.service_id)
        if found is None:
            return {}
        return pages.service_page(found[0], found[1], self._texts, self._icon, self._qr_url)

    service = Property("QVariantMap", _get_service, notify=changed)

    def _get_all(self) -> list[dict[str, Any]]:
        if self._nav.page != "all":
            return []
        return pages.all_services(self._nav.directory, self._texts, self._icon)

    allServices = Property("QVariantList", _get_all, notify=changed)

    def _get_query(self) -> str:
        return self._nav.query

    query = Property(str, _get_query, notify=changed)

    def _get_results(self) -> list[dict[str, Any]]:
        return pages.search_rows(self._nav.directory, self._nav.results(), self._texts, self._icon)

    results = Property("QVariantList", _get_results, notify=changed)


class Session(QObject):
    """A visit: started by a touch, kept alive by touches, ended by inactivity."""

    activeChanged = Signal()
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    started = Signal(str)  # the service to open ("" for the directory home)
    ended = Signal()

    def __init__(
        self,
        idle_timeout: float = 60.0,
        warning_seconds: int = MIN_WARNING_SECONDS,
        timed: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timed = timed  # False: previews, a visit never times out
        self._active = False
        self._warning = False
        self._warning_seconds = max(warning_seconds, 1)
        self._left = 0
        self._idle = QTimer(self, singleShot=True, timeout=self._warn)
        self._tick = QTimer(self, interval=1000, timeout=self._count_down)
        self.set_idle_timeout(idle_timeout)

    def set_idle_timeout(self, seconds: float) -> None:
        self._idle.setInterval(int(seconds * 1000))

    @Slot(str)
    def start(self, service_id: str = "") -> None:
        if self._active:
            self.touched()
            return
        self._active = True
        if self._timed:
            self._idle.start()
        self.activeChanged.emit()
        self.started.emit(service_id)
        log.debug("visit started%s", f" on service {service_id}" if service_id else "")

    @Slot()
    def touched(self) -> None:
        """Any touch during a visit: the idle countdown starts again."""
        if not self._active:
            return
        if self._warning:
            self.extend()  # any touch answers "still there?": the simplest possible action
        elif self._timed:
            self._idle.start()

    @Slot()
    def extend(self) -> None:
        """'Continue' on the warning."""
        if self._active:
            self._set_warning(False)
            self._tick.stop()
            self._idle.start()

    @Slot()
    def end(self) -> None:
        if not self._active:
            return
        self._idle.stop()
        self._tick.stop()
        self._active = False
        self._set_warning(False)
        self.activeChanged.emit()
        self.ended.emit()
        log.debug("visit ended")

    def _warn(self) -> None:
        self._left = self._warning_seconds
        self.secondsLeftChanged.emit()
        self._set_warning(True)
        self._tick.start()

    def _count_down(self) -> None:
        self._left -= 1
        self.secondsLeftChanged.emit()
        if self._left <= 0:
            self.end()

    def _set_warning(self, value: bool) -> None:
        if value != self._warning:
            self._warning = value
            self.warningChanged.emit()

    def _get_active(self) -> bool:
        return self._active

    active = Property(bool, _get_active, notify=activeChanged)

    def _get_warning(self) -> bool:
        return self._warning

    warning = Property(bool, _get_warning, notify=warningChanged)

    def _get_left(self) -> int:
        return self._left

    secondsLeft = Property(int, _get_left, notify=secondsLeftChanged)
