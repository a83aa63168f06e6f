"""Display power backends: switching the panel itself off and on (Qt-free).

Each backend is a pair of command lines, run with a timeout on a worker thread (never the Qt
thread). Whatever the backend, the player also covers the screen with black while it is
off: a panel that ignores the command (or a backend that failed) shows nothing either. The
``black`` backend is only that cover: it always works, but the panel stays lit.

Automatic choice (``power_backend = "auto"`` in kiosk.toml), first that applies:

1. ``wlr-randr``: a Wayland session (WAYLAND_DISPLAY) and the wlr-randr command (cage,
   labwc, sway: wlroots compositors). The output goes off as with DPMS.
2. ``cec``: a CEC device (/dev/cec0) and cec-ctl (v4l-utils): the TV goes to standby.
3. ``vcgencmd``: a Raspberry Pi with the vcgencmd command (legacy firmware display driver;
   under KMS, the Bookworm default, it has no effect: prefer wlr-randr or cec).
4. ``xset``: an X11 session (DISPLAY) and xset: DPMS force off/on.
5. ``black``: the cover alone.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import POWER_BACKENDS

log = logging.getLogger(__name__)

BACKENDS = POWER_BACKENDS
#: Seconds a power command may take (a CEC bus can be slow; a hung command is killed).
COMMAND_TIMEOUT = 10.0
DEFAULT_CEC_DEVICE = "/dev/cec0"
PI_MODEL = Path("/proc/device-tree/model")


@dataclass(frozen=True, slots=True)
class Backend:
    """How to switch this screen's panel: ``name`` and the command lines (empty: none)."""

    name: str
    off: tuple[str, ...] = ()
    on: tuple[str, ...] = ()
    probe: tuple[str, ...] = ()  # a harmless command that answers when the backend works

    @property
    def is_black(self) -> bool:
        return not self.off


BLACK = Backend("black")


def backend_named(name: str, output: str | None = None) -> Backend:
    """The backend ``name`` (not "auto"); ``output``: the wlr-randr output (HDMI-A-1), the
    CEC device (/dev/cec1) or the vcgencmd display id (2: HDMI 0, 7: HDMI 1)."""
    if name == "wlr-randr":
        # Without an output name, wlr-randr needs one: the player asks for the first.
        target = output or "*"
        return Backend(
            name,
            ("wlr-randr", "--output", target, "--off"),
            ("wlr-randr", "--output", target, "--on"),
            ("wlr-randr",),
        )
    if name == "cec":
        device = output or DEFAULT_CEC_DEVICE
        # --playback names us a playback device first (needed before any message; harmless
        # when done already); logical address 0 is the TV.
        base = ("cec-ctl", "-d", device, "--playback", "--to", "0")
        return Backend(
            name, (*base, "--standby"), (*base, "--image-view-on"), ("cec-ctl", "-d", device)
        )
    if name == "vcgencmd":
        display = (output,) if output else ()
        return Backend(
            name,
            ("vcgencmd", "display_power", "0", *display),
            ("vcgencmd", "display_power", "1", *display),
            ("vcgencmd", "display_power", "-1", *display),
        )
    if name == "xset":
        return Backend(
            name, ("xset", "dpms", "force", "off"), ("xset", "dpms", "force", "on"), ("xset", "q")
        )
    if name == "black":
        return BLACK
    raise ValueError(f"unknown power backend '{name}'; expected one of {', '.join(BACKENDS)}")


def is_raspberry_pi(model_file: Path = PI_MODEL) -> bool:
    try:
        return "Raspberry Pi" in model_file.read_text("utf-8", errors="replace")
    except OSError:
        return False


def choose_backend(
    name: str = "auto",
    output: str | None = None,
    env: Mapping[str, str] | None = None,
    model_file: Path = PI_MODEL,
) -> Backend:
    """The configured backend, or the first that applies here (see the module docstring)."""
    if name != "auto":
        return backend_named(name, output)
    env = os.environ if env is None else env
    path = env.get("PATH")

    def has(command: str) -> bool:
        return shutil.which(command, path=path) is not None

    if env.get("WAYLAND_DISPLAY") and has("wlr-randr"):
        return backend_named("wlr-randr", output)
    if Path(output or DEFAULT_CEC_DEVICE).exists() and has("cec-ctl"):
        return backend_named("cec", output)
    if is_raspberry_pi(model_file) and has("vcgencmd"):
        return backend_named("vcgencmd", output)
    if env.get("DISPLAY") and has("xset"):
        return backend_named("xset", output)
    return BLACK


