"""Official alerts on the real QML window (offscreen): a full-screen alert above the loop
and above a visit, its cancellation giving back what was there, a banner that lives with
the services directory, expiry without a poll, the visitor's language, the source's
health. Alerts come from real CAP files read by the real poller."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from kiosk.io.alerts import SourcePoller, source_locations
from kiosk.io.fetch import Fetcher
from tests.capkit import cap, reference
from tests.qmlkit import (
    NOW,
    Clock,
    click,
    close_views,
    colour_media,
    find,
    has_colour,
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
site: {name: Valmorin-sur-Ondine, languages: [fr, en]}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.5}
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.5}
ticker:
  - {id: t, text: Bienvenue}
services:
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      services:
        - id: naissance
          title: {fr: Acte de naissance, en: Birth certificate}
          procedure: F1427
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap}
"""

SENT = NOW - timedelta(minutes=20)


class Kiosk:
    def __init__(self, tmp_path: Path, size=(540, 960), clock=None) -> None:
        self.site = make_site(tmp_path / "site", SITE, colour_media("red", "green"))
        self.file = self.site / "alerte.xml"
        self.file.write_bytes(b"")
        snapshot = snapshot_of(self.site, tmp_path / "data")
        self.player, self.view = player_and_view(
            snapshot, clock or Clock(), size=size, transition=0.1
        )
        [(source, location)] = source_locations(snapshot)
        self.poller = SourcePoller(
            source,
            location,
            tmp_path / "data" / "alerts" / source.id,
            Fetcher(),
            self.view.alerts.place,
            clock=clock or Clock(),
        )

    def publish(self, document: bytes) -> None:
        """The prefecture publishes; the next poll brings it to the screen."""
        self.file.write_bytes(document)
        self.view.alerts.accept(self.poller.poll())


@pytest.fixture
def kiosk(tmp_path):
    made = []

    def make(**options):
        made.append(Kiosk(tmp_path / str(len(made)), **options))
        return made[-1]

    yield make
    close_views()


def overlay_up(view) -> bool:
    return find(view, "alertOverlay") is not None


def test_an_extreme_alert_interrupts_a_visit_and_its_cancellation_restores_it(qtbot, kiosk):
    k = kiosk()
    view = k.view
    view.session.start("naissance")
    qtbot.waitUntil(lambda: view.directory.page == "service", timeout=5000)
    k.publish(cap("A1", SENT, severity="Extreme", expires=NOW + timedelta(hours=6)))
    qtbot.waitUntil(lambda: overlay_up(view), timeout=3000)
    texts = visible_texts(view)
    assert "Crue majeure de l'Ondine\u00a0: évacuation des quais" in texts
    assert any(t.startswith("Quittez les quais") for t in texts)
    assert any(t.startswith("Émis par Préfecture de l'Ondine") for t in texts)
    assert any(t.startswith("Vérifié à ") for t in texts)
    # A touch on the alert reaches nothing underneath.
    tap(view, QPoint(270, 700))
    qtbot.wait(300)
    assert view.directory.page == "service" and view.session.active
    k.publish(
        cap("A2", SENT + timedelta(minutes=5), msg_type="Cancel", references=reference("A1", SENT))
    )
    qtbot.waitUntil(lambda: not overlay_up(view), timeout=3000)
    assert view.session.active and view.directory.page == "service"
    assert "Acte de naissance" in visible_texts(view)


def test_an_extreme_alert_stops_the_rotation_until_it_ends(qtbot, kiosk):
    k = kiosk()
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)
    k.publish(cap("A1", SENT, severity="Severe"))
    qtbot.waitUntil(lambda: overlay_up(k.view), timeout=3000)
    count = len(seen)
    qtbot.wait(1500)  # slides last 0.5 s: the loop would have moved on three times
    assert len(seen) == count, "the rotation kept going behind the alert"
    k.publish(
        cap("A2", SENT + timedelta(minutes=1), msg_type="Cancel", references=reference("A1", SENT))
    )
    qtbot.waitUntil(lambda: len(seen) > count + 1, timeout=5000)
    assert not overlay_up(k.view)


def test_a_banner_alert_stays_above_the_services_directory(qtbot, kiosk):
    k = kiosk()
    view = k.view
    k.publish(cap("M1", SENT, severity="Moderate"))
    qtbot.waitUntil(lambda: find(view, "alertBanner") is not None, timeout=3000)
    assert not overlay_up(view)
    view.session.start("")
    qtbot.waitUntil(lambda: view.directory.page == "home", timeout=5000)
    click(view, "tile-etat-civil")
    qtbot.waitUntil(lambda: view.directory.page == "category", timeout=5000)
    banner, page = find(view, "alertBanner"), find(view, "directoryLoader")
    assert banner is not None and page is not None
    bottom = banner.mapToScene(banner.boundingRect().bottomLeft()).y()
    assert page.mapToScene(page.boundingRect().topLeft()).y() >= bottom - 0.5
    texts = visible_texts(view)
    assert "Crue majeure de l'Ondine\u00a0: évacuation des quais" in texts
    assert "Acte de naissance" in texts
    assert has_colour(view.window.grabWindow(), "#FFC21A")


