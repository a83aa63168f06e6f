"""Small sites, bundles and stores for the feed, sync and store tests.

A *site* is an authoring folder (``feed.yaml`` + ``media/``); :class:`Publisher` builds it
into a signed bundle with the real :func:`kiosk.publish.signing.publish` and serves the bundle
from a :class:`tests.httpserver.TestServer`, the way a town's web server would.

The ``server`` and ``publisher`` fixtures are here for the modules that import them
(``from tests.fixtures_feed import publisher_fixture, server_fixture  # noqa: F401``); a test
then asks for ``server`` and ``publisher`` by name, as usual.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core import minisign
from kiosk.core.feed import Feed
from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store
from kiosk.io.sync import Syncer, SyncResult
from kiosk.io.trust import Trust
from kiosk.publish.signing import publish
from tests.httpserver import TestServer


def jpeg_bytes(payload: bytes = b"", width: int = 4, height: int = 3) -> bytes:
    """A JPEG's structure, written by hand: start of image, ``payload`` in APP1 segments
    (where cameras put EXIF), a frame header of ``width`` x ``height``, a scan, end of image.
    The sync checks media by their headers and never decodes them; Qt could not decode
    this scan (which tests of broken pictures rely on)."""
    segments = b""
    for i in range(0, len(payload), 65533):
        part = payload[i : i + 65533]
        segments += b"\xff\xe1" + struct.pack(">H", len(part) + 2) + part
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3)
    sof += bytes([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
    sos = b"\xff\xda" + struct.pack(">HB", 12, 3) + bytes([1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0])
    return b"\xff\xd8" + segments + sof + sos + bytes(8) + b"\xff\xd9"


def png_bytes(text: bytes = b"", width: int = 4, height: int = 3) -> bytes:
    """A complete grey PNG of ``width`` x ``height`` carrying ``text`` in a tEXt chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"tEXt", b"Comment\x00" + text)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


#: Media with the structure of their type (the sync checks it), told apart by their text.
PHOTO = jpeg_bytes(b"photo of the market " * 40)
POSTER = png_bytes(b"poster of the christmas fair " * 30)

SITE_FEED = """\
version: 1
site:
  name: Testville
  languages: [fr, en]
screens:
  - name: hall
    tags: [indoor]
rotation:
  - type: image
    id: photo
    image: media/photo.jpg
  - type: announcement
    id: fair
    title:
      fr: Marché de Noël
      en: Christmas market
    image: media/poster.png
    link: https://example.org/noel
"""

SITE_MEDIA = {"media/photo.jpg": PHOTO, "media/poster.png": POSTER}

FIXED_NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

#: The town's signing key in these tests, and a screen that trusts it. Local site folders
#: (the town's own previews) may be unsigned for that screen; served bundles are signed.
TOWN_KEY = minisign.generate()
TRUST = Trust(keys=(TOWN_KEY.public_key(),), allow_unsigned=True)


def fixed_clock() -> datetime:
    return FIXED_NOW


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_site(
    folder: Path, feed_text: str = SITE_FEED, media: dict[str, bytes] | None = None
) -> Path:
    """Write ``feed.yaml`` and its media files into ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.yaml").write_text(feed_text, "utf-8")
    for rel, data in (SITE_MEDIA if media is None else media).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


@dataclass
class Published:
    feed: Feed
    bundle: Path
    feed_path: str  # server path of feed.json

    def media_path(self, rel: str) -> str:
        """Server path of the media file the feed calls ``rel``."""
        return self.feed_path.rsplit("/", 1)[0] + "/" + self.feed.media[rel].location()


class Publisher:
    """Builds site versions into bundles and serves the latest one at ``prefix``."""

    def __init__(self, server: TestServer, workdir: Path, prefix: str = "/site/") -> None:
        self.server = server
        self.workdir = workdir
        self.prefix = prefix
        self._versions = itertools.count(1)

    @property
    def feed_url(self) -> str:
        return self.server.url(self.prefix + "feed.json")

    def publish(
        self, feed_text: str = SITE_FEED, media: dict[str, bytes] | None = None
    ) -> Published:
        n = next(self._versions)
        site = write_site(self.workdir / f"site-v{n}", feed_text, media)
        bundle = self.workdir / f"bundle-v{n}"
        # Each version is published one minute after the previous one (its sequence grows).
        feed = publish(site, bundle, TOWN_KEY, FIXED_NOW + timedelta(minutes=n))
        for path in [p for p in self.server.routes if p.startswith(self.prefix)]:
            del self.server.routes[path]
        self.server.serve_dir(bundle, self.prefix)
        return Published(feed, bundle, self.prefix + "feed.json")


@pytest.fixture(name="server")
def server_fixture() -> Iterator[TestServer]:
    """The town's web server, on 127.0.0.1 for one test."""
    with TestServer() as srv:
        yield srv


@pytest.fixture(name="publisher")
def publisher_fixture(server: TestServer, tmp_path: Path) -> Publisher:
    """Publishes site versions on ``server`` at /site/ (built in ``tmp_path / "pub"``)."""
    return Publisher(server, tmp_path / "pub")


def sync(
    source: str, data_dir: Path, fetcher: Fetcher | None = None, trust: Trust = TRUST
) -> SyncResult:
    """One cycle with a fresh Syncer and Store, as after a restart of the player, at
    FIXED_NOW. Without ``fetcher``, with one of its own (short limits), closed after."""
    if fetcher is not None:
        return Syncer(source, Store(data_dir), fetcher, clock=fixed_clock, trust=trust).run_once()
    own = Fetcher(Limits(connect_timeout=2, read_timeout=2))
    try:
        return sync(source, data_dir, own, trust)
    finally:
        own.close()


def verify_store(data_dir: Path) -> None:
    """Assert the store holds no leftovers of an interrupted write and every media verifies."""
    store = Store(data_dir)  # opening it cleans up; the checks below are what it left
    assert list(store.tmp_dir.iterdir()) == []
    assert list(store.snapshots_dir.glob(".tmp-*")) == []
    assert list(data_dir.glob(".*.tmp")) == []
    for file in store.media_dir.iterdir():
        if file.is_file():
            assert sha256(file.read_bytes()) == file.name.split(".")[0], (
                f"{file} does not match its name"
            )


def media_files(data_dir: Path) -> set[str]:
    """The content hashes of the media files in the store (names without extension)."""
    return {f.name.split(".")[0] for f in (data_dir / "media").iterdir() if f.is_file()}
