"""``kiosk inspect``: what the kiosk reads from an alert, news or agenda source.

For the communication team checking a source before putting it in the feed. The source (a
file, or an http(s) URL fetched with the kiosk's own limits) goes through the very parsers
the player uses, and every item comes out as one JSON object per line on stdout::

    {"kind": "alert", "identifier": "...", "severity": "Moderate", "headline": "...", ...}
    {"kind": "news", "title": "...", "summary": "...", "link": "https://...", ...}
    {"kind": "event", "summary": "...", "start": "2026-12-05T10:00:00+01:00", ...}

Warnings (a linked CAP document that could not be fetched) and a closing summary line go
to stderr. A refused or unreadable source raises :class:`~kiosk.errors.KioskError` before
anything is printed, so stdout is either complete or empty.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, TextIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.agenda import MAX_ICS_BYTES, Event, parse_agenda
from kiosk.core.alerts import _pick_language
from kiosk.core.cap import CAP_NAMESPACES, Area, CapAlert, language_code
from kiosk.core.capindex import ATOM, CAP_TYPES, AlertDocument, read_alert_document
from kiosk.core.news import NewsItem, parse_news
from kiosk.core.xmlsafe import (
    MAX_XML_BYTES,
    XmlRefused,
    child,
    children,
    local,
    namespace,
    parse_xml,
)
from kiosk.errors import KioskError
from kiosk.io.fetch import Fetcher, Limits, is_url, resolve

KINDS: tuple[str, ...] = ("auto", "cap", "rss", "atom", "ics", "json")
MAX_SOURCE_BYTES = max(MAX_XML_BYTES, MAX_ICS_BYTES)  # the parsers apply their own caps
MAX_FOLLOWED = 100  # linked CAP documents fetched for one index (MeteoAlarm France: ~20)
MAX_NEWS_ITEMS = 1000  # every item of the source, not the N a news slide would take
LIMITS = Limits(connect_timeout=5.0, read_timeout=15.0, deadline=60.0)
BOM = b"\xef\xbb\xbf"

Record = dict[str, Any]
FetchLinked = Callable[[str], bytes]


@dataclass(frozen=True)
class Options:
    kind: str = "auto"
    lang: str = "fr"
    follow: bool = False  # fetch the full CAP document each index entry links to
    days: int = 30  # agenda: events of this many days ...
    start: str | None = None  # ... from this day (YYYY-MM-DD; default today in ``zone``)
    zone: str = "Europe/Paris"
    polygons: bool = False  # the points of each polygon instead of their count


@dataclass
class Report:
    """What a source holds: the lines for stdout, warnings and the closing summary line."""

    kind: str  # the document's kind: cap, atom, rss, json, ics
    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: str = ""


def run(
    source: str,
    options: Options,
    out: TextIO | None = None,
    err: TextIO | None = None,
    fetcher: Fetcher | None = None,
    now: datetime | None = None,
) -> int:
    """Read ``source`` and print its items; :class:`KioskError` when it is refused."""
    out = out or sys.stdout
    err = err or sys.stderr
    owned = fetcher is None
    fetcher = fetcher or Fetcher(LIMITS)
    try:
        location = _location(source)
        data = fetcher.get(location, max_bytes=MAX_SOURCE_BYTES).body or b""

        def fetch_linked(link: str) -> bytes:
            return fetcher.get(link, max_bytes=MAX_XML_BYTES).body or b""

        report = inspect_bytes(data, source, options, now or datetime.now(UTC), fetch_linked)
    finally:
        if owned:
            fetcher.close()
    for warning in report.warnings:
        print(f"kiosk inspect: {warning}", file=err)
    _utf8(out)
    try:
        for record in report.records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    except BrokenPipeError:  # `kiosk inspect ... | head`: the reader has what it wanted
        _silence(out)
        return 0
    print(report.summary, file=err)
    return 0


def inspect_bytes(
    data: bytes,
    source: str,
    options: Options,
    now: datetime,
    fetch_linked: FetchLinked | None = None,
) -> Report:
    """The items of one document, as :func:`run` prints them."""
    if options.kind not in KINDS:
        raise KioskError(f"--kind {options.kind!r}: expected one of {', '.join(KINDS)}")
    kind = options.kind
    body = data[len(BOM) :] if data.startswith(BOM) else data
    head = body.lstrip()[:15].upper()
    if kind == "ics" or (kind == "auto" and (head == b"BEGIN:VCALENDAR" or _named_ics(source))):
        return _events(body, source, options, now)
    if kind == "json" or (kind == "auto" and head[:1] in (b"{", b"[")):
        return _alerts(read_alert_document(body, source, "json"), source, options, fetch_linked)
    root = parse_xml(data, source)
    name = local(root.tag)
    found = _xml_kind(root)
    if kind == "auto" and found is None:
        raise XmlRefused(
            source,
            f"root element <{name}>: expected a CAP alert, an Atom or RSS feed, "
            "an iCalendar file or the town's JSON alert file",
        )
    if kind != "auto" and found != kind:
        hint = f"; it looks like {found} (try --kind auto)" if found else ""
        raise XmlRefused(source, f"root element <{name}> is not {kind}{hint}")
    if found == "cap":
        return _alerts(read_alert_document(data, source, "cap"), source, options, fetch_linked)
    assert found in ("atom", "rss")
    entries = _entries(root, found)
    if _carries_alerts(entries, data):
        document = read_alert_document(data, source, found)
        return _alerts(document, source, options, fetch_linked)
    return _news(data, source, found, len(entries), now)


# -- which document ------------------------------------------------------------------------


def _location(source: str) -> str:
    """webcal:// (how calendar apps share an agenda) is https."""
    if source.lower().startswith("webcal://"):
        return "https://" + source[len("webcal://") :]
    return source


