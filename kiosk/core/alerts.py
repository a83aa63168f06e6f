"""Alert rules: which messages are still in force, which concern this screen, how they show.

Pure functions of CAP messages (:mod:`kiosk.core.cap`), ``now`` and where the screen is:

* a source's current messages are replayed in the order they were sent: ``Update``
  replaces and ``Cancel`` withdraws the messages they reference; ``Ack`` and ``Error`` are
  not shown;
* only ``Actual`` public alerts show (``Test`` and ``Exercise`` too in test mode);
* an ``info`` shows between its ``effective`` time and its ``expires`` time;
* an area concerns the screen when one of its geocodes is the commune's or the
  département's, or its polygon or circle contains the screen's position; an alert with no
  area, or an area given only by its name, concerns every screen of the feed (a town's
  own message);
* the text is the ``info`` in the screen's language, else French, else the first;
* Extreme and Severe take the whole screen, Moderate, Minor and Unknown show as a banner.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.core.cap import Area, CapAlert, Info
from kiosk.core.feed import AlertArea

SEVERITY_RANK = {"Extreme": 4, "Severe": 3, "Moderate": 2, "Minor": 1, "Unknown": 0}
FULL_SCREEN = {"Extreme", "Severe"}
TEST_STATUSES = {"Test", "Exercise"}


@dataclass(frozen=True)
class Place:
    """Where a screen is, for the area filter. Empty: every alert of the sources shows."""

    geocodes: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # ("", v): any name
    position: tuple[float, float] | None = None

    @property
    def empty(self) -> bool:
        return not self.geocodes and self.position is None


@dataclass(frozen=True)
class Shown:
    """An alert as the screen shows it."""

    key: str
    level: str  # "full" or "banner"
    severity: str
    urgency: str
    certainty: str
    event: str
    headline: str
    description: str
    instruction: str
    sender: str
    sent: datetime
    expires: datetime | None
    language: str
    areas: str
    source: str
    test: bool = False


def in_force(messages: Iterable[CapAlert]) -> list[CapAlert]:
    """The messages still standing once updates and cancellations are applied."""
    standing: dict[tuple[str, str], CapAlert] = {}
    withdrawn: set[tuple[str, str]] = set()
    withdrawn_ids: set[str] = set()
    for message in sorted(messages, key=lambda m: m.sent):
        if message.msg_type in ("Ack", "Error") or _withdrawn(message, withdrawn, withdrawn_ids):
            continue
        for ref in message.references:
            withdrawn.add(ref.key)
            withdrawn_ids.add(ref.identifier)
            standing.pop(ref.key, None)
            for key, known in list(standing.items()):
                if known.version == "index" and known.identifier == ref.identifier:
                    del standing[key]
        if message.msg_type in ("Alert", "Update"):
            standing[message.key] = message
    return list(standing.values())


def _withdrawn(message: CapAlert, keys: set[tuple[str, str]], ids: set[str]) -> bool:
    """A summary read from an index names its publisher, not the alert's sender (MeteoAlarm
    says "meteoalarm.org" for Météo-France's alerts): it is matched by identifier only."""
    return message.key in keys or (message.version == "index" and message.identifier in ids)


def shown(
    messages: Iterable[CapAlert],
    now: datetime,
    language: str,
    place: Place,
    test_mode: bool = False,
) -> list[Shown]:
    """What the screen shows now, most severe first."""
    result = []
    for message in in_force(messages):
        if message.scope != "Public":
            continue
        test = message.status in TEST_STATUSES
        if message.status != "Actual" and not (test and test_mode):
            continue
        live = [i for i in message.infos if _live(i, now) and _concerns(i, place)]
        if not live:
            continue
        info = _pick_language(live, language)
        result.append(_shown(message, info, test))
    result.sort(key=lambda s: (-SEVERITY_RANK.get(s.severity, 0), -s.sent.timestamp()))
    return result


def next_change(messages: Iterable[CapAlert], now: datetime) -> datetime | None:
    """The next instant an info becomes effective or expires (for a timer, not a poll)."""
    moments = []
    for message in in_force(messages):
        for info in message.infos:
            moments += [m for m in (info.effective, info.expires) if m is not None and m > now]
    return min(moments, default=None)


def _live(info: Info, now: datetime) -> bool:
    if info.expires is not None and info.expires <= now:
        return False
    return info.effective is None or info.effective <= now


def _pick_language(infos: list[Info], language: str) -> Info:
    for wanted in (language, "fr"):
        for info in infos:
            if info.language == wanted:
                return info
    return infos[0]


def _concerns(info: Info, place: Place) -> bool:
    if not info.areas or place.empty:
        return True
    return any(area_contains(area, place) for area in info.areas)


def area_contains(area: Area, place: Place) -> bool:
    """Whether ``area`` covers ``place``; an area given only by its name cannot be tested
    and covers every screen."""
    if not (area.geocodes or area.polygons or area.circles):
        return True
    for name, value in area.geocodes:
        if (name, value) in place.geocodes or ("", value) in place.geocodes:
            return True
    if place.position is None:
        return False
    lat, lon = place.position
    if any(point_in_polygon(lat, lon, ring) for ring in area.polygons):
        return True
    return any(distance_km(lat, lon, c[0], c[1]) <= c[2] for c in area.circles)


def point_in_polygon(lat: float, lon: float, ring: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting on (lat, lon) as a plane: exact enough at a commune's scale."""
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (lon1 > lon) != (lon2 > lon):
            crossing = lat1 + (lon - lon1) * (lat2 - lat1) / (lon2 - lon1)
            if lat < crossing:
                inside = not inside
    return inside


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), Earth radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _shown(message: CapAlert, info: Info, test: bool) -> Shown:
    return Shown(
        key=f"{message.sender},{message.identifier}",
        level="full" if info.severity in FULL_SCREEN else "banner",
        severity=info.severity,
        urgency=info.urgency,
        certainty=info.certainty,
        event=info.event,
        headline=info.headline or info.event,
        description=info.description,
        instruction=info.instruction,
        sender=info.sender_name or message.sender,
        sent=message.sent,
        expires=info.expires,
        language=info.language,
        areas=", ".join(a.description for a in info.areas if a.description),
        source=message.source,
        test=test,
    )


def place_for(area: AlertArea | None, position: tuple[float, float] | None = None) -> Place:
    """The screen's :class:`Place` from the feed's ``alerts.area`` and kiosk.toml's
    ``position``. The INSEE code and the département match a geocode of any name with that
    value (``INSEE=74010``, ``departement=74``); ``geocodes`` entries are
    ``valueName=value`` (``NUTS3=FR718``, ``EMMA_ID=FR035`` for MeteoAlarm) or a bare value."""
    codes: set[tuple[str, str]] = set()
    if area is not None:
        for value in (area.insee, area.departement):
            if value:
                codes.add(("", value))
        if area.departement:
            codes.add(("", f"FR-{area.departement}"))  # ISO 3166-2
        for code in area.geocodes:
            name, sep, value = code.partition("=")
            codes.add((name.strip(), value.strip()) if sep else ("", name.strip()))
    return Place(frozenset(codes), position)
