"""Imports with mode=upsert: an existing SKU or code updates the filled cells, the dry run
says per row whether it creates or updates, a barcode is never moved, all or nothing."""
import csv
import io

from tests.backend.factories import ean13, make_partner, make_product, ok
from tests.backend.imports.conftest import csv_bytes, upload

HEADER = ["sku", "name", "description", "price", "barcodes"]


def _products(api):
    return {p["sku"]: p for p in ok(api.get("/api/v1/products?limit=200"))["items"]}


def _codes(product):
    return {b["code"].lstrip("0") for b in product["barcodes"]}


def test_dry_run_says_per_row_whether_it_creates_or_updates_and_writes_nothing(api):
    make_product(api, sku="OLD-1", name="Old", price=3)
    rows = [HEADER, ["NEW-1", "New", "", "1", ""], ["OLD-1", "Renamed", "", "", ""]]
    body = ok(upload(api, "products", csv_bytes(rows), dry_run=True, mode="upsert"))
    assert body["outcomes"] == [{"row": 2, "action": "create"}, {"row": 3, "action": "update"}]
    assert (body["created"], body["updated"], body["problem_count"], body["imported"]) == (1, 1, 0, 0)
    assert set(_products(api)) == {"OLD-1"} and _products(api)["OLD-1"]["name"] == "Old"


def test_upsert_updates_the_filled_cells_only_and_adds_barcodes(api):
    make_product(api, sku="OLD-1", name="Old", price=3, barcodes=[{"code": ean13(71)}])
    untouched = make_product(api, sku="OTHER", name="Other", price=8)
    rows = [HEADER, ["OLD-1", "Renamed", "", "", f"{ean13(71)} {ean13(72)}"],
            ["NEW-1", "New", "Fresh", "1.5", ean13(73)]]
    body = ok(upload(api, "products", csv_bytes(rows), mode="upsert"))
    assert (body["imported"], body["created"], body["updated"]) == (2, 1, 1)
    items = _products(api)
    old = items["OLD-1"]
    assert (old["name"], float(old["price"])) == ("Renamed", 3)  # the empty price cell keeps 3
    assert _codes(old) == {ean13(71), ean13(72)}
    assert (items["NEW-1"]["description"], _codes(items["NEW-1"])) == ("Fresh", {ean13(73)})
    assert items["OTHER"] == ok(api.get(f"/api/v1/products/{untouched['id']}"))
    assert (items["OTHER"]["name"], float(items["OTHER"]["price"])) == ("Other", 8)


def test_an_update_is_audited_with_before_and_after(api):
    product = make_product(api, sku="OLD-1", name="Old", price=3)
    ok(upload(api, "products", csv_bytes([HEADER, ["OLD-1", "Renamed", "", "4", ""]]), mode="upsert"))
    entries = ok(api.get("/api/v1/audit?action=imports.create_import&target_type=product"
                         f"&target_id={product['id']}"))["items"]
    assert len(entries) == 1
    before, after = entries[0]["before"], entries[0]["after"]
    assert (before["name"], after["name"]) == ("Old", "Renamed")
    assert float(before["price"]) == 3 and float(after["price"]) == 4


def test_a_barcode_of_another_product_is_refused_and_nothing_changes(api, problems_of):
    make_product(api, sku="OLD-1", name="Old")
    make_product(api, sku="HOLDER", name="Holder", barcodes=[{"code": ean13(81)}])
    rows = [HEADER, ["OLD-1", "Renamed", "", "", ""], ["NEW-1", "New", "", "", ""],
            ["OLD-1", "Twice", "", "", ""], ["NEW-2", "Steals", "", "", ean13(81)]]
    response = upload(api, "products", csv_bytes(rows), mode="upsert")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "import_problems"
    assert problems_of(response.get_json()) == {(4, "sku", "duplicate_sku"),
                                                (5, "barcodes", "duplicate_barcode")}
    items = _products(api)
    assert set(items) == {"OLD-1", "HOLDER"} and items["OLD-1"]["name"] == "Old"
    assert _codes(items["HOLDER"]) == {ean13(81)}


