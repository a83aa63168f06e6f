"""Reading aloud: the text of each page (pure, without Qt), and the Listen control on the
real QML window, through a real speech engine where one runs here (speech-dispatcher with
espeak-ng, audio to libao's null driver) and through the engine Qt ships for testing.

The text a page is read with is checked against what the engine received: the server's own
log for speech-dispatcher (every SSIP line it got, and the language set before it), the
words the test engine reports it spoke. Neither is the kiosk's own account of what it sent.
"""

from __future__ import annotations

import functools
import gc
import logging
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QLocale, QObject, Slot
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.core.directory import Navigation
from kiosk.core.feed import Feed
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.spoken import (
    Translate,
    alert_text,
    page_text,
    sentences,
    speakable,
    spoken_address,
    spoken_phone,
)
from kiosk.core.types import dec_hook
from kiosk.io.alerts import SourcePoller, source_locations
from kiosk.io.fetch import Fetcher
from kiosk.ui import i18n
from kiosk.ui import speech as speech_module
from kiosk.ui.speech import DEFAULT_VOLUME_STEP, RATES, VOLUMES, Speech
from tests.capkit import cap
from tests.qmlkit import (
    NOW,
    Clock,
    click,
    close_views,
    colour_media,
    find,
    make_site,
    player_and_view,
    snapshot_of,
    visible_texts,
)
from tests.speechkit import MISSING, SpeechDispatcher, private_speech_dispatcher
from tests.speechkit import available as speechkit_available

SITE = """\
version: 1
site: {name: Testville, languages: [fr, en]}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.6}
services:
  idle_timeout: 30
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      summary: {fr: Naissance et mariage, en: Births and marriages}
      services:
        - id: naissance
          title: {fr: Acte de naissance, en: Birth certificate}
          summary: {fr: Une copie de votre acte., en: A copy of your certificate.}
          documents: [{fr: Pièce d'identité, en: Identity document}, {fr: Livret de famille}]
          place: {fr: "Mairie, rez-de-chaussée", en: "Town hall, ground floor"}
          hours: {fr: "Lun-ven 8h30-12h00, sam 9h-12h", en: "Mon-Fri 8:30am-12pm, Sat 9am-12pm"}
          phone: "02 41 99 10 10"
          procedure: F1427
        - id: mariage
          title: {fr: Se marier, en: Getting married}
    - id: papiers
      title: {fr: Papiers d'identité, en: Identity papers}
      services:
        - id: cni
          title: {fr: Carte d'identité, en: Identity card}
          keywords: [passeport]
"""


NAME = "kiosk.ui.speech"


def catalogue(lang: str) -> Translate:
    """The UI strings of ``kiosk_<lang>.ts``, as the kiosk's translator gives them; a string
    the catalogue lacks is a KeyError (it would be read in English on a French kiosk)."""
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(i18n.catalogue(lang)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                table[(name, message.findtext("source") or "")] = message.findtext("translation")
    return lambda context, source: table[(context, source)]


def navigation() -> Navigation:
    data = parse_feed_bytes(SITE.encode(), "feed.yaml").data
    feed = msgspec.convert(data, Feed, dec_hook=dec_hook)
    assert feed.services is not None
    return Navigation(feed.services)


def text_of(path: str, lang: str, via_home: bool = True) -> str:
    nav = navigation()
    assert nav.go_to(path)
    if not via_home:
        nav.history.clear()
    return page_text(nav, lang, ["fr", "en"], catalogue(lang))


# -- speakable text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "lang", "said"),
    [
        (
            "Lun-ven 8h30-12h00 et 13h30-17h30, sam 9h00-12h00",
            "fr",
            "Du lundi au vendredi de 8 heures 30 à 12 heures et de 13 heures 30 à 17 heures 30, "
            "samedi de 9 heures à 12 heures",
        ),
        # French typography (no-break spaces, as french_spacing writes them) reads the same.
        ("de 8\u00a0h\u00a030 à 12\u00a0h", "fr", "de 8 heures 30 à 12 heures"),
        ("Après-midi (13h30-17h)", "fr", "Après-midi (de 13 heures 30 à 17 heures)"),
        ("Ouvert 24h/24, 1h de parking", "fr", "Ouvert 24 heures/24, 1 heure de parking"),
        ("mars 2026, la mer 3 fois", "fr", "mars 2026, la mer 3 fois"),  # not days
        (
            "Mon-Fri 8:30am-12pm and 1:30-5:30pm, Sat 9am-12pm",
            "en",
            "Monday to Friday 8:30 am to 12 pm and 1:30 to 5:30 pm, Saturday 9 am to 12 pm",
        ),
        ("Open 2026-11-25", "en", "Open 2026-11-25"),  # a date is not a range
        ("Sun 3 times, Sun 10:00-12:00", "en", "Sun 3 times, Sunday 10:00 to 12:00"),
        ("Lun-ven 8h30", "de", "Lun-ven 8h30"),  # other languages: only spaces are tidied
    ],
)
def test_hours_and_days_are_written_as_they_are_said(written: str, lang: str, said: str) -> None:
    assert speakable(written, lang) == said


