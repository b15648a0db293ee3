"""Open purchase orders: rows grouped by their order reference, created and submitted as
through the API."""
from tests.backend.factories import make_partner, make_product, make_warehouse, ok
from tests.backend.imports.conftest import csv_bytes, upload

HEADER = ["order", "supplier", "warehouse", "expected_date", "sku", "qty", "unit_cost", "notes"]


def _orders(api):
    return ok(api.get("/api/v1/purchase-orders"))["items"]


def test_dry_run_reports_each_problem(api, problems_of):
    make_partner(api, "suppliers", "S-1")
    make_partner(api, "suppliers", "S-2")
    make_warehouse(api, "MAIN")
    make_product(api, sku="P-1")
    make_product(api, sku="OLD", active=False)
    rows = [HEADER, ["OLD-1", "S-1", "MAIN", "2027-01-15", "P-1", "10", "2", ""],
            ["OLD-1", "S-2", "MAIN", "", "OLD", "1", "2", ""],
            ["OLD-1", "S-1", "MAIN", "", "P-1", "1", "2", ""],
            ["OLD-2", "NOPE", "MAIN", "15/01/2027", "P-1", "1", "2", ""],
            ["OLD-3", "S-1", "ELSEWHERE", "", "GHOST", "0", "2", ""]]
    body = ok(upload(api, "purchase_orders", csv_bytes(rows), dry_run=True))
    assert problems_of(body) == {
        (3, "supplier", "mixed_order_header"), (3, "sku", "inactive_product"),
        (4, "sku", "duplicate_product"), (5, "expected_date", "bad_date"),
        (6, "qty", "negative_quantity")}
    rows[5][5] = "3"
    rows[4][3] = ""
    body = ok(upload(api, "purchase_orders", csv_bytes(rows), dry_run=True))
    assert {(5, "supplier", "unknown_supplier"), (6, "warehouse", "unknown_warehouse"),
            (6, "sku", "unknown_product")} <= problems_of(body)
    assert _orders(api) == []


def test_open_orders_import_and_export_again(api):
    make_partner(api, "suppliers", "S-1")
    make_warehouse(api, "MAIN")
    make_product(api, sku="P-1")
    make_product(api, sku="P-2")
    rows = [HEADER, ["OLD-1", "S-1", "MAIN", "2027-01-15", "P-1", "10", "2.5", "call first"],
            ["OLD-1", "S-1", "MAIN", "2027-01-15", "P-2", "4", "1", ""],
            ["OLD-2", "S-1", "MAIN", "", "P-2", "1", "3", ""]]
    assert ok(upload(api, "purchase_orders", csv_bytes(rows)))["imported"] == 3
    orders = sorted(_orders(api), key=lambda o: o["id"])
    assert [o["status"] for o in orders] == ["approved", "approved"]
    assert orders[0]["notes"] == "OLD-1 call first" and orders[0]["expected_date"] == "2027-01-15"
    exported = api.get("/api/v1/exports/purchase_orders").get_data(as_text=True).splitlines()
    assert exported[0] == ",".join(HEADER)
    assert [line.split(",")[4:6] for line in exported[1:]] == [["P-1", "10"], ["P-2", "4"],
                                                               ["P-2", "1"]]
