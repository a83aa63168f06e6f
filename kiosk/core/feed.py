"""The feed model, version 1: the contract between the communication team and the screens.

The same structs describe the authoring files (``playlists/<site>/feed.yaml``) and the
published wire format (``feed.json``); the published form only adds the ``media`` manifest
(path -> sha256 and size). ``playlists/schema.json`` is generated from these classes
(``kiosk schema``), so editors can autocomplete and a test keeps it current.

Field names are the ones staff write; Python names differ only where the word is reserved
(``from`` -> ``from_``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct, field

from kiosk.core.types import LocalMoment, TimeRange

FEED_VERSION = 1

Lang = Annotated[str, Meta(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code: fr, en, de, es")]
Text = Annotated[
    str | dict[str, str],
    Meta(description="Text in the site's first language, or a map of language -> text."),
]
Ident = Annotated[
    str,
    Meta(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Stable identifier (letters, digits, . _ -), used in proof-of-play logs.",
    ),
]
MediaPath = Annotated[
    str,
    Meta(
        min_length=1,
        description="Path of a media file relative to the site folder, e.g. media/market.jpg "
        "(/ between folders; no leading /, no .. or drive letter).",
    ),
]
Url = Annotated[
    str,
    Meta(
        min_length=1,
        description="Absolute https:// address (http:// only with links.allow_http).",
    ),
]
LiveSource = Annotated[
    str,
    Meta(
        min_length=1,
        description="https:// address of the source, or a path relative to the feed "
        "(a file of the site folder, or next to a published feed.json).",
    ),
]
Promotion = Annotated[
    bool,
    Meta(
        description="Promotes the town's achievements or management: hidden on every screen "
        "during the electoral reserve periods (reserve_periods)."
    ),
]
TargetScreens = Annotated[
    list[Ident], Meta(description="Screen names; empty with no tags = every screen.")
]
TargetTags = Annotated[list[Ident], Meta(description="Screen tags this targets.")]
Seconds = Annotated[float, Meta(gt=0, le=86400, description="Seconds on screen, > 0.")]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Priority = Literal["normal", "high", "highest"]
Fit = Literal["contain", "cover"]

WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: How many times an item comes around per cycle of the rotation.
PRIORITY_WEIGHT: dict[str, int] = {"normal": 1, "high": 2, "highest": 3}


class _Strict(Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True, kw_only=True):
    """Base of every feed struct: unknown fields are errors, defaults are not re-emitted."""


class Validity(_Strict, frozen=True):
    """When an item may show, in the site's time zone. Every given condition must hold."""

    from_: LocalMoment | None = field(name="from", default=None)
    until: LocalMoment | None = None
    weekdays: list[Weekday] | None = None
    hours: list[TimeRange] | None = None


class Site(_Strict, frozen=True):
    name: Annotated[str, Meta(min_length=1, description="The town's name, shown in the header.")]
    timezone: Annotated[str, Meta(description="IANA time zone of the site.")] = "Europe/Paris"
    languages: Annotated[
        list[Lang], Meta(min_length=1, description="Languages, first is the fallback.")
    ] = field(default_factory=lambda: ["fr", "en"])
    theme: Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]*$")] = "default"
    logo: MediaPath | None = None
    motto: Text | None = None


Placement = Literal["street", "indoor"]


class Power(_Strict, frozen=True):
    """When a screen's panel is lit. Off outside the ``on`` windows, and, on a street
    screen, from 01:00 to 06:00 (code de l'environnement R581-35) unless ``night_off`` is
    false. Official alerts shown full screen light it whatever this says."""

    on: (
        Annotated[
            list[Validity],
            Meta(
                min_length=1,
                description="Windows when the screen is on (weekdays, hours, from/until); any "
                "one is enough. Left out: on all the time (but the night switch-off).",
            ),
        ]
        | None
    ) = None
    night_off: Annotated[
        bool | None,
        Meta(
            description="Off from 01:00 to 06:00 (décret 2022-1294). Default: true for a "
            "street screen, false for an indoor one."
        ),
    ] = None


class Screen(_Strict, frozen=True):
    name: Ident
    orientation: Literal["portrait", "landscape"] = "landscape"
    tags: list[Ident] = field(default_factory=list)
    description: str | None = None
    placement: Annotated[
        Placement,
        Meta(
            description="street: visible from a public road (switched off 01:00-06:00 by "
            "default); indoor: in closed premises (default)."
        ),
    ] = "indoor"
    power: Power | None = None


