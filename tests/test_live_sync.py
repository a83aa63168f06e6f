"""News and agenda sources polled by the sync job, against a real HTTP server on 127.0.0.1:
stored on disk for offline play, conditional GET, failures that keep the last content,
pictures that stay in the store while an article uses them."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.live import expand
from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.live import picture_extension
from kiosk.io.store import Store
from kiosk.io.sync import Syncer
from tests.fixtures_feed import TOWN_KEY, TRUST, write_site
from tests.httpserver import TestServer

FIXTURES = Path(__file__).parent / "fixtures" / "live"
RSS = (FIXTURES / "actualites.rss").read_bytes()
ICS = (FIXTURES / "agenda.ics").read_bytes()
#: Not decoded by the sync: only their first bytes say what they are.
JPEG = b"\xff\xd8\xff\xe0" + b"christmas market " * 50 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"road works " * 40
HTML = b"<!doctype html><title>Oops</title>" + b" " * 100


NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 25 November 2026, 10:00 in Paris


class StepClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def live_feed(server: TestServer, news_refresh: int = 900, agenda_refresh: int = 900) -> str:
    return f"""\
version: 1
site: {{name: Valmorin, languages: [fr, en]}}
links: {{allow_http: true}}  # the test server speaks plain HTTP on 127.0.0.1
rotation:
  - {{id: bienvenue, type: announcement, title: Bienvenue}}
  - id: actualites
    type: news
    source: {server.url("/site/actualites.rss")}
    max_items: 3
    refresh: {news_refresh}
  - id: agenda
    type: agenda
    source: {server.url("/site/agenda.ics")}
    refresh: {agenda_refresh}
