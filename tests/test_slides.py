"""What a slide shows: language fallback field by field, the translation line, QR address,
French typography, resolved files."""

from __future__ import annotations

import msgspec
import pytest

from kiosk.core.feed import Feed
from kiosk.core.slides import FALLBACK_ID, display_url, fallback, present
from kiosk.core.text import NBSP, french_spacing
from kiosk.core.types import dec_hook

FEED = {
    "version": 1,
    "site": {"name": "Valmorin", "languages": ["fr", "en", "de"], "motto": {"fr": "Devise"}},
    "rotation": [
        {
            "id": "a",
            "type": "announcement",
            "title": {"fr": "Travaux : rue", "en": "Works"},
            "body": {"fr": "Du 3 - 6 mars, 8 h"},
            "image": "media/a.jpg",
            "link": "https://www.example.fr/travaux/",
        },
        {
            "id": "i",
            "type": "image",
            "image": "media/i.png",
            "caption": "Le marché",
            "fit": "cover",
        },
        {"id": "v", "type": "video", "video": "media/v.mp4"},
        {
            "id": "q",
            "type": "qr",
            "url": "https://service-public.gouv.fr/F1341?x=1",
            "title": {"fr": "Carte", "de": "Ausweis"},
        },
    ],
}


@pytest.fixture
def feed() -> Feed:
    return msgspec.convert(FEED, Feed, dec_hook=dec_hook)


def show(feed: Feed, index: int, lang: str) -> dict:
    return present(
        feed.rotation[index],
        lang,
        feed.site,
        media=lambda p: f"file:///store/{p}",
        qr=lambda u: f"file:///qr/{len(u)}.svg",
    )


def test_french_slide_with_the_english_title_beneath(feed):
    slide = show(feed, 0, "fr")
    assert slide["title"] == f"Travaux{NBSP}: rue"
    assert (slide["title_alt"], slide["alt_lang"]) == ("Works", "en")
    assert slide["body"] == f"Du 3{NBSP}-\u2060{NBSP}6 mars, 8{NBSP}h"
    assert slide["image"] == "file:///store/media/a.jpg"
    assert slide["media_name"] == "media/a.jpg"
    assert slide["url"] == "www.example.fr/travaux/"
    assert slide["qr"].startswith("file:///qr/")
    assert slide["duration"] == 10000


def test_english_slide_falls_back_to_french_field_by_field(feed):
    slide = show(feed, 0, "en")
    assert slide["title"] == "Works"
    assert slide["title_alt"] == f"Travaux{NBSP}: rue"  # French text keeps French typography
    assert slide["alt_lang"] == "fr"
    # No English body: the French one, with French typography since it is French text.
    assert slide["body"] == f"Du 3{NBSP}-\u2060{NBSP}6 mars, 8{NBSP}h"


def test_a_language_with_nothing_translated_gets_the_site_languages_in_order(feed):
    slide = show(feed, 3, "de")
    assert slide["title"] == "Ausweis"
    assert (slide["title_alt"], slide["alt_lang"]) == ("Carte", "fr")
    assert slide["url"] == "service-public.gouv.fr/F1341?x=1"


def test_plain_strings_are_the_first_language_and_have_no_translation_line(feed):
    slide = show(feed, 1, "en")
    assert slide["caption"] == "Le marché"
    assert slide["caption_alt"] == ""
    assert slide["fit"] == "cover"


def test_a_video_without_duration_plays_to_its_end(feed):
    slide = show(feed, 2, "fr")
    assert slide["type"] == "video"
    assert slide["duration"] == 0
    assert slide["video"] == "file:///store/media/v.mp4"


def test_fallback_slide(feed):
    slide = fallback(feed.site, "en")
    assert slide["id"] == FALLBACK_ID
    assert slide["body"] == "Devise"
    assert fallback(None, "fr")["body"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Horaires : 8 h", f"Horaires{NBSP}: 8{NBSP}h"),
        ("« Bonjour » !", f"«{NBSP}Bonjour{NBSP}»{NBSP}!"),
        ("12 km ; 5 €", f"12{NBSP}km{NBSP}; 5{NBSP}€"),
        ("3 - 6 ans", f"3{NBSP}-\u2060{NBSP}6{NBSP}ans"),
        ("8 h 30 - 12 h", f"8{NBSP}h{NBSP}30{NBSP}-\u2060{NBSP}12{NBSP}h"),
        ("9 h - 12 h 15", f"9{NBSP}h{NBSP}-\u2060{NBSP}12{NBSP}h{NBSP}15"),
        ("8 h 3 ans", f"8{NBSP}h 3{NBSP}ans"),
        ("le 8 mars", "le 8 mars"),
    ],
)
def test_french_spacing(text, expected):
    assert french_spacing(text) == expected


def test_display_url_drops_the_scheme_and_a_bare_slash():
    assert display_url("https://www.example.fr/") == "www.example.fr"
    assert display_url("https://example.fr/a/b/?q=1") == "example.fr/a/b/?q=1"
    assert display_url("http://example.fr/travaux") == "example.fr/travaux"
