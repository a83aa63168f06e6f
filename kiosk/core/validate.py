"""Plain data -> :class:`Feed`, or every problem found, each with its field path and line.

Decoding is done by msgspec against the model (:mod:`kiosk.core.feed`). msgspec stops at the
first error, so when the whole feed fails each section and each list element is decoded on
its own: staff see one message per broken item, not just the first. Rules msgspec cannot
express (duplicate ids, unknown screens, dates in the wrong order, missing media, ...) are in
:mod:`kiosk.core.checks` and run on whatever decoded.
"""

from __future__ import annotations

import copy
import difflib
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from kiosk.core import checks
from kiosk.core.feed import (
    FEED_VERSION,
    ITEM_TYPES,
    Alerts,
    Category,
    Directory,
    Feed,
    Item,
    Links,
    MediaRef,
    ReservePeriod,
    Screen,
    Service,
    Site,
    TickerMessage,
)
from kiosk.core.parse import Parsed
from kiosk.core.types import dec_hook
from kiosk.errors import FeedError, Problem

_MSG = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


@dataclass(frozen=True)
class Context:
    """What validation may ask the outside world, injected so the core stays pure.

    ``media_exists``: does the site folder (or the published manifest) have this media path?
    ``theme_exists``: is there a theme of this name? ``now``: for "already ended" and "will
    not show again" warnings (without it, an item's visibility is judged from its `from`).
    ``icon_exists``: does the default theme have an icon of this name?
    """

    media_exists: Callable[[str], bool] | None = None
    theme_exists: Callable[[str], bool] | None = None
    now: datetime | None = None
    icon_exists: Callable[[str], bool] | None = None


def validate(parsed: Parsed, ctx: Context | None = None) -> tuple[Feed | None, list[Problem]]:
    """Return the feed (None when any error) and every problem (errors and warnings)."""
    ctx = ctx or Context()
    reporter = _Reporter(parsed)
    data = parsed.data
    if not isinstance(data, dict):
        reporter.add("", f"expected a mapping with `version` and `site`, got {_kind(data)}")
        return None, reporter.problems
    if not _version_ok(data, reporter):
        return None, reporter.problems
    feed = None
    try:
        feed = msgspec.convert(data, Feed, dec_hook=dec_hook)
        parts = checks.Parts.of(feed)
    except msgspec.ValidationError:
        parts = _decode_piecewise(data, reporter)
    checks.run(parts, ctx, reporter.add)
    if reporter.has_errors:
        return None, reporter.problems
    return feed, reporter.problems


def load(parsed: Parsed, ctx: Context | None = None) -> Feed:
    """Like :func:`validate`, raising :class:`FeedError` when the feed has an error."""
    feed, problems = validate(parsed, ctx)
    if feed is None:
        raise FeedError(problems)
    return feed


class _Reporter:
    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, warning: bool = False) -> None:
        self.problems.append(
            Problem(self.parsed.file, path, message, self.parsed.line_of(path), warning)
        )

    @property
    def has_errors(self) -> bool:
        return any(not p.warning for p in self.problems)


def _version_ok(data: dict[str, Any], reporter: _Reporter) -> bool:
    version = data.get("version")
    if "version" not in data:
        reporter.add("", f"missing `version: {FEED_VERSION}` at the top of the feed")
    elif not isinstance(version, int) or isinstance(version, bool):
        reporter.add("version", f"expected the integer {FEED_VERSION}, got {version!r}")
    elif version > FEED_VERSION:
        reporter.add(
            "version",
            f"this feed is version {version} but this kiosk reads version {FEED_VERSION}: "
            "update the kiosk software before publishing this feed",
        )
    elif version < FEED_VERSION:
        reporter.add("version", f"unknown version {version}; expected {FEED_VERSION}")
    else:
        return True
    return False


_SECTIONS: dict[str, Any] = {
    "version": int,
    "site": Site,
    "screens": list[Screen],
    "rotation": list[Item],
    "ticker": list[TickerMessage],
    "services": Directory,
    "alerts": Alerts,
    "reserve_periods": list[ReservePeriod],
    "links": Links,
    "media": dict[str, MediaRef],
}


