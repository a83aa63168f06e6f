"""The parsers on real documents kept in tests/data (origins in tests/data/README.md): CAP
alerts from several services and spec examples, MeteoAlarm indexes, French news feeds,
agendas; and hostile documents, each refused within a second with nothing read and no
connection made."""

from __future__ import annotations

import itertools
import socket
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.agenda import MAX_OCCURRENCES, parse_agenda
from kiosk.core.alerts import Place, in_force, place_for, shown
from kiosk.core.cap import parse_cap
from kiosk.core.capindex import read_alert_document
from kiosk.core.feed import AlertArea
from kiosk.core.news import parse_news
from kiosk.core.xmlsafe import XmlRefused

DATA = Path(__file__).parent / "data"
PARIS = ZoneInfo("Europe/Paris")
EVERYWHERE = Place()


def cap_file(name: str):
    return parse_cap((DATA / "cap" / name).read_bytes(), name)


def during(alert) -> datetime:
    """A moment when ``alert`` is in force (its sent time, a minute later)."""
    return alert.sent + timedelta(minutes=1)


# -- CAP -----------------------------------------------------------------------------------


def test_every_kept_cap_document_parses():
    names = sorted(p.name for p in (DATA / "cap").glob("*.xml"))
    assert len(names) >= 18
    for name in names:
        alert = cap_file(name)
        assert alert.identifier and alert.sender, name


def test_several_languages_in_one_alert_the_screen_language_else_french_else_first():
    snow = cap_file("eccc-snowfall-update-9-references-en-fr-double-signed.xml")
    moment = during(snow)
    assert shown([snow], moment, "fr", EVERYWHERE)[0].headline == "avertissement de neige"
    assert shown([snow], moment, "en", EVERYWHERE)[0].headline == "snowfall warning"
    assert shown([snow], moment, "de", EVERYWHERE)[0].language == "fr"  # French before first
    iceland = cap_file("imo-iceland-wind-is-en-polygon-geocode.xml")
    assert shown([iceland], during(iceland), "de", EVERYWHERE)[0].language == "is"  # first


def test_an_update_replaces_the_alert_it_references():
    first = cap_file("nws-tornado-warning-1-alert.xml")
    update = cap_file("nws-tornado-warning-2-update.xml")
    assert update.references[0].key == first.key
    assert in_force([update, first]) == [update]  # in any order
    assert [
        s.key.split(",")[1] for s in shown([first, update], during(update), "en", EVERYWHERE)
    ] == [update.identifier]


def test_a_cancel_withdraws_and_nine_references_are_all_applied():
    snow = cap_file("eccc-snowfall-update-9-references-en-fr-double-signed.xml")
    assert len(snow.references) == 9
    assert len({r.identifier for r in snow.references}) == 9
    nevada = cap_file("ipaws-nevada-cancel-references-ds-prefixed-signature.xml")
    assert nevada.msg_type == "Cancel" and in_force([nevada]) == []


def test_an_all_clear_update_from_meteo_france_has_expired_at_once():
    allclear = cap_file("meteoalarm-france-avalanches-update-allclear-fr-en-nuts3.xml")
    assert allclear.infos[0].headline == "Vigilance jaune avalanches"
    assert allclear.infos[0].expires == allclear.infos[0].effective
    assert shown([allclear], during(allclear), "fr", EVERYWHERE) == []


def test_expired_alerts_are_dropped():
    for name in (
        "oasis-spec-a2-thunderstorm-KSTO1055887203.xml",
        "nws-flash-flood-watch-cap11-single-quoted-ns.xml",
    ):
        alert = cap_file(name)
        assert shown([alert], during(alert), "en", EVERYWHERE), name
        assert shown([alert], datetime(2026, 11, 23, tzinfo=UTC), "en", EVERYWHERE) == [], name


def test_namespace_prefixes_and_quoting_do_not_matter():
    flood = cap_file("nws-flash-flood-watch-cap11-single-quoted-ns.xml")  # xmlns = '...1.1'
    assert flood.version == "1.1" and flood.infos[0].severity == "Severe"
    nevada = cap_file("ipaws-nevada-cancel-references-ds-prefixed-signature.xml")  # ds: prefix
    assert nevada.references[0].identifier.startswith("AS-NV-")
    france = read_alert_document(
        (DATA / "atom" / "meteoalarm-legacy-atom-france-2022-12-08.xml").read_bytes(), "mf"
    )  # cap: prefixed elements inside Atom entries
    assert {a.msg_type for a in france.alerts} == {"Alert", "Update"}


