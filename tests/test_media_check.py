"""Media judged by content: the format from the first bytes, the pixel size from the header,
unsafe SVG, renamed, cut short and oversized files refused before anything decodes them.

Pictures are made here, by Qt's own encoders (PNG, JPEG, WebP) or byte by byte from the
format specifications (GIF, PNG bombs with a correct IHDR CRC, WebP VP8X, MP4 and WebM
headers); where Qt can read a file, its reader must agree with the size found here.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader

from kiosk.errors import SyncRefused
from kiosk.io.media_check import (
    HEAD_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_IMAGE_SIDE,
    MAX_SVG_BYTES,
    MediaFormatError,
    check_media,
    image_dimensions,
    sniff,
    unsafe_svg,
)
from kiosk.resources import demo_site

# -- makers ----------------------------------------------------------------------------------


def qt_encode(width: int, height: int, fmt: str, quality: int = -1) -> bytes:
    """A picture encoded by Qt's writer for ``fmt`` (PNG, JPEG, WEBP)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d3557"))
    for x in range(0, width, 3):
        image.setPixelColor(x, x % height, QColor("#f2d68a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt, quality), f"Qt cannot write {fmt}"
    buffer.close()
    return bytes(data.data())


def qt_size(data: bytes) -> tuple[int, int]:
    """The size Qt's image reader finds in ``data`` (from the header: nothing is decoded)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    size = QImageReader(buffer).size()
    return size.width(), size.height()


def chunk(kind: bytes, payload: bytes) -> bytes:
    """A PNG chunk with its CRC."""
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def png(width: int, height: int, idat: bytes | None = None, end: bool = True) -> bytes:
    """A PNG written by hand: 8-bit greyscale, ``idat`` as its compressed data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    if idat is None:
        idat = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", idat)
        + (chunk(b"IEND", b"") if end else b"")
    )


def png_bomb(side: int = 30000) -> bytes:
    """A real decompression bomb: a ~50 KB PNG whose IHDR (correct CRC) declares ``side`` x
    ``side`` pixels, followed by deflated zero rows (its first 50 MB of pixel data)."""
    deflate = zlib.compressobj(9)
    zeros = bytes(1 << 20)
    idat = b"".join(deflate.compress(zeros) for _ in range(50)) + deflate.flush()
    return png(side, side, idat)


def gif(width: int, height: int) -> bytes:
    """A one-frame GIF89a whose logical screen is ``width`` x ``height`` (one 1x1 frame)."""
    screen = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0)
    palette = b"\xff\xff\xff\x00\x00\x00"
    frame = b"," + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return screen + palette + frame + b";"


def webp_vp8x(width: int, height: int) -> bytes:
    """The extended WebP header (VP8X chunk) declaring a ``width`` x ``height`` canvas."""
    payload = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little")
    payload += (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def box(kind: bytes, payload: bytes = b"") -> bytes:
    """An ISO base media (MP4) box."""
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(brand: bytes = b"isom", compatible: bytes = b"isomiso2avc1mp41") -> bytes:
    """ftyp, an (empty) moov and an mdat: the top-level shape of an MP4 file."""
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + compatible)
    return ftyp + box(b"moov", box(b"mvhd", bytes(100))) + box(b"mdat", bytes(4000))


def webm(doctype: bytes = b"webm") -> bytes:
    """An EBML header with ``doctype`` (then a few bytes of a Segment)."""
    fields = b"\x42\x86\x81\x01" + b"\x42\xf7\x81\x01" + b"\x42\x82" + bytes([0x80 | len(doctype)])
    fields += doctype + b"\x42\x87\x81\x04\x42\x85\x81\x02"
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(fields)]) + fields + b"\x18\x53\x80\x67\x01"


def jpeg_with_metadata(jpeg: bytes, app_bytes: int) -> bytes:
    """``jpeg`` with APP1 segments (like camera EXIF/XMP) totalling ``app_bytes`` before its
    frame header."""
    segments = b""
    while app_bytes > 0:
        size = min(app_bytes, 65533)
        segments += b"\xff\xe1" + struct.pack(">H", size + 2) + b"X" * size
        app_bytes -= size
    return jpeg[:2] + segments + jpeg[2:]


SAFE_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn for the test -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect class="a" width="10" height="10" style="stroke: url('#g')"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    return write


