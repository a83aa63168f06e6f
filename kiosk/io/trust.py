"""Which feeds a screen accepts: signed by a key it trusts, and never older than what it plays.

A feed fetched from a web server must come with ``feed.json.minisig``, a minisign signature
by one of the public keys listed in ``kiosk.toml`` (``trusted_keys``, several during a key
rotation) or given with ``--trust``. A local feed (a file or folder on this machine) may be
unsigned only where the configuration says so (``allow_unsigned = true``: development, the
town's own previews) and for the demo bundled with the kiosk. A signature that is present but
does not verify is refused everywhere.

Replays: a signed feed carries ``publication.sequence`` (``kiosk publish`` writes it); a feed
whose sequence is lower than the current snapshot's, or equal with other content, is
refused, so an attacker who kept an old signed feed cannot bring it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config
from kiosk.core.feed import Feed
from kiosk.core.minisign import (
    MAX_FILE_BYTES,
    PublicKey,
    SignatureError,
    read_public_key,
    read_signature,
    verify,
)
from kiosk.errors import ConfigError, NotFound, SyncRefused
from kiosk.resources import demo_site

if TYPE_CHECKING:  # not at run time: the player reads its trust before requests is imported
    from kiosk.io.fetch import Fetcher

SIGNATURE_SUFFIX = ".minisig"


def fetch_signature(fetcher: Fetcher, location: str) -> str | None:
    """The text of the signature file next to the feed at ``location`` (``location +
    .minisig``); None when there is none (NotFound). Any other FetchError is raised: the sync
    and ``kiosk doctor`` each say it their own way. A file that is not UTF-8 text is refused
    (SyncRefused) for both, so the doctor never passes what the sync would refuse."""
    try:
        body = fetcher.get(location + SIGNATURE_SUFFIX, max_bytes=MAX_FILE_BYTES).body or b""
    except NotFound:
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise SyncRefused(
            f"{location}{SIGNATURE_SUFFIX}: not a minisign signature (not text)"
        ) from None


@dataclass(frozen=True)
class Trust:
    keys: tuple[PublicKey, ...] = ()
    allow_unsigned: bool = False  # local feeds only
    unsigned_folders: tuple[Path, ...] = field(default=())  # always allowed (the bundled demo)

    def allows_unsigned(self, location: str, is_local: bool) -> bool:
        if not is_local:
            return False
        if self.allow_unsigned:
            return True
        path = Path(location).resolve()
        return any(path.is_relative_to(folder.resolve()) for folder in self.unsigned_folders)

    def check(
        self, location: str, body: bytes, is_local: bool, signature: Callable[[], str | None]
    ) -> PublicKey | None:
        """The key that signed ``body``, or None for an allowed unsigned local feed.

        ``signature`` fetches the text of ``location + .minisig`` (None: there is none).
        Raises SyncRefused saying why the feed cannot be played.
        """
        sig_name = location + SIGNATURE_SUFFIX
        if not self.keys:
            if self.allows_unsigned(location, is_local):
                return None
            raise SyncRefused(
                f"{location}: this screen trusts no signing key, so it only plays local feeds "
                "when `allow_unsigned = true`; add the town's public key to `trusted_keys` in "
                "kiosk.toml (or --trust FILE)"
            )
        text = signature()
        if text is None:
            if self.allows_unsigned(location, is_local):
                return None
            raise SyncRefused(
                f"{sig_name}: no signature; this screen only plays feeds signed by "
                f"{self.key_list()} (publish with `kiosk publish --key`)"
            )
        try:
            return verify(body, read_signature(text, sig_name), self.keys)
        except SignatureError as exc:
            raise SyncRefused(str(exc)) from None

    def key_list(self) -> str:
        return ", ".join(f"key {k.id_hex}" for k in self.keys)


def check_sequence(new: Feed, current: Feed | None, signed: bool, same: bool) -> None:
    """Refuse a signed feed that is not newer than the current snapshot's (a replay).

    ``same``: the new feed is the current one (a server answering 200 to a conditional GET).
    """
    if not signed:
        return
    if new.publication is None:
        raise SyncRefused(
            "a signed feed must carry `publication.sequence` (written by `kiosk publish`)"
        )
    if current is None or current.publication is None:
        return
    seq, cur = new.publication.sequence, current.publication.sequence
    if seq < cur or (seq == cur and not same):
        raise SyncRefused(
            f"replay: this feed was published as number {seq} ({new.publication.time}), not "
            f"newer than the one on screen, number {cur} ({current.publication.time})"
        )


def trust_of(config: Config) -> Trust:
    """The trust of a configured screen: ``trusted_keys`` (paths relative to the config
    file's folder), ``allow_unsigned``, and the bundled demo."""
    base = config.source_file.parent if config.source_file else None
    keys = load_keys(config.trusted_keys, base)
    return Trust(keys, config.allow_unsigned, (demo_site(),))


def load_keys(entries: Sequence[str], base: Path | None = None) -> tuple[PublicKey, ...]:
    """Public keys from ``trusted_keys`` entries: a key line (RWQ...) or a .pub file path."""
    keys = []
    for entry in entries:
        text, source = entry, "trusted key " + entry[:12] + "..."
        if not entry.strip().startswith("RW"):
            path = Path(entry)
            if base is not None and not path.is_absolute():
                path = base / path
            try:
                text, source = path.read_text("utf-8"), str(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"trusted key {path}: cannot read: {exc}") from None
        try:
            keys.append(read_public_key(text, source))
        except SignatureError as exc:
            raise ConfigError(str(exc)) from None
    return tuple(dict.fromkeys(keys))