def _decode_piecewise(data: dict[str, Any], reporter: _Reporter) -> checks.Parts:
    """Decode each section and list element alone, reporting each failure."""
    parts = checks.Parts()
    for key in data:
        if key not in _SECTIONS:
            reporter.add(key, _unknown_field(key, list(_SECTIONS)))
    if "site" not in data:
        reporter.add("", "missing required section `site` (name, timezone, languages)")
    elif (site := _decode_one(data["site"], Site, "site", reporter)) is not None:
        parts.site = site
    lists = (
        ("screens", Screen),
        ("rotation", Item),
        ("ticker", TickerMessage),
        ("reserve_periods", ReservePeriod),
    )
    for section, elem in lists:
        value = data.get(section, [])
        if not isinstance(value, list):
            reporter.add(section, f"expected a list, got {_kind(value)}")
            continue
        decoded = [_decode_one(v, elem, f"{section}[{i}]", reporter) for i, v in enumerate(value)]
        getattr(parts, section).extend((i, d) for i, d in enumerate(decoded) if d is not None)
    if "services" in data:
        parts.services = _decode_directory(data["services"], reporter)
    if "alerts" in data:
        parts.alerts = _decode_one(data["alerts"], Alerts, "alerts", reporter)
    if "links" in data:
        parts.links = _decode_one(data["links"], Links, "links", reporter)
    media = data.get("media", {})
    if isinstance(media, dict):
        for name, ref in media.items():
            if (r := _decode_one(ref, MediaRef, f"media.{name}", reporter)) is not None:
                parts.media[name] = r
    else:
        reporter.add("media", f"expected a mapping of path -> sha256/size, got {_kind(media)}")
    return parts


def _decode_directory(value: Any, reporter: _Reporter) -> Directory | None:
    """The services directory, one category and one service at a time."""
    if not isinstance(value, dict):
        reporter.add("services", f"expected a mapping with `categories`, got {_kind(value)}")
        return None
    categories = value.get("categories", [])
    if not isinstance(categories, list):
        reporter.add("services.categories", f"expected a list, got {_kind(categories)}")
        categories = []
    head = _decode_one(
        {k: v for k, v in value.items() if k != "categories"}, Directory, "services", reporter
    )
    decoded: list[Category] = []
    for i, raw in enumerate(categories):
        path = f"services.categories[{i}]"
        services = raw.get("services", []) if isinstance(raw, dict) else []
        if not isinstance(services, list):
            reporter.add(f"{path}.services", f"expected a list, got {_kind(services)}")
            services = []
        bare = {k: v for k, v in raw.items() if k != "services"} if isinstance(raw, dict) else raw
        category = _decode_one(bare, Category, path, reporter)
        found = [
            _decode_one(v, Service, f"{path}.services[{j}]", reporter)
            for j, v in enumerate(services)
        ]
        if category is not None:
            decoded.append(msgspec.structs.replace(category, services=[s for s in found if s]))
    if head is None:
        return None
    directory: Directory = msgspec.structs.replace(head, categories=decoded)
    return directory


def _decode_one(value: Any, type_: Any, prefix: str, reporter: _Reporter) -> Any:
    """Decode one element; on failure report, drop the bad field and retry to find more.

    A field that fails is removed from a copy of the element (a list is removed whole, so
    later indexes stay right) and decoding is tried again, up to :data:`_MAX_ROUNDS` times:
    one broken item shows all its mistakes at once. When the removed field was required the
    element cannot decode and the search stops there.
    """
    work = copy.deepcopy(value)
    removed: set[str] = set()
    for _ in range(_MAX_ROUNDS):
        try:
            return msgspec.convert(work, type_, dec_hook=dec_hook)
        except msgspec.ValidationError as exc:
            m = _MSG.match(str(exc))
            assert m is not None
            raw, sub = m.group("msg"), (m.group("path") or "")
            missing = re.match(r"Object missing required field `(.+)`", raw)
            if missing and _join(sub, missing.group(1)) in removed:
                return None  # already reported under the field's own path
            path, message = _humanize(raw, prefix, sub.replace("[...]", ""), work, type_)
            reporter.add(path, message)
            field_path = _field_to_drop(path[len(prefix) :], raw)
            if not field_path or not _delete(work, field_path):
                return None
            removed.add(field_path)
    return None


_MAX_ROUNDS = 20


def _join(sub: str, name: str) -> str:
    return f"{sub}.{name}" if sub else f".{name}"


def _field_to_drop(sub: str, raw: str) -> str:
    """The mapping key to remove after an error at ``sub`` (cut at the first list index)."""
    if raw.startswith("Object missing required field"):
        return ""
    cut = sub.find("[")
    if cut == 0:
        return ""
    return sub[:cut] if cut > 0 else sub


def _delete(data: Any, sub: str) -> bool:
    segs = _segments(sub)
    node = data
    for seg in segs[:-1]:
        if not _has(node, seg):
            return False
        node = node[seg]
    if not isinstance(node, dict) or segs[-1] not in node:
        return False
    del node[segs[-1]]
    return True


