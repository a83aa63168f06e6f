"""Whether a screen's panel is lit at an instant, and the next instant that changes.

Rules, in the site's time zone (windows read like an item's ``valid``, see
:mod:`kiosk.core.schedule`, daylight saving included):

- a screen is on when one of its ``power.on`` windows holds; with no ``on``, all the time;
- a street screen (``placement: street``) is off from 01:00 to 06:00 whatever its windows
  say (décret 2022-1294, code de l'environnement R581-35), unless ``night_off: false``; an
  indoor screen is not, unless ``night_off: true``;
- an official alert shown full screen lights it whatever the schedule. Alerts come from the
  network, not from the feed, so the caller says whether one is on screen.

A screen the feed does not declare, or no feed at all, is always on: a misconfigured kiosk
shows its content rather than a black panel. Like the rest of the core, no clock is read:
``now`` is given and the next change is returned, so the player sets one timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from kiosk.core.feed import Feed, Validity
from kiosk.core.schedule import HORIZON, is_valid, screen_named, validity_change, wall_to_instant
from kiosk.core.types import TimeRange

#: The French night switch-off of illuminated displays visible from a public road.
NIGHT_OFF = Validity(hours=[TimeRange(1 * 60, 6 * 60)])
#: How many changes of a single rule :func:`power_state` steps over looking for one that
#: changes the outcome (a window inside the night switch-off changes nothing, for example).
_MAX_STEPS = 64

Reason = Literal["always", "schedule", "night", "alert"]


@dataclass(frozen=True, slots=True)
class PowerState:
    """``on`` and why: ``always`` (no schedule), ``schedule`` (inside or outside the
    ``on`` windows), ``night`` (the street switch-off), ``alert`` (woken by an alert).
    ``until``: the next instant (UTC) the schedule changes; None: never."""

    on: bool
    reason: Reason
    until: datetime | None


@dataclass(frozen=True, slots=True)
class PowerPlan:
    """A screen's power rules: its ``on`` windows (None: always) and the night switch-off."""

    tz: ZoneInfo
    windows: tuple[Validity, ...] | None = None
    night_off: bool = False

    def rules(self) -> list[Validity]:
        return ([NIGHT_OFF] if self.night_off else []) + list(self.windows or ())


def plan_for(feed: Feed | None, screen_name: str | None) -> PowerPlan:
    if feed is None:
        return PowerPlan(ZoneInfo("Europe/Paris"))
    tz = ZoneInfo(feed.site.timezone)
    screen = screen_named(feed, screen_name)
    if screen is None:
        return PowerPlan(tz)
    power = screen.power
    night = power.night_off if power and power.night_off is not None else None
    if night is None:
        night = screen.placement == "street"
    windows = tuple(power.on) if power and power.on else None
    return PowerPlan(tz, windows, night)


def scheduled(plan: PowerPlan, now: datetime) -> tuple[bool, Reason]:
    """On or off at ``now`` by the schedule alone, and why."""
    if plan.night_off and is_valid(NIGHT_OFF, plan.tz, now):
        return False, "night"
    if plan.windows is None:
        return True, "always"
    return any(is_valid(w, plan.tz, now) for w in plan.windows), "schedule"


def next_power_change(plan: PowerPlan, now: datetime) -> datetime | None:
    """The first instant (UTC) after ``now`` when :func:`scheduled` gives another answer;
    None: never; ``now`` + 8 days at most (ask again then)."""
    rules = plan.rules()
    current = scheduled(plan, now)
    instant = now.astimezone(UTC)
    horizon = instant + HORIZON
    for _ in range(_MAX_STEPS):
        changes = [c for rule in rules if (c := validity_change(rule, plan.tz, instant))]
        if not changes:
            return None
        instant = min(changes)
        if scheduled(plan, instant) != current or instant >= horizon:
            return instant
    return instant


def power_state(
    feed: Feed | None, screen_name: str | None, now: datetime, alert: bool = False
) -> PowerState:
    """Whether this screen is lit at ``now``; ``alert``: an official alert is on screen."""
    plan = plan_for(feed, screen_name)
    on, reason = scheduled(plan, now)
    until = next_power_change(plan, now)
    if alert and not on:
        return PowerState(True, "alert", until)
    return PowerState(on, reason, until)


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of a day with one power state, as UTC instants [start, end)."""

    start: datetime
    end: datetime
    on: bool
    reason: Reason


def day_plan(feed: Feed | None, screen_name: str | None, day: date) -> list[Stretch]:
    """The stretches of the local ``day`` (midnight to midnight), for `kiosk doctor`."""
    plan = plan_for(feed, screen_name)
    start = wall_to_instant(datetime.combine(day, time()), plan.tz)
    end = wall_to_instant(datetime.combine(day + timedelta(days=1), time()), plan.tz)
    stretches: list[Stretch] = []
    instant = start
    while instant < end:
        on, reason = scheduled(plan, instant)
        change = next_power_change(plan, instant)
        stop = min(change, end) if change else end
        stretches.append(Stretch(instant, stop, on, reason))
        instant = stop
    return stretches


def describe_day(stretches: list[Stretch], tz: ZoneInfo) -> str:
    """'on 00:00-01:00, off 01:00-06:00 (night switch-off), on 06:00-24:00'."""
    words = {"night": " (night switch-off)", "schedule": "", "always": "", "alert": ""}
    parts = []
    for s in stretches:
        begin = s.start.astimezone(tz).strftime("%H:%M")
        local_end = s.end.astimezone(tz)
        finish = "24:00" if s is stretches[-1] else local_end.strftime("%H:%M")
        parts.append(f"{'on' if s.on else 'off'} {begin}-{finish}{words[s.reason]}")
    return ", ".join(parts)