"""


def serve_sources(server: TestServer) -> None:
    server.serve("/site/actualites.rss", RSS, content_type="application/rss+xml")
    server.serve("/site/agenda.ics", ICS, content_type="text/calendar")
    server.serve("/site/pictures/noel.jpg", JPEG, content_type="image/jpeg")
    server.serve("/site/pictures/travaux.png", PNG, content_type="image/png")
    server.serve("/site/pictures/not-a-picture.jpg", HTML, content_type="text/html")


@pytest.fixture
def server():
    with TestServer() as srv:
        serve_sources(srv)
        yield srv


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


def make_syncer(site: Path, data: Path, clock: StepClock) -> Syncer:
    fetcher = Fetcher(Limits(connect_timeout=1, read_timeout=2))
    return Syncer(str(site), Store(data), fetcher, clock=clock, trust=TRUST)


def test_sources_are_fetched_parsed_and_stored_with_pictures_and_qr_codes(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server), {})
    result = make_syncer(site, tmp_path / "data", clock).run_once()
    assert result.status == "new"
    live = result.snapshot.live
    assert set(live) == {"actualites", "agenda"}

    news = live["actualites"]
    assert news.name == "Valmorin-sur-Ondine – Actualités"
    # max_items 3, newest first; the 1 October article is older than 30 days, and the one
    # without a link is never kept.
    assert [e.title for e in news.news] == [
        "Le marché de Noël ouvre ses portes samedi",
        "Travaux rue de la République : la déviation",
        "Collecte des encombrants le 3 décembre",
    ]
    noel, travaux, encombrants = news.news
    assert noel.image.endswith(".jpg") and travaux.image.endswith(".png")
    assert encombrants.image == ""
    media = tmp_path / "data" / "media"
    assert (media / noel.image).read_bytes() == JPEG
    assert (media / travaux.image).read_bytes() == PNG
    assert "<" not in travaux.summary and "alert" not in travaux.summary  # HTML removed
    for entry in news.news:  # every article has its QR code on disk
        qr = result.snapshot.live_qr_file(news.qr[entry.link])
        assert qr is not None and qr.read_text().startswith("<svg")

    agenda = live["agenda"]
    summaries = [e.summary for e in agenda.events]
    assert "Concert de la chorale (hier)" not in summaries  # before today
    assert "Marché hebdomadaire" in summaries and "Conseil municipal" in summaries
    # Stored: today and the next days (7) + 7 more for days offline, until 8 December. The
    # weekly market of 2 December is cancelled (EXDATE).
    markets = [e.start.date() for e in agenda.events if e.summary.startswith("Marché")]
    assert markets == [date(2026, 11, 25)]
    assert max(e.start for e in agenda.events).date() == date(2026, 12, 1)


def test_a_picture_that_is_not_one_is_left_out_and_logged_once(server, clock, tmp_path, caplog):
    feed = live_feed(server).replace("max_items: 3", "max_items: 5")
    site = write_site(tmp_path / "site", feed, {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    with caplog.at_level(logging.WARNING, logger="kiosk.io.live"):
        content = syncer.run_once().snapshot.live["actualites"]
        cantine = next(e for e in content.news if e.title.startswith("Inscriptions"))
        assert cantine.image == "" and cantine.image_url == "pictures/not-a-picture.jpg"
        server.serve("/site/actualites.rss", RSS + b"\n")  # changed: parsed again
        clock.advance(seconds=901)
        syncer.run_once()
    warnings = [r.getMessage() for r in caplog.records if "not-a-picture" in r.getMessage()]
    assert len(warnings) == 1
    assert "not a JPEG, PNG, GIF or WebP picture" in warnings[0]


def test_each_source_is_polled_on_its_own_interval_with_conditional_get(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server, 600, 3600), {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    first = syncer.run_once()
    assert server.hits["/site/actualites.rss"] == 1 and server.hits["/site/agenda.ics"] == 1

    clock.advance(seconds=60)  # the next sync cycle: neither source is due
    syncer.run_once()
    assert server.hits["/site/actualites.rss"] == 1 and server.hits["/site/agenda.ics"] == 1

    clock.advance(seconds=600)  # the news is due, not the agenda
    result = syncer.run_once()
    [again] = server.requests_for("/site/actualites.rss")[1:]
    assert again.headers["if-none-match"] and again.status == 304
    assert server.hits["/site/agenda.ics"] == 1
    assert server.hits["/site/pictures/noel.jpg"] == 1  # nothing downloaded again
    assert result.snapshot.live == first.snapshot.live


def test_a_failing_source_keeps_its_last_content_and_is_logged_once(
    server, clock, tmp_path, caplog
):
    site = write_site(tmp_path / "site", live_feed(server, 60, 60), {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    good = syncer.run_once().snapshot.live

    server.serve("/site/actualites.rss", b"oops", status=500)
    server.serve("/site/agenda.ics", b"<html>not a calendar</html>", content_type="text/html")
    with caplog.at_level(logging.INFO, logger="kiosk.io.live"):
        for _ in range(3):
            clock.advance(seconds=61)
            result = syncer.run_once()
            assert result.snapshot.live == good
        failures = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(failures) == 2, [r.getMessage() for r in failures]  # one per source
        assert "HTTP 500" in failures[0].getMessage() + failures[1].getMessage()
        assert "kept the last content" in failures[0].getMessage()

        serve_sources(server)
        clock.advance(seconds=301)
        syncer.run_once()
    recovered = [r.getMessage() for r in caplog.records if "answers again" in r.getMessage()]
    assert len(recovered) == 2


def test_content_plays_after_a_restart_with_no_network(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server), {})
    make_syncer(site, tmp_path / "data", clock).run_once()
    server.stop()  # for good: nothing answers on its port any more

    # A reboot: a new store on the same directory, a sync that cannot reach anything.
    store = Store(tmp_path / "data")
    snapshot = store.current()
    assert snapshot is not None
    entries = expand(snapshot.feed.rotation, snapshot.live, clock(), _paris())
    ids = [e.id for e in entries]
    assert ids[:4] == ["bienvenue", "actualites#1", "actualites#2", "actualites#3"]
    assert "agenda#1" in ids
    clock.advance(hours=1)
    result = Syncer(
        str(site), store, Fetcher(Limits(connect_timeout=0.5)), clock=clock, trust=TRUST
    ).run_once()
    assert result.snapshot.live == snapshot.live


def test_pictures_in_use_survive_eviction_and_others_go(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server, 60, 60), {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    content = syncer.run_once().snapshot.live["actualites"]
    noel = tmp_path / "data" / "media" / content.news[0].image
    travaux = tmp_path / "data" / "media" / content.news[1].image

    # A new version of the feed: a new snapshot, and eviction of unused media.
    write_site(tmp_path / "site", live_feed(server, 60, 60).replace("Bienvenue", "Salut"), {})
    clock.advance(seconds=30)
    assert syncer.run_once().status == "new"
    assert noel.is_file() and travaux.is_file()

    # The works article is replaced by another without a picture: its picture and QR code
    # go, not the others'.
    server.serve(
        "/site/actualites.rss",
        RSS.replace(b"pictures/travaux.png", b"").replace(b"travaux-republique", b"fin-travaux"),
    )
    clock.advance(seconds=61)
    content = syncer.run_once().snapshot.live["actualites"]
    assert noel.is_file() and not travaux.is_file()
    qr_dir = tmp_path / "data" / "live" / "qr"
    assert {p.name for p in qr_dir.iterdir()} == set(content.qr.values())


def test_an_item_removed_from_the_feed_forgets_its_content(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server), {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    content = syncer.run_once().snapshot.live["actualites"]
    feed = "version: 1\nsite: {name: V}\nrotation:\n  - {id: a, type: announcement, title: A}\n"
    write_site(tmp_path / "site", feed, {})
    result = syncer.run_once()
    assert result.status == "new" and result.snapshot.live == {}
    assert list((tmp_path / "data" / "live").glob("*.json")) == []
    assert not (tmp_path / "data" / "media" / content.news[0].image).exists()


def test_a_changed_source_does_not_show_the_old_one(server, clock, tmp_path):
    site = write_site(tmp_path / "site", live_feed(server), {})
    syncer = make_syncer(site, tmp_path / "data", clock)
    syncer.run_once()
    server.serve("/other.rss", b"", status=404)
    feed = live_feed(server).replace("/site/actualites.rss", "/other.rss")
    write_site(tmp_path / "site", feed, {})
    result = syncer.run_once()
    assert "actualites" not in result.snapshot.live
    assert "agenda" in result.snapshot.live


def test_a_hostile_document_is_refused_and_nothing_is_stored(server, clock, tmp_path, caplog):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title>'
        b"</item></channel></rss>"
    )
    server.serve("/site/actualites.rss", bomb)
    site = write_site(tmp_path / "site", live_feed(server), {})
    with caplog.at_level(logging.WARNING, logger="kiosk.io.live"):
        result = make_syncer(site, tmp_path / "data", clock).run_once()
    assert "actualites" not in result.snapshot.live
    [line] = [r.getMessage() for r in caplog.records if "actualites" in r.getMessage()]
    assert "refused XML feature" in line and "nothing to show yet" in line


LOCAL_FEED = """\
version: 1
site: {name: Valmorin}
rotation:
  - {id: actualites, type: news, source: live/actualites.rss}
  - {id: agenda, type: agenda, source: live/agenda.ics}
