"""Fuzzing the feed reader: whatever bytes arrive, parsing and validation either give a feed
or say what is wrong (:class:`~kiosk.errors.FeedError`, problems). Never another exception:
on a screen that would be a sync job dying on a feed; on the centre, a traceback for staff.

Inputs: (a) arbitrary bytes, (b) arbitrary text (and text made of YAML/JSON punctuation),
(c) the demo feed, mutated at random paths (values replaced by values of other types,
keys deleted, keys inserted, list elements duplicated or moved elsewhere, deep nesting),
written as YAML or JSON. Validation gets the context ``kiosk publish`` uses, with every
media file present.

Each test runs :data:`EXAMPLES` cases (``KIOSK_FUZZ_EXAMPLES=20000`` for a long run).
Hypothesis keeps no example database, and its caches go to the temporary directory: nothing
is written in the repository. A failure prints the smallest input found and a
``@reproduce_failure`` line.
"""

from __future__ import annotations

import copy
import json
import math
import os
import tempfile
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kiosk.core import feed as model
from kiosk.core.parse import MAX_DEPTH, parse_feed_bytes
from kiosk.core.validate import Context, validate
from kiosk.errors import FeedError, Problem
from kiosk.publish.links import feed_links
from kiosk.resources import demo_site, icon_exists, theme_exists

# Hypothesis caches what it learns (constants, Unicode tables) in ./.hypothesis: keep the
# checkout clean by using the temporary directory, unless the runner chose a place.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "kiosk-hypothesis")
)
EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONTEXT = Context(
    media_exists=lambda _: True,
    theme_exists=theme_exists,
    icon_exists=icon_exists,
    now=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
)
NAMES = ("feed.yaml", "feed.json")


def check(data: bytes, name: str, note: Callable[[str], object] = event) -> None:
    """The property: a Feed, or FeedError/problems that say what is wrong; nothing else.
    ``note`` counts the outcomes (``--hypothesis-show-statistics`` prints them)."""
    try:
        parsed = parse_feed_bytes(data, name)
    except FeedError as exc:
        assert exc.problems and all(isinstance(p, Problem) and p.message for p in exc.problems)
        assert str(exc)
        note("refused by the parser")
        return
    try:
        feed, problems = validate(parsed, CONTEXT)
    except FeedError as exc:
        assert exc.problems
        note("refused by validation (FeedError)")
        return
    errors = [p for p in problems if not p.warning]
    assert (feed is None) == bool(errors), problems
    note("valid feed" if feed is not None else "invalid feed (problems listed)")
    for problem in problems:
        assert problem.message and isinstance(problem.path, str)
        assert problem.line is None or problem.line >= 1
        assert str(problem)
    if feed is not None:  # a valid feed must also survive what publishing does with it
        msgspec.json.encode(model.to_builtins(feed))
        feed.media_paths()
        feed_links(feed)


# -- (a) bytes and (b) text ------------------------------------------------------------------

PUNCTUATION = [
    *"{}[]:,-?!&*#|>'\"%@`~ \t\n\r\\.0123456789aefnlrtux",
    "version: 1\n",
    "site:\n",
    "  name: ",
    "rotation:\n",
    "  - ",
    '"\\u',
    "---\n",
    "...\n",
    "true",
    "null",
    "1e999",
    "NaN",
    "\ufeff",
    "\x85",
    "\u2028",
]


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(NAMES))
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    check(data, name)


@FUZZ
@given(
    st.one_of(
        st.text(max_size=1024),
        st.lists(st.sampled_from(PUNCTUATION), max_size=200).map("".join),
    ),
    st.sampled_from(NAMES),
)
def test_arbitrary_text(text: str, name: str) -> None:
    check(text.encode(), name)


# -- (c) the demo feed, mutated --------------------------------------------------------------


def _demo() -> dict[str, Any]:
    data = parse_feed_bytes((demo_site() / "feed.yaml").read_bytes(), "feed.yaml").data
    assert isinstance(data, dict)
    return data


