"""Feed rules that a schema cannot express, run on every part that decoded.

Each check reports through ``add(path, message, warning=False)``; warnings do not make the
feed invalid. Besides mistakes, they warn about what no screen will ever show (an item whose
validity never holds, a promotional item valid only during electoral reserve periods, a
service no screen's directory has) and say when reserve periods hide promotional items.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.feed import (
    Alerts,
    Category,
    Directory,
    Feed,
    Item,
    Links,
    MediaRef,
    ReservePeriod,
    Screen,
    Service,
    Site,
    TickerMessage,
    Validity,
    is_fiche_id,
    is_media_icon,
)
from kiosk.core.schedule import Window, shows_between, targets, wall_to_instant

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
    reserve_periods: list[tuple[int, ReservePeriod]] = field(default_factory=list)
    links: Links | None = None

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
            list(enumerate(feed.reserve_periods)),
            feed.links,
        )


@dataclass(frozen=True)
class LinkPolicy:
    """What addresses may be shown as links and QR codes (the feed's ``links`` section)."""

    allow_http: bool = False
    hosts: tuple[str, ...] = ()  # empty: any host


@dataclass(frozen=True)
class Reserve:
    """A reserve period that decoded and makes sense, as UTC instants [from, until)."""

    id: str
    window: Window


def run(parts: Parts, ctx: Context, add: Add) -> None:
    languages = _check_site(parts.site, ctx, add)
    tz = _zone(parts.site)
    names, tags = _check_screens(parts.screens, add)
    screens = [screen for _, screen in parts.screens]
    links = _check_links(parts.links, add)
    reserves = _check_reserves(parts.reserve_periods, languages, tz, add)
    seen: dict[str, str] = {}
    entries: list[tuple[str, Item | TickerMessage]] = [
        (f"rotation[{i}]", it) for i, it in parts.rotation
    ]
    entries += [(f"ticker[{i}]", msg) for i, msg in parts.ticker]
    for path, thing in entries:
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
                _check_url(f"{path}.{name}", value, add, links)
        _check_media_fields(path, thing, ctx, add)
        if thing.valid is None or _usable(thing.valid):
            _check_shown(path, thing, tz, reserves, ctx, add)
    service_ids = _check_directory(
        parts.services, languages, ctx, add, links, (names, tags), screens
    )
    _check_alerts(parts.alerts, add)
    for i, item in parts.rotation:
        if item.service is None:
            continue
        if item.service not in service_ids:
            add(f"rotation[{i}].service", f"no service with the id '{item.service}' in `services`")
        elif parts.services is not None:
            _check_service_link(f"rotation[{i}].service", item, parts.services, screens, add)
    if parts.site is not None and parts.site.logo:
        _check_media("site.logo", parts.site.logo, IMAGE_EXTENSIONS, ctx, add)
    if parts.site is not None and parts.site.motto is not None:
        _check_text("site.motto", parts.site.motto, languages, add)


def _check_directory(
    directory: Directory | None,
    languages: list[str],
    ctx: Context,
    add: Add,
    links: LinkPolicy,
    known: tuple[set[str], set[str]],
    screens: list[Screen],
) -> set[str]:
    """Unique ids, texts, icons, procedures and targets of the services directory; returns
    the service ids."""
    if directory is None:
        return set()
    names, tags = known
    seen: dict[str, str] = {}
    category_ids: set[str] = set()
    for i, category in enumerate(directory.categories):
        path = f"services.categories[{i}]"
        if category.id in category_ids:
            add(f"{path}.id", f"category '{category.id}' is declared twice")
        category_ids.add(category.id)
        _check_targets(path, category.screens, category.tags, names, tags, add)
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
            _check_targets(spath, service.screens, service.tags, names, tags, add)
            _check_service(spath, service, languages, add, links)
            _check_service_screens(spath, category, service, known, screens, add)
    return set(seen)


def _targeted(thing: Category | Service | Item | TickerMessage) -> bool:
    return bool(thing.screens or thing.tags)


def _known_targets(thing: Category | Service, known: tuple[set[str], set[str]]) -> bool:
    return set(thing.screens) <= known[0] and set(thing.tags) <= known[1]


def _in_directory(category: Category, service: Service, screen: Screen) -> bool:
    """Whether ``screen``'s directory has ``service``: both it and its category target it."""
    return targets(category.screens, category.tags, screen) and targets(
        service.screens, service.tags, screen
    )


def _check_service_screens(
    path: str,
    category: Category,
    service: Service,
    known: tuple[set[str], set[str]],
    screens: list[Screen],
    add: Add,
) -> None:
    """Warn about a service that no declared screen's directory has (its targets and its
    category's have no screen in common). Unknown names are errors reported elsewhere."""
    if not screens or not (_targeted(category) or _targeted(service)):
        return
    if not (_known_targets(category, known) and _known_targets(service, known)):
        return
    if any(_in_directory(category, service, screen) for screen in screens):
        return

    def where(thing: Category | Service) -> str:
        shown = [s.name for s in screens if targets(thing.screens, thing.tags, s)]
        return ", ".join(shown)

    add(
        path,
        f"no screen will ever show this service: it targets {where(service)}, but its "
        f"category '{category.id}' only {where(category)}",
        True,
    )


def _check_service_link(
    path: str, item: Item, directory: Directory, screens: list[Screen], add: Add
) -> None:
    """Warn when a slide's service is missing from the directory of a screen showing it."""
    found = directory.service(item.service or "")
    if found is None:
        return
    category, service = found
    missing = [
        s.name
        for s in screens
        if targets(item.screens, item.tags, s) and not _in_directory(category, service, s)
    ]
    if missing:
        add(
            path,
            f"service '{service.id}' is not in the directory of {', '.join(missing)}, where "
            "this item shows: there, touching the slide does not open it",
            True,
        )


def _check_service(
    path: str, service: Service, languages: list[str], add: Add, links: LinkPolicy
) -> None:
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
            _check_url(f"{path}.procedure", procedure, add, links)


def _check_alerts(alerts: Alerts | None, add: Add) -> None:
    if alerts is None:
        return
    seen: set[str] = set()
    for i, source in enumerate(alerts.sources):
        path = f"alerts.sources[{i}]"
        if source.id in seen:
            add(f"{path}.id", f"alert source '{source.id}' is declared twice")
        seen.add(source.id)
        if "://" in source.url:  # not shown to the public: http and any host stay allowed
            _check_url(f"{path}.url", source.url, add, None)
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


_ICON_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _check_icon(path: str, icon: str | None, ctx: Context, add: Add) -> None:
    if icon is None:
        return
    if is_media_icon(icon):
        _check_media(path, icon, IMAGE_EXTENSIONS, ctx, add)
    elif not _ICON_NAME.match(icon):
        add(
            path,
            f"{_quote(icon)} is neither an icon name of the theme (lowercase letters, digits, -) "
            "nor a media file (a path with its extension, like media/icon.svg)",
        )
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
        if screen.placement == "street" and screen.power and screen.power.night_off is False:
            add(
                f"screens[{i}].power.night_off",
                f"street screen '{screen.name}' stays lit from 01:00 to 06:00: the French rule "
                "on illuminated displays (R581-35) asks for it to be off, except on street "
                "furniture serving public transport during its hours",
                warning=True,
            )
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


def _usable(valid: Validity) -> bool:
    """Whether ``valid`` has none of the mistakes :func:`_check_validity` reports as errors
    (only then is it worth asking when it holds)."""
    if valid.weekdays == [] or valid.hours == []:
        return False
    if valid.from_ is not None and valid.until is not None:
        return valid.until.as_end() > valid.from_.as_start()
    return True


def _check_reserves(
    periods: list[tuple[int, ReservePeriod]], languages: list[str], tz: ZoneInfo, add: Add
) -> list[Reserve]:
    """Unique ids, an `until` after `from`, labels; returns the periods that make sense."""
    seen: dict[str, str] = {}
    reserves: list[Reserve] = []
    for i, period in periods:
        path = f"reserve_periods[{i}]"
        if period.id in seen:
            add(
                f"{path}.id",
                f"reserve period '{period.id}' is already declared at {seen[period.id]}",
            )
        seen.setdefault(period.id, path)
        if period.label is not None:
            _check_text(f"{path}.label", period.label, languages, add)
        start = wall_to_instant(period.from_.as_start(), tz)
        end = wall_to_instant(period.until.as_end(), tz)
        if end <= start:
            add(f"{path}.until", f"'{period.until}' is not after 'from' ({period.from_})")
            continue
        reserves.append(Reserve(period.id, (start, end)))
    return reserves


def _local(instant: datetime, tz: ZoneInfo) -> str:
    return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _check_shown(
    path: str,
    entry: Item | TickerMessage,
    tz: ZoneInfo,
    reserves: list[Reserve],
    ctx: Context,
    add: Add,
) -> None:
    """Warn about an entry no screen will ever show (again), and say when reserve periods
    hide a promotional one.

    "Ever" starts at the entry's `from`, or now when that is later (or when there is no
    `from`: an entry with no start has shown before, unless `now` says otherwise). An entry
    that already ended is left alone: it has its own warning.
    """
    valid = entry.valid
    start = wall_to_instant(valid.from_.as_start(), tz) if valid and valid.from_ else None
    end = wall_to_instant(valid.until.as_end(), tz) if valid and valid.until else None
    now = ctx.now
    if now is not None and end is not None and end <= now:
        return
    since = max((t for t in (start, now) if t is not None), default=None)
    again = since is not None and (start is None or since > start)
    if since is not None and not shows_between(valid, tz, since):
        assert valid is not None  # an entry without rules always shows
        add(f"{path}.valid", _never_message(valid, again), True)
        return
    if not entry.promotion or not reserves:
        return
    hidden = []
    for reserve in reserves:
        lo = max(reserve.window[0], start) if start else reserve.window[0]
        hi = min(reserve.window[1], end) if end else reserve.window[1]
        if lo >= hi or (now is not None and hi <= now):
            continue  # the entry is not valid then, or it is over
        if shows_between(valid, tz, lo, hi):  # it would show during the reserve
            hidden.append(
                f"hidden from {_local(lo, tz)} to {_local(hi, tz)} ({tz.key}), "
                f"reserve period '{reserve.id}'"
            )
    windows = tuple(reserve.window for reserve in reserves)
    if since is not None and not shows_between(valid, tz, since, None, windows):
        when = "show it again" if again else "ever show it"
        add(
            f"{path}.promotion",
            f"promotional item: no screen will {when}, it is valid only during electoral "
            f"reserve periods ({'; '.join(hidden) or 'they cover it'})",
            True,
        )
        return
    for text in hidden:
        add(f"{path}.promotion", f"promotional item: {text}", True)


def _never_message(valid: Validity, again: bool) -> str:
    rules = []
    if valid.weekdays is not None:
        rules.append(f"weekdays ({', '.join(valid.weekdays)})")
    if valid.hours is not None:
        rules.append(f"hours ({', '.join(map(str, valid.hours))})")
    matches = " and ".join(rules) or "rules"
    if again:
        return (
            f"no screen will show this item again: no moment from now to its end "
            f"({valid.until}) matches its {matches}"
        )
    return (
        f"no screen will ever show this item: no moment between {valid.from_} and "
        f"{valid.until} matches its {matches}"
    )


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


_HOST = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def _check_links(links: Links | None, add: Add) -> LinkPolicy:
    """The feed's link policy; every `hosts` entry must be a bare host name."""
    if links is None:
        return LinkPolicy()
    hosts: list[str] = []
    for j, host in enumerate(links.hosts):
        name = host.strip().lower().rstrip(".")
        if not _HOST.match(name):
            add(
                f"links.hosts[{j}]",
                f"{_quote(host)} is not a host name; write the host alone, like "
                "www.valmorin-sur-ondine.fr (no https://, no path, no port)",
            )
        elif name not in hosts:
            hosts.append(name)
    return LinkPolicy(links.allow_http, tuple(hosts))


def _ascii_host(host: str) -> str:
    host = host.lower().rstrip(".")
    try:
        return host.encode("idna").decode("ascii")  # an internationalised name as xn--
    except UnicodeError:
        return host


def _host_allowed(host: str, hosts: tuple[str, ...]) -> bool:
    """``host`` is one of ``hosts`` or a subdomain of one (www.example.fr for example.fr)."""
    name = _ascii_host(host)
    return any(name == allowed or name.endswith("." + allowed) for allowed in hosts)


def _invisible(value: str) -> str | None:
    """The first control or invisible character of ``value`` (NUL, line break, tab, bidi
    override, zero-width space...), if any."""
    return next((c for c in value if unicodedata.category(c) in _INVISIBLE), None)


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _quote(value: str) -> str:
    """``value`` quoted for a message, its control characters escaped."""
    return f"'{value}'" if value.isprintable() else repr(value)


def _check_url(path: str, url: str, add: Add, links: LinkPolicy | None) -> None:
    """A web address the kiosk uses. ``links`` is the policy for addresses shown to the
    public (links, QR codes, sources): https only unless allowed, on the allowed hosts, no
    user name or password. None: an address only the kiosk reads (alert sources)."""
    shown = _quote(url)
    if (char := _invisible(url)) is not None:
        add(path, f"{shown} contains a control or invisible character (U+{ord(char):04X})")
        return
    if any(c.isspace() for c in url):
        add(path, f"{shown} contains spaces; write a space as %20")
        return
    if "\\" in url:
        add(path, f"{shown} contains a backslash (\\); web addresses use /")
        return
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        host = None
        parts = urlsplit("")
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host:
        refused = f" ({scheme}: addresses are refused)" if scheme in _DANGEROUS else ""
        add(path, f"{shown} is not a web address{refused}; expected https://host/...")
        return
    if links is not None and "@" in parts.netloc:
        add(
            path,
            f"{shown} contains a user name or password (user:password@host): refused, "
            "it could disguise the real host or publish a secret",
        )
        return
    if links is not None and scheme == "http" and not links.allow_http:
        add(
            path,
            f"{shown} is not secure (http://): use https://, or allow http:// addresses with "
            "`links: {allow_http: true}`",
        )
    if links is not None and links.hosts and not _host_allowed(host, links.hosts):
        add(
            path,
            f"host '{host}' is not allowed by `links.hosts` ({', '.join(links.hosts)}); "
            "add it there, or link to one of those hosts or their subdomains",
        )
    if len(url.encode()) > 2000:  # every link is shown as a QR code: at most 2331 bytes fit
        add(path, f"address is {len(url.encode())} bytes long; at most 2000 fit in a QR code")


#: Schemes named when refused: they run code or read files instead of opening a page.
_DANGEROUS = frozenset({"javascript", "data", "file", "vbscript", "blob", "filesystem"})
_DRIVE = re.compile(r"^[A-Za-z]:")


def _path_problem(value: str, web: bool = False) -> str | None:
    """Why ``value`` is not a relative POSIX path inside the site folder (None: it is).

    ``web``: the path is also resolved against the address of a published feed (a live
    source), so characters with a meaning in a URL (``%``, ``?``, ``#``) are refused too.
    """
    if (char := _invisible(value)) is not None:
        return f"contains a control or invisible character (U+{ord(char):04X})"
    if "\\" in value:
        return "contains a backslash (\\); write / between folders"
    if _DRIVE.match(value):
        return "starts with a drive letter"
    if value.startswith("/"):
        return "is an absolute path"
    if ":" in value:
        return "contains ':'"
    if web and (bad := next((c for c in "%?#" if c in value), None)):
        return f"contains '{bad}', which changes its meaning in a web address"
    segments = value.split("/")
    if ".." in segments:
        return "goes up a folder (..)"
    if "" in segments:
        return "has an empty part (// or a / at the end)"
    if "." in segments:
        return "has a ./ part; write the path without it"
    return None


def _check_relative(path: str, value: str, add: Add) -> None:
    if (problem := _path_problem(value, web=True)) is not None:
        add(
            path,
            f"{_quote(value)} {problem}: it must be an https:// address or a path inside the "
            "site folder, like live/agenda.ics",
        )


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
    if (problem := _path_problem(media)) is not None:
        add(
            path,
            f"{_quote(media)} {problem}: it must be a path inside the site folder, "
            "like media/photo.jpg",
        )
        return
    if not media.lower().endswith(extensions):
        add(path, f"'{media}' has an unsupported extension; expected one of {' '.join(extensions)}")
        return
    if ctx.media_exists is not None and not ctx.media_exists(media):
        add(path, f"media file '{media}' not found")
