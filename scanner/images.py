"""Turn caller input (arrays or encoded bytes) into a grey ndarray, refusing bad or huge images."""

import cv2
import numpy as np

from .errors import ImageError
from .headers import MAX_PIXELS, image_size
from .preprocess import to_grey


def _check_dimensions(width, height, max_pixels):
    """Refuse empty or oversized images before any pixel is decoded."""
    if width <= 0 or height <= 0:
        raise ImageError("image has no pixels")
    if width * height > max_pixels:
        raise ImageError(f"image too large: {width}x{height} exceeds {max_pixels} pixels")


def decode_bytes(data, max_pixels=MAX_PIXELS):
    """Decode PNG/JPEG/WebP bytes to a grey ndarray; raises ImageError."""
    data = bytes(data)
    width, height = image_size(data)
    _check_dimensions(width, height, max_pixels)
    buf = np.frombuffer(data, dtype=np.uint8)
    try:
        grey = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    except cv2.error as error:  # OpenCV's own pixel cap (see scanner/__init__.py), or corrupt
        raise ImageError("image data could not be decoded") from error
    if grey is None or grey.size == 0:
        raise ImageError("image data could not be decoded")
    return grey


def as_grey(image, max_pixels=MAX_PIXELS):
    """Accept a grey/BGR/BGRA uint8 ndarray or encoded bytes; return a grey ndarray."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        return decode_bytes(image, max_pixels)
    if not isinstance(image, np.ndarray):
        raise ImageError(f"expected an ndarray or bytes, got {type(image).__name__}")
    if image.dtype != np.uint8 or image.ndim not in (2, 3) or (
            image.ndim == 3 and image.shape[2] not in (1, 3, 4)):
        raise ImageError(f"unsupported array: dtype {image.dtype}, shape {image.shape}")
    _check_dimensions(image.shape[1], image.shape[0], max_pixels)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    return np.ascontiguousarray(to_grey(image))
