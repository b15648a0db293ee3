"""Resolve: what a scanned code stands for (product, location, document, SSCC)."""
from urllib.parse import quote

import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import make_order as make_purchase_order
from tests.backend.sales.factories import make_order as make_sales_order

RESOLVE = "/api/v1/scan/resolve"
GS = "\x1d"
GTIN = "09506000134352"  # GS1's own example GTIN-14 (check digit 2)


def resolve(api, code, **params):
    query = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    return api.get(f"{RESOLVE}?code={quote(code, safe='')}{query}")


def product_with(api, *barcodes, **fields):
    return make_product(api, barcodes=[{"code": c, "pack_qty": q} for c, q in barcodes], **fields)


# --- products --------------------------------------------------------------------------------

@pytest.mark.parametrize("registered", ["012345678905", "0012345678905", "00012345678905"])
@pytest.mark.parametrize("scanned", ["012345678905", "0012345678905", "00012345678905"])
def test_product_is_found_by_any_length_of_its_gtin(api, registered, scanned):
    product = product_with(api, (registered, 1))
    body = ok(resolve(api, scanned))
    assert (body["kind"], body["code"], body["product"]["id"], body["pack_qty"], body["gtin"]) == \
        ("product", scanned, product["id"], 1, "00012345678905")


@pytest.mark.parametrize("symbology", ["UPC-E", "upc_e"])
def test_upc_e_is_expanded_to_its_upc_a(api, symbology):
    product = product_with(api, ("012345000065", 1))
    body = ok(resolve(api, "01234565", symbology=symbology))
    assert (body["product"]["id"], body["gtin"]) == (product["id"], "00012345000065")


def test_pack_barcode_returns_its_pack_quantity(api):
    product = product_with(api, ("4006381333931", 1), ("14006381333938", 12))
    body = ok(resolve(api, "14006381333938"))
    assert (body["product"]["id"], body["pack_qty"], body["gtin"]) == \
        (product["id"], 12, "14006381333938")


def test_product_fields_and_empty_tracking_for_a_plain_barcode(api):
    product = product_with(api, ("4006381333931", 1), sku="TEA-1", unit="box", tracks_lots=True)
    body = ok(resolve(api, "4006381333931"))
    assert body["product"] == {"id": product["id"], "sku": "TEA-1", "name": "Product TEA-1",
                               "unit": "box", "unit_decimals": 0, "tracks_lots": True,
                               "active": True}
    assert [body[k] for k in ("lot", "lot_id", "expiry", "serial", "count", "gs1")] == [None] * 6


def test_sku_resolves_to_its_product_as_one_unit(api):
    product = make_product(api, sku="BOLT-M6")
    body = ok(resolve(api, "BOLT-M6"))
    assert (body["kind"], body["product"]["id"], body["pack_qty"], body["gtin"]) == \
        ("product", product["id"], 1, None)


def test_code128_that_only_looks_like_gs1_still_finds_its_own_barcode(api):
    product = product_with(api, ("0112345678901234X", 1))  # "01" + bad check digit: not a GTIN
    assert ok(resolve(api, "0112345678901234X"))["product"]["id"] == product["id"]


# --- GS1 data --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    f"01{GTIN}17261231" + "10LOT-7",                    # GS1-128 as read: fixed fields, no GS
    f"{GS}01{GTIN}10LOT-7{GS}17261231",                  # leading FNC1, GS after the lot
    f"]C101{GTIN}10LOT-7{GS}17261231",                   # symbology identifier GS1-128
    f"]d201{GTIN}17261231" + "10LOT-7",                  # GS1 DataMatrix
    f"(01){GTIN}(17)261231(10)LOT-7",                    # human-readable form
])
def test_gs1_element_string_fills_product_lot_and_expiry(api, code):
    product = product_with(api, (GTIN, 1))
    body = ok(resolve(api, code))
    assert (body["kind"], body["product"]["id"], body["gtin"], body["lot"], body["expiry"],
            body["lot_id"]) == ("product", product["id"], GTIN, "LOT-7", "2026-12-31", None)
    assert body["code"] == code


def test_gs1_lot_that_exists_returns_its_id(api):
    product = product_with(api, (GTIN, 1), tracks_lots=True)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "LOT-7",
                                                                  "expiry": "2026-12-31"}))
    assert ok(resolve(api, f"(01){GTIN}(10)LOT-7"))["lot_id"] == lot["id"]


