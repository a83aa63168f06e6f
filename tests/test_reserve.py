"""Electoral reserve periods, and what no screen will ever show.

The schedule rules hide promotional items during reserve periods, on every screen, with the
periods' bounds as exact change instants; `kiosk validate` says when each promotional item
will be hidden and warns about items that never show.

Europe/Paris: CET (UTC+1) in winter; on 2027-03-28 the clocks jump from 02:00 to 03:00 (at
01:00 UTC) and on 2027-10-31 they go back from 03:00 to 02:00 (at 01:00 UTC), so 02:30
happens twice that night (00:30 and 01:30 UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest

from kiosk.core.feed import Feed, Validity
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.schedule import (
    HORIZON,
    active_items,
    active_ticker,
    first_shown,
    in_reserve,
    next_change,
    reserve_windows,
    shows_between,
)
from kiosk.core.types import dec_hook
from kiosk.core.validate import Context, validate
from kiosk.errors import Problem

PARIS = ZoneInfo("Europe/Paris")
MUNICIPALES = {"id": "municipales-2027", "from": "2027-02-01", "until": "2027-03-21"}


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def make_feed(
    rotation: list[dict[str, Any]],
    reserves: list[dict[str, Any]],
    ticker: list[dict[str, Any]] | None = None,
) -> Feed:
    data = {
        "version": 1,
        "site": {"name": "Saint-Martin"},
        "screens": [{"name": "hall", "tags": ["inside"]}, {"name": "totem", "tags": ["street"]}],
        "rotation": rotation,
        "ticker": ticker or [],
        "reserve_periods": reserves,
    }
    return msgspec.convert(data, Feed, dec_hook=dec_hook)


def item(item_id: str, **extra: Any) -> dict[str, Any]:
    return {"type": "announcement", "id": item_id, "title": item_id, **extra}


def ids(feed: Feed, screen: str | None, now: datetime) -> set[str]:
    return {i.id for i in active_items(feed, screen, now)} | {
        m.id for m in active_ticker(feed, screen, now)
    }


# -- the schedule: hidden during the period, on every screen ----------------------------------

DATE_FEED = make_feed(
    [
        item("bilan", promotion=True),
        item("travaux"),
        item("inauguration", promotion=True, tags=["street"]),
    ],
    [MUNICIPALES],
    ticker=[{"id": "mandat", "text": "Trois écoles rénovées", "promotion": True}],
)


def test_date_bounds_are_midnight_to_the_end_of_the_until_day_in_local_time() -> None:
    # 2027-02-01 00:00 CET is 2027-01-31 23:00 UTC; the end of 2027-03-21 is 23:00 UTC.
    assert reserve_windows(DATE_FEED) == ((utc(2027, 1, 31, 23), utc(2027, 3, 21, 23)),)
    everything = {"bilan", "travaux", "inauguration", "mandat"}
    assert ids(DATE_FEED, "totem", utc(2027, 1, 31, 22, 59, 59)) == everything
    assert ids(DATE_FEED, "totem", utc(2027, 1, 31, 23)) == {"travaux"}
    assert ids(DATE_FEED, "totem", utc(2027, 3, 21, 22, 59, 59)) == {"travaux"}
    assert ids(DATE_FEED, "totem", utc(2027, 3, 21, 23)) == everything
    assert in_reserve(DATE_FEED, utc(2027, 1, 31, 23))
    assert not in_reserve(DATE_FEED, utc(2027, 1, 31, 22, 59, 59))


@pytest.mark.parametrize("screen", ["hall", "totem", "unnamed-kiosk", None])
def test_promotional_items_are_hidden_on_every_screen(screen: str | None) -> None:
    during = utc(2027, 2, 15, 10)
    assert ids(DATE_FEED, screen, during) == {"travaux"}
    before = ids(DATE_FEED, screen, utc(2027, 1, 15, 10))
    assert {"bilan", "mandat", "travaux"} <= before  # untargeted: every screen, before


def test_the_period_bounds_are_change_instants_however_far() -> None:
    # Months ahead, the start of the period is the exact next change (no polling)...
    assert next_change(DATE_FEED, "hall", utc(2026, 11, 23, 14)) == utc(2027, 1, 31, 23)
    # ... and during it, its end.
    assert next_change(DATE_FEED, "hall", utc(2027, 2, 1, 8)) == utc(2027, 3, 21, 23)


def test_a_feed_with_no_promotional_item_does_not_change_at_the_period() -> None:
    feed = make_feed([item("travaux")], [MUNICIPALES])
    assert next_change(feed, "hall", utc(2027, 1, 20)) is None


POOL = {"promotion": True, "valid": {"hours": ["08:00-20:00"]}}
# 02:30 on 2027-03-28 does not exist (the clocks jump); on 2027-10-31 it happens twice.
DST_RESERVE = [{"id": "legislatives", "from": "2027-03-28T02:30", "until": "2027-10-31T02:30"}]
DST_FEED = make_feed([item("bilan", promotion=True), item("piscine", **POOL)], DST_RESERVE)


def test_a_start_in_the_spring_gap_is_the_moment_the_clocks_jump() -> None:
    assert ids(DST_FEED, "hall", utc(2027, 3, 28, 0, 59, 59)) == {"bilan"}  # 01:59:59 CET
    assert ids(DST_FEED, "hall", utc(2027, 3, 28, 1)) == set()  # 03:00 CEST
    assert next_change(DST_FEED, "hall", utc(2027, 3, 27, 20)) == utc(2027, 3, 28, 1)


def test_an_end_in_the_repeated_autumn_hour_is_its_first_occurrence() -> None:
    assert ids(DST_FEED, "hall", utc(2027, 10, 31, 0, 29, 59)) == set()  # 02:29:59 CEST
    assert ids(DST_FEED, "hall", utc(2027, 10, 31, 0, 30)) == {"bilan"}  # 02:30 CEST
    # The pool's hours (08:00-20:00) end at 18:00 UTC that Saturday, but it is hidden
    # anyway: the next change is the end of the period.
    assert next_change(DST_FEED, "hall", utc(2027, 10, 30, 12)) == utc(2027, 10, 31, 0, 30)


def test_during_the_period_daily_hours_of_a_promotional_item_change_nothing() -> None:
    feed = make_feed([item("piscine", **POOL)], DST_RESERVE)
    now = utc(2027, 6, 1, 5)  # 07:00 CEST, an hour before the pool's hours
    assert next_change(feed, "hall", now) == now + HORIZON  # not 06:00 UTC: still hidden
    # After the period, its hours count again: 08:00 CET on 31 October.
    assert next_change(feed, "hall", utc(2027, 10, 30, 20)) == utc(2027, 10, 31, 7)


# -- first_shown: the rule validation relies on ------------------------------------------------


def validity(**rules: Any) -> Validity:
    return msgspec.convert(rules, Validity, dec_hook=dec_hook)


# Monday 4 to Friday 8 January 2027.
WORKWEEK = {"from": "2027-01-04", "until": "2027-01-08"}


def test_first_shown_finds_the_first_matching_moment_or_none() -> None:
    start = utc(2027, 1, 1)
    assert first_shown(validity(**WORKWEEK), PARIS, start) == utc(2027, 1, 3, 23)  # Mon 00:00
    assert first_shown(validity(**WORKWEEK, weekdays=["fri"]), PARIS, start) == utc(2027, 1, 7, 23)
    assert first_shown(validity(**WORKWEEK, weekdays=["sat"]), PARIS, start) is None
    # From a moment after the start: the first matching moment after it.
    evenings = validity(**WORKWEEK, hours=["18:00-20:00"])
    at_1930 = utc(2027, 1, 5, 18, 30)  # Tuesday 19:30 CET: on
    assert first_shown(evenings, PARIS, at_1930) == at_1930
    assert first_shown(evenings, PARIS, utc(2027, 1, 5, 19)) == utc(2027, 1, 6, 17)  # next 18:00
    assert first_shown(evenings, PARIS, utc(2027, 1, 8, 19)) is None  # after Friday 20:00 CET


def test_first_shown_jumps_over_hidden_windows_even_chained_ones() -> None:
    windows = ((utc(2027, 2, 1), utc(2027, 3, 1)), (utc(2027, 3, 1), utc(2027, 4, 1)))
    assert first_shown(None, PARIS, utc(2027, 2, 10), windows) == utc(2027, 4, 1)
    assert first_shown(validity(until="2027-03-15"), PARIS, utc(2027, 2, 10), windows) is None


def test_shows_between_looks_at_the_free_stretches_between_hidden_windows() -> None:
    # Free from Monday 1 March 01:00 to Wednesday 3 March 01:00, Paris time.
    windows = ((utc(2027, 2, 1), utc(2027, 3, 1)), (utc(2027, 3, 3), utc(2027, 4, 1)))
    since, until = utc(2027, 2, 10), utc(2027, 4, 1)

    def days(*names: str) -> Validity:
        return validity(weekdays=list(names))

    assert shows_between(days("tue"), PARIS, since, until, windows)
    assert shows_between(days("wed"), PARIS, since, until, windows)  # its first hour is free
    assert not shows_between(days("thu", "sat"), PARIS, since, until, windows)
    assert shows_between(days("sat"), PARIS, since, None, windows)  # after April
    assert not shows_between(days(), PARIS, since)  # no weekday at all: never
    # A long free stretch answers without scanning; a short one is scanned.
    assert shows_between(days("sat"), PARIS, utc(2027, 6, 1), utc(2027, 6, 20))
    assert not shows_between(days("sat"), PARIS, utc(2027, 6, 6), utc(2027, 6, 11, 22))


# -- `kiosk validate` ------------------------------------------------------------------------

NOW = utc(2026, 11, 23, 14)


def check(text: str, now: datetime | None = NOW) -> list[Problem]:
    _feed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"), Context(now=now))
    return problems


def feed_text(rotation: str, reserves: str = "", ticker: str = "") -> str:
    text = "version: 1\nsite: {name: Saint-Martin}\n"
    text += "screens:\n  - {name: hall, tags: [inside]}\n  - {name: totem, tags: [street]}\n"
    text += "reserve_periods:\n" + (
        reserves or "  - {id: municipales-2027, from: 2027-02-01, until: 2027-03-21T20:00}\n"
    )
    text += "rotation:\n" + rotation
    if ticker:
        text += "ticker:\n" + ticker
    return text


def warnings(problems: list[Problem]) -> dict[str, str]:
    assert not [p for p in problems if not p.warning], problems
    return {p.path: p.message for p in problems}


def test_each_promotional_item_is_told_when_it_will_be_hidden() -> None:
    problems = check(
        feed_text(
            "  - {id: bilan, type: announcement, title: Bilan, promotion: true}\n"
            "  - {id: travaux, type: announcement, title: Travaux}\n"
            "  - id: stade\n    type: announcement\n    title: Nouveau stade\n"
            "    promotion: true\n    valid: {from: 2027-01-10, until: 2027-02-14}\n",
            ticker="  - {id: mandat, text: Écoles rénovées, promotion: true}\n",
        )
    )
    assert warnings(problems) == {
        "rotation[0].promotion": "promotional item: hidden from 2027-02-01 00:00 to "
        "2027-03-21 20:00 (Europe/Paris), reserve period 'municipales-2027'",
        # Only while it would otherwise show: its validity ends with 14 February.
        "rotation[2].promotion": "promotional item: hidden from 2027-02-01 00:00 to "
        "2027-02-15 00:00 (Europe/Paris), reserve period 'municipales-2027'",
        "ticker[0].promotion": "promotional item: hidden from 2027-02-01 00:00 to "
        "2027-03-21 20:00 (Europe/Paris), reserve period 'municipales-2027'",
    }
    assert {p.line for p in problems} == {9, 14, 17}  # the `promotion` lines


def test_the_hidden_window_is_given_in_local_time_across_a_clock_change() -> None:
    problems = check(
        feed_text(
            "  - {id: bilan, type: announcement, title: Bilan, promotion: true}\n",
            "  - {id: legislatives, from: 2027-03-28T02:30, until: 2027-10-31T02:30}\n",
        )
    )
    assert warnings(problems) == {
        "rotation[0].promotion": "promotional item: hidden from 2027-03-28 03:00 to "
        "2027-10-31 02:30 (Europe/Paris), reserve period 'legislatives'"
    }


def test_a_promotional_item_valid_only_inside_a_period_is_never_shown() -> None:
    inside = (
        "  - id: inauguration\n    type: announcement\n    title: Inauguration\n"
        "    promotion: true\n    valid: {from: 2027-02-10, until: 2027-02-20}\n"
    )
    assert warnings(check(feed_text(inside))) == {
        "rotation[0].promotion": "promotional item: no screen will ever show it, it is valid "
        "only during electoral reserve periods (hidden from 2027-02-10 00:00 to 2027-02-21 "
        "00:00 (Europe/Paris), reserve period 'municipales-2027')"
    }
    # Started before the period, ends inside it, and now is inside it: never again.
    since_january = inside.replace("from: 2027-02-10", "from: 2027-01-01")
    found = warnings(check(feed_text(since_january), now=utc(2027, 2, 5)))
    assert found["rotation[0].promotion"].startswith(
        "promotional item: no screen will show it again, it is valid only during"
    )


def test_periods_over_or_not_overlapping_and_plain_items_give_no_warning() -> None:
    problems = check(
        feed_text(
            "  - {id: bilan, type: announcement, title: Bilan, promotion: true,\n"
            "     valid: {until: 2027-01-31}}\n"
            "  - {id: travaux, type: announcement, title: Travaux}\n"
            # Saturdays only; the period is one Tuesday: it would not have shown anyway.
            "  - {id: marche, type: announcement, title: Marché, promotion: true,\n"
            "     valid: {weekdays: [sat]}}\n",
            "  - {id: jour, from: 2027-02-09, until: 2027-02-09}\n"
            "  - {id: passe, from: 2026-01-01, until: 2026-03-22}\n",
        )
    )
    assert problems == []


@pytest.mark.parametrize(
    ("reserves", "path", "line", "phrase"),
    [
        (
            "  - {id: a, from: 2027-03-01, until: 2027-02-01}\n",
            "reserve_periods[0].until",
            7,
            "'2027-02-01' is not after 'from' (2027-03-01)",
        ),
        (
            "  - {id: a, from: 2027-03-01T10:00, until: 2027-03-01T10:00}\n",
            "reserve_periods[0].until",
            7,
            "is not after 'from'",
        ),
        (
            "  - {id: a, from: 2027-02-01, until: 2027-02-02}\n"
            "  - {id: a, from: 2027-05-01, until: 2027-05-02}\n",
            "reserve_periods[1].id",
            8,
            "reserve period 'a' is already declared at reserve_periods[0]",
        ),
        (
            "  - {id: a, until: 2027-02-02}\n",
            "reserve_periods[0]",
            7,
            "missing required field `from`",
        ),
        (
            "  - {id: a, from: 2027-02-01, until: 2027-02-02, label: {en: Elections}}\n",
            "reserve_periods[0].label",
            7,
            "no text in 'fr'",
        ),
    ],
)
def test_reserve_period_mistakes(reserves: str, path: str, line: int, phrase: str) -> None:
    problems = check(feed_text("  - {id: travaux, type: announcement, title: Travaux}\n", reserves))
    errors = [p for p in problems if not p.warning]
    assert [(p.path, p.line) for p in errors] == [(path, line)], errors
    assert phrase in errors[0].message


def test_promotion_must_be_true_or_false() -> None:
    problems = check(
        feed_text("  - {id: travaux, type: announcement, title: Travaux, promotion: oui}\n")
    )
    [error] = [p for p in problems if not p.warning]
    assert error.path == "rotation[0].promotion" and "expected true or false" in error.message


# -- items no screen will ever show -------------------------------------------------------------


def test_validity_that_can_never_hold_is_a_warning_naming_the_item() -> None:
    problems = check(
        feed_text(
            # Monday 4 to Friday 8 January: no Saturday in it.
            "  - {id: marche, type: announcement, title: Marché,\n"
            "     valid: {from: 2027-01-04, until: 2027-01-08, weekdays: [sat, sun]}}\n"
            # 12:00 to 18:00 on one day, shown only 19:00-22:00.
            "  - {id: concert, type: announcement, title: Concert,\n"
            "     valid: {from: 2027-01-04T12:00, until: 2027-01-04T18:00,\n"
            "             hours: [19:00-22:00]}}\n"
            # Fine: Friday evening is inside.
            "  - {id: fete, type: announcement, title: Fête,\n"
            "     valid: {from: 2027-01-04, until: 2027-01-08, weekdays: [fri],\n"
            "             hours: [18:00-23:00]}}\n"
            # Overnight window of Friday reaching into Saturday 01:00: inside the range.
            "  - {id: nuit, type: announcement, title: Nuit,\n"
            "     valid: {from: 2027-01-09T00:00, until: 2027-01-09T02:00, weekdays: [fri],\n"
            "             hours: [22:00-03:00]}}\n",
            ticker="  - {id: soldes, text: Soldes,\n"
            "     valid: {from: 2027-01-04, until: 2027-01-05, weekdays: [sun]}}\n",
        ),
    )
    assert warnings(problems) == {
        "rotation[0].valid": "no screen will ever show this item: no moment between "
        "2027-01-04 and 2027-01-08 matches its weekdays (sat, sun)",
        "rotation[1].valid": "no screen will ever show this item: no moment between "
        "2027-01-04T12:00 and 2027-01-04T18:00 matches its hours (19:00-22:00)",
        "ticker[0].valid": "no screen will ever show this item: no moment between "
        "2027-01-04 and 2027-01-05 matches its weekdays (sun)",
    }


def test_what_is_left_of_a_validity_counts_and_ended_items_keep_their_own_warning() -> None:
    text = feed_text(
        "  - {id: semaine, type: announcement, title: Semaine,\n"
        "     valid: {from: 2026-11-16, until: 2026-11-28, weekdays: [mon]}}\n"
        "  - {id: fini, type: announcement, title: Fini,\n"
        "     valid: {from: 2026-11-02, until: 2026-11-06, weekdays: [sat]}}\n"
    )
    # Tuesday 24 November: no Monday left before the 28th.
    found = warnings(check(text, now=utc(2026, 11, 24, 9)))
    assert found == {
        "rotation[0].valid": "no screen will show this item again: no moment from now to "
        "its end (2026-11-28) matches its weekdays (mon)",
        "rotation[1].valid.until": "ended on 2026-11-06: this item will not show again",
    }
    assert check(text, now=utc(2026, 11, 20, 9))[0].path == "rotation[1].valid.until"