def test_a_phone_number_is_read_in_its_groups() -> None:
    assert spoken_phone("02 41 99 10 10", "fr") == "02, 41, 99, 10, 10"
    assert spoken_phone("0241991010", "fr") == "02, 41, 99, 10, 10"
    assert spoken_phone("02.41.99.10.10", "en") == "0 2, 4 1, 9 9, 1 0, 1 0"


def test_an_address_is_read_as_the_site_it_leads_to() -> None:
    url = "https://www.service-public.gouv.fr/particuliers/vosdroits/F1427"
    assert spoken_address(url, "point") == "service-public point gouv point fr"
    assert spoken_address("https://ants.gouv.fr/", "dot") == "ants dot gouv dot fr"


def test_sentences_give_back_the_text() -> None:
    text = "Bonjour. Ça va ? M. Dupont arrive… Oui !"
    parts = sentences(text)
    assert parts == ["Bonjour.", "Ça va ?", "M. Dupont arrive…", "Oui !"]
    assert " ".join(parts) == text


# -- the text of each page -------------------------------------------------------------------


def test_home_is_read_title_topics_then_buttons() -> None:
    assert text_of("home", "fr") == (
        "Services de la mairie. Touchez un thème, ou recherchez un service. "
        "État civil, Naissance et mariage. Papiers d'identité. "
        "Boutons : De A à Z, Accueil, Rechercher, English."
    )
    assert text_of("home", "en") == (
        "Town hall services. Touch a topic, or search for a service. "
        "Civil status, Births and marriages. Identity papers. "
        "Buttons: A to Z, Home, Search, Français."
    )


def test_a_service_page_is_read_in_the_order_it_is_shown() -> None:
    assert text_of("services/etat-civil/naissance", "fr") == (
        "État civil. Acte de naissance. Une copie de votre acte. "
        "À apporter : Pièce d'identité, Livret de famille. "
        "Où : Mairie, rez-de-chaussée. "
        "Quand : Du lundi au vendredi de 8 heures 30 à 12 heures, samedi de 9 heures à 12 heures. "
        "Téléphone : 02, 41, 99, 10, 10. "
        "En ligne : scannez le code avec l’appareil photo de votre téléphone, la démarche s’y "
        "ouvre. Adresse : service-public point gouv point fr. "
        "Boutons : Accueil, Retour, Rechercher, English."
    )
    english = text_of("services/etat-civil/naissance", "en", via_home=False)
    assert english.startswith("Civil status. Birth certificate. A copy of your certificate. ")
    # "Livret de famille" has no English: it is read in French, like it is shown.
    assert "What to bring: Identity document, Livret de famille. " in english
    assert "When: Monday to Friday 8:30 am to 12 pm, Saturday 9 am to 12 pm. " in english
    assert "Phone: 0 2, 4 1, 9 9, 1 0, 1 0. " in english
    assert "Address: service-public dot gouv dot fr. " in english
    assert english.endswith("Buttons: Home, Search, Français.")  # no page to go back to
    assert "https" not in english and "F1427" not in english


