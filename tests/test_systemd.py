"""The files of systemd/ as systemd itself reads them (systemd-analyze verify,
systemd-sysusers), and the promises the player's side relies on: the watchdog hand-over
in the cage unit, the state directory as the default data dir."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SYSTEMD = Path(__file__).resolve().parents[1] / "systemd"
UNITS = ("kiosk.service", "kiosk-cage.service")
# What a build machine lacks and a Raspberry Pi has: the venv in /opt/kiosk, and cage.
MISSING_EXECUTABLE = re.compile(
    r"^kiosk(-cage)?\.service: Command (/opt/kiosk/venv/bin/kiosk|/usr/bin/cage) is not "
    r"executable: No such file or directory$"
)


def unit_lines(name: str) -> list[str]:
    """The settings of a unit file, comments left out."""
    text = (SYSTEMD / name).read_text()
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    """Only the missing executables may be reported. systemd-analyze verify exits with 0
    for some complaints (a bad Unit= in a timer, say), so every line of its output is read.
    A missing `kiosk` user is not reported by systemd 252: nothing to allow for it."""
    for path in SYSTEMD.iterdir():
        if path.suffix in (".service", ".timer"):
            shutil.copy(path, tmp_path / path.name)
    # The retry timer is a template: verify the instances the units start on failure.
    names = [*UNITS, "kiosk-retry@kiosk.timer", "kiosk-retry@kiosk-cage.timer"]
    proc = subprocess.run(
        ["systemd-analyze", "verify", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, SYSTEMD_LOG_COLOR="0", SYSTEMD_PAGER=""),
    )
    lines = (proc.stdout + proc.stderr).splitlines()
    complaints = [line for line in lines if line.strip() and not MISSING_EXECUTABLE.match(line)]
    assert complaints == [], "\n".join(lines)
    assert (
        any("/opt/kiosk/venv/bin/kiosk" in line for line in lines)
        or Path("/opt/kiosk/venv/bin/kiosk").exists()
    )  # the verification did read ExecStart= (not an empty run)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
@pytest.mark.parametrize("unit", UNITS)
def test_the_sandbox_keeps_systemd_s_exposure_score_low(tmp_path, unit):
    """`systemd-analyze security` scores what a unit leaves open, 0 (locked) to 10. The
    eglfs unit scores 1.9 and the cage unit 2.8 with systemd 252: a dropped hardening
    setting shows here. (They cannot reach 0: a screen needs its devices and the network.)"""
    shutil.copy(SYSTEMD / unit, tmp_path / unit)
    proc = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--threshold=30", unit],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, SYSTEMD_LOG_COLOR="0", SYSTEMD_PAGER="", SYSTEMD_COLORS="0"),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr


@pytest.mark.skipif(shutil.which("systemd-sysusers") is None, reason="no systemd-sysusers here")
def test_sysusers_creates_the_kiosk_user_with_its_home_in_the_state_directory(tmp_path):
    proc = subprocess.run(
        ["systemd-sysusers", "--dry-run", f"--root={tmp_path}", str(SYSTEMD / "kiosk.sysusers")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Creating user 'kiosk' (Municipal kiosk player)" in proc.stderr + proc.stdout
    assert "/var/lib/kiosk" in (SYSTEMD / "kiosk.sysusers").read_text()


def test_the_eglfs_unit_is_supervised_by_its_own_process():
    lines = unit_lines("kiosk.service")
    for setting in (
        "Type=notify",
        "NotifyAccess=main",
        "WatchdogSec=30s",
        "Restart=always",
        "User=kiosk",
        "StateDirectory=kiosk",
        "QT_QPA_PLATFORM=eglfs",
    ):
        assert any(setting in line for line in lines), setting
    # These hide the GPU, input, sound or vchiq devices, or kill the QML JIT.
    for forbidden in (
        "PrivateDevices=",
        "MemoryDenyWriteExecute=",
        "DeviceAllow=",
        "ProtectClock=",
    ):
        assert not any(line.startswith(forbidden) for line in lines), forbidden
    # The directories the unit creates are the ones its environment points Qt at.
    assert "RuntimeDirectory=kiosk" in lines and "Environment=XDG_RUNTIME_DIR=/run/kiosk" in lines
    assert (
        "CacheDirectory=kiosk" in lines and "Environment=XDG_CACHE_HOME=/var/cache/kiosk" in lines
    )


def test_the_cage_unit_hands_the_watchdog_to_the_player():
    lines = unit_lines("kiosk-cage.service")
    assert "NotifyAccess=all" in lines  # the player is cage's child, not the main process
    [exec_start] = [line for line in lines if line.startswith("ExecStart=")]
    assert "/usr/bin/env -u WATCHDOG_PID /opt/kiosk/venv/bin/kiosk run" in exec_start
    pam = (SYSTEMD / "kiosk-cage.pam").read_text()
    assert "PAMName=kiosk-cage" in lines and "@include common-session" in pam


def test_env_minus_watchdog_pid_is_what_lets_a_child_ping():
    """What systemd gives cage (WATCHDOG_PID = cage's PID) reaches the player through
    cage; the player pings only once `env -u WATCHDOG_PID` has removed it."""
    code = "from kiosk.ops.sdnotify import Notifier; print(Notifier().watchdog_usec)"
    environ = dict(os.environ, WATCHDOG_PID=str(os.getpid()), WATCHDOG_USEC="30000000")
    as_child = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60
    )
    handed_over = subprocess.run(
        ["/usr/bin/env", "-u", "WATCHDOG_PID", sys.executable, "-c", code],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert as_child.stdout.strip() == "None", as_child.stderr
    assert handed_over.stdout.strip() == "30000000", handed_over.stderr


def test_the_state_directory_is_the_default_data_dir(tmp_path):
    code = "from kiosk.config import Config; print(Config().resolved_data_dir())"
    environ = dict(os.environ, STATE_DIRECTORY=str(tmp_path / "state"))
    proc = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.strip() == str(tmp_path / "state"), proc.stderr


def test_the_kms_config_is_json_with_keys_qt_reads():
    config = json.loads((SYSTEMD / "eglfs.json").read_text())
    assert set(config) <= {"device", "hwcursor", "pbuffers", "outputs", "separateScreens"}
    assert config["device"].startswith("/dev/dri/")
    assert all("name" in output for output in config["outputs"])


def test_the_install_guide_names_every_file_of_systemd():
    guide = (SYSTEMD.parent / "docs" / "install-raspberry-pi.md").read_text()
    for path in SYSTEMD.iterdir():
        assert f"systemd/{path.name}" in guide, path.name
