"""The on-disk store: content-addressed media and atomic, complete snapshots.

Layout under the data directory::

    media/<sha256>.<ext>        verified media, named by their content (the extension lets
                                Qt pick the image decoder without probing every plugin)
    media/.tmp/                 downloads in progress (removed on open)
    snapshots/<id>/feed.json    a validated feed with its media manifest
    snapshots/<id>/meta.json    where and when it came from
    snapshots/<id>/qr/*.svg     QR codes of every link, generated at sync time
    snapshots/.tmp-*            snapshots being written (removed on open)
    current, previous           the id of the current and previous snapshot
    live/<item id>.json         the last good content of a news or agenda item's source,
                                with what its polling learnt (ETag, last check, last error)
    live/qr/*.svg               QR codes of the articles' links

Media used by the current or the previous snapshot, or by the live content, are kept;
:meth:`Store.evict` deletes the rest.

Every file is written to a temporary name, fsync'ed and renamed, and the directory fsync'ed,
so a power cut or a SIGKILL at any moment leaves either the old state or the new one. A
snapshot directory only gets its final name once complete, and ``current`` only ever names a
complete snapshot.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import msgspec

from kiosk.core.feed import Feed
from kiosk.core.live import LiveContent
from kiosk.core.types import dec_hook, enc_hook
from kiosk.errors import StoreError

log = logging.getLogger(__name__)

_FEED = "feed.json"
_META = "meta.json"


class LiveState(msgspec.Struct, kw_only=True):
    """What polling one news/agenda source learnt: for conditional GET after a reboot, and
    to log a failure once rather than at every poll."""

    etag: str | None = None
    last_modified: str | None = None
    checked_at: datetime | None = None  # last attempt, successful or not
    fetched_at: datetime | None = None  # when the content was last fetched and parsed
    error: str | None = None  # why the last attempt failed; None when it worked
    failed_pictures: list[str] = msgspec.field(default_factory=list)


class LiveRecord(msgspec.Struct, kw_only=True):
    """``live/<item id>.json``: the state of an item's source and its last good content."""

    item_id: str
    source: str
    state: LiveState = msgspec.field(default_factory=LiveState)
    content: LiveContent | None = None


