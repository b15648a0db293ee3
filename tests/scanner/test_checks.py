"""Check digits, UPC-E expansion and GTIN normalisation."""

import pytest

from scanner.checks import expand_upce, has_valid_mod10, is_valid_text, to_gtin


@pytest.mark.parametrize("digits", ["4006381333931", "96385074", "036000291452", "10012345000017"])
def test_correct_mod10_check_digit_is_accepted(digits):
    assert has_valid_mod10(digits)


@pytest.mark.parametrize("digits", ["4006381333932", "96385075", "036000291453", "10012345000018"])
def test_wrong_mod10_check_digit_is_rejected(digits):
    assert not has_valid_mod10(digits)


@pytest.mark.parametrize("upce,upca", [("05096893", "050968000093"), ("04963406", "049000006346"),
                                       ("04124498", "041244000098"), ("01264904", "012000006494")])
def test_upce_expands_to_its_upca(upce, upca):
    assert expand_upce(upce) == upca


@pytest.mark.parametrize("symbology,text", [("EAN-13", "400638133393"), ("EAN-8", "9638507a"),
                                            ("UPC-E", "24252614"), ("ITF", "12345"),
                                            ("ITF", "10012345000018"), ("UPC-A", "036000291453")])
def test_malformed_texts_fail_their_symbology_checks(symbology, text):
    assert not is_valid_text(symbology, text)


def test_itf_without_check_digit_is_allowed_below_14_digits():
    assert is_valid_text("ITF", "0053611912")


@pytest.mark.parametrize("symbology,text", [("Code128", "ABC"), ("ITF", "0053611912"),
                                            ("EAN-13", "4006381333932")])
def test_no_gtin_without_a_valid_gtin_carrier(symbology, text):
    assert to_gtin(symbology, text) is None
