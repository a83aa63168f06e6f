"""One media file of a feed judged by its content, not by its name.

A file named ``affiche.jpg`` may be a PNG someone renamed, a web page saved instead of the
picture, half a download, a 50 KB PNG that declares 30 000 x 30 000 pixels (3.6 GB once
decoded: a "decompression bomb"), or an SVG carrying a script. :func:`check_media` finds each
from the first bytes and the headers of the file, before anything decodes it, and raises
:class:`~kiosk.errors.SyncRefused` naming the media path, what was found and what was
expected. It also refuses a file cut short (a JPEG without its end marker, a PNG without
IEND, WebP or MP4 boxes running past the end of the file).

The format tests are in :mod:`kiosk.io.media_format` (:func:`sniff`,
:func:`image_dimensions`) and :mod:`kiosk.io.svg_safety` (:func:`unsafe_svg`). Pure
functions on files: no Qt, no network.
"""

from __future__ import annotations

import os
import posixpath
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kiosk.errors import SyncRefused
from kiosk.io.media_format import (
    IMAGE_KINDS,
    KIND_NAMES,
    MAX_STEPS,
    MIME_TYPES,
    VIDEO_KINDS,
    MediaFormatError,
    describe,
    file_reader,
    image_dimensions,
    jpeg_frame,
    sniff,
)
from kiosk.io.svg_safety import MAX_SVG_BYTES, unsafe_svg

__all__ = [
    "EXTENSION_KINDS",
    "HEAD_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SIDE",
    "MAX_SVG_BYTES",
    "MediaFormatError",
    "MediaInfo",
    "check_media",
    "expected_kinds",
    "image_dimensions",
    "sniff",
    "unsafe_svg",
]

#: Widest or tallest picture accepted, in pixels.
MAX_IMAGE_SIDE = 8192
#: Most pixels a picture may have: 8192 x 8192 (64 Mi, about 67 million pixels), i.e. 256 MiB
#: once decoded at 4 bytes a pixel. A screen shows at most 3840 x 2160 (8.3 million): anything
#: bigger is a mistake, or a decompression bomb.
MAX_IMAGE_PIXELS = 8192 * 8192
#: Bytes read from the start of a file to tell its format and, but for JPEG, its pixel size.
HEAD_BYTES = 64 * 1024

#: What each extension of a feed's media may hold. MP4, M4V and MOV are all the ISO base
#: media format (ftyp box); WebM is a subset of Matroska, and players read both alike.
EXTENSION_KINDS: dict[str, tuple[str, ...]] = {
    ".jpg": ("jpeg",),
    ".jpeg": ("jpeg",),
    ".png": ("png",),
    ".gif": ("gif",),
    ".webp": ("webp",),
    ".svg": ("svg",),
    ".mp4": ("mp4", "mov"),
    ".m4v": ("mp4", "mov"),
    ".mov": ("mov", "mp4"),
    ".webm": ("webm", "matroska"),
    ".mkv": ("matroska", "webm"),
}
_EXTENSION_OF = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "svg": ".svg"}
_EXTENSION_OF |= {"mp4": ".mp4", "mov": ".mov", "webm": ".webm", "matroska": ".mkv"}


@dataclass(frozen=True)
class MediaInfo:
    """What a media file turned out to be. ``width``/``height`` are None for videos and
    SVG drawings (they are not read, and an SVG has no fixed pixel size)."""

    kind: str
    mime: str
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def is_video(self) -> bool:
        return self.kind in VIDEO_KINDS


def expected_kinds(path_name: str) -> tuple[str, ...]:
    """The formats a media path may hold, from its extension (empty: not a media extension)."""
    return EXTENSION_KINDS.get(posixpath.splitext(path_name.lower())[1], ())


