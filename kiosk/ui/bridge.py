"""The Player: the one QObject QML talks to for the attract loop.

It owns the rotation cursor and answers QML's "what next?" with ready-to-draw dicts
(:mod:`kiosk.core.slides`). It decides nothing itself: what is valid, in what order and
until when all come from :mod:`kiosk.core.schedule` and :mod:`kiosk.core.rotation`, with
``now`` from an injected clock. One single-shot timer fires at the next schedule change (no
polling); another at each minute for the header clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QDate, QLocale, QObject, QTimer, Signal, Slot

from kiosk.core import slides
from kiosk.core.directory import directory_for
from kiosk.core.feed import Agenda, Feed, Item, News, Site, Video
from kiosk.core.live import AgendaPart, Entry, NewsPart, expand, next_live_change, parts_of
from kiosk.core.motion import MIN_SLIDE_MS, reading_ms
from kiosk.core.rotation import Rotation
from kiosk.core.schedule import active_items, active_ticker, next_change
from kiosk.core.text import french_spacing, pick
from kiosk.core.theme import Theme
from kiosk.io.store import Snapshot
from kiosk.ui.dates import LocaleDates

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
TICKER_SEPARATOR = "     •     "
MAX_TIMER_MS = 6 * 3600 * 1000  # re-evaluate at least every 6 h (clock jumps, long horizons)


def _now_utc() -> datetime:
    return datetime.now(UTC)


class Player(QObject):
    rotationChanged = Signal()
    tickerChanged = Signal()
    clockChanged = Signal()
    siteChanged = Signal()
    #: A slide is fully on screen (after its fade). Python side: first frame, proof of play.
    slideShown = Signal(str)
    coloursChanged = Signal()

    def __init__(
        self,
        theme: Theme,
        theme_dir: Path,
        screen: str | None = None,
        language: str | None = None,
        clock: Clock = _now_utc,
        render_mode: bool = False,
        ticker_speed: float = 120.0,
        transition: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._theme_dir = theme_dir
        self._colours_override: dict[str, str] | None = None
        self._screen = screen
        self._language = language
        self._clock = clock
        self._render_mode = render_mode
        self._ticker_speed = ticker_speed
        self._transition_ms = int(transition * 1000)
        self._snapshot: Snapshot | None = None
        self._rotation: Rotation[Entry] = Rotation()
        self._dates = LocaleDates()
        self._active_ids: set[str] = set()
        self._ticker: list[str] = []
        self._clock_text = ""
        self._date_text = ""
        self._failed: set[str] = set()
        self._services: frozenset[str] = frozenset()  # ids in this screen's directory
        self._qr_addresses: dict[str, str] = {}  # slide id -> address under its QR (proof)
        self._schedule_timer = QTimer(self, singleShot=True, timeout=self.refresh)
        self._minute_timer = QTimer(self, singleShot=True, timeout=self._tick)
        self._tick()

    # -- inputs ----------------------------------------------------------------------------

    def set_snapshot(self, snapshot: Snapshot | None) -> None:
        """Play ``snapshot`` from now on (the loop continues where it was)."""
        if snapshot is not None and self._snapshot is not None and snapshot.id == self._snapshot.id:
            if snapshot.live != self._snapshot.live:  # new news or events, same feed
                self._snapshot = snapshot
                self.refresh()
            return
        self._snapshot = snapshot
        self._failed.clear()
        services = directory_for(snapshot.feed, self._screen).services() if snapshot else []
        self._services = frozenset(service.id for _, service in services)
        self.siteChanged.emit()
        self.refresh()

    def accept_sync(self, result: Any) -> None:
        """A sync cycle ended (a :class:`~kiosk.io.sync.SyncResult`, delivered on the Qt
        thread): only a new snapshot, or new content of a news or agenda source, changes
        anything; a failure keeps the loop as it is."""
        snapshot = result.snapshot
        if snapshot is None:
            return
        if result.status == "new" or (
            self._snapshot is not None
            and snapshot.id == self._snapshot.id
            and snapshot.live != self._snapshot.live
        ):
            self.set_snapshot(snapshot)

    @property
    def theme_name(self) -> str:
        return self._theme_dir.name

    @property
    def snapshot(self) -> Snapshot | None:
        return self._snapshot

    @property
    def screen(self) -> str | None:
        """The name of the screen this player plays for (None: untargeted content only)."""
        return self._screen

    def now(self) -> datetime:
        return self._clock()

    @Slot()
    def refresh(self) -> None:
        """Recompute what is valid now and arm the timer for the next change."""
        now = self._clock()
        feed = self._feed
        items = active_items(feed, self._screen, now) if feed else []
        live = self._snapshot.live if self._snapshot else {}
        # News and agenda items become one slide per article or group of events (none
        # until their source was fetched once).
        entries = expand(items, live, now, self._zone)
        self._rotation.update(entries)
        ids = {entry.id for entry in entries}
        if ids != self._active_ids:
            self._active_ids = ids
            self.rotationChanged.emit()
        ticker = self._ticker_texts(feed, now) if feed else []
        if ticker != self._ticker:
            self._ticker = ticker
            self.tickerChanged.emit()
        changes = [
            next_change(feed, self._screen, now) if feed else None,
            next_live_change(items, live, now, self._zone),
        ]
        self._arm(self._schedule_timer, min((c for c in changes if c), default=None), now)
        self._tick()

    def _arm(self, timer: QTimer, when: datetime | None, now: datetime) -> None:
        if self._render_mode:
            return
        if when is None:
            timer.stop()
            return
        ms = (when - now) / timedelta(milliseconds=1)
        timer.start(int(min(max(ms + 50, 0), MAX_TIMER_MS)))  # +50 ms: land after the edge

    def _ticker_texts(self, feed: Feed, now: datetime) -> list[str]:
        """The ticker's messages; French ones with their no-break spaces (a still ticker
        cuts messages into pages between words, never before « : » or inside « 8 h »)."""
        texts = []
        for message in active_ticker(feed, self._screen, now):
            text, written_in = pick(message.text, self.language, list(feed.site.languages))
            if text:
                texts.append(french_spacing(text) if written_in == "fr" else text)
        return texts

    def _tick(self) -> None:
        """Update the header clock and date; fire again at the next minute."""
        now = self._clock().astimezone(self._zone)
        locale = QLocale(self.language)
        clock = f"{now.hour:02d}:{now.minute:02d}"
        date = locale.toString(QDate(now.year, now.month, now.day), "dddd d MMMM yyyy")
        date = date[:1].upper() + date[1:]
        if (clock, date) != (self._clock_text, self._date_text):
            self._clock_text, self._date_text = clock, date
            self.clockChanged.emit()
        nxt = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
        self._arm(self._minute_timer, nxt, now)

    # -- what QML asks -----------------------------------------------------------------------

    @Slot(result="QVariantMap")
    def nextSlide(self) -> dict[str, Any]:
        item = self._rotation.next()
        return self.fallback_slide() if item is None else self.slide_for(item)

    def slide_for(self, item: Entry) -> dict[str, Any]:
        """The slide of a rotation entry. A news or agenda item itself gives its first
        slide (the fallback if it has nothing to show): see :meth:`slides_for`.

        A ``service`` that this screen's directory does not show (it targets other screens)
        is dropped: no "touch to learn more" leading nowhere."""
        slide = self._slide(item)
        if slide.get("service") and slide["service"] not in self._services:
            slide["service"] = ""
        if slide.get("qr"):
            if len(self._qr_addresses) > 1000:  # news come and go: forget, never grow
                self._qr_addresses.clear()
            self._qr_addresses[slide["id"]] = slide.get("url", "")
        else:
            self._qr_addresses.pop(slide["id"], None)
        return slide

    def qr_address(self, item_id: str) -> str:
        """The address printed under the QR code of slide ``item_id`` ("" if it has none)."""
        return self._qr_addresses.get(item_id, "")

    def _slide(self, item: Entry) -> dict[str, Any]:
        snapshot = self._snapshot
        if snapshot is None:
            return self.fallback_slide()
        if isinstance(item, News | Agenda):
            return next(iter(self.slides_for(item)), self.fallback_slide())
        if isinstance(item, NewsPart):
            return slides.present_news(
                item,
                self.language,
                snapshot.feed.site,
                self._zone,
                media=lambda name: _file_url(snapshot.live_media_file(name)),
                qr=lambda name: _file_url(snapshot.live_qr_file(name)),
                words=self._dates,
            )
        if isinstance(item, AgendaPart):
            return slides.present_agenda(
                item, self.language, snapshot.feed.site, self._zone, self._dates
            )
        if isinstance(item, Video):
            from kiosk.ui import video  # QtMultimedia, only once a video is due

            video.register()
        return slides.present(
            item,
            self.language,
            snapshot.feed.site,
            media=lambda p: _file_url(snapshot.media_file(p)),
            qr=lambda u: _file_url(snapshot.qr_file(u)),
        )

    def slides_for(self, item: Item) -> list[dict[str, Any]]:
        """Every slide ``item`` gives now: several for a news or agenda item (none before
        its source was fetched), one for any other item."""
        if not isinstance(item, News | Agenda):
            return [self.slide_for(item)]
        live = self._snapshot.live if self._snapshot else {}
        return [self.slide_for(p) for p in parts_of(item, live, self._clock(), self._zone)]

    def fallback_slide(self) -> dict[str, Any]:
        return slides.fallback(self._site, self.language)

    @Slot(str, str)
    def slideFailed(self, item_id: str, reason: str) -> None:
        """A slide could not load (broken image or video): skip it for this cycle."""
        if item_id not in self._failed:
            log.warning("skipping item %s: %s", item_id, reason)
            self._failed.add(item_id)
        self._rotation.skip(item_id)

    @Slot(str)
    def markShown(self, item_id: str) -> None:
        self.slideShown.emit(item_id)

    @Slot(str, result=bool)
    def isActive(self, item_id: str) -> bool:
        if item_id == slides.FALLBACK_ID:
            return not self._active_ids
        return item_id in self._active_ids

    # -- properties --------------------------------------------------------------------------

    @property
    def _feed(self) -> Feed | None:
        return self._snapshot.feed if self._snapshot else None

    @property
    def _site(self) -> Site | None:
        return self._snapshot.feed.site if self._snapshot else None

    @property
    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._site.timezone if self._site else "Europe/Paris")

    def _get_language(self) -> str:
        site = self._site
        if self._language and (site is None or self._language in site.languages):
            return self._language
        return site.languages[0] if site else (self._language or "fr")

    language = Property(str, _get_language, notify=siteChanged)

    def _get_site_name(self) -> str:
        return self._site.name if self._site else ""

    siteName = Property(str, _get_site_name, notify=siteChanged)

    def _get_logo(self) -> str:
        site, snap = self._site, self._snapshot
        if site and site.logo and snap:
            return _file_url(snap.media_file(site.logo))
        if self._theme.logo:
            return _file_url(self._theme_dir / self._theme.logo)
        return ""

    logo = Property(str, _get_logo, notify=siteChanged)

    def set_colours(self, colours: dict[str, str] | None) -> None:
        """Other colours than the theme's (a visitor's high contrast); None: the theme's."""
        if colours != self._colours_override:
            self._colours_override = colours
            self.coloursChanged.emit()

    def _get_colours(self) -> dict[str, str]:
        return dict(self._colours_override or self._theme.colours)

    colours = Property("QVariantMap", _get_colours, notify=coloursChanged)

    def _get_font_family(self) -> str:
        return self._theme.font_family

    fontFamily = Property(str, _get_font_family, constant=True)

    def _get_ticker(self) -> str:
        return TICKER_SEPARATOR.join(self._ticker)

    tickerText = Property(str, _get_ticker, notify=tickerChanged)

    def _get_ticker_items(self) -> list[str]:
        return list(self._ticker)

    #: The ticker's messages one by one (a still ticker shows them a page at a time).
    tickerItems = Property("QStringList", _get_ticker_items, notify=tickerChanged)

    @Slot(str, result=int)
    def readingMs(self, text: str) -> int:
        """How long a still text stays before the next replaces it (reduced motion)."""
        return reading_ms(text)

    def _get_min_slide(self) -> int:
        return MIN_SLIDE_MS

    #: The shortest time between two slide changes (no flashing, whatever the feed asks).
    minSlideMs = Property(int, _get_min_slide, constant=True)

    def _get_clock(self) -> str:
        return self._clock_text

    clockText = Property(str, _get_clock, notify=clockChanged)

    def _get_date(self) -> str:
        return self._date_text

    dateText = Property(str, _get_date, notify=clockChanged)

    def _get_render_mode(self) -> bool:
        return self._render_mode

    renderMode = Property(bool, _get_render_mode, constant=True)

    def _get_ticker_speed(self) -> float:
        return self._ticker_speed

    tickerSpeed = Property(float, _get_ticker_speed, constant=True)

    def _get_transition(self) -> int:
        return 0 if self._render_mode else self._transition_ms

    transitionMs = Property(int, _get_transition, constant=True)


def _file_url(path: Path | None) -> str:
    return path.as_uri() if path else ""