def test_signed_documents_are_read_and_their_signature_ignored():
    for name in (
        "pelmorex-naads-circle-signed-x509.xml",
        "usgs-earthquake-el-salvador-signed-iso-8859-1.xml",
        "ntwc-tsunami-cancellation-update-3-references-stub-signature.xml",
    ):
        alert = cap_file(name)
        assert alert.infos and alert.infos[0].event, name
    naads = cap_file("pelmorex-naads-circle-signed-x509.xml")
    lat, lon, _radius = naads.infos[0].areas[0].circles[0]
    inside = Place(position=(lat, lon))
    far = Place(position=(lat + 5, lon))
    assert shown([naads], during(naads), "en", inside)
    assert shown([naads], during(naads), "en", far) == []


def test_an_empty_polygon_is_ignored_and_the_geocodes_still_decide():
    blizzard = cap_file("nws-blizzard-warning-cap11-empty-polygon.xml")
    area = blizzard.infos[0].areas[0]
    assert area.polygons == () and ("UGC", "MNZ020") in area.geocodes
    moment = during(blizzard)
    assert shown([blizzard], moment, "en", place_for(AlertArea(geocodes=["UGC=MNZ020"])))
    assert shown([blizzard], moment, "en", place_for(AlertArea(geocodes=["UGC=MNZ999"]))) == []


def test_a_test_status_alert_shows_only_in_test_mode():
    typhoon = cap_file("pagasa-typhoon-status-test-signed.xml")
    assert shown([typhoon], during(typhoon), "en", EVERYWHERE) == []
    [test] = shown([typhoon], during(typhoon), "en", EVERYWHERE, test_mode=True)
    assert test.test


def test_a_latin_1_cap_document_keeps_its_accents():
    quake = cap_file("usgs-earthquake-el-salvador-signed-iso-8859-1.xml")
    assert quake.infos[0].headline


def test_meteoalarm_indexes_merge_entries_per_alert_with_their_codes():
    poland = read_alert_document(
        (DATA / "atom" / "meteoalarm-legacy-atom-poland-2023-04-28.xml").read_bytes(), "pl"
    )
    assert len(poland.entries) == 2
    assert all(e.link.startswith("https://feeds.meteoalarm.org/api/") for e in poland.entries)
    france = read_alert_document(
        (DATA / "atom" / "meteoalarm-legacy-atom-france-2022-12-08.xml").read_bytes(), "fr"
    )
    [alert, _update] = france.alerts
    areas = alert.infos[0].areas
    assert [a.description for a in areas][:2] == ["Haute Savoie", "Savoie"]
    assert ("NUTS3", "FR718") in areas[0].geocodes and ("EMMA_ID", "FR035") in areas[0].geocodes


def test_one_unreadable_index_entry_is_left_out_and_the_others_stand():
    body = (DATA / "atom" / "meteoalarm-legacy-atom-poland-2023-04-28.xml").read_bytes()
    broken = body.replace(
        b"<cap:expires>2023-04-27T20:00:00+00:00</cap:expires>",
        b"<cap:expires>demain</cap:expires>",
        1,
    )
    assert broken != body
    document = read_alert_document(broken, "pl")
    assert len(document.entries) == 1
    assert document.skipped and "demain" in document.skipped[0]


def test_a_cancel_from_the_real_sender_withdraws_an_index_summary():
    france = read_alert_document(
        (DATA / "atom" / "meteoalarm-legacy-atom-france-2022-12-08.xml").read_bytes(), "fr"
    )
    summary = france.alerts[0]
    assert summary.sender == "meteoalarm.org"  # the index's publisher, not Météo-France
    cancel = parse_cap(
        f"""<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>X</identifier><sender>vigilance@meteo.fr</sender>
  <sent>2022-12-07T18:00:00+01:00</sent><status>Actual</status><msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>vigilance@meteo.fr,{summary.identifier},{summary.sent.isoformat()}</references>
</alert>""".encode(),
        "cancel",
    )
    assert in_force([summary, cancel]) == []


# -- news ----------------------------------------------------------------------------------


def news(folder: str, name: str, **options):
    now = options.pop("now", datetime(2030, 1, 1, tzinfo=UTC))
    return parse_news((DATA / folder / name).read_bytes(), name, now, **options)


def test_le_monde_items_newest_first_with_their_enclosure_pictures():
    items = news("rss", "lemonde-une-2018-02-11-enclosure-images.xml", max_items=20)
    assert len(items) == 20
    dates = [i.published for i in items]
    assert dates == sorted(dates, reverse=True)
    pictures = [i.image for i in items if i.image]
    assert len(pictures) == 19  # one item (a live video) has no enclosure
    assert all(p.startswith("http://s") and p.endswith(".jpg") for p in pictures)
    assert all(i.title and i.link.startswith("http://") for i in items)


def test_escaped_html_becomes_plain_text():
    items = news("rss", "journal-du-hacker-2020-11-30-escaped-html-description.xml", max_items=25)
    assert items
    for item in items:
        assert "<" not in item.summary and "&lt;" not in item.summary and "&#" not in item.summary
    dotclear = news("atom", "postgresqlfr-dotclear-vie-du-site-fr-escaped-html.xml", max_items=20)
    assert dotclear and all("<" not in i.summary and "&amp;" not in i.summary for i in dotclear)