def _named_ics(source: str) -> bool:
    path = urlsplit(source).path if "://" in source else source
    return path.lower().endswith(".ics")


def _xml_kind(root: ET.Element) -> Literal["cap", "atom", "rss"] | None:
    name = local(root.tag)
    if name == "alert" and namespace(root.tag) in CAP_NAMESPACES:
        return "cap"
    if name == "feed" and namespace(root.tag) == ATOM:
        return "atom"
    if name in ("rss", "RDF"):
        return "rss"
    return None


def _entries(root: ET.Element, kind: str) -> list[ET.Element]:
    if kind == "atom":
        return [e for e in root if e.tag == f"{{{ATOM}}}entry"]
    channel = child(root, "channel")
    return children(channel if channel is not None else root, "item") + (
        children(root, "item") if channel is not None else []
    )


def _carries_alerts(entries: list[ET.Element], data: bytes) -> bool:
    """An index of alerts: entries with cap: fields, an embedded <alert> or a link typed
    application/cap+xml. A feed with no entry at all (MeteoAlarm on a quiet day) counts
    as one when it declares the CAP namespace."""
    if not entries:
        return any(ns.encode() in data for ns in CAP_NAMESPACES)
    for entry in entries:
        for element in entry.iter():
            if namespace(element.tag) in CAP_NAMESPACES:
                return True
            if local(element.tag) in ("link", "enclosure") and (
                (element.get("type") or "").strip().lower() in CAP_TYPES
            ):
                return True
    return False


# -- alerts --------------------------------------------------------------------------------


def _alerts(
    document: AlertDocument, source: str, options: Options, fetch_linked: FetchLinked | None
) -> Report:
    report = Report(document.kind)
    language = language_code(options.lang) if options.lang.strip() else "fr"
    followed = tried = not_read = 0
    for entry in document.entries:
        alert, detail = entry.summary, "full" if entry.embedded else "summary"
        link = _absolute(source, entry.link) if entry.link else ""
        if options.follow and link and not entry.embedded and fetch_linked is not None:
            if tried == MAX_FOLLOWED:
                not_read += 1
            else:
                tried += 1
                try:
                    full = read_alert_document(fetch_linked(link), link, "cap").entries[0].summary
                except KioskError as exc:
                    shown = "the index summary" if alert else "nothing"
                    report.warnings.append(f"{exc} (showing {shown} for this entry)")
                    if alert is None:
                        continue
                else:
                    assert full is not None
                    if alert is not None and full.identifier != alert.identifier:
                        report.warnings.append(
                            f"{link}: is alert {full.identifier!r}, "
                            f"the index says {alert.identifier!r}"
                        )
                    alert, detail = full, "full"
                    followed += 1
        if alert is None and not link:
            continue
        report.records.append(_alert_record(alert, link, detail, language, options.polygons))
    if not_read:
        report.warnings.append(
            f"{not_read} more linked CAP documents not read (at most {MAX_FOLLOWED} are)"
        )
    count = len(report.records)
    report.summary = f"{count} alert{'s' if count != 1 else ''}, kind {document.kind}"
    if followed:
        report.summary += f" ({followed} read from their linked CAP document)"
    elif any(r["detail"] != "full" for r in report.records):
        report.summary += " (summaries from the index; --follow reads the full documents)"
    return report


def _absolute(source: str, link: str) -> str:
    """A link of the index, relative ones against the index's own location."""
    return link if is_url(link) else resolve(_location(source), link)


