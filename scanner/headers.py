"""Read image dimensions from PNG, JPEG and WebP headers without decoding pixels."""

import struct

from .errors import ImageError

MAX_PIXELS = 40_000_000  # the largest image decoded (a 40-megapixel photo)

_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that carry a two-byte length the decoder (libjpeg) skips by: DHT, DAC, DNL, DQT,
# DRI, APP0-15, COM. TEM (FF01) and RST0-7 (FFD0-D7) stand alone, without a length.
_JPEG_SEGMENTS = frozenset({0xC4, 0xCC, 0xDB, 0xDC, 0xDD, 0xFE, *range(0xE0, 0xF0)})
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_SOS = 0xDA


def _png_size(data):
    """Width and height from the IHDR chunk, which PNG puts first and the decoder reads; the
    file must also end with IEND."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ImageError("truncated PNG header")
    if b"IEND" not in data[-12:]:
        raise ImageError("truncated PNG (no IEND chunk)")
    return struct.unpack(">II", data[16:24])


def _next_marker(data, pos):
    """(marker, position after it) from pos, as libjpeg's next_marker reads: bytes before an
    FF are discarded, FF fill bytes swallowed, and FF 00 (stuffed zero) is not a marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0:
            raise ImageError("JPEG without a frame header")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise ImageError("JPEG without a frame header")
        if data[pos] != 0:
            return data[pos], pos + 1
        pos += 1


def _jpeg_size(data):
    """Width and height from the frame header (SOF) that the decoder will use.

    The markers are walked the way libjpeg walks them up to the start of scan. Anything the
    decoder would refuse, or read otherwise than we can tell (a second SOF, a marker it does
    not know, a scan before the frame header), is refused here, so the size checked is the
    size decoded."""
    if not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        raise ImageError("truncated JPEG (no end-of-image marker)")
    pos, size = 2, None
    while True:
        marker, pos = _next_marker(data, pos)
        if marker in _JPEG_STANDALONE:
            continue
        if marker == _SOS:
            if size is None:
                raise ImageError("JPEG scan before its frame header")
            return size
        if marker not in _JPEG_SEGMENTS and marker not in _JPEG_SOF:
            raise ImageError(f"JPEG marker FF{marker:02X} where the decoder expects a segment")
        if pos + 2 > len(data):
            raise ImageError("truncated JPEG header")
        length = struct.unpack(">H", data[pos:pos + 2])[0]
        if length < 2 or pos + length > len(data):
            raise ImageError("corrupt JPEG segment length")
        if marker in _JPEG_SOF:
            if size is not None or length < 8:
                raise ImageError("JPEG with a second or short frame header")
            height, width = struct.unpack(">HH", data[pos + 3:pos + 7])
            size = (width, height)
        pos += length


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
