"""News and agenda slides in the player: rendered offscreen in French and English, portrait
and landscape, every text inside the screen and none cut; the QR code read back; the loop
playing the articles and events, and taking new ones without a restart."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF

from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store
from kiosk.io.sync import Syncer, SyncResult
from kiosk.ui.render import grab_slide
from tests.fixtures_feed import TRUST
from tests.httpserver import TestServer
from tests.qmlkit import (
    Clock,
    close_views,
    colour_spread,
    has_colour,
    items,
    picture,
    player_and_view,
    visible_texts,
)

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("overrides a member of the base object"),
]

FIXTURES = Path(__file__).parent / "fixtures" / "live"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 25 November 2026, 10:00 in Paris
PRIMARY = "#1D3557"
SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def feed_text(server: TestServer) -> str:
    return f"""\
version: 1
site: {{name: Valmorin-sur-Ondine, languages: [fr, en]}}
links: {{allow_http: true}}  # the test server speaks plain HTTP on 127.0.0.1
rotation:
  - {{id: bienvenue, type: announcement, title: Bienvenue, duration: 0.6}}
  - id: actualites
    type: news
    source: {server.url("/actualites.rss")}
    max_items: 3
    duration: 0.6
  - id: agenda
    type: agenda
    source: {server.url("/agenda.ics")}
    duration: 0.6
    title: {{fr: Agenda de Valmorin, en: What's on in Valmorin}}
# A ticker and a directory: the slides share the window with the ticker band and the "touch
# the screen" hint, the tightest layout they meet.
ticker:
  - {{id: horaires, text: Mairie ouverte du lundi au vendredi}}
services:
  categories:
    - id: etat-civil
      title: État civil
      services:
        - {{id: naissance, title: Acte de naissance}}
"""


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """A store synced at NOW from a real HTTP server: the site's feed, its news and agenda."""
    tmp = tmp_path_factory.mktemp("live")
    with TestServer() as server:
        server.serve("/actualites.rss", (FIXTURES / "actualites.rss").read_bytes())
        server.serve("/agenda.ics", (FIXTURES / "agenda.ics").read_bytes())
        server.serve("/pictures/noel.jpg", picture("#B3261E", (1200, 800)))
        server.serve("/pictures/travaux.png", picture("#E0A020", (1000, 700), "PNG"))
        site = tmp / "site"
        site.mkdir()
        (site / "feed.yaml").write_text(feed_text(server), "utf-8")
        fetcher = Fetcher(Limits(connect_timeout=1, read_timeout=2))
        result = Syncer(
            str(site), Store(tmp / "data"), fetcher, clock=lambda: NOW, trust=TRUST
        ).run_once()
    assert result.status == "new", result.message
    return result.snapshot


@pytest.fixture
def views(qapp):
    yield
    close_views()


def check_layout(view, name: str) -> None:
    """Every visible text lies inside the slide stage and none is elided or cut."""
    stage = view.stage
    top_left = stage.mapToScene(QPointF(0, 0))
    bounds = QRectF(top_left.x(), top_left.y(), stage.width(), stage.height()).adjusted(
        -1, -1, 1, 1
    )
    for item in items(view):
        if not item.inherits("QQuickText") or not item.isVisible() or not item.property("text"):
            continue
        if not _inside(item, stage):
            continue  # the header, the ticker
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        assert bounds.contains(rect), f"{name}: {item.property('text')!r} leaves the slide"
        assert not item.property("truncated"), f"{name}: {item.property('text')!r} is cut"
        # A text shrunk to fit must still hold in its box (fontSizeMode leaves it clipped
        # otherwise): its lines at the size chosen, but for the spacing under the last
        # one (lineHeight > 1), do not exceed the box.
        if item.property("clip") and item.property("lineCount"):
            height = item.property("contentHeight")
            line = height / item.property("lineCount")
            leading = line * (1 - 1 / max(1.0, item.property("lineHeight")))
            assert height - leading <= item.height() + 1, (
                f"{name}: {item.property('text')!r} does not fit its box"
            )


def _inside(item, ancestor) -> bool:
    while item is not None:
        if item == ancestor:
            return True
        item = item.parentItem()
    return False


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_news_and_agenda_slides_render_readably(synced, views, tmp_path, lang, orientation):
    size = SIZES[orientation]
    player, view = player_and_view(
        synced, Clock(NOW, frozen=True), size=size, render_mode=True, language=lang
    )
    feed = synced.feed
    news = player.slides_for(feed.rotation[1])
    agenda = player.slides_for(feed.rotation[2])
    assert [s["id"] for s in news] == ["actualites#1", "actualites#2", "actualites#3"]
    assert [s["id"] for s in agenda] == ["agenda#1", "agenda#2", "agenda#3"]
    for slide in news + agenda:
        image = grab_slide(view, slide)
        name = f"{slide['id'].replace('#', '-')}-{lang}-{orientation}"
        assert image.save(str(tmp_path / f"{name}.png"))
        assert image.size().toTuple() == size
        assert has_colour(image.copy(0, 0, size[0], 40), PRIMARY, tolerance=4), name
        assert colour_spread(image.copy(0, size[1] // 5, size[0], size[1] // 2)) > 100, name
        check_layout(view, name)
        texts = visible_texts(view)
        if slide["type"] == "news":
            assert slide["title"] in texts
            assert ("Actualité" if lang == "fr" else "News") in " ".join(texts)
        else:
            for event in slide["events"]:
                assert event["summary"] in texts, name

    # What the visitor reads, in the screen's language.
    grab_slide(view, news[0])
    published = " ".join(visible_texts(view))
    grab_slide(view, agenda[0])
    today = visible_texts(view)
    if lang == "fr":
        assert "Publié le mardi 24 novembre" in published
        assert "Aujourd’hui" in today and "mercredi 25 novembre" in today
        assert "Toute la journée" in " ".join(today) or "Jusqu’au" in " ".join(today)
        assert "16\u00a0h" in today  # the story hour's tile
    else:
        assert "Published on Tuesday 24 November" in published
        assert "Today" in today and "Wednesday 25 November" in today
        assert "4\u00a0pm" in today


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) missing")
def test_the_qr_code_of_an_article_opens_it(synced, views, tmp_path):
    player, view = player_and_view(
        synced, Clock(NOW, frozen=True), size=(1080, 1920), render_mode=True, language="fr"
    )
    slide = player.slides_for(synced.feed.rotation[1])[0]
    path = tmp_path / "news.png"
    assert grab_slide(view, slide).save(str(path))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True)
    assert out.stdout.strip() == "https://www.valmorin-sur-ondine.fr/actualites/marche-de-noel"


def test_the_loop_plays_articles_and_events_and_takes_new_ones(synced, views, qtbot):
    player, _view = player_and_view(synced, Clock(NOW), transition=0.1, language="fr")
    seen: list[str] = []
    player.slideShown.connect(seen.append)
    everything = ["bienvenue"] + [f"actualites#{n}" for n in (1, 2, 3)]
    everything += [f"agenda#{n}" for n in (1, 2, 3)]
    qtbot.waitUntil(lambda: len(seen) >= len(everything), timeout=20000)
    assert seen[: len(everything)] == everything  # the items' places, one slide each

    # New content of the same feed (a sync that only brought news): played without a
    # restart; an agenda with nothing coming is left out, never an empty slide.
    live = dict(synced.live)
    live["agenda"] = type(live["agenda"])(kind="agenda", source=live["agenda"].source)
    player.accept_sync(SyncResult("unchanged", "feed unchanged", _with_live(synced, live)))
    assert not player.isActive("agenda#1") and player.isActive("actualites#1")
    count = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= count + 5, timeout=20000)
    assert not any(i.startswith("agenda") for i in seen[count + 1 :])


def test_the_player_moves_on_when_an_event_is_over(synced, views):
    clock = Clock(NOW + timedelta(hours=3), frozen=True)  # 13:00 in Paris: the market ends
    player, _view = player_and_view(synced, clock, render_mode=True, language="fr")
    summaries = [e["summary"] for e in player.slides_for(synced.feed.rotation[2])[0]["events"]]
    assert "Marché hebdomadaire" not in summaries
    assert "Heure du conte" in summaries


def _with_live(snapshot, live):
    import dataclasses

    return dataclasses.replace(snapshot, live=live)
