"""Alert documents of every kind a source may serve, read into one shape.

An alert source's URL may give:

* a CAP ``<alert>`` document (1.0, 1.1, 1.2);
* an Atom or RSS *index* of alerts, as MeteoAlarm publishes for each country: each entry
  carries a summary in ``cap:`` elements (identifier, event, severity, times, area and its
  geocode) and a link to the full CAP document (``type="application/cap+xml"``). Some
  indexes embed the whole ``<alert>`` in the entry instead;
* the town's own alert file (JSON, :mod:`kiosk.core.manual_alerts`).

:func:`read_alert_document` says which, and returns the alerts it can already build (full
ones when embedded, summaries otherwise) with the links to the full documents. Fetching
those links is the caller's business (:mod:`kiosk.io.alerts`); a summary stands in for an
alert whose document cannot be fetched. Entries of one index that describe the same alert
(MeteoAlarm writes one entry per area) are merged into one alert with all their areas.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from kiosk.core.cap import CAP_NAMESPACES, Area, CapAlert, Info, alert_from_element, parse_time
from kiosk.core.manual_alerts import parse_manual
from kiosk.core.xmlsafe import XmlRefused, child, children, local, namespace, parse_xml, text

Kind = Literal["auto", "cap", "atom", "rss", "json"]
CAP_TYPES = ("application/cap+xml", "application/common-alerting-protocol+xml")
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class IndexEntry:
    """One alert listed by an index: what the entry says, and where the full one is."""

    summary: CapAlert | None  # the full alert when embedded, else built from cap: fields
    link: str  # the full CAP document ("" if none)
    embedded: bool = False


@dataclass(frozen=True)
class AlertDocument:
    kind: Literal["cap", "atom", "rss", "json"]
    entries: list[IndexEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why entries were left out

    @property
    def alerts(self) -> list[CapAlert]:
        """The alerts known from this document alone (summaries for linked ones)."""
        return [e.summary for e in self.entries if e.summary is not None]


def read_alert_document(data: bytes, source: str, kind: Kind = "auto") -> AlertDocument:
    """Any alert document; :class:`XmlRefused` with the reason when it is not one. An index
    entry that cannot be read is left out (and said in ``skipped``): the others stand."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
    if kind == "json" or (kind == "auto" and data.lstrip()[:1] in (b"{", b"[")):
        return AlertDocument("json", [IndexEntry(a, "", True) for a in parse_manual(data, source)])
    root = parse_xml(data, source)
    name = local(root.tag)
    if name == "alert" and kind in ("auto", "cap"):
        return AlertDocument("cap", [IndexEntry(alert_from_element(root, source), "", True)])
    if name == "feed" and namespace(root.tag) == ATOM and kind in ("auto", "atom"):
        return _index("atom", _atom(root), _atom_entry, source)
    if name in ("rss", "RDF") and kind in ("auto", "rss"):
        channel = child(root, "channel")
        items = children(channel if channel is not None else root, "item") + children(root, "item")
        return _index("rss", items, _rss_item, source)
    expected = "a CAP alert, an Atom or RSS index of alerts" if kind == "auto" else f"{kind}"
    raise XmlRefused(source, f"root element <{name}>: expected {expected}")


def _index(
    kind: Literal["atom", "rss"],
    elements: list[ET.Element],
    read: Callable[[ET.Element, str], IndexEntry],
    source: str,
) -> AlertDocument:
    entries, skipped = [], []
    for number, element in enumerate(elements, 1):
        try:
            entries.append(read(element, source))
        except XmlRefused as exc:
            skipped.append(f"entry {number}: {exc.reason}")
    return AlertDocument(kind, _merge(entries), skipped)


def _atom(root: ET.Element) -> list[ET.Element]:
    return [e for e in root if e.tag == f"{{{ATOM}}}entry"]


def _embedded(entry: ET.Element, source: str) -> CapAlert | None:
    """A whole CAP alert inside the entry (in <content> or directly)."""
    for element in entry.iter():
        if local(element.tag) == "alert" and namespace(element.tag) in CAP_NAMESPACES:
            return alert_from_element(element, source)
    return None


def _atom_entry(entry: ET.Element, source: str) -> IndexEntry:
    link = ""
    fallback = ""
    for element in children(entry, "link"):
        href = (element.get("href") or "").strip()
        if not href:
            continue
        if (element.get("type") or "").lower() in CAP_TYPES:
            link = href
            break
        if element.get("rel", "alternate") == "alternate" and not fallback:
            fallback = href
    alert = _embedded(entry, source)
    if alert is not None:
        return IndexEntry(alert, link, True)
    summary = _summary(entry, source, text(entry, "title"), _link_geocodes(entry))
    # An entry with neither cap: fields nor a typed link: its link is tried as a CAP document.
    return IndexEntry(summary, link or ("" if summary else fallback))


