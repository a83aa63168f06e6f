"""When items show: validity rules read at a given instant, and the next instant anything changes.

Whatever depends on time takes ``now`` (an aware datetime) and no clock is read, so the
player sets one timer at :func:`next_change` instead of polling, and tests can stand on any
instant, both DST change days included.

Semantics, in the site's time zone:

- ``hours`` and ``weekdays`` are read off the local wall clock. A 02:00-03:00 window never
  happens on the spring-forward day and covers both occurrences of that hour on the fall-back
  day. An overnight window (22:00-02:00) belongs to the day it starts.
- ``from`` (inclusive) and ``until`` (exclusive; a date alone includes that day) are instants.
  A local time inside the spring gap means the end of the gap, when the clock jumps past it; an
  ambiguous autumn time means its first occurrence.
- Electoral reserve: an entry with ``promotion: true`` is hidden on every screen during the
  feed's ``reserve_periods`` (same reading of ``from``/``until``); their bounds are change
  instants like any ``from``/``until``, so :func:`next_change` wakes the player exactly there.

Internally every instant is UTC: aware datetimes sharing a tzinfo compare and subtract as wall
times, which is wrong across a DST change. :func:`next_change` returns UTC for the same reason.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.feed import WEEKDAYS, Feed, Item, Screen, TickerMessage, Validity
from kiosk.core.types import MINUTES_PER_DAY, TimeRange

#: A stretch of time [start, end) as UTC instants.
Window = tuple[datetime, datetime]

#: How far ahead :func:`next_change` follows the daily and weekly rules. Past it, when a rule
#: could still change something, the player is told to ask again at the horizon.
HORIZON = timedelta(days=8)
_DAY = timedelta(days=1)

Entry = Item | TickerMessage


@dataclass(frozen=True, slots=True)
class _Rule:
    """A :class:`Validity` compiled for one zone: bounds as UTC instants, weekdays as 0-6, and
    the windows when the entry is hidden whatever its validity (reserve periods)."""

    start: datetime | None = None
    end: datetime | None = None
    weekdays: frozenset[int] | None = None
    hours: tuple[TimeRange, ...] | None = None
    hidden: tuple[Window, ...] = ()

    def bounds(self) -> list[datetime]:
        """Instants where the rule may switch whatever the wall clock: from, until, and the
        start and end of each hidden window."""
        found = [t for t in (self.start, self.end) if t is not None]
        return found + [t for window in self.hidden for t in window]

    def pattern_holds(self, weekday: int, minute: int) -> bool:
        """The daily/weekly part of the rule, for a local weekday (Monday=0) and minute of day."""
        if self.hours is None:
            return self.weekdays is None or weekday in self.weekdays
        return any(_in_window(w, self.weekdays, weekday, minute) for w in self.hours)

    def boundary_minutes(self) -> set[int]:
        """Minutes of the day where the pattern may switch; midnight for weekday changes."""
        minutes = {0}
        for window in self.hours or ():
            minutes.update((window.start, window.end % MINUTES_PER_DAY))
        return minutes

    def is_periodic(self) -> bool:
        """Whether the pattern is on at some local times and off at others."""
        if self.hours is None and self.weekdays is None:
            return False
        minutes = self.boundary_minutes()
        first = self.pattern_holds(0, 0)
        return any(self.pattern_holds(d, m) != first for d in range(7) for m in minutes)


def _in_window(window: TimeRange, weekdays: frozenset[int] | None, day: int, minute: int) -> bool:
    """An overnight window belongs to the day it starts: after midnight, yesterday decides."""

    def allowed(weekday: int) -> bool:
        return weekdays is None or weekday in weekdays

    if not window.overnight:
        return window.start <= minute < window.end and allowed(day)
    if minute >= window.start:
        return allowed(day)
    return minute < window.end and allowed((day - 1) % 7)


def _compile(valid: Validity | None, tz: ZoneInfo, hidden: tuple[Window, ...] = ()) -> _Rule:
    if valid is None:
        return _Rule(hidden=hidden)
    return _Rule(
        start=wall_to_instant(valid.from_.as_start(), tz) if valid.from_ else None,
        end=wall_to_instant(valid.until.as_end(), tz) if valid.until else None,
        weekdays=None if valid.weekdays is None else frozenset(map(WEEKDAYS.index, valid.weekdays)),
        hours=None if valid.hours is None else tuple(valid.hours),
        hidden=hidden,
    )


def reserve_windows(feed: Feed, tz: ZoneInfo | None = None) -> tuple[Window, ...]:
    """The feed's electoral reserve periods as UTC windows [from, until), in feed order.

    Read like an item's validity: ``from`` is the start of that day or that local time,
    ``until`` excludes its time or includes its whole day when it is a date.
    """
    tz = tz or ZoneInfo(feed.site.timezone)
    return tuple(
        (wall_to_instant(p.from_.as_start(), tz), wall_to_instant(p.until.as_end(), tz))
        for p in feed.reserve_periods
    )


def _hidden(entry: Entry, reserves: tuple[Window, ...]) -> tuple[Window, ...]:
    """When ``entry`` is hidden whatever its validity: promotional ones during reserves."""
    return reserves if entry.promotion else ()


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be an aware datetime, got naive {now.isoformat()}")
    return now.astimezone(UTC)


def _wall(instant: datetime, tz: ZoneInfo) -> tuple[int, int]:
    """(weekday, minute of day) that the site's wall clock shows at ``instant``."""
    local = instant.astimezone(tz)
    return local.weekday(), local.hour * 60 + local.minute


