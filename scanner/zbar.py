"""A lean zbar call through pyzbar's ctypes bindings: configurable scan density, cheap boxes."""

from ctypes import c_void_p, cast, string_at

import numpy as np
from pyzbar import wrapper as zb

_LINEAR = (zb.ZBarSymbol.EAN13, zb.ZBarSymbol.EAN8, zb.ZBarSymbol.UPCA, zb.ZBarSymbol.UPCE,
           zb.ZBarSymbol.CODE128, zb.ZBarSymbol.CODE39, zb.ZBarSymbol.I25)
_Y800 = 0x30303859  # fourcc 'Y800': 8-bit grey
_NAMES = {zb.ZBarSymbol.EAN13: "EAN-13", zb.ZBarSymbol.EAN8: "EAN-8", zb.ZBarSymbol.UPCA: "UPC-A",
          zb.ZBarSymbol.UPCE: "UPC-E", zb.ZBarSymbol.CODE128: "Code128",
          zb.ZBarSymbol.CODE39: "Code39", zb.ZBarSymbol.I25: "ITF"}


def _configure(scanner, density, upright):
    """Enable only the linear symbologies we report; scan every `density`-th line (rows only
    when the bars stand upright)."""
    zb.zbar_image_scanner_set_config(scanner, zb.ZBarSymbol.NONE, zb.ZBarConfig.CFG_ENABLE, 0)
    for symbol in _LINEAR:
        zb.zbar_image_scanner_set_config(scanner, symbol, zb.ZBarConfig.CFG_ENABLE, 1)
    columns = 0 if upright else density  # x density: the vertical scan lines, for lying bars
    zb.zbar_image_scanner_set_config(scanner, 0, zb.ZBarConfig.CFG_X_DENSITY, columns)
    zb.zbar_image_scanner_set_config(scanner, 0, zb.ZBarConfig.CFG_Y_DENSITY, density)


def _symbols(image):
    """Yield (symbology, data, box polygon) for each symbol zbar found."""
    symbol = zb.zbar_image_first_symbol(image)
    while symbol:
        name = _NAMES.get(symbol.contents.type)
        data = string_at(zb.zbar_symbol_get_data(symbol), zb.zbar_symbol_get_data_length(symbol))
        n = zb.zbar_symbol_get_loc_size(symbol)
        # Dense scans give hundreds of points; a sample bounds the box well and costs little.
        sample = [*range(0, n, max(1, n // 24)), n - 1] if n else []
        xs = [zb.zbar_symbol_get_loc_x(symbol, i) for i in sample]
        ys = [zb.zbar_symbol_get_loc_y(symbol, i) for i in sample]
        if name and n:
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            yield name, data, ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
        symbol = zb.zbar_symbol_next(symbol)


def scan_linear(grey, density=1, upright=False):
    """Run zbar's linear decoders over a grey uint8 image; list of (symbology, data, polygon)."""
    pixels = np.ascontiguousarray(grey, dtype=np.uint8).tobytes()
    height, width = grey.shape[:2]
    scanner = zb.zbar_image_scanner_create()
    image = zb.zbar_image_create()
    try:
        _configure(scanner, density, upright)
        zb.zbar_image_set_format(image, _Y800)
        zb.zbar_image_set_size(image, width, height)
        zb.zbar_image_set_data(image, cast(pixels, c_void_p), len(pixels), None)
        if zb.zbar_scan_image(scanner, image) < 0:
            return []
        return list(_symbols(image))
    finally:
        zb.zbar_image_destroy(image)
        zb.zbar_image_scanner_destroy(scanner)
