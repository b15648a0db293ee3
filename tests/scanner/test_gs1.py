"""GS1 element strings and Digital Link URIs, checked against GS1 General Specifications cases."""

import ast
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from scanner import gs1, gs1_ais
from scanner.gs1 import (
    GS1Data,
    GS1Element,
    GS1Error,
    Measure,
    gs1_check_digit,
    gs1_year,
    looks_like_gs1,
    parse_digital_link,
    parse_element,
    parse_gs1,
    valid_check_digit,
)

TODAY = date(2025, 6, 15)
GS = "\x1d"


def parse(text):
    return parse_gs1(text, today=TODAY)


def pairs(data: GS1Data):
    return [(e.ai, e.raw) for e in data.elements]


# --- check digits -----------------------------------------------------------------------------

@pytest.mark.parametrize("digits, check", [
    ("950110153000", 3),          # GTIN-13 9501101530003
    ("0950600013435", 2),         # GTIN-14 09506000134352
    ("10614141123456789", 7),     # SSCC 106141411234567897
    ("9638507", 4),               # GTIN-8 96385074
    ("400638133393", 1),          # GTIN-13 4006381333931
    ("950110102001", 6),          # GLN 9501101020016
])
def test_check_digit_is_gs1_mod10(digits, check):
    assert gs1_check_digit(digits) == check


def test_check_digit_of_non_digits_raises():
    with pytest.raises(GS1Error, match="digits only"):
        gs1_check_digit("95011A")


@pytest.mark.parametrize("number, valid", [
    ("9501101530003", True), ("09506000134352", True), ("106141411234567897", True),
    ("96385074", True), ("9501101530004", False), ("106141411234567890", False),
    ("", False), ("7", False), ("950110153000X", False),
])
def test_valid_check_digit(number, valid):
    assert valid_check_digit(number) is valid


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("yy, this_year, year", [
    (25, 2025, 2025),
    (75, 2025, 2075),   # 50 years ahead: still this century
    (76, 2025, 1976),   # 51 years ahead: previous century
    (99, 2025, 1999),
    (0, 2049, 2000),    # 49 years back: this century
    (0, 2050, 2100),    # 50 years back: next century
    (1, 2099, 2101),
])
def test_two_digit_year_follows_gs1_century_rule(yy, this_year, year):
    assert gs1_year(yy, date(this_year, 1, 1)) == year


def test_century_rule_uses_the_injected_today():
    assert parse_gs1("(17)990101", today=date(2025, 1, 1)).expiry == date(1999, 1, 1)
    assert parse_gs1("(17)990101", today=date(2060, 1, 1)).expiry == date(2099, 1, 1)


@pytest.mark.parametrize("raw, expected", [
    ("251100", date(2025, 11, 30)),
    ("240200", date(2024, 2, 29)),   # leap year
    ("250200", date(2025, 2, 28)),
    ("251200", date(2025, 12, 31)),
])
def test_day_00_means_last_day_of_month(raw, expected):
    assert parse(f"(17){raw}").expiry == expected


@pytest.mark.parametrize("ai, prop", [
    ("11", "production_date"), ("15", "best_before"), ("17", "expiry"),
])
def test_date_ais_fill_their_property(ai, prop):
    data = parse(f"(01)09501101530003({ai})250301")
    assert getattr(data, prop) == date(2025, 3, 1)


def test_first_freeze_date_does_not_accept_day_00():
    with pytest.raises(GS1Error, match="AI 7006: day 00 is not valid in 2025-03"):
        parse("(7006)250300")


def test_expiry_time_parses_to_datetime():
    assert parse("(7003)2503011430").get("7003") == datetime(2025, 3, 1, 14, 30)


# --- element strings --------------------------------------------------------------------------

def test_spec_example_gtin_with_net_weight():
    data = parse("(01)95012345678903(3103)000123")
    assert data.gtin == "95012345678903"
    assert data.elements[1] == GS1Element(
        "3103", "000123", Measure(Decimal("0.123"), "kg", "net weight"), "NET WEIGHT (kg)"
    )


def test_spec_example_sscc():
    assert parse("(00)106141411234567897").sscc == "106141411234567897"


