"""kiosk.toml: every key read into a frozen Config; every mistake names the file and the key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import _TYPES, MIN_POLL_INTERVAL, Config, load_config
from kiosk.errors import ConfigError

FULL = """\
# /etc/kiosk/kiosk.toml of the lobby screen
feed = "https://www.example-town.fr/kiosk/feed.json"
screen = "hall"
data_dir = "/var/lib/kiosk"
poll_interval = 120
language = "fr"
fullscreen = false
hide_cursor = true
ticker_speed = 90.5
transition = 0
position = [45.899, 6.129]
audio = true
reduced_motion = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), "the message must name the file"
    return message


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    config = load_config(path)
    assert config == Config(
        feed="https://www.example-town.fr/kiosk/feed.json",
        screen="hall",
        data_dir=Path("/var/lib/kiosk"),
        poll_interval=120,
        language="fr",
        fullscreen=False,
        hide_cursor=True,
        ticker_speed=90.5,
        transition=0,
        position=(45.899, 6.129),
        audio=True,
        reduced_motion=True,
        source_file=path,
    )
    assert config.resolved_data_dir() == Path("/var/lib/kiosk")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.screen = "street"  # type: ignore[misc]


def test_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing set yet\n")
    assert load_config(path) == Config(source_file=path)


def test_command_line_overrides_only_what_is_given(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, FULL))
    merged = config.with_overrides(feed="/srv/site", data_dir=None, screen=None)
    assert merged.feed == "/srv/site"
    assert (merged.screen, merged.data_dir) == ("hall", Path("/var/lib/kiosk"))


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    message = load_error(tmp_path, FULL.replace("poll_interval", "poll_intervall"))
    assert "unknown key `poll_intervall` (did you mean `poll_interval`?)" in message
    assert "known keys: feed, screen" in message


def test_unknown_key_with_nothing_close(tmp_path: Path) -> None:
    message = load_error(tmp_path, "volume = 11\n")
    assert "unknown key `volume`;" in message
    assert "did you mean" not in message


def test_a_table_is_an_unknown_key(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[display]\nwidth = 1080\n")
    assert "unknown key `display`" in message


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ('poll_interval = "60"', "poll_interval", "expected int or float"),
        ("poll_interval = true", "poll_interval", "expected int or float"),
        ("fullscreen = 1", "fullscreen", "expected bool"),
        ('fullscreen = "yes"', "fullscreen", "expected bool"),
        ("feed = 42", "feed", "expected str"),
        ('data_dir = ["/var/lib/kiosk"]', "data_dir", "expected str"),
        ('ticker_speed = "fast"', "ticker_speed", "expected int or float"),
        ('audio = "on"', "audio", "expected bool"),
        ("reduced_motion = 1", "reduced_motion", "expected bool"),
        ('reduced_motion = "true"', "reduced_motion", "expected bool"),
    ],
)
def test_wrong_type_names_the_key_and_the_expected_type(
    tmp_path: Path, line: str, key: str, expected: str
) -> None:
    message = load_error(tmp_path, line + "\n")
    assert f"`{key}` = " in message
    assert expected in message


@pytest.mark.parametrize("value", ["0", "5", "9.5", "-60"])
def test_poll_interval_too_small(tmp_path: Path, value: str) -> None:
    message = load_error(tmp_path, f"poll_interval = {value}\n")
    assert f"`poll_interval` must be at least {MIN_POLL_INTERVAL:.0f} seconds" in message


def test_poll_interval_at_the_minimum_is_accepted(tmp_path: Path) -> None:
    assert (
        load_config(write(tmp_path, f"poll_interval = {MIN_POLL_INTERVAL}\n")).poll_interval == 10
    )