# -- sniff -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: qt_encode(4, 3, "PNG"), "png"),
        (lambda: qt_encode(4, 3, "JPEG"), "jpeg"),
        (lambda: qt_encode(4, 3, "WEBP", 80), "webp"),
        (lambda: gif(4, 3), "gif"),
        (lambda: SAFE_SVG, "svg"),
        (lambda: b"\xef\xbb\xbf  <svg/>", "svg"),  # UTF-8 byte order mark
        (lambda: "<?xml version='1.0' encoding='UTF-16'?><svg/>".encode("utf-16"), "svg"),
        (lambda: b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg:svg/>', "svg"),
        (lambda: mp4(), "mp4"),
        (lambda: mp4(b"qt  ", b"qt  "), "mov"),
        (lambda: box(b"wide") + box(b"mdat", bytes(20)), "mov"),  # QuickTime before ftyp
        (lambda: webm(), "webm"),
        (lambda: webm(b"matroska"), "matroska"),
        (lambda: mp4(b"heic", b"mif1heic"), "heif"),
        (lambda: mp4(b"mif1", b"mif1avif"), "avif"),
        (lambda: mp4(b"M4A ", b"M4A mp42isom"), "m4a"),
    ],
)
def test_sniff_tells_the_format_from_the_content(make: Callable[[], bytes], kind: str) -> None:
    assert sniff(make()[:HEAD_BYTES]) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<!DOCTYPE html><html><body><svg/></body></html>",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>",
        b"<svgfoo/>",
        b"<!-- <svg> in a comment only",
        b"%PDF-1.7\n",
        b"just text about an svg",
        webm(b"other"),
        bytes(range(256)),
    ],
)
def test_sniff_recognises_nothing_else(data: bytes) -> None:
    assert sniff(data) is None


def test_sniff_is_linear_on_hostile_prologues() -> None:
    """Regular expressions with nested repetition take hours on such input; this must not."""
    for data in (b"<!DOCTYPE [" + b"]" * 65000, b"<?" + b"?" * 65000, b"<!--" + b"-" * 65000):
        assert sniff(data) is None


# -- image_dimensions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "quality"), [("PNG", -1), ("JPEG", 90), ("WEBP", 80), ("WEBP", 100)]
)
def test_dimensions_agree_with_qt(fmt: str, quality: int) -> None:
    data = qt_encode(123, 45, fmt, quality)
    assert image_dimensions(data[:HEAD_BYTES]) == (123, 45) == qt_size(data)


def test_webp_lossless_is_read_from_its_vp8l_header() -> None:
    data = qt_encode(300, 7, "WEBP", 100)
    assert data[12:16] == b"VP8L"  # Qt writes quality 100 as lossless
    assert image_dimensions(data) == (300, 7)
    assert qt_encode(300, 7, "WEBP", 50)[12:16] == b"VP8 "


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(640, 2), (640, 2)),
        (gif(321, 123), (321, 123)),
        (webp_vp8x(5000, 1), (5000, 1)),
        (png_bomb(), (30000, 30000)),
    ],
)
def test_dimensions_of_hand_made_headers(data: bytes, size: tuple[int, int]) -> None:
    assert image_dimensions(data) == size


def test_hand_made_files_are_what_qt_reads() -> None:
    assert qt_size(gif(321, 123)) == (321, 123)
    assert qt_size(png(640, 2)) == (640, 2)
    assert qt_size(png_bomb()) == (30000, 30000)  # Qt would try to decode 900 megapixels


def test_jpeg_frame_header_is_found_past_the_metadata() -> None:
    plain = qt_encode(200, 100, "JPEG")
    data = jpeg_with_metadata(plain, 10_000)
    assert image_dimensions(data) == (200, 100) == qt_size(data)
    progressive = plain[:2] + b"\xff\xff\xff" + plain[2:]  # fill bytes before a marker
    assert image_dimensions(progressive) == (200, 100)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "ends before"),
        (b"\xff\xd8\xff\xda\x00\x08" + bytes(8), "no frame header"),
        (b"\xff\xd8\xff\xe0\x00\x01", "corrupt"),
        (png(10, 10)[:20], "cut short"),
        (png(10, 10)[:29] + b"\x00\x00\x00\x00" + png(10, 10)[33:], "bad CRC"),
        (png(0, 10), "empty size"),
        (gif(0, 4), "empty size"),
        (b"RIFF\x12\x00\x00\x00WEBPVP8 \x0a\x00\x00\x00" + bytes(10), "corrupt"),
        (SAFE_SVG, "no pixel size"),
        (mp4(), "no pixel size"),
        (b"<html>", "not a picture"),
    ],
)
def test_dimensions_refuse_what_they_cannot_read(data: bytes, words: str) -> None:
    with pytest.raises(MediaFormatError, match=words):
        image_dimensions(data)


# -- unsafe SVG ------------------------------------------------------------------------------


def svg(inner: str, attrs: str = "") -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f"{attrs}>{inner}</svg>"
    ).encode()