@pytest.mark.parametrize("ai, raw, amount, unit, meaning", [
    ("3100", "000123", Decimal("123"), "kg", "net weight"),
    ("3102", "001250", Decimal("12.50"), "kg", "net weight"),
    ("3105", "123456", Decimal("1.23456"), "kg", "net weight"),
    ("3202", "000500", Decimal("5.00"), "lb", "net weight"),
    ("3301", "002500", Decimal("250.0"), "kg", "gross weight"),
    ("3153", "001500", Decimal("1.500"), "l", "net volume"),
])
def test_measure_has_implied_decimals_and_unit(ai, raw, amount, unit, meaning):
    value = parse(f"(01)09501101530003({ai}){raw}").get(ai)
    assert value == Measure(amount, unit, meaning)
    assert str(value.amount) == str(amount)  # keeps the scale the AI states


EXPECTED_SEPARATED = [("01", "09501101530003"), ("10", "AB-12"), ("17", "251100"),
                      ("21", "XYZ")]


@pytest.mark.parametrize("text", [
    f"0109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    f"{GS}0109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    f"]C10109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    f"]d20109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    f"]Q30109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    f"]e00109501101530003" f"10AB-12{GS}" f"17251100" f"21XYZ",
    "<FNC1>0109501101530003" "10AB-12<FNC1>" "17251100" "21XYZ",
    "0109501101530003" "10AB-12<GS>" "17251100" "21XYZ",
    "{FNC1}0109501101530003" "10AB-12{GS}" "17251100" "21XYZ",
    "0109501101530003" "10AB-12\u241d" "17251100" "21XYZ",
    "(01)09501101530003(10)AB-12(17)251100(21)XYZ",
    "(01) 09501101530003 (10) AB-12 (17) 251100 (21) XYZ",
])
def test_every_separator_encoding_parses_the_same(text):
    assert pairs(parse(text)) == EXPECTED_SEPARATED


def test_variable_field_ends_at_separator():
    data = parse(f"0109501101530003" f"10LOT7{GS}" f"3012")
    assert (data.lot, data.count) == ("LOT7", 12)


def test_variable_ai_as_last_field_needs_no_separator():
    assert parse("010950110153000321SERIAL-0042").serial == "SERIAL-0042"


def test_redundant_separator_after_fixed_field_is_accepted():
    assert pairs(parse(f"0109501101530003{GS}17251100")) == [
        ("01", "09501101530003"), ("17", "251100")]


def test_trailing_newline_from_keyboard_wedge_is_ignored():
    assert parse("0109501101530003\r\n").gtin == "09501101530003"


@pytest.mark.parametrize("text, count", [
    ("(01)09501101530003(30)144", 144),
    ("(00)106141411234567897(02)09501101530003(37)24", 24),
])
def test_counts_parse_as_int(text, count):
    assert parse(text).count == count


def test_contained_gtin_is_separate_from_gtin():
    data = parse("(00)106141411234567897(02)09501101530003(37)24")
    assert (data.gtin, data.content_gtin) == (None, "09501101530003")


@pytest.mark.parametrize("ai", ["410", "411", "412", "413", "414", "415", "416", "417"])
def test_location_ais_carry_a_checked_gln(ai):
    element = parse(f"({ai})9501101020016").elements[0]
    assert (element.ai, element.value) == (ai, "9501101020016")


def test_order_number_takes_up_to_30_characters():
    assert parse("(400)" + "P" * 30).get("400") == "P" * 30


def test_lot_accepts_any_character_of_set_82():
    lot = "a-Z/1.2_%&'*+,:;<=>?!\""[:20]
    assert parse(f"(01)09501101530003(10){lot}").lot == lot


def test_elements_keep_the_order_they_were_encoded_in():
    data = parse("(21)S1(17)251231(01)09501101530003")
    assert [e.ai for e in data.elements] == ["21", "17", "01"]


def test_repeated_ai_with_same_value_is_kept_once():
    assert pairs(parse("(01)09501101530003(01)09501101530003")) == [("01", "09501101530003")]


def test_common_optional_ais_are_supported():
    data = parse("(01)09501101530003(240)REF-1(250)SEC(8200)http://ex.com/p(7003)2503011430")
    assert [e.title for e in data.elements] == [
        "GTIN", "ADDITIONAL ID", "SECONDARY SERIAL", "PRODUCT URL", "EXPIRY TIME"]


def test_parse_element_validates_a_single_field():
    assert parse_element("15", "250100", today=TODAY).value == date(2025, 1, 31)


