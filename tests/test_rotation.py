"""The attract loop: weighted cycle order and the player's cursor over it."""

from __future__ import annotations

import itertools
import string
from collections import Counter

import msgspec
import pytest

from kiosk.core.feed import PRIORITY_WEIGHT, Announcement, Item
from kiosk.core.rotation import Rotation, weighted_order

PRIORITIES = {1: "normal", 2: "high", 3: "highest"}


def make(item_id: str, priority: str = "normal") -> Item:
    return msgspec.convert(
        {"type": "announcement", "id": item_id, "title": item_id, "priority": priority},
        Announcement,
    )


def items_for(weights: tuple[int, ...] | list[int]) -> list[Item]:
    return [
        make((string.ascii_uppercase + string.ascii_lowercase)[k], PRIORITIES[w])
        for k, w in enumerate(weights)
    ]


def ids(order: list[Item] | tuple[Item, ...]) -> str:
    return "".join(i.id for i in order)


def repeats(order: list[Item]) -> int:
    """Back-to-back showings of the same item, counting the wrap to the next cycle."""
    if len(order) < 2:
        return 0
    return sum(order[k].id == order[(k + 1) % len(order)].id for k in range(len(order)))


def play(rotation: Rotation, count: int) -> str:
    shown = []
    for _ in range(count):
        got = rotation.next()
        shown.append("-" if got is None else got.id)
    return "".join(shown)


# -- weighted_order -----------------------------------------------------------------------


def test_empty_rotation() -> None:
    assert weighted_order([]) == []


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ((1, 1, 1), "ABC"),  # equal weights: feed order
        ((2, 1, 1), "ABAC"),
        ((3, 1, 1, 1), "ABACAD"),
        ((2, 2, 1, 1), "ABCABD"),
        ((1, 2), "BAB"),  # the heavier item leads
        ((2, 1, 1, 1, 1, 1, 1), "ABCDAEFG"),  # high item halfway round, not at both ends
        ((3, 3, 1), "ABABCAB"),
        ((3, 2, 2), "ABACBAC"),
        ((2, 3, 1, 1), "BABCABD"),  # weight first, then feed order
    ],
)
def test_weighted_order_spreads_items_evenly(weights: tuple[int, ...], expected: str) -> None:
    assert ids(weighted_order(items_for(weights))) == expected


def test_weighted_order_counts_and_avoids_repeats_for_every_small_feed() -> None:
    """Every mix of up to 7 items and priorities: exact counts, fewest possible repeats."""
    for size in range(1, 8):
        for weights in itertools.product((1, 2, 3), repeat=size):
            items = items_for(weights)
            order = weighted_order(items)
            counts = Counter(i.id for i in order)
            assert counts == {i.id: PRIORITY_WEIGHT[i.priority] for i in items}, weights
            # None unless one item needs more than half the cycle (and a lone item repeats).
            total = sum(weights)
            fewest = max(0, 2 * max(weights) - total) if total > 1 else 0
            assert repeats(order) == fewest, (weights, ids(order))


def test_weighted_order_keeps_a_heavy_item_apart_in_a_long_loop() -> None:
    weights = [3] + [1] * 20
    order = weighted_order(items_for(weights))
    positions = [k for k, i in enumerate(order) if i.id == "A"]
    gaps = [b - a for a, b in itertools.pairwise([*positions, positions[0] + len(order)])]
    assert max(gaps) - min(gaps) <= 1


def test_weighted_order_is_deterministic() -> None:
    items = items_for([2, 1, 3, 1, 2, 1])
    assert weighted_order(items) == weighted_order(list(items))


def test_unavoidable_repeat_for_a_lone_item() -> None:
    assert ids(weighted_order([make("solo", "highest")])) == "solo" * 3


# -- Rotation -----------------------------------------------------------------------------


def test_empty_rotation_shows_the_fallback() -> None:
    rotation = Rotation([])
    assert rotation.next() is None
    assert rotation.current_id is None
    assert rotation.order == ()


