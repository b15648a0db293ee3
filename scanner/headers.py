"""Read image dimensions from PNG, JPEG and WebP headers without decoding pixels."""

import struct

from .errors import ImageError

_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _png_size(data):
    """Width and height from the IHDR chunk; the file must also end with IEND."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ImageError("truncated PNG header")
    if b"IEND" not in data[-12:]:
        raise ImageError("truncated PNG (no IEND chunk)")
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data):
    """Width and height from the first SOF marker; the file must end with EOI."""
    if not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        raise ImageError("truncated JPEG (no end-of-image marker)")
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            raise ImageError("corrupt JPEG marker stream")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return width, height
        pos += 2 + length
    raise ImageError("JPEG without a frame header")


def _webp_size(data):
    """Width and height from a VP8, VP8L or VP8X chunk; the RIFF size must fit the data."""
    riff_size = struct.unpack("<I", data[4:8])[0]
    if len(data) < 30 or riff_size + 8 > len(data):
        raise ImageError("truncated WebP")
    chunk = data[12:16]
    if chunk == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    raise ImageError("unknown WebP chunk")


def image_size(data):
    """(width, height) of encoded PNG, JPEG or WebP bytes; raises ImageError otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_size(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp_size(data)
    raise ImageError("not a PNG, JPEG or WebP image")
