"""Adapters turning zxing-cpp and zbar results into Readings."""

import zxingcpp

from .checks import is_valid_text, to_gtin
from .reading import Reading
from .zbar import scan_linear

_ZX = zxingcpp.BarcodeFormat
_ZX_NAMES = {
    _ZX.EAN13: "EAN-13", _ZX.EAN8: "EAN-8", _ZX.UPCA: "UPC-A", _ZX.UPCE: "UPC-E",
    _ZX.Code128: "Code128", _ZX.Code39: "Code39", _ZX.ITF: "ITF", _ZX.ITF14: "ITF",
    _ZX.QRCode: "QRCode", _ZX.DataMatrix: "DataMatrix", _ZX.PDF417: "PDF417",
}
ZX_FORMATS = zxingcpp.barcode_formats_from_str(
    "EAN13,EAN8,UPCA,UPCE,Code128,Code39,ITF,QRCode,DataMatrix,PDF417")
ZX_LINEAR = zxingcpp.barcode_formats_from_str("EAN13,EAN8,UPCA,UPCE,Code128,Code39,ITF")
ZX_TILTED = zxingcpp.barcode_formats_from_str("EAN13,EAN8,UPCA,UPCE,Code128,Code39,ITF,PDF417")
_GS1_IDS = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})


def _normalise_retail(symbology, text):
    """A leading-zero EAN-13 is bar for bar a UPC-A: name it the way people print it."""
    if symbology == "EAN-13" and len(text) == 13 and text.startswith("0"):
        return "UPC-A", text[1:]
    return symbology, text


def make_reading(symbology, text, raw, polygon, is_gs1, engine):
    """Build a Reading if the text passes its symbology's checks, else None."""
    symbology, text = _normalise_retail(symbology, text)
    if not is_valid_text(symbology, text):
        return None
    return Reading(symbology, text, raw, polygon, to_gtin(symbology, text), is_gs1, engine)


def _zxing_reading(barcode):
    """Convert one zxingcpp.Barcode, or None if unsupported or failing checks."""
    symbology = _ZX_NAMES.get(barcode.format)
    if symbology is None:
        return None
    text = barcode.text
    if symbology == "UPC-E":
        # zxing expands UPC-E to 13 digits; the symbol itself carries eight.
        text = (barcode.extra or {}).get("UPCE", "")
    pos = barcode.position
    polygon = tuple((float(p.x), float(p.y)) for p in
                    (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left))
    is_gs1 = (barcode.content_type == zxingcpp.ContentType.GS1
              or barcode.symbology_identifier in _GS1_IDS)
    return make_reading(symbology, text, bytes(barcode.bytes), polygon, is_gs1, "zxing")


def read_zxing(grey, formats=ZX_FORMATS, *, rotate=True, invert=True, downscale=True,
               binarizer=zxingcpp.Binarizer.LocalAverage):
    """Run zxing-cpp on a grey image and return checked Readings."""
    found = zxingcpp.read_barcodes(
        grey, formats=formats, try_rotate=rotate, try_invert=invert, try_downscale=downscale,
        text_mode=zxingcpp.TextMode.Plain, binarizer=binarizer)
    return [r for r in map(_zxing_reading, found) if r is not None]


def read_zbar(grey, density=2, upright=False):
    """Run zbar's linear decoders on a grey image (rows only if upright); checked Readings."""
    found = (make_reading(name, data.decode("latin-1"), data,
                          tuple((float(x), float(y)) for x, y in polygon), False, "zbar")
             for name, data, polygon in scan_linear(grey, density, upright))
    return [r for r in found if r is not None]
