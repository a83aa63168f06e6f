"""The services directory driven like a visitor would, with touch and mouse events on the
offscreen window: opening it from the loop, navigating, searching on the on-screen
keyboard, the inactivity warning, the language switch."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QPoint

from kiosk.ui import i18n
from tests.qmlkit import (
    Clock,
    click,
    close_views,
    colour_media,
    find,
    keyboard_key,
    make_site,
    player_and_view,
    shown_ids,
    snapshot_of,
    tap,
    visible_texts,
)

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("overrides a member of the base object")]

SITE = """\
version: 1
site: {name: Testville, languages: [fr, en]}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.6}
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.6,
     service: naissance}
ticker:
  - {id: t, text: Bienvenue}
services:
  idle_timeout: 20
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      summary: {fr: Naissance et mariage, en: Births and marriages}
      services:
        - id: naissance
          title: {fr: Acte de naissance, en: Birth certificate}
          summary: {fr: Une copie de votre acte., en: A copy of your certificate.}
          documents: [{fr: Pièce d'identité, en: Identity document}]
          place: {fr: Mairie, en: Town hall}
          hours: {fr: Du lundi au vendredi, en: Monday to Friday}
          phone: "02 41 99 10 10"
          procedure: F1427
          keywords: [extrait]
        - id: mariage
          title: {fr: Se marier, en: Getting married}
    - id: papiers
      title: {fr: Papiers d'identité, en: Identity papers}
      services:
        - id: cni
          title: {fr: Carte d'identité, en: Identity card}
          keywords: [passeport]
          procedure: F1341
"""


@pytest.fixture
def kiosk(tmp_path):
    site = make_site(tmp_path / "site", SITE, colour_media("red", "green"))
    snapshot = snapshot_of(site, tmp_path / "data")
    made = []

    def make(**options):
        player, view = player_and_view(snapshot, Clock(), transition=0.2, **options)
        made.append(view)
        return player, view

    yield make
    close_views()


def wait_page(qtbot, view, page):
    qtbot.waitUntil(
        lambda: view.directory.page == page and find(view, "directoryLoader") is not None,
        timeout=5000,
    )


def test_a_touch_during_the_loop_opens_the_directory_and_stops_the_rotation(qtbot, kiosk):
    player, view = kiosk()
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: seen[:1] == ["red"], timeout=10000)
    assert find(view, "touchHint") is not None
    tap(view, QPoint(300, 900))
    qtbot.waitUntil(lambda: view.session.active, timeout=2000)
    wait_page(qtbot, view, "home")
    assert find(view, "tile-etat-civil") is not None
    assert find(view, "touchHint") is None
    count = len(seen)
    qtbot.wait(1500)  # slides last 0.6 s: the loop would have moved on twice
    assert len(seen) == count, "the rotation kept going behind the directory"
    assert not any("Bienvenue" in t for t in visible_texts(view)), "the ticker kept scrolling"


def test_a_touch_on_a_slide_with_a_service_opens_that_service(qtbot, kiosk):
    player, view = kiosk()
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: "green" in seen, timeout=10000)
    tap(view, QPoint(300, 900))
    wait_page(qtbot, view, "service")
    assert view.directory.service["id"] == "naissance"
    assert find(view, "serviceQr") is not None


def test_home_category_service_back_back(qtbot, kiosk):
    _player, view = kiosk()
    view.session.start("")
    wait_page(qtbot, view, "home")
    assert not find(view, "backButton").property("enabled")
    click(view, "tile-etat-civil")
    wait_page(qtbot, view, "category")
    click(view, "service-naissance")
    wait_page(qtbot, view, "service")
    texts = visible_texts(view)
    assert "Acte de naissance" in texts and "02 41 99 10 10" in texts
    click(view, "backButton")
    wait_page(qtbot, view, "category")
    click(view, "backButton")
    wait_page(qtbot, view, "home")
    click(view, "tile-papiers")
    wait_page(qtbot, view, "category")
    click(view, "homeButton")
    wait_page(qtbot, view, "home")
    assert not view.directory.canGoBack


TARGETED_SITE = """\
version: 1
site: {name: Testville, languages: [fr, en]}
screens:
  - {name: hall, tags: [indoor]}
  - {name: totem, tags: [street]}
rotation:
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.6,
     service: mariage}
services:
  categories:
    - id: etat-civil
      title: État civil
      services:
        - {id: naissance, title: Acte de naissance}
        - {id: mariage, title: Se marier, screens: [hall]}
    - id: urbanisme
      title: Urbanisme
      tags: [indoor]
      services:
        - {id: permis, title: Permis de construire}
"""


@pytest.mark.parametrize(
    ("screen", "tiles", "services"),
    [
        ("totem", {"etat-civil"}, {"naissance"}),
        ("hall", {"etat-civil", "urbanisme"}, {"naissance", "mariage"}),
    ],
)
def test_the_directory_shows_only_what_targets_the_screen(qtbot, tmp_path, screen, tiles, services):
    site = make_site(tmp_path / "site", TARGETED_SITE, colour_media("green"))
    snapshot = snapshot_of(site, tmp_path / "data")
    try:
        player, view = player_and_view(snapshot, Clock(), transition=0.2, screen=screen)
        # The slide offers its service only where the directory has it.
        assert player.slide_for(snapshot.feed.rotation[0])["service"] == (
            "mariage" if "mariage" in services else ""
        )
        view.session.start("")
        wait_page(qtbot, view, "home")
        assert {c["id"] for c in view.directory.categories} == tiles
        qtbot.waitUntil(lambda: all(find(view, f"tile-{t}") for t in tiles), timeout=3000)
        assert {t for t in ("etat-civil", "urbanisme") if find(view, f"tile-{t}")} == tiles
        click(view, "tile-etat-civil")
        wait_page(qtbot, view, "category")
        assert {row["id"] for row in view.directory.category["services"]} == services
        qtbot.waitUntil(lambda: all(find(view, f"service-{s}") for s in services), timeout=3000)
        assert {s for s in ("naissance", "mariage") if find(view, f"service-{s}")} == services
    finally:
        close_views()


def test_a_search_typed_on_the_on_screen_keyboard(qtbot, kiosk):
    _player, view = kiosk()
    view.session.start("")
    wait_page(qtbot, view, "home")
    click(view, "searchEntry")
    wait_page(qtbot, view, "search")
    qtbot.waitUntil(lambda: find(view, "keyboard") is not None, timeout=3000)
    assert "Tapez" in " ".join(visible_texts(view))  # a helpful empty state before typing
    for letter in "passe":
        click(view, keyboard_key(view, letter))
    qtbot.waitUntil(lambda: find(view, "searchInput").property("text") == "passe", timeout=3000)
    qtbot.waitUntil(lambda: find(view, "result-cni") is not None, timeout=3000)
    for letter in "zz":
        click(view, keyboard_key(view, letter))
    qtbot.waitUntil(lambda: find(view, "result-cni") is None, timeout=3000)
    assert any("Aucun service trouvé" in t for t in visible_texts(view))


def test_idle_warning_continue_and_return_to_the_loop_with_everything_reset(qtbot, kiosk):
    player, view = kiosk(warning_seconds=2)
    seen = shown_ids(player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10000)
    tap(view, QPoint(300, 900))
    wait_page(qtbot, view, "home")
    view.session.set_idle_timeout(0.5)
    click(view, "language-en")
    click(view, "tile-etat-civil")
    wait_page(qtbot, view, "category")
    qtbot.waitUntil(lambda: find(view, "idleWarning") is not None, timeout=3000)
    assert any("Are you still there?" in t for t in visible_texts(view))
    click(view, "continueButton")
    qtbot.waitUntil(lambda: find(view, "idleWarning") is None, timeout=2000)
    assert view.session.active and view.directory.page == "category"
    # No answer this time: back to the loop, the visit forgotten.
    qtbot.waitUntil(lambda: find(view, "idleWarning") is not None, timeout=3000)
    count = len(seen)
    qtbot.waitUntil(lambda: not view.session.active, timeout=5000)
    assert view.directory.page == "home" and view.directory.query == ""
    assert view.directory.language == "fr"
    assert not view.directory.canGoBack
    qtbot.waitUntil(lambda: len(seen) > count, timeout=5000)  # the loop plays again
    assert find(view, "touchHint") is not None


def _catalogue(lang: str) -> tuple[set[str], set[str]]:
    """(source strings, their translations) of a catalogue, %-arguments as wildcards."""
    text = i18n.catalogue(lang).read_text("utf-8")
    sources = {html.unescape(s) for s in re.findall(r"<source>(.*?)</source>", text, re.S)}
    targets = {html.unescape(t) for t in re.findall(r"<(?:translation|numerusform)>([^<]+)<", text)}
    return sources, targets


def _pattern(string: str) -> re.Pattern[str]:
    parts = re.split(r"%n|%1", string)
    return re.compile("^" + ".*".join(re.escape(p) for p in parts) + "$", re.S)


def _pages(qtbot, view):
    """Visit every page and the warning; yield the visible texts of each."""
    for path in (
        "home",
        "services",
        "services/etat-civil",
        "services/etat-civil/naissance",
        "search:",
        "search:zz",
    ):
        view.directory.go_to(path)
        qtbot.wait(150)
        yield path, visible_texts(view)
    view.session.set_idle_timeout(0.05)
    view.session.touched()
    qtbot.waitUntil(lambda: find(view, "idleWarning") is not None, timeout=3000)
    yield "warning", visible_texts(view)


@pytest.mark.parametrize(("lang", "foreign"), [("en", "fr"), ("fr", "en")])
def test_every_ui_string_is_in_the_visitors_language(qtbot, kiosk, lang, foreign):
    """In English no French UI string is left; in French no English source string shows."""
    _player, view = kiosk(warning_seconds=30)
    view.session.start("")
    wait_page(qtbot, view, "home")
    if lang == "en":
        click(view, "language-en")
    sources, french = _catalogue("fr")
    wrong = [_pattern(s) for s in (french if lang == "en" else sources)]
    right = [_pattern(s) for s in (sources if lang == "en" else french)]
    checked = 0
    for page, texts in _pages(qtbot, view):
        for text in texts:
            assert not any(p.match(text) for p in wrong if not any(r.match(text) for r in right)), (
                f"{page}: {text!r} is not in {lang}"
            )
            checked += any(r.match(text) for r in right)
    assert checked >= 15  # the walk did see the UI strings, not just content


# QTest's simulated touch moves make Qt's delivery code log this; real drivers do not.
@pytest.mark.qt_log_ignore("point is not in activePoints")
@pytest.mark.parametrize("with_touch", [True, False])
def test_a_swipe_to_the_right_goes_back_without_opening_the_row_under_it(qtbot, kiosk, with_touch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _player, view = kiosk()
    view.session.start("")
    wait_page(qtbot, view, "home")
    click(view, "tile-etat-civil")
    wait_page(qtbot, view, "category")
    row = find(view, "service-naissance")
    y = row.mapToScene(row.boundingRect().center()).toPoint().y()  # the swipe starts on a row
    finger = QTest.createTouchDevice()
    path = [QPoint(x, y) for x in range(60, 480, 20)]
    if with_touch:
        QTest.touchEvent(view.window, finger).press(0, path[0], view.window).commit()
        for point in path[1:]:
            qtbot.wait(10)
            QTest.touchEvent(view.window, finger).move(0, point, view.window).commit()
        QTest.touchEvent(view.window, finger).release(0, path[-1], view.window).commit()
    else:
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(view.window, button, none, path[0])
        for point in path[1:]:
            QTest.mouseMove(view.window, point, 10)
        QTest.mouseRelease(view.window, button, none, path[-1])
    wait_page(qtbot, view, "home")
    qtbot.wait(200)
    assert view.directory.page == "home"  # and not the service the swipe started on