@pytest.mark.parametrize("key", ["ticker_speed", "transition"])
def test_negative_speeds_are_refused(tmp_path: Path, key: str) -> None:
    assert f"`{key}` cannot be negative" in load_error(tmp_path, f"{key} = -1\n")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "kiosk.toml"
    with pytest.raises(ConfigError, match="configuration file not found") as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_not_toml(tmp_path: Path) -> None:
    message = load_error(tmp_path, 'feed = "https://unterminated\n')
    assert "not valid TOML" in message
    assert "line 1" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes('screen = "hall d\'entrée"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="cannot read") as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")


def test_cli_reports_a_config_error_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, 'screan = "hall"\n')
    assert main(["sync", "--once", "--config", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"kiosk sync: {path}: unknown key `screan` (did you mean `screen`?); known keys: "
        "feed, screen, data_dir, poll_interval, language, fullscreen, hide_cursor, "
        "ticker_speed, transition, position, trusted_keys, allow_unsigned, geometry, audio, "
        "reduced_motion, " + ", ".join(list(_TYPES)[15:])  # keys added since, in file order
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("[45.9]", "expected [latitude, longitude]"),
        ('["45.9", "6.1"]', "expected [latitude, longitude]"),
        ("[6.1, 245.9]", "longitude"),
        ("[95.0, 6.1]", "latitude must be within"),
        ('"45.9, 6.1"', "expected list"),
    ],
)
def test_a_wrong_position_is_explained(tmp_path: Path, value: str, expected: str) -> None:
    message = load_error(tmp_path, f"position = {value}\n")
    assert "`position`" in message and expected in message


def test_trusted_keys_are_paths_relative_to_the_config_or_key_lines(tmp_path: Path) -> None:
    from kiosk.core import minisign
    from kiosk.io.trust import trust_of

    town, spare = minisign.generate().public_key(), minisign.generate().public_key()
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "town.pub").write_text(town.file_text())
    spare_line = spare.file_text().splitlines()[1]
    path = write(tmp_path, f'trusted_keys = ["keys/town.pub", "{spare_line}"]\n')
    trust = trust_of(load_config(path))
    assert trust.keys == (town, spare)
    assert not trust.allow_unsigned


@pytest.mark.parametrize(
    "text, expected",
    [
        ('trusted_keys = "town.pub"', "expected list"),
        ("trusted_keys = [1]", "expected a list of public keys"),
        ('trusted_keys = ["missing.pub"]', "missing.pub: cannot read"),
        ('trusted_keys = ["RWQnotakey"]', "not base64"),
        ("allow_unsigned = 1", "expected bool"),
    ],
)
def test_bad_trust_settings_are_config_errors(tmp_path: Path, text: str, expected: str) -> None:
    from kiosk.io.trust import trust_of

    path = write(tmp_path, text + "\n")
    with pytest.raises(ConfigError, match=expected):
        trust_of(load_config(path))


def test_the_commented_example_is_a_valid_configuration() -> None:
    from kiosk.io.trust import trust_of

    example = Path(__file__).resolve().parents[1] / "docs" / "kiosk.example.toml"
    config = load_config(example)
    assert config.feed and config.feed.startswith("https://")
    assert len(trust_of(config).keys) == 1 and not config.allow_unsigned


def test_geometry_table(tmp_path: Path) -> None:
    path = write(tmp_path, '[geometry]\npreset = "totem55"\nbottom_mm = 450\n')
    geometry = load_config(path).geometry
    assert geometry is not None and (geometry.name, geometry.bottom_mm) == ("totem55", 450)
    with pytest.raises(ConfigError, match=r"kiosk.toml: unknown key `geometry.bottom`"):
        load_config(write(tmp_path, "[geometry]\nbottom = 450\n"))


def test_maintenance_pin_is_4_to_12_digits_in_quotes(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'maintenance_pin = "0482"\n')).maintenance_pin == "0482"
    assert load_config(write(tmp_path, "")).maintenance_pin is None
    for bad in ('"123"', '"1234567890123"', '"12a4"', '"１２３４"'):
        message = load_error(tmp_path, f"maintenance_pin = {bad}\n")
        assert "`maintenance_pin`" in message and "4 to 12 digits in quotes" in message
    # A number would lose its leading zeros: refused, with the quotes asked for.
    assert "expected str" in load_error(tmp_path, "maintenance_pin = 482916\n")


def test_every_key_is_documented() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    table = (docs / "configuration.md").read_text("utf-8")
    example = (docs / "kiosk.example.toml").read_text("utf-8")
    for key in _TYPES:
        assert f"`{key}`" in table or f"`[{key}]`" in table, f"{key} not in configuration.md"
        assert f"{key} =" in example or f"[{key}]" in example, f"{key} not in the example"