def test_as_dict_is_json_ready():
    data = parse("(01)09501101530003(17)251100(10)L1(3102)001250")
    assert data.as_dict() == {
        "gtin": "09501101530003", "content_gtin": None, "sscc": None, "lot": "L1",
        "serial": None, "expiry": "2025-11-30", "best_before": None,
        "production_date": None, "count": None,
        "elements": [
            {"ai": "01", "title": "GTIN", "raw": "09501101530003", "value": "09501101530003"},
            {"ai": "17", "title": "USE BY or EXPIRY", "raw": "251100", "value": "2025-11-30"},
            {"ai": "10", "title": "BATCH/LOT", "raw": "L1", "value": "L1"},
            {"ai": "3102", "title": "NET WEIGHT (kg)", "raw": "001250",
             "value": {"amount": "12.50", "unit": "kg", "meaning": "net weight"}},
        ],
    }


def test_gs1_error_is_a_value_error():
    assert issubclass(GS1Error, ValueError)


@pytest.mark.parametrize("text, message", [
    ("(01)09501101530004", "AI 01: check digit should be 3, got 4"),
    ("(02)09501101530000", "AI 02: check digit should be 3, got 0"),
    ("(00)106141411234567890", "AI 00: check digit should be 7, got 0"),
    ("(414)9501101020011", "AI 414: check digit should be 6, got 1"),
    ("(01)0950110153000A", "AI 01: character 'A' is not allowed (digits only)"),
    ("01095011015300", "AI 01: expected 14 digits, got 12"),
    (f"01095011015{GS}10A", "AI 01: expected 14 digits, got 9"),
    ("(3103)00012", "AI 3103: expected 6 digits, got 5"),
    ("(17)2511", "AI 17: expected 6 digits, got 4"),
    ("(17)251301", "AI 17: month 13 is not valid in date 251301"),
    ("(17)250001", "AI 17: month 00 is not valid in date 250001"),
    ("(17)250230", "AI 17: day 30 is not valid in 2025-02"),
    ("(17)250229", "AI 17: day 29 is not valid in 2025-02"),
    ("(10)" + "A" * 21, "AI 10: value is too long, at most 20 characters, got 21"),
    ("(21)" + "1" * 21, "AI 21: value is too long, at most 20 characters, got 21"),
    ("(400)" + "P" * 31, "AI 400: value is too long, at most 30 characters, got 31"),
    ("(30)123456789", "AI 30: value is too long, at most 8 characters, got 9"),
    ("(37)12A", "AI 37: character 'A' is not allowed (digits only)"),
    ("(10)AB C", "AI 10: character ' ' is not allowed (GS1 character set 82)"),
    ("10AB#C", "AI 10: character '#' is not allowed (GS1 character set 82)"),
    ("(10)(21)S1", "AI 10: value is empty"),
    ("(23)123", "AI 23: unknown application identifier"),
    ("(3106)000123", "AI 3106: unknown application identifier"),
    ("2312345", "unknown application identifier at position 1: '2312'"),
    ("010950110153000399", "AI 99: value is empty"),
    ("0109501101530003" "1", "unknown application identifier at position 17: '1'"),
    ("(01)09501101530003(10)A(10)B", "AI 10: appears twice with different values 'A' and 'B'"),
    ("(x)(10)ABC", "text before the first (AI): '(x)'"),
    ("lot (10)ABC", "unknown application identifier at position 1: 'lot '"),
    ("", "empty input: no GS1 data"),
    (" \r\n", "empty input: no GS1 data"),
    (GS, "no GS1 element strings found"),
    ("]C00109501101530003", "symbology identifier ]C0 does not carry GS1 element strings"),
])
def test_malformed_data_raises_with_reason(text, message):
    with pytest.raises(GS1Error, match=f"^{re.escape(message)}$"):
        parse(text)


# --- GS1 Digital Link -------------------------------------------------------------------------

def test_digital_link_with_lot_in_path_and_expiry_in_query():
    data = parse_digital_link(
        "https://id.gs1.org/01/09506000134352/10/ABC?17=250101", today=TODAY)
    assert (data.gtin, data.lot, data.expiry) == ("09506000134352", "ABC", date(2025, 1, 1))


def test_digital_link_works_on_any_domain_after_a_path_prefix():
    data = parse_digital_link("https://shop.example.com/p/x/01/09506000134352/21/12345")
    assert pairs(data) == [("01", "09506000134352"), ("21", "12345")]


