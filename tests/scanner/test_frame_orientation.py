"""Frame mode's first pass reads codes turned a quarter, light-on-dark codes, and huge stills."""

import cv2
import pytest

from scanner import decode, preprocess

from .factories import SAMPLE_TEXTS, UNLIMITED, make_code, on_canvas

LINEAR_SAMPLES = ["EAN-13", "Code128", "ITF"]


def _inside(polygon, x0, y0, x1, y1, slack=2):
    return all(x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack for x, y in polygon)


@pytest.mark.parametrize("symbology", LINEAR_SAMPLES)
def test_quarter_turned_code_reads_in_frame_mode(symbology):
    frame = preprocess.quarter_turn(on_canvas(make_code(symbology), size=(720, 480)))
    assert [r.text for r in decode(frame, mode="frame")] == [SAMPLE_TEXTS[symbology]]


def test_quarter_turned_polygon_is_in_original_coordinates():
    # Large enough modules to survive frame mode's halving of a 1280 px frame.
    code = make_code("EAN-13", module_px=5)
    canvas = on_canvas(code, size=(1280, 720), at=(600, 150))
    frame = preprocess.quarter_turn(canvas)
    (reading,) = decode(frame, mode="frame")
    # Clockwise quarter turn: the canvas's (x, y) lands at (719 - y, x).
    h, w = code.shape
    assert _inside(reading.polygon, 719 - (150 + h), 600, 719 - 150, 600 + w, slack=4)


@pytest.mark.parametrize("symbology", [*LINEAR_SAMPLES, "QRCode"])
def test_light_on_dark_code_reads_in_frame_mode(symbology):
    frame = preprocess.invert(on_canvas(make_code(symbology), size=(800, 600), at=(100, 80)))
    assert [r.text for r in decode(frame, mode="frame")] == [SAMPLE_TEXTS[symbology]]


def test_bar_angle_tells_upright_bars_from_lying_ones():
    upright = on_canvas(make_code("EAN-13"))
    assert abs(preprocess.bar_angle(upright)) < 10
    assert abs(preprocess.bar_angle(preprocess.quarter_turn(upright))) > 80


def test_huge_still_reads_with_polygon_in_original_coordinates():
    code = make_code("PDF417", module_px=8)
    canvas = on_canvas(code, size=(2400, 2000), at=(900, 800))
    (reading,) = decode(canvas, mode="still", budget_ms=UNLIMITED)
    h, w = code.shape
    assert reading.text == SAMPLE_TEXTS["PDF417"]
    assert _inside(reading.polygon, 900, 800, 900 + w, 800 + h, slack=12)


def test_empty_inverted_frame_reads_nothing(rng):
    frame = preprocess.invert(on_canvas(make_code("EAN-13"))[300:, :])
    assert decode(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR), mode="frame") == []
