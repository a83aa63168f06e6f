"""Proof of play from the real QML window (offscreen): the slides the Player shows, their QR
codes, the directory pages a visit opens and the alerts on screen end up in telemetry.sqlite;
what a cover hides is not counted as played."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.io import stats
from kiosk.io.alerts import SourcePoller, source_locations
from kiosk.io.fetch import Fetcher
from kiosk.io.telemetry import Recorder
from kiosk.ui.proof import ProofOfPlay, page_path
from tests.capkit import SENDER, cap
from tests.qmlkit import (
    NOW,
    Clock,
    close_views,
    colour_media,
    make_site,
    player_and_view,
    shown_ids,
    snapshot_of,
)

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("overrides a member of the base object")]

SITE = """\
version: 1
site: {name: Valmorin-sur-Ondine, languages: [fr, en]}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.6}
  - {id: marche, type: qr, url: "https://www.valmorin.fr/marche-de-noel", duration: 0.6,
     title: {fr: Marché de Noël}}
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.6}
services:
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      services:
        - id: naissance
          title: {fr: Acte de naissance, en: Birth certificate}
          procedure: F1427
        - id: mariage
          title: {fr: Se marier, en: Getting married}
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap}
"""


class Kiosk:
    def __init__(self, tmp_path: Path) -> None:
        site = make_site(tmp_path / "site", SITE, colour_media("red", "green"))
        self.alert_file = site / "alerte.xml"
        self.alert_file.write_bytes(b"")
        self.data = tmp_path / "data"
        snapshot = snapshot_of(site, self.data)
        self.player, self.view = player_and_view(snapshot, Clock(), transition=0.1)
        self.recorder = Recorder(self.data, "hall")
        self.proof = ProofOfPlay(self.recorder, self.player, self.view)
        [(source, location)] = source_locations(snapshot)
        self.poller = SourcePoller(
            source,
            location,
            self.data / "alerts" / source.id,
            Fetcher(),
            self.view.alerts.place,
            clock=Clock(),
        )

    def publish(self, document: bytes) -> None:
        self.alert_file.write_bytes(document)
        self.view.alerts.accept(self.poller.poll())

    def records(self) -> list[stats.Record]:
        assert self.recorder.flush()
        with stats.reading(self.data) as conn:
            return list(stats.records(conn))


@pytest.fixture
def kiosk(tmp_path):
    made: list[Kiosk] = []
    yield lambda: made.append(Kiosk(tmp_path)) or made[-1]
    close_views()
    for k in made:
        k.recorder.close()


def test_each_slide_shown_is_a_play_and_its_qr_is_counted(qtbot, kiosk) -> None:
    k = kiosk()
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 4, timeout=20000)
    found = k.records()
    plays = [r for r in found if r.kind == "play"]
    assert [p.subject for p in plays][:4] == seen[:4] == ["red", "marche", "green", "red"]
    assert all(p.state == "closed" and p.duration_ms >= 500 for p in plays[:3])
    assert plays[-1].state == "open"  # on screen now
    assert {p.snapshot for p in plays} == {k.player.snapshot.id}
    assert {p.screen for p in plays} == {"hall"}
    qr = [r for r in found if r.kind == "qr"]
    assert [(r.subject, r.detail) for r in qr] == [("marche", "www.valmorin.fr/marche-de-noel")]


def test_a_visit_stops_the_play_and_counts_pages_not_what_was_typed(qtbot, kiosk) -> None:
    k = kiosk()
    view = k.view
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=20000)
    view.session.start("")
    qtbot.waitUntil(lambda: view.directory.page == "home", timeout=5000)
    view.directory.openCategory("etat-civil")
    view.directory.openService("naissance")
    view.directory.openSearch()
    for text in ("M", "Ma", "Mar"):  # a visitor types: one page, and no text kept
        view.directory.setQuery(text)
    view.directory.back()
    before_end = k.records()
    view.session.end()
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=20000)
    after = k.records()

    pages = [r.subject for r in after if r.kind == "page"]
    assert pages == [
        "home",
        "services/etat-civil",
        "services/etat-civil/naissance",
        "search",
        "services/etat-civil/naissance",
    ]
    assert not any("Mar" in r.subject + r.detail for r in after)
    qr = [(r.subject, r.detail) for r in after if r.kind == "qr" and r.subject == "naissance"]
    assert qr == [("naissance", "www.service-public.gouv.fr/particuliers/vosdroits/F1427")] * 2
    # The loop was covered: nothing was playing during the visit.
    assert not [r for r in before_end if r.kind == "play" and r.state == "open"]
    plays = [r for r in after if r.kind == "play"]
    # When the visit ends, the slide underneath shows again until the next fades in.
    assert plays[0].subject == plays[1].subject == seen[0]
    assert plays[1].start >= before_end[-1].start
    assert plays[-1].subject == seen[1]


def test_alerts_on_screen_are_recorded_with_their_time_on_screen(qtbot, kiosk) -> None:
    k = kiosk()
    seen = shown_ids(k.player)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=20000)
    sent = NOW - timedelta(minutes=20)
    k.publish(cap("A1", sent, severity="Extreme", expires=NOW + timedelta(hours=6)))
    qtbot.waitUntil(lambda: k.view.alerts.fullScreen, timeout=3000)
    during = k.records()
    qtbot.wait(300)
    k.publish(cap("A2", sent, msg_type="Cancel", references=f"{SENDER},A1,{sent.isoformat()}"))
    qtbot.waitUntil(lambda: not k.view.alerts.fullScreen, timeout=3000)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=20000)
    after = k.records()

    assert not [r for r in during if r.kind == "play" and r.state == "open"]
    [alert] = [r for r in after if r.kind == "alert"]
    assert alert.subject.startswith("prefecture:") and "A1" in alert.subject
    assert alert.detail == "full/Extreme"
    assert alert.state == "closed" and alert.duration_ms >= 250


def test_page_paths_are_the_render_paths() -> None:
    assert page_path("home", "", "") == "home"
    assert page_path("all", "", "") == "services"
    assert page_path("category", "etat-civil", "") == "services/etat-civil"
    assert page_path("service", "etat-civil", "naissance") == "services/etat-civil/naissance"
    assert page_path("search", "", "") == "search"


@pytest.mark.slow
def test_the_player_process_records_beats_and_closes_its_play_on_sigterm(tmp_path) -> None:
    import json
    import os
    import signal
    import subprocess
    import sys

    from kiosk.io.sync import sync_once
    from kiosk.resources import demo_site
    from tests.fixtures_feed import TRUST
    from tests.httpserver import TestServer

    data = tmp_path / "data"
    assert sync_once(str(demo_site()), data, trust=TRUST).status == "new"
    (tmp_path / "hb.token").write_text("hall-token\n")
    with TestServer() as server:
        server.on_post = lambda request: 204
        (tmp_path / "kiosk.toml").write_text(
            f'feed = "http://127.0.0.1:9/feed.json"\ndata_dir = "{data}"\nscreen = "hall"\n'
            f'heartbeat_url = "{server.url("/hb")}"\nheartbeat_token_file = "hb.token"\n'
            "heartbeat_interval = 30\nfullscreen = false\n"
        )
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "-v", "run", "--config", str(tmp_path / "kiosk.toml")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert server.wait_for(lambda: server.hits["/hb"] >= 1, timeout=60), "no heartbeat"
            proc.send_signal(signal.SIGTERM)
            output = proc.communicate(timeout=15)[0]
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        beat = json.loads(server.requests_for("/hb")[0].body)
        headers = server.requests_for("/hb")[0].headers
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    assert headers["authorization"] == "Bearer hall-token"
    assert beat["kind"] == "heartbeat" and beat["screen"] == "hall"
    assert beat["current_item"] and beat["snapshot"]
    assert beat["display_power"] == "on"  # the hall is indoor: no night switch-off
    with stats.reading(data) as conn:
        found = list(stats.records(conn))
    plays = [r for r in found if r.kind == "play"]
    assert plays and plays[0].subject == beat["current_item"]
    assert all(r.state == "closed" for r in found)  # SIGTERM closed the play on screen
