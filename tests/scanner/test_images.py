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


def test_a_jpeg_hiding_its_size_behind_a_marker_without_length_is_refused():
    from tests.backend.scan.images import jpeg_hiding_its_size
    with pytest.raises(ImageError, match="8000x8000"):
        decode(jpeg_hiding_its_size(8000, 8000))


def test_jpeg_markers_without_length_and_fill_bytes_are_read_as_the_decoder_reads_them():
    from scanner import image_size
    image = on_canvas(make_code("EAN-13"))
    data = cv2.imencode(".jpg", image)[1].tobytes()
    # TEM, RST0, fill bytes and a stuffed zero before the frame header: all read past.
    padded = data[:2] + b"\xff\x01\xff\xd0\xff\xff\xff\x00" + data[2:]
    assert image_size(padded) == (image.shape[1], image.shape[0])
    assert decode(padded) == decode(data)


@pytest.mark.parametrize("bad", [b"\xff\xd8\xff\xda\x00\x02\xff\xd9",  # scan before the frame
                                 b"\xff\xd8\xff\xf3\x00\x02\xff\xd9"])  # unknown marker
def test_a_jpeg_that_cannot_be_sized_is_refused(bad):
    with pytest.raises(ImageError):
        decode(bad)


def test_opencv_itself_refuses_more_pixels_than_the_limit():
    import subprocess
    import sys
    script = ("import scanner, cv2, numpy as np\n"
              "data = cv2.imencode('.png', np.zeros((5000, 8001), np.uint8))[1]\n"
              "try:\n    cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)\nexcept cv2.error:\n"
              "    print('refused')\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "refused"
