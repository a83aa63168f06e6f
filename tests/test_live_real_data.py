"""News and agenda items fed with real documents (tests/data, origins in its README), served
by a real HTTP server on 127.0.0.1, polled by the sync job and expanded into slides."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.live import AgendaPart, NewsPart, expand
from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Snapshot, Store
from kiosk.io.sync import Syncer
from tests.fixtures_feed import TRUST, write_site
from tests.httpserver import TestServer

DATA = Path(__file__).parent / "data"
PARIS = ZoneInfo("Europe/Paris")
JPEG = b"\xff\xd8\xff\xe0" + b"picture" * 100 + b"\xff\xd9"


@pytest.fixture
def server():
    with TestServer() as srv:
        yield srv


def play(
    server: TestServer, tmp_path: Path, kind: str, body: bytes, now: datetime, options: str = ""
) -> Snapshot:
    """Serve ``body``, sync a feed whose one item reads it, at ``now``."""
    server.serve("/doc", body)
    feed = f"""\
version: 1
site: {{name: Valmorin}}
links: {{allow_http: true}}  # the test server speaks plain HTTP on 127.0.0.1
rotation:
  - {{id: live, type: {kind}, source: "{server.url("/doc")}"{options}}}
"""
    site = write_site(tmp_path / "site", feed, {})
    fetcher = Fetcher(Limits(connect_timeout=1, read_timeout=2))
    result = Syncer(
        str(site), Store(tmp_path / "data"), fetcher, clock=lambda: now, trust=TRUST
    ).run_once()
    assert result.ok, result.message
    assert result.snapshot is not None
    return result.snapshot


def test_le_monde_articles_with_their_enclosure_pictures(server, tmp_path):
    body = (DATA / "rss" / "lemonde-une-2018-02-11-enclosure-images.xml").read_bytes()
    # The pictures are asked of this server, not of lemde.fr: only the newest article's
    # exists there.
    body = body.replace(b"http://s1.lemde.fr/", server.url("/s1/").encode())
    body = body.replace(b"http://s2.lemde.fr/", server.url("/s2/").encode())
    server.serve(
        "/s1/image/2018/02/11/644x322/"
        "5255119_3_dd38_l-avion-a-decolle-dimanche-de-l-aeroport-intern_06c104fb189aa818710499679c8a642a.jpg",
        JPEG,
    )
    now = datetime(2018, 2, 11, 15, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "news", body, now, ", max_items: 5")
    parts = expand(snapshot.feed.rotation, snapshot.live, now, PARIS)
    assert len(parts) == 5
    entries = [p.entry for p in parts if isinstance(p, NewsPart)]
    assert [e.published for e in entries] == sorted((e.published for e in entries), reverse=True)
    assert entries[0].image and (tmp_path / "data" / "media" / entries[0].image).is_file()
    assert all(not e.image for e in entries[1:])  # 404: left out, the article stays
    assert all("<" not in e.summary and "&#" not in e.summary for e in entries)
    assert parts[0].source_name.startswith("Le Monde")


def test_escaped_html_descriptions_become_plain_text(server, tmp_path):
    body = (DATA / "rss" / "journal-du-hacker-2020-11-30-escaped-html-description.xml").read_bytes()
    now = datetime(2020, 11, 30, 18, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "news", body, now)
    parts = expand(snapshot.feed.rotation, snapshot.live, now, PARIS)
    assert len(parts) == 5
    for part in parts:
        assert isinstance(part, NewsPart)
        text = part.entry.title + part.entry.summary
        assert "<" not in text and "&#" not in text and "\n" not in part.entry.title


def test_an_atom_feed_with_escaped_html(server, tmp_path):
    body = (DATA / "atom" / "postgresqlfr-dotclear-vie-du-site-fr-escaped-html.xml").read_bytes()
    # Its one picture (an <img> in escaped HTML) is asked of this server, not of the site.
    body = body.replace(b"http://blog2.postgresql.fr/public/", server.url("/pg/").encode())
    now = datetime(2016, 7, 5, 12, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "news", body, now)
    parts = expand(snapshot.feed.rotation, snapshot.live, now, PARIS)
    assert parts, "the June 2016 article is young enough on 5 July 2016"
    assert all("<" not in p.entry.summary for p in parts if isinstance(p, NewsPart))


def test_a_feed_without_items_gives_no_slide(server, tmp_path):
    body = (DATA / "rss" / "miniflux-declared-windows-1252-bytes-utf-8.xml").read_bytes()
    now = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "news", body, now)
    assert snapshot.live["live"].news == ()  # read, not refused: just empty
    assert expand(snapshot.feed.rotation, snapshot.live, now, PARIS) == []


def test_school_holidays_all_day_over_several_days(server, tmp_path):
    body = (DATA / "ics" / "education-gouv-calendrier-scolaire-zone-b-2015-2018.ics").read_bytes()
    now = datetime(2016, 12, 20, 10, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "agenda", body, now)
    [today] = expand(snapshot.feed.rotation, snapshot.live, now, PARIS)
    assert isinstance(today, AgendaPart) and today.when == "today"
    [holidays] = today.events
    assert holidays.summary == "Vacances de Noël - Zone B" and holidays.all_day
    assert holidays.start.astimezone(PARIS) == datetime(2016, 12, 17, tzinfo=PARIS)
    assert holidays.end.astimezone(PARIS) == datetime(2017, 1, 3, tzinfo=PARIS)  # exclusive
    assert holidays.location.startswith("Aix-Marseille, Amiens")  # escaped commas, folded


def test_a_monthly_event_moved_earlier(server, tmp_path):
    body = (DATA / "ics" / "google-calendar-monthly-rrule-moved-recurrence-id.ics").read_bytes()
    # Last Friday of each month at 21:30 (Berlin); December's moved to Friday 17 December.
    before = datetime(2021, 12, 13, 9, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "agenda", body, before)
    [week] = expand(snapshot.feed.rotation, snapshot.live, before, PARIS)
    [moved] = week.events  # type: ignore[union-attr]
    assert moved.start.astimezone(PARIS) == datetime(2021, 12, 17, 21, 30, tzinfo=PARIS)
    # The week of 31 December has nothing: the occurrence moved away from it.
    later = datetime(2021, 12, 27, 9, 0, tzinfo=PARIS)
    assert expand(snapshot.feed.rotation, snapshot.live, later, PARIS) == []


def test_weekly_events_with_exceptions_given_in_utc(server, tmp_path):
    body = (DATA / "ics" / "sabredav-weekly-rrule-two-utc-exdates-crlf.ics").read_bytes()
    now = datetime(2019, 3, 3, 12, 0, tzinfo=PARIS)
    snapshot = play(server, tmp_path, "agenda", body, now, ", days: 31, max_items: 40")
    parts = expand(snapshot.feed.rotation, snapshot.live, now, PARIS)
    starts = [e.start.astimezone(PARIS) for p in parts for e in p.events]  # type: ignore[union-attr]
    # Weekly on Monday 00:30 Berlin (= Paris), 8 times from 4 March 2019; 11 and 25 March
    # are cut by EXDATEs written in UTC (Sunday 23:30Z).
    assert [s.date().isoformat() for s in starts] == ["2019-03-04", "2019-03-18", "2019-04-01"]
    assert all((s.hour, s.minute) == (0, 30) for s in starts)  # across the DST change
    assert now + timedelta(days=31) > starts[-1]
