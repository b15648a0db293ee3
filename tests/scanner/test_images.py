"""Bad input raises ImageError quickly, before any large allocation."""

import struct
import zlib

import cv2
import numpy as np
import pytest

from scanner import ImageError, decode

from .factories import make_code, on_canvas


def png_header(width, height):
    """A PNG whose IHDR claims the given size, followed by a tiny IDAT and IEND."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def encoded(extension):
    return cv2.imencode(extension, on_canvas(make_code("EAN-13")))[1].tobytes()


@pytest.mark.parametrize("data", [b"", b"hello world", b"GIF89a" + b"\0" * 40, b"\x89PNG\r\n"])
def test_unknown_or_garbage_bytes_raise_image_error(data):
    with pytest.raises(ImageError):
        decode(data)


@pytest.mark.parametrize("extension", [".png", ".jpg", ".webp"])
def test_truncated_images_raise_image_error(extension):
    data = encoded(extension)
    with pytest.raises(ImageError):
        decode(data[: len(data) // 2])


@pytest.mark.parametrize("width,height", [(100_000, 100_000), (65_535, 1_000)])
def test_huge_dimensions_in_header_are_refused_before_decoding(width, height):
    with pytest.raises(ImageError, match="too large"):
        decode(png_header(width, height))


def test_huge_jpeg_header_is_refused():
    data = bytearray(encoded(".jpg"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 60_000, 60_000)
    with pytest.raises(ImageError, match="too large"):
        decode(bytes(data))


@pytest.mark.parametrize("array", [np.zeros((10, 10), np.float32), np.zeros((4, 4, 2), np.uint8),
                                   np.zeros((0, 10), np.uint8)])
def test_unusable_arrays_raise_image_error(array):
    with pytest.raises(ImageError):
        decode(array)


def test_non_image_objects_raise_image_error():
    with pytest.raises(ImageError):
        decode("a string is not an image")