def test_a_wrong_declared_encoding_still_gives_the_right_characters():
    rss = parse_news(
        (DATA / "rss" / "miniflux-declared-windows-1252-bytes-utf-8.xml").read_bytes(),
        "w",
        datetime(2030, 1, 1, tzinfo=UTC),
    )
    atom = read_title(DATA / "atom" / "miniflux-declared-iso-8859-1-bytes-utf-8.xml")
    assert atom == "테스트 피드"
    assert rss == [] or all("Ã" not in i.title for i in rss)


def read_title(path: Path) -> str:
    from kiosk.core.xmlsafe import parse_xml, text

    return text(parse_xml(path.read_bytes(), path.name), "title")


def test_maximum_age_drops_old_items():
    items = news(
        "rss",
        "lemonde-une-2018-02-11-enclosure-images.xml",
        max_items=20,
        now=datetime(2018, 2, 11, 12, tzinfo=UTC),
        max_age=timedelta(hours=6),
    )
    assert items and len(items) < 20
    assert all(
        datetime(2018, 2, 11, 12, tzinfo=UTC) - i.published <= timedelta(hours=6)
        for i in items
        if i.published
    )


# -- agenda --------------------------------------------------------------------------------


def agenda(name: str, start: datetime, days: int):
    return parse_agenda(
        (DATA / "ics" / name).read_bytes(), name, start, start + timedelta(days=days), PARIS
    )


def test_school_holidays_are_all_day_events():
    events = agenda(
        "education-gouv-calendrier-scolaire-zone-b-2015-2018.ics",
        datetime(2016, 9, 1, tzinfo=PARIS),
        365,
    )
    assert events and all(e.all_day for e in events)
    assert any("Vacances" in e.summary for e in events)


def test_recurrence_with_exceptions_and_moved_occurrences():
    start = datetime(2000, 1, 1, tzinfo=PARIS)
    for name in (
        "icaljs-zimbra-rrule-rdate-exdate-recurrence-id.ics",
        "google-calendar-monthly-rrule-moved-recurrence-id.ics",
        "sabredav-weekly-rrule-two-utc-exdates-crlf.ics",
    ):
        events = agenda(name, start, 365 * 30)
        assert len(events) > 1, name
        assert [e.start for e in events] == sorted(e.start for e in events)
        assert all(e.start.tzinfo is not None for e in events)


def test_a_weekly_event_skips_its_excluded_dates():
    events = agenda(
        "sabredav-weekly-rrule-two-utc-exdates-crlf.ics",
        datetime(2000, 1, 1, tzinfo=PARIS),
        365 * 30,
    )
    gaps = [b.start - a.start for a, b in itertools.pairwise(events)]
    assert timedelta(weeks=1) in gaps and any(g >= timedelta(weeks=2) for g in gaps)


def test_a_repetition_bomb_is_bounded():
    bomb = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20251205T100000Z\r\nRRULE:FREQ=SECONDLY\r\n"
        b"SUMMARY:every second\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20251205T100000Z\r\nRRULE:FREQ=HOURLY\r\n"
        b"SUMMARY:every hour\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    started = time.perf_counter()
    events = parse_agenda(
        b"\xef\xbb\xbf" + bomb,
        "bomb",
        datetime(2025, 12, 5, tzinfo=PARIS),
        datetime(2026, 3, 5, tzinfo=PARIS),
        PARIS,
    )
    assert time.perf_counter() - started < 5
    assert {e.summary for e in events} == {"every hour"}
    assert len(events) == MAX_OCCURRENCES


# -- hostile documents ---------------------------------------------------------------------


class Listener:
    """A TCP socket on 127.0.0.1 that counts connections (none may come)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


OPENED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and OPENED is not None and isinstance(args[0], str):
        OPENED.append(args[0])


sys.addaudithook(_audit)

HOSTILE = sorted((DATA / "hostile").glob("*.xml"))


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_documents_are_refused_fast_with_nothing_read_and_no_connection(path):
    listener = Listener()
    try:
        body = path.read_bytes()
        for host in (b"127.0.0.1:9/", b"localhost:8080/"):
            body = body.replace(b"http://" + host, f"http://127.0.0.1:{listener.port}/".encode())
        OPENED.clear()
        started = time.perf_counter()
        for read in (
            lambda b: read_alert_document(b, path.name),
            lambda b: parse_news(b, path.name, datetime.now(UTC)),
        ):
            with pytest.raises(XmlRefused) as refused:
                read(body)
            assert "refused XML feature" in str(refused.value)
        elapsed = time.perf_counter() - started
        time.sleep(0.15)  # a connection attempt would have been accepted by now
    finally:
        listener.close()
    assert elapsed < 1.0
    assert listener.connections == 0
    assert not [f for f in OPENED if "passwd" in f or f.endswith(".dtd")]
