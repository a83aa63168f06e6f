"""minisign's file formats over Ed25519: public keys, secret keys, signatures.

A town signs its published ``feed.json`` and every screen checks the signature against the
public keys its ``kiosk.toml`` trusts, so a compromised web server cannot put anything on the
screens. The formats are minisign's (https://jedisct1.github.io/minisign/), so the standard
``minisign`` tool verifies our signatures and a town may sign with ``minisign`` directly.

Only this thin format layer is ours; Ed25519 is PyCA's ``cryptography`` and BLAKE2b and scrypt
come from ``hashlib``. No maintained Python minisign library existed that also reads
encrypted secret keys.

Formats (all base64 lines after an ``untrusted comment:`` line)::

    public key   "Ed" | key id (8) | Ed25519 public key (32)
    signature    "ED" | key id (8) | Ed25519(BLAKE2b-512(file))   ("Ed": of the file itself)
                 trusted comment: <text>
                 Ed25519(signature (64) | <text>)
    secret key   "Ed" | kdf "Sc" or 0 0 | "B2" | salt (32) | opslimit (8) | memlimit (8)
                 | [key id (8) | secret key (64) | BLAKE2b-256 checksum (32)]
                 the bracket XOR scrypt(passphrase) when the kdf is "Sc"
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

from kiosk.errors import KioskError

SIG_ALG = b"Ed"  # Ed25519 over the message itself (legacy)
SIG_ALG_HASHED = b"ED"  # Ed25519 over BLAKE2b-512 of the message (minisign's default)
KDF_SCRYPT = b"Sc"
KDF_NONE = b"\x00\x00"
CHK_ALG = b"B2"
#: minisign's scrypt parameters (libsodium's "sensitive" limits): about 1 GiB and 5 s.
OPSLIMIT = 33554432
MEMLIMIT = 1073741824
#: Largest signature or key file read; real ones are under 500 bytes.
MAX_FILE_BYTES = 4096
_KEYNUM_SK_LEN = 8 + 64 + 32


class SignatureError(KioskError):
    """A key or signature is malformed, or a signature does not verify."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes
    key: bytes  # 32 bytes, Ed25519
    source: str = field(default="", compare=False)  # where it was read, for messages

    @property
    def id_hex(self) -> str:
        """The key id as minisign prints it."""
        return key_id_hex(self.key_id)

    def file_text(self) -> str:
        line = base64.b64encode(SIG_ALG + self.key_id + self.key).decode()
        return f"untrusted comment: minisign public key {self.id_hex}\n{line}\n"


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # 32 bytes; the Ed25519 secret key is seed | public key

    def public_key(self) -> PublicKey:
        return PublicKey(self.key_id, _public_bytes(self.seed))


@dataclass(frozen=True)
class Signature:
    algorithm: bytes  # SIG_ALG or SIG_ALG_HASHED
    key_id: bytes
    signature: bytes  # 64 bytes
    trusted_comment: str
    global_signature: bytes  # 64 bytes: over signature | trusted comment
    source: str = ""

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)


def key_id_hex(key_id: bytes) -> str:
    return f"{struct.unpack('<Q', key_id)[0]:016X}"


# -- reading -----------------------------------------------------------------------------------


def _lines(text: str, source: str, what: str) -> list[str]:
    if len(text) > MAX_FILE_BYTES:
        raise SignatureError(f"{source}: too large for a minisign {what} ({len(text)} bytes)")
    return [line.rstrip("\r") for line in text.split("\n")]


def _b64(line: str, source: str, what: str, lengths: tuple[int, ...]) -> bytes:
    try:
        raw = base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"{source}: the {what} line is not base64") from None
    if len(raw) not in lengths:
        expected = " or ".join(str(n) for n in lengths)
        raise SignatureError(f"{source}: the {what} is {len(raw)} bytes; expected {expected}")
    return raw


