"""Reading aloud: the "Listen" control of the directory and the announcement of alerts.

:class:`Speech` is what QML sees (``speech``): whether the control shows (``available``),
whether it is reading (``speaking``), the rate and volume steps, and the slots the buttons
call. It reads the page's text (:mod:`kiosk.core.spoken`) sentence by sentence through
QtTextToSpeech, so that Slower and the volume buttons apply at once to the sentence being
read, and Repeat starts again from the first.

The engine lives on a thread of its own, and no Python runs on that thread: the
speech-dispatcher engine lists every voice it has when it starts (about 2 s for espeak-ng's
1500 voices, the whole time with Python's lock held if Python made the call), so the engine
is switched on, and then told what to say, by calls Qt queues to that thread; its state
comes back as queued signals to this object, on the Qt thread. (Python code on a second
thread would also let the garbage collector run there, and destroy there objects of the Qt
thread.) The default engine is ``speechd`` (speech-dispatcher, espeak-ng on Raspberry Pi
OS); ``mock`` (the engine Qt ships for testing) only in tests. Without an engine, or without
a voice for the visitor's language, ``available`` is false (the control is hidden) and one
log line says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    Property,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.core.spoken import Translate, alert_text, sentences

log = logging.getLogger(__name__)

#: Rate steps (QtTextToSpeech: 0 normal, -1 slowest): Slower goes down a step, then back.
RATES = (0.0, -0.25, -0.5)
#: Volume steps (0..1 of the system's output).
VOLUMES = (0.2, 0.4, 0.6, 0.8, 1.0)
DEFAULT_VOLUME_STEP = 2
#: How long to wait for the engine to confirm a stop before speaking the next text anyway.
STOP_TIMEOUT_MS = 1000

_BUSY = (
    QTextToSpeech.State.Speaking,
    QTextToSpeech.State.Paused,
    QTextToSpeech.State.Synthesizing,
)


class Speech(QObject):
    """The "Listen" control and alert announcements, for QML (``speech``)."""

    changed = Signal()
    #: A sentence went to the engine: someone is listening (the visit is not idle).
    progressed = Signal()

    def __init__(
        self,
        engine: str | None,
        language: Callable[[], str],
        page: Callable[[], str],
        translate: Translate,
        audio: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """``engine``: a QtTextToSpeech engine name (started by :meth:`start`), None for none
        (previews: no thread, no log line). ``language``: the visitor's language. ``page``:
        the text of the page on screen in that language. ``translate``: UI strings in that
        language. ``audio``: announce full-screen alerts (``audio`` in kiosk.toml)."""
        super().__init__(parent)
        self._language = language
        self._page = page
        self._translate = translate
        self._audio = audio
        self._engine = engine or ""
        self._ready = False
        self._voices: dict[str, str] = {}
        self._said: set[str] = set()  # reasons already logged
        self._announced: set[str] = set()  # alert keys already read
        self._chunks: list[str] = []
        self._text_language = ""
        self._index = 0
        self._token = 0
        self._speaking = False
        self._from_page = False
        self._rate = 0
        self._volume = DEFAULT_VOLUME_STEP
        self._started = False
        self._thread: QThread | None = None
        self._tts: QTextToSpeech | None = None
        self._locales: dict[str, QLocale] = {}
        self._locale_sent: QLocale | None = None
        # The engine's side: a text sent and not yet over, a stop not yet confirmed, and the
        # text that waits for that confirmation.
        self._busy = False
        self._stopping = False
        self._current: int | None = None
        self._pending: tuple[int, str, str] | None = None
        self._stop_timer = QTimer(self, singleShot=True, interval=STOP_TIMEOUT_MS)
        self._stop_timer.timeout.connect(self._stopped)

    @Slot()
    def start(self) -> None:
        """Start the engine (once; the player calls it when its first slide is on screen,
        so that the town's content comes first)."""
        if self._engine and not self._started:
            self._started = True
            self._open(self._engine)

    # -- the engine ----------------------------------------------------------------------------

    def _open(self, engine: str) -> None:
        engines = QTextToSpeech.availableEngines()
        if engine not in engines:
            self._unavailable(
                f"no text-to-speech engine '{engine}' in Qt "
                f"(it has: {', '.join(engines) or 'none'})"
            )
            return
        # Qt's test engine is cheap to create here; the wanted one then replaces it on the
        # speech thread (the parameter makes Qt create it anew even when it is the same).
        # Without the test engine, the wanted one is first created here, blocking a while.
        self._tts = QTextToSpeech("mock" if "mock" in engines else engine)
        self._thread = QThread(self)
        self._thread.setObjectName("speech")
        self._tts.moveToThread(self._thread)
        self._tts.engineChanged.connect(self._engine_set)
        self._tts.stateChanged.connect(self._state_changed)
        self._thread.start()
        self._call("setEngine", Q_ARG(str, engine), Q_ARG("QVariantMap", {"kiosk": True}))

    def _call(self, method: str, *args: Any) -> None:
        """``method`` of the engine, called on the speech thread (in the order of the calls)."""
        if self._tts is not None:
            QMetaObject.invokeMethod(self._tts, method, Qt.ConnectionType.QueuedConnection, *args)

    @Slot(str)
    def _engine_set(self, _name: str) -> None:
        """On the Qt thread, once the engine is set (the speech thread is idle then)."""
        tts = self._tts
        if tts is None:
            return
        if tts.state() == QTextToSpeech.State.Error:
            self._unavailable(
                f"the {self._engine} engine failed ({tts.errorString() or 'it could not start'})",
                " (for speechd: are speech-dispatcher and espeak-ng installed, and can this "
                "user reach speech-dispatcher?)",
            )
            return
        by_language: dict[str, list[QLocale]] = {}
        for locale in tts.availableLocales():
            by_language.setdefault(QLocale.languageToCode(locale.language()), []).append(locale)
        for code, locales in by_language.items():
            preferred = QLocale(code).name()  # fr -> fr_FR, en -> en_US
            self._locales[code] = next((x for x in locales if x.name() == preferred), locales[0])
        self._voices = {c: x.name() for c, x in self._locales.items()}
        self._ready = True
        codes = sorted(self._voices)
        log.info(
            "speech: engine %s ready, with voices for %s",
            self._engine,
            ", ".join(codes) if len(codes) <= 8 else f"{len(codes)} languages",
        )
        self.refresh()

    def _unavailable(self, why: str, hint: str = "") -> None:
        """Say once why there is no Listen control."""
        self._warn_once(f"speech: {why}; the Listen control is hidden{hint}")

    def _warn_once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            log.warning("%s", message)

    def close(self) -> None:
        """Silence, and the speech thread stopped (before the application goes)."""
        if self._thread is None:
            return
        self._call("stop")
        self._call("deleteLater")  # on its thread, when the thread finishes at the latest
        self._thread.quit()
        self._thread.wait()
        self._thread, self._tts, self._ready = None, None, False

    # -- what QML reads --------------------------------------------------------------------

    def _get_available(self) -> bool:
        return self._ready and self._language() in self._voices

    available = Property(bool, _get_available, notify=changed)

    def _get_speaking(self) -> bool:
        return self._speaking

    speaking = Property(bool, _get_speaking, notify=changed)

    def _get_rate_step(self) -> int:
        return self._rate

    rateStep = Property(int, _get_rate_step, notify=changed)
    rateSteps = Property(int, lambda _self: len(RATES), constant=True)

    def _get_volume_step(self) -> int:
        return self._volume

    volumeStep = Property(int, _get_volume_step, notify=changed)
    volumeSteps = Property(int, lambda _self: len(VOLUMES), constant=True)

    @property
    def tts(self) -> QTextToSpeech | None:
        """The engine (it lives on the speech thread), for tests and diagnostics."""
        return self._tts

    @property
    def text(self) -> str:
        """The text being read (or last read), as sent, sentence after sentence."""
        return " ".join(self._chunks)

    @property
    def text_language(self) -> str:
        return self._text_language

    @property
    def rate(self) -> float:
        return RATES[self._rate]

    @property
    def volume(self) -> float:
        return VOLUMES[self._volume]

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """The page or the language changed: stop reading a page no longer on screen, and
        say once why there is no control for a language without a voice."""
        language = self._language()
        if self._ready and language not in self._voices:
            self._unavailable(f"the {self._engine} engine has no voice for '{language}'")
        if self._speaking and self._from_page and " ".join(sentences(self._page())) != self.text:
            self.stop()
        self.changed.emit()

    @Slot()
    def listen(self) -> None:
        """Read the page on screen aloud, in the visitor's language."""
        if self._get_available():
            self.speak(self._page(), self._language())
            self._from_page = True

    @Slot(str, str)
    def speak(self, text: str, language: str) -> None:
        """Read ``text`` in ``language`` (ISO 639-1 code), from the start."""
        chunks = sentences(text)
        if not self._ready or language not in self._voices or not chunks:
            return
        self._chunks, self._text_language, self._index = chunks, language, 0
        self._from_page = False
        self._speaking = True
        self._send()
        self.changed.emit()

    @Slot()
    def stop(self) -> None:
        self._token += 1  # the end of what was being read is no longer awaited
        self._pending = self._current = None
        if self._busy and not self._stopping:
            self._stop_engine()
        if self._speaking:
            self._speaking = False
            self.changed.emit()

    @Slot()
    def repeat(self) -> None:
        """From the first sentence again."""
        if self._chunks and self._ready:
            self._index = 0
            if not self._speaking:
                self._speaking = True
                self.changed.emit()
            self._send()

    @Slot()
    def slower(self) -> None:
        """One rate step slower; after the slowest, the normal rate again."""
        self._rate = (self._rate + 1) % len(RATES)
        self._again()

    @Slot()
    def volumeDown(self) -> None:
        if self._volume > 0:
            self._volume -= 1
            self._again()

    @Slot()
    def volumeUp(self) -> None:
        if self._volume < len(VOLUMES) - 1:
            self._volume += 1
            self._again()

    @Slot()
    def reset(self) -> None:
        """End of a visit: silence, normal rate, default volume, nothing to repeat."""
        self.stop()
        self._rate, self._volume = 0, DEFAULT_VOLUME_STEP
        self._chunks, self._text_language, self._from_page = [], "", False
        self.changed.emit()

    def announce_alert(self, alert: dict[str, Any]) -> bool:
        """Read a full-screen alert once (when ``audio`` is on); True if it was read."""
        key = str(alert.get("key") or "")
        language = str(alert.get("language") or "")
        if not (self._audio and key) or key in self._announced:
            return False
        if not self._ready or language not in self._voices:
            if self._ready:
                self._warn_once(
                    f"speech: the {self._engine} engine has no voice for '{language}'; "
                    "full-screen alerts in that language are not read aloud"
                )
            return False
        self._announced.add(key)
        labels = self._translate if language == self._language() else None
        self.speak(alert_text(alert, labels), language)
        log.info("speech: alert %s announced", key)
        return True

    # -- reading -----------------------------------------------------------------------------

    def _send(self) -> None:
        """The current sentence to the engine, after what it is saying has stopped."""
        self._token += 1
        self._pending = (self._token, self._chunks[self._index], self._text_language)
        if not self._busy:
            self._say_pending()
        elif not self._stopping:
            self._stop_engine()

    def _again(self) -> None:
        """A new rate or volume: heard at once, on the sentence being read."""
        if self._speaking:
            self._send()
        self.changed.emit()

    def _stop_engine(self) -> None:
        # speech-dispatcher confirms a stop later: the next text waits for it, so that the
        # end of this one is not taken for the end of the next (or for 1 s, if no
        # confirmation comes: the engine does not report a state it is already in).
        self._stopping = True
        self._stop_timer.start()
        self._call("stop")

    def _say_pending(self) -> None:
        if self._pending is None:
            return
        (token, text, language), self._pending = self._pending, None
        locale = self._locales.get(language)
        if locale is None:
            return
        if locale != self._locale_sent:
            self._call("setLocale", Q_ARG(QLocale, locale))  # the language's first voice
            self._locale_sent = locale
        self._call("setRate", Q_ARG(float, RATES[self._rate]))
        self._call("setVolume", Q_ARG(float, VOLUMES[self._volume]))
        self._call("say", Q_ARG(str, text))
        self._busy, self._current = True, token
        self.progressed.emit()

    def _stopped(self) -> None:
        self._stop_timer.stop()
        self._stopping = self._busy = False
        self._say_pending()

    @Slot(QTextToSpeech.State)
    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state in _BUSY:
            return
        if self._stopping:
            self._stopped()
        elif self._busy:
            self._busy = False
            token, self._current = self._current, None
            if token is not None:
                self._ended(token)

    def _ended(self, token: int) -> None:
        """The engine read sentence ``token`` to its end: the next one, or silence."""
        if token != self._token or not self._speaking:
            return
        self._index += 1
        if self._index < len(self._chunks):
            self._send()
        else:
            self._speaking = False
            self.changed.emit()
