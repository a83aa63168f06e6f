"""Which media format a file is, and a picture's pixel size, from its first bytes alone.

:func:`sniff` names the format from the first bytes (JPEG, PNG, GIF, WebP, SVG, MP4/MOV,
WebM/Matroska; HEIF, AVIF and M4A only to say what they are). :func:`image_dimensions`
reads the pixel size from the header (PNG IHDR, the JPEG frame header found by walking the
segments, the GIF logical screen, WebP VP8/VP8L/VP8X) without decoding anything, so a
picture too big to decode is known before anyone tries. Pure functions on bytes.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from typing import BinaryIO

#: Most segments, chunks or boxes walked in one file (real files have tens to thousands).
MAX_STEPS = 100_000

IMAGE_KINDS = ("jpeg", "png", "gif", "webp", "svg")
VIDEO_KINDS = ("mp4", "mov", "webm", "matroska")

MIME_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "matroska": "video/x-matroska",
}

#: Each format in words, for messages.
KIND_NAMES = {
    "jpeg": "a JPEG picture",
    "png": "a PNG picture",
    "gif": "a GIF picture",
    "webp": "a WebP picture",
    "svg": "an SVG drawing",
    "mp4": "an MP4 video",
    "mov": "a QuickTime (MOV) video",
    "webm": "a WebM video",
    "matroska": "a Matroska (MKV) video",
    # recognised only to say what they are: the kiosk cannot show them
    "heif": "a HEIF/HEIC picture (iPhone format)",
    "avif": "an AVIF picture",
    "m4a": "an audio file (M4A)",
}


class MediaFormatError(ValueError):
    """A header that cannot be read: not an image, cut short, or inconsistent."""


# -- formats ---------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_QUICKTIME_ATOMS = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}


def sniff(head: bytes) -> str | None:
    """The format of a file from its first bytes (a few KB are enough): one of
    :data:`IMAGE_KINDS` or :data:`VIDEO_KINDS`, ``heif``/``avif``/``m4a`` (known, but not
    something the kiosk shows), or None when it is none of these."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(PNG_SIGNATURE):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(_EBML_MAGIC):
        return _ebml_doctype(head)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _ftyp_kind(head)
    if len(head) >= 8 and head[4:8] in _QUICKTIME_ATOMS and _u32be(head, 0) not in range(2, 8):
        return "mov"  # QuickTime files older than the ftyp box start with one of these atoms
    if _svg_root(head):
        return "svg"
    return None


def _ftyp_kind(head: bytes) -> str:
    size = max(16, min(_u32be(head, 0), len(head)))
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, size - 3, 4)}
    if major in _AVIF_BRANDS or (major in _HEIF_BRANDS and compatible & _AVIF_BRANDS):
        return "avif"
    if major in _HEIF_BRANDS:
        return "heif"
    if major in _AUDIO_BRANDS:
        return "m4a"
    return "mov" if major == b"qt  " else "mp4"


def _ebml_doctype(head: bytes) -> str | None:
    """``webm`` or ``matroska`` from the DocType of an EBML header, None if it is neither."""
    pos = 4
    size, pos = _vint(head, pos)
    if size is None:
        return None
    end = min(len(head), pos + size)
    while pos < end:
        element, pos = _vint(head, pos, keep_marker=True)
        length, pos = _vint(head, pos)
        if element is None or length is None:
            return None
        if element == 0x4282:  # DocType
            doctype = head[pos : pos + length].rstrip(b"\x00")
            return {b"webm": "webm", b"matroska": "matroska"}.get(doctype)
        pos += length
    return None


def _vint(data: bytes, pos: int, keep_marker: bool = False) -> tuple[int | None, int]:
    """An EBML variable-length integer at ``pos``: (value, position after it)."""
    if pos >= len(data) or data[pos] == 0:
        return None, pos + 1
    first = data[pos]
    length = 9 - first.bit_length()
    if pos + length > len(data):
        return None, pos + length
    value = first if keep_marker else first & ((1 << (8 - length)) - 1)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    return value, pos + length


