"""The attract loop: one weighted cycle of the active items, and the player's cursor over it.

A cycle shows each item ``PRIORITY_WEIGHT[priority]`` times (normal 1, high 2, highest 3),
spread evenly, and never the same item twice in a row when another order could avoid it,
counting the wrap from the end of one cycle to the start of the next. The order is a pure
function of the list, so every screen with the same items plays the same loop.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from kiosk.core.feed import PRIORITY_WEIGHT


class Playable(Protocol):
    """What the loop needs of an entry: a feed item, or one slide of a news/agenda item."""

    @property
    def id(self) -> str: ...

    @property
    def priority(self) -> str: ...


P = TypeVar("P", bound=Playable)


def weighted_order(items: Sequence[P]) -> list[P]:
    """One cycle of the rotation (deterministic; ties go to the item earlier in the feed)."""
    weights = [PRIORITY_WEIGHT[item.priority] for item in items]
    return [items[i] for i in _sequence(_ideal_slots(weights))]


def _ideal_slots(weights: list[int]) -> list[list[int]]:
    """For each item, the positions in the cycle it would take if nothing got in the way.

    Heavier items are placed first, ``cycle length / weight`` apart; a position already taken
    moves that showing to the next free one. Two showings may end up side by side here:
    :func:`_sequence` pulls them apart.
    """
    total = sum(weights)
    taken = [False] * total
    slots: list[list[int]] = [[] for _ in weights]
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        for k in range(weights[i]):
            slot = _free_from(taken, round(k * total / weights[i]))
            taken[slot] = True
            slots[i].append(slot)
        slots[i].sort()
    return slots


def _free_from(taken: list[bool], slot: int) -> int:
    """The first free position at or after ``slot``, wrapping round the cycle."""
    try:
        return taken.index(False, slot)
    except ValueError:
        return taken.index(False)


def _sequence(slots: list[list[int]]) -> list[int]:
    """Item indices of the cycle: earliest ideal position first, without avoidable repeats.

    An item is passed over only when showing it now would repeat the previous one or leave the
    rest of the cycle (wrap included) unable to avoid a repeat; it then goes at the next step.
    """
    left = [len(s) for s in slots]
    total, most = sum(left), max(left, default=0)
    ready = [(s[0], i) for i, s in enumerate(slots) if s]
    heapq.heapify(ready)
    order: list[int] = []
    for step in range(total):
        pick = _pick(ready, left, order, total - step - 1, most)
        left[pick] -= 1
        order.append(pick)
        if left[pick]:
            heapq.heappush(ready, (slots[pick][-left[pick]], pick))
    return order


def _pick(
    ready: list[tuple[int, int]], left: list[int], order: list[int], remaining: int, most: int
) -> int:
    """Pop the ready item with the earliest ideal position that keeps the cycle repeat-free."""
    prev = order[-1] if order else None
    passed: list[tuple[int, int]] = []
    pick: int | None = None
    while ready:
        entry = heapq.heappop(ready)
        first = order[0] if order else entry[1]
        if entry[1] != prev and _can_finish(left, entry[1], first, remaining, most):
            pick = entry[1]
            break
        passed.append(entry)
    if pick is None:  # a repeat is unavoidable: the earliest other item, else the same again
        at = next((k for k, (_, i) in enumerate(passed) if i != prev), 0)
        pick = passed.pop(at)[1]
    for entry in passed:
        heapq.heappush(ready, entry)
    return pick


def _can_finish(left: list[int], pick: int, first: int, remaining: int, most: int) -> bool:
    """Whether, after showing ``pick``, the ``remaining`` positions can avoid repeats.

    An item needing ``r`` more showings needs ``r <= ceil(L/2)``, where ``L`` is ``remaining``
    less the next position (if the item is ``pick``) and the last one (if it is ``first``,
    which the cycle wraps back to). That bound per item is also enough (the tests check every
    small feed). Until the last few positions every item fits, so the loop is rarely reached.
    """
    if most <= (remaining - 1) // 2:
        return True
    for i, count in enumerate(left):
        need = count - (i == pick)
        if need:
            length = max(0, remaining - (i == pick) - (i == first))
            if need > (length + 1) // 2:
                return False
    return True


class Rotation(Generic[P]):
    """The player's cursor over the weighted cycle: a plain object, driven by the UI's timer.

    ``next()`` gives the item to show (None: show the town's fallback slide). ``skip(id)``
    drops an item whose media failed until the item list changes. ``update(items)`` takes a
    new list and carries on after the item on screen, so a schedule change does not send the
    loop back to its first slide.
    """

    def __init__(self, items: Sequence[P] = ()) -> None:
        self._items: list[P] = list(items)
        self._order: list[P] = weighted_order(self._items)
        self._cursor = 0  # position in the cycle to try first
        self._slot: int | None = None  # position of the item last returned by next()
        self._current: P | None = None
        self._skipped: set[str] = set()

    @property
    def current_id(self) -> str | None:
        """Id of the item last returned by :meth:`next` (None: nothing, or the fallback)."""
        return None if self._current is None else self._current.id

    @property
    def order(self) -> tuple[P, ...]:
        """The whole cycle, skipped items included."""
        return tuple(self._order)

    def next(self) -> P | None:
        """The item to show now, advancing the cursor; None when nothing is left to show."""
        slot = self._find_next()
        self._slot = slot
        if slot is None:
            self._current = None
            return None
        self._cursor = (slot + 1) % len(self._order)
        self._current = self._order[slot]
        return self._current

    def _find_next(self) -> int | None:
        """First playable position from the cursor, avoiding the item already on screen."""
        size = len(self._order)
        fallback: int | None = None
        for step in range(size):
            slot = (self._cursor + step) % size
            item_id = self._order[slot].id
            if item_id in self._skipped:
                continue
            if item_id != self.current_id:
                return slot
            if fallback is None:
                fallback = slot
        return fallback

    def skip(self, item_id: str) -> None:
        """Do not show ``item_id`` again until :meth:`update` brings a different list."""
        self._skipped.add(item_id)

    def update(self, items: Sequence[P]) -> None:
        """Take a new list of items and continue after the one last shown.

        The same list again changes nothing (skips stay). Otherwise skips are forgotten and,
        if the last shown item is still there, the loop goes on with what follows it (its
        same occurrence, for an item shown several times per cycle); if it is gone (it just
        expired), with the first item that was due after it and still exists, so a schedule
        change never sends the loop back to its first item.
        """
        new_items = list(items)
        if new_items == self._items:
            return
        occurrence = self._occurrence()
        due = [item.id for item in self._order[self._cursor :] + self._order[: self._cursor]]
        self._items = new_items
        self._order = weighted_order(new_items)
        self._skipped.clear()
        self._slot = self._find_occurrence(occurrence)
        if self._slot is not None:
            self._cursor = (self._slot + 1) % len(self._order)
        else:  # after the fallback slide the loop starts over
            self._cursor = self._first_due(due) if self._current is not None else 0

    def _first_due(self, due: list[str]) -> int:
        """Position in the new cycle of the first id of ``due`` it still has, else 0."""
        where: dict[str, int] = {}
        for slot, item in enumerate(self._order):
            where.setdefault(item.id, slot)
        return next((where[i] for i in due if i in where), 0)

    def _occurrence(self) -> int:
        """How many times the current item came earlier in this cycle (0 for its first)."""
        if self._slot is None or self._current is None:
            return 0
        return sum(item.id == self._current.id for item in self._order[: self._slot])

    def _find_occurrence(self, occurrence: int) -> int | None:
        if self._current is None:
            return None
        slots = [i for i, item in enumerate(self._order) if item.id == self._current.id]
        return slots[min(occurrence, len(slots) - 1)] if slots else None
