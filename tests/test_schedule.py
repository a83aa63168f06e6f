"""Schedule rules: validity at an instant, targeting, and the next instant anything changes.

Europe/Paris changes clocks on 2026-03-29 (02:00 CET -> 03:00 CEST, at 01:00 UTC) and on
2026-10-25 (03:00 CEST -> 02:00 CET, at 01:00 UTC). 2026-06-01 is a Monday.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest

from kiosk.core.feed import Feed, Screen, Validity
from kiosk.core.schedule import (
    HORIZON,
    active_items,
    active_ticker,
    is_valid,
    next_change,
    targets,
    wall_to_instant,
)
from kiosk.core.types import dec_hook

PARIS = ZoneInfo("Europe/Paris")


def paris(
    y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, *, fold: int = 0
) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=PARIS, fold=fold)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def validity(**rules: Any) -> Validity:
    if "from_" in rules:
        rules["from"] = rules.pop("from_")
    return msgspec.convert(rules, Validity, dec_hook=dec_hook)


def item(item_id: str, valid: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "announcement", "id": item_id, "title": item_id, **extra}
    if valid is not None:
        data["valid"] = valid
    return data


def make_feed(rotation: list[dict[str, Any]], ticker: list[dict[str, Any]] | None = None) -> Feed:
    data = {
        "version": 1,
        "site": {"name": "Saint-Martin"},
        "screens": [
            {"name": "hall", "tags": ["inside"]},
            {"name": "totem", "orientation": "portrait", "tags": ["street"]},
        ],
        "rotation": rotation,
        "ticker": ticker or [],
    }
    return msgspec.convert(data, Feed, dec_hook=dec_hook)


def shown(feed: Feed, screen: str | None, now: datetime) -> set[str]:
    ids = {i.id for i in active_items(feed, screen, now)}
    return ids | {m.id for m in active_ticker(feed, screen, now)}


# -- is_valid -----------------------------------------------------------------------------


def test_no_rules_is_always_valid() -> None:
    assert is_valid(None, PARIS, utc(2026, 6, 1, 3))
    assert is_valid(validity(), PARIS, utc(2026, 6, 1, 3))


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        is_valid(None, PARIS, datetime(2026, 6, 1, 12))


@pytest.mark.parametrize(
    ("rules", "at", "expected"),
    [
        ({"from_": "2026-06-01T08:00"}, paris(2026, 6, 1, 8, 0), True),  # from is inclusive
        ({"from_": "2026-06-01T08:00"}, paris(2026, 6, 1, 7, 59, 59), False),
        ({"from_": "2026-06-01"}, paris(2026, 6, 1, 0, 0), True),
        ({"from_": "2026-06-01"}, paris(2026, 5, 31, 23, 59, 59), False),
        ({"until": "2026-06-30"}, paris(2026, 6, 30, 23, 59, 59), True),  # date: whole day in
        ({"until": "2026-06-30"}, paris(2026, 7, 1, 0, 0), False),
        ({"until": "2026-06-30T18:00"}, paris(2026, 6, 30, 17, 59, 59), True),
        ({"until": "2026-06-30T18:00"}, paris(2026, 6, 30, 18, 0), False),  # exclusive
    ],
)
def test_from_and_until_boundaries(rules: dict[str, str], at: datetime, expected: bool) -> None:
    assert is_valid(validity(**rules), PARIS, at) is expected


def test_from_is_read_in_the_site_zone_whatever_zone_now_is_in() -> None:
    rule = validity(from_="2026-06-01T08:00")  # 06:00 UTC in summer
    assert not is_valid(rule, PARIS, utc(2026, 6, 1, 5, 59))
    assert is_valid(rule, PARIS, utc(2026, 6, 1, 6, 0))
    assert is_valid(rule, PARIS, datetime(2026, 6, 1, 2, 0, tzinfo=ZoneInfo("America/New_York")))


def test_weekday_is_the_local_one() -> None:
    rule = validity(weekdays=["mon"])
    assert is_valid(rule, PARIS, utc(2026, 5, 31, 22, 30))  # Sunday in UTC, Monday 00:30 here
    assert not is_valid(rule, PARIS, utc(2026, 5, 31, 21, 30))


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (paris(2026, 6, 5, 21, 59), False),  # Friday before the window
        (paris(2026, 6, 5, 22, 0), True),  # Friday night
        (paris(2026, 6, 5, 23, 59), True),
        (paris(2026, 6, 6, 0, 0), True),  # Saturday early hours: still Friday's window
        (paris(2026, 6, 6, 1, 59), True),
        (paris(2026, 6, 6, 2, 0), False),
        (paris(2026, 6, 5, 1, 0), False),  # Friday 01:00 belongs to Thursday's window
        (paris(2026, 6, 6, 22, 30), False),  # Saturday night
    ],
)
def test_overnight_window_belongs_to_the_day_it_starts(at: datetime, expected: bool) -> None:
    rule = validity(weekdays=["fri"], hours=["22:00-02:00"])
    assert is_valid(rule, PARIS, at) is expected


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(0, 0, True), (1, 59, True), (2, 0, False), (12, 0, False), (21, 59, False), (22, 0, True)],
)
def test_overnight_window_without_weekdays_covers_every_night(
    hour: int, minute: int, expected: bool
) -> None:
    rule = validity(hours=["22:00-02:00"])
    for day in range(1, 8):
        assert is_valid(rule, PARIS, paris(2026, 6, day, hour, minute)) is expected


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(19, 59, False), (20, 0, True), (23, 59, True), (0, 0, False)],
)
def test_window_ending_at_midnight(hour: int, minute: int, expected: bool) -> None:
    assert (
        is_valid(validity(hours=["20:00-24:00"]), PARIS, paris(2026, 6, 2, hour, minute))
        is expected
    )


def test_any_window_of_several_matches() -> None:
    rule = validity(hours=["08:30-12:00", "14:00-17:30"])
    assert is_valid(rule, PARIS, paris(2026, 6, 1, 10))
    assert not is_valid(rule, PARIS, paris(2026, 6, 1, 13))
    assert is_valid(rule, PARIS, paris(2026, 6, 1, 17, 29))
    assert not is_valid(rule, PARIS, paris(2026, 6, 1, 17, 30))


def test_empty_lists_mean_never() -> None:
    # Validation refuses these with a message; the schedule stays consistent with it.
    assert not is_valid(validity(weekdays=[]), PARIS, utc(2026, 6, 1, 12))
    assert not is_valid(validity(hours=[]), PARIS, utc(2026, 6, 1, 12))


def test_window_in_the_spring_gap_never_happens() -> None:
    rule = validity(hours=["02:00-03:00"])
    minute = utc(2026, 3, 28, 23, 0)
    while minute < utc(2026, 3, 29, 3, 0):
        assert not is_valid(rule, PARIS, minute), minute
        minute += timedelta(minutes=1)
    assert is_valid(rule, PARIS, paris(2026, 3, 28, 2, 30))
    assert is_valid(rule, PARIS, paris(2026, 3, 30, 2, 30))


def test_window_in_the_autumn_repeat_covers_both_occurrences() -> None:
    rule = validity(hours=["02:00-03:00"])
    assert not is_valid(rule, PARIS, utc(2026, 10, 24, 23, 59))  # 01:59 CEST
    assert is_valid(rule, PARIS, utc(2026, 10, 25, 0, 0))  # 02:00 CEST
    assert is_valid(rule, PARIS, utc(2026, 10, 25, 0, 59))
    assert is_valid(rule, PARIS, utc(2026, 10, 25, 1, 0))  # 02:00 CET, the second time
    assert is_valid(rule, PARIS, paris(2026, 10, 25, 2, 30, fold=1))
    assert not is_valid(rule, PARIS, utc(2026, 10, 25, 2, 0))  # 03:00 CET


def test_from_inside_the_spring_gap_starts_when_the_gap_ends() -> None:
    rule = validity(from_="2026-03-29T02:30")  # never shown by the clock
    assert not is_valid(rule, PARIS, utc(2026, 3, 29, 0, 59, 59))
    assert is_valid(rule, PARIS, utc(2026, 3, 29, 1, 0))  # 03:00 CEST


def test_ambiguous_from_and_until_take_the_first_occurrence() -> None:
    start = validity(from_="2026-10-25T02:30")
    assert not is_valid(start, PARIS, utc(2026, 10, 25, 0, 29, 59))
    assert is_valid(start, PARIS, utc(2026, 10, 25, 0, 30))  # 02:30 CEST
    end = validity(until="2026-10-25T02:30")
    assert is_valid(end, PARIS, utc(2026, 10, 25, 0, 29, 59))
    assert not is_valid(end, PARIS, utc(2026, 10, 25, 0, 30))
    assert not is_valid(end, PARIS, utc(2026, 10, 25, 1, 30))  # 02:30 CET, later


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        (datetime(2026, 6, 1, 8, 0), utc(2026, 6, 1, 6, 0)),
        (datetime(2026, 1, 15, 8, 0), utc(2026, 1, 15, 7, 0)),
        (datetime(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0)),  # gap: its end
        (datetime(2026, 3, 29, 2, 59), utc(2026, 3, 29, 1, 0)),
        (datetime(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0)),
        (datetime(2026, 10, 25, 2, 0), utc(2026, 10, 25, 0, 0)),  # repeat: the first one
        (datetime(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0)),
    ],
)
def test_wall_to_instant(wall: datetime, expected: datetime) -> None:
    result = wall_to_instant(wall, PARIS)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


# -- targeting ----------------------------------------------------------------------------

HALL = Screen(name="hall", tags=["inside", "town-hall"])


@pytest.mark.parametrize(
    ("screens", "tags", "screen", "expected"),
    [
        ([], [], HALL, True),  # untargeted: every screen
        ([], [], None, True),
        (["hall"], [], HALL, True),
        (["totem"], [], HALL, False),
        ([], ["inside"], HALL, True),
        ([], ["street"], HALL, False),
        (["totem"], ["town-hall"], HALL, True),  # either a name or a tag is enough
        (["hall"], [], None, False),  # no screen configured: targeted items are not for it
        ([], ["inside"], None, False),
    ],
)
def test_targets(
    screens: list[str], tags: list[str], screen: Screen | None, expected: bool
) -> None:
    assert targets(screens, tags, screen) is expected


def test_active_items_filter_by_screen_and_time_in_feed_order() -> None:
    feed = make_feed(
        [
            item("everyone"),
            item("hall-only", screens=["hall"]),
            item("street", tags=["street"]),
            item("mornings", {"hours": ["08:00-12:00"]}),
            item("inside-mornings", {"hours": ["08:00-12:00"]}, tags=["inside"]),
        ]
    )
    morning, evening = paris(2026, 6, 1, 9), paris(2026, 6, 1, 19)
    ids = [i.id for i in active_items(feed, "hall", morning)]
    assert ids == ["everyone", "hall-only", "mornings", "inside-mornings"]
    assert [i.id for i in active_items(feed, "totem", morning)] == [
        "everyone",
        "street",
        "mornings",
    ]
    assert [i.id for i in active_items(feed, "hall", evening)] == ["everyone", "hall-only"]
    assert [i.id for i in active_items(feed, None, morning)] == ["everyone", "mornings"]


def test_an_undeclared_screen_name_still_matches_items_naming_it() -> None:
    feed = make_feed([item("kiosk-2", screens=["annex"]), item("inside", tags=["inside"])])
    assert [i.id for i in active_items(feed, "annex", paris(2026, 6, 1, 9))] == ["kiosk-2"]


def test_active_ticker() -> None:
    feed = make_feed(
        [],
        ticker=[
            {"id": "works", "text": "Travaux rue Haute", "valid": {"until": "2026-06-10"}},
            {"id": "market", "text": "Marché samedi", "tags": ["street"]},
        ],
    )
    at = paris(2026, 6, 1, 9)
    assert [m.id for m in active_ticker(feed, "totem", at)] == ["works", "market"]
    assert [m.id for m in active_ticker(feed, "hall", at)] == ["works"]
    assert [m.id for m in active_ticker(feed, "totem", paris(2026, 6, 11))] == ["market"]


# -- next_change --------------------------------------------------------------------------


def test_next_change_is_none_without_time_rules() -> None:
    feed = make_feed([item("a"), item("b", screens=["hall"])], [{"id": "t", "text": "Bonjour"}])
    assert next_change(feed, "hall", utc(2026, 6, 1, 12)) is None
    assert next_change(make_feed([]), None, utc(2026, 6, 1, 12)) is None


def test_next_change_is_none_once_everything_has_ended() -> None:
    feed = make_feed([item("old", {"until": "2026-05-01", "hours": ["08:00-12:00"]})])
    assert next_change(feed, None, paris(2026, 6, 1, 9)) is None


def test_next_change_hits_the_window_start_exactly() -> None:
    feed = make_feed([item("a", {"hours": ["08:00-12:00"]})])
    result = next_change(feed, None, paris(2026, 6, 1, 7, 59, 30))
    assert result == paris(2026, 6, 1, 8, 0)
    assert result is not None and result.utcoffset() == timedelta(0)  # UTC: safe to subtract


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (paris(2026, 6, 1, 8, 0), paris(2026, 6, 1, 12, 0)),  # strictly after now
        (paris(2026, 6, 1, 11, 59, 59), paris(2026, 6, 1, 12, 0)),
        (paris(2026, 6, 1, 12, 0), paris(2026, 6, 2, 8, 0)),
    ],
)
def test_next_change_is_strictly_after_now(now: datetime, expected: datetime) -> None:
    feed = make_feed([item("a", {"hours": ["08:00-12:00"]})])
    assert next_change(feed, None, now) == expected


def test_next_change_at_midnight_for_24_00_and_weekdays() -> None:
    late = make_feed([item("a", {"hours": ["20:00-24:00"]})])
    assert next_change(late, None, paris(2026, 6, 1, 23)) == paris(2026, 6, 2, 0, 0)
    weekend = make_feed([item("a", {"weekdays": ["sat", "sun"]})])
    assert next_change(weekend, None, paris(2026, 6, 5, 15)) == paris(2026, 6, 6, 0, 0)
    assert next_change(weekend, None, paris(2026, 6, 6, 15)) == paris(2026, 6, 8, 0, 0)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (paris(2026, 6, 5, 12), paris(2026, 6, 5, 22)),  # Friday noon -> Friday night
        (paris(2026, 6, 5, 23), paris(2026, 6, 6, 2)),  # -> Saturday 02:00
        (paris(2026, 6, 6, 2), paris(2026, 6, 12, 22)),  # -> next Friday
        (paris(2026, 6, 4, 23), paris(2026, 6, 5, 22)),  # Thursday night is not Friday's
    ],
)
def test_next_change_overnight_with_weekdays(now: datetime, expected: datetime) -> None:
    feed = make_feed([item("a", {"weekdays": ["fri"], "hours": ["22:00-02:00"]})])
    assert next_change(feed, None, now) == expected


def test_next_change_overnight_without_weekdays() -> None:
    feed = make_feed([item("a", {"hours": ["22:00-02:00"]})])
    assert next_change(feed, None, paris(2026, 6, 1, 12)) == paris(2026, 6, 1, 22)
    assert next_change(feed, None, paris(2026, 6, 1, 22)) == paris(2026, 6, 2, 2)


def test_next_change_across_the_spring_gap() -> None:
    in_gap = make_feed([item("a", {"hours": ["02:00-03:00"]})])
    # 01:30 CET on change day: that window does not happen; the next is Monday 02:00 CEST.
    assert next_change(in_gap, None, utc(2026, 3, 29, 0, 30)) == utc(2026, 3, 30, 0, 0)
    across = make_feed([item("a", {"hours": ["02:30-04:00"]})])
    # The clock jumps from 02:00 to 03:00, straight into the window.
    assert next_change(across, None, utc(2026, 3, 29, 0, 30)) == utc(2026, 3, 29, 1, 0)
    assert next_change(across, None, utc(2026, 3, 29, 1, 0)) == utc(2026, 3, 29, 2, 0)  # 04:00
    starts = make_feed([item("a", {"from": "2026-03-29T02:30"})])
    assert next_change(starts, None, utc(2026, 3, 28, 12)) == utc(2026, 3, 29, 1, 0)


def test_next_change_across_the_autumn_repeat() -> None:
    feed = make_feed([item("a", {"hours": ["02:30-03:00"]})])
    now = utc(2026, 10, 24, 23, 0)  # 01:00 CEST
    steps = []
    for _ in range(4):
        change = next_change(feed, None, now)
        assert change is not None and change > now
        steps.append(change)
        now = change
    # In at 02:30 CEST, out when the clock goes back to 02:00, in again at 02:30 CET, out at 03:00.
    assert steps == [
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 25, 1),
        utc(2026, 10, 25, 1, 30),
        utc(2026, 10, 25, 2),
    ]
    whole_hour = make_feed([item("a", {"hours": ["02:00-03:00"]})])
    assert next_change(whole_hour, None, utc(2026, 10, 24, 23)) == utc(2026, 10, 25, 0)
    assert next_change(whole_hour, None, utc(2026, 10, 25, 0)) == utc(2026, 10, 25, 2)


def test_next_change_is_exact_for_far_dates_without_daily_rules() -> None:
    feed = make_feed([item("christmas", {"from": "2026-12-01", "until": "2027-01-06"})])
    assert next_change(feed, None, paris(2026, 6, 1, 9)) == paris(2026, 12, 1, 0, 0)
    assert next_change(feed, None, paris(2026, 12, 1, 0, 0)) == paris(2027, 1, 7, 0, 0)


def test_next_change_falls_back_to_the_horizon_when_change_is_out_of_sight() -> None:
    # Sundays 02:00-03:00: this week's Sunday is the spring-forward day, when it never happens;
    # the next one is beyond the horizon, so the player is told to ask again at the horizon.
    feed = make_feed([item("a", {"weekdays": ["sun"], "hours": ["02:00-03:00"]})])
    now = utc(2026, 3, 23, 12)
    assert next_change(feed, None, now) == now + HORIZON
    later = make_feed([item("b", {"from": "2026-12-01", "weekdays": ["sat"]})])
    assert next_change(later, None, now) == now + HORIZON


def test_next_change_only_looks_at_this_screens_items() -> None:
    feed = make_feed(
        [item("street", {"hours": ["08:00-12:00"]}, tags=["street"])],
        ticker=[{"id": "t", "text": "x", "screens": ["hall"], "valid": {"hours": ["10:00-11:00"]}}],
    )
    now = paris(2026, 6, 1, 7)
    assert next_change(feed, "totem", now) == paris(2026, 6, 1, 8)
    assert next_change(feed, "hall", now) == paris(2026, 6, 1, 10)  # the ticker counts
    assert next_change(feed, None, now) is None


def _random_validity(rng: random.Random) -> dict[str, Any] | None:
    valid: dict[str, Any] = {}
    if rng.random() < 0.6:
        windows = []
        for _ in range(rng.choice([1, 1, 2])):
            start, end = rng.randrange(0, 96) * 15, rng.randrange(1, 97) * 15
            if start == end:
                end = (start + 60) % 1440 or 1440
            windows.append(f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}")
        valid["hours"] = windows
    if rng.random() < 0.4:
        valid["weekdays"] = rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 3)
    if rng.random() < 0.3:
        valid["from"] = (
            f"2026-{rng.choice(['03', '10'])}-{rng.randrange(20, 30)}T{rng.randrange(24):02d}:15"
        )
    if rng.random() < 0.3:
        valid["until"] = f"2026-{rng.choice(['04', '11'])}-0{rng.randrange(1, 4)}"
    return valid or None


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    "now",
    [
        utc(2026, 3, 28, 20, 7),
        utc(2026, 3, 29, 0, 59, 59),
        utc(2026, 10, 24, 22, 31),
        utc(2026, 10, 25, 1, 0),
    ],
)
def test_next_change_agrees_with_a_scan_of_the_15_minute_grid(seed: int, now: datetime) -> None:
    """Every rule boundary lies on a 15-minute grid, so sampling that grid sees every change."""
    rng = random.Random(seed)
    feed = make_feed(
        [
            item(f"i{k}", _random_validity(rng), tags=rng.choice([[], ["inside"], ["street"]]))
            for k in range(30)
        ],
        [{"id": f"t{k}", "text": "x", "valid": _random_validity(rng)} for k in range(5)],
    )
    before = shown(feed, "hall", now)
    change = next_change(feed, "hall", now)
    end = change or now + HORIZON
    assert end > now
    grid = now.replace(minute=now.minute // 15 * 15, second=0) + timedelta(minutes=15)
    while grid < end:
        assert shown(feed, "hall", grid) == before, grid
        grid += timedelta(minutes=15)
    assert shown(feed, "hall", end - timedelta(seconds=1)) == before
    if change is not None and change != now + HORIZON:
        assert shown(feed, "hall", change) != before


def test_local_moments_keep_their_seconds_through_the_snapshot_encoding() -> None:
    # The store writes feeds with enc_hook; a lost second would end an item a second early.
    from kiosk.core.types import LocalMoment, dec_hook, enc_hook

    for text in ("2026-11-25T10:00:02", "2026-11-25T10:00", "2026-11-25"):
        moment = LocalMoment.parse(text)
        assert dec_hook(LocalMoment, enc_hook(moment)) == moment
