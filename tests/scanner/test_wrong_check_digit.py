"""Symbols whose check digit is wrong must yield nothing, never a number."""

import numpy as np
import pytest

from scanner import decode, synthetic

from .factories import UNLIMITED, on_canvas

_L = ["0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011"]
_G = [code[::-1].translate(str.maketrans("01", "10")) for code in _L]
_R = [code.translate(str.maketrans("01", "10")) for code in _L]
_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def draw_ean13(digits, module_px=3, height=120):
    """Draw EAN-13 bars for any 13 digits, check digit right or wrong (zxing's writer refuses)."""
    left = "".join((_L if p == "L" else _G)[int(d)] for p, d in zip(_PARITY[int(digits[0])], digits[1:7]))
    right = "".join(_R[int(d)] for d in digits[7:])
    modules = "0" * 11 + "101" + left + "01010" + right + "101" + "0" * 11
    row = np.array([0 if m == "1" else 255 for m in modules], np.uint8).repeat(module_px)
    return np.tile(row, (height, 1))


def test_hand_drawn_ean13_with_correct_check_digit_decodes():
    readings = decode(on_canvas(draw_ean13("4006381333931")), mode="still", budget_ms=UNLIMITED)
    assert [r.text for r in readings] == ["4006381333931"]


@pytest.mark.parametrize("digits", ["4006381333932", "4006381333930", "0036000291453"])
def test_ean13_or_upca_with_wrong_check_digit_yields_nothing(digits):
    assert decode(on_canvas(draw_ean13(digits)), mode="still", budget_ms=UNLIMITED) == []


def test_itf14_with_wrong_check_digit_yields_nothing():
    code = synthetic.render("ITF", "10012345000018")
    assert decode(on_canvas(code), mode="still", budget_ms=UNLIMITED) == []
