"""Polling alert sources over real HTTP (127.0.0.1): conditional GET, indexes and their
links, failures that keep the last alerts, restarts with no network, refused documents."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.alerts import Place, in_force, place_for, shown
from kiosk.core.feed import AlertArea, AlertSource
from kiosk.io.alerts import SourcePoller, source_locations
from kiosk.io.fetch import Fetcher
from tests.capkit import SENDER, cap, reference
from tests.httpserver import Route, TestServer
from tests.qmlkit import NOW, Clock, make_site, snapshot_of

DATA = Path(__file__).parent / "data"
HERE = place_for(AlertArea(insee="99001"))


@pytest.fixture
def server():
    with TestServer() as srv:
        yield srv


def poller(
    server: TestServer,
    tmp_path: Path,
    path: str = "/alerte.xml",
    kind="auto",
    place: Place = HERE,
    clock=None,
) -> SourcePoller:
    source = AlertSource(id="prefecture", url=server.url(path), kind=kind)
    return SourcePoller(
        source,
        source.url,
        tmp_path / "alerts" / "prefecture",
        Fetcher(),
        place,
        clock or Clock(frozen=True),
    )


def index(*entries: tuple[str, str, str]) -> bytes:
    """A MeteoAlarm-style Atom index: (identifier, geocode value, link) per entry."""
    body = "".join(
        f"""<entry>
  <cap:geocode><valueName>INSEE</valueName><value>{code}</value></cap:geocode>
  <cap:areaDesc>Zone {code}</cap:areaDesc>
  <cap:event>Crue</cap:event>
  <cap:sent>{NOW.isoformat()}</cap:sent>
  <cap:expires>{(NOW + timedelta(hours=6)).isoformat()}</cap:expires>
  <cap:severity>Extreme</cap:severity><cap:urgency>Immediate</cap:urgency>
  <cap:certainty>Observed</cap:certainty><cap:status>Actual</cap:status>
  <cap:message_type>Alert</cap:message_type><cap:scope>Public</cap:scope>
  <cap:identifier>{ident}</cap:identifier>
  <link href="{link}" type="application/cap+xml"/>
  <id>{link}</id><title>Red flood warning - Zone {code}</title><updated>{NOW.isoformat()}</updated>
</entry>"""
        for ident, code, link in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
<id>tag:test</id><title>Index</title><updated>{NOW.isoformat()}</updated>{body}</feed>""".encode()


def test_an_idle_poll_is_one_conditional_request_answered_without_a_body(server, tmp_path):
    server.serve("/alerte.xml", cap("A1", NOW), content_type="application/cap+xml")
    p = poller(server, tmp_path)
    first = p.poll()
    assert [m.identifier for m in first.messages] == ["A1"]
    second = p.poll()
    assert second.requests == 1
    sent = server.requests_for("/alerte.xml")
    assert [r.status for r in sent] == [200, 304]
    assert sent[1].headers.get("if-none-match") == server.routes["/alerte.xml"].strong_etag()
    assert second.messages == first.messages and second.error is None


def test_update_then_cancel_through_references(server, tmp_path):
    t0 = NOW - timedelta(hours=1)
    server.serve("/alerte.xml", cap("A1", t0, headline="Crue : premier message"))
    p = poller(server, tmp_path)
    p.poll()
    update = cap(
        "A2",
        t0 + timedelta(minutes=20),
        msg_type="Update",
        references=reference("A1", t0),
        headline="Crue : mise à jour",
    )
    server.serve("/alerte.xml", update)
    report = p.poll()
    now_showing = shown(report.messages, NOW, "fr", HERE)
    assert [s.headline for s in now_showing] == ["Crue : mise à jour"]
    cancel = cap(
        "A3",
        t0 + timedelta(minutes=40),
        msg_type="Cancel",
        references=reference("A2", t0 + timedelta(minutes=20)),
    )
    server.serve("/alerte.xml", cancel)
    report = p.poll()
    assert shown(report.messages, NOW, "fr", HERE) == []
    assert in_force(report.messages) == []


def test_a_failing_source_keeps_its_alerts_and_says_since_when(server, tmp_path, caplog):
    clock = Clock(start=NOW)
    server.serve("/alerte.xml", cap("A1", NOW, expires=NOW + timedelta(hours=2)))
    p = poller(server, tmp_path, clock=clock)
    good = p.poll()
    server.routes["/alerte.xml"] = Route(status=503)
    caplog.set_level(logging.INFO, logger="kiosk.io.alerts")
    caplog.clear()
    failing = [p.poll() for _ in range(3)]
    assert all(r.messages == good.messages for r in failing)
    assert failing[0].failing_since is not None
    assert failing[-1].failing_since == failing[0].failing_since  # since the first failure
    assert failing[-1].last_checked == good.last_checked
    assert "503" in (failing[-1].error or "")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, "a failure is logged once, not at every poll"
    assert "keeping its 1 last messages" in warnings[0].getMessage()
    server.serve("/alerte.xml", cap("A1", NOW, expires=NOW + timedelta(hours=2)))
    back = p.poll()
    assert back.failing_since is None and back.error is None


def test_a_hostile_document_is_refused_and_the_last_alerts_stay(server, tmp_path):
    server.serve("/alerte.xml", cap("A1", NOW))
    p = poller(server, tmp_path)
    p.poll()
    server.serve(
        "/alerte.xml", (DATA / "hostile" / "found-google-cap-library-xee.xml").read_bytes()
    )
    report = p.poll()
    assert "refused XML feature" in (report.error or "")
    assert [m.identifier for m in report.messages] == ["A1"]
    assert not any(r.path.startswith("/payload") for r in server.requests)


