"""``kiosk doctor``'s display, speech and clock checks: each situation a town's IT person
meets, with the line and the fix it prints. Real files and real subprocesses (scripts that
answer as spd-say and timedatectl do), pointed at by :class:`Device`."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.ops.clock import save_last_good, timesync_synchronized
from kiosk.ops.device_checks import Device, check_clock, check_display, check_speech
from kiosk.ops.doctor import Report


def display(env: dict[str, str], dev: Path) -> tuple[str, str]:
    report = Report()
    check_display(report, Device(env=env, dev=dev))
    [(status, name, text)] = report.lines
    assert name == "display"
    return status, text


def script(folder: Path, name: str, body: str) -> str:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# -- display ----------------------------------------------------------------------------------


def test_a_console_with_a_drm_device_is_ready_for_eglfs(tmp_path):
    (tmp_path / "dri").mkdir()
    (tmp_path / "dri" / "card1").touch()
    status, text = display({"QT_QPA_PLATFORM": "eglfs"}, tmp_path)
    assert status == "ok" and text == f"eglfs on {tmp_path}/dri/card1"
    # Without the variable, the same, with the advice to set it.
    status, text = display({}, tmp_path)
    assert status == "ok" and "set QT_QPA_PLATFORM=eglfs" in text


def test_no_drm_device_means_the_kms_driver_is_off(tmp_path):
    status, text = display({"QT_QPA_PLATFORM": "eglfs"}, tmp_path)
    assert status == "FAIL" and "dtoverlay=vc4-kms-v3d" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root may open any device")
def test_a_drm_device_the_user_cannot_open(tmp_path):
    (tmp_path / "dri").mkdir()
    card = tmp_path / "dri" / "card0"
    card.touch()
    card.chmod(0)
    status, text = display({"QT_QPA_PLATFORM": "eglfs"}, tmp_path)
    assert status == "FAIL" and "usermod -aG video,render,input" in text


def test_a_wayland_session_needs_its_compositors_socket(tmp_path):
    env = {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-1"}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    status, text = display(env, tmp_path)
    assert status == "FAIL" and "is cage running" in text
    (tmp_path / "wayland-1").touch()
    assert display(env, tmp_path) == ("ok", f"Wayland compositor at {tmp_path}/wayland-1")


def test_a_desktop_session_and_offscreen(tmp_path):
    assert display({"DISPLAY": ":0"}, tmp_path) == ("ok", "X11 display :0")
    status, text = display({"QT_QPA_PLATFORM": "offscreen"}, tmp_path)
    assert status == "warn" and "nothing would show" in text


# -- speech -----------------------------------------------------------------------------------


def speech(tmp_path: Path, audio: bool, spd_say_body: str | None, installed=True):
    tools = {"speech-dispatcher": "/usr/bin/speech-dispatcher"} if installed else {}
    if spd_say_body is not None:
        tools["spd-say"] = script(tmp_path, "spd-say", spd_say_body)
    device = Device(which=tools.get, library=lambda name: f"lib{name}.so.2")
    report = Report()
    check_speech(audio, report, device)
    [(status, name, text)] = report.lines
    assert name == "speech"
    return status, text


MODULES = 'echo "OUTPUT MODULES"; echo espeak-ng\n'


def test_speech_dispatcher_answering_with_a_voice(tmp_path):
    status, text = speech(tmp_path, True, '[ "$1" = "-O" ] || exit 2\n' + MODULES)
    assert (status, text) == ("ok", "speech-dispatcher answers (modules: espeak-ng)")


def test_speech_dispatcher_missing(tmp_path):
    status, text = speech(tmp_path, True, None, installed=False)
    assert status == "FAIL" and "alerts are not read aloud" in text
    assert "speech-dispatcher-espeak-ng" in text
    # Without `audio`, only the Listen control is lost: a warning.
    status, text = speech(tmp_path, False, None, installed=False)
    assert status == "warn" and "Listen control is hidden" in text


def test_speech_dispatcher_that_does_not_answer_or_has_no_voice(tmp_path):
    status, text = speech(
        tmp_path, True, 'echo "Failed to connect to Speech Dispatcher" >&2\nexit 1\n'
    )
    assert status == "FAIL" and "Failed to connect to Speech Dispatcher" in text
    status, text = speech(tmp_path, True, 'echo "OUTPUT MODULES"\n')
    assert status == "FAIL" and "no voice" in text


def test_without_audio_speech_dispatcher_is_not_started(tmp_path):
    marker = tmp_path / "asked"
    status, _ = speech(tmp_path, False, f"touch {marker}\n" + MODULES)
    assert status == "ok" and not marker.exists()


# -- clock ------------------------------------------------------------------------------------


def clock_line(tmp_path: Path, flag: bool, timedatectl: str | None) -> tuple[str, str]:
    flag_file = tmp_path / "synchronized"
    if flag:
        flag_file.touch()
    report = Report()
    check_clock(tmp_path, None, report, Device(timesync_flag=flag_file, timedatectl=timedatectl))
    [(status, name, text)] = report.lines
    assert name == "clock"
    return status, text


def test_a_synchronized_clock(tmp_path):
    status, text = clock_line(tmp_path, True, None)
    assert status == "ok" and text.startswith("synchronized by NTP")


def test_a_clock_behind_the_last_good_time_fails(tmp_path):
    save_last_good(tmp_path, datetime.now(UTC) + timedelta(days=3))
    status, text = clock_line(tmp_path, False, script(tmp_path, "timedatectl", "echo no\n"))
    assert status == "FAIL" and "behind the last good time" in text
    assert "timedatectl set-ntp true" in text


def test_an_unsynchronized_but_plausible_clock_is_a_warning(tmp_path):
    save_last_good(tmp_path, datetime.now(UTC) - timedelta(hours=1))
    status, text = clock_line(tmp_path, False, script(tmp_path, "timedatectl", "echo no\n"))
    assert status == "warn" and text.startswith("NTP says not synchronized")
    status, text = clock_line(tmp_path, False, str(tmp_path / "none"))
    assert status == "warn" and text.startswith("no NTP status")


def test_kiosk_doctor_prints_the_device_lines(tmp_path, capsys):
    data = tmp_path / "data"
    save_last_good(data, datetime.now(UTC) + timedelta(days=3))
    status = main(["doctor", "--feed", "http://127.0.0.1:9/feed.json", "--data-dir", str(data)])
    out = capsys.readouterr().out
    names = [line.split(":", 1)[0].split()[-1] for line in out.splitlines()]
    assert {"display", "speech", "clock"} <= set(names), out
    assert status == 1
    if not timesync_synchronized():  # this machine's own clock: NTP would win
        assert "FAIL clock: the system clock" in out
