"""CAP (Common Alerting Protocol) 1.0, 1.1 and 1.2 documents -> plain values.

Only what the kiosk shows or decides on is kept; unknown elements (a signature, parameters,
resources) are ignored, namespace prefixes do not matter. Parsing goes through
:func:`kiosk.core.xmlsafe.parse_xml`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.core.xmlsafe import XmlRefused, children, local, namespace, parse_xml, text

CAP_NAMESPACES = {
    "urn:oasis:names:tc:emergency:cap:1.2": "1.2",
    "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
    "http://www.incident.com/cap/1.0": "1.0",
}


@dataclass(frozen=True)
class Area:
    description: str
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # rings of (lat, lon)
    circles: tuple[tuple[float, float, float], ...] = ()  # (lat, lon, radius km)
    geocodes: tuple[tuple[str, str], ...] = ()  # (valueName, value)


@dataclass(frozen=True)
class Info:
    language: str  # primary subtag, lowercase: "fr", "en"
    event: str
    urgency: str
    severity: str
    certainty: str
    headline: str = ""
    description: str = ""
    instruction: str = ""
    sender_name: str = ""
    web: str = ""
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    categories: tuple[str, ...] = ()
    areas: tuple[Area, ...] = ()


@dataclass(frozen=True)
class Reference:
    sender: str
    identifier: str
    sent: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.sender, self.identifier)


@dataclass(frozen=True)
class CapAlert:
    identifier: str
    sender: str
    sent: datetime
    status: str  # Actual, Exercise, System, Test, Draft
    msg_type: str  # Alert, Update, Cancel, Ack, Error
    scope: str
    references: tuple[Reference, ...] = ()
    infos: tuple[Info, ...] = ()
    source: str = ""  # where it was read from (URL or path)
    version: str = "1.2"
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What `references` of a later message point at."""
        return (self.sender, self.identifier)


def parse_cap(data: bytes, source: str) -> CapAlert:
    """One CAP ``<alert>`` document; :class:`XmlRefused` if it is not one."""
    root = parse_xml(data, source)
    return alert_from_element(root, source)


def alert_from_element(root: ET.Element, source: str) -> CapAlert:
    version = CAP_NAMESPACES.get(namespace(root.tag))
    if local(root.tag) != "alert" or version is None:
        raise XmlRefused(source, f"not a CAP alert (root element {root.tag!r})")
    identifier, sender, sent = text(root, "identifier"), text(root, "sender"), text(root, "sent")
    if not identifier or not sender or not sent:
        raise XmlRefused(source, "CAP alert without identifier, sender or sent")
    return CapAlert(
        identifier=identifier,
        sender=sender,
        sent=parse_time(sent, source, "sent"),
        status=text(root, "status") or "Actual",
        msg_type=text(root, "msgType") or "Alert",
        scope=text(root, "scope") or "Public",
        references=_references(text(root, "references")),
        infos=tuple(_info(i, source) for i in children(root, "info")),
        source=source,
        version=version,
        note=text(root, "note"),
    )


def parse_time(value: str, source: str, name: str) -> datetime:
    """A CAP date-time (always with an offset); naive values are taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise XmlRefused(source, f"{name}: {value!r} is not a date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _optional_time(element: ET.Element, name: str, source: str) -> datetime | None:
    value = text(element, name)
    return parse_time(value, source, name) if value else None


def _references(value: str) -> tuple[Reference, ...]:
    refs = []
    for triple in value.split():
        parts = triple.split(",")
        if len(parts) >= 3:
            # sent may itself contain no comma; sender/identifier never contain spaces
            refs.append(Reference(parts[0], parts[1], ",".join(parts[2:])))
        elif len(parts) == 2:
            refs.append(Reference(parts[0], parts[1], ""))
    return tuple(refs)


def language_code(value: str) -> str:
    """'fr-FR' -> 'fr'; CAP's default is en-US."""
    return (value.strip() or "en-US").split("-")[0].split("_")[0].lower()


def _info(element: ET.Element, source: str) -> Info:
    return Info(
        language=language_code(text(element, "language")),
        event=text(element, "event"),
        urgency=text(element, "urgency") or "Unknown",
        severity=text(element, "severity") or "Unknown",
        certainty=text(element, "certainty") or "Unknown",
        headline=text(element, "headline"),
        description=text(element, "description"),
        instruction=text(element, "instruction"),
        sender_name=text(element, "senderName"),
        web=text(element, "web"),
        effective=_optional_time(element, "effective", source),
        onset=_optional_time(element, "onset", source),
        expires=_optional_time(element, "expires", source),
        categories=tuple((c.text or "").strip() for c in children(element, "category")),
        areas=tuple(_area(a) for a in children(element, "area")),
    )


def _area(element: ET.Element) -> Area:
    polygons = tuple(p for p in (_polygon(e.text or "") for e in children(element, "polygon")) if p)
    circles = tuple(c for c in (_circle(e.text or "") for e in children(element, "circle")) if c)
    geocodes = tuple((text(g, "valueName"), text(g, "value")) for g in children(element, "geocode"))
    return Area(text(element, "areaDesc"), polygons, circles, geocodes)


def _point(pair: str) -> tuple[float, float] | None:
    try:
        lat, lon = (float(v) for v in pair.split(","))
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _polygon(value: str) -> tuple[tuple[float, float], ...]:
    """A ring of at least four points (CAP: first = last); anything else is ignored."""
    points = [_point(p) for p in value.split()]
    if len(points) < 4 or any(p is None for p in points):
        return ()
    return tuple(p for p in points if p is not None)


def _circle(value: str) -> tuple[float, float, float] | None:
    parts = value.split()
    if len(parts) != 2:
        return None
    centre = _point(parts[0])
    try:
        radius = float(parts[1])
    except ValueError:
        return None
    return (centre[0], centre[1], radius) if centre and radius >= 0 else None
