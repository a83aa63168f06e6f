"""Build a publishable bundle from a site folder: ``feed.json`` plus ``media/<sha256>.<ext>``.

The bundle is static: any web server (or a folder on disk) can serve it. Every media file is
named by its sha256 and listed in the feed's ``media`` manifest with its size, so a kiosk
verifies what it downloads and never fetches the same file twice. Signing comes on top of
this (``kiosk publish``).
"""

from __future__ import annotations

import hashlib
import posixpath
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.core.feed import Agenda, Feed, MediaRef, News, Publication
from kiosk.core.news import read_news
from kiosk.core.parse import FEED_NAMES, MAX_FEED_BYTES, Parsed, parse_feed_bytes
from kiosk.core.validate import Context, load
from kiosk.errors import FeedError, KioskError, Problem, SyncRefused
from kiosk.io.media_check import check_media
from kiosk.io.store import encode_feed, media_name, write_atomic
from kiosk.resources import icon_exists, theme_exists


def find_feed_file(path: Path) -> Path:
    """The feed file of a site folder, or ``path`` itself when it is a file."""
    if path.is_dir():
        for name in FEED_NAMES:
            if (path / name).is_file():
                return path / name
        raise FeedError([Problem(str(path), "", f"no {' or '.join(FEED_NAMES)} in this folder")])
    return path


def read_feed_file(feed_file: Path) -> Parsed:
    """Parse a feed file, refusing an oversized one before reading it."""
    try:
        size = feed_file.stat().st_size
        if size > MAX_FEED_BYTES:
            message = f"file is {size} bytes; a feed may be at most {MAX_FEED_BYTES}"
            raise FeedError([Problem(str(feed_file), "", message)])
        data = feed_file.read_bytes()
    except OSError as exc:
        raise FeedError([Problem(str(feed_file), "", f"cannot read: {exc.strerror}")]) from None
    return parse_feed_bytes(data, str(feed_file))


def folder_context(feed_file: Path, parsed: Parsed, now: datetime | None = None) -> Context:
    """Validation context of a site folder: media exist beside the feed or in its manifest."""
    folder = feed_file.parent
    manifest = parsed.data.get("media", {}) if isinstance(parsed.data, dict) else {}

    def media_exists(path: str) -> bool:
        return (folder / path).is_file() or (isinstance(manifest, dict) and path in manifest)

    return Context(
        media_exists=media_exists, theme_exists=theme_exists, now=now, icon_exists=icon_exists
    )


def load_site(path: Path) -> tuple[Path, Feed]:
    """Read and validate a site folder (or feed file); media must exist beside it."""
    feed_file = find_feed_file(path)
    parsed = read_feed_file(feed_file)
    return feed_file, load(parsed, folder_context(feed_file, parsed))


#: Published files are read by the web server's user.
PUBLIC_MODE = 0o644


def build_bundle(
    src: Path,
    out: Path,
    publication: Publication | None = None,
    sign: Callable[[bytes], str] | None = None,
) -> Feed:
    """Validate ``src`` and write ``out/feed.json`` and ``out/media/<sha256>``.

    With ``sign``, ``out/feed.json.minisig`` (``sign(feed bytes)``) is written just before
    ``feed.json``: a screen polling meanwhile still gets the old feed (304, no signature
    read) rather than a new feed with the old signature.
    """
    feed_file, feed = load_site(src)
    (out / "media").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, MediaRef] = {}
    for rel in feed.media_paths():
        source = feed_file.parent / rel
        try:  # what the screens would refuse is refused here, before anything is written
            check_media(rel, source)
        except SyncRefused as exc:
            raise FeedError([Problem(str(feed_file), "", str(exc))]) from None
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        name = media_name(digest, rel)  # with its extension: web servers send the right type
        target = out / "media" / name
        if not target.exists():
            shutil.copyfile(source, target)
            target.chmod(PUBLIC_MODE)
        manifest[rel] = MediaRef(sha256=digest, size=source.stat().st_size, url=f"media/{name}")
    for item in feed.rotation:
        if isinstance(item, News | Agenda) and "://" not in item.source:
            _copy_live_source(feed_file, item, out)
    published = msgspec.structs.replace(feed, media=manifest, publication=publication)
    data = encode_feed(published)
    if sign is not None:
        write_atomic(out / "feed.json.minisig", sign(data).encode(), PUBLIC_MODE)
    write_atomic(out / "feed.json", data, PUBLIC_MODE)
    return published


def _copy_live_source(feed_file: Path, item: News | Agenda, out: Path) -> None:
    """A news or agenda file of the site folder, served beside feed.json where the kiosk
    resolves it (not content-addressed: the town may update it in place), with the pictures
    a news file gives by relative address."""
    folder = feed_file.parent
    source = folder / item.source
    if not source.is_file():
        message = f"source '{item.source}' not found in the folder"
        raise FeedError([Problem(str(feed_file), f"rotation.{item.id}", message)])
    files = [item.source]
    if isinstance(item, News):
        files += _relative_pictures(source, item.source)
    for rel in files:
        if (folder / rel).is_file():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / rel, out / rel)
            (out / rel).chmod(PUBLIC_MODE)


def _relative_pictures(source: Path, source_rel: str) -> list[str]:
    """Paths, in the site folder, of the pictures a local RSS/Atom file refers to."""
    try:
        news = read_news(source.read_bytes(), str(source), datetime.now(UTC), 20, None, True)
    except KioskError:
        return []  # the kiosk will say why it refuses it
    paths = []
    for entry in news.items:
        if entry.image and "://" not in entry.image and not entry.image.startswith("/"):
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), entry.image))
            if not rel.startswith(".."):
                paths.append(rel)
    return paths
