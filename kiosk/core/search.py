"""Searching the services directory the way a passer-by types: no accents, no capitals,
a word at a time.

"etat civil" finds "État civil", "pass" already finds "passeport" (results update while
typing: each word of the query is matched as the start of a word), and keywords catch what
titles do not say ("passeport" finds the identity-card page). Every language of the texts
is searched, so a tourist typing "birth" finds the birth-certificate page from a French
screen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kiosk.core.feed import Category, Directory, Service

_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Weights of where a query word was found (title beats keyword beats summary).
_TITLE, _KEYWORD, _SUMMARY = 8, 5, 2


def fold(text: str) -> str:
    """Lowercase, no accents, no punctuation: 'Œuvre d’Art-Déco' -> 'oeuvre d art deco'."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def _texts(value: str | dict[str, str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value.values())


@dataclass(frozen=True)
class Entry:
    """One searchable thing: a category (service_id None) or a service."""

    category_id: str
    service_id: str | None
    title: tuple[str, ...]  # folded words of the titles, all languages
    keywords: tuple[str, ...]
    summary: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    category_id: str
    service_id: str | None
    score: int


def _words(texts: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for t in texts for w in fold(t).split()))


def build_index(directory: Directory) -> list[Entry]:
    entries: list[Entry] = []
    for category in directory.categories:
        entries.append(_entry(category, None))
        entries += [_entry(category, service) for service in category.services]
    return entries


def _entry(category: Category, service: Service | None) -> Entry:
    if service is None:
        return Entry(
            category.id, None, _words(_texts(category.title)), (), _words(_texts(category.summary))
        )
    return Entry(
        category.id,
        service.id,
        _words(_texts(service.title)),
        _words(service.keywords),
        _words(_texts(service.summary)),
    )


def _word_score(word: str, entry: Entry) -> int:
    """Best place ``word`` matches in ``entry`` (whole word > start of a word), or 0."""
    best = 0
    for weight, words in (
        (_TITLE, entry.title),
        (_KEYWORD, entry.keywords),
        (_SUMMARY, entry.summary),
    ):
        for candidate in words:
            if candidate == word:
                best = max(best, weight * 2)
            elif candidate.startswith(word):
                best = max(best, weight)
    return best


def search(index: list[Entry], query: str, limit: int = 30) -> list[Hit]:
    """Entries matching every word of ``query`` (as the start of a word), best first.

    An empty query finds nothing. Ties keep the directory's order.
    """
    words = fold(query).split()
    if not words:
        return []
    hits: list[Hit] = []
    for entry in index:
        scores = [_word_score(w, entry) for w in words]
        if all(scores):
            hits.append(Hit(entry.category_id, entry.service_id, sum(scores)))
    hits.sort(key=lambda h: -h.score)  # stable: the directory's order breaks ties
    return hits[:limit]
