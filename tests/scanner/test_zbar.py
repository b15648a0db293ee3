"""The lean zbar call: rows-only scanning for bars the ladder has stood upright."""

from scanner import preprocess
from scanner.zbar import scan_linear

from .factories import SAMPLE_TEXTS, make_code, on_canvas


def texts(found):
    return [data.decode() for _, data, _ in found]


def test_rows_only_scan_reads_upright_bars():
    image = on_canvas(make_code("EAN-13"))
    assert texts(scan_linear(image, upright=True)) == [SAMPLE_TEXTS["EAN-13"]]


def test_rows_only_scan_skips_lying_bars():
    image = preprocess.quarter_turn(on_canvas(make_code("EAN-13")))
    assert scan_linear(image, upright=True) == []
    assert texts(scan_linear(image)) == [SAMPLE_TEXTS["EAN-13"]]