_SVG_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")


def _svg_root(head: bytes) -> bool:
    """Is ``head`` the start of an XML document whose root element is <svg>?"""
    text = text_start(head)
    if text is None:
        return False
    pos = _prologue_end(text)
    return pos is not None and _SVG_ROOT.match(text, pos) is not None


def _prologue_end(text: str) -> int | None:
    """Where the first element starts, past the XML declaration, processing instructions,
    comments and a DOCTYPE; None when the text ends inside them. Linear time (no regular
    expression that could backtrack on hostile input)."""
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            pos = end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            pos = end + 3
        elif text[pos : pos + 9].upper() == "<!DOCTYPE":
            close, bracket = text.find(">", pos), text.find("[", pos)
            if bracket != -1 and bracket < close:  # internal subset: [ ... ]>
                close = text.find("]", bracket)
                close = text.find(">", close) if close != -1 else -1
            end = close
            pos = end + 1
        else:
            return pos
        if end == -1:
            return None


def text_start(head: bytes) -> str | None:
    """``head`` as text when it starts like an XML document (UTF-8 or UTF-16, any byte
    that does not decode replaced), else None."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return head.decode("utf-16-le", errors="replace").lstrip("\ufeff")
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return head.decode("utf-16-be", errors="replace").lstrip("\ufeff")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    return text if text.lstrip().startswith("<") else None


def describe(head: bytes) -> str:
    """What the file starting with ``head`` is, in words ("a PNG picture", "an HTML web
    page (saved instead of the file itself?)", "a PDF document", ...), for messages."""
    kind = sniff(head)
    if kind is not None:
        return KIND_NAMES[kind]
    start = head.lstrip()[:512].lower()
    if not head:
        return "an empty file"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "an HTML web page (saved instead of the file itself?)"
    if start.startswith(b"<"):
        return "an XML or HTML document"
    for magic, name in _OTHER_MAGIC:
        if head.startswith(magic):
            return name
    try:
        head[:4096].decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "data of an unknown format"


_OTHER_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data (an .svgz drawing?)"),
    (b"BM", "a BMP picture"),
    (b"II*\x00", "a TIFF picture"),
    (b"MM\x00*", "a TIFF picture"),
    (b"\x00\x00\x01\x00", "an icon (.ico)"),
    (b"8BPS", "a Photoshop document"),
    (b"RIFF", "a RIFF file (AVI video or WAV sound)"),
    (b"ID3", "an MP3 sound"),
)


# -- pixel sizes -----------------------------------------------------------------------------

Reader = Callable[[int, int], bytes]  # (offset, count) -> at most count bytes


def image_dimensions(head: bytes) -> tuple[int, int]:
    """(width, height) of a JPEG, PNG, GIF or WebP picture from its header alone.

    ``head`` is the start of the file; for a JPEG it must reach the frame header (after the
    metadata segments: the first 64 KB almost always do). Raises :class:`MediaFormatError`
    when ``head`` is not one of these formats or ends before the size.
    """
    kind = sniff(head)
    if kind == "jpeg":
        return jpeg_frame(_bytes_reader(head))[:2]
    if kind == "png":
        return _png_dimensions(head)
    if kind == "gif":
        return _gif_dimensions(head)
    if kind == "webp":
        return _webp_dimensions(head)
    if kind is None:
        raise MediaFormatError("not a picture format the kiosk knows")
    raise MediaFormatError(f"{KIND_NAMES[kind]} has no pixel size in its header")


def _bytes_reader(data: bytes) -> Reader:
    return lambda offset, count: data[offset : offset + count]


def file_reader(fh: BinaryIO) -> Reader:
    def read(offset: int, count: int) -> bytes:
        fh.seek(offset)
        return fh.read(count)

    return read


