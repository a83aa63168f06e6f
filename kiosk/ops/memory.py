"""Allocator settings for a player that runs for months on 1 to 4 GB of memory.

Every picture the player shows is decoded into a buffer of width x height x 4 bytes (8 MiB for
a full-HD portrait screen), on Qt's image-reader thread, and freed when the slide is gone.
glibc serves such a buffer with mmap and unmaps it when freed, but only the first time: on
that first free it raises its mmap threshold to the freed size, so every later picture comes
from the heap of the decoding thread, and the freed holes stay resident. On the Chromium
comparison site that is 40 MiB of a 180 MiB player (``benchmarks/compare_chromium.py``).

Fixing the threshold (at glibc's own default, 128 KiB) turns the dynamic adjustment off: big
buffers are always mapped and always returned to the system. Small objects are unaffected.
Where the C library is not glibc, nothing is changed.

The number of heaps ("arenas") is also capped at 2. glibc gives each new thread a heap of its
own, up to 8 per core, and a heap other than the main one only gives memory back from its
top. Every video slide starts a media player with its decoding threads; the soak benchmark
(``benchmarks/soak.py``) showed the resident size climbing with each video played until
the cap was set, and flat after it (MediaPlayer created and destroyed 400 times).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024
ARENAS = 2


def tune_allocator() -> bool:
    """Fix glibc's mmap and trim thresholds; True when the C library took them."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        log.debug("no mallopt in %s: allocator left as it is", name)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done: bool = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
    done = mallopt(M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD) == 1 and done
    done = mallopt(M_ARENA_MAX, ARENAS) == 1 and done
    log.debug("allocator: mmap threshold fixed at %d bytes: %s", MMAP_THRESHOLD, done)
    return done


def read_no_sources_into_memory() -> bool:
    """Stop PySide6 from keeping the source of every module imported after it.

    On each import, PySide6's ``__feature__`` support asks whether the new module mentions
    PySide6, through ``inspect.getsource``; that reads the file into ``linecache``, which
    keeps every line for the life of the process: 9 MiB for the player's modules. The
    replacement answers the same question from the file and keeps nothing. Does nothing
    (False) when this PySide6 does not have that hook.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False

    def mod_uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False
        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                return "PySide6" in source.read()
        except OSError:
            return False

    setattr(feature, "_mod_uses_pyside", mod_uses_pyside)  # noqa: B010
    return True
