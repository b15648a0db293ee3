"""ZPL labels: exact golden files, the commands checked against the ZPL II reference, and
hostile text that must not become commands."""
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from backend.labels.content import Label, Symbol, gs1_elements
from backend.labels.sizes import SIZES
from backend.labels.zpl import DOTS_PER_MM, render_zpl

GOLDEN = Path(__file__).parent / "golden"
LOT = SimpleNamespace(code="L-42a", expiry=date(2027, 3, 31))
GS1 = gs1_elements("09501101530003", LOT)
PRODUCT = Label(("Screw 螺丝 M4", "SKU SCR-4", "Lot L-42a  EXP 2027-03-31"),
                Symbol("gs1-128", elements=GS1), Symbol("datamatrix", elements=GS1))
BIN = Label(("A-01-02", "W1  A"), Symbol("code128", "W1-A-01-02"), Symbol("qr", "W1-A-01-02"))
DOCUMENT = Label(("PO-000123", "Purchase order", "submitted"), None,
                 Symbol("qr", "STP:PO:PO-000123"))
CASES = {"product-50x30-203": (PRODUCT, "50x30", 203),
         "product-100x150-300": (PRODUCT, "100x150", 300),
         "bin-a4-70x37-203": (BIN, "a4-70x37", 203),
         "document-50x30-300": (DOCUMENT, "50x30", 300)}
KNOWN = {"XA", "XZ", "CI", "PW", "LL", "LH", "FO", "A0", "FB", "FH", "FD", "FS", "BY", "BC", "BX",
         "BQ"}


def commands(zpl):
    """[(command, parameters)] of one ZPL text; field data (^FD...^FS) is one parameter."""
    return [(part[:2], part[2:]) for part in zpl.replace("\n", "").split("^")[1:]]


def formats(zpl):
    """Each ^XA ... ^XZ format's commands."""
    found, current = [], None
    for command, params in commands(zpl):
        if command == "XA":
            assert current is None, "a ^XA inside a format"
            current = []
        assert current is not None, f"^{command} outside ^XA ... ^XZ"
        current.append((command, params))
        if command == "XZ":
            found.append(current)
            current = None
    assert current is None, "a format without ^XZ"
    return found


@pytest.mark.parametrize("name", CASES)
def test_zpl_matches_its_golden_file(name):
    label, size, dpi = CASES[name]
    assert render_zpl([label], SIZES[size], dpi) == (GOLDEN / f"{name}.zpl").read_text()


@pytest.mark.parametrize("name", CASES)
def test_zpl_commands_follow_the_zpl_ii_reference(name):
    label, size, dpi = CASES[name]
    zpl = render_zpl([label, label], SIZES[size], dpi)
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ") and "~" not in zpl
    assert len(formats(zpl)) == 2
    for fields in formats(zpl):
        check_format(fields, SIZES[size], dpi)


def check_format(fields, size, dpi):
    """Every command known, positions inside the label, bar code parameters in range."""
    params = dict(fields)
    width, length = int(params["PW"]), int(params["LL"])
    assert (width, length) == (round(size.width * DOTS_PER_MM[dpi]),
                               round(size.height * DOTS_PER_MM[dpi]))
    assert params["CI"] == "28"  # UTF-8
    for index, (command, value) in enumerate(fields):
        assert command in KNOWN, command
        if command == "FO":
            x, y = map(int, value.split(","))
            assert 0 <= x < width and 0 <= y < length
        if command == "BY":
            assert 1 <= int(value) <= 10
        if command in ("FD", "BC", "BX", "BQ", "A0"):
            assert fields[index + (1 if command == "FD" else -1)][0] in ("FS", "FO", "BY"), command
        if command == "BC":
            orientation, height, *flags = value.split(",")
            assert orientation == "N" and 1 <= int(height) <= 32000
            assert flags == ["N", "N", "N", "N"]  # no text, not above, no UCC check, mode N
            assert fields[index + 1] == ("FH", "\\")
            data = fields[index + 2][1]
            assert data.startswith((">;>8", ">:")), "GS1-128 starts with start C and FNC1"
        if command == "BX":
            orientation, module, quality, _, _, _, escape = value.split(",")
            assert (orientation, quality, escape) == ("N", "200", "`") and int(module) >= 1
            assert fields[index + 2][1].startswith("`1"), "GS1 DataMatrix starts with FNC1"
        if command == "BQ":
            orientation, model, magnification = value.split(",")
            assert (orientation, model) == ("N", "2") and 1 <= int(magnification) <= 10
            assert fields[index + 2][1].startswith("MA,")


def test_gs1_128_data_is_subset_c_with_fnc1_then_the_lot_in_subset_b():
    zpl = render_zpl([PRODUCT], SIZES["50x30"], 203)
    assert "^FD>;>8010950110153000317270331" + "10>6L-42a^FS" in zpl
    assert "^FD`101095011015300031727033110L-42a^FS" in zpl


HOSTILE = "^XZ^XA^FO0,0^GB999,999,999^FS~JR>:\\_`"


def test_hostile_text_and_codes_become_printed_characters_never_commands():
    label = Label((HOSTILE, "x"), Symbol("code128", HOSTILE), Symbol("qr", HOSTILE))
    zpl = render_zpl([label], SIZES["100x150"], 203)
    [fields] = formats(zpl)
    assert "~" not in zpl and "GB" not in {command for command, _ in fields}
    assert [command for command, _ in fields].count("XA") == 1
    data = [value for command, value in fields if command == "FD"]
    assert data[0] == ("\\5EXZ\\5EXA\\5EFO0,0\\5EGB999,999,999\\5EFS\\7EJR\\3E:\\5C\\5F\\60")
    bars = fields[[command for command, _ in fields].index("BC") + 2][1]
    assert bars == ">:\\5EXZ\\5EXA\\5EFO0,0\\5EGB999,999,999\\5EFS\\7EJR><:\\5C\\5F\\60"
    assert data[-1] == "MA," + data[0]


def test_a_lot_with_zpl_characters_is_refused_before_any_label_is_made():
    from backend.errors import Invalid
    for code in ("A^XZ", "B~JR", "C`1", "D\\E"):
        with pytest.raises(Invalid) as refused:
            gs1_elements("09501101530003", SimpleNamespace(code=code, expiry=None))
        assert refused.value.code == "bad_lot_code"


@pytest.mark.parametrize("size", ["50x30", "a4-105x148"])
def test_the_api_sends_zpl_for_a_zebra_of_the_dpi_asked(api, site, size):
    url = f"/api/v1/products/{site.product['id']}/label?format=zpl&size={size}&dpi=300"
    response = api.get(url)
    assert (response.status_code, response.mimetype) == (200, "application/zpl")
    [fields] = formats(response.get_data(as_text=True))
    check_format(fields, SIZES[size], 300)
    assert response.get_data(as_text=True).count(site.product["barcodes"][0]["code"].zfill(14)) == 3


def test_an_unknown_dpi_is_refused_naming_dpi(api, site):
    response = api.get(f"/api/v1/products/{site.product['id']}/label?format=zpl&dpi=600")
    assert (response.status_code, response.get_json()["error"]["field"]) == (422, "dpi")