def _humanize(raw: str, prefix: str, sub: str, element: Any, type_: Any) -> tuple[str, str]:
    """Turn a msgspec message into one a communication officer can act on.

    ``sub`` is the path inside ``element`` (the part being decoded, found at ``prefix``):
    values are looked up there, so keys with dots (``media/photo.jpg``) cause no confusion.
    """
    path = prefix + sub
    value = _value_at(element, sub)
    if m := re.match(r"Object contains unknown field `(.+)`", raw):
        name = m.group(1)
        allowed = _fields_at(type_, element, sub)
        return f"{path}.{name}" if path else name, _unknown_field(name, allowed)
    if m := re.match(r"Object missing required field `(.+)`", raw):
        return path, f"missing required field `{m.group(1)}`"
    if path.endswith(".type") and raw.startswith("Invalid value"):
        names = ", ".join(t.__struct_config__.tag for t in ITEM_TYPES)  # type: ignore[misc]
        return path, f"unknown item type {value!r}; expected one of: {names}"
    if raw.startswith("Invalid enum value"):
        options = _literal_at(type_, element, sub)
        return path, f"{value!r} is not allowed; expected one of: {', '.join(options)}"
    if m := re.match(r"Expected `str` matching regex '(.+)'", raw):
        return path, f"{value!r} is not valid: {_PATTERN_HELP.get(m.group(1), 'wrong format')}"
    if m := re.match(r"Expected `(\w+)` (>=?|<=?) (\S+)", raw):
        want = _TYPE_WORDS.get(m.group(1), m.group(1))
        return path, f"expected {want} {m.group(2)} {m.group(3)}, got {value!r}"
    if m := re.match(r"Expected `(.+?)`, got `(\w+)`", raw):
        want = " or ".join(_TYPE_WORDS.get(w.strip(), w.strip()) for w in m.group(1).split("|"))
        return (
            path,
            f"expected {want}, got {_kind(value)} {value!r}"
            if value is not None
            else f"expected {want}, got nothing",
        )
    if m := re.match(r"Expected .* length (>=|<=) (\d+)", raw):
        return path, f"{value!r} is too {'short' if m.group(1) == '>=' else 'long'} ({raw})"
    return path, raw  # our own ValueError messages (time ranges, dates) are already clear


_TYPE_WORDS = {
    "int": "an integer",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "object": "a mapping (key: value)",
    "array": "a list",
    "null": "nothing",
}
_PATTERN_HELP = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$": "use letters, digits, '.', '_' or '-' (at most 64)",
    r"^[a-z]{2,3}$": "expected a language code such as fr, en, de, es",
    r"^[0-9a-f]{64}$": "expected a sha256 written as 64 lowercase hex digits",
    r"^[a-z0-9][a-z0-9_-]*$": "expected a name in lowercase letters, digits, '-' or '_'",
}


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "a boolean",
        type(None): "nothing",
    }.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _unknown_field(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"unknown field `{name}`{hint}; allowed here: {', '.join(allowed)}"


_SEGMENT = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _segments(path: str) -> list[str | int]:
    return [int(i) if i else k for k, i in _SEGMENT.findall(path)]


def _value_at(root: Any, path: str) -> Any:
    node = root
    for seg in _segments(path):
        try:
            node = node[seg]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _type_at(start: Any, root: Any, path: str) -> Any:
    """The model type that describes ``path`` inside ``root`` (of type ``start``), choosing
    the item class by its `type`."""
    tp: Any = _choose(_unwrap(start), root)
    node: Any = root
    for seg in _segments(path):
        tp = _unwrap(tp)
        node = node[seg] if _has(node, seg) else None
        if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
            fields = {f.encode_name: f.type for f in msgspec.structs.fields(tp)}
            tp = fields.get(str(seg))
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return None
        tp = _choose(_unwrap(tp), node)
    return _unwrap(tp)


def _choose(tp: Any, node: Any) -> Any:
    """The member of the item union that ``node`` (a mapping with `type`) belongs to."""
    if typing.get_origin(tp) in (typing.Union, type(Item)) and isinstance(node, dict):
        return next((t for t in ITEM_TYPES if t.__struct_config__.tag == node.get("type")), tp)
    return tp


def _has(node: Any, seg: str | int) -> bool:
    try:
        node[seg]
        return True
    except (KeyError, IndexError, TypeError):
        return False


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, type(Item)) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        tp = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        return _unwrap(tp)
    return tp


def _fields_at(start: Any, root: Any, path: str) -> list[str]:
    tp = _type_at(start, root, path)
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        tag_field = tp.__struct_config__.tag_field
        names = [f.encode_name for f in msgspec.structs.fields(tp)]
        return ([tag_field] if tag_field else []) + names
    return []


def _literal_at(start: Any, root: Any, path: str) -> list[str]:
    tp = _type_at(start, root, path)
    if typing.get_origin(tp) is list:
        tp = _unwrap(typing.get_args(tp)[0])
    return [str(a) for a in typing.get_args(tp)] if typing.get_origin(tp) is typing.Literal else []
