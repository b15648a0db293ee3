"""A tight crop of a GS1-128 must not scan as an EAN-13: part of one symbol is not a product.

zxing-cpp finds an EAN-13 with a valid check digit in the bars of some Code 128 symbols whose
end (stop pattern, quiet zone) the crop cut off. These symbols and crops were found by
bench/scanner_misreads.py; before the quiet-zone check, decode() reported the EAN-13.
"""

import cv2
import pytest

from scanner import decode, synthetic

from .factories import UNLIMITED

MODULE_PX = 3.5
# (GS1 element string, modules of quiet zone left, blur sigma): the last 9 modules cut off.
TIGHT_CROPS = [
    ("(01)29292071152657(10)EKK96P7WLD872(21)536", 2, 0.0),
    ("(01)02080110745976(10)20TVT9XNF9IAGSUJZA0(21)2738106", 0, 1.5),
]


def cut_gs1_128(text, quiet, sigma):
    """The GS1-128 of text with `quiet` modules of white on the left and its right end cut."""
    code = synthetic.cropped(synthetic.bars(text, MODULE_PX, gs1=True), MODULE_PX, quiet, -9)
    return synthetic.blur(code, sigma) if sigma else code


@pytest.mark.parametrize(("text", "quiet", "sigma"), TIGHT_CROPS)
def test_gs1_128_cut_at_its_end_yields_no_ean13(text, quiet, sigma):
    readings = decode(cut_gs1_128(text, quiet, sigma), mode="still", budget_ms=UNLIMITED)
    assert [(r.symbology, r.text) for r in readings] == []


def test_gs1_128_cut_at_its_end_sent_as_png_yields_no_ean13():
    ok, png = cv2.imencode(".png", cut_gs1_128(*TIGHT_CROPS[0]))
    assert ok
    assert decode(png.tobytes(), mode="still", budget_ms=UNLIMITED) == []
