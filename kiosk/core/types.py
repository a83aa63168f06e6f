"""Small value types of the feed that are written as strings: time ranges and local moments.

They are plain classes (not dataclasses, which msgspec would decode as objects). They are
decoded by :func:`dec_hook`, encoded by :func:`enc_hook` and described in the JSON
Schema by :func:`schema_hook`, so the model in :mod:`kiosk.core.feed` can use them as field
types and a bad value is reported at its exact field path.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
MINUTES_PER_DAY = 24 * 60


class TimeRange:
    """A daily window ``HH:MM-HH:MM`` in the site's local time, in minutes after midnight.

    ``end`` may be 24:00. When ``end <= start`` the window runs overnight (22:00-02:00): it
    belongs to the day it starts, so a Friday-only 22:00-02:00 window covers Saturday 01:00.
    """

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TimeRange) and (self.start, self.end) == (other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"TimeRange({self})"

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        m = _RANGE.match(text)
        if not m:
            raise ValueError(
                f"'{text}' is not a time range; expected HH:MM-HH:MM, like 08:30-12:00"
            )
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or m1 > 59:
            raise ValueError(f"'{text}': {h1:02d}:{m1:02d} is not a time of day (00:00 to 23:59)")
        if h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise ValueError(f"'{text}': {h2:02d}:{m2:02d} is not a time of day (00:00 to 24:00)")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if start == end:
            raise ValueError(
                f"'{text}' starts and ends at the same time; use no `hours` for all day"
            )
        return cls(start, end)

    def __str__(self) -> str:
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")


class LocalMoment:
    """A date (``2026-12-01``) or a local date-time (``2026-12-01T08:00``) in the site's zone.

    A date alone means the start of that day for ``from`` and the whole day included for
    ``until`` (see :meth:`as_start` and :meth:`as_end`).
    """

    __slots__ = ("date_only", "value")

    def __init__(self, value: datetime, date_only: bool) -> None:
        self.value = value
        self.date_only = date_only

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalMoment) and (self.value, self.date_only) == (
            other.value,
            other.date_only,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.date_only))

    def __repr__(self) -> str:
        return f"LocalMoment({self})"

    @classmethod
    def parse(cls, raw: Any) -> LocalMoment:
        if isinstance(raw, datetime):  # already typed (JSON never gives one; YAML may)
            return cls(raw.replace(tzinfo=None), False)
        if isinstance(raw, date):
            return cls(datetime.combine(raw, time()), True)
        if not isinstance(raw, str) or not _MOMENT.match(raw.strip()):
            raise ValueError(
                f"{raw!r} is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)"
            )
        text = raw.strip().replace(" ", "T")
        try:
            if "T" in text:
                return cls(datetime.fromisoformat(text), False)
            return cls(datetime.combine(date.fromisoformat(text), time()), True)
        except ValueError:
            raise ValueError(f"'{raw}' is not a real date or time") from None

    def as_start(self) -> datetime:
        return self.value

    def as_end(self) -> datetime:
        """Exclusive end: a date-only ``until`` includes that whole day."""
        return self.value + timedelta(days=1) if self.date_only else self.value

    def __str__(self) -> str:
        if self.date_only:
            return self.value.date().isoformat()
        return self.value.isoformat(timespec="seconds" if self.value.second else "minutes")


def dec_hook(type_: type, obj: Any) -> Any:
    if type_ is TimeRange:
        if not isinstance(obj, str):
            raise TypeError(f"expected a time range string like 08:30-12:00, got {obj!r}")
        return TimeRange.parse(obj)
    if type_ is LocalMoment:
        return LocalMoment.parse(obj)
    raise NotImplementedError(f"no decoder for {type_!r}")


def enc_hook(obj: Any) -> Any:
    if isinstance(obj, TimeRange | LocalMoment):
        return str(obj)
    raise NotImplementedError(f"cannot encode {type(obj).__name__}")


def schema_hook(type_: type) -> dict[str, Any]:
    if type_ is TimeRange:
        return {
            "type": "string",
            "pattern": r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$",
            "description": "Daily window HH:MM-HH:MM in local time; 22:00-02:00 runs overnight.",
            "examples": ["08:30-12:00", "22:00-02:00"],
        }
    if type_ is LocalMoment:
        return {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$",
            "description": "A local date (whole day) or date-time in the site's time zone.",
            "examples": ["2026-12-01", "2026-12-01T08:00"],
        }
    raise NotImplementedError(f"no schema for {type_!r}")
