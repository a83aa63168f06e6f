"""The allocator setting: a freed picture buffer goes back to the system, every time."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.ops.memory import tune_allocator

# Allocate and free a full-HD picture's worth of memory three times, with small objects
# allocated in between (as a running player does), then report how much stays resident.
SCRIPT = textwrap.dedent(
    """
    import ctypes, ctypes.util, sys
    from kiosk.ops.memory import tune_allocator
    if sys.argv[1] == "tuned":
        assert tune_allocator()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    def rss_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    size = 1080 * 1920 * 4
    keep = []
    before = rss_kib()
    for _ in range(3):
        block = libc.malloc(size)
        ctypes.memset(block, 1, size)
        keep.append(libc.malloc(64))  # a small object allocated after the picture
        libc.free(block)
    print(rss_kib() - before)
    """
)


def resident_after(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc allocator only")
def test_freed_pictures_are_returned_to_the_system() -> None:
    if not tune_allocator():
        pytest.skip("this C library has no mallopt (not glibc)")
    untuned = resident_after("default")
    tuned = resident_after("tuned")
    # Without the setting, glibc keeps the second and third pictures in its heap.
    assert untuned > 6 * 1024, f"expected the default allocator to keep a picture: {untuned} KiB"
    assert tuned < 1024, f"a freed picture stayed resident: {tuned} KiB"


LINECACHE_SCRIPT = textwrap.dedent(
    """
    import linecache, sys
    if sys.argv[1] == "kiosk":
        import kiosk.ui
    else:
        import PySide6.QtCore
    linecache.clearcache()
    import fractions  # a module nobody imported yet
    print(fractions.__file__ in linecache.cache)
    """
)


def source_kept_after_import(mode: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", LINECACHE_SCRIPT, mode], capture_output=True, text=True, check=True
    )
    return out.stdout.strip() == "True"


def test_modules_imported_after_pyside_leave_no_source_in_memory() -> None:
    if not source_kept_after_import("pyside"):
        pytest.skip("this PySide6 does not read module sources on import")
    assert not source_kept_after_import("kiosk")


def test_pyside_features_still_apply_to_modules_that_ask(tmp_path: Path) -> None:
    # What the hook is for: a module that selects a PySide6 feature still gets it.
    (tmp_path / "snaky.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "from __feature__ import snake_case\n"
        "def name():\n"
        "    o = QObject()\n"
        "    o.set_object_name('x')\n"
        "    return o.object_name()\n"
    )
    script = "import kiosk.ui, snaky; print(snaky.name())"
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        },
    )
    assert out.stdout.strip() == "x"


def test_the_player_collects_garbage_on_the_qt_thread_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    import gc
    import threading

    from kiosk.ui.collector import MainThreadCollector

    threads: list[str] = []

    def seen(phase: str, info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            threads.append(threading.current_thread().name)

    collector = MainThreadCollector(interval_ms=20)
    gc.callbacks.append(seen)
    try:
        assert not gc.isenabled()

        def make_cycles() -> None:  # on a worker thread, far past the thresholds
            for _ in range(50_000):
                a: list[object] = []
                a.append(a)

        worker = threading.Thread(target=make_cycles, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(threads), timeout=2000)
        assert set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
    assert gc.isenabled()


# Eight threads allocate at the same time, then glibc reports its heaps on standard error.
ARENA_SCRIPT = textwrap.dedent(
    """
    import ctypes, ctypes.util, sys, threading
    from kiosk.ops.memory import tune_allocator
    if sys.argv[1] == "tuned":
        assert tune_allocator()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    barrier = threading.Barrier(8)
    def work():
        barrier.wait()
        for _ in range(200):
            libc.malloc(4096)
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    libc.malloc_stats()
    """
)


def heaps_used(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", ARENA_SCRIPT, mode], capture_output=True, text=True, check=True
    )
    return sum(1 for line in out.stderr.splitlines() if line.startswith("Arena "))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc allocator only")
def test_threads_share_two_heaps_at_most() -> None:
    """Each video slide starts decoding threads: without the cap, each new thread may get
    a heap of its own, which keeps its freed memory."""
    if not tune_allocator():
        pytest.skip("this C library has no mallopt (not glibc)")
    assert heaps_used("default") > 2
    assert heaps_used("tuned") <= 2
