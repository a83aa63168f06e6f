#!/usr/bin/env bash
# Prepare this machine to run the kiosk from the checkout, idempotently:
#   1. as root on Debian/Raspberry Pi OS: the system libraries Qt needs (apt-get), once;
#   2. a virtual environment in .venv (override with KIOSK_VENV);
#   3. the package in editable mode with the test tools, re-installed when pyproject.toml changes.
# Used by `make demo` and `make test` (and so by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${KIOSK_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

# Libraries the PySide6 wheels load at run time (offscreen, eglfs and xcb platforms,
# QtMultimedia's bundled FFmpeg), plus fontconfig's configuration.
DEBS="libgl1 libegl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
      libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
      libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
      libxcb-xkb1 libxrender1 libxrandr2 libxext6 libxi6 libsm6 libice6 libgbm1 libdrm2
      libwayland-client0 libwayland-cursor0 libwayland-egl1 libpulse0 libasound2
      fontconfig fonts-dejavu-core python3-venv
      zbar-tools"  # zbarimg: the tests decode every rendered QR code with a real reader
# Tools the tests run against, for real: minisign (signatures interoperate both ways),
# nginx (docs/nginx/kiosk-bundle.conf serves a published bundle) and speech-dispatcher with
# espeak-ng (the Listen control's engine: tests/test_speech.py reads pages through a private
# instance, audio to a null output). Their tests are skipped, with the reason, where these
# cannot be installed.
TEST_DEBS="minisign nginx speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $DEBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  missing=""
  for pkg in $TEST_DEBS; do
    command -v "$pkg" >/dev/null 2>&1 || [ -x "/usr/sbin/$pkg" ] ||
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
      missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "setup: installing test tools:$missing" >&2
    { apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    } || echo "setup: could not install$missing; the tests that need them will be skipped" >&2
  fi
elif [ "$(id -u)" != 0 ]; then
  echo "setup: not root, skipping apt-get (see README for the Debian packages Qt needs)" >&2
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.kiosk-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the kiosk package and its dependencies into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
