"""Small sites, bundles and stores for the feed, sync and store tests.

A *site* is an authoring folder (``feed.yaml`` + ``media/``); :class:`Publisher` builds it
into a bundle with the real :func:`kiosk.publish.bundle.build_bundle` and serves the bundle
from a :class:`tests.httpserver.TestServer`, the way a town's web server would.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.feed import Feed
from kiosk.io.store import Store
from kiosk.publish.bundle import build_bundle
from tests.httpserver import TestServer

#: Not real images: the sync never decodes media, it only moves and verifies bytes.
PHOTO = b"\xff\xd8\xff\xe0" + b"photo of the market " * 40 + b"\xff\xd9"
POSTER = b"\x89PNG\r\n\x1a\n" + b"poster of the christmas fair " * 30

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
        feed = build_bundle(site, bundle)
        for path in [p for p in self.server.routes if p.startswith(self.prefix)]:
            del self.server.routes[path]
        self.server.serve_dir(bundle, self.prefix)
        return Published(feed, bundle, self.prefix + "feed.json")


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