def test_the_demo_logo_and_a_careful_drawing_are_safe() -> None:
    assert unsafe_svg((demo_site() / "media" / "logo.svg").read_bytes()) is None
    assert unsafe_svg(SAFE_SVG) is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (svg("<script>alert(1)</script>"), "<script>"),
        (svg("<SCRIPT>alert(1)</SCRIPT>"), "<script>"),
        (svg('<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>'), "<script>"),
        (svg("", 'onload="alert(1)"'), "onload"),
        (svg('<rect onClick="steal()"/>'), "onClick"),
        (svg("<foreignObject><p>html</p></foreignObject>"), "foreignObject"),
        (svg('<image href="http://tracker.example/pixel.png"/>'), "http://tracker"),
        (svg('<use xlink:href="https://example.org/sprite.svg#icon"/>'), "xlink:href|href"),
        (svg('<image xlink:href="photo.jpg"/>'), "photo.jpg"),
        (svg('<a href="java&#x09;script:alert(1)"><rect/></a>'), "javascript"),
        (svg('<rect fill="url(http://example.org/p.svg#x)"/>'), "url\\(http"),
        (svg('<rect style="fill: url(//example.org/x)"/>'), "url\\(//"),
        (svg("<style>@import url(#ok);</style>"), "@import"),
        (svg("<style>rect { background: u\\72l(http://x) }</style>"), "escapes"),
        (svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), "data:image/svg"),
        (
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://x/svg11.dtd">' + svg(""),
            "DOCTYPE",
        ),
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + svg("&a;"), "DOCTYPE"),
        (b'<?xml-stylesheet href="http://example.org/s.css"?>' + svg(""), "stylesheet"),
        (
            svg('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>'),
            "XInclude",
        ),
        (b"<svg><rect></svg>", "not well-formed"),
        (b"x" * (MAX_SVG_BYTES + 1), "at most"),
    ],
)
def test_unsafe_svg_says_why(data: bytes, words: str) -> None:
    reason = unsafe_svg(data)
    assert reason is not None
    assert re.search(words, reason), reason


# -- check_media -----------------------------------------------------------------------------


def test_every_demo_media_file_passes() -> None:
    media = sorted((demo_site() / "media").iterdir())
    infos = {p.name: check_media(f"media/{p.name}", p) for p in media}
    assert infos["mairie.jpg"].kind == "jpeg"
    assert (infos["mairie.jpg"].width, infos["mairie.jpg"].height) == (1600, 1000)
    assert infos["logo.svg"].mime == "image/svg+xml"
    assert infos["noel.mp4"].is_video and infos["noel.mp4"].width is None
    assert all(
        info.size == (demo_site() / "media" / name).stat().st_size for name, info in infos.items()
    )


@pytest.mark.parametrize(
    ("name", "make", "kind", "size"),
    [
        ("media/a.png", lambda: qt_encode(40, 30, "PNG"), "png", (40, 30)),
        ("media/a.JPG", lambda: qt_encode(40, 30, "JPEG"), "jpeg", (40, 30)),
        (
            "media/a.jpeg",
            lambda: jpeg_with_metadata(qt_encode(40, 30, "JPEG"), 200_000),
            "jpeg",
            (40, 30),
        ),
        ("media/a.webp", lambda: qt_encode(40, 30, "WEBP", 80), "webp", (40, 30)),
        ("media/a.gif", lambda: gif(40, 30), "gif", (40, 30)),
        ("media/a.svg", lambda: SAFE_SVG, "svg", None),
        ("media/a.mp4", mp4, "mp4", None),
        ("media/a.mov", lambda: mp4(b"qt  ", b"qt  "), "mov", None),
        ("media/a.webm", webm, "webm", None),
        ("media/a.mkv", lambda: webm(b"matroska"), "matroska", None),
        ("media/a.webm", lambda: webm(b"matroska"), "matroska", None),
    ],
)
def test_check_media_accepts_good_files(
    write: Callable[[str, bytes], Path],
    name: str,
    make: Callable[[], bytes],
    kind: str,
    size: tuple[int, int] | None,
) -> None:
    info = check_media(name, write("f", make()))
    assert info.kind == kind
    assert (info.width, info.height) == (size or (None, None))


def test_jpeg_metadata_beyond_the_first_bytes_is_walked_in_the_file(
    write: Callable[[str, bytes], Path],
) -> None:
    """Phones put megabytes of depth maps and XMP before the frame header."""
    data = jpeg_with_metadata(qt_encode(64, 48, "JPEG"), 3 * HEAD_BYTES)
    with pytest.raises(MediaFormatError):
        image_dimensions(data[:HEAD_BYTES])
    info = check_media("media/portrait.jpg", write("portrait.jpg", data))
    assert (info.width, info.height) == (64, 48)


def test_data_after_the_jpeg_end_is_accepted(write: Callable[[str, bytes], Path]) -> None:
    """ "Motion photos" append a video after the picture's end marker."""
    data = qt_encode(64, 48, "JPEG") + mp4()
    assert check_media("media/motion.jpg", write("motion.jpg", data)).kind == "jpeg"


