"""`kiosk inspect`: real alert, news and agenda documents through the real command.

Most tests call :func:`kiosk.cli.main` in-process (stdout and stderr captured); one runs
``python -m kiosk inspect`` as a subprocess to check the bytes written. Sources are the
documents kept in ``tests/data`` (their origin is noted there) and, for news and the
agenda, small files written for these tests in ``tests/fixtures/inspect``. URLs are served
by a real HTTP server on 127.0.0.1 (:mod:`tests.httpserver`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.inspect import ALERT_KEYS, _location
from tests.httpserver import TestServer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
FIXTURES = REPO / "tests" / "fixtures" / "inspect"
CAP = DATA / "cap"
METEOALARM_FR = DATA / "atom" / "meteoalarm-legacy-atom-france-2022-12-08.xml"
AVALANCHES_FR_EN = CAP / "meteoalarm-france-avalanches-update-allclear-fr-en-nuts3.xml"
NEWS_KEYS = ["kind", "title", "summary", "link", "published", "image"]
EVENT_KEYS = ["kind", "summary", "start", "end", "all_day", "location"]


def inspect(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[Any], str]:
    """Exit status, the JSON objects printed on stdout, and stderr."""
    status = main(["inspect", *args])
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    return status, [json.loads(line) for line in lines], captured.err


@pytest.fixture
def server():
    with TestServer() as running:
        yield running


# -- alerts --------------------------------------------------------------------------------


def test_cap_document_in_the_language_asked_else_french(capsys):
    status, [fr], err = inspect(capsys, str(AVALANCHES_FR_EN))
    assert status == 0
    assert list(fr) == list(ALERT_KEYS)
    assert fr["kind"] == "alert"
    assert fr["identifier"] == "2.49.0.0.250.0.FR.20221207060126.964028"
    assert fr["msg_type"] == "Update"
    assert fr["language"] == "fr"
    assert fr["headline"] == "Vigilance jaune avalanches"
    assert fr["sender"] == "vigilance@meteo.fr"
    assert fr["sent"] == "2022-12-07T06:01:26+01:00"
    assert fr["expires"] == "2022-12-07T06:01:00+01:00"
    assert fr["languages"] == ["fr", "en"]
    assert fr["link"] is None and fr["detail"] == "full"
    assert fr["areas"][0] == {
        "description": "Alpes de Haute Provence",
        "geocodes": ["NUTS3=FR821"],
        "polygons": 0,
        "circles": [],
    }
    assert err.strip() == "1 alert, kind cap"

    status, [en], _ = inspect(capsys, str(AVALANCHES_FR_EN), "--lang", "en-GB")
    assert status == 0
    assert en["language"] == "en"
    assert en["headline"] == "Moderate avalanches warning"
    assert en["instruction"].startswith("Be aware")
    assert en["headline"] != fr["headline"]
    texts = ("headline", "description", "instruction", "event", "language")
    assert {k: v for k, v in en.items() if k not in texts} == {
        k: v for k, v in fr.items() if k not in texts
    }


def test_language_fallback_french_then_first(capsys):
    eccc = CAP / "eccc-snowfall-update-9-references-en-fr-double-signed.xml"
    _, [alert], _ = inspect(capsys, str(eccc), "--lang", "de")
    assert (alert["language"], alert["headline"]) == ("fr", "avertissement de neige")
    assert len(alert["references"]) == 9
    tonga = CAP / "usgs-earthquake-tonga-cap11-circle-en-es.xml"
    _, [alert], _ = inspect(capsys, str(tonga), "--lang", "de")
    # USGS wrote its Spanish info as "sp-US": shown as is, so staff can see why "es" falls
    # back to the first info.
    assert alert["languages"] == ["en", "sp"] and alert["language"] == "en"
    _, [alert], _ = inspect(capsys, str(tonga), "--lang", "es")
    assert alert["language"] == "en"
    _, [alert], _ = inspect(capsys, str(tonga), "--lang", "sp")
    assert alert["language"] == "sp" and alert["headline"] != ""


def test_geometry_counts_or_points(capsys):
    iceland = CAP / "imo-iceland-wind-is-en-polygon-geocode.xml"
    _, [alert], _ = inspect(capsys, str(iceland))
    [area] = alert["areas"]
    assert area["polygons"] == 1
    assert area["geocodes"] == ["Spásvæði=Höfuðborgarsvæðið"]
    _, [alert], _ = inspect(capsys, str(iceland), "--polygons")
    [ring] = alert["areas"][0]["polygons"]
    assert len(ring) >= 4 and ring[0] == ring[-1]
    assert all(len(point) == 2 and 60 < point[0] < 70 for point in ring)  # (lat, lon)

    _, [alert], _ = inspect(capsys, str(CAP / "pelmorex-naads-circle-signed-x509.xml"))
    assert alert["areas"][0]["circles"] == [
        {"lat": 43.686188, "lon": -79.434665, "radius_km": 3.87}
    ]
    _, [alert], _ = inspect(capsys, str(CAP / "nws-blizzard-warning-cap11-empty-polygon.xml"))
    assert alert["areas"][0]["polygons"] == 0  # <polygon/> is empty: no ring


def test_every_kept_cap_document_gives_one_alert_line(capsys):
    for path in sorted(CAP.glob("*.xml")):
        status, lines, err = inspect(capsys, str(path))
        assert status == 0, err
        assert len(lines) == 1 and list(lines[0]) == list(ALERT_KEYS), path.name
        assert err.strip() == "1 alert, kind cap"


def test_meteoalarm_atom_index_entries_merged_per_alert_with_link(capsys):
    status, alerts, err = inspect(capsys, str(METEOALARM_FR))
    assert status == 0
    # 12 entries: one per département and alert; two alerts.
    assert [a["identifier"] for a in alerts] == [
        "2.49.0.0.250.0.FR.20221207160058.764028",
        "2.49.0.0.250.0.FR.20221207060126.964028",
    ]
    base = "https://feeds.meteoalarm.org/api/v1/warnings/feeds-france/"
    assert [a["link"] for a in alerts] == [
        base + "04d497d4-d114-4d6b-93ba-13fa7ed577fe",
        base + "2f32f9f9-06df-48aa-b0a0-10493ea07c51",
    ]
    for alert in alerts:
        assert list(alert) == list(ALERT_KEYS)
        assert alert["detail"] == "summary"
        assert alert["headline"] == "Yellow Avalanches Warning issued for France"
        assert (alert["severity"], alert["urgency"], alert["certainty"]) == (
            "Moderate",
            "Future",
            "Likely",
        )
        assert len(alert["areas"]) == 6
        assert {a["description"] for a in alert["areas"]} >= {"Haute Savoie", "Isere"}
    savoie = next(a for a in alerts[0]["areas"] if a["description"] == "Haute Savoie")
    assert savoie["geocodes"] == ["NUTS3=FR718", "EMMA_ID=FR035"]
    assert alerts[1]["msg_type"] == "Update"
    assert err.strip() == (
        "2 alerts, kind atom (summaries from the index; --follow reads the full documents)"
    )
    # --kind atom gives the same; --kind rss and --kind cap refuse the Atom root.
    assert inspect(capsys, str(METEOALARM_FR), "--kind", "atom")[1] == alerts
    for kind in ("rss", "cap"):
        status, lines, err = inspect(capsys, str(METEOALARM_FR), "--kind", kind)
        assert (status, lines) == (1, [])
        assert err == (
            f"kiosk inspect: {METEOALARM_FR}: root element <feed> is not {kind}; "
            "it looks like atom (try --kind auto)\n"
        )


def test_follow_fetches_linked_cap_documents_from_a_real_server(capsys, server):
    """The index's links point at the test server: one serves the real CAP document of
    that alert, the other answers 404 (a warning, and the summary stands in)."""
    full = "/api/v1/warnings/feeds-france/2f32f9f9-06df-48aa-b0a0-10493ea07c51"
    gone = "/api/v1/warnings/feeds-france/04d497d4-d114-4d6b-93ba-13fa7ed577fe"
    index = METEOALARM_FR.read_bytes().replace(
        b"https://feeds.meteoalarm.org/api/", server.url("/api/").encode()
    )
    server.serve("/feeds/france", index, content_type="application/atom+xml")
    server.serve(full, AVALANCHES_FR_EN.read_bytes(), content_type="application/cap+xml")

    status, alerts, err = inspect(capsys, server.url("/feeds/france"), "--follow")
    assert status == 0
    assert server.hits[full] == 1 and server.hits[gone] == 1
    summary, followed = alerts
    assert (summary["detail"], summary["link"]) == ("summary", server.url(gone))
    assert followed["detail"] == "full"
    assert followed["link"] == server.url(full)
    assert followed["headline"] == "Vigilance jaune avalanches"  # the full document, in French
    assert followed["sender"] == "vigilance@meteo.fr"
    assert followed["instruction"].startswith("Soyez attentifs")
    assert followed["references"] == [
        "vigilance@meteo.fr,2.49.0.0.250.0.FR.20221206160108.315028,2022-12-06T16:01:08+01:00"
    ]
    assert followed["languages"] == ["fr", "en"]
    warning, last = err.splitlines()
    assert warning == (
        f"kiosk inspect: {server.url(gone)}: HTTP 404: not on the server "
        "(showing the index summary for this entry)"
    )
    assert last == "2 alerts, kind atom (1 read from their linked CAP document)"

    # --lang applies to followed documents as well.
    _, alerts, _ = inspect(capsys, server.url("/feeds/france"), "--follow", "--lang", "en")
    assert alerts[1]["headline"] == "Moderate avalanches warning"


def test_follow_resolves_relative_links_of_a_local_index(capsys, tmp_path):
    (tmp_path / "cap").mkdir()
    (tmp_path / "cap" / "avalanches.xml").write_bytes(AVALANCHES_FR_EN.read_bytes())
    base = b"https://feeds.meteoalarm.org/api/v1/warnings/feeds-france/"
    index = (
        METEOALARM_FR.read_bytes()
        .replace(base + b"2f32f9f9-06df-48aa-b0a0-10493ea07c51", b"cap/avalanches.xml")
        .replace(base + b"04d497d4-d114-4d6b-93ba-13fa7ed577fe", b"cap/gone.xml")
    )
    (tmp_path / "index.xml").write_bytes(index)
    status, alerts, err = inspect(capsys, str(tmp_path / "index.xml"), "--follow")
    assert status == 0
    assert [(a["detail"], a["link"]) for a in alerts] == [
        ("summary", str(tmp_path / "cap" / "gone.xml")),
        ("full", str(tmp_path / "cap" / "avalanches.xml")),
    ]
    assert alerts[1]["headline"] == "Vigilance jaune avalanches"
    assert err.splitlines() == [
        f"kiosk inspect: {tmp_path / 'cap' / 'gone.xml'}: file not found "
        "(showing the index summary for this entry)",
        "2 alerts, kind atom (1 read from their linked CAP document)",
    ]


def test_follow_of_an_entry_that_only_links(capsys, server):
    cap_path = "/cap/avalanches.xml"
    server.serve(cap_path, AVALANCHES_FR_EN.read_bytes())
    index = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Préfecture</title>
  <entry><title>Avalanches</title><id>a</id><updated>2022-12-07T06:01:26+01:00</updated>
    <link rel="alternate" type="application/cap+xml" href="{server.url(cap_path)}"/></entry>
  <entry><title>Missing</title><id>b</id><updated>2022-12-07T06:01:26+01:00</updated>
    <link rel="alternate" type="application/cap+xml" href="{server.url("/cap/none.xml")}"/>
  </entry>
</feed>""".encode()
    server.serve("/index.atom", index)
    status, lines, err = inspect(capsys, server.url("/index.atom"))
    assert status == 0
    assert [(a["detail"], a["identifier"], a["link"]) for a in lines] == [
        ("link", None, server.url(cap_path)),
        ("link", None, server.url("/cap/none.xml")),
    ]
    assert all(list(a) == list(ALERT_KEYS) for a in lines)
    status, lines, err = inspect(capsys, server.url("/index.atom"), "--follow")
    assert status == 0
    assert [(a["detail"], a["headline"]) for a in lines] == [("full", "Vigilance jaune avalanches")]
    assert "/cap/none.xml: HTTP 404" in err and "(showing nothing for this entry)" in err