def read_public_key(text: str, source: str = "public key") -> PublicKey:
    """A minisign public key: the file (comment line and key line) or the key line alone."""
    lines = [line for line in _lines(text, source, "public key") if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1:
        raise SignatureError(
            f"{source}: expected a minisign public key (an 'untrusted comment:' line, then "
            "one base64 line starting with RWQ...)"
        )
    raw = _b64(lines[0], source, "public key", (42,))
    if raw[:2] != SIG_ALG:
        raise SignatureError(f"{source}: not an Ed25519 minisign public key")
    return PublicKey(raw[2:10], raw[10:42], source)


def read_signature(text: str, source: str = "signature") -> Signature:
    lines = _lines(text, source, "signature")
    if len(lines) < 4 or not lines[0].startswith("untrusted comment:"):
        raise SignatureError(
            f"{source}: expected a minisign signature: 'untrusted comment:', the signature, "
            "'trusted comment:', the global signature"
        )
    raw = _b64(lines[1], source, "signature", (74,))
    if raw[:2] not in (SIG_ALG, SIG_ALG_HASHED):
        raise SignatureError(f"{source}: unknown signature algorithm {raw[:2]!r}")
    prefix = "trusted comment: "
    if not lines[2].startswith(prefix):
        raise SignatureError(f"{source}: line 3 must start with '{prefix}'")
    global_sig = _b64(lines[3], source, "global signature", (64,))
    return Signature(raw[:2], raw[2:10], raw[10:74], lines[2][len(prefix) :], global_sig, source)


def secret_key_is_encrypted(text: str, source: str = "secret key") -> bool:
    lines = [line for line in _lines(text, source, "secret key") if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if not lines:
        raise SignatureError(f"{source}: no key line")
    return _b64(lines[0], source, "secret key", (158,))[2:4] == KDF_SCRYPT


def read_secret_key(text: str, passphrase: bytes | None, source: str = "secret key") -> SecretKey:
    """Decrypt a minisign secret key. ``passphrase`` is needed when the key is encrypted."""
    lines = [line for line in _lines(text, source, "secret key") if line.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if not lines:
        raise SignatureError(f"{source}: no key line")
    raw = _b64(lines[0], source, "secret key", (158,))
    sig_alg, kdf, chk_alg, salt = raw[0:2], raw[2:4], raw[4:6], raw[6:38]
    opslimit, memlimit = struct.unpack("<QQ", raw[38:54])
    if sig_alg != SIG_ALG or chk_alg != CHK_ALG:
        raise SignatureError(f"{source}: not an Ed25519 minisign secret key")
    keynum_sk = raw[54:]
    if kdf == KDF_SCRYPT:
        if passphrase is None:
            raise SignatureError(f"{source}: the key is encrypted and no passphrase was given")
        stream = _scrypt(passphrase, salt, opslimit, memlimit)
        keynum_sk = bytes(a ^ b for a, b in zip(keynum_sk, stream, strict=True))
    elif kdf != KDF_NONE:
        raise SignatureError(f"{source}: unknown key derivation {kdf!r}")
    key_id, sk, chk = keynum_sk[:8], keynum_sk[8:72], keynum_sk[72:]
    unchecked = kdf == KDF_NONE and chk == bytes(32)  # minisign -W leaves it at zero
    if not unchecked and not hmac.compare_digest(chk, _checksum(key_id, sk)):
        if kdf == KDF_SCRYPT:
            raise SignatureError(f"{source}: wrong passphrase (or a damaged key file)")
        raise SignatureError(f"{source}: the key's checksum does not match (damaged key file)")
    seed = sk[:32]
    if _public_bytes(seed) != sk[32:]:
        raise SignatureError(f"{source}: the secret and public halves do not match")
    return SecretKey(key_id, seed)


# -- writing and signing -----------------------------------------------------------------------


def generate() -> SecretKey:
    return SecretKey(os.urandom(8), os.urandom(32))


def secret_key_text(
    key: SecretKey,
    passphrase: bytes | None,
    opslimit: int = OPSLIMIT,
    memlimit: int = MEMLIMIT,
) -> str:
    """The secret key file; encrypted with scrypt when ``passphrase`` is given."""
    sk = key.seed + _public_bytes(key.seed)
    keynum_sk = key.key_id + sk + _checksum(key.key_id, sk)
    salt = os.urandom(32)
    kdf = KDF_NONE
    if passphrase is not None:
        kdf = KDF_SCRYPT
        stream = _scrypt(passphrase, salt, opslimit, memlimit)
        keynum_sk = bytes(a ^ b for a, b in zip(keynum_sk, stream, strict=True))
    raw = SIG_ALG + kdf + CHK_ALG + salt + struct.pack("<QQ", opslimit, memlimit) + keynum_sk
    state = "encrypted" if passphrase is not None else "unencrypted"
    return f"untrusted comment: minisign {state} secret key\n{base64.b64encode(raw).decode()}\n"


def sign(
    message: bytes,
    key: SecretKey,
    trusted_comment: str,
    untrusted_comment: str = "signature from kiosk secret key",
) -> str:
    """A ``.minisig`` file for ``message`` (prehashed, as minisign signs by default)."""
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise SignatureError("a trusted comment is one line")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.from_private_bytes(key.seed)
    signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
    global_sig = private.sign(signature + trusted_comment.encode())
    line = base64.b64encode(SIG_ALG_HASHED + key.key_id + signature).decode()
    return (
        f"untrusted comment: {untrusted_comment}\n{line}\n"
        f"trusted comment: {trusted_comment}\n{base64.b64encode(global_sig).decode()}\n"
    )


# -- verifying ---------------------------------------------------------------------------------


def verify(message: bytes, signature: Signature, keys: Sequence[PublicKey]) -> PublicKey:
    """The trusted key that signed ``message``; SignatureError naming what failed otherwise.

    Both the signature of the message and the global signature (which covers the trusted
    comment) must verify with the key whose id the signature names.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = next((k for k in keys if k.key_id == signature.key_id), None)
    if key is None:
        trusted = ", ".join(k.id_hex for k in keys) or "none"
        raise SignatureError(
            f"{signature.source}: signed with key {signature.key_id_hex}, which this screen "
            f"does not trust (trusted keys: {trusted})"
        )
    public = Ed25519PublicKey.from_public_bytes(key.key)
    signed = message
    if signature.algorithm == SIG_ALG_HASHED:
        signed = hashlib.blake2b(message, digest_size=64).digest()
    try:
        public.verify(signature.signature, signed)
    except InvalidSignature:
        raise SignatureError(
            f"{signature.source}: the signature does not match the file (altered after "
            f"signing, or signed by another key with the same id {key.id_hex})"
        ) from None
    try:
        public.verify(signature.global_signature, signature.signature + _comment(signature))
    except InvalidSignature:
        raise SignatureError(f"{signature.source}: the trusted comment was altered") from None
    return key


def _comment(signature: Signature) -> bytes:
    return signature.trusted_comment.encode()


# -- helpers -----------------------------------------------------------------------------------


def _public_bytes(seed: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _checksum(key_id: bytes, sk: bytes) -> bytes:
    return hashlib.blake2b(SIG_ALG + key_id + sk, digest_size=32).digest()


def scrypt_parameters(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """(N, r, p) as libsodium derives them from its limits (crypto_pwhash_scryptsalsa208sha256)."""
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
        n_log2 += 1
    if opslimit >= memlimit // 32:
        max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max_rp // r
    return 1 << n_log2, r, p


def _scrypt(passphrase: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    n, r, p = scrypt_parameters(opslimit, memlimit)
    if n * r * p > 1 << 31 or p < 1:
        raise SignatureError(f"unreasonable scrypt parameters in the key (N={n}, r={r}, p={p})")
    maxmem = 128 * r * n * p + 128 * r * p + 256 * r + (1 << 20)
    try:
        return hashlib.scrypt(
            passphrase, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=_KEYNUM_SK_LEN
        )
    except (ValueError, MemoryError) as exc:
        raise SignatureError(f"cannot derive the key from the passphrase: {exc}") from None
