"""The services directory without Qt: model, validation, search, navigation, page data."""

from __future__ import annotations

import textwrap

import msgspec
import pytest

from kiosk.core.directory import (
    LANGUAGE_NAMES,
    Navigation,
    Texts,
    category_tile,
    directory_for,
    service_page,
)
from kiosk.core.feed import Feed, procedure_url
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.search import build_index, fold, search
from kiosk.core.text import NBSP
from kiosk.core.types import dec_hook
from kiosk.core.validate import Context, validate

DIRECTORY = {
    "categories": [
        {
            "id": "etat-civil",
            "icon": "family",
            "title": {"fr": "État civil", "en": "Civil status"},
            "summary": {"fr": "Naissance, mariage, décès"},
            "services": [
                {
                    "id": "acte-naissance",
                    "title": {"fr": "Acte de naissance", "en": "Birth certificate"},
                    "summary": {"fr": "Copie ou extrait : gratuit."},
                    "procedure": "F1427",
                    "documents": [{"fr": "Pièce d'identité", "en": "ID"}],
                    "phone": "02 41 99 10 10",
                    "keywords": ["extrait", "copie intégrale"],
                },
                {"id": "mariage", "title": {"fr": "Mariage"}, "keywords": ["se marier", "wedding"]},
            ],
        },
        {
            "id": "papiers",
            "icon": "id-card",
            "title": {"fr": "Papiers d'identité", "en": "Identity papers"},
            "services": [
                {
                    "id": "cni",
                    "title": {"fr": "Carte d'identité", "en": "Identity card"},
                    "keywords": ["passeport", "cni"],
                    "procedure": "https://ants.gouv.fr/",
                },
            ],
        },
    ]
}


@pytest.fixture
def feed() -> Feed:
    data = {"version": 1, "site": {"name": "T", "languages": ["fr", "en"]}, "services": DIRECTORY}
    return msgspec.convert(data, Feed, dec_hook=dec_hook)


def test_fold_removes_accents_case_and_punctuation():
    assert fold("État civil") == "etat civil"
    assert fold("Œuvre d’Art-Déco") == "oeuvre d art deco"
    assert fold("  CARTE   d'identité ") == "carte d identite"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("etat civil", ("etat-civil", None)),  # the category, accents and case ignored
        ("ETAT", ("etat-civil", None)),
        ("passeport", ("papiers", "cni")),  # by keyword
        ("pass", ("papiers", "cni")),  # as one types
        ("birth", ("etat-civil", "acte-naissance")),  # English title from a French screen
        ("copie integrale", ("etat-civil", "acte-naissance")),
        ("naissance acte", ("etat-civil", "acte-naissance")),  # word order does not matter
    ],
)
def test_search_finds(feed, query, first):
    hits = search(build_index(feed.services), query)
    assert hits, query
    assert (hits[0].category_id, hits[0].service_id) == first


def test_search_needs_every_word_and_ranks_titles_first(feed):
    index = build_index(feed.services)
    assert search(index, "") == []
    assert search(index, "passeport mariage") == []
    # "mariage" is the title of one service and in the summary of its category.
    hits = search(index, "mariage")
    assert [(h.category_id, h.service_id) for h in hits] == [
        ("etat-civil", "mariage"),
        ("etat-civil", None),
    ]


def test_navigation_back_and_home(feed):
    nav = Navigation(feed.services)
    assert nav.page == "home" and not nav.back()
    assert nav.open_category("etat-civil")
    assert nav.open_service("mariage")
    assert (nav.page, nav.category_id, nav.service_id) == ("service", "etat-civil", "mariage")
    assert nav.back() and nav.page == "category"
    nav.open_search()
    nav.set_query("pass")
    assert nav.results()[0].service_id == "cni"
    assert nav.open_service("cni") and nav.category_id == "papiers"
    assert nav.back() and nav.page == "search"
    nav.home()
    assert nav.page == "home" and not nav.back()
    assert not nav.open_category("nope") and not nav.open_service("nope")
    nav.open_service("cni")
    nav.reset()
    assert (nav.page, nav.query, nav.history) == ("home", "", [])