def test_rss_index_with_embedded_cap_alert(capsys, tmp_path):
    alert = AVALANCHES_FR_EN.read_text("utf-8").split("?>", 1)[1]
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Alertes</title>
<item><title>Avalanches</title><description>voir</description>{alert}</item>
</channel></rss>"""
    (tmp_path / "alerts.rss").write_text(rss, "utf-8")
    status, [line], err = inspect(capsys, str(tmp_path / "alerts.rss"))
    assert status == 0
    assert (line["detail"], line["headline"]) == ("full", "Vigilance jaune avalanches")
    assert err.strip() == "1 alert, kind rss"
    status, [line], _ = inspect(capsys, str(tmp_path / "alerts.rss"), "--kind", "rss")
    assert line["identifier"] == "2.49.0.0.250.0.FR.20221207060126.964028"


def test_quiet_meteoalarm_feed_is_an_empty_alert_index(capsys, tmp_path):
    """On a day without warnings MeteoAlarm's feed has no entry; it is still alerts."""
    text = METEOALARM_FR.read_text("utf-8")
    quiet = text[: text.index("<entry>")] + "</feed>\n"
    (tmp_path / "quiet.xml").write_text(quiet, "utf-8")
    status, lines, err = inspect(capsys, str(tmp_path / "quiet.xml"))
    assert (status, lines, err.strip()) == (0, [], "0 alerts, kind atom")


