"""Warehouses, locations, the ledger and its balances."""
from tests.backend.factories import add_stock, balance, level, make_location, make_product, make_warehouse, ok


def test_new_warehouse_has_staging_transit_and_quarantine(api):
    warehouse = make_warehouse(api, code="SH")
    kinds = {l["kind"]: l["barcode"] for l in ok(api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))}
    assert kinds == {"staging": "SH-STAGING", "transit": "SH-TRANSIT", "quarantine": "SH-QUARANTINE"}


def test_location_barcode_defaults_to_warehouse_and_code(api):
    warehouse = make_warehouse(api, code="BJ")
    assert make_location(api, warehouse, code="A-01-02")["barcode"] == "BJ-A-01-02"


def test_duplicate_location_code_is_a_conflict(api):
    warehouse = make_warehouse(api)
    make_location(api, warehouse, code="A-1")
    assert api.post(f"/api/v1/warehouses/{warehouse['id']}/locations", {"code": "A-1"}).status_code == 409


def test_adjustment_posts_nothing_until_approved(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    ok(api.post("/api/v1/stock/adjustments", {"warehouse_id": warehouse["id"], "reason": "found",
                                              "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 5}]}))
    assert balance(api, product, bin_) == 0
    assert ok(api.get("/api/v1/approvals?status=pending"))["items"][0]["kind"] == "stock_adjustment"


def test_approved_adjustment_writes_moves_and_balances(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    adjustment = add_stock(api, product, bin_, 7)
    assert balance(api, product, bin_) == 7
    assert level(api, product, warehouse)["on_hand"] == 7
    moves = ok(api.get(f"/api/v1/stock/moves?doc_type=adjustment&doc_id={adjustment['id']}"))["items"]
    assert [(m["qty"], m["reason"], m["device"]) for m in moves] == [(7, "adjustment", "test-device")]


def test_rejected_adjustment_posts_nothing(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    ok(api.post("/api/v1/stock/adjustments", {"warehouse_id": warehouse["id"], "reason": "x",
                                              "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 5}]}))
    approval = ok(api.get("/api/v1/approvals?status=pending"))["items"][0]
    ok(api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/reject", {"note": "no"}))
    assert balance(api, product, bin_) == 0


def test_requester_cannot_approve_their_own_adjustment(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    ok(api.post("/api/v1/stock/adjustments", {"warehouse_id": warehouse["id"], "reason": "x",
                                              "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 5}]}))
    approval = ok(api.get("/api/v1/approvals?status=pending"))["items"][0]
    assert api.post(f"/api/v1/approvals/{approval['id']}/approve", {}).status_code == 403


def test_negative_adjustment_beyond_stock_is_409_and_changes_nothing(api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    add_stock(api, product, bin_, 3)
    ok(api.post("/api/v1/stock/adjustments", {"warehouse_id": warehouse["id"], "reason": "lost",
                                              "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": -4}]}))
    approval = ok(api.get("/api/v1/approvals?status=pending"))["items"][0]
    response = api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {})
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert balance(api, product, bin_) == 3
    assert ok(api.get(f"/api/v1/approvals/{approval['id']}"))["status"] == "pending"


def test_warehouse_allowing_negative_stock_goes_below_zero(api):
    warehouse, product = make_warehouse(api, allow_negative=True), make_product(api)
    bin_ = make_location(api, warehouse)
    add_stock(api, product, bin_, -2)
    assert balance(api, product, bin_) == -2


def test_thresholds_and_low_stock_list(api):
    warehouse, product, other = make_warehouse(api), make_product(api), make_product(api)
    bin_ = make_location(api, warehouse)
    add_stock(api, product, bin_, 3)
    add_stock(api, other, bin_, 50)
    for p in (product, other):
        ok(api.put(f"/api/v1/stock/levels/{p['id']}/{warehouse['id']}", {"min_qty": 5, "reorder_point": 10, "max_qty": 40}))
    low = ok(api.get("/api/v1/stock/levels?low=true"))["items"]
    assert [row["product_id"] for row in low] == [product["id"]]


def test_min_above_max_is_refused(api):
    warehouse, product = make_warehouse(api), make_product(api)
    response = api.put(f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}", {"min_qty": 5, "max_qty": 4})
    assert response.status_code == 422


def test_lots_are_created_once_per_code(api):
    product = make_product(api, tracks_lots=True)
    first = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L1", "expiry": "2027-01-31"}))
    again = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L1"}))
    assert first["id"] == again["id"]
    assert api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L1", "expiry": "2027-02-28"}).status_code == 422


def test_stock_by_lot_shows_lot_and_expiry(api):
    warehouse, product = make_warehouse(api), make_product(api, tracks_lots=True)
    bin_ = make_location(api, warehouse)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "B7", "expiry": "2027-03-01"}))
    add_stock(api, product, bin_, 4, lot_id=lot["id"])
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}"))["items"]
    assert [(r["lot"], r["expiry"], r["on_hand"]) for r in rows] == [("B7", "2027-03-01", 4)]


def test_thresholds_left_out_keep_their_value(api):
    warehouse, product = make_warehouse(api), make_product(api)
    url = f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}"
    ok(api.put(url, {"min_qty": 5, "max_qty": 40}))
    assert (ok(api.put(url, {}))["min_qty"], ok(api.put(url, {"reorder_point": 8}))["max_qty"]) == (5, 40)


def test_min_above_the_stored_max_is_refused(api):
    warehouse, product = make_warehouse(api), make_product(api)
    url = f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}"
    ok(api.put(url, {"max_qty": 4}))
    response = api.put(url, {"min_qty": 5})
    assert response.status_code == 422 and response.json["error"]["field"] == "min_qty"