def test_a_topic_the_a_to_z_list_and_the_search_are_read_with_their_items() -> None:
    assert text_of("services/etat-civil", "fr").startswith(
        "État civil. Naissance et mariage. Acte de naissance, Une copie de votre acte. "
        "Se marier. Boutons : Accueil, Retour,"
    )
    assert text_of("services", "en").startswith(
        "All services, A to Z. Birth certificate, Civil status. Getting married, Civil status. "
        "Identity card, Identity papers. Buttons:"
    )
    assert text_of("search:pass", "fr").startswith(
        "Recherche de « pass ». Carte d'identité, Papiers d'identité. Boutons :"
    )
    assert text_of("search:zz", "en").startswith(
        "Search for “zz”. No service found for “zz”. Try another word, or browse the topics."
    )
    assert text_of("search:", "fr").startswith("Tapez un mot : passeport, école…")


ALERT = {
    "key": "prefecture:A1",
    "severity": "Extreme",
    "language": "fr",
    "event": "Crue",
    "headline": "Crue majeure de l'Ondine",
    "instruction": "Quittez les quais.",
    "test": False,
}


def test_an_alert_is_read_with_its_level_and_what_to_do() -> None:
    assert alert_text(ALERT, catalogue("fr")) == (
        "Alerte extrême. Crue. Crue majeure de l'Ondine. Que faire : Quittez les quais."
    )
    # The UI in another language than the alert's: no label in a foreign language.
    assert alert_text(ALERT, None) == "Crue. Crue majeure de l'Ondine. Quittez les quais."


# -- the Listen control on the real window ---------------------------------------------------


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator:

    site = make_site(tmp_path / "site", SITE, colour_media("red"))
    snapshot = snapshot_of(site, tmp_path / "data")

    def make(**options):
        return player_and_view(snapshot, Clock(), transition=0.2, **options)

    yield make
    close_views()


def open_service(qtbot, view) -> None:
    view.session.start("naissance")
    qtbot.waitUntil(lambda: view.directory.page == "service", timeout=5000)


class Words(QObject):
    """What the test engine says it spoke: each word, and the locale, rate and volume each
    text was given to it with. Its signals come from the speech thread, queued here: no
    Python runs on that thread (see kiosk/ui/speech.py)."""

    def __init__(self, tts: QTextToSpeech) -> None:
        super().__init__()
        self.words: list[str] = []
        self.texts: list[tuple[str, float, float]] = []  # (locale, rate, volume)
        self._settings = [tts.locale().name(), tts.rate(), tts.volume()]
        tts.sayingWord.connect(self._word)
        tts.aboutToSynthesize.connect(self._text)
        tts.localeChanged.connect(self._locale)
        tts.rateChanged.connect(self._rate)
        tts.volumeChanged.connect(self._volume)

    @Slot(str, int, int, int)
    def _word(self, word: str, _id: int, _start: int, _length: int) -> None:
        self.words.append(word)

    @Slot(int)
    def _text(self, _id: int) -> None:
        locale, rate, volume = self._settings
        self.texts.append((str(locale), float(rate), float(volume)))

    @Slot(QLocale)
    def _locale(self, locale: QLocale) -> None:
        self._settings[0] = locale.name()

    @Slot(float)
    def _rate(self, rate: float) -> None:
        self._settings[1] = rate

    @Slot(float)
    def _volume(self, volume: float) -> None:
        self._settings[2] = volume


def letters(text: str) -> str:
    """The ASCII letters and digits of ``text``, in order: the test engine's words lose
    their punctuation, and their letters outside ASCII ("Français" -> "Franais")."""
    return re.sub(r"[^A-Za-z0-9]", "", text)


