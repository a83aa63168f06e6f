"""``kiosk doctor``'s checks of the device itself: the display, the speech engine, the clock.

Qt-free: the display is judged by what Qt's platform plugins need (a desktop or Wayland
session, or a readable and writable DRM device for eglfs), the speech engine by its files
and by asking speech-dispatcher, the clock by :mod:`kiosk.ops.clock`. Each check adds one
line to the doctor's report, with the fix when something is wrong.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.clock import PLAUSIBLE, SYNCHRONIZED, TrustedClock, publication_time
from kiosk.ops.clock import TIMESYNC_FLAG, load_last_good, timesync_synchronized


@dataclass(frozen=True)
class Device:
    """Where the checks look (tests point them at folders and scripts of their own)."""

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    dev: Path = Path("/dev")
    which: Callable[[str], str | None] = shutil.which
    library: Callable[[str], str | None] = ctypes.util.find_library
    timesync_flag: Path = TIMESYNC_FLAG
    timedatectl: str | None = "timedatectl"


def check_device(config: Any, current: Any, report: Any, device: Device | None = None) -> None:
    """The display, speech and clock lines of ``report`` (``current``: the snapshot that
    plays, or None)."""
    device = device or Device()
    check_display(report, device)
    check_speech(config.audio, report, device)
    check_clock(config.resolved_data_dir(), current, report, device)


# -- display ----------------------------------------------------------------------------------


def check_display(report: Any, device: Device) -> None:
    env = device.env
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in ("offscreen", "minimal", "vnc"):
        # Fine for previews and tests, so a warning: the service sets its own platform.
        report.add(
            "warn",
            "display",
            f"QT_QPA_PLATFORM={platform}: nothing would show on a screen; the player needs "
            "eglfs (no desktop) or wayland (under cage), see docs/install-raspberry-pi.md",
        )
        return
    wayland = env.get("WAYLAND_DISPLAY")
    if platform.startswith("wayland") or (not platform and wayland):
        _check_wayland(env, report)
        return
    if platform == "xcb" or (not platform and env.get("DISPLAY")):
        if env.get("DISPLAY"):
            report.add("ok", "display", f"X11 display {env['DISPLAY']}")
        else:
            report.add("FAIL", "display", "QT_QPA_PLATFORM=xcb but DISPLAY is not set")
        return
    _check_kms(platform or "eglfs", report, device, explicit=bool(platform))


def _check_wayland(env: Mapping[str, str], report: Any) -> None:
    name = env.get("WAYLAND_DISPLAY", "wayland-0")
    runtime = env.get("XDG_RUNTIME_DIR", "")
    socket_path = Path(name) if name.startswith("/") else Path(runtime) / name
    if runtime or name.startswith("/"):
        if socket_path.exists():
            report.add("ok", "display", f"Wayland compositor at {socket_path}")
            return
        report.add(
            "FAIL",
            "display",
            f"no Wayland compositor at {socket_path}: is cage running (kiosk-cage.service)?",
        )
        return
    report.add("FAIL", "display", "WAYLAND_DISPLAY is set but XDG_RUNTIME_DIR is not")


def _check_kms(platform: str, report: Any, device: Device, explicit: bool) -> None:
    cards = sorted((device.dev / "dri").glob("card*"))
    if not cards:
        report.add(
            "FAIL",
            "display",
            f"no desktop session and no {device.dev}/dri/card*: enable the KMS driver "
            "(dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt) and reboot",
        )
        return
    usable = [c for c in cards if os.access(c, os.R_OK | os.W_OK)]
    if not usable:
        report.add(
            "FAIL",
            "display",
            f"{', '.join(str(c) for c in cards)} not usable by this user: add it to the "
            "video and render groups (sudo usermod -aG video,render,input kiosk)",
        )
        return
    how = "" if explicit else " (set QT_QPA_PLATFORM=eglfs: the systemd unit does)"
    line = f"{platform} on {usable[0]}{how}"
    inputs = list((device.dev / "input").glob("event*"))
    if inputs and not any(os.access(i, os.R_OK) for i in inputs):
        report.add(
            "warn",
            "display",
            f"{line}; but {device.dev}/input/event* cannot be read: touches will not "
            "arrive (add the user to the input group)",
        )
        return
    report.add("ok", "display", line)


# -- speech -----------------------------------------------------------------------------------

SPEECH_PACKAGES = "sudo apt-get install speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"


def check_speech(audio: bool, report: Any, device: Device) -> None:
    """speech-dispatcher reads alerts aloud (``audio = true``) and the directory's Listen
    control: without it the kiosk works, silently (FAIL only when ``audio`` asks for it)."""
    bad = "FAIL" if audio else "warn"
    use = "alerts are not read aloud" if audio else "the Listen control is hidden"
    if device.which("speech-dispatcher") is None:
        report.add(
            "warn" if not audio else "FAIL",
            "speech",
            f"no speech-dispatcher: {use}; {SPEECH_PACKAGES}",
        )
        return
    if device.library("speechd") is None:
        report.add(bad, "speech", f"libspeechd is missing: {use}; sudo apt-get install libspeechd2")
        return
    if not audio:
        # Asking would start speech-dispatcher for this user: only when alerts need it.
        report.add("ok", "speech", "speech-dispatcher installed (for the Listen control)")
        return
    spd_say = device.which("spd-say")
    if spd_say is None:
        report.add("ok", "speech", "speech-dispatcher installed (spd-say absent: not asked)")
        return
    try:
        # -O lists the output modules: it needs speech-dispatcher to answer (started on
        # demand for this user), and says nothing aloud.
        out = subprocess.run(
            [spd_say, "-O"], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        report.add(bad, "speech", f"speech-dispatcher does not answer ({exc}): {use}")
        return
    modules = [line.strip() for line in out.stdout.splitlines()[1:] if line.strip()]
    if out.returncode != 0:
        why = (out.stderr or out.stdout).strip().splitlines()[-1:] or ["no answer"]
        report.add(
            bad,
            "speech",
            f"speech-dispatcher does not answer ({why[0]}): {use}; can this user play sound?",
        )
    elif not modules:
        report.add(bad, "speech", f"speech-dispatcher has no voice: {use}; {SPEECH_PACKAGES}")
    else:
        report.add("ok", "speech", f"speech-dispatcher answers (modules: {', '.join(modules)})")


# -- clock ------------------------------------------------------------------------------------

NTP_FIX = "sudo timedatectl set-ntp true, and let the screen reach an NTP server (UDP 123)"


def check_clock(data_dir: Path, current: Any, report: Any, device: Device) -> None:
    clock = TrustedClock(time.monotonic, last_good=load_last_good(data_dir))
    if current is not None:
        clock.know_past(publication_time(current.feed))
    synchronized = timesync_synchronized(device.timesync_flag, device.timedatectl)
    clock.set_synchronized(bool(synchronized))
    reading = clock.read()
    system = reading.system.isoformat(timespec="seconds")
    if reading.state == SYNCHRONIZED:
        report.add("ok", "clock", f"synchronized by NTP ({system})")
    elif reading.state == PLAUSIBLE:
        said = "NTP says not synchronized" if synchronized is False else "no NTP status"
        report.add(
            "warn",
            "clock",
            f"{said}; {system} is plausible (not before the last good time nor the feed's "
            f"publication), so it is used; {NTP_FIX}",
        )
    else:
        report.add(
            "FAIL",
            "clock",
            f"the system clock ({system}) is behind the last good time or the feed's "
            f"publication ({reading.now.isoformat(timespec='seconds')}); the player uses "
            f"that time until the clock is set; {NTP_FIX}",
        )