def test_service_page_is_localised_with_fallback_and_a_procedure_url(feed):
    category, service = feed.services.service("acte-naissance")
    page = service_page(
        category,
        service,
        Texts("en", ["fr", "en"]),
        icon=lambda n: f"icon:{n}",
        qr=lambda u: f"qr:{u}",
    )
    assert page["title"] == "Birth certificate"
    assert (
        page["summary"] == f"Copie ou extrait{NBSP}: gratuit."
    )  # French fallback, French typography
    assert page["documents"] == ["ID"]
    assert page["url"] == "www.service-public.gouv.fr/particuliers/vosdroits/F1427"
    assert page["qr"] == "qr:https://www.service-public.gouv.fr/particuliers/vosdroits/F1427"
    assert page["icon"] == "icon:family"
    tile = category_tile(category, Texts("en", ["fr", "en"]), icon=lambda n: n)
    assert (tile["title"], tile["count"]) == ("Civil status", 2)


def test_procedure_url():
    assert procedure_url("R16396").endswith("/particuliers/vosdroits/R16396")
    assert procedure_url("N358").endswith("/vosdroits/N358")
    assert procedure_url("https://ants.gouv.fr/") == "https://ants.gouv.fr/"


def test_languages_are_named_in_themselves():
    assert LANGUAGE_NAMES["de"] == "Deutsch" and LANGUAGE_NAMES["es"] == "Español"


BAD = """\
version: 1
site: {name: T}
rotation:
  - {id: a, type: qr, url: "https://x.fr", title: X, service: nowhere}
services:
  idle_timeout: 5
  categories:
    - id: c1
      icon: unicorn
      title: Un
      services:
        - {id: s1, title: A, procedure: X123, phone: "call me"}
        - {id: s1, title: B, procedure: "http://"}
    - id: c1
      title: {en: Two}
      servics: []
"""


def test_directory_mistakes_are_all_reported_with_lines():
    ctx = Context(icon_exists=lambda name: name in {"family", "info"})
    feed, problems = validate(parse_feed_bytes(textwrap.dedent(BAD).encode(), "feed.yaml"), ctx)
    assert feed is None
    found = {(p.path, p.line): p.message for p in problems}
    expected = {
        ("rotation[0].service", 4): "no service with the id 'nowhere'",
        ("services.idle_timeout", 6): "expected a number >= 20",
        ("services.categories[0].icon", 9): "no icon named 'unicorn'",
        ("services.categories[0].services[0].procedure", 12): "not a service-public.gouv.fr id",
        ("services.categories[0].services[0].phone", 12): "'call me' is not valid",
        ("services.categories[0].services[1].id", 13): "already used by",
        ("services.categories[0].services[1].procedure", 13): "is not a web address",
        ("services.categories[1].id", 14): "declared twice",
        ("services.categories[1].title", 15): "no text in 'fr'",
        ("services.categories[1].servics", 16): "did you mean `services`?",
    }
    for where, phrase in expected.items():
        assert where in found, f"{where} not reported; got {sorted(found)}"
        assert phrase in found[where], (where, found[where])


# -- targeting: each screen's directory holds what targets it ---------------------------------

TARGETED = """\
version: 1
site: {name: T}
screens:
  - {name: hall, tags: [indoor]}
  - {name: annexe, tags: [indoor]}
  - {name: totem, tags: [street]}
services:
  categories:
    - id: etat-civil
      title: État civil
      services:
        - {id: naissance, title: Acte de naissance, keywords: [extrait]}
        - {id: rendez-vous, title: Rendez-vous, screens: [hall], keywords: [agenda]}
    - id: urbanisme
      title: Urbanisme
      tags: [indoor]
      services:
        - {id: permis, title: Permis de construire}
        - {id: architecte, title: Architecte conseil, screens: [annexe]}
    - id: tourisme
      title: Tourisme
      services:
        - {id: plan, title: Plan de la ville, tags: [street]}
"""