def test_rotation_loops_over_the_cycle() -> None:
    rotation = Rotation(items_for([2, 1, 1]))
    assert rotation.current_id is None
    assert play(rotation, 9) == "ABACABACA"
    assert rotation.current_id == "A"


def test_skip_drops_an_item_for_the_rest_of_the_cycle() -> None:
    rotation = Rotation(items_for([1, 1, 1]))
    assert play(rotation, 1) == "A"
    rotation.skip("B")
    assert play(rotation, 5) == "CACAC"


def test_skip_does_not_cause_a_back_to_back_repeat() -> None:
    rotation = Rotation(items_for([2, 1, 1]))  # A B A C
    assert play(rotation, 1) == "A"
    rotation.skip("B")  # the cycle now reads A A C: play A C A C instead
    assert play(rotation, 4) == "CACA"


def test_skipping_everything_shows_the_fallback_until_a_new_list() -> None:
    items = items_for([1, 1])
    rotation = Rotation(items)
    rotation.next()
    rotation.skip("A")
    rotation.skip("B")
    assert rotation.next() is None
    assert rotation.current_id is None
    rotation.update(items)  # the same list: the media are still broken
    assert rotation.next() is None
    rotation.update([*items, make("C")])
    assert play(rotation, 3) == "ABC"


def test_a_lone_item_repeats() -> None:
    rotation = Rotation([make("solo")])
    assert play(rotation, 3) == "solo" * 3


def test_update_continues_after_the_last_shown_item() -> None:
    rotation = Rotation(items_for([1, 1, 1, 1]))
    assert play(rotation, 3) == "ABC"
    rotation.update([make("A"), make("C"), make("E"), make("D")])  # B gone, E appears
    assert rotation.current_id == "C"  # still on screen until the next slide
    assert play(rotation, 4) == "EDAC"


def test_update_keeps_the_occurrence_of_a_repeated_item() -> None:
    rotation = Rotation(items_for([2, 1, 1]))  # A B A C
    assert play(rotation, 3) == "ABA"
    rotation.update(items_for([2, 1, 1, 1]))
    assert ids(rotation.order) == "ABACD"
    assert play(rotation, 4) == "CDAB"  # after the second A, not the first


def test_update_goes_on_with_the_next_item_when_the_last_shown_is_gone() -> None:
    rotation = Rotation(items_for([1, 1, 1, 1]))
    assert play(rotation, 2) == "AB"
    rotation.update([make("A"), make("C"), make("D")])  # B expired while on screen
    assert play(rotation, 4) == "CDAC"  # not back to A


def test_update_starts_over_when_nothing_due_is_left() -> None:
    rotation = Rotation(items_for([1, 1]))
    assert play(rotation, 1) == "A"
    rotation.update([make("X"), make("Y")])
    assert play(rotation, 2) == "XY"


def test_update_with_the_same_list_keeps_position_and_skips() -> None:
    items = items_for([1, 1, 1])
    rotation = Rotation(items)
    assert play(rotation, 1) == "A"
    rotation.skip("C")
    rotation.update(list(items))
    assert play(rotation, 3) == "BAB"


def test_update_forgets_skips_when_the_list_changes() -> None:
    rotation = Rotation(items_for([1, 1, 1]))
    assert play(rotation, 1) == "A"
    rotation.skip("B")
    rotation.update([*items_for([1, 1, 1]), make("D")])
    assert play(rotation, 4) == "BCDA"


def test_update_from_empty_starts_at_the_beginning() -> None:
    rotation = Rotation()
    assert rotation.next() is None
    rotation.update(items_for([1, 2]))
    assert play(rotation, 3) == "BAB"


def test_update_to_empty_shows_the_fallback() -> None:
    rotation = Rotation(items_for([1, 1]))
    assert play(rotation, 1) == "A"
    rotation.update([])
    assert rotation.next() is None
    assert rotation.current_id is None