def test_an_alert_leaves_at_its_expiry_time_without_a_poll(qtbot, kiosk):
    k = kiosk()
    k.publish(cap("A1", SENT, severity="Extreme", expires=NOW + timedelta(seconds=1.5)))
    qtbot.waitUntil(lambda: overlay_up(k.view), timeout=3000)
    qtbot.waitUntil(lambda: not overlay_up(k.view), timeout=4000)  # the clock runs: expired


def test_a_visitor_reads_the_alert_in_english_and_the_choice_ends_with_it(qtbot, kiosk):
    k = kiosk()
    view = k.view
    k.publish(cap("A1", SENT, severity="Extreme"))
    qtbot.waitUntil(lambda: overlay_up(view), timeout=3000)
    assert "ALERTE EXTRÊME" in visible_texts(view)
    click(view, "alertLanguage-en")
    qtbot.waitUntil(lambda: "EXTREME ALERT" in visible_texts(view), timeout=3000)
    texts = visible_texts(view)
    assert "Major flood of the Ondine: leave the quays" in texts
    assert any(t.startswith("Issued by Ondine prefecture") for t in texts)
    assert not view.session.active, "reading an alert is not a visit"
    k.publish(
        cap("A2", SENT + timedelta(minutes=1), msg_type="Cancel", references=reference("A1", SENT))
    )
    qtbot.waitUntil(lambda: not overlay_up(view), timeout=3000)
    assert view.directory.language == "fr"


def test_the_screen_says_discreetly_since_when_the_source_cannot_be_checked(qtbot, kiosk):
    k = kiosk()
    k.publish(cap("M1", SENT, severity="Minor"))
    qtbot.waitUntil(lambda: find(k.view, "alertBanner") is not None, timeout=3000)
    assert any(t.startswith("Vérifié à ") for t in visible_texts(k.view))
    k.file.unlink()  # the source is gone
    k.view.alerts.accept(k.poller.poll())
    qtbot.waitUntil(
        lambda: any(t.startswith("Mise à jour impossible depuis ") for t in visible_texts(k.view)),
        timeout=3000,
    )
    assert find(k.view, "alertBanner") is not None, "the last alert stays"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pictures_of_a_full_screen_alert_and_of_a_banner(qtbot, kiosk, tmp_path, lang):
    """The PNGs a reviewer looks at (also written to docs/screenshots by
    tools/alert_screenshots.py): here, their colours are checked."""
    k = kiosk(clock=Clock(frozen=True))
    k.view.directory.setLanguage(lang)
    k.publish(cap("A1", SENT, severity="Extreme", expires=NOW + timedelta(hours=6)))
    qtbot.waitUntil(lambda: overlay_up(k.view), timeout=3000)
    qtbot.wait(200)
    full = k.view.window.grabWindow()
    full.save(str(tmp_path / f"alert-full-{lang}.png"))
    assert has_colour(full, "#9B0D14") and has_colour(full, "#FFFFFF")
    k.publish(
        cap(
            "A2",
            SENT + timedelta(minutes=1),
            severity="Moderate",
            msg_type="Update",
            references=reference("A1", SENT),
        )
    )
    qtbot.waitUntil(lambda: find(k.view, "alertBanner") is not None, timeout=3000)
    qtbot.wait(200)
    banner = k.view.window.grabWindow()
    banner.save(str(tmp_path / f"alert-banner-{lang}.png"))
    assert has_colour(banner, "#FFC21A") and not has_colour(banner, "#9B0D14")


def test_a_poll_that_changes_nothing_leaves_the_screen_alone(qtbot, kiosk):
    k = kiosk(clock=Clock(frozen=True))
    document = cap("M1", SENT, severity="Minor")
    k.publish(document)
    qtbot.waitUntil(lambda: find(k.view, "alertBanner") is not None, timeout=3000)
    banner = find(k.view, "alertBanner")
    changes = []
    k.view.alerts.changed.connect(lambda: changes.append(1))
    k.view.alerts.accept(k.poller.poll())  # the same document, checked again
    qtbot.wait(100)
    assert changes == [] and find(k.view, "alertBanner") is banner
