"""Alert rules without XML: updates and cancels, status, expiry, language, area, level."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.alerts import Place, distance_km, in_force, next_change, point_in_polygon, shown
from kiosk.core.cap import Area, CapAlert, Info, Reference
from kiosk.core.manual_alerts import parse_manual
from kiosk.core.xmlsafe import XmlRefused

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
ANGERS = (47.4784, -0.5632)


def info(
    lang="fr",
    severity="Severe",
    expires=NOW + timedelta(hours=6),
    effective=None,
    areas=(),
    headline=None,
) -> Info:
    return Info(
        language=lang,
        event="Crue",
        urgency="Immediate",
        severity=severity,
        certainty="Observed",
        headline=headline or f"Crue ({lang})",
        expires=expires,
        effective=effective,
        areas=areas,
    )


def message(
    ident,
    minutes=0,
    msg_type="Alert",
    refs=(),
    infos=None,
    status="Actual",
    scope="Public",
    sender="prefecture@example.fr",
) -> CapAlert:
    return CapAlert(
        identifier=ident,
        sender=sender,
        sent=NOW + timedelta(minutes=minutes),
        status=status,
        msg_type=msg_type,
        scope=scope,
        references=tuple(Reference(sender, r, "") for r in refs),
        infos=tuple(infos if infos is not None else [info()]),
    )


def keys(messages):
    return sorted(m.identifier for m in messages)


def test_updates_replace_and_cancels_withdraw():
    a = message("a")
    a2 = message("a2", 10, "Update", ["a"])
    b = message("b", 5)
    cancel_b = message("cancel-b", 20, "Cancel", ["b"])
    assert keys(in_force([a, b])) == ["a", "b"]
    assert keys(in_force([cancel_b, a2, b, a])) == ["a2"]  # order received does not matter
    assert keys(in_force([a, a2, message("ack", 30, "Ack", ["a2"])])) == ["a2"]


def test_a_superseded_message_seen_again_stays_superseded():
    a = message("a")
    a2 = message("a2", 10, "Update", ["a"])
    a3 = message("a3", 20, "Update", ["a", "a2"])  # CAP: an update lists all it replaces
    assert keys(in_force([a, a2, a3])) == ["a3"]
    assert keys(in_force([a3, a])) == ["a3"]


@pytest.mark.parametrize(
    ("status", "test_mode", "visible"),
    [
        ("Actual", False, True),
        ("Test", False, False),
        ("Exercise", False, False),
        ("Test", True, True),
        ("Draft", True, False),
        ("System", True, False),
    ],
)
def test_only_actual_alerts_show_unless_in_test_mode(status, test_mode, visible):
    result = shown([message("a", status=status)], NOW, "fr", Place(), test_mode)
    assert bool(result) == visible
    if result:
        assert result[0].test == (status != "Actual")


def test_restricted_and_private_alerts_never_show():
    assert shown([message("a", scope="Restricted")], NOW, "fr", Place()) == []


def test_expired_and_not_yet_effective_infos_do_not_show():
    expired = message("old", infos=[info(expires=NOW - timedelta(minutes=1))])
    upcoming = message("later", infos=[info(effective=NOW + timedelta(hours=1))])
    assert shown([expired, upcoming], NOW, "fr", Place()) == []
    assert [s.key for s in shown([upcoming], NOW + timedelta(hours=2), "fr", Place())]
    assert next_change([expired, upcoming], NOW) == NOW + timedelta(hours=1)


@pytest.mark.parametrize(("wanted", "got"), [("en", "en"), ("de", "fr"), ("fr", "fr")])
def test_language_of_the_screen_else_french_else_the_first(wanted, got):
    alert = message("a", infos=[info("en"), info("fr"), info("es")])
    assert shown([alert], NOW, wanted, Place())[0].language == got
    assert (
        shown([message("b", infos=[info("es"), info("it")])], NOW, "de", Place())[0].language
        == "es"
    )


def square(lat, lon, half=0.05):
    return (
        (lat - half, lon - half),
        (lat - half, lon + half),
        (lat + half, lon + half),
        (lat + half, lon - half),
        (lat - half, lon - half),
    )


@pytest.mark.parametrize(
    ("area", "place", "visible"),
    [
        (
            Area("Maine-et-Loire", geocodes=(("EMMA_ID", "FR049"),)),
            Place(frozenset({("EMMA_ID", "FR049")})),
            True,
        ),
        (
            Area("Maine-et-Loire", geocodes=(("EMMA_ID", "FR049"),)),
            Place(frozenset({("EMMA_ID", "FR044")})),
            False,
        ),
        (Area("Commune", geocodes=(("INSEE", "49007"),)), Place(frozenset({("", "49007")})), True),
        (Area("Around Angers", polygons=(square(*ANGERS),)), Place(position=ANGERS), True),
        (
            Area("Around Nantes", polygons=(square(47.2184, -1.5536),)),
            Place(position=ANGERS),
            False,
        ),
        (Area("10 km", circles=((47.50, -0.55, 10.0),)), Place(position=ANGERS), True),
        (Area("1 km", circles=((47.50, -0.55, 1.0),)), Place(position=ANGERS), False),
        (Area("Named only"), Place(frozenset({("", "49007")}), ANGERS), True),
        (Area("Anywhere", geocodes=(("EMMA_ID", "FR044"),)), Place(), True),  # no filter set
    ],
)
def test_area_filter(area, place, visible):
    alert = message("a", infos=[info(areas=(area,))])
    assert bool(shown([alert], NOW, "fr", place)) == visible


def test_full_screen_for_extreme_and_severe_banner_otherwise_most_severe_first():
    alerts = [
        message(s.lower(), i, infos=[info(severity=s)])
        for i, s in enumerate(["Minor", "Extreme", "Moderate", "Severe", "Unknown"])
    ]
    result = shown(alerts, NOW, "fr", Place())
    assert [(s.severity, s.level) for s in result] == [
        ("Extreme", "full"),
        ("Severe", "full"),
        ("Moderate", "banner"),
        ("Minor", "banner"),
        ("Unknown", "banner"),
    ]


def test_geometry_helpers():
    assert 380 < distance_km(48.8566, 2.3522, 45.7640, 4.8357) < 400  # Paris-Lyon
    ring = square(0, 0, 1)
    assert point_in_polygon(0.5, 0.5, ring) and not point_in_polygon(2, 0, ring)


MANUAL = b"""{"version": 1, "alerts": [{"id": "crue", "severity": "severe",
  "headline": {"fr": "Crue de l'Ondine", "en": "Ondine river flood"},
  "instruction": {"fr": "\\u00c9vitez les quais."},
  "sender": "Mairie de Valmorin", "sent": "2026-11-24T06:30:00+01:00",
  "expires": "2026-11-25T18:00:00+01:00", "area": "Quartier des Pr\\u00e9s"}]}"""


def test_the_towns_own_alert_file():
    [alert] = parse_manual(MANUAL, "alerts.json")
    result = shown([alert], NOW, "en", Place(frozenset({("", "49007")}), ANGERS))
    [s] = result
    assert (s.headline, s.level, s.sender, s.areas) == (
        "Ondine river flood",
        "full",
        "Mairie de Valmorin",
        "Quartier des Prés",
    )
    assert s.instruction == ""  # no English instruction: the info is per language
    assert shown([alert], NOW, "fr", Place())[0].instruction == "Évitez les quais."


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b'{"version": 2, "alerts": []}', "version 2"),
        (b'{"version": 1, "alerts": [{"id": "x"}]}', "not a valid alert file"),
        (b'{"version": 1, "alerts": [], "extra": 1}', "not a valid alert file"),
        (MANUAL.replace(b"+01:00", b""), "need a UTC offset"),
        (b"<alert/>", "not JSON"),
    ],
)
def test_a_bad_alert_file_is_refused(data, phrase):
    with pytest.raises(XmlRefused, match=phrase):
        parse_manual(data, "alerts.json")
