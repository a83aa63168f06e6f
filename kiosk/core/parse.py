"""Bytes of a YAML or JSON feed -> plain Python data, with the line of every field.

The YAML reader is deliberately small and hostile-input safe:

* it is built on libyaml's *event* stream, not on PyYAML's composer or constructor, so an
  alias ("billion laughs") is refused at its first use, nesting deeper than
  :data:`MAX_DEPTH` is refused before any recursion, and no Python object is ever built from
  a tag;
* plain scalars follow YAML 1.2's core schema (``true``/``false``/``null``, decimal numbers):
  ``no``, ``on``, ``08:30`` and ``2026-12-01`` stay strings, as staff expect;
* a key written twice in a mapping is an error instead of silently keeping the last one.

JSON is held to the same :data:`MAX_DEPTH` (validation walks the data recursively). Input
is capped at :data:`MAX_FEED_BYTES` by the caller's reader and again here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from kiosk.errors import FeedError, Problem

MAX_FEED_BYTES = 512 * 1024  # a town feed is tens of KB; parsing the cap takes ~0.5 s
MAX_DEPTH = 32
#: Names of the feed file inside a site folder, in order of preference.
FEED_NAMES = ("feed.yaml", "feed.yml", "feed.json")

if TYPE_CHECKING:
    import yaml

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_STR_TAGS = ("!", "tag:yaml.org,2002:str")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Parsed:
    """A feed document as plain data, plus the 1-based line of each field path."""

    data: Any
    file: str
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        """Line of ``path``, or of its closest parent that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


def parse_feed_bytes(data: bytes, file: str) -> Parsed:
    """Parse a feed document. ``file`` names it in errors; a ``.json`` name selects JSON."""
    if len(data) > MAX_FEED_BYTES:
        raise _fail(file, f"file is {len(data)} bytes; a feed may be at most {MAX_FEED_BYTES}")
    if not data.strip():
        raise _fail(file, "file is empty; expected a feed with `version: 1` and a `site`")
    if b"\x00" in data:
        raise _fail(file, "file contains NUL bytes: this is binary data, not a YAML/JSON feed")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(file, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    if file.lower().endswith(".json"):
        return _parse_json(text, file)
    return _parse_yaml(text, file)


def _fail(file: str, message: str, line: int | None = None) -> FeedError:
    return FeedError([Problem(file=file, path="", message=message, line=line)])


def _parse_json(text: str, file: str) -> Parsed:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"key '{key}' is written twice in the same object")
            out[key] = value
        return out

    try:
        value = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise _fail(file, f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except ValueError as exc:
        raise _fail(file, f"not a valid feed: {exc}") from None
    except RecursionError:
        raise _fail(file, "JSON nested too deeply") from None
    if _too_deep(value):  # as for YAML: validation recurses, and no feed nests this deep
        raise _fail(file, f"nested more than {MAX_DEPTH} levels deep")
    return Parsed(value, file)


def _too_deep(value: Any) -> bool:
    """Are lists and objects nested more than :data:`MAX_DEPTH` deep? (Without recursion.)"""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if depth > MAX_DEPTH:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if not event.implicit[0]:  # quoted, or block literal: always a string
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value, 10)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Frame:
    __slots__ = ("container", "key", "key_line", "path")

    def __init__(self, container: Any, path: str) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.key_line = 0


_NO_KEY = object()


def _child_path(frame: _Frame) -> str:
    if isinstance(frame.container, list):
        return f"{frame.path}[{len(frame.container)}]"
    return f"{frame.path}.{frame.key}" if frame.path else str(frame.key)


def _parse_yaml(text: str, file: str) -> Parsed:
    # Imported here: a screen reads its snapshot's JSON at start-up, and PyYAML's import
    # (about 30 ms) is better spent after the first slide, or never.
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = Parsed(None, file)
    stack: list[_Frame] = []
    documents = 0

    def add(value: Any, line: int, is_container: bool) -> _Frame | None:
        """Attach a finished scalar, or a new container, to the enclosing frame."""
        if not stack:
            parsed.data = value
            return _Frame(value, "") if is_container else None
        top = stack[-1]
        if isinstance(top.container, dict) and top.key is _NO_KEY:
            if is_container:
                raise _fail(file, "a mapping key must be a plain value, not a list or map", line)
            key = "" if value is None else str(value)
            if key in top.container:
                raise _fail(file, f"key '{key}' is written twice in the same mapping", line)
            top.key, top.key_line = key, line
            return None
        path = _child_path(top)
        parsed.lines.setdefault(path, top.key_line if isinstance(top.container, dict) else line)
        if isinstance(top.container, dict):
            top.container[top.key] = value
            top.key = _NO_KEY
        else:
            top.container.append(value)
        return _Frame(value, path) if is_container else None

    try:
        for event in yaml.parse(text, Loader=loader):
            event = cast(Any, event)  # the concrete event classes carry tag/value
            cls = event.__class__
            line = event.start_mark.line + 1 if event.start_mark else 0
            if cls is yaml.ScalarEvent:
                if event.tag and event.tag not in _STR_TAGS:
                    raise _fail(file, f"YAML tag {event.tag} is not allowed in a feed", line)
                add(_scalar(event), line, False)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if event.tag:
                    raise _fail(file, f"YAML tag {event.tag} is not allowed in a feed", line)
                if len(stack) >= MAX_DEPTH:
                    raise _fail(file, f"nested more than {MAX_DEPTH} levels deep", line)
                frame = add({} if cls is yaml.MappingStartEvent else [], line, True)
                assert frame is not None
                stack.append(frame)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
            elif cls is yaml.AliasEvent:
                raise _fail(file, "YAML aliases (*name) are not allowed in a feed", line)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(file, "several YAML documents (---); a feed is one document", line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(file, f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None
    if documents == 0 or parsed.data is None:
        raise _fail(file, "file has no content; expected a feed with `version: 1` and a `site`")
    return parsed
