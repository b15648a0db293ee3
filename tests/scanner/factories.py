"""Small factories for scanner tests: sample texts, rendered codes, canvases."""

import numpy as np

from scanner import synthetic

# Tests must not depend on machine speed: give still-mode decoding all the time it wants.
UNLIMITED = 60_000

SAMPLE_TEXTS = {
    "EAN-13": "4006381333931",
    "EAN-8": "96385074",
    "UPC-A": "036000291452",
    "UPC-E": "04252614",
    "Code128": "STK-00042/b",
    "Code39": "STOCK42",
    "ITF": "10012345000017",
    "QRCode": "https://stocktap.example/p/42?lot=A7",
    "DataMatrix": "LOT 2024-117 SN 88",
    "PDF417": "Stocktap pallet 42",
}


def make_code(symbology, text=None, module_px=3):
    """A clean rendered code with quiet zone, on a white margin."""
    return synthetic.render(symbology, text or SAMPLE_TEXTS[symbology], module_px=module_px)


def on_canvas(code, size=(640, 480), at=(60, 50), value=235):
    """Paste a code onto a plain light canvas at a known position."""
    w, h = size
    canvas = np.full((h, w), value, np.uint8)
    x, y = at
    canvas[y:y + code.shape[0], x:x + code.shape[1]] = code
    return canvas
