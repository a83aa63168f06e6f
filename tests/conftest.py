"""Shared test set-up: Qt runs offscreen with the software renderer, before any Qt import."""

from __future__ import annotations

import os

# Set before PySide6 is imported anywhere: no display here, and the software scene-graph
# backend renders the same pixels on every machine (no GPU, no GL driver differences).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_FFMPEG_DECODING_HW_DEVICE_TYPES", "")  # no VA-API probing in CI
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")  # the search page's keyboard


import pytest


@pytest.fixture(scope="session")
def qapp_cls():
    """The kiosk is a QGuiApplication (no widgets): tests use the same class, so that the
    code under test and pytest-qt share one application object whoever creates it first."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread():
    """Cycles left by a test (views, players, their timers) are collected here, on the Qt
    thread, not later by whichever HTTP-server or worker thread allocates next (the player
    does the same with kiosk.ui.collector)."""
    import gc

    yield
    gc.collect()