def test_town_json_alert_file(capsys, tmp_path):
    document = {
        "version": 1,
        "alerts": [
            {
                "id": "crue-ondine",
                "severity": "severe",
                "headline": {"fr": "Crue de l'Ondine", "en": "Ondine river flood"},
                "instruction": {"fr": "Évitez les quais.", "en": "Keep away from the quays."},
                "sender": "Mairie de Valmorin-sur-Ondine",
                "sent": "2026-11-24T06:30:00+01:00",
                "expires": "2026-11-25T18:00:00+01:00",
                "area": "Quartier des Prés",
            }
        ],
    }
    path = tmp_path / "alertes.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode())  # a BOM, as Notepad writes
    status, [fr], err = inspect(capsys, str(path))
    assert status == 0
    assert (fr["headline"], fr["instruction"], fr["severity"]) == (
        "Crue de l'Ondine",
        "Évitez les quais.",
        "Severe",
    )
    assert fr["expires"] == "2026-11-25T18:00:00+01:00"
    assert fr["areas"] == [
        {"description": "Quartier des Prés", "geocodes": [], "polygons": 0, "circles": []}
    ]
    assert err.strip() == "1 alert, kind json"
    _, [en], _ = inspect(capsys, str(path), "--lang", "en")
    assert en["headline"] == "Ondine river flood"