"""


def local_site(folder):
    """A site folder whose news and agenda are files beside feed.yaml."""
    files = {
        "live/actualites.rss": RSS,
        "live/agenda.ics": ICS,
        "live/pictures/noel.jpg": JPEG,
        "live/pictures/travaux.png": PNG,
    }
    return write_site(folder, LOCAL_FEED, files)


def test_local_sources_and_pictures_of_a_site_folder(tmp_path, clock):
    """The demo's way: files beside feed.yaml, pictures relative to the RSS file."""
    site = local_site(tmp_path / "site")
    result = make_syncer(site, tmp_path / "data", clock).run_once()
    assert result.ok
    news = result.snapshot.live["actualites"]
    assert news.news[0].image.endswith(".jpg")
    assert len(result.snapshot.live["agenda"].events) > 5


def test_picture_types_are_recognised_by_their_first_bytes():
    assert picture_extension(JPEG) == ".jpg"
    assert picture_extension(PNG) == ".png"
    assert picture_extension(b"GIF89a....") == ".gif"
    assert picture_extension(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == ".webp"
    assert picture_extension(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert picture_extension(HTML) is None


def _paris():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Paris")


def test_a_published_bundle_carries_its_local_sources_and_their_pictures(tmp_path, clock):
    """`kiosk publish` of a folder whose news file is local: the kiosk reads it, and its
    pictures, next to feed.json on the web server."""
    from kiosk.publish.signing import publish

    site = local_site(tmp_path / "site")
    publish(site, tmp_path / "bundle", TOWN_KEY)
    with TestServer() as server:
        server.serve_dir(tmp_path / "bundle", "/kiosk/")
        syncer = Syncer(
            server.url("/kiosk/feed.json"),
            Store(tmp_path / "data"),
            Fetcher(),
            clock=clock,
            trust=TRUST,
        )
        live = syncer.run_once().snapshot.live
        assert server.hits["/kiosk/live/actualites.rss"] == 1
        assert server.hits["/kiosk/live/pictures/noel.jpg"] == 1
    noel = live["actualites"].news[0]
    assert (tmp_path / "data" / "media" / noel.image).read_bytes() == JPEG
    assert live["agenda"].events
