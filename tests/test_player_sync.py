"""Sync results reach the playing loop through the job runner: a new snapshot is played
without a restart; a failed or refused sync changes nothing the public sees."""

from __future__ import annotations

import pytest

from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store
from kiosk.io.sync import Syncer
from kiosk.io.trust import Trust
from kiosk.ui.jobs import ImmediateRunner
from tests.fixtures_feed import TRUST, publisher_fixture  # noqa: F401 (the ``publisher`` fixture)
from tests.httpserver import TestServer
from tests.qmlkit import Clock, close_views, colour_media, colours_feed, player_and_view, shown_ids

pytestmark = pytest.mark.gui


@pytest.fixture
def server():
    with TestServer() as srv:
        yield srv
    close_views()


def playing(publisher, tmp_path, trust):
    """The red and green loop, published, synced into a store under ``tmp_path`` and
    playing; the syncs the runner does reach the player. Returns the publication, the
    syncer, the runner, the player and its view (to keep while the test runs)."""
    published = publisher.publish(colours_feed("red", "green"), colour_media("red", "green"))
    store = Store(tmp_path / "data")
    syncer = Syncer(
        publisher.feed_url, store, Fetcher(Limits(connect_timeout=1, read_timeout=1)), trust=trust
    )
    runner = ImmediateRunner()
    assert syncer.run_once().status == "new"
    player, view = player_and_view(store.current(), Clock(), transition=0.2)
    runner.done.connect(lambda name, result: player.accept_sync(result))
    return published, syncer, runner, player, view


def test_failed_syncs_keep_the_loop_and_a_new_feed_takes_over(qtbot, tmp_path, server, publisher):
    first, syncer, runner, player, _view = playing(publisher, tmp_path, TRUST)
    seen = shown_ids(player)
    snapshot_id = player.snapshot.id
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)

    # The server breaks: HTTP 500, then a corrupt media file. Nothing changes on screen.
    server.serve(first.feed_path, b"oops", status=500)
    runner.every("sync", 60, syncer.run_once)
    broken = publisher.publish(colours_feed("blue"), colour_media("blue"))
    server.serve(broken.media_path("media/blue.jpg"), b"not the blue picture")
    runner.every("sync", 60, syncer.run_once)
    count = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= count + 3, timeout=10000)
    assert player.snapshot.id == snapshot_id
    assert set(seen) <= {"red", "green"}

    # The town fixes it: the next cycle brings the new loop, played without a restart.
    publisher.publish(colours_feed("blue"), colour_media("blue"))
    runner.every("sync", 60, syncer.run_once)
    assert player.snapshot.id != snapshot_id
    qtbot.waitUntil(lambda: "blue" in seen, timeout=10000)


def test_a_feed_altered_after_signing_never_reaches_the_screen(qtbot, tmp_path, server, publisher):
    screen = Trust(keys=TRUST.keys)  # a street screen: signed feeds only
    _first, syncer, runner, player, _view = playing(publisher, tmp_path, screen)
    seen = shown_ids(player)
    snapshot_id = player.snapshot.id

    # Someone with access to the web server swaps the loop for their own, keeping the media
    # of the town's next publication but not its signature.
    published = publisher.publish(colours_feed("blue"), colour_media("blue"))
    body = server.routes[published.feed_path].body.replace(b'"blue"', b'"defaced"')
    server.serve(published.feed_path, body)
    results = []
    runner.done.connect(lambda name, result: results.append(result))
    runner.every("sync", 60, syncer.run_once)
    assert results[-1].status == "refused"
    count = len(seen)
    qtbot.waitUntil(lambda: len(seen) >= count + 3, timeout=10000)
    assert player.snapshot.id == snapshot_id
    assert set(seen) <= {"red", "green"}
