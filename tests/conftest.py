"""Shared test set-up: Qt runs offscreen with the software renderer, before any Qt import."""

from __future__ import annotations

import os

# Set before PySide6 is imported anywhere: no display here, and the software scene-graph
# backend renders the same pixels on every machine (no GPU, no GL driver differences).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_FFMPEG_DECODING_HW_DEVICE_TYPES", "")  # no VA-API probing in CI
