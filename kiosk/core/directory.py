"""The touch directory as pages: what each page shows, localised, ready for QML.

Pure functions of the feed's :class:`~kiosk.core.feed.Directory`, the language and two
resolvers (icon name or media -> image URL; procedure URL -> QR image URL). Navigation
state lives in :class:`Navigation`, a plain class the UI drives and tests check directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from kiosk.core.feed import Category, Directory, Feed, Screen, Service, procedure_url
from kiosk.core.schedule import screen_named, targets
from kiosk.core.search import Hit, build_index, fold, search
from kiosk.core.slides import display_url
from kiosk.core.text import french_spacing, pick

Resolve = Callable[[str], str]

#: Each language named in itself: a visitor recognises their own language (flags are not
#: languages: French is spoken in Belgium, English in Ireland...).
LANGUAGE_NAMES = {
    "fr": "Français",
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
    "ar": "العربية",
    "br": "Brezhoneg",
    "eu": "Euskara",
    "ca": "Català",
    "oc": "Occitan",
}

PAGES = ("home", "all", "category", "service", "search")


def for_screen(directory: Directory, screen: Screen | None) -> Directory:
    """The part of ``directory`` that targets ``screen``, for its pages and its search.

    Categories and services target screens like rotation items: with neither ``screens`` nor
    ``tags`` they show everywhere; a kiosk with no screen name (``None``) sees only those. A
    service shows where both it and its category do. A category whose services all target
    other screens is left out (its tile would open an empty page); one written without
    services stays, as before (validation warns about it).
    """
    categories: list[Category] = []
    for category in directory.categories:
        if not targets(category.screens, category.tags, screen):
            continue
        services = [s for s in category.services if targets(s.screens, s.tags, screen)]
        if category.services and not services:
            continue
        if len(services) != len(category.services):
            category = msgspec.structs.replace(category, services=services)
        categories.append(category)
    if len(categories) == len(directory.categories) and all(
        a is b for a, b in zip(categories, directory.categories, strict=True)
    ):
        return directory
    return msgspec.structs.replace(directory, categories=categories)


def directory_for(feed: Feed, screen_name: str | None) -> Directory:
    """The services directory the screen called ``screen_name`` shows (empty when none)."""
    if feed.services is None:
        return Directory()
    return for_screen(feed.services, screen_named(feed, screen_name))


@dataclass
class Texts:
    """Localises feed texts into one language, French typography for French text."""

    lang: str
    languages: list[str]

    def __call__(self, value: str | dict[str, str] | None) -> str:
        text, written_in = pick(value, self.lang, self.languages)
        return french_spacing(text) if written_in == "fr" else text


def category_tile(category: Category, t: Texts, icon: Resolve) -> dict[str, Any]:
    return {
        "id": category.id,
        "title": t(category.title),
        "summary": t(category.summary),
        "icon": icon(category.icon or "info"),
        "count": len(category.services),
    }


def service_row(service: Service, t: Texts) -> dict[str, Any]:
    return {"id": service.id, "title": t(service.title), "summary": t(service.summary)}


def all_services(directory: Directory, t: Texts, icon: Resolve) -> list[dict[str, Any]]:
    """Every service A to Z in the visitor's language, with its topic as subtitle."""
    rows = [
        {"id": s.id, "title": t(s.title), "summary": t(c.title), "icon": icon(c.icon or "info")}
        for c, s in directory.services()
    ]
    return sorted(rows, key=lambda r: fold(r["title"]))


def service_page(
    category: Category, service: Service, t: Texts, icon: Resolve, qr: Resolve
) -> dict[str, Any]:
    url = procedure_url(service.procedure) if service.procedure else ""
    return {
        "id": service.id,
        "categoryId": category.id,
        "categoryTitle": t(category.title),
        "icon": icon(category.icon or "info"),
        "title": t(service.title),
        "summary": t(service.summary),
        "documents": [t(d) for d in service.documents],
        "place": t(service.place),
        "hours": t(service.hours),
        "phone": service.phone or "",
        "url": display_url(url) if url else "",
        "qr": qr(url) if url else "",
    }


def search_rows(
    directory: Directory, hits: list[Hit], t: Texts, icon: Resolve
) -> list[dict[str, Any]]:
    """The search page's result rows: a topic (its summary beneath) or a service (its topic
    beneath), in the order of ``hits``."""
    rows: list[dict[str, Any]] = []
    for hit in hits:
        category = directory.category(hit.category_id)
        if category is None:
            continue
        if hit.service_id is None:
            rows.append(
                {
                    "kind": "category",
                    "id": category.id,
                    "title": t(category.title),
                    "subtitle": t(category.summary),
                    "icon": icon(category.icon or "info"),
                }
            )
            continue
        found = directory.service(hit.service_id)
        if found is not None:
            rows.append(
                {
                    "kind": "service",
                    "id": found[1].id,
                    "title": t(found[1].title),
                    "subtitle": t(category.title),
                    "icon": icon(category.icon or "info"),
                }
            )
    return rows


@dataclass
class Navigation:
    """Where a visitor is in the directory, and how they got there (for Back)."""

    directory: Directory
    page: str = "home"
    category_id: str = ""
    service_id: str = ""
    query: str = ""
    history: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = build_index(self.directory)

    def _go(self, page: str, category_id: str = "", service_id: str = "") -> None:
        here = (self.page, self.category_id, self.service_id)
        if here != (page, category_id, service_id):
            self.history.append(here)
        self.page, self.category_id, self.service_id = page, category_id, service_id

    def home(self) -> None:
        self._go("home")
        self.history.clear()  # Home is a fresh start: Back from it does nothing

    def open_category(self, category_id: str) -> bool:
        if self.directory.category(category_id) is None:
            return False
        self._go("category", category_id)
        return True

    def open_service(self, service_id: str) -> bool:
        found = self.directory.service(service_id)
        if found is None:
            return False
        self._go("service", found[0].id, service_id)
        return True

    def open_search(self) -> None:
        self._go("search")

    def open_all(self) -> None:
        """Every service, A to Z."""
        self._go("all")

    def go_to(self, path: str) -> bool:
        """Open a page by its preview path: ``home``, ``services``, ``services/<category>``,
        ``services/<category>/<service>`` or ``search:<text>`` (see ``kiosk render --page``)."""
        if path == "home":
            self.home()
            return True
        if path.startswith("search:"):
            self.open_search()
            self.set_query(path[len("search:") :])
            return True
        parts = path.split("/")
        if parts[0] != "services" or len(parts) > 3:
            return False
        if len(parts) == 1:
            self.open_all()
            return True
        if len(parts) == 2:
            return self.open_category(parts[1])
        found = self.directory.service(parts[2])
        return found is not None and found[0].id == parts[1] and self.open_service(parts[2])

    def back(self) -> bool:
        if not self.history:
            return False
        self.page, self.category_id, self.service_id = self.history.pop()
        return True

    def set_query(self, text: str) -> None:
        self.query = text

    def results(self) -> list[Hit]:
        return search(self._index, self.query)

    def reset(self) -> None:
        """Forget the visit: back to the directory home, no query, no history."""
        self.page, self.category_id, self.service_id, self.query = "home", "", "", ""
        self.history.clear()