def _png_dimensions(head: bytes) -> tuple[int, int]:
    ihdr = head[8:33]
    if len(ihdr) < 25:
        raise MediaFormatError("PNG header cut short")
    length, kind = struct.unpack(">I4s", ihdr[:8])
    if kind != b"IHDR" or length != 13:
        raise MediaFormatError("PNG does not start with its IHDR header")
    if zlib.crc32(ihdr[4:21]) != _u32be(ihdr, 21):
        raise MediaFormatError("PNG header is corrupt (bad CRC)")
    width, height = struct.unpack(">II", ihdr[8:16])
    return _positive(width, height)


_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # C4 DHT, C8 JPG, CC DAC


def jpeg_frame(read: Reader, until_scan: bool = False) -> tuple[int, int, int]:
    """(width, height, offset of the first scan's data) of the JPEG that ``read`` reads,
    walking its segments from the start-of-image marker; the offset is 0 unless
    ``until_scan`` (then the walk goes on to the first scan, past the frame header)."""
    pos, size = 2, None
    for _ in range(MAX_STEPS):
        marker = read(pos, 2)
        if len(marker) < 2:
            raise MediaFormatError("JPEG ends before its image data (file cut short?)")
        if marker[0] != 0xFF:
            raise MediaFormatError(f"JPEG is corrupt (no segment marker at byte {pos})")
        code = marker[1]
        if code == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if code == 0x01 or 0xD0 <= code <= 0xD7:  # markers without a length
            pos += 2
            continue
        if code in (0xD8, 0xD9) or (code == 0xDA and size is None):
            raise MediaFormatError("JPEG has no frame header (SOF) before its image data")
        header = read(pos + 2, 2)
        if len(header) < 2:
            raise MediaFormatError("JPEG ends before its image data (file cut short?)")
        length = _u16be(header, 0)
        if length < 2:
            raise MediaFormatError(f"JPEG is corrupt (segment length {length} at byte {pos})")
        if code == 0xDA:
            assert size is not None
            return size[0], size[1], pos + 2 + length
        if code in _SOF and size is None:
            frame = read(pos + 4, 5)
            if len(frame) < 5:
                raise MediaFormatError("JPEG ends in its frame header (file cut short?)")
            height, width = _u16be(frame, 1), _u16be(frame, 3)
            size = _positive(width, height)
            if not until_scan:
                return size[0], size[1], 0
        pos += 2 + length
    raise MediaFormatError(f"JPEG has more than {MAX_STEPS} segments before its image data")


def _gif_dimensions(head: bytes) -> tuple[int, int]:
    if len(head) < 10:
        raise MediaFormatError("GIF header cut short")
    width, height = struct.unpack("<HH", head[6:10])
    return _positive(width, height)


def _webp_dimensions(head: bytes) -> tuple[int, int]:
    chunk, data = head[12:16], head[20:30]
    if chunk == b"VP8 " and len(data) >= 10:
        if data[3:6] != b"\x9d\x01\x2a":
            raise MediaFormatError("WebP (lossy) frame header is corrupt")
        width, height = _u16le(data, 6) & 0x3FFF, _u16le(data, 8) & 0x3FFF
    elif chunk == b"VP8L" and len(data) >= 5:
        if data[0] != 0x2F:
            raise MediaFormatError("WebP (lossless) header is corrupt")
        bits = int.from_bytes(data[1:5], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif chunk == b"VP8X" and len(data) >= 10:
        width = int.from_bytes(data[4:7], "little") + 1
        height = int.from_bytes(data[7:10], "little") + 1
    elif chunk in (b"VP8 ", b"VP8L", b"VP8X"):
        raise MediaFormatError("WebP header cut short")
    else:
        raise MediaFormatError(f"WebP with an unknown first chunk {chunk!r}")
    return _positive(width, height)


def _positive(width: int, height: int) -> tuple[int, int]:
    if width <= 0 or height <= 0:
        raise MediaFormatError(f"header gives an empty size ({width} x {height} pixels)")
    return width, height


def _u16be(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 2], "big")


def _u16le(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 2], "little")


def _u32be(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 4], "big")