def test_export_edit_and_import_with_upsert_round_trips(api):
    make_product(api, sku="RT-1", name="First", price=2, barcodes=[{"code": ean13(91)}])
    make_product(api, sku="RT-2", name="Second", price=5)
    before = _products(api)
    rows = list(csv.reader(io.StringIO(api.get("/api/v1/exports/products?format=csv").get_data(as_text=True))))
    name = rows[0].index("name")
    for row in rows[1:]:
        row[name] = row[name].replace("Second", "Second, renamed")
    ok(upload(api, "products", csv_bytes(rows), mode="upsert"))
    after = _products(api)
    assert after["RT-2"]["name"] == "Second, renamed"
    assert after["RT-1"]["name"] == "First" and _codes(after["RT-1"]) == {ean13(91)}
    for sku in before:
        assert {k: v for k, v in after[sku].items() if k not in ("name", "updated_at")} == \
            {k: v for k, v in before[sku].items() if k not in ("name", "updated_at")}


def test_suppliers_and_customers_update_by_code(api):
    supplier = make_partner(api, "suppliers")
    customer = make_partner(api, "customers")
    for kind, partner in (("suppliers", supplier), ("customers", customer)):
        rows = [["code", "name", "email"], [partner["code"], "Renamed", ""], ["NEW-" + kind, "New", "n@x.io"]]
        body = ok(upload(api, kind, csv_bytes(rows), mode="upsert"))
        assert [o["action"] for o in body["outcomes"]] == ["update", "create"]
        stored = ok(api.get(f"/api/v1/{kind}/{partner['id']}"))
        assert (stored["name"], stored["email"]) == ("Renamed", partner["email"])
        codes = [p["code"] for p in ok(api.get(f"/api/v1/{kind}?limit=200"))["items"]]
        assert "NEW-" + kind in codes


def test_upsert_of_what_cannot_be_updated_or_an_unknown_mode_is_refused(api):
    rows = csv_bytes([["warehouse", "bin", "sku", "qty"]])
    refused = upload(api, "opening_stock", rows, mode="upsert")
    assert (refused.status_code, refused.get_json()["error"]["code"],
            refused.get_json()["error"]["field"]) == (422, "upsert_not_supported", "mode")
    bad = upload(api, "products", csv_bytes([HEADER]), mode="merge")
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "mode"


def _import_audit(api, target_type="product"):
    return ok(api.get(f"/api/v1/audit?action=imports.create_import&target_type={target_type}"
                      "&limit=200"))["items"]


def test_re_importing_an_unchanged_export_writes_no_row_and_keeps_updated_at(api):
    make_product(api, sku="RT-1", name="First", price=2, category="Tools", unit_decimals=3,
                 barcodes=[{"code": ean13(93)}])
    make_product(api, sku="RT-2", name="Second", cost="1.5", active=False)
    before = _products(api)
    export = api.get("/api/v1/exports/products?format=csv").get_data()
    body = ok(upload(api, "products", export, mode="upsert"))
    assert (body["imported"], body["updated"]) == (2, 2)
    assert _products(api) == before
    assert _import_audit(api) == [] and _import_audit(api, "barcode") == []


def test_only_the_rows_and_fields_that_change_are_audited(api):
    changed = make_product(api, sku="CH-1", name="Changes", price=3)
    make_product(api, sku="KEEP-1", name="Keeps", price=4)
    rows = [HEADER, ["CH-1", "Changes", "", "3.5", ""], ["KEEP-1", "Keeps", "", "4.00", ""]]
    ok(upload(api, "products", csv_bytes(rows), mode="upsert"))
    entries = _import_audit(api)
    assert [e["target_id"] for e in entries] == [str(changed["id"])]
    assert set(entries[0]["after"]) == {"price", "updated_at"}
    assert float(entries[0]["before"]["price"]) == 3 and float(entries[0]["after"]["price"]) == 3.5