class SnapshotMeta(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    source: str
    created_at: str  # ISO 8601 UTC, when this kiosk built the snapshot
    qr: dict[str, str] = msgspec.field(default_factory=dict)  # url -> file in qr/


@dataclass(frozen=True)
class Snapshot:
    """A complete, verified feed on disk, ready to play with no network."""

    id: str
    dir: Path
    feed: Feed
    meta: SnapshotMeta
    media_dir: Path = field(repr=False)
    #: Item id -> the last good content of its news or agenda source (read with the snapshot).
    live: Mapping[str, LiveContent] = field(default_factory=dict, repr=False, hash=False)
    live_dir: Path | None = field(default=None, repr=False)

    def media_file(self, path: str) -> Path | None:
        ref = self.feed.media.get(path)
        return self.media_dir / media_name(ref.sha256, path) if ref else None

    def qr_file(self, url: str) -> Path | None:
        name = self.meta.qr.get(url)
        return self.dir / "qr" / name if name else None

    def media_names(self) -> set[str]:
        return {media_name(ref.sha256, path) for path, ref in self.feed.media.items()}

    def live_media_file(self, name: str) -> Path | None:
        """A picture of live content, by its file name in the store."""
        return self.media_dir / name if name else None

    def live_qr_file(self, name: str) -> Path | None:
        return self.live_dir / "qr" / name if name and self.live_dir else None


def media_name(sha256: str, path: str) -> str:
    """File name of a media file in the store: its sha256 and the extension it was given."""
    suffix = PurePosixPath(path).suffix.lower()
    return sha256 + (suffix if suffix[1:].isalnum() and len(suffix) <= 6 else "")


def encode_feed(feed: Feed) -> bytes:
    """Canonical JSON of a feed: the same feed always gives the same bytes."""
    return msgspec.json.encode(feed, enc_hook=enc_hook, order="deterministic")


def decode_feed(data: bytes) -> Feed:
    return msgspec.json.decode(data, type=Feed, dec_hook=dec_hook)


def snapshot_id(canonical_feed: bytes) -> str:
    return hashlib.sha256(canonical_feed).hexdigest()[:16]


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``path`` so that it holds either its old content or ``data``, never a mix.
    ``mode``: permissions of the new file (else 0600, mkstemp's)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


class Store:
    """The kiosk's data directory. Opening it cleans up after any interrupted write."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.media_dir = root / "media"
        self.tmp_dir = self.media_dir / ".tmp"
        self.snapshots_dir = root / "snapshots"
        self.live_dir = root / "live"
        self.live_qr_dir = self.live_dir / "qr"
        try:
            for d in (self.tmp_dir, self.snapshots_dir, self.live_qr_dir):
                d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {root}: {exc.strerror}") from None
        self._recover()

    # -- opening ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def sync_lock(self) -> Iterator[None]:
        """Held while a sync writes: a second process (``kiosk sync --once`` next to the
        player) is refused instead of racing it, and never cleans its temporary files."""
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(
                    f"another sync is writing to {self.root}; try again later"
                ) from None
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _recover(self) -> None:
        """Remove what an interrupted sync left behind (temporary files and directories),
        unless a sync in another process is running right now."""
        try:
            with self.sync_lock():
                self._remove_leftovers()
        except StoreError:
            log.info("a sync is running in another process; leaving its temporary files")

    def _remove_leftovers(self) -> None:
        for leftover in self.tmp_dir.iterdir():
            leftover.unlink(missing_ok=True)
        for leftover in self.snapshots_dir.glob(".tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for folder in (self.root, self.live_dir, self.live_qr_dir):
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)

    def _pointer(self, name: str) -> str | None:
        try:
            value = (self.root / name).read_text("ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return value if value and value.isalnum() else None

    def current_id(self) -> str | None:
        return self._pointer("current")

    def current(self) -> Snapshot | None:
        """The current snapshot, or the previous one if the current is damaged, or None."""
        for name in ("current", "previous"):
            sid = self._pointer(name)
            if sid is None:
                continue
            try:
                return self.load(sid)
            except StoreError as exc:
                log.error("snapshot %s (%s) is unusable: %s", sid, name, exc)
        return None

    def load(self, sid: str) -> Snapshot:
        d = self.snapshots_dir / sid
        try:
            feed = decode_feed((d / _FEED).read_bytes())
            meta = msgspec.json.decode((d / _META).read_bytes(), type=SnapshotMeta)
        except (OSError, msgspec.DecodeError) as exc:
            raise StoreError(f"{d}: {exc}") from None
        snap = Snapshot(sid, d, feed, meta, self.media_dir, self.live_contents(), self.live_dir)
        for path, ref in feed.media.items():
            media = self.media_dir / media_name(ref.sha256, path)
            try:
                size = media.stat().st_size
            except FileNotFoundError:
                raise StoreError(f"{d}: media {path} ({ref.sha256[:12]}) is missing") from None
            if size != ref.size:
                raise StoreError(f"{d}: media {path} has {size} bytes, expected {ref.size}")
        return snap

    # -- media -----------------------------------------------------------------------------

    def has_media(self, sha256: str, path: str, size: int | None = None) -> bool:
        """Whether the media file ``path`` (with this content) is in the store."""
        try:
            actual = (self.media_dir / media_name(sha256, path)).stat().st_size
        except FileNotFoundError:
            return False
        return size is None or actual == size

    def media_writer(self, path: str) -> MediaWriter:
        """A writer for the content of media file ``path`` (its name gives the extension)."""
        return MediaWriter(self, path)

    # -- live content of news and agenda items ---------------------------------------------

    def live_records(self) -> dict[str, LiveRecord]:
        """Every stored record, by item id; an unreadable one is skipped (and rewritten at
        the next poll of its source)."""
        records: dict[str, LiveRecord] = {}
        for file in sorted(self.live_dir.glob("*.json")):
            try:
                record = msgspec.json.decode(file.read_bytes(), type=LiveRecord)
            except (OSError, msgspec.DecodeError) as exc:
                log.warning("ignoring unreadable live content %s: %s", file, exc)
                continue
            if file.stem == record.item_id:
                records[record.item_id] = record
        return records

    def live_contents(self) -> dict[str, LiveContent]:
        return {i: r.content for i, r in self.live_records().items() if r.content is not None}

    def write_live(self, record: LiveRecord) -> None:
        try:
            write_atomic(self.live_dir / f"{record.item_id}.json", msgspec.json.encode(record))
        except OSError as exc:
            raise StoreError(f"cannot write live content in {self.live_dir}: {exc}") from None

    def remove_live(self, item_id: str) -> None:
        (self.live_dir / f"{item_id}.json").unlink(missing_ok=True)

    def write_live_qr(self, url: str, svg: str) -> str:
        """Store the QR code of ``url`` (once); returns its file name in ``live/qr``."""
        name = hashlib.sha256(url.encode()).hexdigest()[:16] + ".svg"
        if not (self.live_qr_dir / name).is_file():
            try:
                write_atomic(self.live_qr_dir / name, svg.encode())
            except OSError as exc:
                raise StoreError(f"cannot write a QR code in {self.live_qr_dir}: {exc}") from None
        return name

    def add_media(self, data: bytes, path: str) -> str:
        """Store ``data`` (named like ``path`` for its extension); returns its file name."""
        try:
            with self.media_writer(path) as writer:
                writer.write(data)
                return media_name(writer.commit(), path)
        except OSError as exc:
            raise StoreError(f"cannot write media in {self.media_dir}: {exc}") from None

    # -- snapshots -------------------------------------------------------------------------

    def commit(self, feed: Feed, source: str, created_at: str, qr: dict[str, str]) -> Snapshot:
        """Write a snapshot (feed, meta, QR codes as url -> SVG) and make it current.

        Every media file of ``feed.media`` must already be in the store. Committing a feed
        identical to the current one changes nothing.
        """
        for path, ref in feed.media.items():
            if not self.has_media(ref.sha256, path, ref.size):
                raise StoreError(f"cannot commit: media {path} is not in the store")
        canonical = encode_feed(feed)
        sid = snapshot_id(canonical)
        final = self.snapshots_dir / sid
        if not final.is_dir():
            self._write_snapshot_dir(final, canonical, source, created_at, qr)
        old = self.current_id()
        if old != sid:
            if old is not None:
                write_atomic(self.root / "previous", old.encode())
            write_atomic(self.root / "current", sid.encode())
        return self.load(sid)

    def _write_snapshot_dir(
        self, final: Path, canonical: bytes, source: str, created_at: str, qr: dict[str, str]
    ) -> None:
        tmp = Path(tempfile.mkdtemp(dir=self.snapshots_dir, prefix=".tmp-"))
        try:
            (tmp / "qr").mkdir()
            names = {}
            for url, svg in qr.items():
                names[url] = hashlib.sha256(url.encode()).hexdigest()[:16] + ".svg"
                _write_synced(tmp / "qr" / names[url], svg.encode())
            meta = SnapshotMeta(id=final.name, source=source, created_at=created_at, qr=names)
            _write_synced(tmp / _FEED, canonical)
            _write_synced(tmp / _META, msgspec.json.encode(meta))
            fsync_dir(tmp / "qr")
            fsync_dir(tmp)
            os.rename(tmp, final)
            fsync_dir(self.snapshots_dir)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"cannot write snapshot in {self.snapshots_dir}: {exc}") from None

    def evict(self) -> int:
        """Delete snapshots and media that neither the current nor the previous one uses,
        nor the live content of news and agenda items; and QR codes of no stored article."""
        keep_ids = {i for i in (self._pointer("current"), self._pointer("previous")) if i}
        keep_media: set[str] = set()
        for sid in keep_ids:
            try:
                keep_media |= self.load(sid).media_names()
            except StoreError:
                continue
        live = self.live_contents()
        keep_qr: set[str] = set()
        for content in live.values():
            keep_media |= content.media_names()
            keep_qr |= set(content.qr.values())
        for f in self.live_qr_dir.glob("*.svg"):
            if f.name not in keep_qr:
                f.unlink(missing_ok=True)
        removed = 0
        for d in self.snapshots_dir.iterdir():
            if d.is_dir() and not d.name.startswith(".") and d.name not in keep_ids:
                shutil.rmtree(d, ignore_errors=True)
        for f in self.media_dir.iterdir():
            if f.is_file() and f.name not in keep_media:
                f.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.info("evicted %d media file(s) no longer used", removed)
        return removed


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


class MediaWriter:
    """Receives one media file in chunks, hashing as it goes; ``commit`` verifies and renames.

    Used as a context manager: leaving without commit removes the temporary file.
    """

    def __init__(self, store: Store, path: str) -> None:
        self.store = store
        self.path = path
        fd, name = tempfile.mkstemp(dir=store.tmp_dir)
        self._fh: IO[bytes] = os.fdopen(fd, "wb")
        self._tmp = Path(name)
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self._fh.write(chunk)
        self._hash.update(chunk)
        self.size += len(chunk)

    def commit(
        self,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        check: Callable[[Path], object] | None = None,
    ) -> str:
        """Verify and move into place; returns the sha256. Raises StoreError on mismatch.
        ``check`` reads the complete file before it enters the store (and may raise)."""
        digest = self._hash.hexdigest()
        if expected_size is not None and self.size != expected_size:
            raise StoreError(f"received {self.size} bytes, expected {expected_size}")
        if expected_sha256 is not None and digest != expected_sha256:
            raise StoreError(f"sha256 is {digest[:12]}..., expected {expected_sha256[:12]}...")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        if check is not None:
            check(self._tmp)
        os.replace(self._tmp, self.store.media_dir / media_name(digest, self.path))
        fsync_dir(self.store.media_dir)
        return digest

    def __enter__(self) -> MediaWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        if not self._fh.closed:
            self._fh.close()
        self._tmp.unlink(missing_ok=True)
