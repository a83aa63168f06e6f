"""Feed rules that a schema cannot express, run on every part that decoded.

Each check reports through ``add(path, message, warning=False)``; warnings do not make the
feed invalid.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.feed import (
    Alerts,
    Directory,
    Feed,
    Item,
    MediaRef,
    Screen,
    Site,
    TickerMessage,
    Validity,
    is_fiche_id,
    is_media_icon,
)
from kiosk.core.schedule import wall_to_instant

if TYPE_CHECKING:
    from kiosk.core.validate import Context

Add = Callable[..., None]

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")
VIDEO_EXTENSIONS = (".mp4", ".webm", ".mkv", ".mov", ".m4v")


@dataclass
class Parts:
    """The decoded pieces of a feed, each list element with its index in the file."""

    site: Site | None = None
    screens: list[tuple[int, Screen]] = field(default_factory=list)
    rotation: list[tuple[int, Item]] = field(default_factory=list)
    ticker: list[tuple[int, TickerMessage]] = field(default_factory=list)
    media: dict[str, MediaRef] = field(default_factory=dict)
    services: Directory | None = None
    alerts: Alerts | None = None

    @classmethod
    def of(cls, feed: Feed) -> Parts:
        return cls(
            feed.site,
            list(enumerate(feed.screens)),
            list(enumerate(feed.rotation)),
            list(enumerate(feed.ticker)),
            dict(feed.media),
            feed.services,
            feed.alerts,
        )


def run(parts: Parts, ctx: Context, add: Add) -> None:
    languages = _check_site(parts.site, ctx, add)
    tz = _zone(parts.site)
    names, tags = _check_screens(parts.screens, add)
    seen: dict[str, str] = {}
    targets: list[tuple[str, Item | TickerMessage]] = [
        (f"rotation[{i}]", it) for i, it in parts.rotation
    ]
    targets += [(f"ticker[{i}]", msg) for i, msg in parts.ticker]
    for path, thing in targets:
        if thing.id in seen:
            add(
                f"{path}.id",
                f"id '{thing.id}' is already used by {seen[thing.id]}; ids must be unique",
            )
        else:
            seen[thing.id] = path
        _check_targets(path, thing.screens, thing.tags, names, tags, add)
        if thing.valid is not None:
            _check_validity(f"{path}.valid", thing.valid, tz, ctx, add)
        for name in ("title", "body", "caption", "text"):
            value = getattr(thing, name, None)
            if value is not None:
                _check_text(f"{path}.{name}", value, languages, add)
        for name in ("link", "url", "source"):
            value = getattr(thing, name, None)
            if value is None:
                continue
            if name == "source" and "://" not in value:  # a file beside the feed
                _check_relative(f"{path}.{name}", value, add)
            else:
                _check_url(f"{path}.{name}", value, add)
        _check_media_fields(path, thing, ctx, add)
    service_ids = _check_directory(parts.services, languages, ctx, add)
    _check_alerts(parts.alerts, add)
    for i, item in parts.rotation:
        if item.service is not None and item.service not in service_ids:
            add(f"rotation[{i}].service", f"no service with the id '{item.service}' in `services`")
    if parts.site is not None and parts.site.logo:
        _check_media("site.logo", parts.site.logo, IMAGE_EXTENSIONS, ctx, add)
    if parts.site is not None and parts.site.motto is not None:
        _check_text("site.motto", parts.site.motto, languages, add)


def _check_directory(
    directory: Directory | None, languages: list[str], ctx: Context, add: Add
) -> set[str]:
    """Unique ids, texts, icons and procedures of the services directory; returns the ids."""
    if directory is None:
        return set()
    seen: dict[str, str] = {}
    category_ids: set[str] = set()
    for i, category in enumerate(directory.categories):
        path = f"services.categories[{i}]"
        if category.id in category_ids:
            add(f"{path}.id", f"category '{category.id}' is declared twice")
        category_ids.add(category.id)
        _check_text(f"{path}.title", category.title, languages, add)
        if category.summary is not None:
            _check_text(f"{path}.summary", category.summary, languages, add)
        _check_icon(f"{path}.icon", category.icon, ctx, add)
        if not category.services:
            add(f"{path}.services", "no services: the tile would open an empty page", True)
        for j, service in enumerate(category.services):
            spath = f"{path}.services[{j}]"
            if service.id in seen:
                add(
                    f"{spath}.id",
                    f"service id '{service.id}' is already used by {seen[service.id]}",
                )
            seen.setdefault(service.id, spath)
            _check_service(spath, service, languages, add)
    return set(seen)


def _check_service(path: str, service: Any, languages: list[str], add: Add) -> None:
    for name in ("title", "summary", "place", "hours"):
        value = getattr(service, name)
        if value is not None:
            _check_text(f"{path}.{name}", value, languages, add)
    for k, document in enumerate(service.documents):
        _check_text(f"{path}.documents[{k}]", document, languages, add)
    for k, word in enumerate(service.keywords):
        if not word.strip():
            add(f"{path}.keywords[{k}]", "empty keyword")
    procedure = service.procedure
    if procedure is not None and not is_fiche_id(procedure):
        if "://" not in procedure:
            add(
                f"{path}.procedure",
                f"'{procedure}' is not a service-public.gouv.fr id; "
                "expected F, R or N followed by digits (F1341), or an https:// address",
            )
        else:
            _check_url(f"{path}.procedure", procedure, add)


def _check_alerts(alerts: Alerts | None, add: Add) -> None:
    if alerts is None:
        return
    seen: set[str] = set()
    for i, source in enumerate(alerts.sources):
        path = f"alerts.sources[{i}]"
        if source.id in seen:
            add(f"{path}.id", f"alert source '{source.id}' is declared twice")
        seen.add(source.id)
        if "://" in source.url:
            _check_url(f"{path}.url", source.url, add)
    area = alerts.area
    if alerts.sources and (area is None or not (area.insee or area.departement or area.geocodes)):
        add(
            "alerts.area",
            "no area: every alert of these sources shows, unless a screen's "
            "position (kiosk.toml) is inside its polygon or circle",
            True,
        )
    if alerts.test_mode:
        add(
            "alerts.test_mode",
            "test mode shows Test and Exercise alerts: never on a live screen",
            True,
        )


def _check_icon(path: str, icon: str | None, ctx: Context, add: Add) -> None:
    if icon is None:
        return
    if is_media_icon(icon):
        _check_media(path, icon, IMAGE_EXTENSIONS, ctx, add)
    elif ctx.icon_exists is not None and not ctx.icon_exists(icon):
        add(path, f"no icon named '{icon}' in the theme; use one of its icons or a media file")


def _check_site(site: Site | None, ctx: Context, add: Add) -> list[str]:
    if site is None:
        return []
    try:
        ZoneInfo(site.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        add(
            "site.timezone",
            f"unknown time zone '{site.timezone}'; expected an IANA name like Europe/Paris",
        )
    for i, lang in enumerate(site.languages):
        if lang in site.languages[:i]:
            add(f"site.languages[{i}]", f"language '{lang}' is listed twice")
    if ctx.theme_exists is not None and not ctx.theme_exists(site.theme):
        add("site.theme", f"no theme named '{site.theme}' in themes/")
    return list(site.languages)


def _check_screens(screens: list[tuple[int, Screen]], add: Add) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    tags: set[str] = set()
    for i, screen in screens:
        if screen.name in names:
            add(f"screens[{i}].name", f"screen '{screen.name}' is declared twice")
        names.add(screen.name)
        tags.update(screen.tags)
    return names, tags


def _check_targets(
    path: str, screens: list[str], tags: list[str], names: set[str], known_tags: set[str], add: Add
) -> None:
    for j, name in enumerate(screens):
        if name not in names:
            declared = ", ".join(sorted(names)) or "none"
            add(f"{path}.screens[{j}]", f"no screen named '{name}' (declared screens: {declared})")
    for j, tag in enumerate(tags):
        if tag not in known_tags:
            used = ", ".join(sorted(known_tags)) or "none"
            add(f"{path}.tags[{j}]", f"no screen has the tag '{tag}' (tags in use: {used})")


def _zone(site: Site | None) -> ZoneInfo:
    try:
        return ZoneInfo(site.timezone if site else "Europe/Paris")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Paris")


def _check_validity(path: str, valid: Validity, tz: ZoneInfo, ctx: Context, add: Add) -> None:
    if valid.from_ is not None and valid.until is not None:
        if valid.until.as_end() <= valid.from_.as_start():
            add(f"{path}.until", f"'{valid.until}' is not after 'from' ({valid.from_})")
    if valid.weekdays is not None:
        if not valid.weekdays:
            add(
                f"{path}.weekdays",
                "empty list: the item would never show; remove `weekdays` for every day",
            )
        for j, day in enumerate(valid.weekdays):
            if day in valid.weekdays[:j]:
                add(f"{path}.weekdays[{j}]", f"'{day}' is listed twice")
    if valid.hours is not None and not valid.hours:
        add(f"{path}.hours", "empty list: the item would never show; remove `hours` for all day")
    if ctx.now is not None and valid.until is not None:
        if wall_to_instant(valid.until.as_end(), tz) <= ctx.now:
            add(f"{path}.until", f"ended on {valid.until}: this item will not show again", True)


#: Beyond this, a body no longer fits a portrait totem at a size readable from 3 m.
LONG_TEXT = 420


def _check_text(path: str, value: Any, languages: list[str], add: Add) -> None:
    for lang, text in [("", value)] if isinstance(value, str) else list(value.items()):
        if len(text) > LONG_TEXT:
            where = f"{path}.{lang}" if lang else path
            add(
                where,
                f"{len(text)} characters: on a totem it will be shrunk and may be cut; "
                f"keep it under {LONG_TEXT} (put the rest behind a link)",
                True,
            )
    if isinstance(value, str):
        if not value.strip():
            add(path, "empty text")
        return
    if not value:
        add(path, "empty map: give at least the text in the site's first language")
        return
    for lang, text in value.items():
        if languages and lang not in languages:
            add(
                f"{path}.{lang}",
                f"language '{lang}' is not in site.languages ({', '.join(languages)})",
            )
        elif not text.strip():
            add(f"{path}.{lang}", "empty text")
    if languages and languages[0] not in value:
        add(path, f"no text in '{languages[0]}', the site's first language (used as fallback)")


def _check_url(path: str, url: str, add: Add) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        add(path, f"'{url}' is not a web address; expected https://host/...")
    elif any(c.isspace() for c in url):
        add(path, f"'{url}' contains spaces")
    elif len(url.encode()) > 2000:  # every link is shown as a QR code: at most 2331 bytes fit
        add(path, f"address is {len(url.encode())} bytes long; at most 2000 fit in a QR code")


def _check_relative(path: str, value: str, add: Add) -> None:
    norm = posixpath.normpath(value)
    if value.startswith("/") or "\\" in value or norm.startswith("..") or ":" in value:
        add(path, f"'{value}' must be an https:// address or a path inside the site folder")


def _check_media_fields(path: str, item: Any, ctx: Context, add: Add) -> None:
    image = getattr(item, "image", None)
    if image is not None:
        _check_media(f"{path}.image", image, IMAGE_EXTENSIONS, ctx, add)
    video = getattr(item, "video", None)
    if video is not None:
        _check_media(f"{path}.video", video, VIDEO_EXTENSIONS, ctx, add)


def _check_media(
    path: str, media: str, extensions: tuple[str, ...], ctx: Context, add: Add
) -> None:
    norm = posixpath.normpath(media)
    if media.startswith("/") or "\\" in media or norm.startswith("..") or ":" in media:
        add(path, f"'{media}' must be a path inside the site folder, like media/photo.jpg")
        return
    if not media.lower().endswith(extensions):
        add(path, f"'{media}' has an unsupported extension; expected one of {' '.join(extensions)}")
        return
    if ctx.media_exists is not None and not ctx.media_exists(media):
        add(path, f"media file '{media}' not found")
