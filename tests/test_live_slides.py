"""News and agenda items -> slides of the rotation (pure rules, ``now`` given), and what
those slides show: articles newest first within max_items and max_age, today's events then
the coming days', grouped four per slide, recurrences with their exceptions, all-day events."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest

from kiosk.core.agenda import parse_agenda
from kiosk.core.feed import Agenda, Announcement, News, Site
from kiosk.core.live import (
    AgendaPart,
    EventEntry,
    LiveContent,
    NewsEntry,
    NewsPart,
    expand,
    next_live_change,
)
from kiosk.core.rotation import Rotation
from kiosk.core.slides import present_agenda, present_news
from kiosk.core.text import NBSP

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 25 November 2026, 10:00 in Paris
ICS = (Path(__file__).parent / "fixtures" / "live" / "agenda.ics").read_bytes()
SITE = Site(name="Valmorin", languages=["fr", "en"])


def news_item(**kw) -> News:
    return News(id="actu", source="https://example.fr/rss", **kw)


def agenda_item(**kw) -> Agenda:
    return Agenda(id="agenda", source="https://example.fr/agenda.ics", **kw)


def article(title: str, days_ago: float | None, **kw) -> NewsEntry:
    published = NOW - timedelta(days=days_ago) if days_ago is not None else None
    return NewsEntry(title=title, link=f"https://example.fr/{title}", published=published, **kw)


def news_content(*entries: NewsEntry) -> LiveContent:
    qr = {e.link: f"{e.title}.svg" for e in entries}
    return LiveContent(
        kind="news", source="https://example.fr/rss", name="Ville", news=entries, qr=qr
    )


def agenda_content(days: int = 14, now: datetime = NOW) -> LiveContent:
    """The test agenda as the sync stores it: from today 00:00, ``days`` ahead."""
    start = datetime.combine(now.astimezone(PARIS).date(), time(), tzinfo=PARIS)
    events = parse_agenda(ICS, "agenda.ics", start, start + timedelta(days=days), PARIS)
    entries = tuple(
        EventEntry(
            summary=e.summary, start=e.start, end=e.end, all_day=e.all_day, location=e.location
        )
        for e in events
    )
    # Through JSON and back, as the player reads it after a restart.
    content = LiveContent(kind="agenda", source="https://example.fr/agenda.ics", events=entries)
    return msgspec.json.decode(msgspec.json.encode(content), type=LiveContent)


# -- news --------------------------------------------------------------------------------------


def test_news_become_one_slide_per_article_newest_first_within_max_items():
    content = news_content(
        article("old", 10), article("newest", 0.5), article("undated", None), article("mid", 3)
    )
    parts = expand([news_item(max_items=3)], {"actu": content}, NOW, PARIS)
    assert [p.id for p in parts] == ["actu#1", "actu#2", "actu#3"]
    assert [p.entry.title for p in parts] == ["newest", "mid", "old"]  # undated come last
    assert all(isinstance(p, NewsPart) and p.source_name == "Ville" for p in parts)
    assert parts[0].qr == "newest.svg"


def test_articles_older_than_max_age_leave_while_offline():
    content = news_content(article("a", 1), article("b", 6))
    item = news_item(max_age_days=7)
    assert len(expand([item], {"actu": content}, NOW, PARIS)) == 2
    later = NOW + timedelta(days=1, hours=1)  # b is now 7 days and 1 hour old
    assert [p.entry.title for p in expand([item], {"actu": content}, later, PARIS)] == ["a"]
    # The player is woken when b expires.
    assert next_live_change([item], {"actu": content}, NOW, PARIS) == (
        NOW - timedelta(days=6) + timedelta(days=7)
    )


def test_nothing_fetched_nothing_left_or_another_source_gives_no_slide():
    item = news_item()
    other = Announcement(id="hello", title="Bonjour")
    assert expand([other, item], {}, NOW, PARIS) == [other]
    empty = news_content()
    assert expand([item], {"actu": empty}, NOW, PARIS) == []
    moved = msgspec.structs.replace(news_content(article("a", 1)), source="https://old.fr/rss")
    assert expand([item], {"actu": moved}, NOW, PARIS) == []


def test_parts_keep_the_items_place_priority_and_duration():
    content = news_content(article("a", 1), article("b", 2))
    first = Announcement(id="first", title="Premier")
    last = Announcement(id="last", title="Dernier")
    item = news_item(priority="high", duration=15)
    entries = expand([first, item, last], {"actu": content}, NOW, PARIS)
    assert [e.id for e in entries] == ["first", "actu#1", "actu#2", "last"]
    rotation = Rotation(entries)
    cycle = [e.id for e in rotation.order]
    assert cycle.count("actu#1") == 2 and cycle.count("first") == 1  # high: twice a cycle
    slide = present_news(entries[1], "fr", SITE, PARIS, str, str, Words())  # type: ignore[arg-type]
    assert slide["duration"] == 15000 and slide["id"] == "actu#1"


def test_a_news_slide_shows_title_summary_picture_qr_source_and_date():
    entry = article(
        "Travaux : déviation",
        0,
        summary="Bus ligne 2 : arrêt déplacé",
        image="abc.jpg",
        image_url="https://example.fr/p.jpg",
    )
    [part] = expand([news_item()], {"actu": news_content(entry)}, NOW, PARIS)
    slide = present_news(
        part,  # type: ignore[arg-type]
        "en",
        SITE,
        PARIS,
        media=lambda name: f"file:///media/{name}",
        qr=lambda name: f"file:///qr/{name}",
        words=Words(),
    )
    assert slide["type"] == "news"
    assert slide["title"] == f"Travaux{NBSP}: déviation"  # a French town's news, French spacing
    assert slide["body"] == f"Bus ligne 2{NBSP}: arrêt déplacé"
    assert slide["image"] == "file:///media/abc.jpg"
    assert slide["qr"] == "file:///qr/Travaux : déviation.svg"
    assert slide["url"] == "example.fr/Travaux : déviation"
    assert slide["source"] == "Ville"
    assert slide["published"] == "day 2026-11-25 en"


# -- agenda ------------------------------------------------------------------------------------


def test_agenda_today_then_the_week_four_events_per_slide():
    parts = expand([agenda_item()], {"agenda": agenda_content()}, NOW, PARIS)
    assert all(isinstance(p, AgendaPart) for p in parts)
    assert [(p.id, p.when, p.page, p.pages) for p in parts] == [
        ("agenda#1", "today", 1, 1),
        ("agenda#2", "week", 1, 2),
        ("agenda#3", "week", 2, 2),
    ]
    today, week1, week2 = parts
    # Today at 10:00: the exhibition running since 20 November (all day), the market (8-13),
    # the story hour, the workshop (given in UTC in the file). Yesterday's concert is gone.
    assert [e.summary for e in today.events] == [
        "Exposition « L'Ondine en images »",
        "Marché hebdomadaire",
        "Heure du conte",
        "Atelier numérique : vos démarches en ligne",
    ]
    assert [len(p.events) for p in parts] == [4, 3, 2]  # five events: 3 + 2, not 4 + 1
    assert [e.summary for e in week1.events + week2.events] == [
        "Conseil municipal",
        "Ciné-club : « Le Ballon rouge »",
        "Téléthon : animations toute la journée",
        "Bourse aux jouets",
        "Permanence du conciliateur de justice",  # Tuesday 1 December, the 7th day
    ]


def test_events_over_leave_today_and_the_player_is_told_when():
    item = agenda_item()
    content = agenda_content()
    afternoon = NOW.replace(hour=13, minute=30)  # 14:30 in Paris: the market is over
    today = expand([item], {"agenda": content}, afternoon, PARIS)[0]
    assert "Marché hebdomadaire" not in [e.summary for e in today.events]  # type: ignore[union-attr]
    # Next change after 10:00: the market ends at 13:00 Paris time.
    assert next_live_change([item], {"agenda": content}, NOW, PARIS) == datetime(
        2026, 11, 25, 13, 0, tzinfo=PARIS
    )


def test_max_items_counts_every_event_and_days_limits_the_horizon():
    content = agenda_content()
    parts = expand([agenda_item(max_items=6)], {"agenda": content}, NOW, PARIS)
    assert sum(len(p.events) for p in parts) == 6  # type: ignore[union-attr]
    assert [p.when for p in parts] == ["today", "week"]  # type: ignore[union-attr]
    parts = expand([agenda_item(days=2)], {"agenda": content}, NOW, PARIS)
    assert [e.summary for e in parts[-1].events] == ["Conseil municipal"]  # type: ignore[union-attr]


def test_a_weekly_event_with_an_exception_and_a_moved_occurrence():
    content = agenda_content(days=21)
    later = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday 1 December
    parts = expand([agenda_item(days=10, max_items=40)], {"agenda": content}, later, PARIS)
    markets = [
        (e.start.astimezone(PARIS), e.location)
        for p in parts
        for e in p.events  # type: ignore[union-attr]
        if e.summary.startswith("Marché")
    ]
    # 2 December is cancelled (EXDATE); 9 December moves to the afternoon, elsewhere.
    assert markets == [(datetime(2026, 12, 9, 14, 0, tzinfo=PARIS), "Halle aux grains")]


def test_an_agenda_with_nothing_coming_gives_no_slide():
    content = agenda_content()
    much_later = NOW + timedelta(days=30)
    assert expand([agenda_item()], {"agenda": content}, much_later, PARIS) == []


def test_an_agenda_slide_shows_day_hours_or_all_day_and_place():
    [today, week, _] = expand(
        [agenda_item(title={"fr": "Agenda", "en": "What's on"})],
        {"agenda": agenda_content()},
        NOW,
        PARIS,
    )
    slide = present_agenda(today, "en", SITE, PARIS, Words())  # type: ignore[arg-type]
    assert (slide["type"], slide["when"], slide["title"]) == ("agenda", "today", "What's on")
    assert slide["day"] == "day 2026-11-25 en"
    expo, market, _, workshop = slide["events"]
    assert expo["all_day"] and expo["time"] == "" and expo["until"] == "day 2026-12-06 en"
    assert market["time"] == f"08:00 en{NBSP}–{NBSP}13:00 en"
    assert market["start"] == "08:00 en" and market["location"] == "Place de la Mairie"
    assert workshop["time"].startswith("18:00 en")  # 17:00 UTC, shown in Paris time
    week_slide = present_agenda(week, "fr", SITE, PARIS, Words())  # type: ignore[arg-type]
    council, cinema, telethon = week_slide["events"]
    assert (council["weekday"], council["date"], council["month"]) == ("wd 26", "26", "m 11")
    assert cinema["summary"] == f"Ciné-club{NBSP}: «{NBSP}Le Ballon rouge{NBSP}»"
    assert telethon["all_day"] and telethon["until"] == ""  # one day only


class Words:
    """Dates as plain tokens, to check which date or time each field was given."""

    def day(self, value: date, lang: str) -> str:
        return f"day {value.isoformat()} {lang}"

    def weekday(self, value: date, lang: str) -> str:
        return f"wd {value.day}"

    def month(self, value: date, lang: str) -> str:
        return f"m {value.month}"

    def time(self, value: time, lang: str) -> str:
        return f"{value.strftime('%H:%M')} {lang}"


# -- dates in the screen's language (Qt's locale data, no window) -----------------------------


@pytest.mark.parametrize(
    ("lang", "day", "evening", "morning"),
    [
        ("fr", "mardi 24 novembre", f"18{NBSP}h{NBSP}30", f"9{NBSP}h"),
        ("en", "Tuesday 24 November", f"6:30{NBSP}pm", f"9{NBSP}am"),
        ("de", "Dienstag, 24. November", "18:30", "09:00"),
    ],
)
def test_dates_and_hours_are_written_as_in_the_language(lang, day, evening, morning):
    from kiosk.ui.dates import LocaleDates

    words = LocaleDates()
    assert words.day(date(2026, 11, 24), lang) == day
    assert words.time(time(18, 30), lang) == evening
    assert words.time(time(9, 0), lang) == morning
