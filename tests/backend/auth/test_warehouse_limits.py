"""Users limited to some warehouses are limited by what a record is, not by what a field is called.

`limits` builds warehouses A and B with stock and documents in each, and users limited to A;
each test is a way past the old name-guessing check (auth/access.py before the redesign).
"""
from types import SimpleNamespace

import pytest

from tests.backend.auth.factories import make_limited, shipped_order, transfer
from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.sales.factories import make_order


def pending_approval(api, doc_id, kind="stock_adjustment"):
    pending = ok(api.get(f"/api/v1/approvals?status=pending&kind={kind}"))["items"]
    return next(a for a in pending if a["doc_id"] == doc_id)


@pytest.fixture
def limits(api, app):
    """Warehouses A and B, a bin in each holding 10 of a product, and three users limited
    to A: a manager, a picker and a sales rep."""
    a, b = make_warehouse(api), make_warehouse(api)
    bin_a, bin_b = make_location(api, a), make_location(api, b)
    product = make_product(api)
    add_stock(api, product, bin_a, 10)
    add_stock(api, product, bin_b, 10)
    return SimpleNamespace(
        a=a, b=b, bin_a=bin_a, bin_b=bin_b, product=product, customer=make_partner(api, "customers"),
        manager=make_limited(api, app, "boss-a", "manager", [a["id"]]),
        picker=make_limited(api, app, "picker-a", "warehouse", [a["id"]]),
        rep=make_limited(api, app, "rep-a", "sales", [a["id"]]))


def refused(response):
    """True when the response is the warehouse limit's 403."""
    return response.status_code == 403 and response.json["error"]["code"] == "warehouse"


def test_me_lists_the_warehouses(limits):
    assert ok(limits.manager.get("/api/v1/auth/me"))["user"]["warehouses"] == [limits.a["id"]]


def adjustment_approval(api, limits, bin_):
    """The pending approval of an adjustment (by the admin) of 5 units found at a bin."""
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": bin_["warehouse_id"], "reason": "found",
        "lines": [{"product_id": limits.product["id"], "location_id": bin_["id"], "qty": 5}]}))
    return pending_approval(api, adjustment["id"])