@pytest.mark.gui
def test_listen_reads_the_page_to_the_test_engine_in_the_pages_language(qtbot, kiosk) -> None:

    _player, view = kiosk(speech_engine="mock", language="en")
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
    assert find(view, "speechBar") is None
    shown = visible_texts(view)
    spoken = Words(view.speech.tts)
    click(view, "listenButton")
    qtbot.waitUntil(lambda: find(view, "speechBar") is not None, timeout=2000)
    assert find(view, "listenButton").property("text") == "Stop"
    qtbot.waitUntil(lambda: not view.speech.speaking, timeout=30000)
    expected = text_of("services/etat-civil/naissance", "en")
    assert letters("".join(spoken.words)) == letters(expected)
    # What the page shows is what is read (a sample, each as it is on screen).
    for text in ("Birth certificate", "A copy of your certificate.", "What to bring", "Where"):
        assert text in shown and text in expected
    for text in ("Identity document", "Livret de famille", "Town hall, ground floor"):
        assert any(text in line for line in shown) and text in expected  # "•  Identity..."
    for text in ("Home", "Back", "Search", "Français"):
        assert text in shown and text in expected
    assert len(spoken.texts) == len(sentences(expected))  # one text a sentence
    locale, rate, volume = spoken.texts[0]
    assert locale.startswith("en_") and rate == 0.0
    assert volume == pytest.approx(speech_module.VOLUMES[speech_module.DEFAULT_VOLUME_STEP])
    qtbot.waitUntil(lambda: find(view, "speechBar") is None, timeout=2000)
    assert find(view, "listenButton").property("text") == "Listen"


@pytest.mark.gui
def test_slower_louder_repeat_stop_and_the_end_of_the_visit(qtbot, kiosk) -> None:

    _player, view = kiosk(speech_engine="mock", language="en", warning_seconds=1)
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
    spoken = Words(view.speech.tts)
    click(view, "listenButton")
    qtbot.waitUntil(lambda: len(spoken.words) >= 2, timeout=3000)
    # Slower and louder apply at once: the sentence being read starts again with them.
    click(view, "slowerButton")
    qtbot.waitUntil(lambda: spoken.texts[-1][1] == RATES[1], timeout=2000)
    click(view, "volumeUpButton")
    qtbot.waitUntil(
        lambda: spoken.texts[-1][2] == pytest.approx(VOLUMES[DEFAULT_VOLUME_STEP + 1]),
        timeout=2000,
    )
    assert spoken.texts[-1][1] == RATES[1]  # the rate stays
    for _ in range(5):  # the loudest step is the last
        if find(view, "volumeUpButton").property("enabled"):
            click(view, "volumeUpButton")
    assert view.speech.volumeStep == len(VOLUMES) - 1
    assert not find(view, "volumeUpButton").property("enabled")
    click(view, "slowerButton")
    assert find(view, "slowerButton").property("text") == "Normal speed"
    # Repeat: from the first sentence again.
    qtbot.waitUntil(lambda: len(spoken.words) >= 12, timeout=5000)
    count = len(spoken.words)
    click(view, "repeatButton")
    qtbot.waitUntil(lambda: len(spoken.words) >= count + 2, timeout=3000)
    assert spoken.words[count : count + 2] == ["Civil", "status"]
    # Stop: silence, the controls go, Listen is back.
    click(view, "listenButton")
    qtbot.waitUntil(lambda: find(view, "speechBar") is None, timeout=2000)
    count = len(spoken.words)
    qtbot.wait(400)
    assert len(spoken.words) == count, "the engine kept speaking after Stop"
    # Reading again, then nobody touches the screen: the visit ends, and the speech with it.
    click(view, "listenButton")
    qtbot.waitUntil(lambda: view.speech.speaking, timeout=2000)
    view.session.set_idle_timeout(0.2)
    view.session.touched()
    qtbot.waitUntil(lambda: not view.session.active, timeout=5000)
    assert not view.speech.speaking
    assert (view.speech.rateStep, view.speech.volumeStep) == (0, DEFAULT_VOLUME_STEP)
    count = len(spoken.words)
    qtbot.wait(400)
    assert len(spoken.words) == count
    view.speech.repeat()  # nothing left of the visit to repeat
    assert not view.speech.speaking