def _holds(rule: _Rule, instant: datetime, wall: tuple[int, int]) -> bool:
    if rule.start is not None and instant < rule.start:
        return False
    if rule.end is not None and instant >= rule.end:
        return False
    if any(start <= instant < end for start, end in rule.hidden):
        return False
    return rule.pattern_holds(*wall)


def _offset_change(lo: int, hi: int, tz: ZoneInfo) -> int:
    """First whole second in (lo, hi] where the zone's UTC offset differs from the one at lo.

    Zone transitions fall on whole seconds, so bisecting Unix seconds finds the exact one.
    """
    before = datetime.fromtimestamp(lo, tz).utcoffset()
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


def wall_to_instant(wall: datetime, tz: ZoneInfo) -> datetime:
    """The first instant (UTC) at which the site's wall clock reaches the naive time ``wall``.

    An ambiguous time (the repeated autumn hour) gives its first occurrence (fold=0); a time in
    the spring gap, which the clock never shows, gives the end of the gap.
    """
    wall = wall.replace(tzinfo=None)
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == wall:
        return instant
    # In a gap, fold=1 reads the offset after the change (an instant before it) and fold=0
    # the offset before (an instant after it): the change lies between the two.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    change = _offset_change(math.floor(before.timestamp()), math.ceil(instant.timestamp()), tz)
    return datetime.fromtimestamp(change, UTC)


def is_valid(
    valid: Validity | None, tz: ZoneInfo, now: datetime, hidden: tuple[Window, ...] = ()
) -> bool:
    """Whether every condition of ``valid`` holds at ``now``, read in the site's zone ``tz``,
    and ``now`` is in none of the ``hidden`` windows."""
    instant = _utc(now)
    return _holds(_compile(valid, tz, hidden), instant, _wall(instant, tz))


def in_reserve(feed: Feed, now: datetime) -> bool:
    """Whether ``now`` is inside one of the feed's electoral reserve periods."""
    instant = _utc(now)
    return any(start <= instant < end for start, end in reserve_windows(feed))


def targets(screens: list[str], tags: list[str], screen: Screen | None) -> bool:
    """Whether an item aimed at ``screens``/``tags`` shows on ``screen``.

    No screens and no tags means every screen. A kiosk with no screen name (``None``) sees only
    those untargeted items, so a misconfigured kiosk never shows another screen's content.
    """
    if not screens and not tags:
        return True
    if screen is None:
        return False
    return screen.name in screens or any(tag in tags for tag in screen.tags)


def screen_named(feed: Feed, name: str | None) -> Screen | None:
    """The screen called ``name``; a name the feed does not declare still matches by name."""
    if not name:
        return None
    return feed.screen(name) or Screen(name=name)


def _visible(entries: Iterable[Entry], screen: Screen | None) -> list[Entry]:
    return [entry for entry in entries if targets(entry.screens, entry.tags, screen)]


