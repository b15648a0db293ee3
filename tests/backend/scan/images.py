"""Scan test helpers: barcode images drawn by zxing-cpp's writer, encoded with OpenCV."""
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
