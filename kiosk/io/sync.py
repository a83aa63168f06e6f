"""One sync cycle: fetch the feed, validate it, bring every media file, switch atomically.

A new snapshot becomes current only when the feed parsed, validated, and every media file it
needs is in the store with the right sha256. Anything else leaves the current snapshot
playing and reports why, once (the same failure is not logged again at every poll).

Sources: an https URL of a published ``feed.json`` (media listed in its ``media`` manifest,
fetched relative to it), a local ``feed.yaml``/``feed.json`` file, or a site folder holding
one (media read from the folder and hashed here).

Each cycle then polls the news and agenda sources of the snapshot that plays, those whose
``refresh`` interval is over (:mod:`kiosk.io.live`), under the same lock.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import msgspec

from kiosk.core.feed import Feed, MediaRef, procedure_url
from kiosk.core.parse import FEED_NAMES, MAX_FEED_BYTES, parse_feed_bytes
from kiosk.core.qr import qr_svg
from kiosk.core.validate import Context, validate
from kiosk.errors import FeedError, FetchError, KioskError, StoreError, SyncRefused
from kiosk.io.fetch import Fetcher, Response, is_url, local_path, resolve
from kiosk.io.live import LiveSync
from kiosk.io.media_check import check_media
from kiosk.io.store import Snapshot, Store, encode_feed, snapshot_id, write_atomic
from kiosk.io.trust import Trust, check_sequence, fetch_signature
from kiosk.resources import demo_site, icon_exists, theme_exists

log = logging.getLogger(__name__)

#: Largest media file accepted from a feed with no manifest size (local folders).
MAX_MEDIA_BYTES = 1024 * 1024 * 1024

Status = Literal["new", "unchanged", "failed", "refused"]


@dataclass(frozen=True)
class SyncResult:
    """``new`` / ``unchanged``: the current snapshot is good. ``failed``: the feed could not
    be fetched or stored (network, server, disk, another sync running). ``refused``: it was
    fetched but cannot be played (invalid, or a media file missing or corrupt)."""

    status: Status
    message: str
    snapshot: Snapshot | None  # the current snapshot after this cycle (maybe the old one)

    @property
    def ok(self) -> bool:
        return self.status in ("new", "unchanged")


class SyncState(msgspec.Struct, kw_only=True):
    """What the last cycles learnt, kept in ``sync.json`` for conditional GET after a reboot."""

    source: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_ok: str | None = None
    last_error: str | None = None


def feed_location(source: str) -> str:
    """The feed file of ``source``: a URL, a file, or the feed file inside a site folder."""
    if is_url(source):
        return source + "feed.json" if source.endswith("/") else source
    path = local_path(source)
    if path.is_dir():
        for name in FEED_NAMES:
            if (path / name).is_file():
                return str(path / name)
        raise FetchError(str(path), f"no {' or '.join(FEED_NAMES)} in this folder")
    return str(path)


class Syncer:
    """Runs sync cycles for one source into one store. Not thread-safe: one job at a time."""

    def __init__(
        self,
        source: str,
        store: Store,
        fetcher: Fetcher,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        trust: Trust | None = None,
    ) -> None:
        self.source = source
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self.trust = trust if trust is not None else default_trust()
        self._state_file = store.root / "sync.json"
        self.state = self._read_state()
        self.live = LiveSync(store, fetcher, clock)
        self._hash_cache: dict[tuple[str, int, int], str] = {}

    def _read_state(self) -> SyncState:
        try:
            state = msgspec.json.decode(self._state_file.read_bytes(), type=SyncState)
        except (OSError, msgspec.DecodeError):
            return SyncState(source=self.source)
        return state if state.source == self.source else SyncState(source=self.source)

    def _save_state(self) -> None:
        try:
            write_atomic(self._state_file, msgspec.json.encode(self.state))
        except OSError as exc:
            log.warning("cannot save sync state in %s: %s", self._state_file, exc)

    def run_once(self) -> SyncResult:
        """One cycle, then the news and agenda sources that are due; never raises: every
        failure is a result that keeps the snapshot."""
        try:
            with self.store.sync_lock():
                result = self._cycle_result()
                result = self._refresh_live(result)
        except StoreError as exc:  # another process holds the lock
            result = SyncResult("failed", f"could not store the feed: {exc}", self.store.current())
        self._report(result)
        return result

    def _cycle_result(self) -> SyncResult:
        try:
            return self._cycle()
        except FetchError as exc:
            return SyncResult("failed", f"could not fetch the feed: {exc}", self.store.current())
        except FeedError as exc:
            summary = "; ".join(str(p) for p in exc.problems if not p.warning)
            return SyncResult("refused", f"feed refused: {summary}", self.store.current())
        except SyncRefused as exc:
            return SyncResult("refused", f"feed refused: {exc}", self.store.current())
        except StoreError as exc:  # the feed may be fine; this kiosk could not store it
            return SyncResult("failed", f"could not store the feed: {exc}", self.store.current())
        except Exception as exc:  # a bug must not stop the polling job nor lose the snapshot
            log.exception("sync cycle failed unexpectedly")
            return SyncResult(
                "failed", f"sync failed: {type(exc).__name__}: {exc}", self.store.current()
            )

    def _refresh_live(self, result: SyncResult) -> SyncResult:
        """Poll the due news and agenda sources of the snapshot that plays; the result then
        carries the snapshot with its live content as stored now."""
        snapshot = result.snapshot
        if snapshot is None:
            return result
        try:
            update = self.live.refresh(snapshot.feed, snapshot.meta.source)
        except Exception:  # neither a bug nor a full disk here may stop the feed's sync
            log.exception("polling news and agenda sources failed")
            return result
        if not update.changed:
            return result
        live = self.store.live_contents()
        return dataclasses.replace(result, snapshot=dataclasses.replace(snapshot, live=live))

    def _report(self, result: SyncResult) -> None:
        now = self.clock().isoformat(timespec="seconds")
        kept = f"; kept snapshot {result.snapshot.id}" if result.snapshot else "; no snapshot yet"
        if result.ok:
            if self.state.last_error:
                log.info("sync is back to normal: %s", result.message)
            elif result.status == "new":
                log.info("%s", result.message)
            self.state.last_ok, self.state.last_error = now, None
        else:
            if result.message != self.state.last_error:
                log.warning("%s%s", result.message, kept)
            self.state.last_error = result.message
        self._save_state()

    def _cycle(self) -> SyncResult:
        location = feed_location(self.source)
        current = self.store.current()
        response = self.fetcher.get(
            location,
            max_bytes=MAX_FEED_BYTES,
            etag=self.state.etag if current else None,
            last_modified=self.state.last_modified if current else None,
        )
        if response.body is None and current is not None:
            return SyncResult("unchanged", f"feed unchanged (snapshot {current.id})", current)
        assert response.body is not None
        # The signature first: nothing of an untrusted feed is parsed, nor its media fetched.
        signer = self.trust.check(
            location,
            response.body,
            not is_url(location),
            lambda: self._signature(location),
        )
        feed = self._validate(location, response.body)
        same = current is not None and snapshot_id(encode_feed(feed)) == current.id
        check_sequence(feed, current.feed if current else None, signer is not None, same)
        feed = self._bring_media(location, feed)
        if current is not None and snapshot_id(encode_feed(feed)) == current.id:
            self._remember(response)
            return SyncResult("unchanged", f"feed unchanged (snapshot {current.id})", current)
        qr = {url: qr_svg(url) for url in _links(feed)}
        snapshot = self.store.commit(feed, location, self.clock().isoformat(timespec="seconds"), qr)
        self._remember(response)  # only now: a 304 must never stand for a feed not committed
        self.store.evict()
        signed = f", signed by key {signer.id_hex}" if signer else ", unsigned (local)"
        return SyncResult("new", f"new snapshot {snapshot.id} is current{signed}", snapshot)

    def _signature(self, location: str) -> str | None:
        """The text of the signature of the feed at ``location``; None: there is none."""
        try:
            return fetch_signature(self.fetcher, location)
        except FetchError as exc:
            raise SyncRefused(f"signature: {exc}") from None

    def _remember(self, response: Response) -> None:
        self.state.etag, self.state.last_modified = response.etag, response.last_modified

    def _validate(self, location: str, body: bytes) -> Feed:
        parsed = parse_feed_bytes(body, location)
        manifest = parsed.data.get("media", {}) if isinstance(parsed.data, dict) else {}
        folder = None if is_url(location) else local_path(location).parent

        def media_exists(path: str) -> bool:
            in_manifest = isinstance(manifest, dict) and path in manifest
            return in_manifest or (folder is not None and (folder / path).is_file())

        ctx = Context(media_exists=media_exists, theme_exists=theme_exists, icon_exists=icon_exists)
        feed, problems = validate(parsed, ctx)
        if feed is None:
            raise FeedError(problems)
        return feed

    def _bring_media(self, location: str, feed: Feed) -> Feed:
        """Make every media file of ``feed`` present and verified; returns the feed with a
        complete manifest (path -> sha256, size)."""
        manifest: dict[str, MediaRef] = {}
        for path in feed.media_paths():
            ref = feed.media.get(path)
            if ref is None:  # authoring folder: hash the file here
                ref = self._copy_local(location, path)
            elif not self.store.has_media(ref.sha256, path, ref.size):
                self._download(resolve(location, _media_location(path, ref)), path, ref)
            manifest[path] = ref
        return msgspec.structs.replace(feed, media=manifest)

    def _download(self, url: str, path: str, ref: MediaRef) -> None:
        try:
            with self.store.media_writer(path) as writer:
                for chunk in self.fetcher.stream(url, max_bytes=ref.size):
                    writer.write(chunk)
                writer.commit(ref.sha256, ref.size, lambda file: check_media(path, file))
        except (FetchError, StoreError) as exc:
            raise SyncRefused(f"media {path}: {exc}") from None

    def _copy_local(self, location: str, path: str) -> MediaRef:
        file = Path(resolve(location, path))
        try:
            st = file.stat()
        except OSError as exc:
            raise SyncRefused(f"media {path}: {file}: {exc.strerror}") from None
        key = (str(file), st.st_size, st.st_mtime_ns)
        known = self._hash_cache.get(key)
        if known and self.store.has_media(known, path, st.st_size):
            return MediaRef(sha256=known, size=st.st_size)
        try:
            with self.store.media_writer(path) as writer:
                for chunk in self.fetcher.stream(str(file), max_bytes=MAX_MEDIA_BYTES):
                    writer.write(chunk)
                digest = writer.commit(check=lambda tmp: check_media(path, tmp))
                size = writer.size
        except (FetchError, StoreError) as exc:
            raise SyncRefused(f"media {path}: {exc}") from None
        self._hash_cache[key] = digest
        return MediaRef(sha256=digest, size=size)


def _media_location(path: str, ref: MediaRef) -> str:
    """Where a manifest entry says its file is: an http(s) URL, or a path below the feed's
    folder. Anything else (``..``, an absolute path, another scheme) is refused."""
    url = ref.location()
    if is_url(url):
        return url
    parts = url.split("/")
    if (
        "://" in url
        or ":" in parts[0]
        or url.startswith("/")
        or "\\" in url
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(c) < 32 for c in url)
    ):
        raise SyncRefused(
            f"media {path}: its address {url!r} leaves the feed's folder; expected a path like "
            "media/<sha256>.jpg or an https:// address"
        )
    return url


def _links(feed: Feed) -> list[str]:
    urls: list[Any] = []
    for item in feed.rotation:
        urls += [getattr(item, "url", None), getattr(item, "link", None)]
    if feed.services is not None:
        urls += [procedure_url(s.procedure) for _, s in feed.services.services() if s.procedure]
    return list(dict.fromkeys(u for u in urls if u))


def default_trust() -> Trust:
    """No key: only the bundled demo plays (what a screen does before it is configured)."""
    return Trust(unsigned_folders=(demo_site(),))


def sync_once(
    source: str, data_dir: Path, fetcher: Fetcher | None = None, trust: Trust | None = None
) -> SyncResult:
    """One cycle with a fresh fetcher: what ``kiosk sync --once`` runs."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return Syncer(source, Store(data_dir), fetcher, trust=trust).run_once()
    except KioskError as exc:
        return SyncResult("failed", str(exc), None)
    finally:
        if own:
            fetcher.close()
