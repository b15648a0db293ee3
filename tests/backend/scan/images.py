"""Scan test helpers: barcode images drawn by zxing-cpp's writer, encoded with OpenCV."""
import struct

import cv2
import numpy as np
import zxingcpp

FORMATS = {"EAN-13": zxingcpp.BarcodeFormat.EAN13, "QRCode": zxingcpp.BarcodeFormat.QRCode,
           "DataMatrix": zxingcpp.BarcodeFormat.DataMatrix,
           "Code128": zxingcpp.BarcodeFormat.Code128}
ENCODINGS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}
CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


def draw(symbology, text, scale=4, gs1=False):
    """A clean grey image of one code with its quiet zone."""
    barcode = zxingcpp.create_barcode(text, FORMATS[symbology], **({"gs1": True} if gs1 else {}))
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=scale))
    return cv2.copyMakeBorder(image, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)


def side_by_side(*images, gap=60):
    """One photo-like canvas holding several codes left to right."""
    height = max(i.shape[0] for i in images)
    width = sum(i.shape[1] for i in images) + gap * (len(images) + 1)
    canvas = np.full((height + 2 * gap, width), 255, np.uint8)
    x = gap
    for image in images:
        canvas[gap:gap + image.shape[0], x:x + image.shape[1]] = image
        x += image.shape[1] + gap
    return canvas


def encode(image, kind="png"):
    """The image as PNG, JPEG or WebP bytes."""
    ok, buf = cv2.imencode(ENCODINGS[kind], image)
    assert ok
    return buf.tobytes()


def png_of(symbology, text, **kw):
    return encode(draw(symbology, text, **kw), "png")


def _segment(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_hiding_its_size(width, height):
    """Issue 14's bomb: a JPEG whose real frame header (width x height) follows a TEM marker
    (FF01, which has no length), while a reader that takes a length after every marker skips
    from TEM into a comment holding a fake 100x100 frame header. The rest is a real 100x100
    JPEG's tables and scan, so the decoder allocates width x height and decodes."""
    small = cv2.imencode(".jpg", np.full((100, 100), 255, np.uint8))[1].tobytes()
    sof_at = small.index(b"\xff\xc0")
    sof_length = struct.unpack(">H", small[sof_at + 2:sof_at + 4])[0]
    sof = small[sof_at:sof_at + 2 + sof_length]
    real_sof = sof[:5] + struct.pack(">HH", height, width) + sof[9:]
    rest = small[2:sof_at] + small[sof_at + 2 + sof_length:-2]  # APP0, DQT, DHT, SOS, scan
    head = b"\xff\xd8\xff\x01" + real_sof
    # The naive reader reads FF C0 (the real SOF's marker) as TEM's length and jumps there.
    landing = 2 + 2 + 0xFFC0
    comment_start = len(head) + 4  # after the COM marker and its length
    padding = bytearray(b"\0" * (landing - comment_start + len(sof) + 16))
    padding[landing - comment_start:landing - comment_start + len(sof)] = sof  # 100x100
    return head + _segment(0xFE, bytes(padding)) + rest + b"\xff\xd9"
