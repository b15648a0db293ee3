"""Stocktap's barcode reader: decode() turns an image into checked Readings."""
import os

from .headers import MAX_PIXELS

# OpenCV's own cap on the pixels it will decode, whatever our header reading concluded. cv2
# reads it once, when it loads, so it is set before any module of ours imports cv2.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))

from .decode import decode  # noqa: E402
from .errors import ImageError  # noqa: E402
from .headers import image_size  # noqa: E402
from .reading import SYMBOLOGIES, Reading  # noqa: E402
from .tracking import SeenCodes  # noqa: E402

__all__ = ["decode", "image_size", "ImageError", "Reading", "SeenCodes", "SYMBOLOGIES"]