def targeted_feed() -> Feed:
    feed, problems = validate(parse_feed_bytes(TARGETED.encode(), "feed.yaml"))
    assert feed is not None, problems
    return feed


def shown(directory) -> dict[str, list[str]]:
    return {c.id: [s.id for s in c.services] for c in directory.categories}


def test_each_screen_directory_holds_what_targets_it():
    feed = targeted_feed()
    assert shown(directory_for(feed, "hall")) == {
        "etat-civil": ["naissance", "rendez-vous"],
        "urbanisme": ["permis"],
        # tourisme: its only service targets street screens; an empty tile is left out
    }
    assert shown(directory_for(feed, "annexe")) == {
        "etat-civil": ["naissance"],
        "urbanisme": ["permis", "architecte"],
    }
    assert shown(directory_for(feed, "totem")) == {
        "etat-civil": ["naissance"],
        "tourisme": ["plan"],
    }
    # A kiosk with no screen name sees only what targets no screen.
    assert shown(directory_for(feed, None)) == {"etat-civil": ["naissance"]}
    # The feed's own directory is untouched.
    assert len(feed.services.categories) == 3


def test_an_untargeted_directory_is_the_same_object_and_search_follows_the_screen():
    feed = targeted_feed()
    untargeted = msgspec.convert(
        {"version": 1, "site": {"name": "T"}, "services": DIRECTORY}, Feed, dec_hook=dec_hook
    )
    assert directory_for(untargeted, "totem") is untargeted.services
    assert directory_for(msgspec.structs.replace(feed, services=None), "hall").categories == []
    hall = Navigation(directory_for(feed, "hall"))
    hall.set_query("agenda")
    assert [h.service_id for h in hall.results()] == ["rendez-vous"]
    totem = Navigation(directory_for(feed, "totem"))
    totem.set_query("agenda")
    assert totem.results() == []
    assert not totem.open_service("rendez-vous")
    assert not totem.go_to("services/urbanisme")


def test_directory_targets_are_checked_like_items():
    text = TARGETED.replace("screens: [hall], keywords", "screens: [lobby], keywords").replace(
        "tags: [indoor]\n      services", "tags: [inside]\n      services"
    )
    feed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"))
    assert feed is None
    found = {(p.path, p.line): p.message for p in problems if not p.warning}
    assert found == {
        ("services.categories[0].services[1].screens[0]", 13): "no screen named 'lobby' "
        "(declared screens: annexe, hall, totem)",
        ("services.categories[1].tags[0]", 16): "no screen has the tag 'inside' "
        "(tags in use: indoor, street)",
    }


def test_a_service_no_screen_shows_and_a_slide_link_missing_on_a_screen_warn():
    text = (
        TARGETED.replace(
            "{id: architecte, title: Architecte conseil, screens: [annexe]}",
            "{id: architecte, title: Architecte conseil, tags: [street]}",
        )
        + "rotation:\n"
        "  - {id: permis-slide, type: qr, url: 'https://t.fr/', title: P, service: permis}\n"
        "  - {id: hall-slide, type: qr, url: 'https://t.fr/h', title: H, service: permis,\n"
        "     screens: [hall]}\n"
    )
    feed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"))
    assert feed is not None, problems
    assert {(p.path, p.line): p.message for p in problems} == {
        ("services.categories[1].services[1]", 19): "no screen will ever show this service: "
        "it targets totem, but its category 'urbanisme' only hall, annexe",
        ("rotation[0].service", 25): "service 'permis' is not in the directory of totem, "
        "where this item shows: there, touching the slide does not open it",
    }