def _rss_item(item: ET.Element, source: str) -> IndexEntry:
    link = ""
    for enclosure in children(item, "enclosure"):
        if (enclosure.get("type") or "").lower() in CAP_TYPES and enclosure.get("url"):
            link = (enclosure.get("url") or "").strip()
    alert = _embedded(item, source)
    if alert is not None:
        return IndexEntry(alert, link, True)
    summary = _summary(item, source, text(item, "title"), ())
    return IndexEntry(summary, link or text(item, "link"))


def _cap(element: ET.Element, name: str) -> str:
    """The text of a ``cap:`` child (any CAP namespace)."""
    for found in element:
        if local(found.tag) == name and namespace(found.tag) in CAP_NAMESPACES:
            return (found.text or "").strip()
    return ""


def _link_geocodes(entry: ET.Element) -> tuple[tuple[str, str], ...]:
    """MeteoAlarm's area link, ``?geocode=EMMA_ID:FR035``: one more code for the area."""
    codes = []
    for element in children(entry, "link"):
        for value in parse_qs(urlsplit(element.get("href") or "").query).get("geocode", []):
            name, _, code = value.partition(":")
            if code:
                codes.append((name, code))
    return tuple(codes)


def _summary(
    entry: ET.Element, source: str, title: str, extra_codes: tuple[tuple[str, str], ...]
) -> CapAlert | None:
    identifier, sent = _cap(entry, "identifier"), _cap(entry, "sent")
    if not identifier or not sent:
        return None
    geocodes = tuple(
        (text(g, "valueName"), text(g, "value"))
        for g in entry
        if local(g.tag) == "geocode" and namespace(g.tag) in CAP_NAMESPACES
    )
    area_name = _cap(entry, "areaDesc")
    if area_name and title.endswith(f" - {area_name}"):  # MeteoAlarm: one entry per area
        title = title[: -len(area_name) - 3]
    codes = tuple(dict.fromkeys(geocodes + extra_codes))
    areas = (Area(area_name, geocodes=codes),) if area_name or codes else ()

    def moment(name: str) -> datetime | None:
        value = _cap(entry, name)
        return parse_time(value, source, f"cap:{name}") if value else None

    info = Info(
        language=_cap(entry, "language").split("-")[0].lower() or "en",
        event=_cap(entry, "event"),
        urgency=_cap(entry, "urgency") or "Unknown",
        severity=_cap(entry, "severity") or "Unknown",
        certainty=_cap(entry, "certainty") or "Unknown",
        headline=title,
        areas=areas,
        effective=moment("effective"),
        onset=moment("onset"),
        expires=moment("expires"),
    )
    return CapAlert(
        identifier=identifier,
        sender=_cap(entry, "sender") or _author(entry),
        sent=parse_time(sent, source, "cap:sent"),
        status=_cap(entry, "status") or "Actual",
        msg_type=_cap(entry, "message_type") or _cap(entry, "msgType") or "Alert",
        scope=_cap(entry, "scope") or "Public",
        infos=(info,),
        source=source,
        version="index",
    )


def _author(entry: ET.Element) -> str:
    author = child(entry, "author")
    return text(author, "name") if author is not None else ""


def _merge(entries: list[IndexEntry]) -> list[IndexEntry]:
    """One entry per alert: areas of summaries of the same alert and info are joined."""
    merged: dict[tuple[str, str, str], IndexEntry] = {}
    for entry in entries:
        alert = entry.summary
        key = (alert.sender, alert.identifier, entry.link) if alert else ("", "", entry.link)
        if not alert and not entry.link:
            continue
        known = merged.get(key)
        if known is None or known.summary is None or alert is None or entry.embedded:
            merged.setdefault(key, entry)
            continue
        merged[key] = replace(known, summary=_join(known.summary, alert))
    return list(merged.values())


def _join(first: CapAlert, other: CapAlert) -> CapAlert:
    infos = list(first.infos)
    for info in other.infos:
        same = next(
            (
                i
                for i, known in enumerate(infos)
                if replace(known, areas=()) == replace(info, areas=())
            ),
            None,
        )
        if same is None:
            infos.append(info)
        else:
            areas = infos[same].areas + tuple(a for a in info.areas if a not in infos[same].areas)
            infos[same] = replace(infos[same], areas=areas)
    return replace(first, infos=tuple(infos))
