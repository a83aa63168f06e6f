"""Creating the Qt application, fonts, the QML engine and the player's window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.theme import Theme
from kiosk.errors import KioskError
from kiosk.resources import qml_dir
from kiosk.ui.bridge import Player

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent / "i18n"


def application(offscreen: bool = False) -> QGuiApplication:
    """The QGuiApplication (created once). ``offscreen`` when there is no display."""
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setOrganizationName("municipal-kiosk")
    return app


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


class View:
    """The QML engine and its window; keeps both alive."""

    def __init__(self, player: Player, allow_quit: bool = False) -> None:
        self.engine = QQmlApplicationEngine()
        self.engine.rootContext().setContextProperty("player", player)
        self.engine.setInitialProperties({"allowQuit": allow_quit})
        self.engine.load(str(qml_dir() / "Main.qml"))
        roots = self.engine.rootObjects()
        if not roots:
            raise KioskError("the player's QML could not be loaded (see the log above)")
        self.window: QQuickWindow = roots[0]  # type: ignore[assignment]
        stage = self.window.findChild(object, "stage")
        assert stage is not None
        self.stage = stage

    def close(self) -> None:
        """Destroy the QML tree now, before the Player it binds to goes away (otherwise
        every binding would re-evaluate against a dead player)."""
        from shiboken6 import Shiboken

        self.window.close()
        if Shiboken.isValid(self.engine):
            Shiboken.delete(self.engine)

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
