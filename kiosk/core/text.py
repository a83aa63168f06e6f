"""Localised text: pick the visitor's language, fall back field by field to the site's first."""

from __future__ import annotations

import re


def localize(value: str | dict[str, str] | None, lang: str, fallbacks: list[str]) -> str:
    """Text of ``value`` in ``lang``, else in each of ``fallbacks`` in turn, else any.

    A plain string is text in the site's first language and is returned whatever ``lang``.
    """
    return pick(value, lang, fallbacks)[0]


def pick(value: str | dict[str, str] | None, lang: str, fallbacks: list[str]) -> tuple[str, str]:
    """(text, the language it is in); a plain string is in ``fallbacks[0]``."""
    if value is None:
        return "", lang
    if isinstance(value, str):
        return value, fallbacks[0] if fallbacks else lang
    for code in (lang, *fallbacks):
        text = value.get(code)
        if text:
            return text, code
    code, text = next(iter(value.items()), (lang, ""))
    return text, code


def has_language(value: str | dict[str, str] | None, lang: str) -> bool:
    """Whether ``value`` was written in ``lang`` (a plain string counts as the first language)."""
    return isinstance(value, dict) and bool(value.get(lang))


_BEFORE = re.compile(r" ([:;!?»])")
_AFTER = re.compile(r"« ")
_UNITS = re.compile(r"(\d) (h|min|km|m|€|%|ans)(?!\w)")
_MINUTES = re.compile(r"(\d\u00a0h) (\d\d)(?!\w)")  # "8 h 30", once "8 h" is bound
_RANGE = re.compile(r"(\d|\u00a0h) - (\d)")  # "3 - 6", "9 h - 12 h"
NBSP = "\u00a0"


def french_spacing(text: str) -> str:
    """No line break before : ; ! ? » or after «, nor inside "8 h", "8 h 30", "12 km", "5 €",
    "3 - 6", "9 h - 12 h"."""
    text = _BEFORE.sub(NBSP + r"\1", text)
    text = _AFTER.sub("«" + NBSP, text)
    text = _UNITS.sub(r"\1" + NBSP + r"\2", text)
    text = _MINUTES.sub(r"\1" + NBSP + r"\2", text)
    # Unicode allows a break after a hyphen even before a no-break space; a word joiner
    # (U+2060, invisible) forbids it.
    return _RANGE.sub(r"\1" + NBSP + "-\u2060" + NBSP + r"\2", text)
