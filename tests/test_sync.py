"""Sync cycles against a real HTTP server serving a bundle built by ``build_bundle``.

The rule under test: a new snapshot becomes current only when the feed parsed, validated and
every media file arrived whole and verified; any failure leaves the previous snapshot current,
loadable, with its media intact, and says why.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kiosk.cli import main
from kiosk.core import minisign
from kiosk.core.parse import MAX_FEED_BYTES
from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store, encode_feed, snapshot_id
from kiosk.io.sync import Syncer
from tests.fixtures_feed import (
    PHOTO,
    POSTER,
    SITE_FEED,
    SITE_MEDIA,
    TOWN_KEY,
    TRUST,
    Published,
    Publisher,
    fixed_clock,
    jpeg_bytes,
    media_files,
    png_bytes,
    publisher_fixture,  # noqa: F401 (the ``publisher`` fixture)
    server_fixture,  # noqa: F401 (the ``server`` fixture)
    sha256,
    sync,
    verify_store,
    write_site,
)
from tests.httpserver import TestServer

FEED_PATH = "/site/feed.json"
NEW_MEDIA = jpeg_bytes(b"the new town hall " * 90)
RETOUCHED = jpeg_bytes(b"photo of the market, retouched")
SITE_FEED_V2 = SITE_FEED + "  - type: image\n    id: town-hall\n    image: media/town-hall.jpg\n"
SITE_MEDIA_V2 = {**SITE_MEDIA, "media/town-hall.jpg": NEW_MEDIA}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _fetcher(limits: Limits) -> Fetcher:
    return Fetcher(limits, requests.Session())


@pytest.fixture
def fetcher(server: TestServer) -> Iterator[Fetcher]:
    """Depends on ``server`` so that its connections close before the server stops."""
    f = _fetcher(Limits(connect_timeout=2, read_timeout=10, deadline=60))
    yield f
    f.close()


@pytest.fixture
def impatient(server: TestServer) -> Iterator[Fetcher]:
    """Short limits, for the cases where the server never answers."""
    f = _fetcher(Limits(connect_timeout=1, read_timeout=0.5, deadline=10))
    yield f
    f.close()


def pointer(data_dir: Path, name: str) -> str | None:
    path = data_dir / name
    return path.read_text("ascii").strip() if path.exists() else None


def assert_current(data_dir: Path, snapshot_id_: str, media: dict[str, bytes]) -> None:
    """``snapshot_id_`` is current after reopening the store, and plays ``media`` exactly."""
    snap = Store(data_dir).current()
    assert snap is not None
    assert snap.id == snapshot_id_
    assert set(snap.feed.media) == set(media)
    for rel, data in media.items():
        file = snap.media_file(rel)
        assert file is not None and file.read_bytes() == data
    verify_store(data_dir)


# -- the happy path ----------------------------------------------------------------------------


def test_first_sync_is_new_and_brings_the_media(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    pub = publisher.publish()
    result = sync(publisher.feed_url, data_dir, fetcher)

    assert (result.status, result.ok) == ("new", True)
    assert result.snapshot is not None
    assert pointer(data_dir, "current") == result.snapshot.id
    assert media_files(data_dir) == {sha256(PHOTO), sha256(POSTER)}
    assert_current(data_dir, result.snapshot.id, SITE_MEDIA)
    qr = result.snapshot.qr_file("https://example.org/noel")
    assert qr is not None and "<svg" in qr.read_text()
    for rel in SITE_MEDIA:
        assert server.hits[pub.media_path(rel)] == 1


def test_second_sync_is_unchanged_through_304_without_downloading_media(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    pub = publisher.publish()
    first = sync(publisher.feed_url, data_dir, fetcher)
    second = sync(publisher.feed_url, data_dir, fetcher)

    assert second.status == "unchanged"
    assert second.snapshot is not None and first.snapshot is not None
    assert second.snapshot.id == first.snapshot.id
    etag = server.routes[FEED_PATH].strong_etag()
    initial, conditional = server.requests_for(FEED_PATH)
    assert "if-none-match" not in initial.headers and initial.status == 200
    assert conditional.headers.get("if-none-match") == etag
    assert conditional.status == 304
    assert [server.hits[pub.media_path(rel)] for rel in SITE_MEDIA] == [1, 1]


def test_changed_feed_is_new_and_the_old_snapshot_becomes_previous(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    publisher.publish()
    first = sync(publisher.feed_url, data_dir, fetcher)
    pub2 = publisher.publish(SITE_FEED_V2, SITE_MEDIA_V2)
    second = sync(publisher.feed_url, data_dir, fetcher)

    assert first.snapshot is not None and second.snapshot is not None
    assert second.status == "new"
    assert second.snapshot.id != first.snapshot.id
    assert pointer(data_dir, "current") == second.snapshot.id
    assert pointer(data_dir, "previous") == first.snapshot.id
    assert Store(data_dir).load(first.snapshot.id).id == first.snapshot.id
    assert_current(data_dir, second.snapshot.id, SITE_MEDIA_V2)
    # media already in the store are not fetched again
    assert server.hits[pub2.media_path("media/photo.jpg")] == 1
    assert server.hits[pub2.media_path("media/town-hall.jpg")] == 1


# -- every failure keeps the previous snapshot -------------------------------------------------


@dataclass(frozen=True)
class Failure:
    sabotage: Callable[[TestServer, Published], str]  # breaks the server; returns the path hit
    status: str
    phrase: str


def _media(pub: Published) -> str:
    return pub.media_path("media/town-hall.jpg")


def _media_missing(srv: TestServer, pub: Published) -> str:
    del srv.routes[_media(pub)]
    return _media(pub)


def _media_wrong_bytes(srv: TestServer, pub: Published) -> str:
    srv.serve(_media(pub), bytes(reversed(NEW_MEDIA)))  # same size, other content
    return _media(pub)


def _media_truncated(srv: TestServer, pub: Published) -> str:
    srv.serve(_media(pub), NEW_MEDIA[:500], declared_length=len(NEW_MEDIA))
    return _media(pub)


def _media_never_answers(srv: TestServer, pub: Published) -> str:
    srv.serve(_media(pub), b"", hang=True)
    return _media(pub)


def _media_larger(srv: TestServer, pub: Published) -> str:
    srv.serve(_media(pub), NEW_MEDIA + b"tail")
    return _media(pub)


def _media_larger_unannounced(srv: TestServer, pub: Published) -> str:
    srv.serve(_media(pub), NEW_MEDIA + b"tail", send_length=False)
    return _media(pub)


def _feed_never_answers(srv: TestServer, pub: Published) -> str:
    srv.serve(FEED_PATH, b"", hang=True)
    return FEED_PATH


def _feed_500(srv: TestServer, pub: Published) -> str:
    srv.serve(FEED_PATH, b"<h1>Internal Server Error</h1>", status=500, content_type="text/html")
    return FEED_PATH


def _feed_garbage(srv: TestServer, pub: Published) -> str:
    _serve_signed(srv, random.Random(7).randbytes(4096))
    return FEED_PATH


def _feed_not_http(srv: TestServer, pub: Published) -> str:
    srv.serve(FEED_PATH, b"", raw=b"\x16\x03\x01\x02\x00garbage that is not HTTP\r\n\r\n")
    return FEED_PATH


def _feed_over_cap(srv: TestServer, pub: Published) -> str:
    srv.serve(FEED_PATH, b" " * (MAX_FEED_BYTES + 1))
    return FEED_PATH


def _feed_over_cap_unannounced(srv: TestServer, pub: Published) -> str:
    srv.serve(FEED_PATH, b" " * (MAX_FEED_BYTES + 1), send_length=False)
    return FEED_PATH


def _serve_signed(srv: TestServer, body: bytes) -> None:
    """A feed the town really signed, with a mistake in it: validation must catch it."""
    srv.serve(FEED_PATH, body)
    signature = minisign.sign(body, TOWN_KEY, "test").encode()
    srv.serve(FEED_PATH + ".minisig", signature, content_type="text/plain")


def _feed_future_version(srv: TestServer, pub: Published) -> str:
    body = json.loads(srv.routes[FEED_PATH].body)
    _serve_signed(srv, json.dumps({**body, "version": 2}).encode())
    return FEED_PATH


def _feed_media_not_in_manifest(srv: TestServer, pub: Published) -> str:
    body = json.loads(srv.routes[FEED_PATH].body)
    del body["media"]["media/town-hall.jpg"]
    _serve_signed(srv, json.dumps(body).encode())
    return FEED_PATH


def _feed_link_too_long_for_qr(srv: TestServer, pub: Published) -> str:
    body = json.loads(srv.routes[FEED_PATH].body)
    body["rotation"][1]["link"] = "https://example.org/" + "x" * 2400
    _serve_signed(srv, json.dumps(body).encode())
    return FEED_PATH


def _feed_media_outside_the_folder(srv: TestServer, pub: Published) -> str:
    body = json.loads(srv.routes[FEED_PATH].body)
    body["media"]["media/town-hall.jpg"]["url"] = "../../secret/town-hall.jpg"
    _serve_signed(srv, json.dumps(body).encode())
    return FEED_PATH


def _feed_media_absolute_path(srv: TestServer, pub: Published) -> str:
    body = json.loads(srv.routes[FEED_PATH].body)
    body["media"]["media/town-hall.jpg"]["url"] = "/etc/passwd"
    _serve_signed(srv, json.dumps(body).encode())
    return FEED_PATH


def _media_of_another_type(srv: TestServer, pub: Published) -> str:
    """A signed manifest lists a PNG as town-hall.jpg (the town's desk was fooled, or its
    key stolen): the screen still checks the file's content before it enters the store."""
    return _signed_as_town_hall(srv, "media/other.png", png_bytes(b"not the town hall"))


