"""A town website's RSS or Atom feed -> news slides' content (bytes in, items out).

The document is first checked by :func:`kiosk.core.xmlsafe.parse_xml` (no DTD, no entity,
nothing external), then feedparser reads the bytes (it never fetches anything itself here).
HTML in titles and summaries becomes plain text with the standard library's parser: no
markup, script or style survives, entities are decoded.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

from kiosk.core.xmlsafe import parse_xml

SUMMARY_CHARS = 320
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NewsItem:
    title: str
    summary: str
    link: str
    published: datetime | None
    image: str  # URL of a picture, "" if none


@dataclass(frozen=True)
class NewsFeed:
    title: str  # the feed's own title (the RSS channel's, the Atom feed's), "" if none
    items: list[NewsItem]


def _picture_address(src: str, relative: bool) -> bool:
    """An http(s) URL; with ``relative``, also a reference relative to the document (which
    the caller resolves against the feed's address). Never data:, file: or other schemes."""
    if src.startswith(("http://", "https://")):
        return True
    return relative and bool(src.strip()) and not urlsplit(src).scheme


class _Text(HTMLParser):
    """Plain text of an HTML fragment, and the address of its first picture."""

    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAK = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self, relative_images: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.image = ""
        self._skipping = 0
        self._relative = relative_images

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAK:
            self.parts.append(" ")
        elif tag == "img" and not self.image:
            src = dict(attrs).get("src") or ""
            if _picture_address(src, self._relative):
                self.image = src

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(fragment: str, relative_images: bool = False) -> tuple[str, str]:
    """(text, first image URL) of an HTML fragment."""
    parser = _Text(relative_images)
    parser.feed(fragment)
    parser.close()
    return _SPACES.sub(" ", "".join(parser.parts)).strip(), parser.image


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-– ")
    return cut + "…"


def parse_news(
    data: bytes,
    source: str,
    now: datetime,
    max_items: int = 5,
    max_age: timedelta | None = None,
) -> list[NewsItem]:
    """The newest items first, at most ``max_items``, none older than ``max_age``."""
    return read_news(data, source, now, max_items, max_age).items


def read_news(
    data: bytes,
    source: str,
    now: datetime,
    max_items: int = 5,
    max_age: timedelta | None = None,
    relative_images: bool = False,
) -> NewsFeed:
    """The feed's title and its items as :func:`parse_news` gives them. ``relative_images``
    also keeps pictures given by a relative reference, for the caller to resolve."""
    parse_xml(data, source)  # refuses anything unsafe before feedparser sees it
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    items = [_item(entry, relative_images) for entry in parsed.entries]
    items = [i for i in items if i.title and i.link.startswith(("https://", "http://"))]
    if max_age is not None:
        items = [i for i in items if i.published is None or now - i.published <= max_age]
    items.sort(key=lambda i: i.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    title, _ = plain_text(parsed.feed.get("title", ""))
    return NewsFeed(title=title, items=items[:max_items])


def _item(entry: Any, relative_images: bool = False) -> NewsItem:
    title, _ = plain_text(entry.get("title", ""))
    body = entry.get("summary", "")
    contents = entry.get("content") or []
    if not body and contents:
        body = contents[0].get("value", "")
    summary, first_image = plain_text(body, relative_images)
    if not first_image:
        for content in contents:
            _, first_image = plain_text(content.get("value", ""), relative_images)
            if first_image:
                break
    return NewsItem(
        title=title,
        summary=shorten(summary),
        link=entry.get("link", ""),
        published=_published(entry),
        image=_image(entry, relative_images) or first_image,
    )


def _published(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def _image(entry: Any, relative: bool = False) -> str:
    """A picture announced as such: an image enclosure, media:content, media:thumbnail."""
    candidates = []
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            candidates.append(link.get("href", ""))
    for media in entry.get("media_content", []):
        if media.get("medium") == "image" or str(media.get("type", "")).startswith("image/"):
            candidates.append(media.get("url", ""))
    candidates += [t.get("url", "") for t in entry.get("media_thumbnail", [])]
    return next((c for c in candidates if _picture_address(c, relative)), "")