def test_an_index_fetches_the_linked_alerts_of_this_area_once(server, tmp_path):
    here, elsewhere = server.url("/cap/here.xml"), server.url("/cap/elsewhere.xml")
    server.serve("/index.atom", index(("H1", "99001", here), ("E1", "12345", elsewhere)))
    server.serve("/cap/here.xml", cap("H1", NOW, expires=NOW + timedelta(hours=6)))
    server.serve("/cap/elsewhere.xml", cap("E1", NOW, geocode=("INSEE", "12345")))
    p = poller(server, tmp_path, "/index.atom")
    report = p.poll()
    full = [m for m in report.messages if m.identifier == "H1"]
    assert full and full[0].infos[0].instruction, "the full document replaced the summary"
    assert server.hits["/cap/elsewhere.xml"] == 0, "another area's alert is not fetched"
    assert [s.headline for s in shown(report.messages, NOW, "en", HERE)] == [
        "Major flood of the Ondine: leave the quays"
    ]
    again = p.poll()
    assert again.requests == 1 and server.hits["/cap/here.xml"] == 1


def test_a_linked_alert_that_cannot_be_fetched_shows_its_summary(server, tmp_path):
    link = server.url("/cap/missing.xml")
    server.serve("/index.atom", index(("M1", "99001", link)))
    p = poller(server, tmp_path, "/index.atom")
    report = p.poll()
    [alert] = shown(report.messages, NOW, "fr", HERE)
    assert alert.headline == "Red flood warning"  # the entry's title, area name removed
    assert alert.level == "full"
    server.serve("/cap/missing.xml", cap("M1", NOW))
    retried = p.poll()  # the index did not change (304), the link is tried again
    assert server.hits["/cap/missing.xml"] == 2
    assert shown(retried.messages, NOW, "fr", HERE)[0].instruction.startswith("Quittez")


def test_alerts_survive_a_restart_with_no_network(server, tmp_path):
    server.serve("/alerte.xml", cap("A1", NOW, expires=NOW + timedelta(hours=2)))
    poller(server, tmp_path).poll()
    server.routes["/alerte.xml"] = Route(status=500)
    reborn = poller(server, tmp_path)  # a new process: state and documents from disk
    assert [m.identifier for m in reborn.report().messages] == ["A1"]
    report = reborn.poll()
    assert [m.identifier for m in report.messages] == ["A1"] and report.failing_since


def test_the_real_meteoalarm_index_for_france_filters_by_nuts3_code(server, tmp_path):
    body = (DATA / "atom" / "meteoalarm-legacy-atom-france-2022-12-08.xml").read_bytes()
    # its links to full documents point at this server (which has none: 404), not the Internet
    body = body.replace(b"https://feeds.meteoalarm.org/", server.url("/").encode())
    server.serve("/feeds/meteoalarm-legacy-atom-france", body)
    haute_savoie = place_for(AlertArea(geocodes=["NUTS3=FR718"]))
    p = poller(server, tmp_path, "/feeds/meteoalarm-legacy-atom-france", place=haute_savoie)
    report = p.poll()
    assert report.error is None
    linked = [r.path for r in server.requests if r.path.startswith("/api/v1/warnings/")]
    assert len(linked) == 2 and all(r.status == 404 for r in server.requests[1:])
    moment = NOW.replace(year=2022, month=12, day=7, hour=18)
    alerts = shown(report.messages, moment, "fr", haute_savoie)
    assert alerts and all("Haute Savoie" in a.areas for a in alerts)
    assert all(a.level == "banner" and a.severity == "Moderate" for a in alerts)
    finistere = place_for(AlertArea(geocodes=["NUTS3=FR522"]))
    assert shown(report.messages, moment, "fr", finistere) == []


def test_relative_sources_are_read_next_to_the_feed(tmp_path):
    feed = """version: 1
site: {name: Testville}
alerts:
  sources:
    - {id: mairie, url: alertes.json, kind: json, poll: 15}
"""
    site = make_site(tmp_path / "site", feed, {})
    snapshot = snapshot_of(site, tmp_path / "data")
    [(source, location)] = source_locations(snapshot)
    assert source.poll == 15
    assert Path(location) == site / "alertes.json"


def test_the_sender_of_references_is_the_message_sender():
    # capkit's references must name the sender the parser reads (a broken chain would
    # make the update/cancel tests above pass for the wrong reason).
    assert reference("X", NOW).startswith(SENDER + ",X,")


def test_a_new_feed_reschedules_only_the_sources_that_changed(tmp_path):
    from kiosk.io.alerts import AlertPolling

    scheduled: list[tuple[str, float]] = []
    cancelled: list[str] = []
    polling = AlertPolling(
        tmp_path,
        Fetcher(),
        lambda name, seconds, fn: scheduled.append((name, seconds)),
        cancelled.append,
    )
    a = AlertSource(id="a", url="/srv/a.xml")
    b = AlertSource(id="b", url="/srv/b.xml", poll=60)
    polling.configure([(a, a.url), (b, b.url)], HERE)
    assert scheduled == [("alert:a", 30.0), ("alert:b", 60.0)]
    scheduled.clear()
    b2 = AlertSource(id="b", url="/srv/b.xml", poll=10)
    c = AlertSource(id="c", url="/srv/c.json", kind="json")
    polling.configure([(b2, b2.url), (c, c.url)], HERE)
    assert cancelled == ["alert:a"]
    assert sorted(scheduled) == [("alert:b", 10.0), ("alert:c", 30.0)]  # a kept nothing
    scheduled.clear()
    polling.configure([(b2, b2.url), (c, c.url)], HERE)
    assert scheduled == [], "an unchanged source keeps its poller and its timer"