# -- news and agenda -----------------------------------------------------------------------


def test_rss_news_newest_first_plain_text(capsys):
    status, items, err = inspect(capsys, str(FIXTURES / "mairie-actualites.rss"))
    assert status == 0
    assert all(list(i) == NEWS_KEYS for i in items)
    assert items == [
        {
            "kind": "news",
            "title": "Travaux rue des Tanneurs",
            "summary": "Circulation alternée du 1er au 12 décembre.",
            "link": "https://www.valmorin-sur-ondine.fr/actualites/travaux-tanneurs",
            "published": "2025-11-24T13:00:00+00:00",
            "image": "https://www.valmorin-sur-ondine.fr/media/travaux.png",
        },
        {
            "kind": "news",
            "title": "Marché de Noël : 40 exposants place de l’Église",
            "summary": "Le marché de Noël revient du 5 au 7 décembre. Entrée libre & gratuite.",
            "link": "https://www.valmorin-sur-ondine.fr/actualites/marche-de-noel",
            "published": "2025-11-22T08:30:00+00:00",
            "image": "https://www.valmorin-sur-ondine.fr/media/noel.jpg",
        },
    ]
    assert err.strip() == (
        "2 news items, kind rss "
        "(1 entry without a title or an http(s) link left out, as the kiosk would)"
    )
    status, lines, err = inspect(capsys, str(FIXTURES / "mairie-actualites.rss"), "--kind", "atom")
    assert (status, lines) == (1, [])
    assert "root element <rss> is not atom" in err