@pytest.mark.gui
def test_the_garbage_collector_never_runs_on_the_speech_thread(qtbot, kiosk) -> None:
    """Python on the speech thread could collect there garbage of the Qt thread, and
    destroy its objects on the wrong thread. No Python runs there: every collection, while
    the page is read and the Qt thread makes garbage, happens on the Qt thread."""
    threads: list[int] = []

    def collecting(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    _player, view = kiosk(speech_engine="mock", language="en")
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
    thresholds = gc.get_threshold()
    gc.callbacks.append(collecting)
    gc.set_threshold(1)  # a collection at any allocation, on the thread that allocates
    try:
        click(view, "listenButton")
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:  # each change sends the sentence again
            view.speech.volumeUp() if view.speech.volumeStep < 3 else view.speech.volumeDown()
            qtbot.wait(20)
        assert view.speech.speaking
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(collecting)
    assert len(threads) > 20
    assert set(threads) == {threading.main_thread().ident}


@pytest.mark.gui
def test_a_visit_being_read_aloud_is_not_idle(qtbot, kiosk) -> None:
    """Someone listening does not touch the screen: each sentence read keeps the visit
    alive; once the reading is over, the idle countdown runs again."""
    _player, view = kiosk(speech_engine="mock", language="en", warning_seconds=1)
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
    view.session.set_idle_timeout(1.5)  # the longest sentence here takes about 1.2 s
    click(view, "listenButton")
    started = time.monotonic()
    qtbot.waitUntil(lambda: not view.speech.speaking, timeout=30000)
    assert time.monotonic() - started > 4  # well past the timeout and its warning
    assert view.session.active and not view.session.warning
    qtbot.waitUntil(lambda: not view.session.active, timeout=5000)


@pytest.mark.gui
def test_leaving_the_page_stops_reading_it(qtbot, kiosk) -> None:

    _player, view = kiosk(speech_engine="mock", language="en")
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
    click(view, "listenButton")
    qtbot.waitUntil(lambda: view.speech.speaking, timeout=2000)
    click(view, "backButton")
    qtbot.waitUntil(lambda: view.directory.page == "home", timeout=2000)
    assert not view.speech.speaking


@pytest.mark.gui
def test_without_a_voice_for_the_visitors_language_listen_is_hidden_and_the_log_says_why(
    qtbot, kiosk, caplog
) -> None:

    caplog.set_level(logging.INFO, logger="kiosk.ui.speech")
    _player, view = kiosk(speech_engine="mock")  # Qt's test engine has no French voice
    open_service(qtbot, view)
    qtbot.waitUntil(
        lambda: any("engine mock ready" in r.message for r in caplog.records), timeout=5000
    )
    qtbot.wait(100)
    assert not view.speech.available and find(view, "listenButton") is None
    why = [r.message for r in caplog.records if r.levelno == logging.WARNING and r.name == NAME]
    assert why == ["speech: the mock engine has no voice for 'fr'; the Listen control is hidden"]
    click(view, "language-en")
    qtbot.waitUntil(lambda: find(view, "listenButton") is not None, timeout=2000)
    click(view, "language-fr")
    qtbot.waitUntil(lambda: find(view, "listenButton") is None, timeout=2000)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == NAME]
    assert len(warnings) == 1  # said once


@pytest.mark.gui
def test_without_a_speech_engine_there_is_no_listen_control(qtbot, caplog) -> None:

    caplog.set_level(logging.INFO, logger="kiosk.ui.speech")
    missing = Speech("no-such-engine", lambda: "fr", lambda: "", lambda c, s: s)
    missing.start()
    assert not missing.available
    assert [r.message for r in caplog.records if r.name == NAME] == [
        "speech: no text-to-speech engine 'no-such-engine' in Qt (it has: "
        + ", ".join(_engines())
        + "); the Listen control is hidden"
    ]
    caplog.clear()
    preview = Speech(None, lambda: "fr", lambda: "", lambda c, s: s)  # kiosk render
    preview.start()
    assert not preview.available
    assert not [r for r in caplog.records if r.name == NAME]


def _engines() -> list[str]:
    return QTextToSpeech.availableEngines()


ALERT_SITE_EXTRA = """\
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap}
"""


