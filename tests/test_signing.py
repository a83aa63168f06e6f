"""Signed feeds: minisign's formats, interoperability with the real ``minisign`` tool, and
screens that refuse what the town did not sign.

The attacks are played against a real HTTP server on 127.0.0.1 serving a bundle published by
``kiosk publish``'s code: unsigned, signed by another key, altered after signing, altered
media, an old signed feed replayed. Each is refused and the previous snapshot stays current.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import minisign
from kiosk.io.store import Store
from kiosk.io.trust import Trust
from tests.fixtures_feed import (
    FIXED_NOW,
    SITE_FEED,
    SITE_MEDIA,
    TOWN_KEY,
    Publisher,
    jpeg_bytes,
    publisher_fixture,  # noqa: F401 (the ``publisher`` fixture)
    server_fixture,  # noqa: F401 (the ``server`` fixture)
    sync,
    write_site,
)
from tests.httpserver import TestServer

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(
    MINISIGN is None,
    reason="the minisign tool is not installed (scripts/setup.sh installs it when run as root)",
)

#: A screen configured the way a town's screens are: the town's key, nothing unsigned.
SCREEN = Trust(keys=(TOWN_KEY.public_key(),))
OTHER_KEY = minisign.generate()


# -- the format ------------------------------------------------------------------------------


def test_a_signature_verifies_and_names_its_key() -> None:
    text = minisign.sign(b"feed", TOWN_KEY, "timestamp:1\tfile:feed.json")
    signature = minisign.read_signature(text, "feed.json.minisig")
    assert signature.algorithm == b"ED"  # prehashed, minisign's default
    assert signature.trusted_comment == "timestamp:1\tfile:feed.json"
    assert minisign.verify(b"feed", signature, [OTHER_KEY.public_key(), TOWN_KEY.public_key()])


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda m, lines: (m + b" ", lines), "does not match the file"),
        (lambda m, lines: (m, [lines[0], lines[1], "trusted comment: other", lines[3]]), "altered"),
    ],
    ids=["message", "trusted-comment"],
)
def test_any_change_breaks_the_signature(change, expected) -> None:  # type: ignore[no-untyped-def]
    lines = minisign.sign(b"feed", TOWN_KEY, "sequence:5").splitlines()
    message, lines = change(b"feed", lines)
    signature = minisign.read_signature("\n".join(lines), "f.minisig")
    with pytest.raises(minisign.SignatureError, match=expected):
        minisign.verify(message, signature, [TOWN_KEY.public_key()])


def test_a_signature_by_an_untrusted_key_names_both_keys() -> None:
    signature = minisign.read_signature(minisign.sign(b"feed", OTHER_KEY, "c"), "f.minisig")
    with pytest.raises(minisign.SignatureError) as info:
        minisign.verify(b"feed", signature, [TOWN_KEY.public_key()])
    assert OTHER_KEY.public_key().id_hex in str(info.value)
    assert TOWN_KEY.public_key().id_hex in str(info.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "expected a minisign signature"),
        ("untrusted comment: x\nnot base64!\ntrusted comment: c\nAAAA\n", "not base64"),
        ("untrusted comment: x\nRWQAAAA=\ntrusted comment: c\nAAAA\n", "bytes; expected 74"),
        ("untrusted comment: x\n" + "A" * 5000, "too large"),
    ],
)
def test_malformed_signatures_say_what_is_wrong(text: str, expected: str) -> None:
    with pytest.raises(minisign.SignatureError, match=expected) as info:
        minisign.read_signature(text, "site/feed.json.minisig")
    assert str(info.value).startswith("site/feed.json.minisig: ")


def test_libsodium_scrypt_parameters() -> None:
    # minisign's (libsodium's "sensitive") limits, and libsodium's "interactive" ones.
    assert minisign.scrypt_parameters(33554432, 1073741824) == (1 << 20, 8, 1)
    assert minisign.scrypt_parameters(524288, 16777216) == (1 << 14, 8, 1)


def test_an_encrypted_key_needs_its_passphrase() -> None:
    key = minisign.generate()
    text = minisign.secret_key_text(key, b"correct horse", opslimit=524288, memlimit=16777216)
    assert minisign.secret_key_is_encrypted(text)
    assert minisign.read_secret_key(text, b"correct horse") == key
    with pytest.raises(minisign.SignatureError, match="wrong passphrase"):
        minisign.read_secret_key(text, b"wrong")
    with pytest.raises(minisign.SignatureError, match="no passphrase"):
        minisign.read_secret_key(text, None)


# -- interoperability with the minisign tool -----------------------------------------------


def run_minisign(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert MINISIGN is not None
    return subprocess.run(
        [MINISIGN, *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def flip_one_byte(path: Path, offset: int = 200) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@needs_minisign
def test_minisign_verifies_what_kiosk_publish_signs(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    assert main(["keygen", "--out", str(tmp_path / "town"), "--unencrypted"]) == 0
    out = tmp_path / "bundle"
    key = str(tmp_path / "town.key")
    assert main(["publish", str(site), "--key", key, "--out", str(out)]) == 0
    pub = str(tmp_path / "town.pub")

    checked = run_minisign("-V", "-p", pub, "-m", str(out / "feed.json"))
    assert checked.returncode == 0, checked.stderr
    assert "sequence:" in checked.stdout  # our trusted comment, as minisign shows it

    flip_one_byte(out / "feed.json")
    assert run_minisign("-V", "-p", pub, "-m", str(out / "feed.json")).returncode != 0
    trust = Trust(keys=(minisign.read_public_key((tmp_path / "town.pub").read_text()),))
    result = sync(str(out / "feed.json"), tmp_path / "data", trust=trust)
    assert result.status == "refused" and "does not match" in result.message


@needs_minisign
def test_kiosk_verifies_what_minisign_signs(tmp_path: Path) -> None:
    keys = run_minisign("-G", "-W", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key"))
    assert keys.returncode == 0, keys.stderr
    file = tmp_path / "feed.json"
    file.write_bytes(b'{"version": 1}' * 40)
    assert run_minisign("-S", "-s", str(tmp_path / "m.key"), "-m", str(file)).returncode == 0
    public = minisign.read_public_key((tmp_path / "m.pub").read_text(), "m.pub")
    signature = minisign.read_signature((tmp_path / "feed.json.minisig").read_text(), "sig")
    assert minisign.verify(file.read_bytes(), signature, [public]) == public

    flip_one_byte(file, 100)
    with pytest.raises(minisign.SignatureError, match="does not match"):
        minisign.verify(file.read_bytes(), signature, [public])
    assert run_minisign("-V", "-p", str(tmp_path / "m.pub"), "-m", str(file)).returncode != 0


def _publish_verified_by_minisign(tmp_path: Path, key: str) -> bool:
    """kiosk publish with ``<key>.key`` (minisign's own), then minisign verifies the bundle
    with ``<key>.pub``."""
    site = write_site(tmp_path / "site")
    out = tmp_path / "bundle"
    secret, public = str(tmp_path / f"{key}.key"), str(tmp_path / f"{key}.pub")
    assert main(["publish", str(site), "--key", secret, "--out", str(out)]) == 0
    return run_minisign("-V", "-p", public, "-m", str(out / "feed.json")).returncode == 0


@needs_minisign
def test_a_town_can_publish_with_its_minisign_key_and_sign_with_ours(tmp_path: Path) -> None:
    # minisign's unencrypted key drives kiosk publish ...
    run_minisign("-G", "-W", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key"))
    assert _publish_verified_by_minisign(tmp_path, "m")
    # ... and minisign signs with a key kiosk keygen made.
    assert main(["keygen", "--out", str(tmp_path / "k"), "--unencrypted"]) == 0
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    assert run_minisign("-S", "-s", str(tmp_path / "k.key"), "-m", str(file)).returncode == 0
    assert run_minisign("-V", "-p", str(tmp_path / "k.pub"), "-m", str(file)).returncode == 0


@needs_minisign
def test_encrypted_keys_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """minisign's real scrypt parameters (about 1 GiB and a few seconds per use)."""
    monkeypatch.setenv("KIOSK_KEY_PASSPHRASE", "le beffroi de 1892")
    assert main(["keygen", "--out", str(tmp_path / "k")]) == 0
    assert "encrypted secret key" in (tmp_path / "k.key").read_text()
    assert (tmp_path / "k.key").stat().st_mode & 0o077 == 0
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    signed = run_minisign(
        "-S", "-s", str(tmp_path / "k.key"), "-m", str(file), stdin="le beffroi de 1892\n"
    )
    assert signed.returncode == 0, signed.stderr
    assert run_minisign("-V", "-p", str(tmp_path / "k.pub"), "-m", str(file)).returncode == 0

    made = run_minisign(
        "-G",
        "-p",
        str(tmp_path / "m.pub"),
        "-s",
        str(tmp_path / "m.key"),
        stdin="le beffroi de 1892\nle beffroi de 1892\n",
    )
    assert made.returncode == 0, made.stderr
    assert _publish_verified_by_minisign(tmp_path, "m")

    monkeypatch.setenv("KIOSK_KEY_PASSPHRASE", "wrong")
    site, out = tmp_path / "site", tmp_path / "again"
    assert main(["publish", str(site), "--key", str(tmp_path / "m.key"), "--out", str(out)]) == 1


# -- the screen side, against a real HTTP server -------------------------------------------


V2 = SITE_FEED.replace("Testville", "Testville-le-Haut")


def _unsigned(server: TestServer, publisher: Publisher) -> str:
    publisher.publish(V2)
    del server.routes[publisher.prefix + "feed.json.minisig"]
    return "no signature"


def _wrong_key(server: TestServer, publisher: Publisher) -> str:
    publisher.publish(V2)
    path = publisher.prefix + "feed.json"
    signature = minisign.sign(server.routes[path].body, OTHER_KEY, "c").encode()
    server.serve(path + ".minisig", signature)
    return "does not trust"


def _tampered_feed(server: TestServer, publisher: Publisher) -> str:
    publisher.publish(V2)
    path = publisher.prefix + "feed.json"
    body = server.routes[path].body.replace(b"Testville-le-Haut", b"Hacked-ville")
    server.serve(path, body)
    return "does not match the file"


def _tampered_media(server: TestServer, publisher: Publisher) -> str:
    published = publisher.publish(V2, {**SITE_MEDIA, "media/photo.jpg": jpeg_bytes(b"new photo")})
    server.serve(published.media_path("media/photo.jpg"), jpeg_bytes(b"bad photo"))
    return "sha256"


def _same_number_other_content(server: TestServer, publisher: Publisher) -> str:
    path = publisher.prefix + "feed.json"
    body = json.loads(server.routes[path].body)  # the feed on screen, with its number
    body["site"]["name"] = "Hacked-ville"
    data = json.dumps(body).encode()
    server.serve(path, data)
    server.serve(path + ".minisig", minisign.sign(data, TOWN_KEY, "c").encode())
    return "replay"


ATTACKS = {
    "unsigned": _unsigned,
    "wrong-key": _wrong_key,
    "tampered-feed": _tampered_feed,
    "tampered-media": _tampered_media,
    "same-number-other-content": _same_number_other_content,
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_feed_the_town_did_not_sign_is_refused(  # type: ignore[no-untyped-def]
    server: TestServer, publisher: Publisher, tmp_path: Path, attack
) -> None:
    publisher.publish()
    good = sync(publisher.feed_url, tmp_path / "data", trust=SCREEN)
    assert good.status == "new" and good.snapshot is not None
    assert "signed by key" in good.message

    phrase = attack(server, publisher)
    result = sync(publisher.feed_url, tmp_path / "data", trust=SCREEN)

    assert result.status == "refused" and phrase in result.message, result.message
    assert Store(tmp_path / "data").current().id == good.snapshot.id  # type: ignore[union-attr]
    assert result.snapshot is not None and result.snapshot.feed.site.name == "Testville"


def test_an_old_signed_feed_replayed_is_refused(
    server: TestServer, publisher: Publisher, tmp_path: Path
) -> None:
    old = publisher.publish()
    old_routes = {p: r for p, r in server.routes.items() if p.startswith(publisher.prefix)}
    publisher.publish(V2)
    newer = sync(publisher.feed_url, tmp_path / "data", trust=SCREEN)
    assert newer.status == "new"

    server.routes.update(old_routes)  # the attacker serves the old, genuinely signed feed
    result = sync(publisher.feed_url, tmp_path / "data", trust=SCREEN)

    assert result.status == "refused"
    assert "replay" in result.message and str(old.feed.publication.sequence) in result.message  # type: ignore[union-attr]
    assert Store(tmp_path / "data").current().feed.site.name == "Testville-le-Haut"  # type: ignore[union-attr]


def test_key_rotation_two_trusted_keys(
    server: TestServer, publisher: Publisher, tmp_path: Path
) -> None:
    rotating = Trust(keys=(TOWN_KEY.public_key(), OTHER_KEY.public_key()))
    publisher.publish()
    assert sync(publisher.feed_url, tmp_path / "data", trust=rotating).status == "new"
    publisher.publish(V2)  # the town now signs with its new key
    path = publisher.prefix + "feed.json"
    server.serve(
        path + ".minisig", minisign.sign(server.routes[path].body, OTHER_KEY, "c").encode()
    )
    result = sync(publisher.feed_url, tmp_path / "data", trust=rotating)
    assert result.status == "new" and OTHER_KEY.public_key().id_hex in result.message


def test_without_a_key_a_screen_plays_no_remote_feed(publisher: Publisher, tmp_path: Path) -> None:
    publisher.publish()
    result = sync(publisher.feed_url, tmp_path / "data", trust=Trust(allow_unsigned=True))
    assert result.status == "refused" and "trusts no signing key" in result.message
    assert Store(tmp_path / "data").current() is None


def test_local_feeds_unsigned_only_where_the_config_allows(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    refused = sync(str(site), tmp_path / "a", trust=SCREEN)
    assert refused.status == "refused" and "no signature" in refused.message
    allowed = Trust(keys=SCREEN.keys, allow_unsigned=True)
    played = sync(str(site), tmp_path / "b", trust=allowed)
    assert played.status == "new" and "unsigned (local)" in played.message


def test_cli_sync_trusts_the_key_given_with_trust(
    server: TestServer, publisher: Publisher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publisher.publish()
    pub = tmp_path / "town.pub"
    pub.write_text(TOWN_KEY.public_key().file_text())
    args = ["sync", "--once", "--feed", publisher.feed_url, "--data-dir", str(tmp_path / "d")]
    assert main(args) == 1
    assert "trusts no signing key" in capsys.readouterr().out
    assert main([*args, "--trust", str(pub)]) == 0
    assert f"signed by key {TOWN_KEY.public_key().id_hex}" in capsys.readouterr().out


# -- kiosk keygen and kiosk publish --------------------------------------------------------


def test_keygen_never_overwrites_a_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keygen", "--out", str(tmp_path / "town"), "--unencrypted"]) == 0
    first = (tmp_path / "town.key").read_text()
    assert main(["keygen", "--out", str(tmp_path / "town"), "--unencrypted"]) == 1
    assert "exists" in capsys.readouterr().err
    assert (tmp_path / "town.key").read_text() == first


def test_publish_numbers_grow_and_files_are_world_readable(tmp_path: Path) -> None:
    from kiosk.publish.signing import publish

    site = write_site(tmp_path / "site")
    out = tmp_path / "bundle"
    first = publish(site, out, TOWN_KEY, FIXED_NOW)
    second = publish(site, out, TOWN_KEY, FIXED_NOW)  # same second: still a newer number
    assert first.publication is not None and second.publication is not None
    assert first.publication.sequence == int(FIXED_NOW.timestamp())
    assert second.publication.sequence == first.publication.sequence + 1
    assert second.publication.time == "2026-11-20T08:00:00Z"
    for file in [out / "feed.json", out / "feed.json.minisig", *(out / "media").iterdir()]:
        assert file.stat().st_mode & 0o444 == 0o444, file


def test_publish_refuses_an_invalid_feed_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site", SITE_FEED.replace("id: photo", "id: 'no spaces allowed'"))
    key = tmp_path / "k.key"
    key.write_text(minisign.secret_key_text(TOWN_KEY, None))
    out = tmp_path / "bundle"
    assert main(["publish", str(site), "--key", str(key), "--out", str(out)]) == 1
    assert "not published" in capsys.readouterr().out
    assert not (out / "feed.json").exists()


def test_validate_and_publish_check_media_by_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures_feed import POSTER

    site = write_site(tmp_path / "site", media={**SITE_MEDIA, "media/photo.jpg": POSTER})
    assert main(["validate", str(site)]) == 1
    out = capsys.readouterr().out
    assert "media/photo.jpg" in out and "PNG" in out and "rename it" in out

    key = tmp_path / "k.key"
    key.write_text(minisign.secret_key_text(TOWN_KEY, None))
    out_dir = tmp_path / "bundle"
    assert main(["publish", str(site), "--key", str(key), "--out", str(out_dir)]) == 1
    assert "rename it" in capsys.readouterr().out
    assert not (out_dir / "feed.json").exists()
