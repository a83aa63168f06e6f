"""A private speech-dispatcher for tests and screenshots: the kiosk's real engine (espeak-ng
through speech-dispatcher) on a machine without sound, its audio to libao's null driver, and
every line its clients send in its log, to check what reached it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SPEECHD_CONF = """\
# A private speech-dispatcher: espeak-ng, audio to libao's null driver ($HOME/.libao), and
# every line the clients send in the log (level 5).
AudioOutputMethod "libao"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
LogLevel 5
"""

MISSING = (
    "speech-dispatcher with its espeak-ng module is not installed (Debian: speech-dispatcher "
    "speech-dispatcher-espeak-ng espeak-ng; scripts/setup.sh installs them as root)"
)


@dataclass
class SpeechDispatcher:
    socket: Path
    log: Path

    @property
    def address(self) -> str:
        """For SPEECHD_ADDRESS: where libspeechd (Qt's speechd engine) connects."""
        return f"unix_socket:{self.socket}"

    def _log_text(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""

    def received(self) -> list[tuple[str, str]]:
        """(language set, text) of each message the server received from its clients."""
        language, found, inside = "", [], False
        for line in self._log_text().splitlines():
            match = re.search(r"\d+:DATA:\|(.*)$", line)
            if match is None:
                continue
            data = match.group(1).rstrip("\r")
            if inside:
                if data == ".":
                    inside = False
                else:
                    found.append((language, data))
            elif data.upper().startswith("SET SELF LANGUAGE "):
                language = data.split()[-1]
            elif data.lower() == "speak":
                inside = True
        return found

    def audio_chunks(self) -> int:
        """How many pieces of audio the espeak-ng module synthesised."""
        return self._log_text().count("Got audio:")


def espeak_module_dir() -> Path | None:
    for folder in [
        *Path("/usr/lib").glob("*/speech-dispatcher-modules"),
        Path("/usr/lib/speech-dispatcher-modules"),
        Path("/usr/libexec/speech-dispatcher-modules"),
    ]:
        if (folder / "sd_espeak-ng").exists():
            return folder
    return None


def available() -> bool:
    return shutil.which("speech-dispatcher") is not None and espeak_module_dir() is not None


@contextmanager
def private_speech_dispatcher(root: Path) -> Iterator[SpeechDispatcher | None]:
    """A speech-dispatcher of its own in ``root`` (None when it cannot run here)."""
    binary, modules = shutil.which("speech-dispatcher"), espeak_module_dir()
    if binary is None or modules is None:
        yield None
        return
    conf = root / "conf"
    (conf / "modules").mkdir(parents=True)
    (conf / "speechd.conf").write_text(SPEECHD_CONF)
    system = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")
    (conf / "modules" / "espeak-ng.conf").write_text(system.read_text() if system.exists() else "")
    home = root / "home"
    home.mkdir()
    (home / ".libao").write_text("default_driver=null\n")
    (root / "log").mkdir()
    socket = root / "speechd.sock"
    args = [binary, "--run-single", "--timeout", "0", "--config-dir", str(conf)]
    args += ["--module-dir", str(modules), "--communication-method", "unix_socket"]
    args += ["--socket-path", str(socket), "--log-dir", str(root / "log"), "--log-level", "5"]
    process = subprocess.Popen(
        [*args, "--pid-file", str(root / "pid")],
        env={**os.environ, "HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not socket.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        yield (
            SpeechDispatcher(socket, root / "log" / "speech-dispatcher.log")
            if socket.exists()
            else None
        )
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
