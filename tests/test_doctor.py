"""``kiosk doctor``: one line per check, FAIL with the fix, exit 1 when something is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from tests.fixtures_feed import (
    TOWN_KEY,
    Publisher,
    publisher_fixture,  # noqa: F401 (the ``publisher`` fixture)
    server_fixture,  # noqa: F401 (the ``server`` fixture)
    sync,
)
from tests.httpserver import TestServer


def doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, str]]:
    status = main(["doctor", *args])
    lines = capsys.readouterr().out.splitlines()
    checks = {}
    for line in lines:
        state, rest = line.split(" ", 1)
        name, text = rest.strip().split(": ", 1)
        checks[name] = f"{state} {text}"
    return status, checks


def test_a_healthy_screen(  # type: ignore[no-untyped-def]
    server: TestServer, publisher: Publisher, tmp_path: Path, capsys
) -> None:
    publisher.publish()
    data = tmp_path / "data"
    sync(publisher.feed_url, data)
    pub = tmp_path / "town.pub"
    pub.write_text(TOWN_KEY.public_key().file_text())
    args = ["--feed", publisher.feed_url, "--data-dir", str(data), "--trust", str(pub)]

    status, checks = doctor(capsys, *args)

    assert status == 0, checks
    assert checks["feed"].startswith("ok") and TOWN_KEY.public_key().id_hex in checks["feed"]
    assert checks["store"].startswith("ok snapshot")
    assert checks["last sync"].startswith("ok good at")

    # The web server is broken into: the feed no longer matches its signature.
    path = publisher.prefix + "feed.json"
    server.serve(path, server.routes[path].body.replace(b"Testville", b"Defaced"))
    status, checks = doctor(capsys, *args)
    assert status == 1
    assert checks["feed"].startswith("FAIL refused") and "does not match" in checks["feed"]
    assert checks["store"].startswith("ok")  # what plays is still the good snapshot


def test_a_server_feed_with_no_trusted_key(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    status, checks = doctor(
        capsys, "--feed", "http://127.0.0.1:9/feed.json", "--data-dir", str(tmp_path)
    )
    assert status == 1
    assert checks["keys"].startswith("FAIL") and "trusted_keys" in checks["keys"]


def test_a_config_error_is_reported(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "kiosk.toml"
    config.write_text('trusted_keys = ["missing.pub"]\n')
    status, checks = doctor(capsys, "--config", str(config), "--data-dir", str(tmp_path))
    assert status == 1
    assert checks["keys"].startswith("FAIL") and "missing.pub" in checks["keys"]


def test_an_unreachable_feed(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pub = tmp_path / "town.pub"
    pub.write_text(TOWN_KEY.public_key().file_text())
    status, checks = doctor(
        capsys,
        "--feed",
        "http://127.0.0.1:9/feed.json",
        "--data-dir",
        str(tmp_path),
        "--trust",
        str(pub),
    )
    assert status == 1
    assert checks["feed"].startswith("FAIL cannot fetch it")


def test_a_signature_that_is_not_text_fails_the_doctor_as_it_fails_the_sync(  # type: ignore[no-untyped-def]
    server: TestServer, publisher: Publisher, tmp_path: Path, capsys
) -> None:
    publisher.publish()
    sig = publisher.prefix + "feed.json.minisig"
    # A comment line in Latin-1 ("é" as one byte): minisign's tools write UTF-8.
    server.serve(sig, server.routes[sig].body.replace(b"untrusted comment:", b"untrusted \xe9:"))
    data = tmp_path / "data"
    pub = tmp_path / "town.pub"
    pub.write_text(TOWN_KEY.public_key().file_text())
    args = ["--feed", publisher.feed_url, "--data-dir", str(data), "--trust", str(pub)]

    status, checks = doctor(capsys, *args)

    assert status == 1
    assert (
        checks["feed"].startswith("FAIL refused")
        and "not a minisign signature (not text)" in (checks["feed"])
    )
    result = sync(publisher.feed_url, data)  # the sync refuses it, in the same words
    assert result.status == "refused" and "not a minisign signature (not text)" in result.message


def test_the_power_check_names_the_backend_whether_it_answers_and_today(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from kiosk.app import snapshot_of
    from kiosk.ops.power import is_raspberry_pi
    from kiosk.resources import demo_site
    from tests.test_power import FakeTools

    data = tmp_path / "data"
    snapshot_of(demo_site(), data)
    tools = FakeTools(tmp_path, names=("xset",))
    for name, value in tools.env.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'screen = "totem-place"\npower_backend = "xset"\ndata_dir = "{data}"\n')

    status, checks = doctor(capsys, "--config", str(config))
    assert status == 0, checks
    assert checks["power"] == (
        "ok xset (kiosk.toml); totem-place (street) today: on 00:00-01:00, "
        "off 01:00-06:00 (night switch-off), on 06:00-24:00"
    )
    assert tools.calls() == ["xset q"]  # asked, nothing switched

    tools.fail.touch()
    status, checks = doctor(capsys, "--config", str(config))
    assert status == 1
    assert checks["power"].startswith("FAIL xset (kiosk.toml): `xset q` exited with status 3")
    assert "power_backend" in checks["power"]

    if Path("/dev/cec0").exists() or is_raspberry_pi():
        return  # "auto" would find a real backend on this machine
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    config.write_text(f'screen = "totem-place"\ndata_dir = "{data}"\n')
    status, checks = doctor(capsys, "--config", str(config))
    assert status == 0, checks  # the black cover works: a warning, not a failure
    assert checks["power"].startswith("warn black (auto): no way to switch the panel off")
    config.write_text(f'screen = "hall-mairie"\ndata_dir = "{data}"\n')
    status, checks = doctor(capsys, "--config", str(config))
    assert checks["power"] == "ok black (auto); hall-mairie (indoor) today: on 00:00-24:00"