@pytest.mark.parametrize("segment, lot", [
    ("AB%2F12", "AB/12"), ("A%2B1", "A+1"), ("A+1", "A+1"), ("%41BC", "ABC"),
])
def test_digital_link_percent_decodes_values(segment, lot):
    assert parse_digital_link(f"https://id.gs1.org/01/09506000134352/10/{segment}").lot == lot


def test_digital_link_query_keeps_plus_sign_literal():
    data = parse_digital_link("https://id.gs1.org/01/09506000134352?10=A+1&17=250100",
                              today=TODAY)
    assert (data.lot, data.expiry) == ("A+1", date(2025, 1, 31))


def test_digital_link_accepts_short_names():
    data = parse_digital_link("https://example.com/gtin/09506000134352/lot/ABC/ser/7")
    assert pairs(data) == [("01", "09506000134352"), ("10", "ABC"), ("21", "7")]


@pytest.mark.parametrize("gtin", ["9506000134352", "96385074"])
def test_digital_link_pads_short_gtins_to_14_digits(gtin):
    assert parse_digital_link(f"https://id.gs1.org/01/{gtin}").gtin == gtin.zfill(14)


def test_digital_link_ignores_non_ai_query_parameters():
    data = parse_digital_link("https://id.gs1.org/01/09506000134352?linkType=gs1:pip&x=1")
    assert pairs(data) == [("01", "09506000134352")]


def test_digital_link_with_sscc_key():
    assert parse_digital_link("https://id.gs1.org/00/106141411234567897").sscc == \
        "106141411234567897"


@pytest.mark.parametrize("text", [
    "https://id.gs1.org/01/09506000134352/10/ABC?17=250101",
    "]Q1https://id.gs1.org/01/09506000134352/10/ABC?17=250101",
])
def test_parse_gs1_hands_uris_to_digital_link(text):
    assert pairs(parse(text)) == [("01", "09506000134352"), ("10", "ABC"), ("17", "250101")]


@pytest.mark.parametrize("uri, message", [
    ("https://example.com/products/123", "the path needs a primary key and value pairs"),
    ("https://id.gs1.org/01/09506000134352/10", "the path needs a primary key and value pairs"),
    ("ftp://id.gs1.org/01/09506000134352", "not a GS1 Digital Link URI: 'ftp://"),
    ("https://id.gs1.org/01/09506000134353", "AI 01: check digit should be 2, got 3"),
    ("https://id.gs1.org/01/09506000134352?17=251301", "AI 17: month 13 is not valid"),
    ("https://id.gs1.org/01/09506000134352?9999=1", "AI 9999: unknown application identifier"),
])
def test_malformed_digital_link_raises_with_reason(uri, message):
    with pytest.raises(GS1Error, match=re.escape(message)):
        parse_digital_link(uri, today=TODAY)


# --- looks_like_gs1 ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("]C10109501101530003", True),
    ("]d2010950110153000310ABC", True),
    ("(01)09501101530003(10)ABC", True),
    (f"10ABC{GS}0109501101530003", True),
    ("10ABC<FNC1>0109501101530003", True),
    ("0109501101530003", True),
    ("00106141411234567897", True),
    ("https://id.gs1.org/01/09506000134352", True),
    ("", False),
    ("9501101530003", False),        # a plain EAN-13
    ("10ABC", False),                # a plain Code 128 label
    ("(hello)", False),
    ("https://example.com/about", False),
    ("]E09501101530003", False),
    ("]C0ABC", False),
])
def test_looks_like_gs1(text, expected):
    assert looks_like_gs1(text) is expected


# --- the AI table -----------------------------------------------------------------------------

def test_no_ai_is_a_prefix_of_another():
    ais = sorted(gs1_ais.AIS)
    assert [(a, b) for a in ais for b in ais if a != b and b.startswith(a)] == []


def test_predefined_length_ais_are_all_fixed_length():
    assert [s.ai for s in gs1_ais.AIS.values() if s.predefined and not s.fixed] == []


@pytest.mark.parametrize("ai, predefined", [
    ("00", True), ("01", True), ("17", True), ("3103", True), ("410", True),
    ("10", False), ("21", False), ("30", False), ("400", False), ("7003", False),
])
def test_predefined_length_table(ai, predefined):
    assert gs1_ais.AIS[ai].predefined is predefined


def test_gs1_modules_import_only_the_standard_library():
    for module in (gs1, gs1_ais):
        tree = ast.parse(Path(module.__file__).read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        roots = {name.split(".")[0] for name in imported} - {"scanner"}
        assert roots <= sys.stdlib_module_names, module.__name__