def refusal(name: str, file: Path) -> str:
    with pytest.raises(SyncRefused) as caught:
        check_media(name, file)
    message = str(caught.value)
    assert message.startswith(f"media {name}: "), message
    return message


def test_a_png_renamed_jpg_is_refused_with_the_right_extension(
    write: Callable[[str, bytes], Path],
) -> None:
    message = refusal("media/affiche.jpg", write("affiche.jpg", qt_encode(8, 8, "PNG")))
    assert "a PNG picture" in message and "a JPEG picture" in message and ".png" in message


def test_a_web_page_named_jpg_is_refused(write: Callable[[str, bytes], Path]) -> None:
    page = b"<!DOCTYPE html>\n<html lang='fr'><head><title>Erreur 404</title></head></html>"
    message = refusal("media/photo.jpg", write("photo.jpg", page))
    assert "HTML web page" in message and "not a JPEG picture" in message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("media/photo.jpg", mp4(b"heic", b"mif1heic"), "HEIF/HEIC"),
        (
            "media/clip.mp4",
            qt_encode(8, 8, "JPEG"),
            "a JPEG picture but its name says an MP4 video",
        ),
        ("media/clip.mp4", mp4(b"M4A ", b"M4A "), "audio file"),
        ("media/logo.svg", b"\x1f\x8b\x08\x00" + bytes(30), "gzip"),
        ("media/scan.png", b"%PDF-1.4\n%...", "PDF"),
        ("media/empty.gif", b"", "empty file"),
        ("media/logo.svg", svg("<script>x()</script>"), "unsafe SVG: it contains a <script>"),
        ("media/plan.bmp", b"BM" + bytes(60), "unsupported extension"),
    ],
)
def test_wrong_content_is_refused(
    write: Callable[[str, bytes], Path], name: str, data: bytes, words: str
) -> None:
    assert words in refusal(name, write("file", data))


def test_a_png_bomb_is_refused_before_decoding(write: Callable[[str, bytes], Path]) -> None:
    bomb = png_bomb()
    assert len(bomb) < 60_000  # a small download...
    message = refusal("media/affiche.png", write("bomb.png", bomb))
    assert "30000 x 30000 pixels" in message and "900 megapixels" in message  # ...3.6 GB decoded


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("media/wide.gif", gif(MAX_IMAGE_SIDE + 1, 1)),
        ("media/canvas.webp", webp_vp8x(20000, 20000)),
        ("media/tall.png", png(1, MAX_IMAGE_SIDE + 1, end=False)),  # header alone is enough
    ],
)
def test_pictures_over_the_side_limit_are_refused(
    write: Callable[[str, bytes], Path], name: str, data: bytes
) -> None:
    assert "resize it" in refusal(name, write("f", data))


def test_limits_are_inclusive_and_configurable(write: Callable[[str, bytes], Path]) -> None:
    assert MAX_IMAGE_PIXELS == MAX_IMAGE_SIDE * MAX_IMAGE_SIDE
    file = write("a.gif", gif(100, 50))
    assert check_media("a.gif", file, max_side=100, max_pixels=5000).width == 100
    with pytest.raises(SyncRefused, match="100 x 50 pixels"):
        check_media("a.gif", file, max_side=99)
    with pytest.raises(SyncRefused, match="100 x 50 pixels"):
        check_media("a.gif", file, max_pixels=4999)
    assert check_media("a.gif", write("b.gif", gif(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))).width == 8192


@pytest.mark.parametrize(
    ("name", "cut", "words"),
    [
        ("media/photo.jpg", lambda d: d[: len(d) // 2], "no end marker"),
        ("media/photo.jpg", lambda d: d[:40], "ends before|ends in"),
        ("media/poster.png", lambda d: d[:-12], "without its IEND"),
        ("media/poster.png", lambda d: d[: len(d) // 2], "past the end"),
        ("media/poster.webp", lambda d: d[: len(d) // 2], "declares"),
    ],
)
def test_pictures_cut_short_are_refused(
    write: Callable[[str, bytes], Path], name: str, cut: Callable[[bytes], bytes], words: str
) -> None:
    fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
    whole = qt_encode(300, 200, fmt, 80)
    assert check_media(name, write("whole", whole)).width == 300
    message = refusal(name, write("cut", cut(whole)))
    assert re.search(words, message), message


def test_a_video_cut_short_is_refused(write: Callable[[str, bytes], Path]) -> None:
    video = (demo_site() / "media" / "noel.mp4").read_bytes()
    assert "runs past the end" in refusal("media/noel.mp4", write("noel.mp4", video[:-1000]))
    assert "no 'moov'" in refusal("media/a.mp4", write("a.mp4", box(b"ftyp", b"isom" + bytes(4))))


def test_unreadable_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    message = refusal("media/absent.jpg", tmp_path / "absent.jpg")
    assert "cannot read" in message and "No such file" in message