def _media_decompression_bomb(srv: TestServer, pub: Published) -> str:
    return _signed_as_town_hall(srv, "media/bomb.jpg", jpeg_bytes(b"", width=30000, height=30000))


def _signed_as_town_hall(srv: TestServer, name: str, data: bytes) -> str:
    """Serve ``data`` as ``name`` and sign a manifest that lists it as town-hall.jpg."""
    srv.serve(f"/site/{name}", data)
    body = json.loads(srv.routes[FEED_PATH].body)
    body["media"]["media/town-hall.jpg"] = {"sha256": sha256(data), "size": len(data), "url": name}
    _serve_signed(srv, json.dumps(body).encode())
    return f"/site/{name}"


FAILURES = {
    "media-404": Failure(_media_missing, "refused", "HTTP 404"),
    "media-hash-mismatch": Failure(_media_wrong_bytes, "refused", "sha256 is"),
    "media-truncated": Failure(_media_truncated, "refused", "download interrupted"),
    "media-never-answers": Failure(
        _media_never_answers, "refused", "no answer within the time limit"
    ),
    "media-larger-than-manifest": Failure(
        _media_larger, "refused", f"more than the limit of {len(NEW_MEDIA)}"
    ),
    "media-larger-than-manifest-no-length": Failure(
        _media_larger_unannounced, "refused", f"more than the limit of {len(NEW_MEDIA)}"
    ),
    "feed-never-answers": Failure(_feed_never_answers, "failed", "no answer within the time limit"),
    "feed-http-500": Failure(_feed_500, "failed", "HTTP 500"),
    "feed-garbage": Failure(_feed_garbage, "refused", "feed refused"),
    "feed-not-http": Failure(_feed_not_http, "failed", "could not fetch the feed"),
    "feed-over-cap": Failure(_feed_over_cap, "failed", f"limit of {MAX_FEED_BYTES}"),
    "feed-over-cap-no-length": Failure(
        _feed_over_cap_unannounced, "failed", f"limit of {MAX_FEED_BYTES}"
    ),
    "feed-future-version": Failure(_feed_future_version, "refused", "update the kiosk software"),
    "feed-media-not-in-manifest": Failure(
        _feed_media_not_in_manifest, "refused", "media file 'media/town-hall.jpg' not found"
    ),
    "feed-link-too-long-for-qr": Failure(_feed_link_too_long_for_qr, "refused", "QR code"),
    "media-of-another-type": Failure(_media_of_another_type, "refused", "rename it"),
    "media-decompression-bomb": Failure(_media_decompression_bomb, "refused", "30000"),
    "feed-media-outside-the-folder": Failure(
        _feed_media_outside_the_folder, "refused", "leaves the feed's folder"
    ),
    "feed-media-absolute-path": Failure(
        _feed_media_absolute_path, "refused", "leaves the feed's folder"
    ),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_failure_keeps_the_previous_snapshot(
    server: TestServer,
    publisher: Publisher,
    data_dir: Path,
    fetcher: Fetcher,
    impatient: Fetcher,
    failure: Failure,
) -> None:
    publisher.publish()
    good = sync(publisher.feed_url, data_dir, fetcher)
    assert good.status == "new" and good.snapshot is not None
    pub2 = publisher.publish(SITE_FEED_V2, SITE_MEDIA_V2)
    broken = failure.sabotage(server, pub2)

    result = sync(publisher.feed_url, data_dir, impatient)

    assert server.hits[broken] >= 1, "the sabotaged path was never requested"
    assert (result.status, result.ok) == (failure.status, False)
    assert failure.phrase in result.message
    assert result.snapshot is not None and result.snapshot.id == good.snapshot.id
    assert pointer(data_dir, "current") == good.snapshot.id
    assert_current(data_dir, good.snapshot.id, SITE_MEDIA)
    # nothing of the refused version stays behind, not even verified-looking bytes
    assert media_files(data_dir) == {sha256(PHOTO), sha256(POSTER)}


def test_sync_recovers_once_the_server_is_fixed(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    publisher.publish()
    sync(publisher.feed_url, data_dir, fetcher)
    pub2 = publisher.publish(SITE_FEED_V2, SITE_MEDIA_V2)
    _media_missing(server, pub2)
    assert sync(publisher.feed_url, data_dir, fetcher).status == "refused"

    publisher.publish(SITE_FEED_V2, SITE_MEDIA_V2)
    result = sync(publisher.feed_url, data_dir, fetcher)
    assert result.status == "new"
    assert result.snapshot is not None
    assert_current(data_dir, result.snapshot.id, SITE_MEDIA_V2)


def test_304_to_a_request_that_was_not_conditional_is_not_a_crash(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    """A broken proxy or server answers 304 to the very first request: there is nothing to
    keep, so the cycle must fail cleanly (it used to raise AssertionError out of run_once)."""
    publisher.publish()
    server.serve(FEED_PATH, b"", status=304)
    result = sync(publisher.feed_url, data_dir, fetcher)
    assert not result.ok
    assert result.snapshot is None
    assert Store(data_dir).current() is None


def test_a_failed_commit_does_not_make_the_new_feed_look_unchanged(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    publisher.publish()
    good = sync(publisher.feed_url, data_dir, fetcher)
    pub2 = publisher.publish(SITE_FEED_V2, SITE_MEDIA_V2)
    # A file where the new snapshot's directory must go: the commit fails like on a broken disk.
    blocker = data_dir / "snapshots" / snapshot_id(encode_feed(pub2.feed))
    blocker.write_bytes(b"")
    failed = sync(publisher.feed_url, data_dir, fetcher)
    assert failed.status == "failed" and "cannot write snapshot" in failed.message
    assert failed.snapshot is not None and good.snapshot is not None
    assert failed.snapshot.id == good.snapshot.id

    blocker.unlink()  # the disk is fine again
    result = sync(publisher.feed_url, data_dir, fetcher)
    assert result.status == "new"


# -- local folders, the command line, eviction, logging, state -----------------------------------


def test_local_site_folder_new_then_unchanged_then_new(data_dir: Path, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    with closing(_fetcher(Limits())) as f:
        first = sync(str(site), data_dir, f)
        second = sync(str(site), data_dir, f)
        (site / "media" / "photo.jpg").write_bytes(RETOUCHED)
        third = sync(str(site), data_dir, f)

    assert (first.status, second.status, third.status) == ("new", "unchanged", "new")
    assert first.snapshot is not None and second.snapshot is not None and third.snapshot is not None
    assert second.snapshot.id == first.snapshot.id != third.snapshot.id
    assert_current(data_dir, third.snapshot.id, {**SITE_MEDIA, "media/photo.jpg": RETOUCHED})


def test_cli_sync_once_exits_0_on_success(
    server: TestServer,
    publisher: Publisher,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    publisher.publish()
    key = tmp_path / "town.pub"
    key.write_text(TOWN_KEY.public_key().file_text())
    args = ["sync", "--once", "--feed", publisher.feed_url, "--data-dir", str(data_dir)]
    assert main([*args, "--trust", str(key)]) == 0
    out = capsys.readouterr().out
    snap = Store(data_dir).current()
    assert snap is not None
    assert f"new: new snapshot {snap.id} is current" in out

    assert main([*args, "--trust", str(key)]) == 0
    assert "unchanged:" in capsys.readouterr().out


def test_cli_sync_once_exits_1_on_failure_with_the_reason(
    server: TestServer, publisher: Publisher, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.serve(FEED_PATH, b"oops", status=500)
    assert main(["sync", "--once", "--feed", publisher.feed_url, "--data-dir", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("failed: could not fetch the feed:")
    assert f"{publisher.feed_url}: HTTP 500" in out
    assert "Traceback" not in out


def test_eviction_keeps_only_what_current_and_previous_use(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    photo2, poster3 = jpeg_bytes(b"photo v2"), png_bytes(b"poster v3")
    publisher.publish()
    v1 = sync(publisher.feed_url, data_dir, fetcher)
    publisher.publish(media={"media/photo.jpg": photo2, "media/poster.png": POSTER})
    v2 = sync(publisher.feed_url, data_dir, fetcher)
    # one change: the previous snapshot still needs the old photo
    assert media_files(data_dir) == {sha256(PHOTO), sha256(photo2), sha256(POSTER)}
    publisher.publish(media={"media/photo.jpg": photo2, "media/poster.png": poster3})
    v3 = sync(publisher.feed_url, data_dir, fetcher)

    assert [r.status for r in (v1, v2, v3)] == ["new", "new", "new"]
    assert v1.snapshot and v2.snapshot and v3.snapshot
    assert media_files(data_dir) == {sha256(photo2), sha256(POSTER), sha256(poster3)}
    snapshots = {d.name for d in (data_dir / "snapshots").iterdir()}
    assert snapshots == {v2.snapshot.id, v3.snapshot.id}
    assert (pointer(data_dir, "current"), pointer(data_dir, "previous")) == (
        v3.snapshot.id,
        v2.snapshot.id,
    )
    verify_store(data_dir)


def test_the_same_failure_is_logged_once(
    server: TestServer,
    publisher: Publisher,
    data_dir: Path,
    fetcher: Fetcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    publisher.publish()
    syncer = Syncer(publisher.feed_url, Store(data_dir), fetcher, clock=fixed_clock, trust=TRUST)
    good = syncer.run_once()
    assert good.snapshot is not None
    caplog.set_level(logging.INFO, logger="kiosk.io.sync")
    caplog.clear()
    saved = server.routes[FEED_PATH]
    server.serve(FEED_PATH, b"oops", status=500)

    results = [syncer.run_once() for _ in range(3)]

    assert [r.status for r in results] == ["failed"] * 3
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "HTTP 500" in warnings[0].getMessage()
    assert f"kept snapshot {good.snapshot.id}" in warnings[0].getMessage()

    # a different failure is news again; so is getting back to normal
    caplog.clear()
    server.serve(FEED_PATH, b"", status=503)
    assert syncer.run_once().status == "failed"
    server.routes[FEED_PATH] = saved
    assert syncer.run_once().status == "unchanged"
    assert syncer.run_once().status == "unchanged"
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert "HTTP 503" in messages[0]
    assert messages[1].startswith("sync is back to normal")


def test_conditional_get_state_survives_a_new_syncer(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    publisher.publish()
    assert sync(publisher.feed_url, data_dir, fetcher).status == "new"
    etag = server.routes[FEED_PATH].strong_etag()
    state = json.loads((data_dir / "sync.json").read_bytes())
    assert (state["source"], state["etag"]) == (publisher.feed_url, etag)

    with closing(_fetcher(Limits())) as other:  # a new process: new store, session, syncer
        result = Syncer(
            publisher.feed_url, Store(data_dir), other, clock=fixed_clock, trust=TRUST
        ).run_once()

    assert result.status == "unchanged"
    last = server.requests_for(FEED_PATH)[-1]
    assert (last.headers.get("if-none-match"), last.status) == (etag, 304)


def test_conditional_get_state_is_not_reused_for_another_source(
    server: TestServer, publisher: Publisher, data_dir: Path, fetcher: Fetcher
) -> None:
    pub = publisher.publish()
    assert sync(publisher.feed_url, data_dir, fetcher).status == "new"
    server.serve_dir(pub.bundle, "/mirror/")

    result = sync(server.url("/mirror/feed.json"), data_dir, fetcher)

    assert result.status == "unchanged"  # same content, so the same snapshot
    (request,) = server.requests_for("/mirror/feed.json")
    assert "if-none-match" not in request.headers
    assert json.loads((data_dir / "sync.json").read_bytes())["source"] == server.url(
        "/mirror/feed.json"
    )


def test_server_route_for_unknown_path_is_404(server: TestServer, fetcher: Fetcher) -> None:
    # guards the test server itself: an unconfigured path must not look like success
    resp = fetcher.session.get(server.url("/nothing-here"), timeout=5)
    assert resp.status_code == 404
    assert server.requests_for("/nothing-here")[0].status == 404