def test_gs1_lot_of_another_product_is_not_this_products_lot(api):
    product_with(api, (GTIN, 1))
    other = make_product(api)
    ok(api.post(f"/api/v1/products/{other['id']}/lots", {"code": "LOT-7"}))
    assert ok(resolve(api, f"(01){GTIN}(10)LOT-7"))["lot_id"] is None


def test_gs1_datamatrix_serial_and_count(api):
    product_with(api, (GTIN, 1))
    body = ok(resolve(api, f"01{GTIN}21SN-0042{GS}3024"))
    assert (body["serial"], body["count"], body["lot"]) == ("SN-0042", 24, None)


def test_best_before_stands_in_for_a_missing_expiry(api):
    product_with(api, (GTIN, 1))
    assert ok(resolve(api, f"(01){GTIN}(15)270600"))["expiry"] == "2027-06-30"


def test_gs1_gtin_reaches_the_pack_barcode_and_its_quantity(api):
    product = product_with(api, ("4006381333931", 1), ("14006381333938", 6))
    body = ok(resolve(api, "(01)14006381333938(10)B1"))
    assert (body["product"]["id"], body["pack_qty"], body["lot"]) == (product["id"], 6, "B1")


@pytest.mark.parametrize("uri", [
    f"https://id.gs1.org/01/{GTIN}/10/LOT-7?17=261231",
    f"https://shop.example.com/products/01/{GTIN}/10/LOT-7?linkType=all&17=261231",
    "https://example.org/gtin/9506000134352/lot/LOT-7?17=261231",  # GTIN-13 and short names
])
def test_digital_link_uri_fills_product_lot_and_expiry(api, uri):
    product = product_with(api, (GTIN, 1))
    body = ok(api.post(RESOLVE, {"code": uri}))
    assert (body["kind"], body["product"]["id"], body["gtin"], body["lot"], body["expiry"]) == \
        ("product", product["id"], GTIN, "LOT-7", "2026-12-31")


@pytest.mark.parametrize("code,ai", [
    ("(01)09506000134353", "AI 01: check digit"),
    (f"(01){GTIN}(17)261301", "AI 17: month 13"),
    (f"]C101{GTIN}10", "AI 10: value is empty"),
    (f"(01){GTIN}(10)LOT{GS}(99)", "AI 99"),
    ("https://id.gs1.org/01/09506000134353", "AI 01: check digit"),
])
def test_malformed_gs1_is_422_naming_the_ai(api, code, ai):
    product_with(api, (GTIN, 1))
    response = api.post(RESOLVE, {"code": code})
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "bad_gs1"
    assert response.json["error"]["message"].startswith(ai)


# --- SSCC ------------------------------------------------------------------------------------

def test_sscc_is_parsed_and_reported_unknown(api):
    body = ok(resolve(api, "(00)106141411234567897"))
    assert {k: body[k] for k in ("kind", "sscc", "known", "reason", "gtin")} == {
        "kind": "sscc", "sscc": "106141411234567897", "known": False, "reason": "unknown_sscc",
        "gtin": None}


def test_sscc_with_content_gtin_names_the_product_lot_and_count(api):
    product = product_with(api, (GTIN, 1))
    body = ok(resolve(api, "00106141411234567897" + f"02{GTIN}37" + f"40{GS}10PAL-1"))
    assert (body["kind"], body["product"]["id"], body["count"], body["lot"], body["known"]) == \
        ("sscc", product["id"], 40, "PAL-1", False)


# --- locations and documents -----------------------------------------------------------------

def test_location_label_resolves_to_its_location(api):
    warehouse = make_warehouse(api, code="BJ")
    location = make_location(api, warehouse, code="A-01-02", zone="A")
    body = ok(resolve(api, "BJ-A-01-02"))
    assert body == {"kind": "location", "code": "BJ-A-01-02", "location": {
        "id": location["id"], "code": "A-01-02", "kind": "bin", "zone": "A",
        "warehouse_id": warehouse["id"], "warehouse_code": "BJ"}}


def test_special_location_label_resolves_with_its_kind(api):
    make_warehouse(api, code="SH")
    assert ok(resolve(api, "SH-QUARANTINE"))["location"]["kind"] == "quarantine"