def test_atom_news_is_news_not_alerts(capsys, tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Actualités</title><id>x</id>
<updated>2025-11-24T10:00:00Z</updated>
<entry><title type="html">Collecte des &lt;em&gt;sapins&lt;/em&gt;</title><id>1</id>
<link rel="alternate" type="text/html" href="https://www.example.fr/sapins"/>
<updated>2025-11-24T10:00:00Z</updated><summary>Le 10 janvier.</summary></entry>
</feed>"""
    (tmp_path / "news.atom").write_text(atom, "utf-8")
    status, [item], err = inspect(capsys, str(tmp_path / "news.atom"))
    assert status == 0
    assert item == {
        "kind": "news",
        "title": "Collecte des sapins",
        "summary": "Le 10 janvier.",
        "link": "https://www.example.fr/sapins",
        "published": "2025-11-24T10:00:00+00:00",
        "image": None,
    }
    assert err.strip() == "1 news item, kind atom"


def test_agenda_events_from_a_day_for_n_days(capsys):
    agenda = str(FIXTURES / "agenda.ics")
    status, events, err = inspect(capsys, agenda, "--from", "2025-12-01")
    assert status == 0
    assert all(list(e) == EVENT_KEYS for e in events)
    assert [(e["summary"], e["start"]) for e in events] == [
        ("Permanence des élus", "2025-12-03T10:00:00+01:00"),
        ("Marché de Noël", "2025-12-05T00:00:00+01:00"),
        ("Conseil municipal", "2025-12-05T18:30:00+01:00"),
        ("Permanence des élus", "2025-12-10T10:00:00+01:00"),
        ("Permanence des élus", "2025-12-17T10:00:00+01:00"),
        # 24 December is an EXDATE; 31 December is past the 30 days.
    ]
    market = events[1]
    assert market == {
        "kind": "event",
        "summary": "Marché de Noël",
        "start": "2025-12-05T00:00:00+01:00",
        "end": "2025-12-08T00:00:00+01:00",
        "all_day": True,
        "location": "Place de l’Église",
    }
    assert events[2]["location"] == "Salle du conseil, mairie"
    assert events[2]["all_day"] is False
    assert err.strip() == "5 events from 2025-12-01 for 30 days (Europe/Paris), kind ics"

    _, events, err = inspect(
        capsys, agenda, "--from", "2025-12-05", "--days", "1", "--zone", "America/Montreal"
    )
    assert [(e["summary"], e["start"]) for e in events] == [
        ("Marché de Noël", "2025-12-05T00:00:00-05:00"),  # all-day: its dates, in the zone
        ("Conseil municipal", "2025-12-05T12:30:00-05:00"),
    ]


def test_agenda_starts_today_by_default(capsys, tmp_path):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    days = [today + timedelta(days=n) for n in (-1, 0, 6, 7)]
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nDTSTAMP:20250101T000000Z\r\n"
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\nSUMMARY:Jour {n}\r\nEND:VEVENT\r\n"
        for n, day in enumerate(days)
    )
    ics = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\n{events}END:VCALENDAR\r\n"
    # No .ics suffix: recognised by its content.
    (tmp_path / "agenda").write_text(ics, "utf-8")
    status, lines, _ = inspect(capsys, str(tmp_path / "agenda"), "--days", "7")
    assert status == 0
    assert [e["summary"] for e in lines] == ["Jour 1", "Jour 2"]


# -- URLs ----------------------------------------------------------------------------------


def test_url_sources(capsys, server):
    server.serve("/cap.xml", AVALANCHES_FR_EN.read_bytes(), content_type="application/cap+xml")
    server.serve("/actualites/feed", (FIXTURES / "mairie-actualites.rss").read_bytes())
    server.serve("/agenda.ics", (FIXTURES / "agenda.ics").read_bytes())
    status, [alert], _ = inspect(capsys, server.url("/cap.xml"))
    assert status == 0 and alert["headline"] == "Vigilance jaune avalanches"
    status, items, _ = inspect(capsys, server.url("/actualites/feed"))
    assert status == 0 and len(items) == 2
    status, events, _ = inspect(capsys, server.url("/agenda.ics"), "--from", "2025-12-01")
    assert status == 0 and len(events) == 5
    assert server.requests[0].headers["user-agent"].startswith("municipal-kiosk/")


def test_file_and_webcal_addresses(capsys):
    status, [alert], _ = inspect(capsys, AVALANCHES_FR_EN.as_uri())
    assert status == 0 and alert["identifier"] == "2.49.0.0.250.0.FR.20221207060126.964028"
    # Calendar apps share agendas as webcal://: that is https.
    assert _location("webcal://www.example.fr/agenda.ics") == "https://www.example.fr/agenda.ics"
    assert _location("WEBCAL://x/a.ics") == "https://x/a.ics"
    assert _location("agenda.ics") == "agenda.ics"


def test_url_failures_exit_1_with_one_line(capsys, server):
    server.serve("/broken", b"oops", status=500)
    for path, reason in (("/missing.xml", "HTTP 404: not on the server"), ("/broken", "HTTP 500")):
        status, lines, err = inspect(capsys, server.url(path))
        assert (status, lines) == (1, [])
        assert err.startswith(f"kiosk inspect: {server.url(path)}: {reason}")
        assert err.count("\n") == 1


# -- refusals ------------------------------------------------------------------------------


def test_hostile_document_refused_names_the_file(capsys):
    hostile = DATA / "hostile" / "found-google-cap-library-xee.xml"
    started = time.monotonic()
    status, lines, err = inspect(capsys, str(hostile))
    assert time.monotonic() - started < 1
    assert (status, lines) == (1, [])
    assert err.startswith(f"kiosk inspect: {hostile}: refused XML feature (DTDForbidden")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        (  # entity expansion ("billion laughs")
            '<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
            "&d;",
        ),
        (  # external entity on a local file
            '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            "&x;",
        ),
        (  # external DTD and entity on a URL (the test server: it must see no request)
            '<!DOCTYPE alert SYSTEM "{url}/evil.dtd" [<!ENTITY x SYSTEM "{url}/x">]>',
            "&x;",
        ),
    ],
    ids=["entity-bomb", "xxe-file", "xxe-url"],
)
def test_hostile_variants_refused_without_reading_or_connecting(
    capsys, server, tmp_path, doctype, reference
):
    body = AVALANCHES_FR_EN.read_text("utf-8").split("?>", 1)[1]
    body = body.replace("<headline>Vigilance jaune avalanches", f"<headline>{reference}", 1)
    document = '<?xml version="1.0"?>\n' + doctype.format(url=server.url("")) + body
    path = tmp_path / "hostile.xml"
    path.write_text(document, "utf-8")
    server.serve("/hostile.xml", document.encode())
    for source in (str(path), server.url("/hostile.xml")):
        started = time.monotonic()
        status, lines, err = inspect(capsys, source)
        assert time.monotonic() - started < 1
        assert (status, lines) == (1, [])
        assert err.startswith(f"kiosk inspect: {source}: refused XML feature (")
        assert err.count("\n") == 1
        assert "root:" not in err  # nothing of /etc/passwd
    assert [r.path for r in server.requests] == ["/hostile.xml"]  # the document, nothing else


def test_xinclude_is_refused_and_never_processed(capsys, server, tmp_path):
    body = AVALANCHES_FR_EN.read_text("utf-8").split("?>", 1)[1]
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{server.url("/x")}"/>'
    body = body.replace("<scope>Public</scope>", "<scope>Public</scope>" + include, 1)
    (tmp_path / "xinclude.xml").write_text(body, "utf-8")
    status, lines, err = inspect(capsys, str(tmp_path / "xinclude.xml"))
    assert (status, lines) == (1, [])
    assert "XIncludeForbidden" in err
    assert server.requests == []


def test_unknown_or_unreadable_sources_exit_1(capsys, tmp_path):
    missing = tmp_path / "nope.xml"
    status, lines, err = inspect(capsys, str(missing))
    assert (status, lines, err) == (1, [], f"kiosk inspect: {missing}: file not found\n")

    status, lines, err = inspect(capsys, str(tmp_path))
    assert (status, lines) == (1, [])
    assert err == f"kiosk inspect: {tmp_path}: is a directory, expected a file\n"

    page = tmp_path / "page.html"
    page.write_text("<html><body>Mairie</body></html>", "utf-8")
    status, lines, err = inspect(capsys, str(page))
    assert (status, lines) == (1, [])
    assert err.startswith(f"kiosk inspect: {page}: root element <html>: expected a CAP alert")

    text = tmp_path / "notes.txt"
    text.write_text("réunion mardi", "utf-8")
    status, lines, err = inspect(capsys, str(text))
    assert (status, lines) == (1, [])
    assert err.startswith(f"kiosk inspect: {text}: not well-formed XML")

    status, lines, err = inspect(capsys, str(FIXTURES / "mairie-actualites.rss"), "--kind", "ics")
    assert (status, lines) == (1, [])
    assert "not an iCalendar file" in err

    status, lines, err = inspect(capsys, str(FIXTURES / "agenda.ics"), "--zone", "Mars/Olympus")
    assert (status, lines, err) == (
        1,
        [],
        "kiosk inspect: --zone 'Mars/Olympus': not a time zone (like Europe/Paris)\n",
    )
    status, _, err = inspect(capsys, str(FIXTURES / "agenda.ics"), "--from", "05/12/2025")
    assert status == 1 and "expected like 2026-12-05" in err


# -- as a process --------------------------------------------------------------------------


def test_process_writes_utf8_json_lines_whatever_the_locale():
    env = dict(os.environ, PYTHONIOENCODING="latin-1", LC_ALL="C")
    eccc = CAP / "eccc-snowfall-update-9-references-en-fr-double-signed.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "inspect", str(eccc)],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")  # not Latin-1, whatever the environment says
    [alert] = [json.loads(line) for line in text.splitlines()]
    assert "Île à la Crosse - Buffalo Narrows - Beauval" in [
        a["description"] for a in alert["areas"]
    ]
    assert "Île" in text  # written as is, not as \\u escapes
    assert proc.stderr.decode().strip() == "1 alert, kind cap"
