"""Stocktap's barcode reader: decode() turns an image into checked Readings."""

from .decode import decode
from .errors import ImageError
from .reading import SYMBOLOGIES, Reading
from .tracking import SeenCodes

__all__ = ["decode", "ImageError", "Reading", "SeenCodes", "SYMBOLOGIES"]
