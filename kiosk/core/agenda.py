"""A town's agenda (iCalendar) -> the coming events (bytes in, events out).

icalendar reads the file, recurring-ical-events expands repeating events with their
exceptions (EXDATE, RECURRENCE-ID) and time zones. All-day events keep their dates;
timed events are given in the site's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from kiosk.core.xmlsafe import XmlRefused

MAX_ICS_BYTES = 4 * 1024 * 1024
#: Occurrences read at most (a town agenda has tens a month; a hostile or broken RRULE
#: could produce millions).
MAX_OCCURRENCES = 1000
#: Repetitions no town event has: such an event is left out rather than expanded.
_ABSURD_FREQUENCIES = {"SECONDLY", "MINUTELY"}


@dataclass(frozen=True)
class Event:
    summary: str
    start: datetime  # for an all-day event: midnight of its first day, in the site's zone
    end: datetime
    all_day: bool
    location: str = ""
    description: str = ""
    uid: str = ""


def parse_agenda(
    data: bytes, source: str, start: datetime, end: datetime, zone: ZoneInfo
) -> list[Event]:
    """Events overlapping ``[start, end)``, in order, repeating ones expanded."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark, as some exports add
    if len(data) > MAX_ICS_BYTES:
        raise XmlRefused(source, f"calendar is {len(data)} bytes, more than {MAX_ICS_BYTES}")
    if not data.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        raise XmlRefused(source, "not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(data)
        calendar.subcomponents = [c for c in calendar.subcomponents if not _absurd(c)]
        events: list[Event] = []
        # after() yields occurrences in order, lazily: stop at the window's end or the cap.
        for occurrence in recurring_ical_events.of(calendar).after(start):
            event = _event(occurrence, zone)
            if event.start >= end or len(events) >= MAX_OCCURRENCES:
                break
            events.append(event)
    except (ValueError, KeyError, TypeError) as exc:
        raise XmlRefused(source, f"unreadable iCalendar: {exc}") from None
    events = [e for e in events if e.summary]
    events.sort(key=lambda e: (e.start, e.summary))
    return events


def _absurd(component: object) -> bool:
    get = getattr(component, "get", None)
    rule = get("RRULE") if get is not None else None
    return rule is not None and bool(set(rule.get("FREQ", [])) & _ABSURD_FREQUENCIES)


def _moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=zone)
    return datetime(value.year, value.month, value.day, tzinfo=zone)


def _event(component: object, zone: ZoneInfo) -> Event:
    get = component.get  # type: ignore[attr-defined]
    raw_start = get("DTSTART").dt
    all_day = not isinstance(raw_start, datetime)
    start = _moment(raw_start, zone)
    if get("DTEND") is not None:
        end = _moment(get("DTEND").dt, zone)
    elif get("DURATION") is not None:
        end = start + get("DURATION").dt
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    return Event(
        summary=str(get("SUMMARY", "")).strip(),
        start=start,
        end=end,
        all_day=all_day,
        location=str(get("LOCATION", "")).strip(),
        description=str(get("DESCRIPTION", "")).strip(),
        uid=str(get("UID", "")),
    )
