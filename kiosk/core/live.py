"""Live content of ``news`` and ``agenda`` items, and how it becomes slides of the rotation.

The kiosk fetches each item's source on its own schedule (:mod:`kiosk.io.live`) and keeps
the last good result on disk as a :class:`LiveContent`. Here, with ``now`` as an argument,
an item and its content expand into the entries of the rotation:

- a news item: one :class:`NewsPart` per article, newest first, at most ``max_items``, none
  older than ``max_age_days``;
- an agenda item: :class:`AgendaPart` slides of at most :data:`EVENTS_PER_SLIDE` events
  (spread evenly over the slides), first today's (those not over yet), then the coming
  days' up to ``days`` ahead, at most ``max_items`` events in all.

Nothing fetched yet, or nothing left to show: the item gives no entry at all (never an empty
slide). Each part has its own id (``<item id>#<n>``) and the item's priority and duration.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import msgspec

from kiosk.core.feed import Agenda, Item, News

#: Events listed on one agenda slide: four rows stay readable from 2 m on either orientation.
EVENTS_PER_SLIDE = 4
#: An event with no end (or an end before its start) stays listed this long after it starts.
DEFAULT_EVENT_LENGTH = timedelta(hours=1)


class NewsEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One article, as stored: plain text, and its picture already in the media store."""

    title: str
    summary: str = ""
    link: str
    published: datetime | None = None
    image_url: str = ""  # where the picture came from ("" if none)
    image: str = ""  # its file name in the media store ("" if none or not downloaded)


class EventEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One occurrence of an event (repeating events are already expanded)."""

    summary: str
    start: datetime  # all-day: midnight of its first day in the site's zone
    end: datetime  # exclusive; all-day: midnight after its last day
    all_day: bool = False
    location: str = ""


class LiveContent(msgspec.Struct, frozen=True, kw_only=True):
    """The last good result of one item's source: what plays, online or not."""

    kind: Literal["news", "agenda"]
    source: str  # the item's ``source`` as the feed gave it (a changed source voids this)
    name: str = ""  # the source's own title (RSS channel), else its host
    news: tuple[NewsEntry, ...] = ()
    events: tuple[EventEntry, ...] = ()
    qr: dict[str, str] = msgspec.field(default_factory=dict)  # article link -> QR file name

    def media_names(self) -> set[str]:
        return {entry.image for entry in self.news if entry.image}


class _Numbered:
    """A derived slide is rotated like an item: its own id, its item's priority."""

    item: News | Agenda
    number: int

    @property
    def id(self) -> str:
        return f"{self.item.id}#{self.number}"

    @property
    def priority(self) -> str:
        return self.item.priority


@dataclass(frozen=True)
class NewsPart(_Numbered):
    """One article of a news item: one slide of the rotation."""

    item: News
    number: int  # 1 for the newest
    entry: NewsEntry
    source_name: str
    qr: str  # QR file name of the article's link, "" if none


@dataclass(frozen=True)
class AgendaPart(_Numbered):
    """One slide of an agenda item: some of today's events, or of the coming days'."""

    item: Agenda
    number: int
    when: Literal["today", "week"]
    today: date
    events: tuple[EventEntry, ...]
    page: int  # 1-based, among the slides of the same ``when``
    pages: int


Part = NewsPart | AgendaPart
Entry = Item | NewsPart | AgendaPart


def content_for(item: News | Agenda, live: Mapping[str, LiveContent]) -> LiveContent | None:
    """The stored content of ``item``, if it came from the source the item names now."""
    content = live.get(item.id)
    kind = "news" if isinstance(item, News) else "agenda"
    if content is None or content.kind != kind or content.source != item.source:
        return None
    return content


def expand(
    items: Sequence[Item], live: Mapping[str, LiveContent], now: datetime, zone: ZoneInfo
) -> list[Entry]:
    """The rotation's entries: news and agenda items replaced by their parts, in place."""
    entries: list[Entry] = []
    for item in items:
        if isinstance(item, News | Agenda):
            entries += parts_of(item, live, now, zone)
        else:
            entries.append(item)
    return entries