class _Item(_Strict, tag_field="type", frozen=True):
    """Fields shared by every rotation item."""

    id: Ident
    service: Annotated[
        Ident | None,
        Meta(description="Id of a service of the directory: touching this slide opens it."),
    ] = None
    duration: Seconds = 10.0
    priority: Priority = "normal"
    valid: Validity | None = None
    screens: TargetScreens = field(default_factory=list)
    tags: TargetTags = field(default_factory=list)
    promotion: Promotion = False


class Announcement(_Item, tag="announcement", kw_only=True, frozen=True):
    title: Text
    body: Text | None = None
    image: MediaPath | None = None
    link: Url | None = None


class Image(_Item, tag="image", kw_only=True, frozen=True):
    image: MediaPath
    caption: Text | None = None
    fit: Fit = "contain"


class Video(_Item, tag="video", kw_only=True, frozen=True):
    video: MediaPath
    # None: play the whole video once.
    duration: Seconds | None = None  # type: ignore[assignment]
    caption: Text | None = None
    fit: Fit = "contain"


class Qr(_Item, tag="qr", kw_only=True, frozen=True):
    url: Url
    title: Text
    body: Text | None = None


class News(_Item, tag="news", kw_only=True, frozen=True):
    """The latest items of an RSS or Atom feed, one slide each (title, summary, picture, QR
    of the article)."""

    source: LiveSource
    max_items: Annotated[int, Meta(ge=1, le=20)] = 5
    max_age_days: Annotated[float, Meta(gt=0, le=365)] = 30.0
    refresh: Annotated[float, Meta(ge=60, le=86400, description="Seconds between checks.")] = 900.0


class Agenda(_Item, tag="agenda", kw_only=True, frozen=True):
    """The coming events of an iCalendar (.ics) agenda: today's, then the week's."""

    source: LiveSource
    days: Annotated[int, Meta(ge=1, le=31)] = 7
    max_items: Annotated[int, Meta(ge=1, le=40)] = 12
    refresh: Annotated[float, Meta(ge=60, le=86400)] = 900.0
    title: Text | None = None


Item = Announcement | Image | Video | Qr | News | Agenda
ITEM_TYPES: tuple[type[_Item], ...] = (Announcement, Image, Video, Qr, News, Agenda)


class TickerMessage(_Strict, frozen=True):
    id: Ident
    text: Text
    valid: Validity | None = None
    screens: TargetScreens = field(default_factory=list)
    tags: TargetTags = field(default_factory=list)
    promotion: Promotion = False


Procedure = Annotated[
    str,
    Meta(
        min_length=1,
        description="service-public.gouv.fr id (F1234, R12345, N123) or an https:// address.",
    ),
]
Phone = Annotated[str, Meta(pattern=r"^\+?[0-9][0-9 .()-]{1,24}$", description="Phone number.")]


class Service(_Strict, frozen=True):
    """One public service of the touch directory."""

    id: Ident
    title: Text
    summary: Text | None = None
    documents: Annotated[list[Text], Meta(description="What to bring.")] = field(
        default_factory=list
    )
    place: Text | None = None
    hours: Text | None = None
    phone: Phone | None = None
    procedure: Procedure | None = None
    keywords: Annotated[list[str], Meta(description="Words people search for.")] = field(
        default_factory=list
    )
    screens: TargetScreens = field(default_factory=list)
    tags: TargetTags = field(default_factory=list)


class Category(_Strict, frozen=True):
    id: Ident
    title: Text
    icon: Annotated[
        str | None, Meta(description="An icon name of the theme, or a media file (SVG, PNG).")
    ] = None
    summary: Text | None = None
    services: list[Service] = field(default_factory=list)
    screens: TargetScreens = field(default_factory=list)
    tags: TargetTags = field(default_factory=list)