@pytest.mark.gui
@pytest.mark.parametrize("audio", [True, False])
def test_a_full_screen_alert_is_read_once_when_audio_is_on(qtbot, tmp_path, audio) -> None:

    site = make_site(tmp_path / "site", SITE + ALERT_SITE_EXTRA, colour_media("red"))
    (site / "alerte.xml").write_bytes(b"")
    snapshot = snapshot_of(site, tmp_path / "data")
    _player, view = player_and_view(
        snapshot, Clock(), language="en", speech_engine="mock", audio=audio
    )
    try:
        view.speech.start()
        qtbot.waitUntil(lambda: view.speech.available, timeout=5000)
        spoken = Words(view.speech.tts)
        [(source, location)] = source_locations(snapshot)
        poller = SourcePoller(
            source, location, tmp_path / "alerts", Fetcher(), view.alerts.place, clock=Clock()
        )
        sent = NOW - timedelta(minutes=20)
        (site / "alerte.xml").write_bytes(cap("A1", sent, expires=NOW + timedelta(hours=6)))
        view.alerts.accept(poller.poll())
        qtbot.waitUntil(lambda: find(view, "alertOverlay") is not None, timeout=3000)
        headline = view.alerts.full["headline"]
        if not audio:
            qtbot.wait(300)
            assert not spoken.words and not view.speech.speaking
            return
        qtbot.waitUntil(lambda: not view.speech.speaking and bool(spoken.words), timeout=30000)
        expected = alert_text(view.alerts.full, catalogue("en"))
        assert expected.startswith("Extreme alert. ") and headline in expected
        assert letters("".join(spoken.words)) == letters(expected)
        assert spoken.texts[0][0].startswith("en_")
        # The same alert again (the next poll; back on screen after another one): not read
        # a second time.
        count = len(spoken.words)
        view.alerts.accept(poller.poll())
        assert not view.speech.announce_alert(view.alerts.full)
        qtbot.wait(300)
        assert len(spoken.words) == count and not view.speech.speaking
    finally:
        close_views()


# -- a real engine: speech-dispatcher and espeak-ng -----------------------------------------


@pytest.fixture(scope="module")
def speech_dispatcher(tmp_path_factory) -> Iterator[SpeechDispatcher]:
    with private_speech_dispatcher(tmp_path_factory.mktemp("speechd")) as server:
        if server is None:
            reason = MISSING if not speechkit_available() else "speech-dispatcher did not start"
            pytest.skip(f"{reason}: the test engine of Qt is used instead")
        yield server


@pytest.mark.gui
@pytest.mark.slow
def test_listen_reads_the_page_through_speech_dispatcher_and_espeak_ng(
    qtbot, kiosk, speech_dispatcher, monkeypatch
) -> None:
    """The kiosk's own engine (speechd), with a real server and synthesiser: what reaches
    speech-dispatcher is the page's text, in the page's language, and espeak-ng speaks it."""

    if "speechd" not in _engines():
        pytest.skip("this Qt has no speechd text-to-speech plugin")
    monkeypatch.setenv("SPEECHD_ADDRESS", speech_dispatcher.address)
    _player, view = kiosk(speech_engine="speechd")
    open_service(qtbot, view)
    qtbot.waitUntil(lambda: view.speech.available, timeout=30000)  # ~2 s: 1500 voices

    def arrived(count: int) -> bool:  # the log is written as the server goes
        return len(speech_dispatcher.received()) >= count

    before = len(speech_dispatcher.received())
    for lang in ("fr", "en"):
        if lang == "en":
            click(view, "language-en")
            qtbot.waitUntil(lambda: view.directory.language == "en", timeout=2000)
        expected = sentences(text_of("services/etat-civil/naissance", lang))
        click(view, "listenButton")
        qtbot.waitUntil(lambda: view.speech.speaking, timeout=2000)
        qtbot.waitUntil(lambda: not view.speech.speaking, timeout=60000)
        qtbot.waitUntil(functools.partial(arrived, before + len(expected)), timeout=5000)
        received = speech_dispatcher.received()[before:]
        before += len(received)
        assert [text for _language, text in received] == expected
        assert {language.lower()[:3] for language, _text in received} == {f"{lang}-"}
    assert speech_dispatcher.audio_chunks() > 0, "espeak-ng synthesised nothing"
