"""Polling the sources of ``news`` and ``agenda`` items, and keeping what they gave on disk.

Each item's source is checked on its own ``refresh`` interval, from the sync job (one worker
thread, never the Qt thread), with conditional GET so an unchanged source costs one 304. A
new document is parsed (:mod:`kiosk.core.news`, :mod:`kiosk.core.agenda`), each article's
picture is downloaded into the media store (size-capped, JPEG/PNG/GIF/WebP only, checked by
its first bytes), each article's link gets its QR code, and the result is written atomically
to ``live/<item id>.json``: after a reboot with no network, the item plays what was last
fetched. A failing source keeps its last good content; the failure is logged once, and its
recovery once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import msgspec

from kiosk.core.feed import Agenda, Feed, News
from kiosk.core.live import EventEntry, LiveContent, NewsEntry
from kiosk.core.qr import qr_svg
from kiosk.errors import FetchError, KioskError, StoreError
from kiosk.io.fetch import Fetcher, is_url, resolve
from kiosk.io.store import LiveRecord, LiveState, Store

log = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 4 * 1024 * 1024  # an RSS page or a town's .ics is tens to hundreds of KB
MAX_PICTURE_BYTES = 8 * 1024 * 1024
#: The agenda is stored this many days beyond what an item shows, so that it keeps showing
#: the right "today" and "this week" through days without network.
OFFLINE_DAYS = 7
MAX_STORED_EVENTS = 500
#: A failing source is tried again after at most this long, whatever its refresh interval.
RETRY_AFTER = timedelta(minutes=5)

#: First bytes of the picture formats Qt decodes everywhere -> the extension to store under.
_PICTURE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)

LiveItem = News | Agenda


def picture_extension(data: bytes) -> str | None:
    """The extension of a JPEG, PNG, GIF or WebP picture; None for anything else."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return next((ext for magic, ext in _PICTURE_MAGIC if data.startswith(magic)), None)


def source_location(feed_location: str, source: str) -> str:
    """Where to read ``source``: an http(s) URL as is, a path relative to the feed (a file
    of the site folder, or an address next to a published feed.json)."""
    return source if is_url(source) else resolve(feed_location, source)


def picture_location(source: str, image: str) -> str | None:
    """The picture's address, resolved against its feed's; None when it may not be read:
    a remote feed may only point at http(s) pictures, never at a local file."""
    if is_url(image):
        return image
    if urlsplit(image).scheme:
        return None
    return resolve(source, image)


@dataclass(frozen=True)
class LiveUpdate:
    """What one round of :meth:`LiveSync.refresh` did."""

    checked: int  # sources asked
    changed: bool  # some content the player shows is different