class Directory(_Strict, frozen=True):
    """The touch directory of public services."""

    idle_timeout: Annotated[
        float,
        Meta(
            ge=20, le=600, description="Seconds without a touch before the 'still there?' warning."
        ),
    ] = 60.0
    categories: list[Category] = field(default_factory=list)

    def services(self) -> list[tuple[Category, Service]]:
        return [(c, s) for c in self.categories for s in c.services]

    def service(self, service_id: str) -> tuple[Category, Service] | None:
        return next(((c, s) for c, s in self.services() if s.id == service_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


class AlertSource(_Strict, frozen=True):
    """Where official alerts come from: a CAP document, an Atom/RSS index of CAP alerts
    (MeteoAlarm), or the town's own alert file (JSON)."""

    id: Ident
    url: Annotated[str, Meta(min_length=1, description="https:// address (a path in tests).")]
    kind: Literal["auto", "cap", "atom", "rss", "json"] = "auto"
    poll: Annotated[float, Meta(ge=5, le=3600, description="Seconds between checks.")] = 30.0


class AlertArea(_Strict, frozen=True):
    """Which alerts concern the town: areas whose geocodes are these. A screen's position
    (kiosk.toml) also matches polygons and circles."""

    insee: Annotated[str, Meta(pattern=r"^(\d{5}|2[AB]\d{3})$")] | None = None
    departement: Annotated[str, Meta(pattern=r"^(\d{2,3}|2[AB])$")] | None = None
    geocodes: Annotated[
        list[str], Meta(description="More codes, 'valueName=value' or a bare value.")
    ] = field(default_factory=list)


class Alerts(_Strict, frozen=True):
    sources: list[AlertSource] = field(default_factory=list)
    area: AlertArea | None = None
    test_mode: Annotated[
        bool, Meta(description="Also show Test and Exercise alerts (never on a live screen).")
    ] = False


class ReservePeriod(_Strict, frozen=True):
    """An electoral reserve window (code électoral L52-1): items with ``promotion: true`` are
    hidden on every screen from ``from`` (inclusive) to ``until`` (a date includes that day)."""

    id: Ident
    from_: LocalMoment = field(name="from")
    until: LocalMoment
    label: Text | None = None


class Links(_Strict, frozen=True):
    """What addresses the feed may show as links and QR codes."""

    allow_http: Annotated[
        bool, Meta(description="Also accept http:// addresses (default: https:// only).")
    ] = False
    hosts: Annotated[
        list[Annotated[str, Meta(min_length=1)]],
        Meta(
            description="Allowed hosts: a link's host must be one of them or a subdomain of "
            "one (empty = any host). Example: [valmorin-sur-ondine.fr, service-public.gouv.fr]"
        ),
    ] = field(default_factory=list)


class MediaRef(_Strict, frozen=True):
    """A media file in a published feed: fetched from ``url`` (relative to the feed)."""

    sha256: Annotated[str, Meta(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Meta(ge=0)]
    url: str | None = None

    def location(self) -> str:
        return self.url or f"media/{self.sha256}"


class Publication(_Strict, frozen=True):
    """Written by ``kiosk publish``: screens refuse a signed feed older than the one they
    play (a replay of an old signed feed)."""

    sequence: Annotated[
        int, Meta(ge=1, description="Grows with every publication (at least the Unix time).")
    ]
    time: Annotated[str, Meta(description="When it was published, ISO 8601 UTC.")]


class Feed(_Strict, frozen=True):
    version: Annotated[int, Meta(description="Feed format version; this kiosk reads 1.")]
    site: Site
    screens: list[Screen] = field(default_factory=list)
    rotation: list[Item] = field(default_factory=list)
    ticker: list[TickerMessage] = field(default_factory=list)
    services: Directory | None = None
    alerts: Alerts | None = None
    reserve_periods: Annotated[
        list[ReservePeriod],
        Meta(description="Electoral reserve periods: promotional items are hidden during them."),
    ] = field(default_factory=list)
    links: Links | None = None
    media: dict[str, MediaRef] = field(default_factory=dict)
    publication: Publication | None = None

    def screen(self, name: str | None) -> Screen | None:
        return next((s for s in self.screens if s.name == name), None)

    def media_paths(self) -> list[str]:
        """Every media path the feed refers to, in order of first use."""
        paths: list[str] = []
        if self.site.logo:
            paths.append(self.site.logo)
        for item in self.rotation:
            for attr in ("image", "video"):
                value = getattr(item, attr, None)
                if value:
                    paths.append(value)
        if self.services is not None:
            paths += [c.icon for c in self.services.categories if c.icon and is_media_icon(c.icon)]
        return list(dict.fromkeys(paths))


SERVICE_PUBLIC = "https://www.service-public.gouv.fr/particuliers/vosdroits/"
_FICHE = re.compile(r"^[FRN][0-9]{1,6}$")


def is_fiche_id(procedure: str) -> bool:
    return bool(_FICHE.match(procedure))


def procedure_url(procedure: str) -> str:
    """The address of a procedure: a service-public.gouv.fr fiche id, or the URL itself."""
    return SERVICE_PUBLIC + procedure if is_fiche_id(procedure) else procedure


def is_media_icon(icon: str) -> bool:
    """A category icon that is a file of the site (it has an extension), not a theme icon."""
    return "." in icon or "/" in icon


def item_type_name(item: Item) -> str:
    return type(item).__struct_config__.tag  # type: ignore[return-value]


def to_builtins(feed: Feed) -> object:
    from kiosk.core.types import enc_hook

    return msgspec.to_builtins(feed, enc_hook=enc_hook)
