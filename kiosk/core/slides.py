"""Rotation items -> what a slide shows: localised text and resolved files, nothing to decide.

QML receives these plain dicts and only lays them out. The second language line
(``title_alt``) is how a passer-by who does not read French still gets the gist: each slide
carries its title (and caption) in the next site language that has its own translation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from kiosk.core.feed import Announcement, Image, Item, Qr, Site, Video, item_type_name
from kiosk.core.live import AgendaPart, EventEntry, NewsPart
from kiosk.core.text import NBSP, french_spacing, has_language, localize, pick

FALLBACK_ID = "_fallback"

Resolve = Callable[[str], str]  # media path or URL -> file URL ("" when unknown)


def display_url(url: str) -> str:
    """The address as printed under a QR code: no scheme, no trailing slash."""
    parts = urlsplit(url)
    # Only a bare "/" is dropped: a trailing slash inside a path can matter to the server.
    text = parts.netloc + ("" if parts.path == "/" else parts.path)
    if parts.query:
        text += "?" + parts.query
    return text


def _alt(value: Any, lang: str, languages: list[str]) -> tuple[str, str]:
    """(text, language) in the first other site language that has its own translation."""
    for other in languages:
        if other != lang and has_language(value, other):
            text = localize(value, other, [])
            if text != localize(value, lang, languages):
                return (french_spacing(text) if other == "fr" else text), other
    return "", ""


def present(item: Item, lang: str, site: Site, media: Resolve, qr: Resolve) -> dict[str, Any]:
    """The slide of ``item`` in ``lang`` (French or the site's first language as fallback)."""
    languages = list(site.languages)

    def text(value: Any) -> str:
        chosen, written_in = pick(value, lang, languages)
        return french_spacing(chosen) if written_in == "fr" else chosen

    slide: dict[str, Any] = {
        "id": item.id,
        "type": item_type_name(item),
        "duration": int((item.duration or 0) * 1000),
        "lang": lang,
        "service": item.service or "",  # touching the slide opens this service's page
    }
    if isinstance(item, Announcement | Qr):
        title_alt, alt_lang = _alt(item.title, lang, languages)
        slide.update(title=text(item.title), title_alt=title_alt, alt_lang=alt_lang)
        slide["body"] = text(item.body)
        link = item.link if isinstance(item, Announcement) else item.url
        slide.update(url=display_url(link) if link else "", qr=qr(link) if link else "")
    if isinstance(item, Announcement):
        slide["image"] = media(item.image) if item.image else ""
        slide["media_name"] = item.image or ""
    if isinstance(item, Image | Video):
        slide.update(caption=text(item.caption), caption_alt=_alt(item.caption, lang, languages)[0])
        slide["fit"] = item.fit
    if isinstance(item, Image):
        slide.update(image=media(item.image), media_name=item.image)
    if isinstance(item, Video):
        slide.update(video=media(item.video), media_name=item.video)
    return slide


class DateWords(Protocol):
    """Dates and times in a language, as people write them there (the UI gives Qt's)."""

    def day(self, value: date, lang: str) -> str: ...  # "mardi 24 novembre"

    def weekday(self, value: date, lang: str) -> str: ...  # "mardi"

    def month(self, value: date, lang: str) -> str: ...  # "novembre"

    def time(self, value: time, lang: str) -> str: ...  # "18 h 30", "6:30 pm"


def _part_base(part: NewsPart | AgendaPart, type_name: str, lang: str) -> dict[str, Any]:
    return {
        "id": part.id,
        "type": type_name,
        "duration": int(part.item.duration * 1000),
        "lang": lang,
        "service": part.item.service or "",
    }


def present_news(
    part: NewsPart,
    lang: str,
    site: Site,
    zone: ZoneInfo,
    media: Resolve,
    qr: Resolve,
    words: DateWords,
) -> dict[str, Any]:
    """One article; ``media`` and ``qr`` turn stored file names into file URLs."""
    entry = part.entry
    french = site.languages[0] == "fr"  # the town's own news are in its first language

    def text(value: str) -> str:
        return french_spacing(value) if french else value

    published = entry.published.astimezone(zone).date() if entry.published else None
    slide = _part_base(part, "news", lang)
    slide.update(
        title=text(entry.title),
        body=text(entry.summary),
        image=media(entry.image) if entry.image else "",
        media_name=entry.image_url,
        qr=qr(part.qr) if part.qr else "",
        url=display_url(entry.link),
        source=part.source_name,
        published=words.day(published, lang) if published else "",
    )
    return slide


def present_agenda(
    part: AgendaPart, lang: str, site: Site, zone: ZoneInfo, words: DateWords
) -> dict[str, Any]:
    """Some events of an agenda: for each, its day, time (or all day), place."""
    languages = list(site.languages)
    title, written_in = pick(part.item.title, lang, languages)
    slide = _part_base(part, "agenda", lang)
    slide.update(
        title=french_spacing(title) if written_in == "fr" else title,
        when=part.when,
        day=words.day(part.today, lang),
        days=part.item.days,
        page=part.page,
        pages=part.pages,
        events=[_event(e, lang, zone, words, languages[0] == "fr") for e in part.events],
    )
    return slide


def _event(
    event: EventEntry, lang: str, zone: ZoneInfo, words: DateWords, french: bool
) -> dict[str, Any]:
    start = event.start.astimezone(zone)
    end = event.end.astimezone(zone)
    # An all-day event ends at midnight after its last day.
    last_day = (end - timedelta(days=1)).date() if event.all_day else end.date()
    hours = ""
    if not event.all_day:
        hours = words.time(start.time(), lang)
        if end > start and last_day == start.date():
            hours += NBSP + "–" + NBSP + words.time(end.time(), lang)
    until = words.day(last_day, lang) if last_day > start.date() else ""

    def text(value: str) -> str:
        return french_spacing(value) if french else value

    return {
        "summary": text(event.summary),
        "location": text(event.location),
        "day": words.day(start.date(), lang),
        "weekday": words.weekday(start.date(), lang),
        "date": str(start.day),
        "month": words.month(start.date(), lang),
        "start": "" if event.all_day else words.time(start.time(), lang),
        "time": hours,
        "all_day": event.all_day,
        "until": until,
    }


def fallback(site: Site | None, lang: str) -> dict[str, Any]:
    """The slide shown when nothing is valid: the town's name, logo and a clock."""
    motto = localize(site.motto, lang, list(site.languages)) if site else ""
    return {"id": FALLBACK_ID, "type": "fallback", "duration": 0, "lang": lang, "body": motto}