ALERT_KEYS = (
    "kind", "identifier", "msg_type", "status", "severity", "urgency", "certainty", "event",
    "headline", "description", "instruction", "language", "sender", "sent", "expires", "areas",
    "link", "detail", "languages", "sender_name", "effective", "onset", "references",
)  # fmt: skip


def _alert_record(
    alert: CapAlert | None, link: str, detail: str, language: str, polygons: bool
) -> Record:
    if alert is None:  # an index entry that only links to its document
        record: Record = dict.fromkeys(ALERT_KEYS)
        record.update(kind="alert", areas=[], link=link, detail="link", languages=[])
        record["references"] = []
        return record
    info = _pick_language(list(alert.infos), language) if alert.infos else None
    return {
        "kind": "alert",
        "identifier": alert.identifier,
        "msg_type": alert.msg_type,
        "status": alert.status,
        "severity": info.severity if info else None,
        "urgency": info.urgency if info else None,
        "certainty": info.certainty if info else None,
        "event": info.event if info else None,
        "headline": info.headline if info else None,
        "description": info.description if info else None,
        "instruction": info.instruction if info else None,
        "language": info.language if info else None,
        "sender": alert.sender,
        "sent": _iso(alert.sent),
        "expires": _iso(info.expires) if info else None,
        "areas": [_area(a, polygons) for a in info.areas] if info else [],
        "link": link or None,
        "detail": detail,
        "languages": list(dict.fromkeys(i.language for i in alert.infos)),
        "sender_name": info.sender_name if info else None,
        "effective": _iso(info.effective) if info else None,
        "onset": _iso(info.onset) if info else None,
        "references": [f"{r.sender},{r.identifier},{r.sent}" for r in alert.references],
    }


def _area(area: Area, polygons: bool) -> Record:
    return {
        "description": area.description,
        "geocodes": [f"{name}={value}" for name, value in area.geocodes],
        "polygons": [[list(p) for p in ring] for ring in area.polygons]
        if polygons
        else len(area.polygons),
        "circles": [{"lat": c[0], "lon": c[1], "radius_km": c[2]} for c in area.circles],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


# -- news and events -----------------------------------------------------------------------


def _news(data: bytes, source: str, kind: str, entries: int, now: datetime) -> Report:
    items = parse_news(data, source, now, max_items=MAX_NEWS_ITEMS, max_age=None)
    report = Report(kind, [_news_record(i) for i in items])
    count = len(items)
    report.summary = f"{count} news item{'s' if count != 1 else ''}, kind {kind}"
    left_out = entries - count
    if 0 < left_out and entries <= MAX_NEWS_ITEMS:
        report.summary += (
            f" ({left_out} entr{'ies' if left_out > 1 else 'y'} without a title "
            "or an http(s) link left out, as the kiosk would)"
        )
    return report


def _news_record(item: NewsItem) -> Record:
    return {
        "kind": "news",
        "title": item.title,
        "summary": item.summary,
        "link": item.link,
        "published": _iso(item.published),
        "image": item.image or None,
    }


def _events(data: bytes, source: str, options: Options, now: datetime) -> Report:
    try:
        zone = ZoneInfo(options.zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise KioskError(f"--zone {options.zone!r}: not a time zone (like Europe/Paris)") from None
    if options.days < 1:
        raise KioskError(f"--days {options.days}: expected 1 or more")
    if options.start:
        try:
            day = date.fromisoformat(options.start)
        except ValueError:
            raise KioskError(
                f"--from {options.start!r}: not a date; expected like 2026-12-05"
            ) from None
    else:
        day = now.astimezone(zone).date()
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    end = start + timedelta(days=options.days)
    events = parse_agenda(data, source, start, end, zone)
    report = Report("ics", [_event_record(e) for e in events])
    count = len(events)
    report.summary = (
        f"{count} event{'s' if count != 1 else ''} from {day.isoformat()} "
        f"for {options.days} day{'s' if options.days != 1 else ''} ({zone.key}), kind ics"
    )
    return report


def _event_record(event: Event) -> Record:
    return {
        "kind": "event",
        "summary": event.summary,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),  # exclusive, as in iCalendar: midnight after an all-day
        "all_day": event.all_day,
        "location": event.location or None,
    }


# -- output --------------------------------------------------------------------------------


def _utf8(stream: TextIO) -> None:
    """JSON lines are UTF-8 whatever the terminal's locale says."""
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        with contextlib.suppress(io.UnsupportedOperation, ValueError):
            stream.reconfigure(encoding="utf-8")


def _silence(stream: TextIO) -> None:
    """After a broken pipe, point the stream at /dev/null so exiting does not complain."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