DEMO = _demo()


def _model_keys() -> list[str]:
    """Every field name of the feed model (and its tag field): keys worth inserting."""
    keys: set[str] = set()
    structs = [v for v in vars(model).values() if isinstance(v, type)]
    for cls in structs:
        if issubclass(cls, msgspec.Struct):
            keys.update(f.encode_name for f in msgspec.structs.fields(cls))
            if cls.__struct_config__.tag_field:
                keys.add(cls.__struct_config__.tag_field)
    return sorted(keys)


def _literals() -> list[str]:
    """Every Literal value the model allows (item types, weekdays, priorities...)."""
    found: set[str] = {t.__struct_config__.tag for t in model.ITEM_TYPES}  # type: ignore[misc]
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, msgspec.Struct):
            for f in msgspec.structs.fields(cls):
                found.update(_literal_args(f.type))
    return sorted(str(v) for v in found)


def _literal_args(tp: Any) -> set[Any]:
    if typing.get_origin(tp) is typing.Literal:
        return set(typing.get_args(tp))
    return (
        set().union(*(_literal_args(a) for a in typing.get_args(tp)))
        if typing.get_args(tp)
        else set()
    )


KEYS = _model_keys()
WORDS = [
    *_literals(),
    "",
    " ",
    "fr",
    "en",
    "xx",
    "FR",
    "08:00-12:00",
    "22:00-02:00",
    "00:00-24:00",
    "25:00-26:00",
    "12:00-12:00",
    "8h-12h",
    "2026-11-20",
    "2026-02-30",
    "2026-11-20T08:00",
    "2026-11-20T08:00:00+01:00",
    "2026-11-20T25:61",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "Europe/Paris",
    "Mars/Olympus_Mons",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\media\\a.jpg",
    "media/x.jpg",
    "media/x.bmp",
    "media/x.mp4",
    "media/.svg",
    "actu.xml",
    "https://example.org/a",
    "http://example.org",
    "https://",
    "https://exa mple.org",
    "javascript:alert(1)",
    "https://" + "a" * 2100,
    "F1341",
    "R12345",
    "N1",
    "F",
    "+33 1 23 45 67 89",
    "75056",
    "2A004",
    "home",
    "search",
    "default",
    "Default",
    "\x00",
    "\u202e",
    "\u200b",
    "x" * 500,
    "valmorin-sur-ondine.fr",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.sampled_from([0, -1, 1, 19, 20, 60, 86400, 86401, 0.0, -0.0, 1e-300, 1e308]),
    st.text(max_size=40),
    st.sampled_from(WORDS),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=4
        ),
    ),
    max_leaves=12,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (sequence of keys/indexes) to a node of ``node``, the root included."""
    found = [path]
    stack = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            children: Any = current.items()
        else:
            children = enumerate(current) if isinstance(current, list) else ()
        for key, child in children:
            found.append((*where, key))
            stack.append((child, (*where, key)))
    return found


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _nest(value: Any, depth: int, as_list: bool) -> Any:
    for _ in range(depth):
        value = [value] if as_list else {"x": value}
    return value


@st.composite
def mutated_demo(draw: st.DrawFn) -> tuple[bytes, str]:
    name = draw(st.sampled_from(NAMES))
    doc = copy.deepcopy(DEMO)
    for _ in range(draw(st.integers(1, 6))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        node = _get(doc, path)
        op = draw(st.sampled_from(["replace", "delete", "insert", "borrow", "copy", "nest"]))
        if not path:  # the root: replace it whole only rarely, else insert a key
            if op == "replace" and draw(st.integers(0, 9)) == 0:
                doc = draw(values)
            elif isinstance(doc, dict):
                doc[draw(st.sampled_from(KEYS))] = draw(values)
            continue
        parent, key = _get(doc, path[:-1]), path[-1]
        if op == "replace":
            parent[key] = draw(values)
        elif op == "delete":
            del parent[key]
        elif op == "insert" and isinstance(node, dict):
            node[draw(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)))] = draw(values)
        elif op == "insert" and isinstance(node, list):
            node.insert(draw(st.integers(0, len(node))), draw(values))
        elif op == "borrow":  # a value from elsewhere in the feed: well-formed, wrong place
            # (not an ancestor, nor a whole section: the feed must not double at each step)
            donors = [p for p in paths if len(p) >= 2 and p != path[: len(p)]]
            if donors:
                parent[key] = copy.deepcopy(_get(doc, draw(st.sampled_from(donors))))
        elif op == "copy" and isinstance(parent, list):  # duplicate ids, repeated items
            parent.insert(draw(st.integers(0, len(parent))), copy.deepcopy(node))
        elif op == "nest":
            # PyYAML's writer recurses about three frames a level, json's one; and a later
            # step may deepcopy this subtree (two frames a level): stay well under the
            # interpreter's limit. test_deep_nesting_... covers 900 levels on its own.
            deep = [1, 2, MAX_DEPTH - 3, MAX_DEPTH, 100] + ([250] if name == "feed.json" else [])
            depth = draw(st.sampled_from(deep))
            parent[key] = _nest(node, depth, draw(st.booleans()))
    return _write(doc, name), name


def _write(doc: Any, name: str) -> bytes:
    if name.endswith(".json"):
        return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False).encode()


@FUZZ
@given(mutated_demo())
def test_mutated_demo_feed(case: tuple[bytes, str]) -> None:
    check(*case)


# -- the fuzzer's own footing, and what it found ---------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_unmutated_demo_is_valid_in_both_formats(name: str) -> None:
    """Mutations start from a valid feed, so they explore near-valid input."""
    parsed = parse_feed_bytes(_write(DEMO, name), name)
    feed, problems = validate(parsed, CONTEXT)
    assert feed is not None, [str(p) for p in problems if not p.warning]
    assert len(KEYS) > 50 and "rotation" in KEYS and "type" in KEYS
    assert {"announcement", "qr", "mon", "highest", "cover"} <= set(WORDS)


@pytest.mark.parametrize("depth", [30, 31, 900, 5000])
@pytest.mark.parametrize("name", NAMES)
def test_deep_nesting_is_refused_alike_in_json_and_yaml(depth: int, name: str) -> None:
    """Found by this fuzzer: JSON nested ~900 deep parsed, then validation died in a
    RecursionError (YAML was already capped at MAX_DEPTH)."""
    if depth < 100:
        data = _write({"version": 1, "site": {"name": _nest("x", depth, as_list=True)}}, name)
    elif name.endswith(".json"):  # written by hand: the writers recurse too
        data = b'{"version": 1, "site": {"name": ' + b"[" * depth + b'"x"' + b"]" * depth + b"}}"
    else:
        data = b"version: 1\nsite:\n  name: " + b"[" * depth + b"x" + b"]" * depth
    if depth + 2 <= MAX_DEPTH:
        feed, problems = validate(parse_feed_bytes(data, name), CONTEXT)
        assert feed is None and any(p.path == "site.name" for p in problems)
    else:
        with pytest.raises(FeedError, match="nested"):
            parse_feed_bytes(data, name)
    check(data, name, note=lambda _: None)


def test_nan_and_huge_numbers_are_problems_not_crashes() -> None:
    for value in (math.nan, math.inf, -math.inf, 10**400, -(10**30)):
        doc = copy.deepcopy(DEMO)
        doc["rotation"][0]["duration"] = value
        doc["services"]["idle_timeout"] = value
        data = _write(doc, "feed.json")
        feed, problems = validate(parse_feed_bytes(data, "feed.json"), CONTEXT)
        assert feed is None
        paths = {p.path for p in problems if not p.warning}
        assert {"rotation[0].duration", "services.idle_timeout"} <= paths, problems
