"""Localised text: pick the visitor's language, fall back field by field to the site's first."""

from __future__ import annotations


def localize(value: str | dict[str, str] | None, lang: str, fallbacks: list[str]) -> str:
    """Text of ``value`` in ``lang``, else in each of ``fallbacks`` in turn, else any.

    A plain string is text in the site's first language and is returned whatever ``lang``.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for code in (lang, *fallbacks):
        text = value.get(code)
        if text:
            return text
    return next(iter(value.values()), "")


def has_language(value: str | dict[str, str] | None, lang: str) -> bool:
    """Whether ``value`` was written in ``lang`` (a plain string counts as the first language)."""
    return isinstance(value, dict) and bool(value.get(lang))
