"""Display power: the schedule (street night switch-off, opening hours, both DST days,
alerts), and the backends' real command lines, run as real subprocesses against fake
executables first in PATH that record their arguments."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import load_config
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.power import day_plan, describe_day, power_state
from kiosk.core.validate import validate
from kiosk.errors import ConfigError
from kiosk.ops.power import (
    BLACK,
    PowerSwitch,
    backend_named,
    check_backend,
    choose_backend,
)

PARIS = ZoneInfo("Europe/Paris")

FEED = """\
version: 1
site: {name: Valmorin}
screens:
  - {name: totem, placement: street}
  - {name: hall}
  - name: gare
    placement: street
    power:
      on:
        - {weekdays: [mon, tue, wed, thu, fri], hours: ["07:00-22:00"]}
        - {weekdays: [sat], hours: ["09:00-02:00"]}
  - {name: fete, placement: street, power: {night_off: false}}
  - {name: mairie, power: {night_off: true}}
  - name: noel
    power:
      on: [{from: 2026-12-01, until: 2026-12-24, hours: ["02:30-08:00"]}]
  - {name: printemps, power: {on: [{hours: ["02:30-08:00"]}]}}
"""


def feed(text: str = FEED):
    parsed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"))
    assert parsed is not None, [str(p) for p in problems]
    return parsed


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- the schedule --------------------------------------------------------------------------


def test_a_street_screen_is_off_from_1_to_6_by_default_and_says_when_it_changes():
    f = feed()
    before = power_state(f, "totem", paris(2026, 11, 24, 0, 59))
    assert (before.on, before.reason) == (True, "always")
    assert before.until == paris(2026, 11, 24, 1, 0)
    night = power_state(f, "totem", paris(2026, 11, 24, 1, 0))
    assert (night.on, night.reason) == (False, "night")
    assert night.until == paris(2026, 11, 24, 6, 0)
    assert power_state(f, "totem", paris(2026, 11, 24, 5, 59)).on is False
    assert power_state(f, "totem", paris(2026, 11, 24, 6, 0)).on is True


def test_an_indoor_screen_has_no_switch_off_unless_asked_and_a_street_one_may_opt_out():
    f = feed()
    hall = power_state(f, "hall", paris(2026, 11, 24, 3, 0))
    assert (hall.on, hall.reason, hall.until) == (True, "always", None)  # no timer at all
    assert power_state(f, "fete", paris(2026, 11, 24, 3, 0)).on is True
    assert power_state(f, "mairie", paris(2026, 11, 24, 3, 0)).reason == "night"
    # Undeclared screens and no screen name are always on: content rather than black.
    assert power_state(f, "unknown", paris(2026, 11, 24, 3, 0)).on is True
    assert power_state(f, None, paris(2026, 11, 24, 3, 0)).on is True
    assert power_state(None, "totem", paris(2026, 11, 24, 3, 0)).on is True


def test_the_night_on_both_dst_days_lasts_the_wall_clock_hours():
    f = feed()
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST; the night is 4 real hours.
    spring = power_state(f, "totem", paris(2026, 3, 29, 1, 0))
    assert spring.on is False and spring.until == utc(2026, 3, 29, 4, 0)  # 06:00 CEST
    assert power_state(f, "totem", utc(2026, 3, 29, 0, 0)).on is False  # 01:00 CET
    assert power_state(f, "totem", utc(2026, 3, 28, 23, 59)).until == utc(2026, 3, 29, 0, 0)
    # 25 October 2026: 03:00 CEST falls back to 02:00 CET; the night is 6 real hours.
    autumn = power_state(f, "totem", utc(2026, 10, 24, 23, 0))  # 01:00 CEST
    assert autumn.on is False and autumn.until == utc(2026, 10, 25, 5, 0)  # 06:00 CET
    assert power_state(f, "totem", utc(2026, 10, 25, 1, 30)).on is False  # 02:30 CET, again
    assert describe_day(day_plan(f, "totem", date(2026, 10, 25)), PARIS) == (
        "on 00:00-01:00, off 01:00-06:00 (night switch-off), on 06:00-24:00"
    )


def test_a_window_starting_in_the_spring_gap_starts_when_the_clock_jumps():
    f = feed()
    # 02:30 does not exist on 29 March: the window opens at 03:00 CEST (01:00 UTC).
    before = power_state(f, "printemps", utc(2026, 3, 29, 0, 59))  # 01:59 CET
    assert before.on is False and before.until == utc(2026, 3, 29, 1, 0)
    assert power_state(f, "printemps", utc(2026, 3, 29, 1, 0)).on is True
    # In autumn, 02:30 comes twice: the window opens at the first.
    assert power_state(f, "printemps", utc(2026, 10, 25, 0, 30)).on is True  # 02:30 CEST


def test_opening_hours_an_overnight_window_and_the_night_rule_together():
    f = feed()
    # Monday off at 22:00; the reason changes at 01:00 and 06:00, on again at 07:00.
    assert power_state(f, "gare", paris(2026, 11, 23, 21, 59)).until == paris(2026, 11, 23, 22)
    evening = power_state(f, "gare", paris(2026, 11, 23, 22, 0))
    assert (evening.on, evening.reason) == (False, "schedule")
    assert evening.until == paris(2026, 11, 24, 1, 0)
    assert power_state(f, "gare", paris(2026, 11, 24, 6, 0)).until == paris(2026, 11, 24, 7, 0)
    # Saturday's window runs overnight: Sunday 00:30 is on, until the night switch-off.
    sunday = power_state(f, "gare", paris(2026, 11, 29, 0, 30))
    assert sunday.on is True and sunday.until == paris(2026, 11, 29, 1, 0)
    # The night outranks the window; at 06:00 only the reason changes (closed on Sundays).
    assert power_state(f, "gare", paris(2026, 11, 29, 1, 30)).until == paris(2026, 11, 29, 6, 0)
    assert power_state(f, "gare", paris(2026, 11, 29, 6, 0)).reason == "schedule"
    # Saturday 00:30 belongs to Friday, which has no overnight window.
    assert power_state(f, "gare", paris(2026, 11, 28, 0, 30)).on is False
    assert power_state(f, "gare", paris(2026, 11, 28, 8, 0)).until == paris(2026, 11, 28, 9, 0)


def test_a_dated_window_is_off_before_it_and_after_it_for_good():
    f = feed()
    early = power_state(f, "noel", paris(2026, 11, 24, 12, 0))
    assert early.on is False and early.until == paris(2026, 12, 1, 2, 30)
    after = power_state(f, "noel", paris(2026, 12, 25, 3, 0))
    assert after.on is False and after.until is None  # nothing more will ever change


def test_an_alert_wakes_the_screen_and_the_schedule_applies_again_after():
    f = feed()
    woken = power_state(f, "totem", paris(2026, 11, 24, 3, 0), alert=True)
    assert (woken.on, woken.reason, woken.until) == (True, "alert", paris(2026, 11, 24, 6, 0))
    day = power_state(f, "totem", paris(2026, 11, 24, 12, 0), alert=True)
    assert (day.on, day.reason) == (True, "always")  # it changed nothing
    assert power_state(f, "totem", paris(2026, 11, 24, 3, 0)).on is False


def test_a_street_screen_lit_all_night_is_a_warning():
    parsed, problems = validate(parse_feed_bytes(FEED.encode(), "feed.yaml"))
    assert parsed is not None
    [warning] = [p for p in problems if "night_off" in p.path]
    assert warning.warning and warning.path == "screens[3].power.night_off"
    assert "'fete' stays lit from 01:00 to 06:00" in warning.message


def test_bad_power_fields_are_errors_at_their_place():
    text = FEED + (
        "  - {name: a, placement: outdoor}\n"
        "  - {name: b, power: {on: []}}\n"
        '  - {name: c, power: {on: [{hours: ["25:00-06:00"]}]}}\n'
        '  - {name: d, power: {off: [{hours: ["01:00-06:00"]}]}}\n'
    )
    parsed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"))
    assert parsed is None
    found = {p.path: p.message for p in problems}
    assert "expected one of: street, indoor" in found["screens[7].placement"]
    assert "too short" in found["screens[8].power.on"]
    assert "25:00 is not a time of day" in found["screens[9].power.on[0].hours[0]"]
    assert "off" in found["screens[10].power.off"]


# -- the backends --------------------------------------------------------------------------

RECORDER = """\
#!/bin/sh
printf '%s' "$(basename "$0")" >> "$POWER_LOG"
for arg in "$@"; do printf ' %s' "$arg" >> "$POWER_LOG"; done
echo >> "$POWER_LOG"
if [ "$(basename "$0")" = wlr-randr ] && [ $# -eq 0 ]; then
  printf 'HDMI-A-1 "Dell Inc. P2419H"\\n  Enabled: yes\\n'
fi
if [ -e "$POWER_FAIL" ]; then echo "no answer from the TV" >&2; exit 3; fi
if [ -e "$POWER_HANG" ]; then sleep 30; fi
"""


class FakeTools:
    """wlr-randr, cec-ctl, vcgencmd, xset as scripts that log their argv."""

    def __init__(self, tmp_path: Path, names=("wlr-randr", "cec-ctl", "vcgencmd", "xset")):
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.fail = tmp_path / "fail"
        self.hang = tmp_path / "hang"
        for name in names:
            script = self.bin / name
            script.write_text(RECORDER)
            script.chmod(0o755)
        self.env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "POWER_LOG": str(self.log),
            "POWER_FAIL": str(self.fail),
            "POWER_HANG": str(self.hang),
        }

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.mark.parametrize(
    ("name", "output", "off", "on"),
    [
        (
            "wlr-randr",
            "HDMI-A-2",
            "wlr-randr --output HDMI-A-2 --off",
            "wlr-randr --output HDMI-A-2 --on",
        ),
        (
            "cec",
            None,
            "cec-ctl -d /dev/cec0 --playback --to 0 --standby",
            "cec-ctl -d /dev/cec0 --playback --to 0 --image-view-on",
        ),
        ("vcgencmd", None, "vcgencmd display_power 0", "vcgencmd display_power 1"),
        ("vcgencmd", "7", "vcgencmd display_power 0 7", "vcgencmd display_power 1 7"),
        ("xset", None, "xset dpms force off", "xset dpms force on"),
    ],
)
def test_each_backend_runs_its_real_command_line(tmp_path, name, output, off, on):
    tools = FakeTools(tmp_path)
    switch = PowerSwitch(backend_named(name, output), env=tools.env)
    assert switch.switch(False).backend == name
    assert switch.switch(True).backend == name
    assert tools.calls() == [off, on]


def test_wlr_randr_without_an_output_asks_for_the_first_one(tmp_path):
    tools = FakeTools(tmp_path)
    switch = PowerSwitch(backend_named("wlr-randr"), env=tools.env)
    switch.switch(False)
    switch.switch(True)
    assert tools.calls() == [
        "wlr-randr",
        "wlr-randr --output HDMI-A-1 --off",
        "wlr-randr --output HDMI-A-1 --on",
    ]


def test_a_failing_command_falls_back_to_black_logged_once_and_recovers(tmp_path, caplog):
    tools = FakeTools(tmp_path)
    tools.fail.touch()
    switch = PowerSwitch(backend_named("xset"), env=tools.env)
    caplog.set_level(logging.INFO, logger="kiosk.ops.power")
    results = [switch.switch(on) for on in (False, True, False)]
    assert [r.backend for r in results] == ["black"] * 3
    assert "exited with status 3: no answer from the TV" in (results[0].error or "")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "shows black instead" in warnings[0].getMessage()
    assert len(tools.calls()) == 3  # tried each time: a TV unplugged comes back
    tools.fail.unlink()
    assert switch.switch(True).backend == "xset"
    assert any("works again" in r.getMessage() for r in caplog.records)


def test_a_hung_command_is_killed_with_its_children_at_the_timeout(tmp_path):
    tools = FakeTools(tmp_path)
    tools.hang.touch()
    switch = PowerSwitch(backend_named("cec"), env=tools.env, timeout=0.5)
    result = switch.switch(False)  # the shell's `sleep 30` child holds the pipe: killed too
    assert result.backend == "black"
    assert result.error == (
        "`cec-ctl -d /dev/cec0 --playback --to 0 --standby` took more than 0.5 s"
    )


def test_the_backend_may_be_chosen_at_the_first_switch(tmp_path):
    tools = FakeTools(tmp_path)
    chosen = []

    def choose():
        chosen.append(1)
        return backend_named("xset")

    switch = PowerSwitch(choose, env=tools.env)
    assert switch.name == "auto" and chosen == []
    assert switch.switch(False).backend == "xset"
    switch.switch(True)
    assert switch.name == "xset" and chosen == [1]
    assert tools.calls() == ["xset dpms force off", "xset dpms force on"]


def test_a_missing_command_means_black(tmp_path):
    switch = PowerSwitch(backend_named("vcgencmd"), env={"PATH": str(tmp_path)})
    result = switch.switch(False)
    assert (result.backend, result.error) == ("black", "vcgencmd is not installed")
    assert PowerSwitch(BLACK).switch(False).backend == "black"


def test_automatic_choice_by_what_is_here(tmp_path):
    tools = FakeTools(tmp_path)
    path = {"PATH": str(tools.bin)}
    no_pi = tmp_path / "no-model"
    pi = tmp_path / "model"
    pi.write_text("Raspberry Pi 4 Model B Rev 1.5\x00")
    cec = tmp_path / "cec0"
    cec.touch()
    wayland = {**path, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert choose_backend(env=wayland, model_file=pi).name == "wlr-randr"
    chosen = choose_backend(output=str(cec), env=path, model_file=pi)
    assert (chosen.name, chosen.off[2]) == ("cec", str(cec))
    assert choose_backend(env=path, model_file=pi).name == "vcgencmd"  # no /dev/cec0 here
    assert choose_backend(env={**path, "DISPLAY": ":0"}, model_file=no_pi).name == "xset"
    assert choose_backend(env=path, model_file=no_pi) is BLACK
    # Wayland without wlr-randr installed: the next that applies.
    assert choose_backend(env={"WAYLAND_DISPLAY": "w", "PATH": ""}, model_file=pi) is BLACK
    # kiosk.toml wins over what is found.
    assert choose_backend("xset", env=wayland, model_file=pi).name == "xset"


def test_check_backend_says_whether_the_command_answers(tmp_path):
    tools = FakeTools(tmp_path, names=("xset",))
    assert check_backend(backend_named("xset"), tools.env) is None
    assert tools.calls() == ["xset q"]
    assert check_backend(backend_named("cec"), tools.env) == "cec-ctl is not installed"
    tools.fail.touch()
    assert "exited with status 3" in (check_backend(backend_named("xset"), tools.env) or "")
    assert check_backend(BLACK) is None


def test_power_keys_of_kiosk_toml(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('power_backend = "cec"\npower_output = "/dev/cec1"\n')
    config = load_config(path)
    assert (config.power_backend, config.power_output) == ("cec", "/dev/cec1")
    path.write_text('power_backend = "dpms"\n')
    with pytest.raises(ConfigError, match=r"kiosk.toml: `power_backend` = 'dpms'; expected one"):
        load_config(path)
    path.write_text('screen = "totem"\n')
    assert (load_config(path).power_backend, load_config(path).power_output) == ("auto", None)