def _purchase_order(api, world):
    return make_purchase_order(api, make_partner(api, "suppliers"), world["warehouse"],
                               [(world["product"], 5, 2)])


def _sales_order(api, world):
    return make_sales_order(api, make_partner(api, "customers"), world["warehouse"], [(world["product"], 1)])


def _transfer(api, world):
    other = make_warehouse(api)
    return ok(api.post("/api/v1/transfers", {
        "from_warehouse_id": world["warehouse"]["id"], "to_warehouse_id": other["id"],
        "lines": [{"product_id": world["product"]["id"], "qty": 1,
                   "from_location_id": world["bin"]["id"]}]}), 201)


def _stocktake(api, world):
    return ok(api.post("/api/v1/stocktakes", {"warehouse_id": world["warehouse"]["id"]}), 201)


def _sales_return(api, world):
    body = ok(api.post("/api/v1/sales-returns", {
        "warehouse_id": world["warehouse"]["id"], "reason": "damaged box",
        "disposition": "quarantine", "lines": [{"product_id": world["product"]["id"], "qty": 1}]}),
        201)
    return dict(body, number=f"RET-{body['id']:06d}")


DOCUMENTS = [("PO", "purchase_order", _purchase_order, "draft"),
             ("SO", "sales_order", _sales_order, "draft"),
             ("TR", "transfer", _transfer, "draft"),
             ("ST", "stocktake", _stocktake, "counting"),
             ("RET", "sales_return", _sales_return, "completed")]


@pytest.fixture
def world(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    add_stock(api, product, bin_, 10)
    return {"warehouse": warehouse, "product": product, "bin": bin_}


@pytest.mark.parametrize("prefix,doc_type,make,status", DOCUMENTS)
def test_document_qr_resolves_to_type_id_number_and_status(api, world, prefix, doc_type, make,
                                                           status):
    document = make(api, world)
    code = f"STP:{prefix}:{document['number']}"
    body = ok(resolve(api, code))
    assert body == {"kind": "document", "code": code, "document": {
        "type": doc_type, "prefix": prefix, "id": document["id"], "number": document["number"],
        "status": status}}


def test_document_qr_format_is_defined_in_one_place():
    from backend.scan.documents import DOCUMENT_TYPES, document_qr
    assert document_qr("PO", "PO-000123") == "STP:PO:PO-000123"
    assert set(DOCUMENT_TYPES) == {"PO", "SO", "TR", "ST", "RET"}
    with pytest.raises(ValueError):
        document_qr("XX", "1")


@pytest.mark.parametrize("code", ["STP:PO:PO-999999", "STP:XX:XX-000001", "STP:PO:",
                                  "STP:RET:RET-000099", "STP:RET:nonsense"])
def test_document_qr_naming_nothing_is_404(api, code):
    response = resolve(api, code)
    assert response.status_code == 404
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("unknown_code", "code")


# --- unknown and bad input -------------------------------------------------------------------

@pytest.mark.parametrize("code", ["4006381333931", "(01)09506000134352(10)X", "NOPE-1",
                                  "https://example.com/some/page", "(10)ONLY-A-LOT"])
def test_unknown_code_is_404_unknown_code(api, code):
    make_product(api)
    response = resolve(api, code)
    assert response.status_code == 404, response.json
    assert response.json["error"]["code"] == "unknown_code"


@pytest.mark.parametrize("query", ["", "?code=", "?code=%20%20"])
def test_missing_or_empty_code_is_422_naming_code(api, query):
    response = api.get(RESOLVE + query)
    assert response.status_code == 422, response.json
    assert response.json["error"]["field"] == "code"


def test_post_variant_answers_like_get(api):
    product_with(api, (GTIN, 1))
    code = f"]C101{GTIN}10LOT-7{GS}17261231"
    assert ok(api.post(RESOLVE, {"code": code, "symbology": "Code128"})) == ok(resolve(api, code))


def test_resolve_by_post_takes_no_write_transaction(api, app):
    from backend.idempotency import IdempotencyKey
    ok(api.post(RESOLVE, {"code": "(00)106141411234567897"}, key="resolve-1"))
    with app.app_context():
        assert IdempotencyKey.select().count() == 0