class LiveSync:
    """Polls every news and agenda source of the current feed into the store.

    Not thread-safe: called by the sync job, which holds the store's lock.
    """

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self._store_error: str | None = None

    def refresh(self, feed: Feed, feed_location: str, force: bool = False) -> LiveUpdate:
        """Check each source that is due (every one with ``force``); forget the content
        of items the feed no longer has. Never raises for a source's failure."""
        now = self.clock()
        items = [i for i in feed.rotation if isinstance(i, News | Agenda)]
        records = self.store.live_records()
        zone = ZoneInfo(feed.site.timezone)
        checked, changed = 0, False
        for item in items:
            stored = records.get(item.id)
            # Another source now: what the old one gave is not this item's content.
            record = stored if stored is not None and stored.source == item.source else None
            if not force and not _due(item, record, now):
                continue
            checked += 1
            new = self._poll(item, record, feed_location, zone, now)
            try:
                self.store.write_live(new)
            except StoreError as exc:  # a full disk: said once, tried again next time
                if str(exc) != self._store_error:
                    log.error("%s; the live content of %s is not kept", exc, item.id)
                self._store_error = str(exc)
                continue
            self._store_error = None
            changed |= new.content != (stored.content if stored else None)
        for item_id in set(records) - {i.id for i in items}:
            self.store.remove_live(item_id)
            changed = True
        if changed:
            self.store.evict()  # pictures and QR codes of articles no longer stored
        return LiveUpdate(checked, changed)

    def _poll(
        self,
        item: LiveItem,
        record: LiveRecord | None,
        feed_location: str,
        zone: ZoneInfo,
        now: datetime,
    ) -> LiveRecord:
        location = source_location(feed_location, item.source)
        old = record or LiveRecord(item_id=item.id, source=item.source)
        state = msgspec.structs.replace(old.state, checked_at=now)
        has_content = old.content is not None
        conditional = has_content and not _new_day(item, state, zone, now)
        try:
            response = self.fetcher.get(
                location,
                max_bytes=MAX_SOURCE_BYTES,
                etag=state.etag if conditional else None,
                last_modified=state.last_modified if conditional else None,
            )
            if response.body is None:
                content = old.content
            else:
                content, failed = self._content(item, location, response.body, old, zone, now)
                state = msgspec.structs.replace(
                    state,
                    etag=response.etag,
                    last_modified=response.last_modified,
                    fetched_at=now,
                    failed_pictures=failed,
                )
        except KioskError as exc:  # FetchError, XmlRefused, StoreError: keep what we have
            message = str(exc)
            if message != old.state.error:
                kept = "kept the last content" if has_content else "nothing to show yet"
                log.warning("%s %s: %s; %s", _kind(item), item.id, message, kept)
            state = msgspec.structs.replace(state, error=message)
            return LiveRecord(item_id=item.id, source=item.source, state=state, content=old.content)
        if old.state.error:
            log.info("%s %s: its source answers again", _kind(item), item.id)
        state = msgspec.structs.replace(state, error=None)
        return LiveRecord(item_id=item.id, source=item.source, state=state, content=content)

    def _content(
        self,
        item: LiveItem,
        location: str,
        body: bytes,
        old: LiveRecord,
        zone: ZoneInfo,
        now: datetime,
    ) -> tuple[LiveContent, list[str]]:
        if isinstance(item, Agenda):
            return _agenda_content(item, location, body, zone, now), []
        return self._news_content(item, location, body, old, now)

    def _news_content(
        self, item: News, location: str, body: bytes, old: LiveRecord, now: datetime
    ) -> tuple[LiveContent, list[str]]:
        from kiosk.core.news import read_news  # feedparser: only for feeds that have news

        feed = read_news(
            body,
            location,
            now,
            max_items=item.max_items,
            max_age=timedelta(days=item.max_age_days),
            relative_images=True,
        )
        known = {e.image_url: e.image for e in old.content.news} if old.content else {}
        entries: list[NewsEntry] = []
        failed: list[str] = []
        for news in feed.items:
            picture = ""
            if news.image:
                picture = self._picture(location, news.image, known, failed, old.state)
            entries.append(
                NewsEntry(
                    title=news.title,
                    summary=news.summary,
                    link=news.link,
                    published=news.published,
                    image_url=news.image,
                    image=picture,
                )
            )
        qr = {e.link: self.store.write_live_qr(e.link, qr_svg(e.link)) for e in entries}
        name = feed.title or urlsplit(location).hostname or ""
        content = LiveContent(
            kind="news", source=item.source, name=name, news=tuple(entries), qr=qr
        )
        return content, failed

    def _picture(
        self,
        location: str,
        image: str,
        known: dict[str, str],
        failed: list[str],
        state: LiveState,
    ) -> str:
        """The picture's file name in the store ("" if it cannot be had), downloaded once."""
        name = known.get(image, "")
        if name and (self.store.media_dir / name).is_file():
            return name
        address = picture_location(location, image)
        try:
            if address is None or (is_url(location) and not is_url(address)):
                raise FetchError(image, "not an http(s) address")
            data = self.fetcher.get(address, max_bytes=MAX_PICTURE_BYTES).body or b""
            extension = picture_extension(data)
            if extension is None:
                raise FetchError(address, "not a JPEG, PNG, GIF or WebP picture")
            return self.store.add_media(data, "picture" + extension)
        except (FetchError, StoreError) as exc:
            failed.append(image)
            if image not in state.failed_pictures:  # once, not at every refresh
                log.warning("news picture skipped: %s", exc)
            return ""


def _agenda_content(
    item: Agenda, location: str, body: bytes, zone: ZoneInfo, now: datetime
) -> LiveContent:
    """Events from today 00:00 (site time) to ``days`` + :data:`OFFLINE_DAYS` days ahead."""
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(), tzinfo=zone)
    end = datetime.combine(today + timedelta(days=item.days + OFFLINE_DAYS), time(), tzinfo=zone)
    from kiosk.core.agenda import parse_agenda  # icalendar: only for feeds with an agenda

    events = parse_agenda(body, location, start, end, zone)[:MAX_STORED_EVENTS]
    entries = tuple(
        EventEntry(
            summary=e.summary,
            start=e.start,
            end=e.end,
            all_day=e.all_day,
            location=e.location,
        )
        for e in events
    )
    return LiveContent(kind="agenda", source=item.source, events=entries)


def _due(item: LiveItem, record: LiveRecord | None, now: datetime) -> bool:
    if record is None or record.state.checked_at is None:
        return True
    wait = timedelta(seconds=item.refresh)
    if record.state.error is not None:
        wait = min(wait, RETRY_AFTER)
    last = record.state.checked_at
    return now >= last + wait or now < last  # a clock set back must not stop polling


def _new_day(item: LiveItem, state: LiveState, zone: ZoneInfo, now: datetime) -> bool:
    """An agenda is read in full once a day, even when unchanged: its stored window of
    events starts on the day it was read, and must move on with the days."""
    if not isinstance(item, Agenda) or state.fetched_at is None:
        return False
    return state.fetched_at.astimezone(zone).date() != now.astimezone(zone).date()


def _kind(item: LiveItem) -> str:
    return "news" if isinstance(item, News) else "agenda"