def check_media(
    path_name: str,
    file: Path,
    *,
    max_side: int = MAX_IMAGE_SIDE,
    max_pixels: int = MAX_IMAGE_PIXELS,
) -> MediaInfo:
    """Check that ``file`` (the media ``path_name`` of a feed, e.g. ``media/affiche.jpg``) is
    what its extension says, complete, within the size limits and, for an SVG, safe.

    Raises :class:`~kiosk.errors.SyncRefused` naming ``path_name``, what was found and what
    was expected. Reads the first :data:`HEAD_BYTES`, a few headers further on, and for a
    JPEG the file up to its end marker; decodes nothing.
    """
    expected = expected_kinds(path_name)
    if not expected:
        exts = " ".join(EXTENSION_KINDS)
        raise SyncRefused(f"media {path_name}: unsupported extension; expected one of {exts}")
    try:
        with open(file, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(HEAD_BYTES)
            kind = _kind_as_expected(path_name, head, expected)
            width = height = None
            if kind == "svg":
                _check_svg(path_name, fh, size)
            elif kind in IMAGE_KINDS:
                limits = (max_side, max_pixels)
                width, height = _check_picture(path_name, kind, head, fh, size, limits)
            else:
                _check_video(path_name, kind, fh, size)
    except OSError as exc:
        raise SyncRefused(f"media {path_name}: cannot read {file}: {exc.strerror}") from None
    return MediaInfo(kind, MIME_TYPES[kind], size, width, height)


def _kind_as_expected(path_name: str, head: bytes, expected: tuple[str, ...]) -> str:
    kind = sniff(head)
    want = KIND_NAMES[expected[0]]
    if kind is None or kind not in MIME_TYPES:
        raise SyncRefused(f"media {path_name}: the file is {describe(head)}, not {want}")
    if kind not in expected:
        raise SyncRefused(
            f"media {path_name}: the file is {KIND_NAMES[kind]} but its name says {want}; "
            f"rename it with the extension {_EXTENSION_OF[kind]} (and update the feed)"
        )
    return kind


def _check_picture(
    path_name: str,
    kind: str,
    head: bytes,
    fh: BinaryIO,
    size: int,
    limits: tuple[int, int],
) -> tuple[int, int]:
    """The picture's size, within ``limits`` (side, pixels), and a file that is complete."""
    try:
        if kind == "jpeg":
            width, height, scan = jpeg_frame(file_reader(fh), until_scan=True)
        else:
            width, height = image_dimensions(head)
        _check_limits(path_name, width, height, *limits)  # before anything reads further
        if kind == "jpeg" and not _find(fh, b"\xff\xd9", scan):
            raise MediaFormatError("JPEG has no end marker: the file is cut short")
        if kind == "png":
            _png_complete(fh, size)
        if kind == "webp" and _u32le(head, 4) + 8 > size:
            declared = _u32le(head, 4) + 8
            raise MediaFormatError(f"WebP declares {declared} bytes but the file has {size}")
    except MediaFormatError as exc:
        raise SyncRefused(f"media {path_name}: {exc}; expected {KIND_NAMES[kind]}") from None
    return width, height


def _check_limits(path_name: str, width: int, height: int, max_side: int, max_pixels: int) -> None:
    pixels = width * height
    if pixels > max_pixels:
        why = (
            f"{pixels / 1e6:.0f} megapixels, {pixels * 4 / 2**30:.1f} GiB once decoded; "
            f"at most {max_pixels / 1e6:.0f} megapixels are accepted"
        )
    elif width > max_side or height > max_side:
        why = f"at most {max_side} pixels a side are accepted"
    else:
        return
    raise SyncRefused(
        f"media {path_name}: picture is {width} x {height} pixels ({why}); "
        "a screen shows at most 3840 x 2160: resize it"
    )


def _check_svg(path_name: str, fh: BinaryIO, size: int) -> None:
    if size > MAX_SVG_BYTES:
        raise SyncRefused(
            f"media {path_name}: SVG is {size} bytes; at most {MAX_SVG_BYTES} are accepted"
        )
    fh.seek(0)
    problem = unsafe_svg(fh.read(MAX_SVG_BYTES + 1))
    if problem:
        raise SyncRefused(f"media {path_name}: unsafe SVG: {problem}; expected a plain drawing")


def _check_video(path_name: str, kind: str, fh: BinaryIO, size: int) -> None:
    if kind not in ("mp4", "mov"):
        return  # Matroska often leaves sizes unknown: the player finds a cut short file itself
    try:
        _boxes_complete(fh, size)
    except MediaFormatError as exc:
        raise SyncRefused(f"media {path_name}: {exc}; expected {KIND_NAMES[kind]}") from None


def _png_complete(fh: BinaryIO, size: int) -> None:
    """Walk the chunks to IEND; a chunk running past the end means the file was cut."""
    pos = 8
    for _ in range(MAX_STEPS):
        fh.seek(pos)
        header = fh.read(8)
        if len(header) < 8:
            raise MediaFormatError("PNG ends without its IEND chunk: the file is cut short")
        length, kind = struct.unpack(">I4s", header)
        pos += 12 + length
        if pos > size:
            raise MediaFormatError("PNG chunk runs past the end of the file: it is cut short")
        if kind == b"IEND":
            return
    raise MediaFormatError(f"PNG has more than {MAX_STEPS} chunks")


def _boxes_complete(fh: BinaryIO, size: int) -> None:
    """Walk the top-level boxes of an MP4/MOV; one running past the end means a cut file."""
    pos, seen_movie, steps = 0, False, 0
    while pos < size:
        steps += 1
        if steps > MAX_STEPS:
            raise MediaFormatError(f"MP4 has more than {MAX_STEPS} top-level boxes")
        fh.seek(pos)
        header = fh.read(16)
        if len(header) < 8:
            raise MediaFormatError("MP4 box header cut short")
        length, kind = int.from_bytes(header[:4], "big"), header[4:8]
        if length == 1:
            if len(header) < 16:
                raise MediaFormatError("MP4 box header cut short")
            length = int.from_bytes(header[8:16], "big")
        elif length == 0:  # the last box runs to the end of the file
            length = size - pos
        if length < 8:
            raise MediaFormatError(f"MP4 is corrupt (box of {length} bytes at byte {pos})")
        if pos + length > size:
            raise MediaFormatError(
                f"MP4 box '{kind.decode('latin-1')}' runs past the end of the file: it is cut short"
            )
        seen_movie |= kind == b"moov"
        pos += length
    if not seen_movie:
        raise MediaFormatError("MP4 has no 'moov' box (no index of its frames)")


def _find(fh: BinaryIO, needle: bytes, start: int, chunk: int = 1 << 20) -> bool:
    """Does ``needle`` occur in the file at or after ``start``?"""
    fh.seek(start)
    tail = b""
    while block := fh.read(chunk):
        if needle in tail + block:
            return True
        tail = block[-(len(needle) - 1) :]
    return False


def _u32le(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 4], "little")
