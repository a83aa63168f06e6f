"""``kiosk keygen`` and ``kiosk publish``: the town's signing key and its signed bundles.

The secret key stays on the communication team's desk (or in the studio); the public key goes
into every screen's ``kiosk.toml``. Both files are in minisign's formats, so a town can use
the ``minisign`` tool instead of ``kiosk keygen`` and check our signatures with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.core import minisign
from kiosk.core.feed import Feed, Publication
from kiosk.errors import KioskError
from kiosk.io.store import write_atomic
from kiosk.publish.bundle import build_bundle

PASSPHRASE_ENV = "KIOSK_KEY_PASSPHRASE"


@dataclass(frozen=True)
class KeyFiles:
    secret: Path
    public: Path
    key: minisign.PublicKey


def keygen(prefix: Path, passphrase: bytes | None, force: bool = False) -> KeyFiles:
    """Write ``PREFIX.key`` (0600; encrypted unless ``passphrase`` is None) and ``PREFIX.pub``."""
    secret_file = prefix.with_name(prefix.name + ".key")
    public_file = prefix.with_name(prefix.name + ".pub")
    for file in (secret_file, public_file):
        if file.exists() and not force:
            raise KioskError(f"{file} exists; not overwriting a key (use --force to replace it)")
    if not prefix.parent.is_dir():
        raise KioskError(f"{prefix.parent}: no such folder")
    key = minisign.generate()
    write_atomic(secret_file, minisign.secret_key_text(key, passphrase).encode(), 0o600)
    write_atomic(public_file, key.public_key().file_text().encode(), 0o644)
    return KeyFiles(secret_file, public_file, key.public_key())


def read_key(path: Path, passphrase: Callable[[], bytes]) -> minisign.SecretKey:
    """Read a secret key; ``passphrase`` is asked only when the key is encrypted."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KioskError(f"{path}: cannot read the key: {exc}") from None
    secret = passphrase() if minisign.secret_key_is_encrypted(text, str(path)) else None
    return minisign.read_secret_key(text, secret, str(path))


def next_sequence(out: Path, now: datetime) -> int:
    """One more than the bundle's previous publication, and at least the Unix time, so a
    fresh output folder (another desk, a rebuilt server) still publishes a newer feed."""
    previous = 0
    try:
        data = msgspec.json.decode((out / "feed.json").read_bytes())
        previous = int(data["publication"]["sequence"])
    except (OSError, msgspec.DecodeError, KeyError, TypeError, ValueError):
        pass
    return max(previous + 1, int(now.timestamp()))


def publish(src: Path, out: Path, key: minisign.SecretKey, now: datetime | None = None) -> Feed:
    """Validate ``src``, write the bundle into ``out`` and sign ``feed.json``."""
    now = now or datetime.now(UTC)
    out.mkdir(parents=True, exist_ok=True)
    publication = Publication(
        sequence=next_sequence(out, now), time=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    comment = f"timestamp:{int(now.timestamp())}\tfile:feed.json\tsequence:{publication.sequence}"

    def sign(data: bytes) -> str:
        return minisign.sign(data, key, comment, "signature from kiosk publish")

    return build_bundle(src, out, publication, sign)


def passphrase_from_env_or_prompt(confirm: bool) -> bytes:
    """``KIOSK_KEY_PASSPHRASE``, else asked on the terminal (twice when ``confirm``)."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        if not value:
            raise KioskError(f"{PASSPHRASE_ENV} is empty")
        return value.encode()
    import getpass

    try:
        first = getpass.getpass("Passphrase of the signing key: ")
        if confirm and getpass.getpass("The same passphrase again: ") != first:
            raise KioskError("the two passphrases differ")
    except EOFError:
        raise KioskError(f"no passphrase: set {PASSPHRASE_ENV} or run in a terminal") from None
    if not first:
        raise KioskError("an empty passphrase; use --unencrypted for a key without one")
    return first.encode()
