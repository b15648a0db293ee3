"""Opening stock through the ledger, suppliers and customers."""
from tests.backend.factories import (
    balance,
    limited_client,
    make_location,
    make_partner,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.imports.conftest import csv_bytes, upload

STOCK_HEADER = ["warehouse", "bin", "sku", "lot", "expiry", "qty", "unit_cost"]


def _moves(api):
    return ok(api.get("/api/v1/stock/moves?doc_type=import"))["items"]


def test_opening_stock_dry_run_reports_each_problem(api, problems_of):
    warehouse = make_warehouse(api, "MAIN")
    make_location(api, warehouse, "A-01")
    make_product(api, sku="WHOLE")
    make_product(api, sku="LOTTED", tracks_lots=True)
    rows = [STOCK_HEADER,
            ["MAIN", "A-01", "WHOLE", "", "", "5", "1"],
            ["NOPE", "A-01", "WHOLE", "", "", "5", ""],
            ["MAIN", "Z-99", "WHOLE", "", "", "5", ""],
            ["MAIN", "A-01", "GHOST", "", "", "5", ""],
            ["MAIN", "A-01", "WHOLE", "", "", "-2", ""],
            ["MAIN", "A-01", "WHOLE", "", "", "1.5", ""],
            ["MAIN", "A-01", "LOTTED", "", "", "1", ""],
            ["MAIN", "A-01", "LOTTED", "L1", "2027-02-30", "1", ""]]
    body = ok(upload(api, "opening_stock", csv_bytes(rows), dry_run=True))
    assert problems_of(body) == {
        (3, "warehouse", "unknown_warehouse"), (4, "bin", "unknown_bin"),
        (5, "sku", "unknown_product"), (6, "qty", "negative_quantity"),
        (7, "qty", "fractional_quantity"), (8, "lot", "lot_required"),
        (9, "expiry", "bad_date")}
    assert _moves(api) == []


def test_quantities_and_prices_over_the_apis_limit_are_problems_at_their_cells(
        api, problems_of):
    """A file may not carry what the API refuses: 1,000,000,000 is the most of a quantity or
    an amount (api.MAX_QTY)."""
    warehouse = make_warehouse(api, "MAIN")
    make_location(api, warehouse, "A-01")
    make_product(api, sku="WHOLE")
    rows = [STOCK_HEADER,
            ["MAIN", "A-01", "WHOLE", "", "", "1000000000", "1000000000"],
            ["MAIN", "A-01", "WHOLE", "", "", "999999999999", "1"],
            ["MAIN", "A-01", "WHOLE", "", "", "1", "999999999999.9999"]]
    body = upload(api, "opening_stock", csv_bytes(rows)).get_json()
    assert problems_of(body) == {(3, "qty", "bad_number"), (4, "unit_cost", "bad_number")}
    assert _moves(api) == []


def test_opening_stock_posts_each_row_through_the_ledger_once(api):
    warehouse = make_warehouse(api, "MAIN")
    bin_a = make_location(api, warehouse, "A-01")
    bin_b = make_location(api, warehouse, "B-01")
    plain = make_product(api, sku="PLAIN")
    lotted = make_product(api, sku="LOTTED", tracks_lots=True)
    rows = [STOCK_HEADER, ["MAIN", "A-01", "PLAIN", "", "", "7", "1.5"],
            ["MAIN", "B-01", "LOTTED", "L-9", "2027-06-30", "3", "2"],
            ["MAIN", "A-01", "PLAIN", "", "", "2", "1.5"]]
    data = csv_bytes(rows)
    ok(upload(api, "opening_stock", data, key="opening-1", raw=True))
    ok(upload(api, "opening_stock", data, key="opening-1", raw=True))  # a retry: replayed
    assert balance(api, plain, bin_a) == 9
    assert balance(api, lotted, bin_b) == 3
    moves = _moves(api)
    assert sorted(m["qty"] for m in moves) == [2, 3, 7]
    assert {m["reason"] for m in moves} == {"opening_stock"}
    lots = ok(api.get(f"/api/v1/products/{lotted['id']}/lots"))
    assert [(lot["code"], lot["expiry"]) for lot in lots] == [("L-9", "2027-06-30")]


def test_a_warehouse_limited_user_cannot_import_into_another_warehouse(api, app, problems_of):
    mine, other = make_warehouse(api, "MINE"), make_warehouse(api, "OTHER")
    make_location(api, mine, "A-01")
    make_location(api, other, "A-01")
    make_product(api, sku="P")
    manager = limited_client(api, app, [mine], role="manager")
    rows = [STOCK_HEADER, ["MINE", "A-01", "P", "", "", "1", ""],
            ["OTHER", "A-01", "P", "", "", "1", ""]]
    response = upload(manager, "opening_stock", csv_bytes(rows))
    assert response.status_code == 422
    assert problems_of(response.get_json()) == {(3, "warehouse", "forbidden_warehouse")}
    assert _moves(api) == []


def test_opening_stock_needs_stock_adjust(api):
    response = upload(api.as_user("picker"), "opening_stock",
                      csv_bytes([STOCK_HEADER, ["W", "A", "P", "", "", "1", ""]]))
    assert response.status_code == 403


def test_suppliers_import_with_problems_then_cleanly(api, problems_of):
    make_partner(api, "suppliers", "S-OLD")
    header = ["code", "name", "email", "phone", "active"]
    bad = [header, ["S-1", "Acme", "a@x", "1", "yes"], ["S-OLD", "Old", "", "", ""],
           ["S-1", "Again", "", "", ""], ["S-2", "Bool", "", "", "perhaps"]]
    body = ok(upload(api, "suppliers", csv_bytes(bad), dry_run=True))
    assert problems_of(body) == {(3, "code", "duplicate_code"), (4, "code", "duplicate_code"),
                                 (5, "active", "bad_boolean")}
    ok(upload(api, "suppliers", csv_bytes([header, ["S-1", "Acme", "a@x", "1", "no"]])))
    suppliers = {s["code"]: s for s in ok(api.get("/api/v1/suppliers"))["items"]}
    assert suppliers["S-1"]["name"] == "Acme" and suppliers["S-1"]["active"] is False


def test_customers_import_needs_sales_write(api):
    header = ["code", "name"]
    assert upload(api.as_user("picker"), "customers",
                  csv_bytes([header, ["C-1", "Shop"]])).status_code == 403
    ok(upload(api.as_user("boss"), "customers", csv_bytes([header, ["C-1", "Shop"]])))
    assert [c["code"] for c in ok(api.get("/api/v1/customers"))["items"]] == ["C-1"]
