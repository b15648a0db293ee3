"""What a Reading says beyond its text: GTIN, GS1 flag, raw bytes."""

import pytest

from scanner import Reading, decode, synthetic

from .factories import UNLIMITED, make_code, on_canvas

GTINS = [
    ("EAN-13", "4006381333931", "04006381333931"),
    ("EAN-8", "96385074", "00000096385074"),
    ("UPC-A", "036000291452", "00036000291452"),
    ("UPC-E", "04252614", "00042100005264"),
    ("ITF", "10012345000017", "10012345000017"),
]


@pytest.mark.parametrize("symbology,text,gtin", GTINS)
def test_retail_and_itf14_readings_carry_the_14_digit_gtin(symbology, text, gtin):
    (reading,) = decode(on_canvas(make_code(symbology, text)), mode="still", budget_ms=UNLIMITED)
    assert (reading.symbology, reading.text, reading.gtin) == (symbology, text, gtin)


@pytest.mark.parametrize("symbology", ["Code128", "QRCode", "DataMatrix"])
def test_non_gtin_symbologies_have_no_gtin(symbology):
    (reading,) = decode(on_canvas(make_code(symbology)), mode="still", budget_ms=UNLIMITED)
    assert reading.gtin is None and not reading.is_gs1


@pytest.mark.parametrize("symbology", ["Code128", "DataMatrix", "QRCode"])
def test_gs1_codes_are_flagged_and_keep_group_separators(symbology):
    code = synthetic.render(symbology, "(01)09501101530003(10)AB12(17)260101", 3, gs1=True)
    (reading,) = decode(on_canvas(code, size=(1000, 400)), mode="still", budget_ms=UNLIMITED)
    assert reading.is_gs1
    assert reading.text == "010950110153000310AB12\x1d17260101"


def test_raw_bytes_are_the_symbol_payload():
    (reading,) = decode(on_canvas(make_code("QRCode", b"\x00\xffbin")), mode="still", budget_ms=UNLIMITED)
    assert reading.raw == b"\x00\xffbin"


def test_reading_is_frozen():
    reading = Reading("EAN-8", "96385074", b"96385074", ((0, 0),) * 4)
    with pytest.raises(AttributeError):
        reading.text = "x"