def parts_of(
    item: News | Agenda, live: Mapping[str, LiveContent], now: datetime, zone: ZoneInfo
) -> list[Part]:
    content = content_for(item, live)
    if content is None:
        return []
    if isinstance(item, News):
        return list(news_parts(item, content, now))
    return list(agenda_parts(item, content, now, zone))


def fresh_news(item: News, content: LiveContent, now: datetime) -> list[NewsEntry]:
    """Articles still young enough, newest first (undated ones last), at most max_items."""
    max_age = timedelta(days=item.max_age_days)
    kept = [e for e in content.news if e.published is None or now - e.published <= max_age]
    kept.sort(key=lambda e: (e.published is not None, e.published or now), reverse=True)
    return kept[: item.max_items]


def news_parts(item: News, content: LiveContent, now: datetime) -> list[NewsPart]:
    return [
        NewsPart(item, n, entry, content.name, content.qr.get(entry.link, ""))
        for n, entry in enumerate(fresh_news(item, content, now), start=1)
    ]


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def event_end(event: EventEntry) -> datetime:
    """When an event stops being listed: its end, or a while after a start with no end."""
    return event.end if event.end > event.start else event.start + DEFAULT_EVENT_LENGTH


def coming_events(
    item: Agenda, content: LiveContent, now: datetime, zone: ZoneInfo
) -> tuple[list[EventEntry], list[EventEntry]]:
    """(today's events not over yet, the coming days' events), at most max_items in all."""
    today = now.astimezone(zone).date()
    tomorrow = _local_midnight(today + timedelta(days=1), zone)
    horizon = _local_midnight(today + timedelta(days=item.days), zone)
    events = sorted(content.events, key=lambda e: (e.start, not e.all_day, e.summary))
    today_events = [e for e in events if e.start < tomorrow and event_end(e) > now]
    later = [e for e in events if tomorrow <= e.start < horizon]
    today_events = today_events[: item.max_items]
    return today_events, later[: item.max_items - len(today_events)]


def agenda_parts(
    item: Agenda, content: LiveContent, now: datetime, zone: ZoneInfo
) -> list[AgendaPart]:
    today_events, later = coming_events(item, content, now, zone)
    today = now.astimezone(zone).date()
    groups: list[tuple[Literal["today", "week"], list[EventEntry]]] = [
        ("today", today_events),
        ("week", later),
    ]
    parts: list[AgendaPart] = []
    for when, events in groups:
        pages = _chunks(events, EVENTS_PER_SLIDE)
        for page, chunk in enumerate(pages, start=1):
            parts.append(
                AgendaPart(item, len(parts) + 1, when, today, tuple(chunk), page, len(pages))
            )
    return parts


def _chunks(events: list[EventEntry], size: int) -> list[list[EventEntry]]:
    """At most ``size`` per slide, spread evenly: 5 events make slides of 3 and 2, not a
    slide of 4 and a lonely one."""
    pages = -(-len(events) // size)
    chunks: list[list[EventEntry]] = []
    start = 0
    for page in range(pages):
        count = len(events) // pages + (page < len(events) % pages)
        chunks.append(events[start : start + count])
        start += count
    return chunks


def next_live_change(
    items: Sequence[Item], live: Mapping[str, LiveContent], now: datetime, zone: ZoneInfo
) -> datetime | None:
    """The next instant the parts of ``items`` may change with no new content: an article
    growing too old, an event of today ending, midnight for an agenda."""
    moments: list[datetime] = []
    for item in items:
        if not isinstance(item, News | Agenda):
            continue
        content = content_for(item, live)
        if content is None:
            continue
        if isinstance(item, News):
            max_age = timedelta(days=item.max_age_days)
            moments += [e.published + max_age for e in content.news if e.published]
        else:
            today = now.astimezone(zone).date()
            moments.append(_local_midnight(today + timedelta(days=1), zone))
            moments += [event_end(e) for e in content.events]
    later = [m for m in moments if m > now]
    return min(later) if later else None
