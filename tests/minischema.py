"""A small JSON Schema (2020-12) checker for the keywords msgspec generates.

The project ships a schema for editors but depends on no JSON Schema library; this checker
lets tests confirm the schema accepts real feeds and refuses broken ones. A keyword it does
not know is an error, so the schema cannot grow a constraint these tests silently ignore.
"""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = {"title", "description", "default", "examples", "discriminator", "$schema", "$defs"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def schema_errors(root: dict[str, Any], instance: Any) -> list[str]:
    """Every violation of ``root`` by ``instance``, each as "path: reason"."""
    errors: list[str] = []
    _check(root, root, instance, "$", errors)
    return errors


def _check(
    root: dict[str, Any], schema: dict[str, Any], value: Any, path: str, out: list[str]
) -> None:
    for key, arg in schema.items():
        if key in ANNOTATIONS:
            continue
        check = _KEYWORDS.get(key)
        if check is None:
            raise NotImplementedError(f"minischema does not know the keyword {key!r}")
        check(root, schema, arg, value, path, out)


def _ref(
    root: dict[str, Any], schema: Any, ref: str, value: Any, path: str, out: list[str]
) -> None:
    assert ref.startswith("#/"), ref
    target: Any = root
    for part in ref[2:].split("/"):
        target = target[part]
    _check(root, target, value, path, out)


def _type(
    root: Any, schema: Any, name: str | list[str], value: Any, path: str, out: list[str]
) -> None:
    names = [name] if isinstance(name, str) else name
    if not any(TYPES[n](value) for n in names):
        out.append(f"{path}: {value!r} is not of type {'/'.join(names)}")


def _properties(
    root: Any, schema: Any, props: dict[str, Any], value: Any, path: str, out: list[str]
) -> None:
    if isinstance(value, dict):
        for name, sub in props.items():
            if name in value:
                _check(root, sub, value[name], f"{path}.{name}", out)


def _additional(root: Any, schema: Any, extra: Any, value: Any, path: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        return
    for name in set(value) - set(schema.get("properties", {})):
        if extra is False:
            out.append(f"{path}: unexpected property {name!r}")
        elif isinstance(extra, dict):
            _check(root, extra, value[name], f"{path}.{name}", out)


def _required(
    root: Any, schema: Any, names: list[str], value: Any, path: str, out: list[str]
) -> None:
    if isinstance(value, dict):
        out.extend(f"{path}: missing {n!r}" for n in names if n not in value)


def _items(
    root: Any, schema: Any, sub: dict[str, Any], value: Any, path: str, out: list[str]
) -> None:
    if isinstance(value, list):
        for i, element in enumerate(value):
            _check(root, sub, element, f"{path}[{i}]", out)


def _any_of(
    root: Any, schema: Any, options: list[Any], value: Any, path: str, out: list[str]
) -> None:
    failures = []
    for option in options:
        errors: list[str] = []
        _check(root, option, value, path, errors)
        if not errors:
            return
        failures.extend(errors)
    out.append(f"{path}: matches none of {len(options)} options ({'; '.join(failures)})")


def _enum(
    root: Any, schema: Any, allowed: list[Any], value: Any, path: str, out: list[str]
) -> None:
    if value not in allowed:
        out.append(f"{path}: {value!r} is not one of {allowed}")


def _pattern(root: Any, schema: Any, regex: str, value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, str) and not re.search(regex, value):
        out.append(f"{path}: {value!r} does not match {regex}")


def _bound(test: Any, word: str) -> Any:
    def check(root: Any, schema: Any, limit: Any, value: Any, path: str, out: list[str]) -> None:
        if TYPES["number"](value) and not test(value, limit):
            out.append(f"{path}: {value!r} is not {word} {limit}")

    return check


def _size(measure: type, word: str) -> Any:
    def check(root: Any, schema: Any, limit: int, value: Any, path: str, out: list[str]) -> None:
        if isinstance(value, measure) and len(value) < limit:
            out.append(f"{path}: {word} {len(value)} is below {limit}")

    return check


_KEYWORDS: dict[str, Any] = {
    "$ref": _ref,
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "anyOf": _any_of,
    "enum": _enum,
    "pattern": _pattern,
    "minimum": _bound(lambda v, lim: v >= lim, ">="),
    "maximum": _bound(lambda v, lim: v <= lim, "<="),
    "exclusiveMinimum": _bound(lambda v, lim: v > lim, ">"),
    "minLength": _size(str, "length"),
    "minItems": _size(list, "item count"),
}