def test_a_limited_manager_cannot_approve_another_warehouses_adjustment(api, limits):
    approval = adjustment_approval(api, limits, limits.bin_b)
    assert refused(limits.manager.post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    assert ok(api.get(f"/api/v1/approvals/{approval['id']}"))["status"] == "pending"


def test_a_limited_manager_approves_their_own_warehouses_adjustment(api, limits):
    approval = adjustment_approval(api, limits, limits.bin_a)
    ok(limits.manager.post(f"/api/v1/approvals/{approval['id']}/approve", {}))


def test_a_limited_picker_cannot_ship_a_transfer_out_of_another_warehouse(api, limits):
    inbound = transfer(api, limits.b, limits.bin_b, limits.a, limits.product)
    assert refused(limits.picker.post(f"/api/v1/transfers/{inbound['id']}/ship"))
    assert ok(api.get(f"/api/v1/transfers/{inbound['id']}"))["status"] == "draft"


def test_a_limited_picker_cannot_receive_a_transfer_into_another_warehouse(api, limits):
    outbound = transfer(api, limits.a, limits.bin_a, limits.b, limits.product, ship=True)
    response = limits.picker.post(f"/api/v1/transfers/{outbound['id']}/receive",
                                  {"to_location_id": limits.bin_b["id"]})
    assert refused(response)
    assert ok(api.get(f"/api/v1/transfers/{outbound['id']}"))["status"] == "in_transit"


def test_a_limited_picker_sees_and_receives_a_transfer_coming_in(api, limits):
    inbound = transfer(api, limits.b, limits.bin_b, limits.a, limits.product, ship=True)
    ok(limits.picker.get(f"/api/v1/transfers/{inbound['id']}"))
    received = ok(limits.picker.post(f"/api/v1/transfers/{inbound['id']}/receive",
                                     {"to_location_id": limits.bin_a["id"]}))
    assert received["status"] == "received"


def test_a_return_cannot_be_booked_against_another_warehouses_order(api, limits):
    theirs = shipped_order(api, limits.b, limits.bin_b, limits.product, limits.customer)
    response = limits.picker.post("/api/v1/sales-returns", {
        "order_id": theirs["id"], "warehouse_id": limits.a["id"], "reason": "damaged",
        "disposition": "quarantine", "lines": [{"product_id": limits.product["id"], "qty": 1}]})
    assert refused(response)
    assert ok(api.get("/api/v1/sales-returns"))["items"] == []


@pytest.mark.parametrize("value", ["{}", "+{}", "0{}", " {}"])
def test_a_stock_filter_naming_another_warehouse_is_refused_however_written(limits, value):
    url = "/api/v1/stock?warehouse_id=" + value.format(limits.b["id"])
    response = limits.picker.get(url)
    assert refused(response) or (response.status_code == 422 and "items" not in response.json)


@pytest.mark.parametrize("url", ["/api/v1/stock", "/api/v1/stock/levels", "/api/v1/stock/moves"])
def test_stock_lists_without_a_filter_show_only_the_users_warehouses(limits, url):
    rows = ok(limits.picker.get(url + "?limit=500"))["items"]
    assert rows and all(row.get("warehouse_id", limits.a["id"]) == limits.a["id"]
                        and row.get("location_id", limits.bin_a["id"]) != limits.bin_b["id"]
                        for row in rows)


def test_document_lists_without_a_filter_show_only_the_users_warehouses(api, limits):
    mine = make_order(api, limits.customer, limits.a, [(limits.product, 1)])
    make_order(api, limits.customer, limits.b, [(limits.product, 1)])
    listed = ok(limits.rep.get("/api/v1/sales-orders"))["items"]
    assert [o["id"] for o in listed] == [mine["id"]]


def test_documents_of_another_warehouse_are_403(api, limits):
    mine = ok(api.post("/api/v1/stocktakes", {"warehouse_id": limits.a["id"]}))
    theirs = ok(api.post("/api/v1/stocktakes", {"warehouse_id": limits.b["id"]}))
    ok(limits.manager.get(f"/api/v1/stocktakes/{mine['id']}"))
    assert refused(limits.manager.get(f"/api/v1/stocktakes/{theirs['id']}"))


def test_a_new_document_in_another_warehouse_is_403(limits):
    assert refused(limits.manager.post("/api/v1/stocktakes", {"warehouse_id": limits.b["id"]}))


def test_a_line_at_a_bin_of_another_warehouse_is_refused(limits):
    response = limits.manager.post("/api/v1/stock/adjustments", {
        "warehouse_id": limits.a["id"], "reason": "count",
        "lines": [{"product_id": limits.product["id"], "location_id": limits.bin_b["id"],
                   "qty": 1}]})
    assert response.status_code == 422 and response.json["error"]["code"] == "wrong_warehouse"


def test_scanning_a_label_or_document_of_another_warehouse_is_403(api, limits):
    theirs = make_order(api, limits.customer, limits.b, [(limits.product, 1)])
    for code in (limits.bin_b["barcode"], f"STP:SO:{theirs['number']}"):
        assert refused(limits.picker.get(f"/api/v1/scan/resolve?code={code}"))
    assert ok(limits.picker.get(f"/api/v1/scan/resolve?code={limits.bin_a['barcode']}"))


def test_seeing_every_warehouses_stock_is_a_grant_an_admin_gives(api, limits):
    levels_b = f"/api/v1/stock/levels?warehouse_id={limits.b['id']}"
    assert refused(limits.rep.get(levels_b))
    rep = ok(limits.rep.get("/api/v1/auth/me"))["user"]
    assert ok(api.get(f"/api/v1/users/{rep['id']}"))["sees_all_stock"] is False
    assert api.as_user("boss").patch(f"/api/v1/users/{rep['id']}",
                                     {"sees_all_stock": True}).status_code == 403
    ok(api.patch(f"/api/v1/users/{rep['id']}", {"sees_all_stock": True}))
    assert ok(limits.rep.get(levels_b))["items"][0]["on_hand"] == 10
    make_order(api, limits.customer, limits.b, [(limits.product, 1)])
    assert ok(limits.rep.get("/api/v1/sales-orders"))["items"] == []  # figures, not documents


def test_a_limited_manager_reads_no_audit_trail(limits):
    assert refused(limits.manager.get("/api/v1/audit"))


def test_a_camera_frame_of_another_warehouses_label_resolves_to_a_refusal(app, limits):
    from backend.realtime import socketio
    from tests.backend.scan.images import png_of
    token = app.extensions["test_tokens"]["picker-a"]
    channel = socketio.test_client(app, auth={"token": token})
    readings = {}
    for label in (limits.bin_a["barcode"], limits.bin_b["barcode"]):
        channel.emit("scan.frame", {"frame_id": 1, "image": png_of("Code128", label)})
        [message] = channel.get_received()
        [reading] = message["args"][0]["readings"]
        readings[label] = reading["resolution"]
        channel.emit("scan.reset")
    channel.disconnect()
    assert readings[limits.bin_a["barcode"]]["location"]["id"] == limits.bin_a["id"]
    assert readings[limits.bin_b["barcode"]]["error"]["code"] == "warehouse"


def test_a_limited_manager_sees_no_user_of_another_warehouse(api, app, limits):
    clerk = make_limited(api, app, "clerk-b", "warehouse", [limits.b["id"]])
    clerk_id = ok(clerk.get("/api/v1/auth/me"))["user"]["id"]
    assert refused(limits.manager.get(f"/api/v1/users/{clerk_id}"))
    listed = {u["username"] for u in ok(limits.manager.get("/api/v1/users"))["items"]}
    assert "clerk-b" not in listed and {"picker-a", "admin"} <= listed