def first_wlr_output(env: Mapping[str, str] | None = None) -> str | None:
    """The first output wlr-randr lists (its unindented lines: ``HDMI-A-1 "Dell ..."``)."""
    try:
        done = subprocess.run(
            ["wlr-randr"], capture_output=True, text=True, timeout=COMMAND_TIMEOUT, env=env
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.splitlines():
        if line and not line[0].isspace():
            return line.split()[0]
    return None


def run_command(
    argv: tuple[str, ...], env: Mapping[str, str] | None = None, timeout: float = COMMAND_TIMEOUT
) -> str | None:
    """Run ``argv``; None when it worked, else what went wrong (one line).

    It runs in a session of its own, so a command that hangs is killed with whatever it
    started (a child holding the output pipe would otherwise hold us too).
    """
    command = " ".join(argv)
    try:
        proc = subprocess.Popen(
            list(argv),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=None if env is None else dict(env),
            start_new_session=True,
        )
    except FileNotFoundError:
        return f"{argv[0]} is not installed"
    except OSError as exc:
        return f"`{command}` could not run: {exc}"
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return f"`{command}` took more than {timeout:g} s"
    if proc.returncode != 0:
        said = (err or out).strip().splitlines()
        detail = f": {said[-1]}" if said else ""
        return f"`{command}` exited with status {proc.returncode}{detail}"
    return None


@dataclass(frozen=True, slots=True)
class SwitchResult:
    """After a switch: the panel state asked for, and the backend that really acts
    (``black`` when the command failed: only the cover hides the content)."""

    on: bool
    backend: str
    error: str | None = None


class PowerSwitch:
    """Switches the panel with a backend; thread-safe, called from a worker thread.

    ``backend`` may be a function choosing it (:func:`choose_backend`): it then runs at the
    first switch, on the worker thread, so looking for commands costs the Qt thread nothing.
    A failing command leaves the cover to do the work (the result says ``black``) and is
    logged once; it is tried again at the next switch, and its recovery is logged too.
    """

    def __init__(
        self,
        backend: Backend | Callable[[], Backend],
        env: Mapping[str, str] | None = None,
        resolve_output: Callable[[], str | None] | None = None,
        timeout: float = COMMAND_TIMEOUT,
    ) -> None:
        self.backend: Backend | None = backend if isinstance(backend, Backend) else None
        self._choose = None if isinstance(backend, Backend) else backend
        self._env = env
        self._resolve_output = resolve_output
        self._timeout = timeout
        self._failing: str | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The backend's name; "auto" until a deferred choice was made."""
        return self.backend.name if self.backend is not None else "auto"

    def switch(self, on: bool) -> SwitchResult:
        with self._lock:
            backend = self._resolved()
            if backend.is_black:
                return SwitchResult(on, "black")
            error = run_command(backend.on if on else backend.off, self._env, self._timeout)
            if error is None:
                if self._failing is not None:
                    log.info("display power: %s works again", backend.name)
                self._failing = None
                log.info("display %s (%s)", "on" if on else "off", backend.name)
                return SwitchResult(on, backend.name)
            if self._failing is None:
                log.warning(
                    "display power: %s; the screen shows black instead (logged once)", error
                )
            self._failing = error
            return SwitchResult(on, "black", error)

    def _resolved(self) -> Backend:
        """The backend chosen (once), with wlr-randr's output found when none was named."""
        if self.backend is None:
            assert self._choose is not None
            self.backend = self._choose()
            log.info("display power backend: %s", self.backend.name)
        if self.backend.name == "wlr-randr" and "*" in self.backend.off:
            found = (self._resolve_output or (lambda: first_wlr_output(self._env)))()
            if found:
                self.backend = backend_named("wlr-randr", found)
        return self.backend


def check_backend(backend: Backend, env: Mapping[str, str] | None = None) -> str | None:
    """For `kiosk doctor`: None when the backend's command is present and answers."""
    if backend.is_black:
        return None
    path = (os.environ if env is None else env).get("PATH")
    if shutil.which(backend.probe[0], path=path) is None:
        return f"{backend.probe[0]} is not installed"
    return run_command(backend.probe, env)
