"""Rotation items -> what a slide shows: localised text and resolved files, nothing to decide.

QML receives these plain dicts and only lays them out. The second language line
(``title_alt``) is how a passer-by who does not read French still gets the gist: each slide
carries its title (and caption) in the next site language that has its own translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.feed import Announcement, Image, Item, Qr, Site, Video, item_type_name
from kiosk.core.text import french_spacing, has_language, localize, pick

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


def fallback(site: Site | None, lang: str) -> dict[str, Any]:
    """The slide shown when nothing is valid: the town's name, logo and a clock."""
    motto = localize(site.motto, lang, list(site.languages)) if site else ""
    return {"id": FALLBACK_ID, "type": "fallback", "duration": 0, "lang": lang, "body": motto}