def active_items(feed: Feed, screen_name: str | None, now: datetime) -> list[Item]:
    """The rotation items showing on this screen at ``now``, in feed order (promotional ones
    left out during an electoral reserve period)."""
    tz = ZoneInfo(feed.site.timezone)
    screen = screen_named(feed, screen_name)
    reserves = reserve_windows(feed, tz)
    return [item for item in feed.rotation if _shows(item, screen, tz, now, reserves)]


def active_ticker(feed: Feed, screen_name: str | None, now: datetime) -> list[TickerMessage]:
    """The ticker messages showing on this screen at ``now``, in feed order (promotional
    ones left out during an electoral reserve period)."""
    tz = ZoneInfo(feed.site.timezone)
    screen = screen_named(feed, screen_name)
    reserves = reserve_windows(feed, tz)
    return [msg for msg in feed.ticker if _shows(msg, screen, tz, now, reserves)]


def _shows(
    entry: Entry, screen: Screen | None, tz: ZoneInfo, now: datetime, reserves: tuple[Window, ...]
) -> bool:
    return targets(entry.screens, entry.tags, screen) and is_valid(
        entry.valid, tz, now, _hidden(entry, reserves)
    )


class _Scan:
    """One :func:`next_change` computation: the zone, the stretch of time scanned, and caches.

    Items share most boundary instants (08:00 every day, midnights), so each local time is
    turned into instants, and each instant into a wall reading, only once.
    """

    def __init__(self, tz: ZoneInfo, now: datetime) -> None:
        self.tz = tz
        self.now = now
        self.horizon = now + HORIZON
        first = now.astimezone(tz).date() - _DAY
        last = self.horizon.astimezone(tz).date() + _DAY
        self.days = [first + k * _DAY for k in range((last - first).days + 1)]
        self.transitions = self._transitions()
        self._walls: dict[datetime, tuple[int, int]] = {}
        self._at_minute: dict[int, list[datetime]] = {}

    def _transitions(self) -> list[datetime]:
        """Instants where the wall clock jumps (DST), found by hourly sampling then bisection."""
        start = math.floor(self.now.timestamp()) // 3600 * 3600
        stop = math.ceil(self.horizon.timestamp())
        found: list[datetime] = []
        previous = datetime.fromtimestamp(start, self.tz).utcoffset()
        for hour in range(start + 3600, stop + 3600, 3600):
            offset = datetime.fromtimestamp(hour, self.tz).utcoffset()
            if offset != previous:
                change = _offset_change(hour - 3600, hour, self.tz)
                found.append(datetime.fromtimestamp(change, UTC))
            previous = offset
        return [t for t in found if self.now < t <= self.horizon]

    def holds(self, rule: _Rule, instant: datetime) -> bool:
        wall = self._walls.get(instant)
        if wall is None:
            wall = self._walls[instant] = _wall(instant, self.tz)
        return _holds(rule, instant, wall)

    def at_minute(self, minute: int) -> list[datetime]:
        """Instants in (now, horizon] where the wall clock reads ``minute``, both folds, sorted.

        A minute inside a spring gap is reached when the clock jumps: that instant is among
        :attr:`transitions`, so the readings here need not resolve gaps themselves.
        """
        if minute not in self._at_minute:
            found: set[datetime] = set()
            for fold in (0, 1):
                clock = time(minute // 60, minute % 60, fold=fold)
                found.update(datetime.combine(d, clock, self.tz).astimezone(UTC) for d in self.days)
            self._at_minute[minute] = sorted(t for t in found if self.now < t <= self.horizon)
        return self._at_minute[minute]

    def streams(self, rule: _Rule) -> list[list[datetime]]:
        """Sorted instants up to the horizon where this rule's daily/weekly pattern may switch."""
        return [self.transitions, *(self.at_minute(m) for m in rule.boundary_minutes())]


def _rule_change(rule: _Rule, scan: _Scan, limit: datetime | None) -> datetime | None:
    """When this one rule next turns on or off, looking no further than ``limit``.

    The pattern part is only followed up to the horizon; from/until are exact at any distance.
    """
    periodic = rule.is_periodic()
    bounds = sorted(t for t in rule.bounds() if t > scan.now)
    streams = [bounds, *scan.streams(rule)] if periodic else [bounds]
    before = scan.holds(rule, scan.now)
    for instant in heapq.merge(*streams):
        if limit is not None and instant >= limit:
            return None
        if periodic and instant > scan.horizon:
            return scan.horizon
        if scan.holds(rule, instant) != before:
            return instant
    if periodic and (rule.end is None or rule.end > scan.horizon):
        return scan.horizon  # nothing changed in sight, but the pattern may act later
    return None


def next_change(feed: Feed, screen_name: str | None, now: datetime) -> datetime | None:
    """The first instant (UTC) strictly after ``now`` when this screen's active set changes.

    The set (rotation items and ticker messages) changes exactly when one of its entries turns
    on or off, so this is the earliest such instant over the entries that target the screen.
    None means it never changes again; the horizon (now + 8 days) means "ask again then".
    """
    tz = ZoneInfo(feed.site.timezone)
    scan = _Scan(tz, _utc(now))
    screen = screen_named(feed, screen_name)
    reserves = reserve_windows(feed, tz)
    best: datetime | None = None
    for entry in _visible([*feed.rotation, *feed.ticker], screen):
        rule = _compile(entry.valid, tz, _hidden(entry, reserves))
        change = _rule_change(rule, scan, best)
        if change is not None and (best is None or change < best):
            best = change
    return best


#: :func:`first_shown` looks this many horizons (8 days each) past any hidden window before
#: assuming the entry shows: a weekly pattern with a day and an hour holds within one.
_MAX_SCANS = 64


def first_shown(
    valid: Validity | None, tz: ZoneInfo, since: datetime, hidden: tuple[Window, ...] = ()
) -> datetime | None:
    """The first instant at or after ``since`` when ``valid`` holds outside the ``hidden``
    windows; None when that never happens (what `kiosk validate` warns about)."""
    rule = _compile(valid, tz, hidden)
    instant = _utc(since)
    for _ in range(_MAX_SCANS):
        if rule.start is not None and instant < rule.start:
            instant = rule.start
        for start, end in sorted(rule.hidden):  # jump over hidden windows, chained ones too
            if start <= instant < end:
                instant = end
        if rule.end is not None and instant >= rule.end:
            return None
        if _holds(rule, instant, _wall(instant, tz)):
            return instant
        change = _rule_change(rule, _Scan(tz, instant), None)
        if change is None:
            return None
        if _holds(rule, change, _wall(change, tz)):
            return change
        instant = change  # the horizon: nothing in sight, look further
    return instant


#: Any stretch this long holds every weekday twice, and at most one clock change: a rule
#: with at least one weekday and one (non-empty) daily window holds somewhere in it.
_SURELY_SHOWN = timedelta(days=15)


def shows_between(
    valid: Validity | None,
    tz: ZoneInfo,
    since: datetime,
    until: datetime | None = None,
    hidden: tuple[Window, ...] = (),
) -> bool:
    """Whether ``valid`` holds at some instant of [since, until) (``until`` None: ever)
    outside the ``hidden`` windows.

    Cheaper than :func:`first_shown` for validation: a free stretch of 15 days or more
    answers at once, only shorter ones are scanned.
    """
    rule = _compile(valid, tz)
    if rule.weekdays == frozenset() or rule.hours == ():
        return False
    lo = max(t for t in (_utc(since), rule.start) if t is not None)
    ends = [t for t in (until and _utc(until), rule.end) if t is not None]
    hi = min(ends) if ends else None
    for start, end in sorted(hidden):
        if hi is not None and start >= hi:
            break
        if end <= lo:
            continue
        if start > lo and _free_shows(valid, tz, lo, start):
            return True
        lo = max(lo, end)
    return (hi is None or lo < hi) and _free_shows(valid, tz, lo, hi)


def _free_shows(valid: Validity | None, tz: ZoneInfo, lo: datetime, hi: datetime | None) -> bool:
    if hi is None or hi - lo >= _SURELY_SHOWN:
        return True
    first = first_shown(valid, tz, lo)
    return first is not None and first < hi


def validity_change(valid: Validity | None, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The first instant (UTC) after ``now`` when :func:`is_valid` of ``valid`` flips; None
    when it never does, the horizon (now + 8 days) when nothing changes in sight."""
    instant = _utc(now)
    return _rule_change(_compile(valid, tz), _Scan(tz, instant), None)
