"""Creating the Qt application, fonts, the QML engine and the player's window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.geometry import Geometry
from kiosk.core.theme import Theme
from kiosk.errors import KioskError
from kiosk.resources import qml_dir
from kiosk.ui.alerts import AlertBoard
from kiosk.ui.bridge import Player
from kiosk.ui.directory import DirectoryBridge, Session
from kiosk.ui.display import Display
from kiosk.ui.gestures import SwipeBack
from kiosk.ui.icons import IconProvider, icon_url
from kiosk.ui.maintenance import Maintenance
from kiosk.ui.power import PowerController
from kiosk.ui.speech import Speech

log = logging.getLogger(__name__)

#: The theme whose colours a visitor gets with "High contrast".
HIGH_CONTRAST_THEME = "high-contrast"

I18N_DIR = Path(__file__).resolve().parent / "i18n"


class KioskApplication(QGuiApplication):
    """Says when it starts quitting: Qt 6 first asks every window to close, and the
    player's window, which refuses a window manager's close in kiosk mode, must accept
    that one (SIGTERM stops the player through ``quit()``)."""

    quitRequested = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self.quitRequested.emit()  # direct: before the windows are asked to close
        return super().event(event)


def application(offscreen: bool = False) -> QGuiApplication:
    """The QGuiApplication (created once). ``offscreen`` when there is no display."""
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    # Qt's on-screen keyboard for the search page (must be chosen before the app exists).
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    app = KioskApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setOrganizationName("municipal-kiosk")
    return app


def ui_text(context: str, source: str) -> str:
    """A UI string in the visitor's language: the QML's own catalogue (``context`` is the
    QML file's name), or the ``Spoken`` context of :mod:`kiosk.core.spoken`."""
    return QCoreApplication.translate(context, source)


def load_fonts(theme: Theme, theme_dir: Path) -> None:
    for name in theme.font_files:
        if QFontDatabase.addApplicationFont(str(theme_dir / name)) < 0:
            log.warning("theme %s: font %s could not be loaded", theme.name, name)
    font = QFont(theme.font_family)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    QGuiApplication.setFont(font)


def install_translator(app: QGuiApplication, language: str) -> QTranslator | None:
    """UI strings (qsTr) in ``language``; the source strings are English."""
    translator = QTranslator(app)
    if translator.load(QLocale(language), "kiosk", "_", str(I18N_DIR)):
        app.installTranslator(translator)
        return translator
    if language != "en":
        log.info("no UI translation for '%s'; UI strings stay in English", language)
    return None


def reach_band(geometry: Geometry | None) -> dict[str, Any]:
    """Where the reach band lies, as fractions of the window's height from its top, for both
    orientations; ``active`` when it leaves part of the screen out of reach."""
    band: dict[str, Any] = {"active": False}
    if geometry is None:
        return band
    for name, portrait in (("portrait", True), ("landscape", False)):
        g = geometry.oriented(portrait)
        top, bottom = g.reach_rows(10000)
        band[name] = [top / 10000, bottom / 10000]
        band["active"] = band["active"] or top > 0 or bottom < 10000
    return band


class View:
    """The QML engine and its window, with the directory and the visit session; keeps all
    of them alive and in step with the player's snapshot."""

    def __init__(
        self,
        player: Player,
        allow_quit: bool = False,
        timed_sessions: bool = True,
        warning_seconds: int = 20,
        position: tuple[float, float] | None = None,
        geometry: Geometry | None = None,
        speech_engine: str | None = None,
        audio: bool = False,
        reduced_motion: bool = False,
        power_switch: Any = None,
        maintenance: Maintenance | None = None,
    ) -> None:
        """``speech_engine``: the QtTextToSpeech engine of the Listen control (None: no
        speech, as in previews); ``audio``: full-screen alerts are read aloud once;
        ``power_switch``: switches the panel at night (None: the black cover only);
        ``maintenance``: the hidden maintenance page (None: none)."""
        self.player = player
        self.maintenance = maintenance or Maintenance(None, dict)
        self.engine = QQmlApplicationEngine()
        self.engine.addImageProvider("icon", IconProvider(player.theme_name))
        self.directory = DirectoryBridge(
            lambda name: icon_url(name, player.colours["primary"]),
            lambda: player.language,
            screen=player.screen,
        )
        self.session = Session(timed=timed_sessions, warning_seconds=warning_seconds)
        self.alerts = AlertBoard(lambda: self.directory.language, player.now, position)
        self.speech = Speech(
            speech_engine,
            lambda: self.directory.language,
            lambda: self.directory.page_text(ui_text),
            ui_text,
            audio=audio,
        )
        self.display = Display(geometry, reduced_motion, player.fontFamily)
        self.power = PowerController(
            player, self.alerts, self.session, power_switch, active=not player.renderMode
        )
        self._contrast_colours: dict[str, str] | None = None
        # The QML's context objects belong to the engine: none of them can be destroyed
        # (by Python's garbage collector, in any order) while the QML bound to them lives.
        owned_objects = (self.directory, self.session, self.alerts, self.speech, self.display)
        for owned in (*owned_objects, self.maintenance):
            owned.setParent(self.engine)
        self.power.setParent(self.engine)
        self._translator: QTranslator | None = None
        self._switch_language(player.language)
        self.directory.languageChanged.connect(self._switch_language)
        self.directory.languageChanged.connect(self.alerts.refresh)
        self.alerts.fullChanged.connect(self._alert_changed)
        self.session.ended.connect(self.directory.reset)
        self.session.ended.connect(self.speech.reset)
        self.session.ended.connect(self.display.reset)
        self.display.changed.connect(self._display_changed)
        self.speech.progressed.connect(self.session.touched)  # listening is not idling
        # After the language switch above: the page's text is then in the new language.
        self.directory.changed.connect(self.speech.refresh)
        self.alerts.fullChanged.connect(self._announce)
        # The speech engine (and speech-dispatcher, 2 processes) starts with the first visit:
        # a screen nobody touches pays nothing for it. With `audio`, alerts are read aloud,
        # so it starts once the town's content is on screen.
        if audio:
            player.slideShown.connect(self.speech.start)
        self.session.started.connect(self.speech.start)
        self.session.started.connect(self._visit)
        player.siteChanged.connect(self._site_changed)
        self._site_changed()
        context = self.engine.rootContext()
        context.setContextProperty("player", player)
        context.setContextProperty("directory", self.directory)
        context.setContextProperty("session", self.session)
        context.setContextProperty("alerts", self.alerts)
        context.setContextProperty("speech", self.speech)
        context.setContextProperty("display", self.display)
        context.setContextProperty("power", self.power)
        context.setContextProperty("maintenance", self.maintenance)
        # The maintenance page covers everything: a visit under it ends (the loop is back
        # when it closes).
        self.maintenance.changed.connect(self._maintenance_changed)
        context.setContextProperty("reach", reach_band(geometry))
        self.engine.setInitialProperties({"allowQuit": allow_quit})
        self.engine.load(str(qml_dir() / "Main.qml"))
        roots = self.engine.rootObjects()
        if not roots:
            self.speech.close()
            raise KioskError("the player's QML could not be loaded (see the log above)")
        self.window: QQuickWindow = roots[0]  # type: ignore[assignment]
        self.window.widthChanged.connect(self._window_resized)
        self.window.heightChanged.connect(self._window_resized)
        self._window_resized()
        self._swipe = SwipeBack(
            enabled=lambda: self.session.active and self.directory.canGoBack,
            back=self.directory.back,
            min_distance=lambda: 160 * min(self.window.width(), self.window.height()) / 1080,
        )
        self.window.installEventFilter(self._swipe)
        # Lockdown: Main.qml refuses to close unless `closable` (or --windowed).
        self._quit_requested = getattr(QGuiApplication.instance(), "quitRequested", None)
        if self._quit_requested is not None:
            self._quit_requested.connect(self._release_window)
        stage = self.window.findChild(object, "stage")
        assert stage is not None
        self.stage = stage

    def _release_window(self) -> None:
        """The window may close now (the application quits, or this view is torn down)."""
        from shiboken6 import Shiboken

        if Shiboken.isValid(self.window):
            self.window.setProperty("closable", True)

    def _maintenance_changed(self) -> None:
        if self.maintenance.page and self.session.active:
            self.session.end()

    def _site_changed(self) -> None:
        snapshot = self.player.snapshot
        self.directory.set_snapshot(snapshot)
        services = snapshot.feed.services if snapshot else None
        self.session.set_idle_timeout(services.idle_timeout if services else 60.0)
        self.alerts.set_snapshot(snapshot)

    def _alert_changed(self, key: str) -> None:
        """A language chosen on a full-screen alert, outside a visit, ends with it."""
        if not key and not self.session.active:
            self.directory.reset()

    def _window_resized(self, *_: Any) -> None:
        self.display.set_window_size(self.window.width(), self.window.height())

    def _display_changed(self) -> None:
        """High contrast on or off: the player's colours follow (the high-contrast theme is
        read the first time a visitor asks for it, a 1 KB file)."""
        if self.display.highContrast and self._contrast_colours is None:
            from kiosk.app import load_theme

            theme, _folder = load_theme(HIGH_CONTRAST_THEME)
            self._contrast_colours = dict(theme.colours)
        before = self.player.colours
        self.player.set_colours(self._contrast_colours if self.display.highContrast else None)
        if self.player.colours != before:
            self.directory.changed.emit()  # its icons are drawn in the theme's colours

    def _announce(self, key: str) -> None:
        if key:
            self.speech.announce_alert(self.alerts.full)

    def _visit(self, service_id: str) -> None:
        if service_id:
            self.directory.openService(service_id)
        else:
            self.directory.openHome()

    def _switch_language(self, language: str) -> None:
        """UI strings in the visitor's language (qsTr bindings are re-evaluated)."""
        app = QGuiApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
        self._translator = install_translator(app, language)
        self.engine.retranslate()

    def close(self) -> None:
        """Destroy the QML tree now, before the Player it binds to goes away (otherwise
        every binding would re-evaluate against a dead player)."""
        from shiboken6 import Shiboken

        app = QGuiApplication.instance()
        # The visit ends first: the directory and the idle warning are unloaded while
        # everything they bind to is alive. A Loader deletes its item later (deleteLater):
        # those orphans go now, not in whatever event loop runs next, when the session
        # and the player may be gone and their bindings would see `undefined`.
        self.session.end()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.power.close()
        self.speech.close()
        self._release_window()
        if self._quit_requested is not None:  # previews make many views in one process
            self._quit_requested.disconnect(self._release_window)
        self.window.close()
        if Shiboken.isValid(self.engine):
            Shiboken.delete(self.engine)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def show(self, size: tuple[int, int] | None, fullscreen: bool, hide_cursor: bool) -> None:
        if size:
            self.window.resize(*size)
        if hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        if fullscreen:
            self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()
        else:
            self.window.show()
