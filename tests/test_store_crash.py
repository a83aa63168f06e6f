"""SIGKILL a real ``kiosk sync --once`` process in the middle of a sync; the store must survive.

A first good snapshot is synced in-process; then the server publishes a version with a 5 MB
media file, served slowly, and a child process syncing it is killed at chosen moments: while
the download is certainly in progress (the server holds the transfer at a given byte), and at
spread-out moments after the last byte was sent, when the child verifies, renames, writes the
snapshot and switches ``current``. Afterwards the store must open cleanly, hold no temporary
files, play a complete snapshot whose media verify, and sync normally again.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store
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
    sha256,
    verify_store,
)
from tests.httpserver import TestServer

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BIG = jpeg_bytes(random.Random(5).randbytes(5 * 1024 * 1024))
CHUNK = 64 * 1024
DELAY = 0.002  # between chunks: about 0.2 s for the whole file
FEED_V2 = SITE_FEED + "  - type: image\n    id: panorama\n    image: media/panorama.jpg\n"
MEDIA_V2 = {**SITE_MEDIA, "media/panorama.jpg": BIG}


@dataclass
class World:
    server: TestServer
    publisher: Publisher
    seed_dir: Path  # a store holding the first good snapshot; copied for each attempt
    good_id: str
    v2: Published
    key_file: Path  # the town's public key, for the child processes' --trust

    @property
    def big_path(self) -> str:
        return self.v2.media_path("media/panorama.jpg")

    def fresh_data_dir(self, tmp: Path, name: str) -> Path:
        target = tmp / name
        shutil.copytree(self.seed_dir, target)
        return target

    def spawn(self, data_dir: Path) -> subprocess.Popen[bytes]:
        cmd = [sys.executable, "-m", "kiosk", "sync", "--once"]
        cmd += ["--feed", self.publisher.feed_url, "--data-dir", str(data_dir)]
        cmd += ["--trust", str(self.key_file)]
        return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("crash")
    with TestServer() as server:
        publisher = Publisher(server, tmp / "published")
        publisher.publish()
        seed = tmp / "seed"
        fetcher = Fetcher(Limits(connect_timeout=2, read_timeout=10), requests.Session())
        try:
            first = Syncer(
                publisher.feed_url, Store(seed), fetcher, clock=fixed_clock, trust=TRUST
            ).run_once()
        finally:
            fetcher.close()
        assert first.status == "new" and first.snapshot is not None
        v2 = publisher.publish(FEED_V2, MEDIA_V2)
        key_file = tmp / "town.pub"
        key_file.write_text(TOWN_KEY.public_key().file_text())
        yield World(server, publisher, seed, first.snapshot.id, v2, key_file)


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL, "the child ended before it was killed"


def assert_survived(world: World, data_dir: Path, allowed: set[str]) -> str:
    """The store opens, is clean, and plays a complete snapshot among ``allowed``."""
    store = Store(data_dir)
    verify_store(data_dir)
    snap = store.current()
    assert snap is not None
    assert snap.id in allowed
    for rel, ref in snap.feed.media.items():
        file = snap.media_file(rel)
        assert file is not None
        assert sha256(file.read_bytes()) == ref.sha256 == file.name.split(".")[0], rel
    assert {sha256(PHOTO), sha256(POSTER)} <= media_files(data_dir)
    return snap.id


def assert_syncs_again(world: World, data_dir: Path) -> None:
    """After the crash the next cycle completes the interrupted update."""
    fetcher = Fetcher(Limits(connect_timeout=2, read_timeout=10), requests.Session())
    try:
        result = Syncer(
            world.publisher.feed_url, Store(data_dir), fetcher, clock=fixed_clock, trust=TRUST
        ).run_once()
    finally:
        fetcher.close()
    assert result.ok, result.message
    assert result.snapshot is not None and result.snapshot.id != world.good_id
    assert set(result.snapshot.feed.media) == set(MEDIA_V2)
    assert sha256(BIG) in media_files(data_dir)
    verify_store(data_dir)


@pytest.mark.parametrize(
    "held_at",
    [0, CHUNK, len(BIG) // 2, len(BIG) - 1],
    ids=["headers-only", "first-chunk", "half", "all-but-last-byte"],
)
def test_kill_during_the_download_keeps_the_previous_snapshot(
    world: World, tmp_path: Path, held_at: int
) -> None:
    server = world.server
    server.serve(world.big_path, BIG, chunk=CHUNK, delay=DELAY, pause_at=held_at)
    paused_before = server.progress.paused[world.big_path]
    data_dir = world.fresh_data_dir(tmp_path, "data")

    with world.spawn(data_dir) as proc:
        held = server.wait_for(lambda: server.progress.paused[world.big_path] > paused_before, 30)
        assert held, "the child never reached the media download"
        kill(proc)

    # the partial download is still there before the store is reopened ...
    (partial,) = (data_dir / "media" / ".tmp").iterdir()
    assert partial.stat().st_size <= held_at
    # ... and gone after: nothing of version 2 was committed
    assert assert_survived(world, data_dir, {world.good_id}) == world.good_id
    assert (data_dir / "current").read_text().strip() == world.good_id
    assert sha256(BIG) not in media_files(data_dir)

    server.serve(world.big_path, BIG)
    assert_syncs_again(world, data_dir)


def test_kill_while_verifying_and_committing_leaves_old_or_new_never_a_mix(
    world: World, tmp_path: Path
) -> None:
    server = world.server
    server.serve(world.big_path, BIG, chunk=CHUNK, delay=DELAY)

    # One undisturbed run measures how long the child lives after the last byte is sent,
    # and gives the id version 2 has once committed.
    measured = world.fresh_data_dir(tmp_path, "measure")
    window = _after_last_byte(world, measured, kill_after=None)
    new = Store(measured).current()
    assert new is not None and new.id != world.good_id

    for n, fraction in enumerate([0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9]):
        data_dir = world.fresh_data_dir(tmp_path, f"attempt-{n}")
        _after_last_byte(world, data_dir, kill_after=window * fraction)
        assert_survived(world, data_dir, {world.good_id, new.id})
        assert_syncs_again(world, data_dir)


def _after_last_byte(world: World, data_dir: Path, kill_after: float | None) -> float:
    """Run the child; SIGKILL it ``kill_after`` s after the media's last byte (None: let it
    finish). Returns how long the child lived after that byte."""
    server = world.server
    finished_before = server.progress.finished[world.big_path]
    with world.spawn(data_dir) as proc:
        done = server.wait_for(
            lambda: server.progress.finished[world.big_path] > finished_before, 30
        )
        assert done, "the media download never completed"
        start = time.monotonic()
        if kill_after is None:
            out, err = proc.communicate(timeout=30)
            assert proc.returncode == 0, (out, err)
            assert out.startswith(b"new: "), out
        else:
            time.sleep(kill_after)
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=10)
        return time.monotonic() - start


def test_store_opens_cleanly_over_leftovers_of_every_kind(tmp_path: Path) -> None:
    """What a kill can leave at each step (see kiosk/io/store.py), all at once."""
    data_dir = tmp_path / "data"
    store = Store(data_dir)
    (store.tmp_dir / "tmpabc123").write_bytes(b"half a video")
    (store.snapshots_dir / ".tmp-xyz" / "qr").mkdir(parents=True)
    (store.snapshots_dir / ".tmp-xyz" / "feed.json").write_bytes(b'{"version": 1, "si')
    (data_dir / ".current.k2j3.tmp").write_bytes(b"0123")
    (data_dir / ".sync.json.99.tmp").write_bytes(b"{")

    reopened = Store(data_dir)

    assert reopened.current() is None
    verify_store(data_dir)
    assert os.listdir(reopened.snapshots_dir) == []
